"""The network drawn as TensorFlow Playground draws it, and edited in place.

Columns of nodes, left to right: the input features (all seven, the unused ones faded; click one
to switch it on or off), the hidden layers, the output. Every node shows a small live map of its
output over the input square. Links are curves whose colour is the weight's sign (blue +,
orange −) and whose width grows with its size; while training runs their dashes flow. Each
neuron's bias is the small square at its lower left. Hovering a link or a bias shows its value;
clicking opens a box to type a new one. Buttons above the columns add and remove layers and
neurons and choose a layer's activation.

The view only draws and asks: every change is a signal to the lab, which validates it and sends
it to the worker; the view is redrawn from the next frame.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QToolButton, QToolTip, QWidget

from engine.data.features import FEATURES, feature_matrix
from engine.playground import NEURON_RESOLUTION, grid_points

from .colors import PlaygroundColors
from .texts import activation_name

#: A link's width at |w| = 0 and at |w| ≥ WIDE_WEIGHT (TensorFlow Playground's scale).
THIN, THICK, WIDE_WEIGHT = 1.0, 10.0, 5.0
#: Link widths are drawn in this many steps between THIN and THICK (pens are reused per step).
WIDTH_STEPS = 18
#: Above this many links the dashes stop flowing (drawing them would cost too much per frame).
MAX_ANIMATED_LINKS = 400
#: How far (pixels) the pointer may be from a link and still hover it.
HOVER_DISTANCE = 5.0


def feature_maps() -> dict[str, np.ndarray]:
    """Each input feature over the neuron grid, scaled to [-1, 1] by its largest magnitude."""
    points = grid_points(NEURON_RESOLUTION)
    maps = {}
    for name in FEATURES:
        values = feature_matrix(points, [name])[:, 0]
        maps[name] = (values / np.abs(values).max()).reshape(NEURON_RESOLUTION, NEURON_RESOLUTION)
    return maps


def to_image(rgb: np.ndarray) -> QImage:
    """A QImage of an (rows, cols, 3) map whose row 0 is the bottom of the plane."""
    flipped = np.ascontiguousarray(rgb[::-1], dtype=np.uint8)
    height, width, _ = flipped.shape
    return QImage(flipped.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def pixel_aligned(area: QRectF, ratio: float, origin: QPointF) -> tuple[QPointF, QSize]:
    """The smallest block of whole device pixels that covers ``area`` (a widget's logical
    coordinates): its top-left corner in the same coordinates, and its size in device pixels.
    ``ratio`` is the device pixel ratio, ``origin`` where the widget starts on the device, which
    on a 150 % screen may be halfway into a pixel. A pixmap of that size drawn at that corner
    lands exactly on the device's pixels, so nothing drawn into it moves by a fraction of one."""
    shift_x, shift_y = origin.x() % 1, origin.y() % 1
    left = math.floor(area.left() * ratio + shift_x)
    top = math.floor(area.top() * ratio + shift_y)
    size = QSize(math.ceil(area.right() * ratio + shift_x) - left,
                 math.ceil(area.bottom() * ratio + shift_y) - top)
    return QPointF((left - shift_x) / ratio, (top - shift_y) / ratio), size


@dataclass
class _Node:
    rect: QRectF
    column: int  # 0 features, 1..L hidden layers, L+1 output
    row: int
    feature: str | None = None  # for column 0
    active: bool = True


@dataclass
class _Link:
    stage: int  # weight matrix index: 0 = features → first layer
    source: int  # row in that matrix
    target: int  # column in that matrix
    path: QPainterPath
    samples: np.ndarray  # (k, 2) points along the curve, for hovering


