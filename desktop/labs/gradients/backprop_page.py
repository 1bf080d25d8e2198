"""Backpropagation step by step: the 2→3→2→1 network's graph, filled in one stage at a time.

The stages: the forward pass (every value from X to L), then the backward walk one node at a
time (∂L/∂ŷ, ∂L/∂W³, ∂L/∂Z², …, ∂L/∂W¹), then the update W ← W − α·∂L/∂W. "Next" (the window's
Step key) reveals the next stage, Run plays them one by one. Every number comes from
:func:`engine.backprop.walk_through`, which takes microseconds, so the page calls it directly.
Editing an input, the target, a weight or the activation starts over from the forward pass.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QListWidget, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from desktop.theme import Style, make_style
from desktop.widgets.fitted_view import FittedView
from engine.backprop import (
    BACKPROP_ACTIVATIONS, SYMBOLS, TinyNetwork, Walkthrough, example_network,
    gradient_descent_update, walk_through,
)

from .derivation_view import DerivationView, Equation, Term
from .graph_view import SUMS, GraphView
from .matrix_view import format_number
from .side_column import SideColumn
from .texts import activation_name

# Width of the settings column, in average characters, and its largest share of the page.
SIDE_COLUMN_CHARACTERS = 30
SIDE_COLUMN_MAX_SHARE = 0.25
# Milliseconds between stages when the walk-through plays by itself.
PLAY_INTERVAL_MS = 1500
# The card on which each backward step's gradient is shown (S nodes live on their Z card).
CARD_OF = {"S1": "Z1", "S2": "Z2"}


class BackpropPage(QWidget):
    running_changed = Signal(bool)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.view_style: Style = make_style()
        self.network: TinyNetwork = example_network()
        self.walkthrough: Walkthrough = walk_through(self.network)
        self.stage = 0  # stages shown: 0 none, 1 forward, 1 + k backward steps, then the update
        self.selected_step: int | None = None
        self.previous_loss: float | None = None  # before the last update, to compare

        self.graph = GraphView()
        self.graph.edited.connect(self._on_edited)
        self.graph.rejected.connect(self._on_rejected)
        self.derivation = DerivationView()
        self.steps_list = QListWidget()
        self.steps_list.currentRowChanged.connect(self._on_step_selected)
        self.steps_heading = QLabel()
        self.steps_heading.setProperty("role", "heading")
        self.message = QLabel()
        self.message.setWordWrap(True)

        # Scaled down rather than scrolled when it does not fit (presentation mode).
        self.graph_view = FittedView(self.graph)
        derivation_area = QScrollArea()
        derivation_area.setWidget(self.derivation)
        derivation_area.setWidgetResizable(True)
        steps_layout = QVBoxLayout()
        steps_layout.addWidget(self.steps_heading)
        steps_layout.addWidget(self.steps_list)
        bottom = QHBoxLayout()
        bottom.addWidget(derivation_area, 3)
        bottom.addLayout(steps_layout, 1)
        main = QVBoxLayout()
        main.addWidget(self.graph_view, 3)
        main.addLayout(bottom, 2)

        self.settings_box = QGroupBox()
        self._form = form = QFormLayout(self.settings_box)
        self.activation = QComboBox()
        for name in BACKPROP_ACTIVATIONS:
            self.activation.addItem("", name)
        self.activation.currentIndexChanged.connect(self._on_activation_changed)
        self.activation_label = QLabel()
        form.addRow(self.activation_label, self.activation)
        self.alpha = QDoubleSpinBox()
        self.alpha.setRange(0.001, 10.0)
        self.alpha.setDecimals(3)
        self.alpha.setSingleStep(0.05)
        self.alpha.setValue(0.1)
        self.alpha_label = QLabel()
        form.addRow(self.alpha_label, self.alpha)
        self.steps_box = QGroupBox()
        buttons = QVBoxLayout(self.steps_box)
        self.forward_button = QPushButton()
        self.backward_button = QPushButton()
        self.all_backward_button = QPushButton()
        self.update_button = QPushButton()
        self.next_button = QPushButton()
        self.reset_button = QPushButton()
        for button, slot in ((self.next_button, self.next_stage), (self.forward_button, self.forward),
                             (self.backward_button, self.backward_step),
                             (self.all_backward_button, self.backward_all),
                             (self.update_button, self.update_weights),
                             (self.reset_button, self.reset)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.settings_box)
        side_layout.addWidget(self.steps_box)
        side_layout.addWidget(self.message)
        side_layout.addStretch(1)
        self._side = SideColumn(side, SIDE_COLUMN_CHARACTERS, SIDE_COLUMN_MAX_SHARE)
        layout = QHBoxLayout(self)
        layout.addLayout(main, 1)
        layout.addWidget(self._side)

        self.play_timer = QTimer(self)
        self.play_timer.setInterval(PLAY_INTERVAL_MS)
        self.play_timer.timeout.connect(self._play_one)
        self.retranslate()
        self._show()

    # ----- stages ---------------------------------------------------------------------------------

    @property
    def last_stage(self) -> int:
        """The update: after the forward pass and every backward step."""
        return 2 + len(self.walkthrough.steps)

    @property
    def backward_shown(self) -> int:
        return min(max(self.stage - 1, 0), len(self.walkthrough.steps))

    def next_stage(self) -> None:
        """Reveal the next stage; after the update, the next one is a new forward pass."""
        if self.stage >= self.last_stage:
            self.stage = 0
        if self.stage == 0:
            self.forward()
        elif self.stage <= len(self.walkthrough.steps):
            self.backward_step()
        else:
            self.update_weights()

    def forward(self) -> None:
        self.walkthrough = walk_through(self.network)  # the weights may have changed
        self.stage = 1
        self.selected_step = None
        self._show()

    def backward_step(self) -> None:
        if 1 <= self.stage <= len(self.walkthrough.steps):
            self.stage += 1
            self.selected_step = self.backward_shown - 1
            self._show()

    def backward_all(self) -> None:
        if self.stage >= 1 and self.stage < self.last_stage:
            self.stage = 1 + len(self.walkthrough.steps)
            self.selected_step = self.backward_shown - 1
            self._show()

    def update_weights(self) -> None:
        if self.stage != 1 + len(self.walkthrough.steps):
            return
        self.previous_loss = self.walkthrough.loss
        self.network = gradient_descent_update(self.walkthrough, self.alpha.value())
        self.stage = self.last_stage
        self.selected_step = None
        self._show()

    def reset(self) -> None:
        self.pause()
        self._start_over(example_network(self.activation.currentData()))
        self.previous_loss = None

    def _start_over(self, network: TinyNetwork) -> None:
        self.network = network
        self.walkthrough = walk_through(network)
        self.stage = 0
        self.selected_step = None
        self._show()

    # ----- playing --------------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self.play_timer.isActive()

    def run(self) -> None:
        if not self.play_timer.isActive():
            if self.stage >= self.last_stage:
                self.stage = 0
            self.play_timer.start()
            self.running_changed.emit(True)
            self._play_one()

    def pause(self) -> None:
        if self.play_timer.isActive():
            self.play_timer.stop()
            self.running_changed.emit(False)

    def _play_one(self) -> None:
        self.next_stage()
        if self.stage >= self.last_stage:
            self.pause()

    # ----- editing --------------------------------------------------------------------------------

    def _on_edited(self, node: str, row: int, column: int, value: float) -> None:
        network = self.network
        x, target, weights = np.array(network.x), network.target, dict(network.weights)
        if node == "X":
            x[row] = value
        elif node == "y":
            target = value
        else:
            changed = np.array(weights[node])
            changed[row, column] = value
            weights[node] = changed
        self.pause()
        self.previous_loss = None
        self._start_over(TinyNetwork(x, target, weights, network.activation))

    def _on_rejected(self, node: str) -> None:
        self.message.setProperty("role", "error")
        self.message.setText(self.tr("Type a number (like 0.5 or -2); %1 keeps its last value.")
                             .replace("%1", SYMBOLS[node]))
        self._repolish(self.message)

    def _on_activation_changed(self) -> None:
        network = self.network
        self.pause()
        self.previous_loss = None
        self._start_over(TinyNetwork(network.x, network.target, network.weights,
                                     self.activation.currentData()))

    def _on_step_selected(self, row: int) -> None:
        if 0 <= row < self.backward_shown and row != self.selected_step:
            self.selected_step = row
            self._show_derivation()

    # ----- showing --------------------------------------------------------------------------------

    def _show(self) -> None:
        walkthrough, network = self.walkthrough, self.network
        shown = self.stage >= 1 and self.stage < self.last_stage
        cards = self.graph.cards
        for name in ("W1", "W2", "W3"):
            cards[name].value.set_values(network.weights[name])
        cards["X"].value.set_values(network.x.reshape(-1, 1))
        cards["y"].value.set_values(np.array([[network.target]]))
        values = walkthrough.values if shown else {}
        for name in ("Z1", "Z2", "yhat"):
            cards[name].value.set_values(values.get(name))
        for card, total in SUMS.items():
            sums = values.get(total)
            cards[card].show_sum(sums, SYMBOLS[total])
        cards["L"].value.set_values(np.array([[walkthrough.loss]]) if shown else None)
        gradients: dict[str, np.ndarray] = {}
        for step in walkthrough.steps[:self.backward_shown]:
            if step.node not in CARD_OF:
                gradients[step.node] = step.value
        for name, card in cards.items():
            card.show_gradient(gradients.get(name) if shown else None)
        self._retitle_cards()
        self.steps_list.blockSignals(True)
        self.steps_list.clear()
        for step in walkthrough.steps[:self.backward_shown]:
            self.steps_list.addItem(step.formula)
        if self.selected_step is not None:
            self.steps_list.setCurrentRow(self.selected_step)
        self.steps_list.blockSignals(False)
        self._show_derivation()
        self._update_buttons()
        self._show_message()

    def _show_derivation(self) -> None:
        if self.stage == 0:
            self.graph.set_current(None)
            self.derivation.show_equations([])
        elif self.stage >= self.last_stage:
            self.graph.set_current(None)
            self.derivation.show_equations(self._update_equations())
        elif self.selected_step is None:
            self.graph.set_current("L")
            self.derivation.show_equations(self._forward_equations())
        else:
            step = self.walkthrough.steps[self.selected_step]
            self.graph.set_current(CARD_OF.get(step.node, step.node))
            self.steps_list.blockSignals(True)
            self.steps_list.setCurrentRow(self.selected_step)
            self.steps_list.blockSignals(False)
            self.derivation.show_equations([Equation(step.formula, (
                Term(step.symbol, step.value, highlight=True), Term("="),
                Term(step.left.symbol, step.left.value, highlight=step.left.symbol.startswith("∂")),
                Term(step.operator),
                Term(step.right.symbol, step.right.value, highlight=step.right.symbol.startswith("∂")),
            ))])

    def _forward_equations(self) -> list[Equation]:
        values, network = self.walkthrough.values, self.network
        linear = self.walkthrough.linear
        equations = []
        for w, below, total, out in (("W1", "X", "S1", "Z1"), ("W2", "Z1", "S2", "Z2")):
            target = out if linear else total
            equations.append(Equation(
                f"{SYMBOLS[target]} = {SYMBOLS[w]}{SYMBOLS[below]}",
                (Term(SYMBOLS[target], values[target]), Term("="), Term(SYMBOLS[w], network.weights[w]),
                 Term("·"), Term(SYMBOLS[below], values[below]))))
            if not linear:
                equations.append(Equation(
                    f"{SYMBOLS[out]} = f({SYMBOLS[total]})",
                    (Term(SYMBOLS[out], values[out]), Term("="), Term("f("),
                     Term(SYMBOLS[total], values[total]), Term(")"))))
        equations.append(Equation("ŷ = W³Z²", (
            Term("ŷ", values["yhat"]), Term("="), Term("W³", network.weights["W3"]), Term("·"),
            Term("Z²", values["Z2"]))))
        equations.append(Equation("L = ½(y − ŷ)²", (
            Term("L", np.array([[self.walkthrough.loss]])), Term("= ½ ("),
            Term("y", np.array([[network.target]])), Term("−"), Term("ŷ", values["yhat"]),
            Term(")²"))))
        return equations

    def _update_equations(self) -> list[Equation]:
        alpha = format_number(self.alpha.value())
        old = self.walkthrough.network.weights
        equations = []
        for name in ("W1", "W2", "W3"):
            symbol = SYMBOLS[name]
            equations.append(Equation(
                f"{symbol} ← {symbol} − α·∂L/∂{symbol}   (α = {alpha})",
                (Term(symbol, self.network.weights[name]), Term("="), Term(symbol, old[name]),
                 Term(f"− {alpha} ·"),
                 Term(f"∂L/∂{symbol}", self.walkthrough.gradients[name], highlight=True))))
        return equations

    def _retitle_cards(self) -> None:
        linear = self.network.activation == "linear"
        titles = {
            "X": self.tr("X (input)"),
            "y": self.tr("y (target)"),
            "W1": "W¹", "W2": "W²", "W3": "W³",
            "Z1": "Z¹ = W¹X" if linear else "Z¹ = f(S¹)",
            "Z2": "Z² = W²Z¹" if linear else "Z² = f(S²)",
            "yhat": "ŷ = W³Z²",
            "L": "L = ½(y − ŷ)²",
        }
        for name, title in titles.items():
            self.graph.cards[name].set_title(title)

    def _update_buttons(self) -> None:
        steps = len(self.walkthrough.steps)
        self.backward_button.setEnabled(1 <= self.stage <= steps)
        self.all_backward_button.setEnabled(1 <= self.stage <= steps)
        self.update_button.setEnabled(self.stage == 1 + steps)

    def _show_message(self) -> None:
        steps = len(self.walkthrough.steps)
        if self.stage == 0:
            text = self.tr("Press Forward to compute every value from X to L. Every white field "
                           "can be edited: the inputs, the target and each weight.")
        elif self.stage == 1:
            text = self.tr("Forward pass done: L = %1. Now walk backward, one node at a time, "
                           "from the loss toward the input.").replace("%1", format_number(self.walkthrough.loss))
        elif self.stage <= steps:
            text = self.tr("Backward step %1 of %2. Each gradient is the gradient already known "
                           "one node closer to L, times the local derivative (the chain rule).") \
                .replace("%1", str(self.backward_shown)).replace("%2", str(steps))
        elif self.stage == 1 + steps:
            text = self.tr("Every gradient is known. Update moves each weight against its "
                           "gradient: W ← W − α·∂L/∂W.")
        else:
            text = self.tr("The weights moved against their gradients. Press Forward again: the "
                           "loss was %1 before the update.").replace("%1", format_number(self.previous_loss))
        if self.stage == 1 and self.previous_loss is not None:
            text += " " + self.tr("(Before the last update it was %1.)").replace(
                "%1", format_number(self.previous_loss))
        self.message.setProperty("role", "")
        self.message.setText(text)
        self._repolish(self.message)

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # ----- language and look ----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.settings_box.setTitle(self.tr("Network"))
        self.activation_label.setText(self.tr("Hidden activation f"))
        for index in range(self.activation.count()):
            self.activation.setItemText(index, activation_name(self.activation.itemData(index)))
        self.alpha_label.setText(self.tr("Learning rate α"))
        self.steps_box.setTitle(self.tr("Steps"))
        self.next_button.setText(self.tr("Next step"))
        self.forward_button.setText(self.tr("Forward"))
        self.backward_button.setText(self.tr("Backward one node"))
        self.all_backward_button.setText(self.tr("Backward to the input"))
        self.update_button.setText(self.tr("Update the weights"))
        self.reset_button.setText(self.tr("Back to the example"))
        self.steps_heading.setText(self.tr("Chain rule, step by step"))
        self._retitle_cards()
        self._show_message()

    def apply_style(self, style: Style) -> None:
        self.view_style = style
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows if style.presentation
                                    else QFormLayout.RowWrapPolicy.WrapLongRows)
        palette = style.palette
        self.graph.set_colors(QColor(palette.muted_text), QColor(palette.accent),
                              QColor(palette.negative), QColor(palette.error))
        self.derivation.set_colors(QColor(palette.negative), QColor(palette.error))
        self._side.fit(self.width())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._side.fit(self.width())
