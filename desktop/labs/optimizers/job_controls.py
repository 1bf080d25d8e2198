"""The controls of one long computation that a page runs on its own worker: a start and a cancel
button, a progress bar and a line for errors (the learning-rate sweep, the network landscape).

The page owns what the job computes and how its reports are shown; these controls own the
start / cancel / busy cycle, so both pages behave the same way.
"""
from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.theme import Style


class JobControls(QWidget):
    """``start_requested`` fires when the start button is clicked; the page checks its inputs and
    calls :meth:`run` (or :meth:`show_error`)."""

    start_requested = Signal()
    cancelled = Signal()

    def __init__(self, worker, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self._running = False
        self._failure_text = "%1"
        self.start_button, self.cancel_button = QPushButton(), QPushButton()
        self.start_button.clicked.connect(self.start_requested)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.error_label)
        worker.running_changed.connect(self._on_running_changed)
        worker.failed.connect(self._on_failed)

    def set_texts(self, start: str, failure: str) -> None:
        """The start button's text and the error shown when the job fails (%1: the message)."""
        self.start_button.setText(start)
        self.cancel_button.setText(self.tr("Cancel"))
        self._failure_text = failure

    def apply_style(self, style: Style) -> None:
        self.error_label.setStyleSheet(f"color: {style.palette.error};")

    def run(self, job: Iterator, steps: int = 0) -> None:
        """Start ``job`` on the worker with an empty progress bar (``steps`` long, if known)."""
        self.error_label.clear()
        self.progress.setRange(0, max(steps, 1))
        self.progress.setValue(0)
        self.worker.start(job)

    def cancel(self) -> None:
        self.worker.stop()
        self.progress.setValue(0)
        self._on_running_changed(False)
        self.cancelled.emit()

    def is_busy(self) -> bool:
        return self._running

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_running_changed(self, running: bool) -> None:
        self._running = running
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _on_failed(self, message: str) -> None:
        self.error_label.setText(self._failure_text.replace("%1", message))
