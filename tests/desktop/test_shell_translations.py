"""Translations: complete and compiled for every room, loaded at run time, Chinese renders."""
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from desktop import i18n
from desktop.i18n import LANGUAGES, available_cjk_families, font_with_cjk_fallback

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"


def test_every_room_is_fully_translated_and_compiled():
    """tools/translations.py --check: no untranslated or missing strings, no stale .qm."""
    checked = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "translations.py"), "--check"],
        capture_output=True, text=True, timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_every_translation_file_has_its_compiled_form():
    sources = sorted(path.name.removesuffix(".ts") for path in TRANSLATIONS.glob("*.ts"))
    compiled = sorted(path.name.removesuffix(".qm") for path in TRANSLATIONS.glob("*.qm"))
    assert "shell.zh_CN" in sources
    assert sources == compiled


def test_switching_language_loads_and_unloads_the_translations(qapp, english_afterwards):
    i18n.set_language("zh_CN")
    assert i18n.current_language() == "zh_CN"
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own dialogs
    i18n.set_language("en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_unknown_languages_are_refused(qapp):
    with pytest.raises(ValueError, match="unknown language 'fr'; choose one of en, zh_CN"):
        i18n.set_language("fr")
    assert i18n.current_language() == "en"


def test_the_system_locale_picks_the_language(monkeypatch):
    for locale, expected in [("zh_CN", "zh_CN"), ("zh_TW", "zh_CN"), ("en_US", "en"),
                             ("de_DE", "en")]:
        monkeypatch.setattr(i18n.QLocale, "system", staticmethod(lambda name=locale: QLocale(name)))
        assert i18n.system_language() == expected
    assert set(LANGUAGES) == {"en", "zh_CN"}


def test_chinese_text_has_a_font_with_mainland_glyphs(qapp):
    families = available_cjk_families()
    assert families, "no Chinese font installed: on Linux install fonts-noto-cjk"
    writing_systems = QFontDatabase.writingSystems(families[0])
    assert QFontDatabase.WritingSystem.SimplifiedChinese in writing_systems
    font = font_with_cjk_fallback(QFont())
    assert families[0] in font.families()
    assert QFontMetrics(QFont(families[0])).inFontUcs4(ord("梯"))
