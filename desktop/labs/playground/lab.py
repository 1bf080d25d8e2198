"""The Playground lab: TensorFlow Playground's network designer, training live, and more.

This module is the thin controller. It owns the GUI's copy of the configuration; every control
proposes a change, the change is validated here (:class:`PlaygroundConfig` raises ValueError,
and the control shows why), and the accepted configuration goes to the worker, which applies it
to the :class:`PlaygroundSession` it owns. Learning rate, regularization, batch size, optimizer,
schedule, early stopping and the epoch limit change the running training; anything else starts a
new run and pauses, as TensorFlow Playground does. Frames come back from the worker and are
handed to the views. Nothing here touches the engine's state directly.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QTabWidget, QVBoxLayout,
)

from desktop.labs.base import Lab, LabFileError, register
from desktop.theme import Style
from desktop.widgets.frame_pacer import FramePacer
from engine.playground import (
    CLASSIFICATION_DATASETS, HIDDEN_ACTIVATIONS, MAX_HIDDEN_LAYERS, MAX_NEURONS, REGRESSION_DATASETS,
    Frame, PlaygroundConfig, PlaygroundSession, needs_new_run,
)

from .colors import PlaygroundColors
from .data_view import DataView
from .network_view import NetworkView
from .output_view import OutputView
from .settings_view import SettingsView
from .texts import engine_error, run_status
from .toolbar import Toolbar

#: The output nodes' maps are the output map sampled every OUTPUT_NODE_STRIDE points.
OUTPUT_NODE_STRIDE = 4
#: The worker's own limit on reports per second, set so high that it never applies: the session
#: paces its frames itself, and every frame carries history rows that must not be dropped.
REPORTS_CEILING = 10_000
#: At most this share of the time goes into drawing frames while training runs. The GUI thread
#: and the worker share Python's interpreter lock, so this is roughly what the views cost the
#: training; the speed target is >= 70 % of the engine alone. A frame costs the GUI thread
#: about 10-15 ms (charts included), so training at full speed is drawn 8-11 times a second.
GUI_SHARE = 0.15
#: Frames are asked for at most this often (seconds between two).
MIN_REPORT_INTERVAL = 1 / 60


@dataclass(frozen=True)
class _Settled:
    """The frame of an :meth:`PlaygroundLab.advance` of 0 steps: draw it, then emit ``settled``."""

    frame: Frame


@register
class PlaygroundLab(Lab):
    lab_id = "playground"
    order = 10
    advance_unit = "epoch"
    # Training runs 27 tiny NumPy calls per step, none releasing the lock: at Python's 5 ms the
    # window waited for it several times per frame (bench/playground.py: timer gaps, 95th
    # percentile, 15 -> 9 ms at 1 ms, with no loss in training speed).
    gil_switch_seconds = 0.001

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("PlaygroundLab", "Playground")

    def __init__(self, seed: int, parent=None) -> None:
        super().__init__(seed, parent)
        self.config = PlaygroundConfig(seed=seed, weight_seed=seed)
        self.frame: Frame | None = None  # the newest frame received
        self._session: PlaygroundSession | None = None  # lives on the worker thread
        self._run_id = 0
        self._running = False
        self._advancing = False  # between advance() and its "settled"
        self._advance_started = False  # advance(n > 0): the worker has started its training
        self._report_interval = 1 / 30  # what the session was last asked for
        self._colors: PlaygroundColors | None = None

        self.toolbar = Toolbar()
        self.message = QLabel()
        self.message.setObjectName("runMessage")
        self.message.setWordWrap(True)
        self.message_reset = QPushButton()
        self.message_reset.clicked.connect(lambda: self.reset())
        self.data_view = DataView()
        self.settings_view = SettingsView()
        self.network = NetworkView(HIDDEN_ACTIVATIONS, MAX_HIDDEN_LAYERS, MAX_NEURONS)
        self.output = OutputView()
        self.side_tabs = QTabWidget()
        for page in (self.data_view, self.settings_view):
            scroll = QScrollArea()
            scroll.setWidget(page)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.side_tabs.addTab(scroll, "")
        self.pacer = FramePacer(self._draw, max_share=GUI_SHARE, parent=self)
        self._build_layout()
        self._connect()
        self._show_config()
        self.retranslate()

        # A background worker: on a busy machine the window gets the processor first. The GUI
        # thread mostly waits, and every frame it has to wait for a processor (or for the
        # interpreter lock, held by a worker that is itself waiting for one) was a stall.
        self.worker = self.make_worker(max_reports_per_second=REPORTS_CEILING, background=True)
        self.worker.report.connect(self._on_report)
        self.worker.failed.connect(self._on_failed)
        self.worker.running_changed.connect(self._on_running_changed)
        config = self.config
        self.worker.call(lambda: self._create_session(config))

    def _build_layout(self) -> None:
        message_bar = QHBoxLayout()
        message_bar.setContentsMargins(10, 0, 10, 0)
        message_bar.addWidget(self.message)
        message_bar.addWidget(self.message_reset)
        message_bar.addStretch(1)
        self.message.hide()
        self.message_reset.hide()
        body = QHBoxLayout()
        body.setContentsMargins(4, 0, 4, 4)
        body.setSpacing(8)
        body.addWidget(self.side_tabs, 0)
        body.addWidget(self.network, 5)
        body.addWidget(self.output, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.toolbar)
        layout.addLayout(message_bar)
        layout.addLayout(body, 1)

    def _connect(self) -> None:
        toolbar, data, settings, network = self.toolbar, self.data_view, self.settings_view, self.network
        toolbar.run_toggled.connect(self.toggle_run)
        toolbar.step_requested.connect(self.step)
        toolbar.reset_requested.connect(self._reset)
        toolbar.learning_rate_chosen.connect(lambda lr: self._change(lambda c: c.replace(learning_rate=lr)))
        toolbar.activation_chosen.connect(lambda name: self._change(lambda c: c.with_activation(name)))
        toolbar.regularization_chosen.connect(lambda name: self._change(lambda c: c.replace(regularization=name)))
        toolbar.regularization_rate_chosen.connect(
            lambda rate: self._change(lambda c: c.replace(regularization_rate=rate)))
        toolbar.problem_chosen.connect(self._choose_problem)
        data.dataset_chosen.connect(lambda name: self._change(lambda c: c.with_dataset(name)))
        data.train_percent_changed.connect(lambda p: self._change(lambda c: c.with_train_percent(p)))
        data.noise_changed.connect(lambda noise: self._change(lambda c: c.replace(noise=noise)))
        data.batch_size_changed.connect(lambda size: self._change(lambda c: c.replace(batch_size=size)))
        data.regenerate_requested.connect(lambda: self._change(lambda c: c.replace(seed=c.seed + 1)))
        settings.changed.connect(self._change_setting)
        settings.reset_new_weights.connect(lambda: self._reset(True))
        network.feature_toggled.connect(self._toggle_feature)
        network.layers_added.connect(lambda n: self._change(
            lambda c: c.with_layer_count(len(c.hidden) + n), self._refuse_layers))
        network.neurons_added.connect(lambda layer, n: self._change(
            lambda c: c.with_neurons(layer, c.hidden[layer] + n), self._refuse_neurons))
        network.layer_activation_requested.connect(
            lambda layer, name: self._change(lambda c: c.with_layer_activation(layer, name)))
        network.weight_edited.connect(self._edit_weight)
        network.bias_edited.connect(self._edit_bias)
        network.neuron_hovered.connect(self._show_neuron)
        self.output.display_changed.connect(lambda: self._show_output_nodes(self.frame))

    # ----- the worker's side (these run on the worker thread) ----------------------------------

    def _create_session(self, config: PlaygroundConfig) -> Frame:
        self._session = PlaygroundSession(config)
        return self._session.frame()

    def _training(self, epochs: int | None = None):
        """The generator the worker drives (all epochs, or ``epochs``; see
        PlaygroundSession.run). Its body, which finds the session, runs on the worker thread."""
        yield from self._session.run(epochs)

    # ----- protocol -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.side_tabs.setTabText(0, self.tr("Data"))
        self.side_tabs.setTabText(1, self.tr("More settings"))
        self.message_reset.setText(self.tr("Reset"))
        for view in (self.toolbar, self.data_view, self.settings_view, self.network, self.output):
            view.retranslate()
        if self.frame is not None:
            self._show_status(self.frame)

    def apply_style(self, style: Style) -> None:
        self._colors = colors = PlaygroundColors.from_style(style)
        palette = style.palette
        self.network.set_colors(colors, palette.text, palette.muted_text, palette.grid, palette.error,
                                style.font_scale)
        self.output.set_style(style, colors)
        self.data_view.set_colors(colors, palette.background, style.font_scale)
        self.settings_view.set_large_text(style.presentation)
        self.setStyleSheet(_style_sheet(style))
        self.toolbar.set_icons(palette.text, palette.background, int(24 * style.font_scale))
        # Wide enough for the settings form, but growing slower than the font, so that the
        # network keeps room in presentation mode.
        line = QFontMetrics(QFont()).height()
        self.side_tabs.setMinimumWidth(int(110 + 6 * line))
        self.side_tabs.setMaximumWidth(int(180 + 6 * line))
        big = QFont(self.font())
        big.setPointSizeF(QFont().pointSizeF() * 1.6)
        self.toolbar.epoch.setFont(big)
        if self.frame is not None:
            self._show_frame_state(self.frame)
            self._show_status(self.frame)

    def is_running(self) -> bool:
        return self._running

    def run(self) -> None:
        if self._running or self._session_finished():
            return
        self.worker.start(self._training())

    def pause(self) -> None:
        self.worker.pause()

    def step(self) -> None:
        self.worker.pause()
        self.worker.call(lambda: self._session.step_epoch())

    def reset(self) -> None:
        self._reset(False)

    def advance(self, steps: int) -> None:
        """Settles on the frame of a call (0 steps) or, after training, when the worker stops
        running the training it started here (its last frame has been reported by then)."""
        self.worker.pause()
        self._advancing = True
        if steps == 0:
            self.worker.call(lambda: _Settled(self._session.frame()))
        else:
            self._advance_started = False
            self.worker.start(self._training(steps))

    # ----- files --------------------------------------------------------------------------------

    def file_filter(self) -> str:
        return self.tr("Playground settings (*.json)")

    def save(self, path: str) -> None:
        """Save the settings (data, network, training; not the weights) as JSON."""
        text = json.dumps({"descent_lab": "playground", "settings": self.config.to_dict()},
                          indent=2, ensure_ascii=False)
        try:
            Path(path).write_text(text + "\n", encoding="utf-8")
        except OSError as error:
            raise LabFileError(self.tr("Cannot save %1: %2").replace("%1", path)
                               .replace("%2", error.strerror or str(error))) from error

    def open(self, path: str) -> None:
        """Load settings saved by :meth:`save` and start a new run with them."""
        try:
            document = json.loads(Path(path).read_text(encoding="utf-8"))
            if not isinstance(document, dict) or document.get("descent_lab") != "playground":
                raise ValueError("not a Playground settings file")
            config = PlaygroundConfig.from_dict(document.get("settings"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise LabFileError(self.tr("%1 cannot be opened as Playground settings: %2")
                               .replace("%1", path).replace("%2", str(error))) from error
        self._change(lambda _current: config)

    # ----- changes ------------------------------------------------------------------------------

    def _change(self, make: Callable[[PlaygroundConfig], PlaygroundConfig],
                refuse: Callable[[], None] | None = None) -> bool:
        """Apply ``make(config)``; if the configuration refuses it, call ``refuse`` (which says why,
        next to the control) and show the current configuration again."""
        try:
            new = make(self.config)
        except ValueError:
            self._show_config()
            if refuse is not None:
                refuse()
            return False
        if new != self.config:
            new_run = needs_new_run(self.config, new)
            self.config = new
            if new_run:
                self.worker.pause()
            self.worker.call(lambda: self._session.apply(new))
        self._show_config()
        return True

    def _change_setting(self, field: str, value) -> None:
        changes = {field: value}
        if field == "optimizer" and value == "nesterov" and self.config.momentum == 0:
            changes["momentum"] = 0.9
        if not self._change(lambda c: c.replace(**changes),
                            (lambda: self.settings_view.refuse(field)) if field in self.settings_view.fields else None):
            return
        if field in self.settings_view.fields:
            self.settings_view.fields[field].accept()

    def _choose_problem(self, problem: str) -> None:
        if problem != self.config.problem:
            datasets = CLASSIFICATION_DATASETS if problem == "classification" else REGRESSION_DATASETS
            self._change(lambda c: c.with_dataset(datasets[0]))

    def _toggle_feature(self, name: str, on: bool) -> None:
        self._change(lambda c: c.with_feature(name, on), lambda: self.network.show_message(
            self.tr("Keep at least one input: the network needs something to look at.")))

    def _refuse_layers(self) -> None:
        self.network.show_message(self.tr("From 0 to %1 hidden layers.").replace("%1", str(MAX_HIDDEN_LAYERS)))

    def _refuse_neurons(self) -> None:
        self.network.show_message(self.tr("From 1 to %1 neurons per layer.").replace("%1", str(MAX_NEURONS)))

    def _reset(self, new_weights: bool) -> None:
        self.worker.pause()
        if new_weights:
            self._change(lambda c: c.replace(weight_seed=c.weight_seed + 1))
        else:
            self.worker.call(lambda: self._session.reset(new_weights=False))

    def _edit_weight(self, stage: int, source: int, target: int, value: float) -> None:
        self.worker.call(lambda: self._session.set_weight(stage, source, target, value))

    def _edit_bias(self, stage: int, unit: int, value: float) -> None:
        self.worker.call(lambda: self._session.set_bias(stage, unit, value))

    def _session_finished(self) -> bool:
        return self.frame is not None and self.frame.snapshot.status in ("diverged", "early_stopped", "finished")

    # ----- showing ------------------------------------------------------------------------------

    def _show_config(self) -> None:
        config = self.config
        self.network.set_structure(config.features, config.hidden, config.hidden_activations(),
                                   config.n_outputs)
        self.toolbar.show_config(config)
        self.data_view.show_config(config)
        self.settings_view.show_config(config)

    def _on_report(self, item: Frame | _Settled) -> None:
        if isinstance(item, _Settled):
            self._on_frame(item.frame)
            self._settle()
        else:
            self._on_frame(item)

    def _on_frame(self, frame: Frame) -> None:
        """A frame from the worker: keep its history, draw it when the pacer says so."""
        if frame.run != self._run_id:
            self.pacer.flush()  # the last frame of the old run, before its views are cleared
            self._run_id = frame.run
            config = frame.config
            self.network.set_structure(config.features, config.hidden, config.hidden_activations(),
                                       config.n_outputs)
            self.output.start_run(frame)
        self.frame = frame
        self.output.add_history(frame)
        self.pacer.offer(frame)

    def _draw(self, frame: Frame) -> None:
        self.output.show_frame(frame)
        self._show_frame_state(frame)
        self._show_status(frame)
        self._match_report_rate()

    def _match_report_rate(self) -> None:
        """Ask the worker for frames a little more often than they can be drawn, so that a fresh
        one is usually waiting when the pacer allows a draw, but not much more often: a frame
        costs the engine time too (its maps are computed on the worker thread)."""
        interval = max(0.7 * self.pacer.interval, MIN_REPORT_INTERVAL)
        if abs(interval - self._report_interval) > 0.25 * self._report_interval:
            self._report_interval = interval
            self.worker.call(lambda: self._session.set_report_interval(interval))

    def _settle(self) -> None:
        """advance() is done: draw the last frame now and tell the caller."""
        self._advancing = False
        self.pacer.flush()
        self.output.refresh_charts(staggered=False)
        self.settled.emit()

    def _show_frame_state(self, frame: Frame) -> None:
        self.toolbar.set_epoch(frame.snapshot.epoch)
        self._show_output_nodes(frame)

    def _show_output_nodes(self, frame: Frame | None) -> None:
        """The network view's state: weights, biases, neuron maps and the output nodes' maps."""
        if frame is None or self._colors is None:
            return
        sampled = frame.output_map[OUTPUT_NODE_STRIDE // 2::OUTPUT_NODE_STRIDE,
                                   OUTPUT_NODE_STRIDE // 2::OUTPUT_NODE_STRIDE]
        if sampled.ndim == 3:  # class probabilities: each output node shows its own class
            nodes = np.stack([self._colors.class_strength(k, sampled[..., k])
                              for k in range(sampled.shape[-1])])
        else:
            nodes = self._colors.signed(sampled)[None]
        self.network.set_state(frame.weights, frame.biases, frame.neuron_maps, nodes)

    def _show_neuron(self, neuron: tuple[int, int] | None) -> None:
        if neuron is None or self.frame is None:
            self.output.show_neuron(None, None)
            return
        layer, index = neuron
        flat = sum(self.frame.config.hidden[:layer]) + index
        if flat >= len(self.frame.neuron_maps):
            return
        caption = self.tr("Neuron %1 of hidden layer %2").replace("%1", str(index + 1)) \
            .replace("%2", str(layer + 1))
        self.output.show_neuron(caption, self.frame.neuron_maps[flat])

    def _show_status(self, frame: Frame) -> None:
        status = frame.snapshot.status
        text = run_status(status, frame.snapshot.epoch, frame.config.patience)
        self._set_message(text, problem=status == "diverged")

    def _set_message(self, text: str, problem: bool) -> None:
        """Show ``text`` under the toolbar, in the error colour and with a Reset button if it
        reports a problem; an empty text hides it."""
        self.message.setText(text)
        if self.message.property("problem") != problem:
            self.message.setProperty("problem", problem)
            self.message.style().polish(self.message)
        self.message.setVisible(bool(text))
        self.message_reset.setVisible(bool(text) and problem)

    def message_text(self) -> str:
        """The message under the toolbar (divergence, early stop, engine error), or ''."""
        return self.message.text() if self.message.isVisible() else ""

    def _on_failed(self, text: str) -> None:
        self._set_message(engine_error(text), problem=True)
        if self._advancing:
            self._settle()

    def _on_running_changed(self, running: bool) -> None:
        self._running = running
        self.toolbar.set_running(running)
        self.network.set_training(running)
        self.running_changed.emit(running)
        if self._advancing and running:
            self._advance_started = True
        elif self._advancing and self._advance_started:  # (a stop from before advance() is not it)
            self._settle()


def _style_sheet(style: Style) -> str:
    """The lab's own rules on top of the application's: the big round run button, titles."""
    palette = style.palette
    size = int(44 * style.font_scale)
    return f"""
        QToolButton#runButton {{
            min-width: {size}px; min-height: {size}px; max-width: {size}px; max-height: {size}px;
            border-radius: {size // 2}px; background: {palette.text}; color: {palette.background};
            font-size: {int(18 * style.font_scale)}pt; border: none;
        }}
        QToolButton#stepButton, QToolButton#resetButton {{
            min-width: {int(size * 0.7)}px; min-height: {int(size * 0.7)}px;
            font-size: {int(14 * style.font_scale)}pt;
        }}
        QLabel#columnTitle {{ font-weight: bold; letter-spacing: 1px; }}
        QLabel#mutedLabel, QLabel#mapCaption {{ color: {palette.muted_text}; }}
        QLabel#errorLabel, QLabel#networkMessage, QLabel#weightEditorError,
        QLabel#runMessage[problem="true"] {{
            color: {palette.error};
        }}
        QLabel#runMessage {{ color: {palette.accent}; font-weight: bold; }}
        QLabel#networkMessage, QLabel#weightEditorError {{
            background: {palette.background}; border: 1px solid {palette.error}; padding: 3px;
        }}
        QToolButton#roundButton {{
            min-width: {int(22 * style.font_scale)}px; min-height: {int(22 * style.font_scale)}px;
            border-radius: {int(11 * style.font_scale)}px; border: 1px solid {palette.grid};
            background: {palette.surface}; font-weight: bold;
        }}
        QToolButton#roundButton:disabled {{ color: {palette.grid}; }}
    """
