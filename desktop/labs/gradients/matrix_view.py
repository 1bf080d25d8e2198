"""A matrix as a student writes it: numbers in a grid between square brackets, editable or not.

Editable cells accept any number the user types (``0.5``, ``-3``, ``1e-2``, also ``0,5``); a cell
that does not hold a number turns red (see :func:`matrix_style`) and says why in its tooltip, and
the matrix keeps its last good value. Read-only cells show blanks until a value arrives, so "not computed yet" never looks
like zero.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QSizePolicy, QWidget

# Significant digits shown for every number in the walk-through.
DIGITS = 4


def format_number(value: float) -> str:
    """Four significant digits, no exponent for the sizes the walk-through produces."""
    if not math.isfinite(value):
        return str(value)
    text = f"{value:.{DIGITS}g}"
    return "0" if text in ("-0", "0") else text


def parse_number(text: str) -> float | None:
    """The number in ``text`` (a comma works as the decimal point), or None."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def matrix_style(gradient: QColor, error: QColor) -> str:
    """The style sheet an ancestor of matrices sets, so that gradient numbers and invalid cells
    get their colors. (A style sheet, not palettes: under the app's style sheet a palette set on
    a label is overridden, and only a style sheet's font reaches every descendant.)"""
    return (f'QLabel[role="gradient"] {{ color: {gradient.name()}; }}\n'
            f'QLineEdit[invalid="true"] {{ color: {error.name()}; border: 2px solid {error.name()}; }}\n')


def _repolish(widget: QWidget) -> None:
    """Apply the style sheet again after a property it selects on changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class MatrixView(QWidget):
    """A rows × columns grid of numbers between brackets; see the module docstring."""

    # (row, column, new value) after the user typed a valid number into a cell.
    edited = Signal(int, int, float)
    # (row, column) after the user typed something that is not a number.
    rejected = Signal(int, int)

    def __init__(self, rows: int, columns: int, editable: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.rows, self.columns, self.editable = rows, columns, editable
        self._values = np.full((rows, columns), np.nan)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self._cells: list[list[QLineEdit | QLabel]] = []
        for r in range(rows):
            line = []
            for c in range(columns):
                cell = QLineEdit() if editable else QLabel()
                cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if editable:
                    cell.editingFinished.connect(lambda r=r, c=c: self._on_edited(r, c))
                    cell.textEdited.connect(lambda _text, r=r, c=c: self._mark(r, c, valid=True))
                grid.addWidget(cell, r, c)
                line.append(cell)
            self._cells.append(line)
        self._fit_cells()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    # ----- values ---------------------------------------------------------------------------

    def set_values(self, values: np.ndarray | None) -> None:
        """Show ``values`` (shape rows × columns), or blanks for None."""
        if values is None:
            self._values = np.full((self.rows, self.columns), np.nan)
        else:
            values = np.asarray(values, dtype=np.float64).reshape(self.rows, self.columns)
            self._values = values.copy()
        for r, line in enumerate(self._cells):
            for c, cell in enumerate(line):
                value = self._values[r, c]
                cell.setText("" if np.isnan(value) else format_number(value))
                self._mark(r, c, valid=True)

    def values(self) -> np.ndarray:
        return self._values.copy()

    def cell(self, row: int, column: int) -> QLineEdit | QLabel:
        return self._cells[row][column]

    def texts(self) -> list[list[str]]:
        """What every cell shows (for tests and screen readers)."""
        return [[cell.text() for cell in line] for line in self._cells]

    def _on_edited(self, row: int, column: int) -> None:
        cell = self._cells[row][column]
        value = parse_number(cell.text())
        if value is None:
            self._mark(row, column, valid=False)
            self.rejected.emit(row, column)
            return
        if value != self._values[row, column]:
            self._values[row, column] = value
            self.edited.emit(row, column, value)

    def _mark(self, row: int, column: int, valid: bool) -> None:
        """Flag a cell ``invalid`` for the style sheet (see :data:`MATRIX_STYLE`) and its tooltip."""
        cell = self._cells[row][column]
        if bool(cell.property("invalid")) == (not valid):
            return
        cell.setProperty("invalid", not valid)
        cell.setToolTip("" if valid else self.tr("Not a number: this cell keeps its last value."))
        _repolish(cell)

    def is_invalid(self, row: int, column: int) -> bool:
        return bool(self._cells[row][column].property("invalid"))

    # ----- look -----------------------------------------------------------------------------

    def set_gradient(self, gradient: bool) -> None:
        """Mark the numbers as a gradient, drawn in the gradient color (see :data:`MATRIX_STYLE`)."""
        for line in self._cells:
            for cell in line:
                cell.setProperty("role", "gradient" if gradient else "")
                _repolish(cell)
        self.update()

    def _fit_cells(self) -> None:
        width = QFontMetrics(self.font()).horizontalAdvance("-0.0000") + 10
        for line in self._cells:
            for cell in line:
                cell.setMinimumWidth(width)
                if isinstance(cell, QLineEdit):
                    cell.setMaximumWidth(width + 8)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._fit_cells()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width() + 12, hint.height())

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """The brackets, as tall as the grid, in the color of the numbers."""
        painter = QPainter(self)
        first = self._cells[0][0]
        pen = QPen(first.palette().color(first.foregroundRole()) if not self.editable
                   else self.palette().color(self.foregroundRole()))
        pen.setWidthF(max(1.5, self.fontMetrics().height() / 12))
        painter.setPen(pen)
        top, bottom = 1, self.height() - 2
        arm = max(4, self.fontMetrics().height() // 4)
        for x, direction in ((1, 1), (self.width() - 2, -1)):
            painter.drawLine(x, top, x, bottom)
            painter.drawLine(x, top, x + direction * arm, top)
            painter.drawLine(x, bottom, x + direction * arm, bottom)
        painter.end()
