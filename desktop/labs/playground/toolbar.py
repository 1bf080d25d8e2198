"""The Playground's top bar: reset, run/pause and step, the epoch counter, and the settings
TensorFlow Playground keeps at the top (learning rate, activation, regularization and its rate,
problem type), with the Playground's own menus of values.

Changing the learning rate or the regularization does not restart training; the lab sends them
to the running trainer.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout, QWidget,
)

from engine.playground import (
    LEARNING_RATES, PLAYGROUND_ACTIVATIONS, PROBLEMS, REGULARIZATION_RATES, REGULARIZATIONS,
    PlaygroundConfig,
)

from .texts import activation_name, problem_name, regularization_name


class Counter(QLabel):
    """A label for a number that changes on every frame, sized to fit its text exactly.

    After a text change, Qt lays the whole window out again unless the label's size is fixed;
    this label fixes its size to its text, so that the next number of the same width (digits
    are equally wide) only repaints the label itself.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._fit()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def _fit(self) -> None:
        hint = self.sizeHint()
        if self.minimumSize() != hint or self.maximumSize() != hint:
            self.setFixedSize(hint)


def symbol_icon(kind: str, color: str, size: int) -> QIcon:
    """A drawn media symbol ("play", "pause", "step" or "reset"): no font has them all."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    s = float(size)
    if kind in ("play", "step"):
        right = 0.78 if kind == "play" else 0.66
        left = 0.3 if kind == "play" else 0.2
        triangle = QPainterPath(QPointF(left * s, 0.18 * s))
        triangle.lineTo(right * s, 0.5 * s)
        triangle.lineTo(left * s, 0.82 * s)
        triangle.closeSubpath()
        painter.drawPath(triangle)
        if kind == "step":
            painter.drawRect(QRectF(0.7 * s, 0.18 * s, 0.12 * s, 0.64 * s))
    elif kind == "pause":
        painter.drawRect(QRectF(0.27 * s, 0.2 * s, 0.16 * s, 0.6 * s))
        painter.drawRect(QRectF(0.57 * s, 0.2 * s, 0.16 * s, 0.6 * s))
    else:  # reset: an open circle with an arrow head
        pen = QPen(QColor(color))
        pen.setWidthF(0.1 * s)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawArc(QRectF(0.2 * s, 0.2 * s, 0.6 * s, 0.6 * s), 100 * 16, 290 * 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(color))
        head = QPainterPath(QPointF(0.38 * s, 0.08 * s))
        head.lineTo(0.56 * s, 0.2 * s)
        head.lineTo(0.38 * s, 0.33 * s)
        head.closeSubpath()
        painter.drawPath(head)
    painter.end()
    return QIcon(pixmap)


def _rate_text(rate: float) -> str:
    return f"{rate:g}"


class Toolbar(QWidget):
    """See the module docstring."""

    run_toggled = Signal()
    step_requested = Signal()
    reset_requested = Signal(bool)  # True: with new weights
    learning_rate_chosen = Signal(float)
    activation_chosen = Signal(str)
    regularization_chosen = Signal(str)
    regularization_rate_chosen = Signal(float)
    problem_chosen = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._updating = False
        self.reset_button = QToolButton()
        self.reset_button.setObjectName("resetButton")
        self.reset_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.reset_button.clicked.connect(lambda: self.reset_requested.emit(False))
        menu = QMenu(self.reset_button)
        self.reset_same = menu.addAction("")
        self.reset_same.triggered.connect(lambda: self.reset_requested.emit(False))
        self.reset_new = menu.addAction("")
        self.reset_new.triggered.connect(lambda: self.reset_requested.emit(True))
        self.reset_button.setMenu(menu)
        self.run_button = QToolButton()
        self.run_button.setObjectName("runButton")
        self.run_button.clicked.connect(self.run_toggled)
        self.step_button = QToolButton()
        self.step_button.setObjectName("stepButton")
        self.step_button.clicked.connect(self.step_requested)
        self.epoch_caption = QLabel()
        self.epoch = Counter("000,000")
        self.epoch.setObjectName("epochCounter")

        self.learning_rate = self._combo([(_rate_text(r), r) for r in LEARNING_RATES])
        self.activation = self._combo([(name, name) for name in PLAYGROUND_ACTIVATIONS])
        self.regularization = self._combo([(name, name) for name in REGULARIZATIONS])
        self.regularization_rate = self._combo([(_rate_text(r), r) for r in REGULARIZATION_RATES])
        self.problem = self._combo([(name, name) for name in PROBLEMS])
        self.learning_rate.activated.connect(
            lambda i: self._emit(self.learning_rate_chosen, self.learning_rate.itemData(i)))
        self.activation.activated.connect(
            lambda i: self._emit(self.activation_chosen, self.activation.itemData(i)))
        self.regularization.activated.connect(
            lambda i: self._emit(self.regularization_chosen, self.regularization.itemData(i)))
        self.regularization_rate.activated.connect(
            lambda i: self._emit(self.regularization_rate_chosen, self.regularization_rate.itemData(i)))
        self.problem.activated.connect(
            lambda i: self._emit(self.problem_chosen, self.problem.itemData(i)))

        self.captions = {combo: QLabel() for combo in (
            self.learning_rate, self.activation, self.regularization, self.regularization_rate,
            self.problem)}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(14)
        for button in (self.reset_button, self.run_button, self.step_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        epoch = QVBoxLayout()
        epoch.setSpacing(0)
        epoch.addWidget(self.epoch_caption)
        epoch.addWidget(self.epoch)
        layout.addLayout(epoch)
        for combo, caption in self.captions.items():
            column = QVBoxLayout()
            column.setSpacing(2)
            caption.setObjectName("mutedLabel")
            column.addWidget(caption)
            column.addWidget(combo)
            layout.addLayout(column)
        layout.addStretch(1)
        self._running = False
        self._icon_colors = ("black", "white")
        self._icon_size = 24
        self.retranslate()

    def _combo(self, items) -> QComboBox:
        combo = QComboBox()
        for text, data in items:
            combo.addItem(text, data)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _emit(self, signal, value) -> None:
        if not self._updating:
            signal.emit(value)

    def set_icons(self, text_color: str, background: str, size: int) -> None:
        """Draw the buttons' symbols in the theme's colours (the run button is inverted)."""
        self._icon_colors = (text_color, background)
        self._icon_size = size
        self.reset_button.setIcon(symbol_icon("reset", text_color, size))
        self.step_button.setIcon(symbol_icon("step", text_color, size))
        for button in (self.reset_button, self.step_button):
            button.setIconSize(QSize(size, size))
        self.run_button.setIconSize(QSize(size, size))
        self.set_running(self._running)

    def set_running(self, running: bool) -> None:
        self._running = running
        self.run_button.setIcon(symbol_icon("pause" if running else "play", self._icon_colors[1],
                                            self._icon_size))
        self.run_button.setToolTip(self.tr("Pause (Space)") if running else self.tr("Run (Space)"))

    def is_running(self) -> bool:
        return self._running

    def set_epoch(self, epoch: int) -> None:
        self.epoch.setText(f"{epoch:07,d}")

    def show_config(self, config: PlaygroundConfig) -> None:
        """Make the menus show ``config`` (without sending changes back)."""
        self._updating = True
        try:
            _select(self.learning_rate, config.learning_rate)
            activations = set(config.hidden_activations()) or {config.activation}
            _select(self.activation, activations.pop() if len(activations) == 1 else None)
            _select(self.regularization, config.regularization)
            _select(self.regularization_rate, config.regularization_rate)
            self.regularization_rate.setEnabled(config.regularization != "none")
            _select(self.problem, config.problem)
        finally:
            self._updating = False

    def retranslate(self) -> None:
        self.reset_button.setToolTip(self.tr("Reset to the same initial weights (R); "
                                             "the arrow offers new weights"))
        self.reset_same.setText(self.tr("Reset to the same initial weights"))
        self.reset_new.setText(self.tr("Reset with new weights"))
        self.step_button.setToolTip(self.tr("One epoch (→)"))
        self.epoch_caption.setText(self.tr("Epoch"))
        captions = {
            self.learning_rate: self.tr("Learning rate"),
            self.activation: self.tr("Activation"),
            self.regularization: self.tr("Regularization"),
            self.regularization_rate: self.tr("Regularization rate"),
            self.problem: self.tr("Problem type"),
        }
        for combo, text in captions.items():
            self.captions[combo].setText(text)
        for index in range(self.activation.count()):
            self.activation.setItemText(index, activation_name(self.activation.itemData(index)))
        for index in range(self.regularization.count()):
            self.regularization.setItemText(index, regularization_name(self.regularization.itemData(index)))
        for index in range(self.problem.count()):
            self.problem.setItemText(index, problem_name(self.problem.itemData(index)))
        self.activation.setToolTip(self.tr("The activation of every hidden layer (each layer can "
                                           "have its own: use the menu above the layer)"))
        self.set_running(self._running)


def _select(combo: QComboBox, data) -> None:
    """Select the item holding ``data``; blank (index -1) if the menu has no such value, e.g.
    layers with different activations."""
    combo.setCurrentIndex(combo.findData(data))
