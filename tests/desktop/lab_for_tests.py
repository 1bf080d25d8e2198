"""A tiny lab used only by the shell tests: counts steps on a worker and shows the count.

It implements the whole lab protocol with the real Worker, so the tests exercise the main window
and the command line end to end without depending on any real lab.
"""
import itertools

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout

from desktop.labs.base import Lab, LabFileError
from desktop.theme import Style


def counting_from(start):
    """The 'engine': yields start, start+1, ... ; each item is one step."""
    for n in itertools.count(start):
        yield n


class CounterLab(Lab):
    lab_id = "test-counter"
    order = 1
    advance_unit = "count"

    def __init__(self, seed, parent=None):
        super().__init__(seed, parent)
        self.calls = []  # the hooks the main window called, in order
        self.count = 0
        self.style = None
        self._running = False
        self._target = None  # advance(): the count at which to settle
        self.caption = QLabel()
        self.value = QLabel("0")
        self.value.setObjectName("value")
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.value, 1)
        self.worker = self.make_worker()
        self.worker.report.connect(self._show)
        self.worker.running_changed.connect(self._on_running_changed)
        self.retranslate()

    @classmethod
    def title(cls):
        return QCoreApplication.translate("CounterLab", "Counter")

    def retranslate(self):
        self.calls.append("retranslate")
        self.caption.setText(self.tr("Steps counted so far:"))

    def apply_style(self, style: Style):
        self.calls.append("apply_style")
        self.style = style
        font = QFont()
        font.setPointSizeF(48 * style.font_scale)
        self.value.setFont(font)
        self.value.setStyleSheet(f"color: {style.series_color(0).name()}")

    def is_running(self):
        return self._running

    def run(self):
        self.calls.append("run")
        self.worker.start(counting_from(self.count + 1))

    def pause(self):
        self.calls.append("pause")
        self.worker.pause()

    def step(self):
        self.calls.append("step")
        self.worker.stop()
        self.worker.call(lambda: self.count + 1)

    def reset(self):
        self.calls.append("reset")
        self.worker.stop()
        self._show(0)

    def advance(self, steps):
        self.calls.append(f"advance {steps}")
        self._target = self.count + steps
        self.worker.start(iter(range(self.count + 1, self._target + 1)))
        if steps == 0:
            self._settle()

    def file_filter(self):
        return self.tr("Counts (*.count)")

    def save(self, path):
        self.calls.append(f"save {path}")
        with open(path, "w") as file:
            file.write(str(self.count))

    def open(self, path):
        self.calls.append(f"open {path}")
        try:
            with open(path) as file:
                self._show(int(file.read()))
        except (OSError, ValueError) as error:
            raise LabFileError(self.tr("Not a count file: %1").replace("%1", str(error))) from error

    def _show(self, count):
        self.count = count
        self.value.setText(str(count))
        if self._target is not None and count >= self._target:
            self._settle()

    def _settle(self):
        self._target = None
        self.settled.emit()

    def _on_running_changed(self, running):
        self._running = running
        self.running_changed.emit(running)
