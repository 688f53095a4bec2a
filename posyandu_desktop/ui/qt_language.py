"""Qt's own words and formats in the UI language: month and day names in calendars, numbers,
and the few texts of Qt's dialogs (Qt ships no Indonesian translation of them, so the app
ships its own: resources/locale/id/qt/qtbase_id.ts)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

_LOCALES = {
    "id": QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}
_installed: list[QTranslator] = []


def use_qt_language(lang: str, locale_dir: Path) -> None:
    """Set Qt's default locale for `lang` and load the app's translation of Qt's texts."""
    QLocale.setDefault(_LOCALES.get(lang, _LOCALES["en"]))
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    translator = QTranslator()
    if translator.load(str(locale_dir / lang / "qt" / f"qtbase_{lang}.qm")):
        app.installTranslator(translator)
        _installed.append(translator)
