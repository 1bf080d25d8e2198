"""The Gradients lab: how gradients flow backward.

Two pages (tabs): backpropagation written out node by node on the classic small network, and
vanishing / exploding gradients in a deep network as it trains. The lab is the thin controller:
it makes the worker and the pages and maps the window's commands to the page on show: on the
backpropagation page Step reveals the next stage of the walk-through and Run plays it; on the
deep-network page they train. ``--steps N`` trains the deep network N steps and shows it.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QTabWidget, QVBoxLayout

from desktop.labs.base import Lab, register
from desktop.theme import Style

from .backprop_page import BackpropPage
from .flow_page import FlowPage


@register
class GradientsLab(Lab):
    lab_id = "gradients"
    order = 40
    advance_unit = "training step"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("GradientsLab", "Gradients")

    def __init__(self, seed: int, parent=None) -> None:
        super().__init__(seed, parent)
        self.backprop_page = BackpropPage()
        # Training yields the CPU to the window: the live histograms are this lab's point.
        self.flow_page = FlowPage(self.make_worker(background=True), seed)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.backprop_page, "")
        self.tabs.addTab(self.flow_page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        for page in (self.backprop_page, self.flow_page):
            page.running_changed.connect(self.running_changed)
        self.flow_page.status_message.connect(self.status_message)
        self.flow_page.settled.connect(self.settled)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.retranslate()

    def _page(self) -> BackpropPage | FlowPage:
        return self.backprop_page if self.tabs.currentWidget() is self.backprop_page else self.flow_page

    def _on_tab_changed(self) -> None:
        """Only the page on show runs: leaving a page pauses it."""
        for page in (self.backprop_page, self.flow_page):
            if page is not self._page():
                page.pause()

    # ----- text and look ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Backpropagation step by step"))
        self.tabs.setTabText(1, self.tr("Vanishing and exploding gradients"))
        self.backprop_page.retranslate()
        self.flow_page.retranslate()

    def apply_style(self, style: Style) -> None:
        self.backprop_page.apply_style(style)
        self.flow_page.apply_style(style)

    # ----- running ----------------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self._page().is_running()

    def run(self) -> None:
        self._page().run()

    def pause(self) -> None:
        self._page().pause()

    def step(self) -> None:
        page = self._page()
        if page is self.backprop_page:
            page.next_stage()
        else:
            page.step()

    def reset(self) -> None:
        self._page().reset()

    def advance(self, steps: int) -> None:
        if steps > 0:
            self.tabs.setCurrentWidget(self.flow_page)
            self.flow_page.advance(steps)
        else:
            QTimer.singleShot(0, self.settled.emit)
