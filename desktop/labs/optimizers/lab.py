"""The Optimization lab: "going down the mountain", literally.

Pages (tabs): the race of optimizers on a surface; the learning-rate sweep; moving averages; a
real network's loss landscape. The lab is the thin controller: it makes the workers and the pages,
and maps the window's commands (Run, Step, Reset, --steps) to the race.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QVBoxLayout

from desktop.labs.base import Lab, register
from desktop.theme import Style

from .averages_page import MovingAveragesPage
from .network_page import NetworkLandscapePage
from .race_page import RacePage
from .sweep_page import SweepPage


@register
class OptimizersLab(Lab):
    lab_id = "optimizers"
    order = 30
    advance_unit = "optimizer step"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("OptimizersLab", "Optimization")

    def __init__(self, seed: int, parent=None) -> None:
        super().__init__(seed, parent)
        self.race_page = RacePage(self.make_worker(), seed)
        self.sweep_page = SweepPage(self.make_worker())
        self.averages_page = MovingAveragesPage(seed)
        self.network_page = NetworkLandscapePage(self.make_worker(), seed)
        self.pages = (self.race_page, self.sweep_page, self.averages_page, self.network_page)
        self.tabs = QTabWidget()
        for page in self.pages:
            self.tabs.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.race_page.running_changed.connect(self.running_changed)
        self.race_page.status_message.connect(self.status_message)
        self.race_page.settled.connect(self.settled)
        self.race_page.race_configured.connect(self.sweep_page.follow_race)
        self.retranslate()

    def retranslate(self) -> None:
        titles = [self.tr("Optimizers race"), self.tr("Learning rate"), self.tr("Moving averages"),
                  self.tr("A real network's landscape")]
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        for page in self.pages:
            page.retranslate()

    def apply_style(self, style: Style) -> None:
        for page in self.pages:
            page.apply_style(style)

    def is_running(self) -> bool:
        return self.race_page.is_running()

    def run(self) -> None:
        self.tabs.setCurrentWidget(self.race_page)
        self.race_page.run()

    def pause(self) -> None:
        self.race_page.pause()

    def step(self) -> None:
        self.tabs.setCurrentWidget(self.race_page)
        self.race_page.step()

    def reset(self) -> None:
        self.race_page.reset()

    def advance(self, steps: int) -> None:
        self.race_page.advance(steps)

    def shutdown(self) -> None:
        self.race_page.shutdown()
        super().shutdown()
