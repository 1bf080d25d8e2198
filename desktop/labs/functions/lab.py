"""The Functions lab: activation functions, their derivatives and the loss functions, one page
(tab) each, all drawn from the engine's own functions.

The lab is the thin controller: it makes the workers, the shared activation choice and the pages,
and maps the window's commands (Run, Step, Reset, --steps) to the one thing here that trains, the
MSE-versus-cross-entropy race.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QTabWidget, QVBoxLayout

from desktop.labs.base import Lab, register
from desktop.theme import Style

from .activation_choice import ActivationChoice
from .activations_page import ActivationsPage
from .calculator import Calculator
from .cross_entropy_page import CrossEntropyPage
from .depth_page import DepthPage
from .losses_page import LossesPage
from .softmax_page import SoftmaxPage
from .task_table_page import TaskTablePage


@register
class FunctionsLab(Lab):
    lab_id = "functions"
    order = 20
    advance_unit = "race step"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("FunctionsLab", "Functions")

    def __init__(self, seed: int, parent=None) -> None:
        super().__init__(seed, parent)
        self.calculator = Calculator(self.make_worker())
        self.choice = ActivationChoice()
        self.activations_page = ActivationsPage(self.choice)
        self.depth_page = DepthPage(self.choice, self.calculator, seed)
        self.softmax_page = SoftmaxPage()
        self.losses_page = LossesPage(self.calculator)
        self.cross_entropy_page = CrossEntropyPage(self.make_worker(), seed)
        self.task_table_page = TaskTablePage()
        self.pages = (self.activations_page, self.depth_page, self.softmax_page,
                      self.losses_page, self.cross_entropy_page, self.task_table_page)
        self.tabs = QTabWidget()
        for page in self.pages:
            self.tabs.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.cross_entropy_page.running_changed.connect(self.running_changed)
        self.cross_entropy_page.advanced.connect(self._settle_when_idle)
        self.calculator.failed.connect(self._on_calculation_failed)
        self.retranslate()

    # ----- text and look ---------------------------------------------------------------------------

    def _tab_titles(self) -> list[str]:
        return [self.tr("Activations"), self.tr("Through depth"), self.tr("Softmax"),
                self.tr("Losses"), self.tr("Why cross-entropy"), self.tr("Which output and loss?")]

    def retranslate(self) -> None:
        for index, title in enumerate(self._tab_titles()):
            self.tabs.setTabText(index, title)
        for page in self.pages:
            page.retranslate()

    def apply_style(self, style: Style) -> None:
        for page in self.pages:
            page.apply_style(style)

    # ----- running: the race -----------------------------------------------------------------------

    def is_running(self) -> bool:
        return self.cross_entropy_page.running

    def run(self) -> None:
        """Run the race (and show it: it is the only thing here that trains)."""
        self.tabs.setCurrentWidget(self.cross_entropy_page)
        self.cross_entropy_page.run()

    def pause(self) -> None:
        self.cross_entropy_page.pause()

    def step(self) -> None:
        self.cross_entropy_page.step()

    def reset(self) -> None:
        self.cross_entropy_page.reset()

    def advance(self, steps: int) -> None:
        if steps > 0:
            self.cross_entropy_page.advance(steps)
        else:
            self._settle_when_idle()

    def _settle_when_idle(self) -> None:
        """Emit ``settled`` once every view shows its computed curves."""
        if self.calculator.is_idle():
            QTimer.singleShot(0, self.settled.emit)
        else:
            self.calculator.idle.connect(self._settle_when_idle, type=Qt.ConnectionType.SingleShotConnection)

    def _on_calculation_failed(self, message: str) -> None:
        self.status_message.emit(self.tr("A calculation failed: %1").replace("%1", message))

