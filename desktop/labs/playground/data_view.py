"""The Playground's data column: which data set, how much of it trains, how noisy, batch size.

Data sets are picked from thumbnails drawn from the engine's own generators (only those of the
current problem type are shown, as in TensorFlow Playground). The ratio, noise and batch-size
sliders have the Playground's ranges; the batch-size slider continues past 30 up to the whole
training set. "Regenerate" draws new points; the seed that drew them is shown.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSlider, QToolButton,
    QVBoxLayout, QWidget,
)

from engine.data.playground import PLAYGROUND_DOMAIN, make_dataset
from engine.playground import (
    CLASSIFICATION_DATASETS, NOISE_RANGE, PLAYGROUND_MAX_BATCH_SIZE, REGRESSION_DATASETS,
    TRAIN_PERCENT_RANGE, PlaygroundConfig,
)

from .colors import PlaygroundColors
from .texts import dataset_name

#: Slider steps of the ratio and noise sliders (the Playground's).
RATIO_STEP, NOISE_STEP = 10, 5
THUMBNAIL_POINTS = 240


def batch_choices(n_train: int) -> list[int]:
    """Batch sizes the slider offers: 1 to 30 one by one (the Playground's range), then coarser
    steps, ending with the whole training set."""
    coarse = [40, 50, 60, 80, 100, 125, 150, 200, 250, 300, 400, 500, 600, 800, 1000]
    choices = [n for n in range(1, PLAYGROUND_MAX_BATCH_SIZE + 1) if n <= n_train]
    choices += [n for n in coarse if PLAYGROUND_MAX_BATCH_SIZE < n < n_train]
    if choices[-1] != n_train:
        choices.append(n_train)
    return choices


def thumbnail(name: str, colors: PlaygroundColors, size: int, background: str) -> QPixmap:
    """A small picture of the data set ``name`` (fixed seed, no noise)."""
    data = make_dataset(name, THUMBNAIL_POINTS, 0.0, np.random.default_rng(0))
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(background))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    low, high = PLAYGROUND_DOMAIN
    radius = max(size / 40, 1.2)
    for (x, y), (r, g, b) in zip(data.x, colors.points(data.y, data.task)):
        painter.setBrush(QColor(int(r), int(g), int(b)))
        px = (x - low) / (high - low) * size
        py = (high - y) / (high - low) * size
        painter.drawEllipse(QPointF(px, py), radius, radius)
    painter.end()
    return pixmap


class DataView(QWidget):
    """See the module docstring."""

    dataset_chosen = Signal(str)
    train_percent_changed = Signal(int)
    noise_changed = Signal(int)
    batch_size_changed = Signal(int)
    regenerate_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._config = PlaygroundConfig()
        self._batch_choices = batch_choices(self._config.n_train)
        self._updating = False

        self.title = QLabel()
        self.title.setObjectName("columnTitle")
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.dataset_buttons: dict[str, QToolButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._grid = QGridLayout()
        self._grid.setSpacing(6)
        for name in CLASSIFICATION_DATASETS + REGRESSION_DATASETS:
            button = QToolButton()
            button.setCheckable(True)
            button.setObjectName("datasetButton")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.clicked.connect(lambda _=False, name=name: self._on_dataset(name))
            self._group.addButton(button)
            self.dataset_buttons[name] = button

        self.ratio_label, self.ratio = QLabel(), self._slider(*TRAIN_PERCENT_RANGE, RATIO_STEP)
        self.noise_label, self.noise = QLabel(), self._slider(*NOISE_RANGE, NOISE_STEP)
        self.batch_label, self.batch = QLabel(), self._slider(0, len(self._batch_choices) - 1, 1)
        self.ratio.valueChanged.connect(self._on_ratio)
        self.noise.valueChanged.connect(self._on_noise)
        self.batch.valueChanged.connect(self._on_batch)
        self.regenerate = QPushButton()
        self.regenerate.clicked.connect(self.regenerate_requested)
        self.seed_label = QLabel()
        self.seed_label.setObjectName("mutedLabel")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.question)
        layout.addLayout(self._grid)
        for label, slider in ((self.ratio_label, self.ratio), (self.noise_label, self.noise),
                              (self.batch_label, self.batch)):
            layout.addSpacing(6)
            label.setWordWrap(True)
            layout.addWidget(label)
            layout.addWidget(slider)
        regenerate = QHBoxLayout()
        regenerate.addWidget(self.regenerate)
        regenerate.addWidget(self.seed_label, 1)
        layout.addSpacing(6)
        layout.addLayout(regenerate)
        layout.addStretch(1)
        self.retranslate()

    def _slider(self, low: int, high: int, step: int) -> QSlider:
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setRange(low, high)
        slider.setSingleStep(step)
        slider.setPageStep(step)
        slider.setTickInterval(step)
        return slider

    # ----- from the lab -------------------------------------------------------------------------

    def set_colors(self, colors: PlaygroundColors, background: str, scale: float) -> None:
        side = int(44 * scale ** 0.5)
        for name, button in self.dataset_buttons.items():
            button.setIcon(QIcon(thumbnail(name, colors, side, background)))
            button.setIconSize(QSize(side, side))

    def show_config(self, config: PlaygroundConfig) -> None:
        """Make every control show ``config`` (without sending changes back)."""
        self._config = config
        self._updating = True
        try:
            shown = CLASSIFICATION_DATASETS if config.problem == "classification" else REGRESSION_DATASETS
            for button in self.dataset_buttons.values():
                self._grid.removeWidget(button)
                button.hide()
            columns = 4
            for index, name in enumerate(shown):
                button = self.dataset_buttons[name]
                self._grid.addWidget(button, index // columns, index % columns)
                button.show()
            self.dataset_buttons[config.dataset].setChecked(True)
            self.ratio.setValue(config.train_percent)
            self.noise.setValue(config.noise)
            self._batch_choices = batch_choices(config.n_train)
            self.batch.setRange(0, len(self._batch_choices) - 1)
            self.batch.setValue(self._batch_index(config.batch_size))
        finally:
            self._updating = False
        self._update_labels()

    def _batch_index(self, batch_size: int) -> int:
        return int(np.argmin([abs(choice - batch_size) for choice in self._batch_choices]))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Data").upper())
        self.question.setText(self.tr("Which data set do you want to use?"))
        self.regenerate.setText(self.tr("Regenerate"))
        self.regenerate.setToolTip(self.tr("Draw new points (the next seed)"))
        for name, button in self.dataset_buttons.items():
            button.setToolTip(dataset_name(name))
        self._update_labels()

    def _update_labels(self) -> None:
        config = self._config
        self.ratio_label.setText(self.tr("Ratio of training to test data: %1 %")
                                 .replace("%1", str(config.train_percent)))
        self.noise_label.setText(self.tr("Noise: %1").replace("%1", str(config.noise)))
        if config.batch_size == config.n_train:
            batch = self.tr("Batch size: %1 (all training points)")
        else:
            batch = self.tr("Batch size: %1")
        self.batch_label.setText(batch.replace("%1", str(config.batch_size)))
        self.seed_label.setText(self.tr("Seed %1").replace("%1", str(config.seed)))

    # ----- to the lab ---------------------------------------------------------------------------

    def _on_dataset(self, name: str) -> None:
        if not self._updating and name != self._config.dataset:
            self.dataset_chosen.emit(name)

    def _on_ratio(self, value: int) -> None:
        snapped = int(round(value / RATIO_STEP) * RATIO_STEP)
        if not self._updating and snapped != self._config.train_percent:
            self.train_percent_changed.emit(snapped)

    def _on_noise(self, value: int) -> None:
        snapped = int(round(value / NOISE_STEP) * NOISE_STEP)
        if not self._updating and snapped != self._config.noise:
            self.noise_changed.emit(snapped)

    def _on_batch(self, index: int) -> None:
        size = self._batch_choices[index]
        if not self._updating and size != self._config.batch_size:
            self.batch_size_changed.emit(size)
