"""Each test starts and ends with the default UI language and no pseudo-locale, so a test that
switches language cannot change the words another test sees."""

import pytest

from posyandu_desktop.i18n import DEFAULT_LANGUAGE, PSEUDO_LOCALE_ENV, default_localedir, install


@pytest.fixture(autouse=True)
def _default_language(monkeypatch):
    monkeypatch.delenv(PSEUDO_LOCALE_ENV, raising=False)
    install(DEFAULT_LANGUAGE, default_localedir())
    yield
    monkeypatch.delenv(PSEUDO_LOCALE_ENV, raising=False)
    install(DEFAULT_LANGUAGE, default_localedir())
