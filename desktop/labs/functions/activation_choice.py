"""Which activations are shown, which one is in focus, and their α: shared by two pages.

The Activations page and the Through-depth page show the same functions with the same
parameters, so a student who sets Leaky ReLU's α on one page sees its effect on the other.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from engine.functions_lab import LAB_ACTIVATIONS
from engine.nn import ActivationFunction, get_activation

from .texts import activation_title

#: The activations with a slope parameter α below zero.
ALPHA_ACTIVATIONS = ("leaky_relu", "prelu", "elu")


class ActivationChoice(QObject):
    """The shared selection; ``changed`` fires after any change."""

    changed = Signal()

    def __init__(self, shown=("sigmoid", "tanh", "relu"), focus: str = "sigmoid") -> None:
        super().__init__()
        self._shown: set[str] = set()
        #: Each shown activation keeps its color while it stays on screen (see color_index).
        self._colors: dict[str, int] = {}
        for name in (*shown, focus):
            self._show(self._check(name))
        self._focus = focus
        # The engine's own defaults (Leaky 0.01, PReLU 0.25, ELU 1.0).
        self._alpha = {name: get_activation(name).alpha for name in ALPHA_ACTIVATIONS}

    @staticmethod
    def _check(name: str) -> str:
        if name not in LAB_ACTIVATIONS:
            raise ValueError(
                f"unknown activation {name!r}; choose one of {', '.join(LAB_ACTIVATIONS)}")
        return name

    def shown(self) -> list[str]:
        """The shown activations, in the lab's order."""
        return [name for name in LAB_ACTIVATIONS if name in self._shown]

    def is_shown(self, name: str) -> bool:
        return name in self._shown

    @property
    def focus(self) -> str:
        """The activation whose formula, facts and flat zones are on display."""
        return self._focus

    def color_index(self, name: str) -> int:
        """The curve color of a shown activation. A function keeps its color while it is shown,
        so ticking another one never repaints the curves a class is looking at."""
        return self._colors[name]

    def _show(self, name: str) -> None:
        """Show ``name`` with the first palette color no other shown function has."""
        if name in self._shown:
            return
        taken = set(self._colors.values())
        self._colors[name] = next(i for i in range(len(LAB_ACTIVATIONS)) if i not in taken)
        self._shown.add(name)

    def _hide(self, name: str) -> None:
        self._shown.discard(name)
        self._colors.pop(name, None)

    def alpha(self, name: str) -> float:
        return self._alpha[name]

    def function(self, name: str) -> ActivationFunction:
        """The engine's activation ``name`` with the chosen parameters."""
        params = {"alpha": self._alpha[name]} if name in self._alpha else {}
        return get_activation(name, **params)

    def set_shown(self, name: str, shown: bool) -> None:
        if shown == (self._check(name) in self._shown):
            return
        if shown:
            self._show(name)
        else:
            self._hide(name)
            if name == self._focus and self._shown:
                self._focus = self.shown()[0]
        self.changed.emit()

    def set_focus(self, name: str) -> None:
        """Put ``name`` in focus (and on screen)."""
        if self._check(name) == self._focus and name in self._shown:
            return
        self._focus = name
        self._show(name)
        self.changed.emit()

    def set_alpha(self, name: str, alpha: float) -> None:
        """Change α of ``name`` and bring it into focus, so the change is seen."""
        if name not in self._alpha:
            raise ValueError(f"{name!r} has no α; only {', '.join(ALPHA_ACTIVATIONS)} do")
        if not math.isfinite(alpha):
            raise ValueError(f"α must be a finite number, got {alpha!r}")
        changed = alpha != self._alpha[name]
        self._alpha[name] = float(alpha)
        if name != self._focus or name not in self._shown:
            self.set_focus(name)
        elif changed:
            self.changed.emit()


class ActivationPicker(QListWidget):
    """Check an activation to show it; click it to put it in focus."""

    def __init__(self, choice: ActivationChoice) -> None:
        super().__init__()
        self.choice = choice
        for name in LAB_ACTIVATIONS:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            self.addItem(item)
        self.itemChanged.connect(self._on_item_changed)
        self.currentItemChanged.connect(self._on_current_changed)
        choice.changed.connect(self.sync)
        self.retranslate()
        self.sync()

    def item_for(self, name: str) -> QListWidgetItem:
        return self.item(LAB_ACTIVATIONS.index(name))

    def retranslate(self) -> None:
        self.blockSignals(True)
        for row, name in enumerate(LAB_ACTIVATIONS):
            self.item(row).setText(activation_title(name))
        self.blockSignals(False)
        self.setFixedHeight(self.sizeHintForRow(0) * self.count() + 2 * self.frameWidth())

    def sync(self) -> None:
        """Show the choice (without echoing the change back to it)."""
        self.blockSignals(True)
        for row, name in enumerate(LAB_ACTIVATIONS):
            shown = Qt.CheckState.Checked if self.choice.is_shown(name) else Qt.CheckState.Unchecked
            self.item(row).setCheckState(shown)
        self.setCurrentRow(LAB_ACTIVATIONS.index(self.choice.focus))
        self.blockSignals(False)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        self.choice.set_shown(name, item.checkState() == Qt.CheckState.Checked)

    def _on_current_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None:
            self.choice.set_focus(current.data(Qt.ItemDataRole.UserRole))
