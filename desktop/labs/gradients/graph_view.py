"""The computation graph of the 2→3→2→1 network: one card per node, arrows for the data flow.

::

               W¹       W²       W³       y
               ↓        ↓        ↓        ↓
        X  →   Z¹   →   Z²   →   ŷ    →   L

A card shows its node's value (editable for X, the weights and y) and, once the backward walk
has reached it, the gradient ∂L/∂(node) under it in the gradient color. The card of the current
step is framed in the accent color. With an activation f, the Z cards also show the weighted sum
S = W·(input) before f. The view only displays what the page gives it.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from engine.backprop import SYMBOLS

from .matrix_view import MatrixView, matrix_style

# (node, grid row, grid column, shape, editable) of every card.
CARDS = (
    ("W1", 0, 1, (3, 2), True), ("W2", 0, 2, (2, 3), True), ("W3", 0, 3, (1, 2), True),
    ("y", 0, 4, (1, 1), True),
    ("X", 1, 0, (2, 1), True), ("Z1", 1, 1, (3, 1), False), ("Z2", 1, 2, (2, 1), False),
    ("yhat", 1, 3, (1, 1), False), ("L", 1, 4, (1, 1), False),
)
# The graph's edges: data flows from the first node to the second.
EDGES = (("X", "Z1"), ("W1", "Z1"), ("Z1", "Z2"), ("W2", "Z2"), ("Z2", "yhat"), ("W3", "yhat"),
         ("yhat", "L"), ("y", "L"))
# The weighted sum shown inside each hidden card when there is an activation.
SUMS = {"Z1": "S1", "Z2": "S2"}


class NodeCard(QWidget):
    """One node: its symbol, its value and (after the backward walk reached it) its gradient."""

    # (node, row, column, value) after the user typed a valid number.
    edited = Signal(str, int, int, float)
    # (node) after the user typed something that is not a number.
    rejected = Signal(str)

    def __init__(self, node: str, shape: tuple[int, int], editable: bool) -> None:
        super().__init__()
        self.node = node
        self._border = QColor("gray")
        self._border_width = 1.0
        self.title = QLabel(SYMBOLS[node])
        self.title.setProperty("role", "heading")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.value = MatrixView(*shape, editable=editable)
        self.value.edited.connect(lambda r, c, v: self.edited.emit(self.node, r, c, v))
        self.value.rejected.connect(lambda _r, _c: self.rejected.emit(self.node))
        self.sum_label = QLabel()
        self.sum_value = MatrixView(*shape)
        self.apply_label = QLabel("f →")
        self.value_label = QLabel(SYMBOLS[node])
        self.gradient_label = QLabel()
        self.gradient_label.setProperty("role", "gradient")
        self.gradient = MatrixView(*shape)
        self.gradient.set_gradient(True)
        self._captions = (self.sum_label, self.value_label)
        for caption in self._captions:
            caption.setProperty("role", "muted")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        values = QGridLayout()
        values.setHorizontalSpacing(6)
        values.setVerticalSpacing(1)
        values.addWidget(self.sum_label, 0, 0)
        values.addWidget(self.sum_value, 1, 0)
        values.addWidget(self.apply_label, 1, 1)
        values.addWidget(self.value_label, 0, 2)
        values.addWidget(self.value, 1, 2)
        layout = QVBoxLayout(self)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addLayout(values)
        for widget in (self.gradient_label, self.gradient):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        self.show_sum(None)
        self.show_gradient(None)

    def show_sum(self, values: np.ndarray | None, symbol: str = "") -> None:
        """The weighted sum S before the activation, beside the value f(S) (hidden when None)."""
        self.sum_label.setText(symbol)
        self.sum_value.set_values(values)
        for widget in (self.sum_label, self.sum_value, self.apply_label, self.value_label):
            widget.setVisible(values is not None)

    def show_gradient(self, values: np.ndarray | None) -> None:
        self.gradient_label.setText(f"∂L/∂{SYMBOLS[self.node]} =")
        self.gradient.set_values(values)
        self.gradient_label.setVisible(values is not None)
        self.gradient.setVisible(values is not None)

    def set_title(self, text: str) -> None:
        self.title.setText(text)

    def set_border(self, color: QColor, width: float) -> None:
        self._border, self._border_width = color, width
        self.update()

    def border(self) -> tuple[QColor, float]:
        return self._border, self._border_width

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """A rounded frame (painted, not a style sheet, so the card follows the graph's font)."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self._border)
        pen.setWidthF(self._border_width)
        painter.setPen(pen)
        inset = self._border_width / 2 + 0.5
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 6, 6)
        painter.end()


class GraphView(QWidget):
    """The cards in a grid, with the edges painted behind them."""

    edited = Signal(str, int, int, float)
    rejected = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.cards: dict[str, NodeCard] = {}
        grid = QGridLayout(self)
        for node, row, column, shape, editable in CARDS:
            card = NodeCard(node, shape, editable)
            card.edited.connect(self.edited)
            card.rejected.connect(self.rejected)
            grid.addWidget(card, row, column, Qt.AlignmentFlag.AlignCenter)
            self.cards[node] = card
        self._space_out()
        self._current: str | None = None
        self._edge_color = QColor("gray")
        self._accent = QColor("blue")

    def set_colors(self, edge: QColor, accent: QColor, gradient: QColor, error: QColor) -> None:
        self._edge_color, self._accent = edge, accent
        self.setStyleSheet(matrix_style(gradient, error))
        self._frame_cards()
        self.update()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Spacing grows with the font (presentation mode)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._space_out()

    def _space_out(self) -> None:
        line = self.fontMetrics().height()
        self.layout().setHorizontalSpacing(round(1.6 * line))
        self.layout().setVerticalSpacing(round(1.4 * line))

    def set_current(self, node: str | None) -> None:
        """Frame the card of ``node`` (the step being shown), or none."""
        self._current = node
        self._frame_cards()

    def current(self) -> str | None:
        return self._current

    def _frame_cards(self) -> None:
        for node, card in self.cards.items():
            if node == self._current:
                card.set_border(self._accent, 3.0)
            else:
                card.set_border(self._edge_color, 1.0)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self._edge_color)
        pen.setWidthF(max(1.5, self.fontMetrics().height() / 10))
        painter.setPen(pen)
        painter.setBrush(self._edge_color)
        for source, target in EDGES:
            self._arrow(painter, QRectF(self.cards[source].geometry()),
                        QRectF(self.cards[target].geometry()))
        painter.end()

    def _arrow(self, painter: QPainter, source: QRectF, target: QRectF) -> None:
        """Down from a card above ``target`` into its top, or across into its left side."""
        if source.bottom() < target.top():
            start = QPointF(target.center().x(), source.bottom())
            end = QPointF(target.center().x(), target.top())
        else:
            start = QPointF(source.right(), target.center().y())
            end = QPointF(target.left(), target.center().y())
        painter.drawLine(start, end)
        direction = end - start
        length = max(1e-9, (direction.x() ** 2 + direction.y() ** 2) ** 0.5)
        unit = direction / length
        normal = QPointF(-unit.y(), unit.x())
        size = max(6.0, self.fontMetrics().height() / 2.5)
        head = QPainterPath(end)
        head.lineTo(end - unit * size + normal * size / 2)
        head.lineTo(end - unit * size - normal * size / 2)
        head.closeSubpath()
        painter.drawPath(head)
