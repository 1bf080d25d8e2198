"""The "Which output and loss?" page: the table every course ends with, linked to the engine's
names so a student can build each case in the other labs."""
from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QHeaderView, QTableWidget, QTableWidgetItem,
)

from .page import Page
from .texts import formula_card

#: task -> (output units, engine loss names). The engine's cross-entropy losses take logits and
#: apply the sigmoid or softmax themselves, so in the engine the last layer is a plain Dense.
TASK_ENGINE_NAMES = {
    "binary": ("1", ("sigmoid_cross_entropy",)),
    "multi_class": ("K", ("softmax_cross_entropy",)),
    "multi_label": ("K", ("sigmoid_cross_entropy",)),
    "regression": ("1", ("mse", "mae", "huber")),
}
#: The table's text is this much larger than the application font: it is meant to be projected.
TABLE_FONT_SCALE = 1.3
TASKS = tuple(TASK_ENGINE_NAMES)


class TaskTablePage(Page):
    def __init__(self) -> None:
        super().__init__()
        self.table = QTableWidget(len(TASKS), 5)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.plot_area.addWidget(self.table, 1)
        self.finish_controls()
        self.retranslate()

    def _rows(self) -> dict[str, tuple[str, str, str, str]]:
        """task -> (task, output layer, loss, example), in the current language."""
        return {
            "binary": (self.tr("Binary classification (one yes/no)"),
                       self.tr("1 unit, sigmoid"), self.tr("binary cross-entropy"),
                       self.tr("spam or not spam")),
            "multi_class": (self.tr("Multi-class (exactly one of K classes)"),
                            self.tr("K units, softmax"), self.tr("categorical cross-entropy"),
                            self.tr("which digit, 0–9")),
            "multi_label": (self.tr("Multi-label (any number of K labels)"),
                            self.tr("K units, a sigmoid on each"),
                            self.tr("binary cross-entropy on each output"),
                            self.tr("which objects are in a photo")),
            "regression": (self.tr("Regression (a number)"), self.tr("linear (no activation)"),
                           self.tr("MSE, MAE or Huber"), self.tr("the price of a house")),
        }

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("Task"), self.tr("Output layer"), self.tr("Loss"), self.tr("In the engine"),
            self.tr("Example"),
        ])
        for row, (task, (task_text, output, loss, example)) in enumerate(self._rows().items()):
            units, losses = TASK_ENGINE_NAMES[task]
            engine = f"Dense(…, {units}) + {' / '.join(losses)}"
            for column, text in enumerate((task_text, output, loss, engine, example)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.formula.setText(formula_card(
            self.tr("Output activation and loss"),
            [],
            self.tr(
                "The output activation turns the last layer's numbers into the kind of answer "
                "the task needs; the loss compares that answer with the target. In this engine "
                "the sigmoid or softmax is folded into the loss (the *_cross_entropy losses take "
                "logits): the formula never overflows, and the gradient is simply p − y."),
        ))

    def restyle(self) -> None:
        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() * TABLE_FONT_SCALE)
        self.table.setFont(font)
        self.table.horizontalHeader().setFont(font)
