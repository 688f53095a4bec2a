"""gettext catalogs: the UI language, `_()` and friends, and translators for other languages.

Source strings are English; `resources/locale/<lang>/LC_MESSAGES/posyandu.mo` holds the others,
compiled from the .po next to it by `build_catalogs` (Babel is a development tool only: the app
reads .mo files with the standard library). Anything not in a catalog comes out in English.
"""

from __future__ import annotations

import gettext
import logging
import math
import os
import sys
from pathlib import Path
from typing import Protocol

DOMAIN = "posyandu"
# The languages the app speaks: English is the source text, the others have a catalog.
SOURCE_LANGUAGE = "en"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
# Set to 1 to stretch every string ~40% between brackets: Indonesian runs longer than English,
# so layouts are tried on longer text (Vorta's TRANS_SCALE); unbracketed text skipped `_()`.
PSEUDO_LOCALE_ENV = "POSYANDU_PSEUDO_LOCALE"
_PSEUDO_SCALE = 1.4

_log = logging.getLogger(__name__)


class Translator(Protocol):
    """What `translator()` returns: the methods of `gettext.NullTranslations` that we use."""

    def gettext(self, message: str, /) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...
    def pgettext(self, context: str, message: str, /) -> str: ...
    def npgettext(self, context: str, singular: str, plural: str, n: int, /) -> str: ...


def language_code(lang: str) -> str:
    """'id', 'ID', 'id_ID' and 'id-ID' all mean Indonesian; an unknown language is English."""
    code = lang.replace("-", "_").split("_", 1)[0].lower()
    return code if code in LANGUAGES else SOURCE_LANGUAGE


def default_localedir() -> Path:
    """`resources/locale` from a source checkout or a PyInstaller bundle (as `settings.
    resource_path` finds it; repeated here because i18n may import only domain)."""
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parents[2]
    return base / "resources" / "locale"


def _pseudo_from_environment() -> bool:
    return os.environ.get(PSEUDO_LOCALE_ENV, "").strip() not in ("", "0")


def stretch(text: str) -> str:
    """`text` made ~40% longer between brackets; `{placeholders}` still format."""
    if not text:
        return text
    padding = max(0, math.ceil(len(text) * (_PSEUDO_SCALE - 1)) - 2)
    return f"[{text}{'~' * padding}]"


class _Stretched(gettext.NullTranslations):
    """A translator whose every answer is `stretch`ed, for layout tests."""

    def __init__(self, inner: Translator) -> None:
        super().__init__()
        self._inner = inner

    def gettext(self, message: str) -> str:
        return stretch(self._inner.gettext(message))

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return stretch(self._inner.ngettext(msgid1, msgid2, n))

    def pgettext(self, context: str, message: str) -> str:
        return stretch(self._inner.pgettext(context, message))

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return stretch(self._inner.npgettext(context, msgid1, msgid2, n))


class _State:
    """The UI language; set by `install`, else Indonesian from the default folder on first use."""

    installed = False
    localedir: Path | None = None
    pseudo = False
    language = DEFAULT_LANGUAGE
    current: Translator | None = None
    # Keyed by the language as asked, so a hot loop does not normalise it on every call.
    cache: dict[tuple[str, Path | None], Translator] = {}  # noqa: RUF012 (one process-wide cache)


def _load(code: str, localedir: Path) -> Translator:
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    mo = localedir / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        # Opened directly rather than with gettext.translation(), whose process-wide cache
        # would keep serving a catalog after it is rebuilt, and which also reads $LANGUAGE.
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    except OSError as exc:
        _log.warning("no %s catalog (%s): texts stay in English", code, exc)
        return gettext.NullTranslations()


def translator(lang: str | None = None, localedir: Path | str | None = None) -> Translator:
    """The words of `lang` (None: the UI language), e.g. for a PDF in a language other than the
    UI's. `localedir` defaults to the one given to `install`, else `default_localedir()`."""
    if not _State.installed:
        _install_default()
    if lang is None and localedir is None and _State.current is not None:
        return _State.current
    folder = None if localedir is None else Path(localedir)
    key = (_State.language if lang is None else lang, folder)
    found = _State.cache.get(key)
    if found is None:
        base = folder or _State.localedir or default_localedir()
        found = _load(language_code(key[0]), base)
        if _State.pseudo:
            found = _Stretched(found)
        _State.cache[key] = found
    return found


def install(lang: str = DEFAULT_LANGUAGE, localedir: Path | str | None = None) -> None:
    """Make `lang` the UI language. `localedir` (kept for later calls) is where the app ships
    `resources/locale`; $POSYANDU_PSEUDO_LOCALE is read here."""
    _State.installed = True
    if localedir is not None:
        _State.localedir = Path(localedir)
    _State.pseudo = _pseudo_from_environment()
    _State.cache.clear()
    _State.language = language_code(lang)
    _State.current = translator(_State.language)


def _install_default() -> Translator:
    install(_State.language)
    return translator()


def current_language() -> str:
    """The UI language, one of LANGUAGES."""
    return _State.language


def _(message: str) -> str:
    """`message` (English) in the UI language."""
    return (_State.current or _install_default()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of `singular`/`plural` for `n`, in the UI language (Indonesian has one form)."""
    return (_State.current or _install_default()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the UI language, where `context` tells apart identical English words."""
    return (_State.current or _install_default()).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark `message` for extraction where it is defined; translate it where it is shown."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:  # noqa: N802 (the gettext convention)
    """`N_` with a context; translate the pair with `translator(lang).pgettext(*pair)`."""
    return context, message
