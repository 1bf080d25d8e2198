"""The settings column of the vanishing/exploding page: one :class:`FlowConfig` as widgets, the
comparison switch with its one-click preset, and the run buttons.

The controls show a config (:meth:`FlowControls.show_config`) and report the user's changes as a
new config (``config_edited``); they never talk to the engine. Settings the engine would refuse
cannot be entered: the spin boxes have the engine's ranges, and residual connections are offered
only from depth 3 (a skip connection needs two hidden layers of the same width).
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget,
)

from desktop.theme import Style, make_style
from engine.gradient_flow import (
    DEPTH_RANGE, FLOW_ACTIVATIONS, FLOW_INITIALIZERS, FLOW_TASKS, WIDTH_RANGE, FlowConfig,
)

from .texts import activation_name, initializer_name, task_name


def _combo(names) -> QComboBox:
    """A choice by registry name (item data); its width follows the column, not its longest item."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    for name in names:
        combo.addItem("", name)
    return combo


def _spin(low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setKeyboardTracking(False)  # one change per typed number, not per digit
    return spin


def _double_spin(low: float, high: float, value: float, decimals: int, step: float) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setDecimals(decimals)
    spin.setSingleStep(step)
    spin.setValue(value)
    spin.setKeyboardTracking(False)
    return spin


class FlowControls(QWidget):
    config_edited = Signal(object)  # FlowConfig
    comparison_toggled = Signal(bool)
    preset_requested = Signal()
    side_chosen = Signal(int)  # 0 = A, 1 = B
    run_clicked = Signal()
    step_clicked = Signal()
    reset_clicked = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        defaults = FlowConfig()
        self.network_box = QGroupBox()
        network = QFormLayout(self.network_box)
        self.task = _combo(FLOW_TASKS)
        self.depth = _spin(*DEPTH_RANGE, defaults.depth)
        self.width = _spin(*WIDTH_RANGE, defaults.width)
        self.activation = _combo(FLOW_ACTIVATIONS)
        self.init = _combo(FLOW_INITIALIZERS)
        self.batch_norm = QCheckBox()
        self.residual = QCheckBox()
        self.labels = {key: QLabel() for key in ("task", "depth", "width", "activation", "init")}
        for key, widget in (("task", self.task), ("depth", self.depth), ("width", self.width),
                            ("activation", self.activation), ("init", self.init)):
            network.addRow(self.labels[key], widget)
        network.addRow(self.batch_norm)
        network.addRow(self.residual)

        self.training_box = QGroupBox()
        training = QFormLayout(self.training_box)
        self.learning_rate = _double_spin(0.0001, 10.0, defaults.learning_rate, 4, 0.01)
        self.batch_size = _spin(2, 1000, defaults.batch_size)
        self.clip = QCheckBox()
        self.clip_norm = _double_spin(0.001, 1000.0, 1.0, 3, 0.1)
        self.pretrain = QCheckBox()
        self.pretrain_epochs = _spin(1, 100, defaults.pretrain_epochs)
        for key in ("learning_rate", "batch_size", "clip_norm", "pretrain_epochs"):
            self.labels[key] = QLabel()
        training.addRow(self.labels["learning_rate"], self.learning_rate)
        training.addRow(self.labels["batch_size"], self.batch_size)
        training.addRow(self.clip)
        training.addRow(self.labels["clip_norm"], self.clip_norm)
        training.addRow(self.pretrain)
        training.addRow(self.labels["pretrain_epochs"], self.pretrain_epochs)

        self.compare_box = QGroupBox()
        compare = QVBoxLayout(self.compare_box)
        self.compare = QCheckBox()
        self.preset = QPushButton()
        self.editing_label = QLabel()
        self.side_a, self.side_b = QRadioButton("A"), QRadioButton("B")
        self.side_a.setChecked(True)
        self.sides = QButtonGroup(self)
        self.sides.addButton(self.side_a, 0)
        self.sides.addButton(self.side_b, 1)
        side_row = QHBoxLayout()
        side_row.addWidget(self.editing_label)
        side_row.addWidget(self.side_a)
        side_row.addWidget(self.side_b)
        side_row.addStretch(1)
        compare.addWidget(self.preset)
        compare.addWidget(self.compare)
        compare.addLayout(side_row)

        self.run_button, self.step_button, self.reset_button = QPushButton(), QPushButton(), QPushButton()
        buttons = QHBoxLayout()
        for button in (self.run_button, self.step_button, self.reset_button):
            buttons.addWidget(button)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.compare_box)
        layout.addWidget(self.network_box)
        layout.addWidget(self.training_box)
        layout.addWidget(self.error)
        layout.addStretch(1)

        for combo in (self.task, self.activation, self.init):
            combo.currentIndexChanged.connect(self._emit_config)
        for spin in (self.depth, self.width, self.batch_size, self.pretrain_epochs,
                     self.learning_rate, self.clip_norm):
            spin.valueChanged.connect(self._emit_config)
        for box in (self.batch_norm, self.residual, self.clip, self.pretrain):
            box.toggled.connect(self._emit_config)
        self.compare.toggled.connect(self._on_compare_toggled)
        self.preset.clicked.connect(self.preset_requested)
        self.sides.idClicked.connect(self.side_chosen)
        self.run_button.clicked.connect(self.run_clicked)
        self.step_button.clicked.connect(self.step_clicked)
        self.reset_button.clicked.connect(self.reset_clicked)
        self._forms = (network, training)
        self._running = False
        self.apply_style(make_style())
        self._update_enabled()
        self._on_compare_toggled(False, emit=False)
        self.retranslate()

    # ----- config <-> widgets -------------------------------------------------------------------

    def _widgets(self) -> list[QWidget]:
        return [self.task, self.depth, self.width, self.activation, self.init, self.batch_norm,
                self.residual, self.learning_rate, self.batch_size, self.clip, self.clip_norm,
                self.pretrain, self.pretrain_epochs]

    def show_config(self, config: FlowConfig) -> None:
        """Set every widget from ``config`` without reporting it as an edit."""
        for widget in self._widgets():
            widget.blockSignals(True)
        try:
            self.task.setCurrentIndex(self.task.findData(config.task))
            self.depth.setValue(config.depth)
            self.width.setValue(config.width)
            self.activation.setCurrentIndex(self.activation.findData(config.activation))
            self.init.setCurrentIndex(self.init.findData(config.init))
            self.batch_norm.setChecked(config.batch_norm)
            self.residual.setChecked(config.residual)
            self.learning_rate.setValue(config.learning_rate)
            self.batch_size.setValue(config.batch_size)
            self.clip.setChecked(config.clip_norm is not None)
            if config.clip_norm is not None:
                self.clip_norm.setValue(config.clip_norm)
            self.pretrain.setChecked(config.pretrain)
            self.pretrain_epochs.setValue(config.pretrain_epochs)
        finally:
            for widget in self._widgets():
                widget.blockSignals(False)
        self._update_enabled()

    def config(self) -> FlowConfig:
        """The config the widgets show (ValueError if the engine refuses it)."""
        return FlowConfig(
            task=self.task.currentData(), depth=self.depth.value(), width=self.width.value(),
            activation=self.activation.currentData(), init=self.init.currentData(),
            batch_norm=self.batch_norm.isChecked(),
            residual=self.residual.isChecked() and self.depth.value() >= 3,
            clip_norm=self.clip_norm.value() if self.clip.isChecked() else None,
            pretrain=self.pretrain.isChecked(), pretrain_epochs=self.pretrain_epochs.value(),
            learning_rate=self.learning_rate.value(), batch_size=self.batch_size.value(),
        )

    def _emit_config(self) -> None:
        self._update_enabled()
        try:
            config = self.config()
        except ValueError as error:
            self.error.setText(self.tr("These settings cannot be used: %1").replace("%1", str(error)))
            self.error.show()
            return
        self.error.hide()
        self.config_edited.emit(config)

    def _update_enabled(self) -> None:
        deep_enough = self.depth.value() >= 3
        self.residual.setEnabled(deep_enough)
        if not deep_enough:
            self.residual.setToolTip(self.tr("Residual connections need depth 3 or more: a skip "
                                             "connection joins two hidden layers of the same width."))
        else:
            self.residual.setToolTip(self.tr("Each hidden layer after the first adds its input to "
                                             "its output: x + F(x)."))
        self.clip_norm.setEnabled(self.clip.isChecked())
        self.pretrain_epochs.setEnabled(self.pretrain.isChecked())

    # ----- comparison and running ---------------------------------------------------------------

    def _on_compare_toggled(self, on: bool, emit: bool = True) -> None:
        for widget in (self.editing_label, self.side_a, self.side_b):
            widget.setVisible(on)
        if emit:
            self.comparison_toggled.emit(on)

    def set_comparison(self, on: bool, side: int = 0) -> None:
        """Show the comparison state without reporting it as the user's choice."""
        self.compare.blockSignals(True)
        self.compare.setChecked(on)
        self.compare.blockSignals(False)
        self._on_compare_toggled(on, emit=False)
        (self.side_b if side == 1 else self.side_a).setChecked(True)

    def set_running(self, running: bool) -> None:
        self._running = running
        self.run_button.setText(self.tr("Pause") if running else self.tr("Run"))

    # ----- language and look --------------------------------------------------------------------

    def apply_style(self, style: Style) -> None:
        """In presentation mode every label goes above its field: the column is too narrow for
        both side by side at the large font."""
        policy = (QFormLayout.RowWrapPolicy.WrapAllRows if style.presentation
                  else QFormLayout.RowWrapPolicy.WrapLongRows)
        for form in self._forms:
            form.setRowWrapPolicy(policy)

    def retranslate(self) -> None:
        self.network_box.setTitle(self.tr("Network"))
        self.training_box.setTitle(self.tr("Training"))
        self.compare_box.setTitle(self.tr("Comparison"))
        texts = {
            "task": self.tr("Task"), "depth": self.tr("Depth (weight layers)"),
            "width": self.tr("Width (units per hidden layer)"), "activation": self.tr("Activation"),
            "init": self.tr("Initial weights"), "learning_rate": self.tr("Learning rate"),
            "batch_size": self.tr("Batch size"), "clip_norm": self.tr("Largest gradient norm"),
            "pretrain_epochs": self.tr("Epochs per layer"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        for combo, namer in ((self.task, task_name), (self.activation, activation_name),
                             (self.init, initializer_name)):
            for index in range(combo.count()):
                combo.setItemText(index, namer(combo.itemData(index)))
        self.batch_norm.setText(self.tr("Batch normalization"))
        self.residual.setText(self.tr("Residual connections"))
        self.clip.setText(self.tr("Clip gradients by norm"))
        self.pretrain.setText(self.tr("Pretrain layer by layer"))
        self.pretrain.setToolTip(self.tr("Greedy layer-wise pretraining: each hidden layer, from the "
                                         "input up, first learns to reconstruct its input as an "
                                         "autoencoder; then the whole network is fine-tuned."))
        self.compare.setText(self.tr("Two settings side by side"))
        self.preset.setText(self.tr("Compare sigmoid + N(0, 0.01²)\nwith ReLU + He + batch norm"))
        self.editing_label.setText(self.tr("Settings shown are for:"))
        self.step_button.setText(self.tr("Step"))
        self.reset_button.setText(self.tr("Reset"))
        self.set_running(self._running)
        self._update_enabled()
