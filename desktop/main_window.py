"""The main window: the labs as pages, the menus and shortcuts, the status bar, the view settings.

The window owns no learning logic. It creates a lab when it is first opened, forwards the menu
commands and shortcuts to the lab's hooks (see ``desktop/labs/base.py``), and applies language,
theme and presentation mode to the application and to every lab it has created.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow,
    QMessageBox, QStackedWidget, QWidget,
)

from desktop import i18n
from desktop.i18n import LANGUAGES, available_cjk_families
from desktop.labs.base import Lab, LabFileError
from desktop.theme import THEMES, Style, apply_to_application, make_style

# QSettings keys (the application sets organization and application names).
GEOMETRY_KEY = "window/geometry"
LAB_KEY = "window/lab"
LANGUAGE_KEY = "view/language"
THEME_KEY = "view/theme"
PRESENTATION_KEY = "view/presentation"

# How long a lab's status message stays in the status bar.
STATUS_TIMEOUT_MS = 8000


class MainWindow(QMainWindow):
    """The labs in a side bar, one page each; menus File, View, Lab, Help."""

    def __init__(
        self,
        lab_classes: Sequence[type[Lab]] = (),
        *,
        seed: int,
        theme: str = "light",
        presentation: bool = False,
        remember: bool = True,
    ) -> None:
        """``lab_classes``: the labs in side-bar order (more can come with :meth:`add_labs`).
        ``remember``: store view changes, the window geometry and the last lab in QSettings
        (off for command-line screenshots, which must not change the user's settings)."""
        super().__init__()
        self._lab_classes: list[type[Lab]] = []
        self._loading = True  # until add_labs() has been called
        self._seed = seed
        self._remember = remember
        self._labs: dict[str, Lab] = {}  # created on first visit
        self._style = make_style(theme, presentation)
        # Before any widget exists: widgets created earlier may keep the old font.
        apply_to_application(QApplication.instance(), self._style)

        self._lab_list = QListWidget()
        self._lab_list.setObjectName("labList")
        self._pages = QStackedWidget()
        self._no_labs = QLabel()
        self._no_labs.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._pages.addWidget(self._no_labs)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._lab_list)
        layout.addWidget(self._pages, 1)
        self.setCentralWidget(central)

        self._create_actions()
        self._create_menus()
        self._lab_list.currentRowChanged.connect(self._on_row_changed)
        self.retranslate_ui()
        self._apply_style()
        self._update_lab_actions()
        self._check_chinese_font()
        if lab_classes:
            self.add_labs(lab_classes)

    # ----- labs ----------------------------------------------------------------------------------

    def add_labs(self, lab_classes: Sequence[type[Lab]]) -> None:
        """Add labs to the side bar (the app shows the window first, then loads the labs)."""
        self._loading = False
        for lab_class in lab_classes:
            if lab_class.lab_id in self.lab_ids():
                continue
            self._lab_classes.append(lab_class)
            item = QListWidgetItem(lab_class.icon(), lab_class.title())
            item.setData(Qt.ItemDataRole.UserRole, lab_class.lab_id)
            self._lab_list.addItem(item)
        self.retranslate_ui()

    def current_lab(self) -> Lab | None:
        page = self._pages.currentWidget()
        return page if isinstance(page, Lab) else None

    def lab_ids(self) -> list[str]:
        return [lab_class.lab_id for lab_class in self._lab_classes]

    def show_lab(self, lab_id: str) -> Lab:
        """Open the lab ``lab_id`` (creating it on first use) and return it."""
        row = self.lab_ids().index(lab_id)
        self._lab_list.setCurrentRow(row)
        return self._labs[lab_id]

    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            return
        lab_class = self._lab_classes[row]
        lab = self._labs.get(lab_class.lab_id)
        if lab is None:
            lab = lab_class(self._seed)
            lab.apply_style(self._style)
            lab.status_message.connect(self._show_status)
            lab.running_changed.connect(self._update_lab_actions)
            self._labs[lab_class.lab_id] = lab
            self._pages.addWidget(lab)
        self._pages.setCurrentWidget(lab)
        sys.setswitchinterval(lab.gil_switch_seconds)
        self.setWindowTitle(self._window_title())
        self._update_lab_actions()
        if self._remember:
            QSettings().setValue(LAB_KEY, lab_class.lab_id)

    def show_load_problems(self, problems: Sequence[str]) -> None:
        """Say in the status bar which labs failed to load (the details are in the log)."""
        self.statusBar().showMessage(
            self.tr("Some labs failed to load: %1").replace("%1", "; ".join(problems))
        )

    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    # ----- actions and menus ---------------------------------------------------------------------

    def _action(self, slot, *shortcuts, checkable: bool = False) -> QAction:
        action = QAction(self)
        action.setShortcuts([QKeySequence(shortcut) for shortcut in shortcuts])
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        self.addAction(action)  # shortcuts work in full screen, where the menu bar may be hidden
        return action

    def _create_actions(self) -> None:
        self.open_action = self._action(self.open_file, QKeySequence.StandardKey.Open)
        self.save_action = self._action(self.save_file, QKeySequence.StandardKey.Save)
        self.screenshot_action = self._action(self.choose_screenshot_file, "F12")
        self.quit_action = self._action(self.close, "Ctrl+Q")

        self.presentation_action = self._action(self.set_presentation, "F5", checkable=True)
        self.presentation_action.setChecked(self._style.presentation)
        self.full_screen_action = self._action(self.set_full_screen, "F11", checkable=True)
        self.theme_actions = self._exclusive_group(THEMES, self._style.theme, self.set_theme)
        self.language_actions = self._exclusive_group(
            LANGUAGES, i18n.current_language(), self.set_language
        )
        for code, action in self.language_actions.items():
            action.setText(LANGUAGES[code])  # each language named in itself, never translated

        self.run_action = self._action(self._run_or_pause, "Space")
        self.step_action = self._action(self._step, "Right", "S")
        self.reset_action = self._action(self._reset, "R")
        self.about_action = self._action(self.show_about)

    def _exclusive_group(self, choices, current: str, choose) -> dict[str, QAction]:
        group = QActionGroup(self)
        actions = {}
        for choice in choices:
            action = QAction(group)
            action.setCheckable(True)
            action.setChecked(choice == current)
            action.triggered.connect(lambda _checked=False, value=choice: choose(value))
            actions[choice] = action
        return actions

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.open_action, self.save_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.screenshot_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("")
        self.view_menu.addActions([self.presentation_action, self.full_screen_action])
        self.view_menu.addSeparator()
        self.theme_menu = self.view_menu.addMenu("")
        self.theme_menu.addActions(list(self.theme_actions.values()))
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))

        self.lab_menu = bar.addMenu("")
        self.lab_menu.addActions([self.run_action, self.step_action, self.reset_action])

        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def retranslate_ui(self) -> None:
        """Set every text of the window in the current language (the labs do their own)."""
        self.file_menu.setTitle(self.tr("&File"))
        self.open_action.setText(self.tr("&Open…"))
        self.save_action.setText(self.tr("&Save…"))
        self.screenshot_action.setText(self.tr("Save Screens&hot…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.presentation_action.setText(self.tr("&Presentation Mode"))
        self.full_screen_action.setText(self.tr("&Full Screen"))
        self.theme_menu.setTitle(self.tr("&Theme"))
        self.theme_actions["light"].setText(self.tr("&Light"))
        self.theme_actions["dark"].setText(self.tr("&Dark"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.lab_menu.setTitle(self.tr("&Lab"))
        self.step_action.setText(self.tr("&Step"))
        self.reset_action.setText(self.tr("&Reset"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About Descent Lab"))
        self._no_labs.setText(
            self.tr("Loading the labs…") if self._loading else self.tr("No labs are installed.")
        )
        for row, lab_class in enumerate(self._lab_classes):
            self._lab_list.item(row).setText(lab_class.title())
        self._fit_lab_list()
        self._update_lab_actions()
        self.setWindowTitle(self._window_title())

    def _window_title(self) -> str:
        lab = self.current_lab()
        name = self.tr("Descent Lab")
        return f"{type(lab).title()} — {name}" if lab is not None else name

    def _fit_lab_list(self) -> None:
        self._lab_list.setFixedWidth(self._lab_list.sizeHintForColumn(0) + 24)

    def _update_lab_actions(self) -> None:
        lab = self.current_lab()
        for action in (self.run_action, self.step_action, self.reset_action):
            action.setEnabled(lab is not None)
        running = lab is not None and lab.is_running()
        self.run_action.setText(self.tr("&Pause") if running else self.tr("&Run"))
        has_files = lab is not None and bool(lab.file_filter())
        self.save_action.setEnabled(has_files)
        self.open_action.setEnabled(has_files)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.WindowStateChange:
            self.full_screen_action.setChecked(self.isFullScreen())
        super().changeEvent(event)

    # ----- lab commands --------------------------------------------------------------------------

    def _run_or_pause(self) -> None:
        if (lab := self.current_lab()) is not None:
            lab.toggle_run()

    def _step(self) -> None:
        if (lab := self.current_lab()) is not None:
            lab.step()

    def _reset(self) -> None:
        if (lab := self.current_lab()) is not None:
            lab.reset()

    # ----- files ---------------------------------------------------------------------------------

    def open_file(self) -> None:
        lab = self.current_lab()
        if lab is None or not lab.file_filter():
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open"), "", lab.file_filter())
        if path:
            self._file_operation(
                lab.open, path, self.tr("Could not open the file"), self.tr("Opened %1")
            )

    def save_file(self) -> None:
        lab = self.current_lab()
        if lab is None or not lab.file_filter():
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save"), "", lab.file_filter())
        if path:
            self._file_operation(
                lab.save, path, self.tr("Could not save the file"), self.tr("Saved %1")
            )

    def choose_screenshot_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save Screenshot"), "screenshot.png", self.tr("PNG images (*.png)")
        )
        if path:
            self._file_operation(
                self.save_screenshot, path, self.tr("Could not save the screenshot"),
                self.tr("Saved %1"),
            )

    def _file_operation(self, operation, path: str, failure: str, success: str) -> None:
        """Run ``operation(path)``; say in the status bar that it worked (``success`` with %1 for
        the path), or in a message box what went wrong."""
        try:
            operation(path)
        except (LabFileError, OSError, ValueError) as error:
            QMessageBox.warning(self, failure, f"{failure}:\n{path}\n\n{error}")
        else:
            self._show_status(success.replace("%1", path))

    def save_screenshot(self, path: str | os.PathLike) -> None:
        """Save an image of the whole window. The image is written to a temporary file next to
        ``path`` and then renamed, so ``path`` never holds a half-written image."""
        target = Path(path)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.part{target.suffix}")
        try:
            if not self.grab().save(str(temporary)):
                raise OSError(self.tr("the image could not be written"))
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)

    # ----- view ----------------------------------------------------------------------------------

    @property
    def view_style(self) -> Style:
        return self._style

    def set_language(self, language: str) -> None:
        i18n.set_language(language)
        self.language_actions[language].setChecked(True)
        if self._remember:
            QSettings().setValue(LANGUAGE_KEY, language)
        self._check_chinese_font()

    def _check_chinese_font(self) -> None:
        if i18n.current_language() == "zh_CN" and not available_cjk_families():
            # Deliberately untranslated: without the font, a Chinese message could not be read.
            self.statusBar().showMessage(
                "No Chinese font is installed, so Chinese text may not display. "
                "On Linux install fonts-noto-cjk."
            )

    def set_theme(self, theme: str) -> None:
        self._style = make_style(theme, self._style.presentation)
        self.theme_actions[theme].setChecked(True)
        self._apply_style()
        if self._remember:
            QSettings().setValue(THEME_KEY, theme)

    def set_presentation(self, on: bool) -> None:
        if on == self._style.presentation:
            return
        self._style = make_style(self._style.theme, on)
        self.presentation_action.setChecked(on)
        self._apply_style()
        if self._remember:
            QSettings().setValue(PRESENTATION_KEY, on)

    def set_full_screen(self, on: bool) -> None:
        if on and not self.isFullScreen():
            self.showFullScreen()
        elif not on and self.isFullScreen():
            self.showNormal()

    def _apply_style(self) -> None:
        apply_to_application(QApplication.instance(), self._style)
        icon_size = round(32 * self._style.font_scale)
        self._lab_list.setIconSize(QSize(icon_size, icon_size))
        list_font = QFont()  # the application font, just applied
        list_font.setPointSizeF(list_font.pointSizeF() * 1.15)
        self._lab_list.setFont(list_font)
        self._fit_lab_list()
        for lab in self._labs.values():
            lab.apply_style(self._style)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Descent Lab"),
            self.tr(
                "<h3>Descent Lab</h3>"
                "<p>See how neural networks learn, live.</p>"
                "<p><b>Keyboard</b><br>"
                "Space: run / pause<br>→ or S: one step<br>R: reset<br>"
                "F5: presentation mode<br>F11: full screen<br>F12: screenshot<br>"
                "Ctrl+S / Ctrl+O: save / open</p>"
            ),
        )

    # ----- closing -------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._remember:
            QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        for lab in self._labs.values():
            lab.shutdown()
        super().closeEvent(event)
