"""The Functions lab: activation functions, their derivatives and the loss functions, one page
(tab) each, all drawn from the engine's own functions.

The lab is the thin controller: it makes the workers, the shared activation choice and the pages,
and maps the window's commands (Run, Step, Reset, --steps) to the one thing here that trains, the
MSE-versus-cross-entropy race.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.labs.base import Lab, register
from desktop.theme import Style, make_style

from .activation_choice import ActivationChoice
from .activations_page import ActivationsPage
from .calculator import Calculator
from .cross_entropy_page import CrossEntropyPage
from .depth_page import DepthPage
from .losses_page import LossesPage
from .page import Page
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
        self.view_style = make_style()
        self.calculator = Calculator(self.make_worker())
        self.choice = ActivationChoice()
        builders = {
            "activations": lambda: ActivationsPage(self.choice),
            "depth": lambda: DepthPage(self.choice, self.calculator, seed),
            "softmax": SoftmaxPage,
            "losses": lambda: LossesPage(self.calculator),
            "cross_entropy": self._build_cross_entropy_page,
            "task_table": TaskTablePage,
        }
        self._slots = {key: _PageSlot(build, self) for key, build in builders.items()}
        self.tabs = QTabWidget()
        for slot in self._slots.values():
            self.tabs.addTab(slot, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.calculator.failed.connect(self._on_calculation_failed)
        self.retranslate()

    # ----- pages, built when first needed -------------------------------------------------------

    @property
    def activations_page(self) -> ActivationsPage:
        return self._slots["activations"].page()

    @property
    def depth_page(self) -> DepthPage:
        return self._slots["depth"].page()

    @property
    def softmax_page(self) -> SoftmaxPage:
        return self._slots["softmax"].page()

    @property
    def losses_page(self) -> LossesPage:
        return self._slots["losses"].page()

    @property
    def cross_entropy_page(self) -> CrossEntropyPage:
        return self._slots["cross_entropy"].page()

    @property
    def task_table_page(self) -> TaskTablePage:
        return self._slots["task_table"].page()

    def _build_cross_entropy_page(self) -> CrossEntropyPage:
        page = CrossEntropyPage(self.make_worker(), self.seed)
        page.running_changed.connect(self.running_changed)
        page.advanced.connect(self._settle_when_idle)
        return page

    def show_page(self, page: Page) -> None:
        self.tabs.setCurrentWidget(page.parentWidget())

    def built_pages(self) -> list[Page]:
        return [slot.built for slot in self._slots.values() if slot.built is not None]

    # ----- text and look -------------------------------------------------------------------------

    def _tab_titles(self) -> list[str]:
        return [self.tr("Activations"), self.tr("Through depth"), self.tr("Softmax"),
                self.tr("Losses"), self.tr("Why cross-entropy"), self.tr("Which output and loss?")]

    def retranslate(self) -> None:
        for index, title in enumerate(self._tab_titles()):
            self.tabs.setTabText(index, title)
        for page in self.built_pages():
            page.retranslate()

    def apply_style(self, style: Style) -> None:
        self.view_style = style
        for page in self.built_pages():
            page.apply_style(style)

    # ----- running: the race ---------------------------------------------------------------------

    def _race(self) -> CrossEntropyPage | None:
        """The race's page if it exists (asking whether it runs must not build it)."""
        return self._slots["cross_entropy"].built

    def is_running(self) -> bool:
        race = self._race()
        return race is not None and race.running

    def run(self) -> None:
        """Run the race, and show it: it is the only thing here that trains."""
        self.show_page(self.cross_entropy_page)
        self.cross_entropy_page.run()

    def pause(self) -> None:
        if self._race() is not None:
            self._race().pause()

    def step(self) -> None:
        self.show_page(self.cross_entropy_page)
        self.cross_entropy_page.step()

    def reset(self) -> None:
        if self._race() is not None:
            self._race().reset()

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
            self.calculator.idle.connect(self._settle_when_idle,
                                         type=Qt.ConnectionType.SingleShotConnection)

    def _on_calculation_failed(self, message: str) -> None:
        self.status_message.emit(self.tr("A calculation failed: %1").replace("%1", message))



class _PageSlot(QWidget):
    """A tab's place: builds its page the first time it is shown or asked for, so that opening
    the lab costs one page, not six."""

    def __init__(self, build: Callable[[], Page], lab: FunctionsLab) -> None:
        super().__init__()
        self._build = build
        self._lab = lab
        self.built: Page | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def page(self) -> Page:
        if self.built is None:
            self.built = self._build()
            self.built.apply_style(self._lab.view_style)
            self.layout().addWidget(self.built)
        return self.built

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.page()
        super().showEvent(event)