class NetworkView(QWidget):
    """See the module docstring."""

    feature_toggled = Signal(str, bool)
    layers_added = Signal(int)  # +1 or −1
    neurons_added = Signal(int, int)  # hidden layer, +1 or −1
    layer_activation_requested = Signal(int, str)  # hidden layer, activation name
    weight_edited = Signal(int, int, int, float)  # stage, source row, target column, value
    bias_edited = Signal(int, int, float)  # stage, unit, value
    #: The hidden neuron under the pointer (layer, index), or None when it leaves.
    neuron_hovered = Signal(object)

    def __init__(self, activations: tuple[str, ...], max_layers: int, max_neurons: int,
                 parent=None) -> None:
        """``activations``: the names the per-layer menus offer."""
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumSize(300, 360)
        self._activation_choices = activations
        self._max_layers, self._max_neurons = max_layers, max_neurons
        self._features: tuple[str, ...] = ()
        self._hidden: tuple[int, ...] = ()
        self._activations: tuple[str, ...] = ()
        self._outputs = 1
        self._colors: PlaygroundColors | None = None
        self._text_color = QColor("black")
        self._muted_color = QColor("gray")
        self._node_border = QColor("#888888")
        self._error_color = QColor("red")
        self._scale = 1.0
        self._feature_images: dict[str, QImage] = {}
        self._feature_maps = feature_maps()
        self._weights: tuple[np.ndarray, ...] = ()
        self._biases: tuple[np.ndarray, ...] = ()
        self._neuron_images: list[QImage] = []
        self._output_images: list[QImage] = []
        self._nodes: list[list[_Node]] = []
        self._links: list[_Link] = []
        self._link_samples = np.empty((0, 0, 2))
        self._hover: tuple | None = None  # ("link", i) | ("bias", column, row) | ("node", column, row)
        self._training = False
        self._phase = 0.0
        self._phase_clock = time.monotonic()
        self._node_size = 40.0
        self._header_rows: list[float] = []
        # Per link and per bias: (colour-table index, width step), computed once per frame; and
        # the pens and brushes made for each such pair, kept across frames.
        self._link_styles = np.empty((0, 2), dtype=np.intp)
        self._bias_styles = np.empty((0, 2), dtype=np.intp)
        self._pens: dict[tuple[int, int], QPen] = {}
        self._brushes: dict[int, QColor] = {}
        self._labels: list[tuple[QPointF, str, bool]] = []
        # What changes only with the layout, colours or features (see _render_overlay), and the
        # part of the widget that a new frame repaints (the buttons above it stay as they are).
        self._overlay: list[tuple[QPointF, QPixmap]] | None = None
        self._canvas = QRect()

        self._layers_plus, self._layers_minus = self._plus_minus(
            lambda: self.layers_added.emit(1), lambda: self.layers_added.emit(-1))
        self._layers_label = QLabel(self)
        self._layers_label.setObjectName("layersLabel")
        self._features_label = QLabel(self)
        self._output_label = QLabel(self)
        self._message = QLabel(self)
        self._message.setObjectName("networkMessage")
        self._message.setWordWrap(True)
        self._message.hide()
        self._message_timer = QTimer(self, singleShot=True, interval=6000)
        self._message_timer.timeout.connect(self._message.hide)
        self._column_controls: list[tuple[QToolButton, QToolButton, QLabel, QToolButton]] = []
        self._editor = QLineEdit(self)
        self._editor.setObjectName("weightEditor")
        self._editor.hide()
        self._editor.returnPressed.connect(self._commit_edit)
        self._editor.installEventFilter(self)
        self._editor_error = QLabel(self)
        self._editor_error.setObjectName("weightEditorError")
        self._editor_error.hide()
        self._editing: tuple | None = None
        self.retranslate()

    # ----- building -----------------------------------------------------------------------------

    def _plus_minus(self, on_plus, on_minus) -> tuple[QToolButton, QToolButton]:
        plus, minus = QToolButton(self), QToolButton(self)
        plus.setText("+")
        minus.setText("−")
        for button in (plus, minus):
            button.setAutoRaise(False)
            button.setObjectName("roundButton")
        plus.clicked.connect(on_plus)
        minus.clicked.connect(on_minus)
        return plus, minus

    def set_structure(self, features: tuple[str, ...], hidden: tuple[int, ...],
                      activations: tuple[str, ...], outputs: int) -> None:
        """The network to draw: active features, hidden widths and activations, output units.
        Weights and maps keep their old values until the next :meth:`set_state`."""
        if (features, hidden, activations, outputs) == (
                self._features, self._hidden, self._activations, self._outputs):
            return
        self._features, self._hidden, self._activations = features, hidden, activations
        self._outputs = outputs
        while len(self._column_controls) < len(hidden):
            layer = len(self._column_controls)
            plus, minus = self._plus_minus(
                lambda _=False, layer=layer: self.neurons_added.emit(layer, 1),
                lambda _=False, layer=layer: self.neurons_added.emit(layer, -1))
            label = QLabel(self)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            activation = QToolButton(self)
            activation.setObjectName("activationButton")
            activation.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(activation)
            for name in self._activation_choices:
                action = menu.addAction(activation_name(name))
                action.setData(name)
                action.triggered.connect(
                    lambda _=False, layer=layer, name=name: self.layer_activation_requested.emit(layer, name))
            activation.setMenu(menu)
            self._column_controls.append((plus, minus, label, activation))
        while len(self._column_controls) > len(hidden):
            for widget in self._column_controls.pop():
                widget.deleteLater()
        for widgets in self._column_controls:
            for widget in widgets:
                widget.show()
        self._hover = None
        self._close_editor()
        self._update_texts()

    def set_colors(self, colors: PlaygroundColors, text: str, muted: str, border: str,
                   error: str, scale: float) -> None:
        """Colours and size from the current style (``scale`` > 1 in presentation mode)."""
        self._colors = colors
        self._pens.clear()
        self._brushes.clear()
        self._text_color, self._muted_color = QColor(text), QColor(muted)
        self._node_border = QColor(border)
        self._error_color = QColor(error)
        self._scale = scale
        self._feature_images = {name: to_image(colors.signed(values))
                                for name, values in self._feature_maps.items()}
        self._layout()

    def set_state(self, weights: tuple[np.ndarray, ...], biases: tuple[np.ndarray, ...],
                  neuron_maps: np.ndarray, output_rgb: np.ndarray) -> None:
        """The current parameters and maps: ``neuron_maps`` (neurons, r, r) signed values in
        layer order, ``output_rgb`` (outputs, r, r, 3) colours of the output nodes."""
        self._weights, self._biases = weights, biases
        self._link_styles = self._styles(self._link_values())
        self._bias_styles = self._styles(self._bias_values())
        if self._colors is not None and len(neuron_maps):
            rgb = self._colors.signed(neuron_maps)
            self._neuron_images = [to_image(image) for image in rgb]
        else:
            self._neuron_images = []
        self._output_images = [to_image(image) for image in output_rgb]
        now = time.monotonic()
        if self._training:
            self._phase += (now - self._phase_clock) * 12.0  # pixels per second of dash flow
        self._phase_clock = now
        if self._editing is None:
            self._refresh_hover_tooltip()
        self.update(self._canvas)

    def set_training(self, training: bool) -> None:
        """Dashes flow along the links while training runs."""
        self._training = training
        self._phase_clock = time.monotonic()
        self.update(self._canvas)

    def _enable_buttons(self) -> None:
        """Enable exactly the +/− buttons that lead to an allowed network."""
        self._layers_plus.setEnabled(len(self._hidden) < self._max_layers)
        self._layers_minus.setEnabled(len(self._hidden) > 0)
        for layer, (plus, minus, _, _) in enumerate(self._column_controls):
            plus.setEnabled(self._hidden[layer] < self._max_neurons)
            minus.setEnabled(self._hidden[layer] > 1)

    def show_message(self, text: str) -> None:
        """A short note under the features (why a click was refused); hides itself."""
        self._message.setText(text)
        self._message.adjustSize()
        self._place_message()
        self._message.show()
        self._message.raise_()
        self._message_timer.start()

    def message(self) -> str:
        return self._message.text() if self._message.isVisible() else ""

    def retranslate(self) -> None:
        self._update_texts()

    def _update_texts(self) -> None:
        count = len(self._hidden)
        layers = (self.tr("1 hidden layer") if count == 1
                  else self.tr("%1 hidden layers").replace("%1", str(count)))
        self._layers_label.setText(layers.upper())
        self._features_label.setText(self.tr("Features").upper())
        self._output_label.setText(self.tr("Output").upper())
        self._layers_plus.setToolTip(self.tr("Add a hidden layer"))
        self._layers_minus.setToolTip(self.tr("Remove the last hidden layer"))
        for layer, (plus, minus, label, activation) in enumerate(self._column_controls):
            neurons = self._hidden[layer]
            text = (self.tr("1 neuron") if neurons == 1
                    else self.tr("%1 neurons").replace("%1", str(neurons)))
            label.setText(text.replace(" ", "\n", 1))  # two short lines fit a narrow column
            plus.setToolTip(self.tr("Add a neuron to this layer"))
            minus.setToolTip(self.tr("Remove a neuron from this layer"))
            if layer < len(self._activations):
                activation.setText(activation_name(self._activations[layer]) + " ▾")
            activation.setToolTip(self.tr("Activation of this layer"))
            for action in activation.menu().actions():
                action.setText(activation_name(action.data()))
        self._enable_buttons()
        self._layout()

    # ----- geometry -----------------------------------------------------------------------------

    def _columns(self) -> list[int]:
        """Node count of each column: all features, each hidden layer, the outputs."""
        return [len(FEATURES), *self._hidden, self._outputs]

    def resizeEvent(self, event) -> None:
        self._layout()
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(640, 560)

    def _layout(self) -> None:
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        button = self._layers_plus.sizeHint()
        row = max(button.height(), line) + 4
        # Rows: layer +/−, neuron +/−, neuron count (two lines), activation menu.
        self._header_rows = [4, 4 + row, 4 + 2 * row, 4 + 2 * row + 2 * line + 4]
        header = self._header_rows[-1] + row + line * 0.5
        label_width = max(metrics.horizontalAdvance(FEATURES[name].label) for name in FEATURES) + 10
        columns = self._columns()
        rows = max(columns)
        available = self.height() - header - line
        self._node_size = size = float(np.clip(available / (rows * 1.3), 14.0, 56.0 * self._scale))
        gap = (available - rows * size) / max(rows - 1, 1) if rows > 1 else 0
        gap = min(gap, size * 0.6)
        left = label_width + 4
        right = self.width() - size - 8
        column_x = np.linspace(left, right, len(columns)) if len(columns) > 1 else np.array([left])
        self._nodes = []
        for column, count in enumerate(columns):
            nodes = []
            for row_index in range(count):
                rect = QRectF(column_x[column], header + row_index * (size + gap), size, size)
                if column == 0:
                    name = list(FEATURES)[row_index]
                    nodes.append(_Node(rect, column, row_index, name, name in self._features))
                else:
                    nodes.append(_Node(rect, column, row_index))
            self._nodes.append(nodes)
        self._labels = []
        for node in self._nodes[0]:
            label = FEATURES[node.feature].label
            width = metrics.horizontalAdvance(label)
            position = QPointF(node.rect.left() - width - 6, node.rect.center().y() + metrics.ascent() / 2 - 1)
            self._labels.append((position, label, node.active))
        self._build_links()
        self._link_styles = self._styles(self._link_values())
        self._bias_styles = self._styles(self._bias_values())
        self._place_controls(column_x, size)
        self._canvas = QRect(0, int(header) - 3, self.width(), self.height())
        self._overlay = None
        self.update()

    def _build_links(self) -> None:
        self._links = []
        sources = [node for node in self._nodes[0] if node.active]
        samples = []
        t = np.linspace(0.0, 1.0, 12)[:, None]
        for stage, column in enumerate(self._nodes[1:]):
            for i, source in enumerate(sources):
                for j, target in enumerate(column):
                    start = QPointF(source.rect.right(), source.rect.center().y())
                    end = QPointF(target.rect.left(), target.rect.center().y())
                    middle = (start.x() + end.x()) / 2
                    path = QPainterPath(start)
                    path.cubicTo(QPointF(middle, start.y()), QPointF(middle, end.y()), end)
                    # Points along the same Bézier curve, for hit testing in NumPy.
                    p0, p3 = np.array([start.x(), start.y()]), np.array([end.x(), end.y()])
                    p1, p2 = np.array([middle, start.y()]), np.array([middle, end.y()])
                    curve = ((1 - t) ** 3) * p0 + 3 * ((1 - t) ** 2) * t * p1 \
                        + 3 * (1 - t) * t * t * p2 + t ** 3 * p3
                    samples.append(curve)
                    self._links.append(_Link(stage, i, j, path, curve))
            sources = column
        self._link_samples = np.array(samples) if samples else np.empty((0, 12, 2))

    def _place_controls(self, column_x: np.ndarray, size: float) -> None:
        rows = self._header_rows
        hidden_x = column_x[1:-1]
        if len(hidden_x):
            centre = (hidden_x[0] + hidden_x[-1] + size) / 2
        else:
            centre = (column_x[0] + column_x[-1] + size) / 2
        button = self._layers_plus.sizeHint()
        self._layers_label.adjustSize()
        total = 2 * button.width() + 8 + self._layers_label.width()
        x = centre - total / 2
        self._layers_plus.move(int(x), int(rows[0]))
        self._layers_minus.move(int(x + button.width() + 2), int(rows[0]))
        self._layers_label.move(int(x + 2 * button.width() + 8),
                                int(rows[0] + (button.height() - self._layers_label.height()) / 2))
        self._features_label.adjustSize()
        features_x = column_x[0] + size / 2 - self._features_label.width() / 2
        self._features_label.move(int(max(features_x, 0)), int(rows[3]))
        self._output_label.adjustSize()
        self._output_label.move(int(min(column_x[-1] + size / 2 - self._output_label.width() / 2,
                                        self.width() - self._output_label.width())), int(rows[3]))
        for layer, (plus, minus, label, activation) in enumerate(self._column_controls):
            middle = hidden_x[layer] + size / 2
            plus.move(int(middle - button.width() - 1), int(rows[1]))
            minus.move(int(middle + 1), int(rows[1]))
            label.adjustSize()
            label.move(int(middle - label.width() / 2), int(rows[2]))
            activation.adjustSize()
            activation.move(int(middle - activation.width() / 2), int(rows[3]))
        self._place_message()

    def _place_message(self) -> None:
        if not self._nodes:
            return
        last_feature = self._nodes[0][-1].rect
        self._message.setFixedWidth(max(int(last_feature.right()) + 40, 160))
        self._message.adjustSize()
        self._message.move(2, int(last_feature.bottom() + 6))

    # ----- painting -----------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        if self._colors is None or not self._nodes:
            return
        if self._overlay is None:
            self._overlay = self._render_overlay()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_links(painter)
        self._paint_maps(painter)
        for corner, tile in self._overlay:
            painter.drawPixmap(corner, tile)
        # The names are drawn here, not in the overlay: text antialiased onto a transparent
        # pixmap comes out a little bolder than onto the widget.
        for position, label, active in self._labels:
            painter.setPen(self._text_color if active else self._muted_color)
            painter.drawText(position, label)
        self._paint_hovered_node(painter)
        self._paint_biases(painter)
        painter.end()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.DevicePixelRatioChange:  # the tiles are made for the old one
            self._overlay = None
        super().changeEvent(event)

    def moveEvent(self, event) -> None:
        self._overlay = None  # the tiles are aligned to the window's pixels (see _render_overlay)
        super().moveEvent(event)

    def _render_overlay(self) -> list[tuple[QPointF, QPixmap]]:
        """What lies on top of the maps and changes only with the layout, the colours and the
        active features: the input features' maps and every node's frame, painted once into one
        transparent pixmap per column instead of on every frame."""
        ratio = self.devicePixelRatioF()
        origin = self.mapTo(self.window(), QPointF(0, 0)) * ratio
        border = QPen(self._node_border)
        tiles = []
        for column, nodes in enumerate(self._nodes):
            area = QRectF()
            for node in nodes:
                area = area.united(node.rect)
            corner, size = pixel_aligned(area.adjusted(-2, -2, 2, 2), ratio, origin)
            tile = QPixmap(size)
            tile.setDevicePixelRatio(ratio)
            tile.fill(Qt.GlobalColor.transparent)
            painter = QPainter(tile)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.translate(-corner)
            painter.setPen(border)
            for node in nodes:
                painter.setOpacity(1.0 if node.active else 0.3)
                if column == 0:
                    painter.drawImage(node.rect, self._feature_images[node.feature])
                painter.drawRect(node.rect)
            painter.end()
            tiles.append((corner, tile))
        return tiles

    def _link_values(self) -> np.ndarray:
        """Every link's weight, in the order of ``self._links`` (0 where shapes disagree, as
        for a moment after the network changed and before the first frame of the new run)."""
        values = np.zeros(len(self._links))
        position = 0
        sources = sum(node.active for node in self._nodes[0]) if self._nodes else 0
        for stage, column in enumerate(self._nodes[1:]):
            count = sources * len(column)
            weights = self._weights[stage] if stage < len(self._weights) else None
            if weights is not None and weights.shape == (sources, len(column)):
                values[position:position + count] = weights.ravel()
            position += count
            sources = len(column)
        return values

    def _bias_values(self) -> np.ndarray:
        """Every neuron's bias (hidden layers, then outputs), 0 where shapes disagree."""
        columns = [len(column) for column in self._nodes[1:]]
        values = [np.asarray(self._biases[stage]) if stage < len(self._biases)
                  and len(self._biases[stage]) == count else np.zeros(count)
                  for stage, count in enumerate(columns)]
        return np.concatenate(values) if values else np.zeros(0)

    def _styles(self, values: np.ndarray) -> np.ndarray:
        """(colour-table index, width step) of each value; non-finite values get index -1."""
        styles = np.zeros((len(values), 2), dtype=np.intp)
        if self._colors is None or not len(values):
            return styles
        finite = np.isfinite(values)
        table = len(self._colors.lut) - 1
        scaled = np.clip((np.where(finite, values, 0.0) + 1.0) / 2.0, 0.0, 1.0)
        styles[:, 0] = np.where(finite, np.round(scaled * table), -1)
        size = np.clip(np.abs(np.where(finite, values, 0.0)) / WIDE_WEIGHT, 0.0, 1.0)
        styles[:, 1] = np.round(size * WIDTH_STEPS)
        return styles

    def _color(self, index: int) -> QColor:
        color = self._brushes.get(index)
        if color is None:
            if index < 0:
                color = QColor(self._error_color)
            else:
                r, g, b = (int(c) for c in self._colors.lut[index])
                color = QColor(r, g, b)
            self._brushes[index] = color
        return color

    def _pen(self, color_index: int, width_step: int) -> QPen:
        pen = self._pens.get((color_index, width_step))
        if pen is None:
            width = (THIN + (THICK - THIN) * width_step / WIDTH_STEPS) * self._scale ** 0.5
            pen = QPen(self._color(color_index))
            pen.setWidthF(width)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            self._pens[color_index, width_step] = pen
        return pen

    def _paint_links(self, painter: QPainter) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        animate = self._training and len(self._links) <= MAX_ANIMATED_LINKS
        styles = self._link_styles if len(self._link_styles) == len(self._links) \
            else self._styles(self._link_values())
        for link, (color_index, width_step) in zip(self._links, styles):
            pen = self._pen(color_index, width_step)
            if animate:
                pen = QPen(pen)
                width = pen.widthF()
                pen.setDashPattern([9.0 / width, 1.5 / width])
                pen.setDashOffset(-self._phase / width)
            painter.setPen(pen)
            painter.drawPath(link.path)
        if self._hover and self._hover[0] == "link" and self._hover[1] < len(self._links):
            pen = QPen(self._text_color)
            pen.setWidthF(1.5)
            pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawPath(self._links[self._hover[1]].path)

    def _paint_maps(self, painter: QPainter) -> None:
        """The live maps of the hidden and output nodes (the overlay frames them)."""
        for column, nodes in enumerate(self._nodes[1:], start=1):
            for node in nodes:
                image = self._node_image(column, node.row)
                if image is not None:
                    painter.drawImage(node.rect, image)

    def _paint_hovered_node(self, painter: QPainter) -> None:
        hover = self._hover
        if not hover or hover[0] not in ("node", "bias"):
            return
        column, row = hover[1], hover[2]
        if column >= len(self._nodes) or row >= len(self._nodes[column]):
            return
        node = self._nodes[column][row]
        highlight = QPen(self._text_color)
        highlight.setWidthF(2.0)
        painter.setPen(highlight)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = node.rect if hover[0] == "node" else self._bias_rect(node)
        painter.drawRect(rect.adjusted(-2, -2, 2, 2))

    def _paint_biases(self, painter: QPainter) -> None:
        styles = self._bias_styles
        painter.setPen(self._node_border)
        index = 0
        for nodes in self._nodes[1:]:
            for node in nodes:
                color_index = styles[index][0] if index < len(styles) else len(self._colors.lut) // 2
                painter.setBrush(self._color(int(color_index)))
                painter.drawRect(self._bias_rect(node))
                index += 1

    def _bias_rect(self, node: _Node) -> QRectF:
        side = max(6.0, self._node_size / 4.5)
        return QRectF(node.rect.left() - side * 0.6, node.rect.bottom() - side * 0.4, side, side)

    def _node_image(self, column: int, row: int) -> QImage | None:
        if column == 0:
            return self._feature_images.get(list(FEATURES)[row])
        if column == len(self._nodes) - 1:
            return self._output_images[row] if row < len(self._output_images) else None
        index = sum(self._hidden[:column - 1]) + row
        return self._neuron_images[index] if index < len(self._neuron_images) else None

    # ----- pointer ------------------------------------------------------------------------------

    def _hit(self, point: QPointF) -> tuple | None:
        for column, nodes in enumerate(self._nodes):
            for node in nodes:
                if column > 0 and self._bias_rect(node).adjusted(-2, -2, 2, 2).contains(point):
                    return ("bias", column, node.row)
                if node.rect.contains(point):
                    return ("node", column, node.row)
        if len(self._link_samples):
            distance = np.hypot(self._link_samples[:, :, 0] - point.x(),
                                self._link_samples[:, :, 1] - point.y()).min(axis=1)
            nearest = int(np.argmin(distance))
            if distance[nearest] <= HOVER_DISTANCE * max(self._scale, 1.0) + 3:
                return ("link", nearest)
        return None

    def mouseMoveEvent(self, event) -> None:
        hit = self._hit(event.position())
        if hit != self._hover:
            self._hover = hit
            neuron = None
            if hit and hit[0] == "node" and 0 < hit[1] < len(self._nodes) - 1:
                neuron = (hit[1] - 1, hit[2])
            self.neuron_hovered.emit(neuron)
            self._refresh_hover_tooltip(event.globalPosition().toPoint())
            self.update(self._canvas)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            self._hover = None
            self.neuron_hovered.emit(None)
            QToolTip.hideText()
            self.update(self._canvas)
        super().leaveEvent(event)

    def hover_text(self) -> str:
        """What hovering the current item says (empty if nothing is hovered)."""
        hover = self._hover
        if not hover:
            return ""
        if hover[0] == "link":
            value = self._link_value(self._links[hover[1]])
            return self.tr("Weight %1 — click to change it").replace("%1", _format(value))
        if hover[0] == "bias":
            value = self._bias_value(hover[1] - 1, hover[2])
            return self.tr("Bias %1 — click to change it").replace("%1", _format(value))
        column, row = hover[1], hover[2]
        if column == 0:
            name = list(FEATURES)[row]
            label = FEATURES[name].label
            if name in self._features:
                return self.tr("Input %1 is on — click to switch it off").replace("%1", label)
            return self.tr("Input %1 is off — click to switch it on").replace("%1", label)
        if column == len(self._nodes) - 1:
            return self.tr("The output of the network")
        return self.tr("Neuron %1 of hidden layer %2: its output over the input square") \
            .replace("%1", str(row + 1)).replace("%2", str(column))

    def _refresh_hover_tooltip(self, global_position=None) -> None:
        if global_position is None:
            if not self._hover or not QToolTip.isVisible():
                return
            global_position = self.cursor().pos()
        text = self.hover_text()
        if text:
            QToolTip.showText(global_position, text, self)
        else:
            QToolTip.hideText()

    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        hit = self._hit(event.position())
        if not hit:
            self._close_editor()
            return
        if hit[0] == "node" and hit[1] == 0:
            name = list(FEATURES)[hit[2]]
            self.feature_toggled.emit(name, name not in self._features)
        elif hit[0] == "link":
            link = self._links[hit[1]]
            self._open_editor(("weight", link.stage, link.source, link.target),
                              self._link_value(link), event.position())
        elif hit[0] == "bias":
            self._open_editor(("bias", hit[1] - 1, hit[2]),
                              self._bias_value(hit[1] - 1, hit[2]), event.position())

    def _link_value(self, link: _Link) -> float:
        try:
            return float(self._weights[link.stage][link.source, link.target])
        except IndexError:
            return float("nan")

    def _bias_value(self, stage: int, unit: int) -> float:
        try:
            return float(self._biases[stage][unit])
        except IndexError:
            return float("nan")

    # ----- editing ------------------------------------------------------------------------------

    def _open_editor(self, target: tuple, value: float, position: QPointF) -> None:
        self._editing = target
        QToolTip.hideText()
        self._editor.setText(_format(value))
        self._editor.setFixedWidth(QFontMetrics(self._editor.font()).horizontalAdvance("−0.00000") + 16)
        self._editor.adjustSize()
        x = min(int(position.x()) + 8, self.width() - self._editor.width() - 4)
        y = min(int(position.y()) + 8, self.height() - self._editor.height() - 4)
        self._editor.move(max(x, 0), max(y, 0))
        self._editor_error.hide()
        self._editor.show()
        self._editor.raise_()
        self._editor.setFocus()
        self._editor.selectAll()

    def open_weight_editor(self, stage: int, source: int, target: int) -> QLineEdit:
        """Open the editor on one link, as a click on it does (for keyboard users and tests)."""
        link = next(link for link in self._links
                    if (link.stage, link.source, link.target) == (stage, source, target))
        middle = link.samples[len(link.samples) // 2]
        self._open_editor(("weight", stage, source, target), self._link_value(link),
                          QPointF(middle[0], middle[1]))
        return self._editor

    def open_bias_editor(self, stage: int, unit: int) -> QLineEdit:
        node = self._nodes[stage + 1][unit]
        self._open_editor(("bias", stage, unit), self._bias_value(stage, unit), node.rect.bottomLeft())
        return self._editor

    def editor_error(self) -> str:
        return self._editor_error.text() if self._editor_error.isVisible() else ""

    def _commit_edit(self) -> None:
        text = self._editor.text().strip().replace("−", "-").replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not math.isfinite(value) or abs(value) > 1e6:
            self._editor_error.setText(self.tr("Type a number between −1000000 and 1000000, e.g. −0.5"))
            self._editor_error.adjustSize()
            x = self._editor.x()
            if x + self._editor_error.width() > self.width():
                x = max(self.width() - self._editor_error.width(), 0)
            self._editor_error.move(x, self._editor.geometry().bottom() + 2)
            self._editor_error.show()
            self._editor_error.raise_()
            return
        target, self._editing = self._editing, None
        self._close_editor()
        if target[0] == "weight":
            self.weight_edited.emit(target[1], target[2], target[3], value)
        else:
            self.bias_edited.emit(target[1], target[2], value)

    def _close_editor(self) -> None:
        self._editing = None
        self._editor.hide()
        self._editor_error.hide()

    def eventFilter(self, watched, event) -> bool:
        if watched is self._editor:
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
                self._close_editor()
                return True
            if event.type() == QEvent.Type.FocusOut and not self._editor_error.isVisible():
                self._close_editor()
        return super().eventFilter(watched, event)


def _format(value: float) -> str:
    return f"{value:.3f}" if math.isfinite(value) else str(value)
