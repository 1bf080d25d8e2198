"""Languages: which ones exist, which one to start with, and switching at run time.

Every room of the app (the shell, each lab, each widget) has its own translation file,
``resources/translations/<room>.zh_CN.ts``, compiled to ``.qm`` by ``tools/translations.py``, so
people working on different labs never edit the same file. Choosing a language installs every
``.qm`` for it, plus Qt's own translations of standard dialogs; Qt then sends
``QEvent.LanguageChange`` to every widget, which retranslates.
English is the source language: choosing it just removes the translators.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase

from desktop.resources import resource_path

_log = logging.getLogger(__name__)

# Language codes and their names, each written in its own language (so that a user who cannot
# read the current one still finds theirs).
LANGUAGES = {"en": "English", "zh_CN": "中文"}

# Fonts that draw Simplified Chinese with mainland glyph shapes, best first (Linux, macOS, Windows).
CJK_FONT_FAMILIES = (
    "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    "WenQuanYi Micro Hei", "Noto Sans SC",
)


def system_language() -> str:
    """zh_CN if the system locale is any Chinese, English otherwise."""
    return "zh_CN" if QLocale.system().name().lower().startswith("zh") else "en"


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    return language


def available_cjk_families() -> list[str]:
    """The installed fonts from :data:`CJK_FONT_FAMILIES`, best first (needs a QGuiApplication)."""
    installed = set(QFontDatabase.families())
    return [family for family in CJK_FONT_FAMILIES if family in installed]


def font_with_cjk_fallback(font: QFont) -> QFont:
    """``font`` with a Simplified-Chinese font behind it, so that Chinese text is drawn with
    mainland glyphs rather than whatever font the system falls back to first (often Japanese)."""
    families = [family for family in font.families() or [font.family()]]
    for family in available_cjk_families():
        if family not in families:
            families.append(family)
    fallback = QFont(font)
    fallback.setFamilies(families)
    return fallback


# The translators of the current language. Translators are application-wide, so this state is too.
_installed: list[QTranslator] = []
_language = "en"


def current_language() -> str:
    return _language


def set_language(language: str) -> None:
    """Switch the whole application to ``language`` (one of :data:`LANGUAGES`)."""
    global _language
    check_language(language)
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != "en":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        _install(app, f"qtbase_{language}", qt_dir)
        for qm in sorted(resource_path("translations").glob(f"*.{language}.qm")):
            _install(app, qm.name, str(qm.parent))
    _language = language


def _install(app: QCoreApplication, file_name: str, directory: str) -> None:
    translator = QTranslator(app)
    if translator.load(file_name, directory):
        app.installTranslator(translator)
        _installed.append(translator)
    else:
        _log.warning("no translations loaded from %s in %s", file_name, directory)
