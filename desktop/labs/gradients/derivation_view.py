"""Equations written out with their numbers: each a formula line, then the same equation with
every operand as a matrix, e.g.

    ∂L/∂W³ = ∂L/∂ŷ · (Z²)ᵀ
    [−0.1225  −0.1323]  =  [−0.98]  ·  [0.125  0.135]

The page decides which equations to show (a forward pass, one backward step, the update); this
view only lays them out, rebuilding its few widgets when the equations change.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .matrix_view import MatrixView, matrix_style


@dataclass(frozen=True)
class Term:
    """An operand (``values`` given: a matrix captioned ``text``) or an operator (``text`` only)."""

    text: str
    values: np.ndarray | None = None
    highlight: bool = False  # drawn in the gradient color


@dataclass(frozen=True)
class Equation:
    formula: str
    terms: tuple[Term, ...]


class DerivationView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._equations: tuple[Equation, ...] = ()
        self._rows: list[QWidget] = []

    def set_colors(self, gradient: QColor, error: QColor) -> None:
        self.setStyleSheet(matrix_style(gradient, error))

    def equations(self) -> tuple[Equation, ...]:
        return self._equations

    def matrices(self) -> list[MatrixView]:
        """Every matrix on show, in reading order (for tests)."""
        return [widget for row in self._rows for widget in row.findChildren(MatrixView)]

    def show_equations(self, equations: Sequence[Equation]) -> None:
        self._equations = tuple(equations)
        for row in self._rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self._rows = [self._row(equation) for equation in self._equations]
        for row in self._rows:
            self._layout.addWidget(row)

    def _row(self, equation: Equation) -> QWidget:
        row = QWidget()
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 4, 0, 8)
        formula = QLabel(equation.formula)
        font = QFont(formula.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        formula.setFont(font)
        formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(formula)
        numbers = QHBoxLayout()
        numbers.setSpacing(10)
        for term in equation.terms:
            if term.values is None:
                label = QLabel(term.text)
                label.setFont(font)
                numbers.addWidget(label, 0, Qt.AlignmentFlag.AlignVCenter)
                continue
            operand = QVBoxLayout()
            caption = QLabel(term.text)
            caption.setProperty("role", "muted")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            matrix = MatrixView(*np.atleast_2d(term.values).shape)
            matrix.set_values(np.atleast_2d(term.values))
            matrix.set_gradient(term.highlight)
            operand.addWidget(caption)
            operand.addWidget(matrix, 0, Qt.AlignmentFlag.AlignHCenter)
            numbers.addLayout(operand)
        numbers.addStretch(1)
        layout.addLayout(numbers)
        return row
