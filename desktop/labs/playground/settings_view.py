"""The settings TensorFlow Playground never had: loss, initializer, optimizer and its
hyperparameters, dropout, batch norm, early stopping, a learning-rate schedule, a stop after N
epochs, and a reset with new weights.

Every control reports ``changed(field, value)`` with a :class:`PlaygroundConfig` field name; the
lab decides whether the value is allowed. Typed numbers are checked here first (is it a number at
all?) and the lab answers with :meth:`SettingsView.refuse` if the configuration rejects it: the
field then shows what is allowed, in the student's language, right under itself.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from engine.playground import (
    LOSSES, MAX_DROPOUT, OPTIMIZERS, SCHEDULES, WEIGHT_INITIALIZERS, PlaygroundConfig,
)

from .texts import initializer_name, loss_name, optimizer_name, schedule_name

#: What the boxes propose when early stopping or the epoch limit is switched on.
DEFAULT_PATIENCE, DEFAULT_MAX_EPOCHS = 20, 500
#: Which optimizer uses which hyperparameter field.
OPTIMIZER_FIELDS = {
    "momentum": ("momentum", "nesterov"),
    "beta1": ("adam",),
    "beta2": ("adam",),
    "rho": ("rmsprop",),
    "epsilon": ("rmsprop", "adagrad", "adam"),
}


class NumberField(QWidget):
    """A line edit for one number, with a message under it when the number is refused."""

    committed = Signal(object)

    def __init__(self, whole: bool, hint: Callable[[], str], parent=None) -> None:
        """``whole``: integers only. ``hint()``: the translated sentence saying what is allowed."""
        super().__init__(parent)
        self._whole = whole
        self._hint = hint
        self.edit = QLineEdit()
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.edit.editingFinished.connect(self._on_edited)

    def set_value(self, value) -> None:
        """Show ``value``, unless a refused entry is showing: the student's text stays until
        they correct it."""
        if self.error.isHidden():
            self.edit.setText(f"{value:g}" if isinstance(value, float) else str(value))

    def refuse(self) -> None:
        self.error.setText(self._hint())
        self.error.show()

    def accept(self) -> None:
        self.error.hide()

    def value(self):
        """The number in the box, or None if it is not one."""
        return self._parse(self.edit.text())

    def _parse(self, text: str):
        text = text.strip().replace("−", "-").replace(",", ".")
        try:
            return int(text) if self._whole else float(text)
        except ValueError:
            return None

    def _on_edited(self) -> None:
        value = self.value()
        if value is None:
            self.refuse()
        else:
            self.committed.emit(value)


class SettingsView(QWidget):
    """See the module docstring."""

    changed = Signal(str, object)  # PlaygroundConfig field, new value
    reset_new_weights = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._updating = False
        self.loss = self._combo("loss", LOSSES)
        self.initializer = self._combo("initializer", WEIGHT_INITIALIZERS)
        self.optimizer = self._combo("optimizer", OPTIMIZERS)
        self.fields: dict[str, NumberField] = {
            "momentum": NumberField(False, lambda: self.tr("Momentum: a number from 0 up to (not including) 1, e.g. 0.9")),
            "beta1": NumberField(False, lambda: self.tr("β₁: a number from 0 up to (not including) 1, e.g. 0.9")),
            "beta2": NumberField(False, lambda: self.tr("β₂: a number from 0 up to (not including) 1, e.g. 0.999")),
            "rho": NumberField(False, lambda: self.tr("ρ: a number from 0 up to (not including) 1, e.g. 0.99")),
            "epsilon": NumberField(False, lambda: self.tr("ε: a small number above 0 and at most 1, e.g. 1e-8")),
            "dropout": NumberField(False, lambda: self.tr("Dropout: a rate from 0 to %1, e.g. 0.2")
                                   .replace("%1", f"{MAX_DROPOUT:g}")),
            "patience": NumberField(True, lambda: self.tr("Patience: a whole number of epochs, at least 1")),
            "schedule_epochs": NumberField(True, lambda: self.tr("A whole number of epochs, at least 1")),
            "warmup_epochs": NumberField(True, lambda: self.tr("A whole number of epochs, 0 or more")),
            "max_epochs": NumberField(True, lambda: self.tr("A whole number of epochs, at least 1")),
        }
        for name, field in self.fields.items():
            field.committed.connect(lambda value, name=name: self._emit(name, value))
        self.schedule = self._combo("schedule", SCHEDULES)
        self.batch_norm = QCheckBox()
        self.batch_norm.toggled.connect(lambda on: self._emit("batch_norm", on))
        self.early_stopping = QCheckBox()
        self.early_stopping.toggled.connect(self._on_early_stopping)
        self.stop_after = QCheckBox()
        self.stop_after.toggled.connect(self._on_stop_after)
        self.new_weights = QPushButton()
        self.new_weights.clicked.connect(self.reset_new_weights)
        self.weight_seed = QLabel()
        self.weight_seed.setObjectName("mutedLabel")

        self.title = QLabel()
        self.title.setObjectName("columnTitle")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.labels: dict[str, QLabel] = {}
        rows = [("loss", self.loss), ("initializer", self.initializer), ("optimizer", self.optimizer),
                *((name, self.fields[name]) for name in OPTIMIZER_FIELDS),
                ("dropout", self.fields["dropout"]), ("batch_norm", self.batch_norm),
                ("schedule", self.schedule), ("schedule_epochs", self.fields["schedule_epochs"]),
                ("warmup_epochs", self.fields["warmup_epochs"]),
                ("early_stopping", self._with_checkbox(self.early_stopping, self.fields["patience"])),
                ("stop_after", self._with_checkbox(self.stop_after, self.fields["max_epochs"]))]
        for name, widget in rows:
            label = QLabel()
            label.setWordWrap(True)
            self.labels[name] = label
            self.form.addRow(label, widget)
        weights = QHBoxLayout()
        weights.addWidget(self.new_weights)
        weights.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        layout.addLayout(weights)
        layout.addWidget(self.weight_seed)
        layout.addStretch(1)
        self._config = PlaygroundConfig()
        self.retranslate()

    def _combo(self, name: str, choices: tuple[str, ...]) -> QComboBox:
        combo = QComboBox()
        # May be narrower than its longest item (which the drop-down still shows in full).
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        for choice in choices:
            combo.addItem(choice, choice)
        combo.activated.connect(lambda index: self._emit(name, combo.itemData(index)))
        return combo

    @staticmethod
    def _with_checkbox(checkbox: QCheckBox, field: NumberField) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(checkbox)
        layout.addWidget(field, 1)
        return row

    def _emit(self, name: str, value) -> None:
        if not self._updating:
            self.changed.emit(name, value)

    def _on_early_stopping(self, on: bool) -> None:
        self.fields["patience"].setEnabled(on)
        patience = self.fields["patience"].value() or DEFAULT_PATIENCE
        self._emit("patience", patience if on else None)

    def _on_stop_after(self, on: bool) -> None:
        self.fields["max_epochs"].setEnabled(on)
        epochs = self.fields["max_epochs"].value() or DEFAULT_MAX_EPOCHS
        self._emit("max_epochs", epochs if on else None)

    # ----- from the lab -------------------------------------------------------------------------

    def set_large_text(self, large: bool) -> None:
        """With large text (presentation mode) every label goes above its field: side by side
        they would not fit the column."""
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows if large
                                   else QFormLayout.RowWrapPolicy.WrapLongRows)

    def refuse(self, field: str) -> None:
        """The lab refused ``field``'s value: say what is allowed under the field."""
        self.fields[field].refuse()

    def show_config(self, config: PlaygroundConfig) -> None:
        self._config = config
        self._updating = True
        try:
            for name in ("loss", "initializer", "optimizer", "schedule"):
                combo = getattr(self, name)
                combo.setCurrentIndex(combo.findData(getattr(config, name)))
            self.loss.setEnabled(config.problem == "classification")
            for name in ("momentum", "beta1", "beta2", "rho", "epsilon", "dropout",
                         "schedule_epochs", "warmup_epochs"):
                self.fields[name].set_value(getattr(config, name))
            for name, users in OPTIMIZER_FIELDS.items():
                self.form.setRowVisible(self.fields[name], config.optimizer in users)
            scheduled = config.schedule != "constant"
            self.form.setRowVisible(self.fields["schedule_epochs"], scheduled)
            self.batch_norm.setChecked(config.batch_norm)
            self.early_stopping.setChecked(config.patience is not None)
            self.fields["patience"].setEnabled(config.patience is not None)
            if config.patience is not None:
                self.fields["patience"].set_value(config.patience)
            self.stop_after.setChecked(config.max_epochs is not None)
            self.fields["max_epochs"].setEnabled(config.max_epochs is not None)
            if config.max_epochs is not None:
                self.fields["max_epochs"].set_value(config.max_epochs)
        finally:
            self._updating = False
        self.weight_seed.setText(self.tr("Weights seed %1").replace("%1", str(config.weight_seed)))

    def retranslate(self) -> None:
        self.title.setText(self.tr("More settings").upper())
        texts = {
            "loss": self.tr("Loss"),
            "initializer": self.tr("Initial weights"),
            "optimizer": self.tr("Optimizer"),
            "momentum": self.tr("Momentum"),
            "beta1": "β₁",
            "beta2": "β₂",
            "rho": "ρ",
            "epsilon": "ε",
            "dropout": self.tr("Dropout rate"),
            "batch_norm": self.tr("Batch norm"),
            "schedule": self.tr("Learning-rate schedule"),
            "schedule_epochs": self.tr("N (epochs)"),
            "warmup_epochs": self.tr("Warm-up (epochs)"),
            "early_stopping": self.tr("Early stopping"),
            "stop_after": self.tr("Stop after (epochs)"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.batch_norm.setText(self.tr("on"))
        self.batch_norm.setToolTip(self.tr("Normalize each hidden layer's inputs over the batch"))
        self.early_stopping.setText(self.tr("after"))
        self.early_stopping.setToolTip(self.tr("Stop when the test loss has not improved for this "
                                               "many epochs, and go back to the best weights"))
        self.stop_after.setText(self.tr("on"))
        self.fields["warmup_epochs"].setToolTip(self.tr("Grow the learning rate linearly over the "
                                                        "first epochs (0 = no warm-up)"))
        self.loss.setToolTip(self.tr("Squared error with a tanh output, as in TensorFlow "
                                     "Playground, or cross-entropy with a sigmoid/softmax output"))
        self.new_weights.setText(self.tr("Reset with new weights"))
        for combo, name_of in ((self.loss, loss_name), (self.initializer, initializer_name),
                               (self.optimizer, optimizer_name), (self.schedule, schedule_name)):
            for index in range(combo.count()):
                combo.setItemText(index, name_of(combo.itemData(index)))
                combo.setItemData(index, name_of(combo.itemData(index)), Qt.ItemDataRole.ToolTipRole)
        self.show_config(self._config)
