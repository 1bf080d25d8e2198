"""The vanishing/exploding page: the thin controller between the settings, the worker and the
views of one run (or two, side by side, in comparison mode).

Any change of a setting builds new networks (step 0), so its effect on the gradients at
initialization shows at once; a running page goes on running with the new networks.
"""
from __future__ import annotations

import dataclasses

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.theme import Style, make_style
from desktop.widgets.frame_pacer import FramePacer
from desktop.worker import Worker
from engine.gradient_flow import FlowConfig, FlowSnapshot, comparison_preset

from .flow_controls import FlowControls
from .run_view import RunView
from .session import FlowReport, FlowSession
from .side_column import SideColumn

# The share of the GUI thread's time frames may take (the pacer spaces them out beyond that):
# the histograms are this page's point, and the worker trains on the other core.
FRAME_SHARE = 0.6
# Width of the settings column, in average characters, and its largest share of the page.
SIDE_COLUMN_CHARACTERS = 34
SIDE_COLUMN_MAX_SHARE = 0.33


class FlowPage(QWidget):
    running_changed = Signal(bool)
    status_message = Signal(str)
    # Emitted after :meth:`advance` once the views show its result.
    settled = Signal()

    def __init__(self, worker: Worker, seed: int, parent=None) -> None:
        super().__init__(parent)
        self.view_style: Style = make_style()
        self.worker = worker
        self.session = FlowSession(seed)
        self.configs: list[FlowConfig] = [FlowConfig()]
        self.editing = 0
        self._study = -1  # the number of the study asked for last
        self._shown = -1  # the number of the study the views show
        self._running = False
        self._waiting_to_settle = False
        self._pending: list[FlowReport] = []  # reports not drawn yet, oldest first
        self._pacer = FramePacer(self._draw_pending, max_share=FRAME_SHARE, parent=self)

        self.controls = FlowControls()
        self.views = [RunView(""), RunView("B", slow_views_phase=0.5)]
        self.preparing = QLabel()
        self.preparing.setProperty("role", "muted")
        self.preparing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        runs = QHBoxLayout()
        for view in self.views:
            runs.addWidget(view, 1)
        views = QVBoxLayout()
        views.addWidget(self.preparing)
        views.addWidget(self.error)
        views.addLayout(runs, 1)
        self._side = SideColumn(self.controls, SIDE_COLUMN_CHARACTERS, SIDE_COLUMN_MAX_SHARE)
        layout = QHBoxLayout(self)
        layout.addLayout(views, 1)
        layout.addWidget(self._side)

        worker.report.connect(self._on_report)
        worker.failed.connect(self._on_failed)
        worker.running_changed.connect(self._on_running_changed)
        self.controls.config_edited.connect(self._on_config_edited)
        self.controls.comparison_toggled.connect(self.set_comparison)
        self.controls.preset_requested.connect(self.compare_preset)
        self.controls.side_chosen.connect(self._on_side_chosen)
        self.controls.run_clicked.connect(self.toggle_run)
        self.controls.step_clicked.connect(self.step)
        self.controls.reset_clicked.connect(self.reset)
        self.controls.show_config(self.configs[0])
        self._layout_views()
        self.retranslate()
        self._configure()

    # ----- settings -----------------------------------------------------------------------------

    def up_to_date(self) -> bool:
        """True once the views show the networks of the latest settings."""
        return self._shown == self._study

    @property
    def comparing(self) -> bool:
        return len(self.configs) == 2

    def _on_config_edited(self, config: FlowConfig) -> None:
        self.configs[self.editing] = config
        self._configure()

    def _on_side_chosen(self, side: int) -> None:
        self.editing = side if self.comparing else 0
        self.controls.show_config(self.configs[self.editing])

    def set_comparison(self, on: bool) -> None:
        """Two runs side by side (B starts as a copy of A), or back to A alone."""
        if on == self.comparing:
            return
        self.configs = [self.configs[0], self.configs[0]] if on else [self.configs[0]]
        self.editing = 0
        self._after_comparison_change()

    def compare_preset(self) -> None:
        """The one-click comparison on the current task and size."""
        self.configs = list(comparison_preset(self.configs[self.editing]))
        self.editing = 0
        self._after_comparison_change()

    def _after_comparison_change(self) -> None:
        self.controls.set_comparison(self.comparing, self.editing)
        self.controls.show_config(self.configs[self.editing])
        self._layout_views()
        self._configure()

    def _layout_views(self) -> None:
        self.views[0].name = "A" if self.comparing else ""
        self.views[1].setVisible(self.comparing)

    def _configure(self) -> None:
        """Ask the worker for new networks; a running page keeps running them."""
        self._study += 1
        configs, number = tuple(self.configs), self._study
        self.preparing.setText(self.tr("Building the networks…"))
        self.preparing.show()
        self.error.hide()
        if self._running:
            self.worker.start(self.session.configure_and_run(configs, number))
        else:
            self.worker.call(lambda: self.session.configure(configs, number))

    # ----- running ------------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self._running

    def run(self) -> None:
        if not self._running:
            self.worker.start(self.session.run())

    def pause(self) -> None:
        self.worker.pause()

    def toggle_run(self) -> None:
        if self._running:
            self.pause()
        else:
            self.run()

    def step(self) -> None:
        """Pause, then one training step of every run."""
        self.advance(1, settle=False)

    def reset(self) -> None:
        """The same settings from step 0 again (the same seed, so the same initial weights)."""
        self._configure()

    def advance(self, steps: int, settle: bool = True) -> None:
        """``steps`` training steps (0: just the current state); ``settled`` follows once the
        views show the result."""
        self.worker.pause()
        self._waiting_to_settle = settle
        self.worker.call(lambda: self.session.advance(steps))

    def _on_running_changed(self, running: bool) -> None:
        if self._running and not running:
            # Paused, finished or diverged: show the last steps completely (a running page
            # reports at most 30 frames a second and redraws its slower views less often).
            self.worker.call(self.session.report)
        self._running = running
        self.controls.set_running(running)
        self.running_changed.emit(running)

    # ----- reports ------------------------------------------------------------------------------

    def _on_report(self, report: object) -> None:
        """Frames are paced (desktop.widgets.frame_pacer): reports that arrive meanwhile are
        merged into the next frame, with the per-step rows of all and the rest from the newest,
        so the GUI thread never falls behind the worker."""
        if not isinstance(report, FlowReport) or report.study != self._study:
            return  # from a study the user has already replaced
        self._pending.append(report)
        self._pacer.offer(report)
        if report.study != self._shown or report.requested:
            self._pacer.flush()  # a new study, or an answer someone waits for: at once

    def _draw_pending(self, _newest: FlowReport) -> None:
        pending, self._pending = self._pending, []
        if not pending:
            return
        newest = pending[-1]
        runs = len(newest.snapshots)
        if newest.study != self._shown:
            self._shown = newest.study
            self.preparing.hide()
            pending = [report for report in pending if report.study == newest.study]
            for view, snapshot in zip(self.views, pending[0].snapshots):
                view.start(snapshot)
            pending = pending[1:]
        if pending:
            for index, view in enumerate(self.views[:runs]):
                view.draw(merged([report.snapshots[index] for report in pending]),
                          complete=newest.requested)
        if newest.requested and self._waiting_to_settle:
            self._waiting_to_settle = False
            self.settled.emit()

    def _on_failed(self, message: str) -> None:
        self.error.setText(self.tr("The engine stopped with an error: %1").replace("%1", message))
        self.error.show()
        self.preparing.hide()
        self.status_message.emit(self.error.text())
        if self._waiting_to_settle:
            self._waiting_to_settle = False
            self.settled.emit()

    # ----- language and look --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.controls.retranslate()
        for view in self.views:
            view.retranslate()
        if self.preparing.isVisible():
            self.preparing.setText(self.tr("Building the networks…"))

    def apply_style(self, style: Style) -> None:
        self.view_style = style
        self.controls.apply_style(style)
        for view in self.views:
            view.apply_style(style)
        self._side.fit(self.width())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._side.fit(self.width())


def merged(snapshots: list[FlowSnapshot]) -> FlowSnapshot:
    """The newest snapshot, carrying the per-step rows of all of them (oldest first)."""
    newest = snapshots[-1]
    if len(snapshots) == 1:
        return newest
    return dataclasses.replace(
        newest,
        new_steps=np.concatenate([s.new_steps for s in snapshots]),
        new_step_grad_norms=np.concatenate([s.new_step_grad_norms for s in snapshots]),
    )
