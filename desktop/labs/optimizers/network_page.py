"""A real network's loss landscape: train a small Playground-size network, then slice its loss
around the trained weights along two filter-normalized random directions (3D view and contour
map, over [−1, 1]²), and along the plane of its training trajectory (the trajectory's two
principal directions, with the share of the path each explains on the axes).

The whole job is one engine generator run by this page's worker, with a progress bar and a
Cancel button; the network's weights are restored however the job ends.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.labs.optimizers.job_controls import JobControls
from desktop.theme import Style, make_style
from desktop.widgets.contour_map import ContourMap
from desktop.widgets.plot_style import style_plot
from desktop.widgets.surface3d import Surface3DView
from engine.landscape.network_study import NetworkLandscape, small_network_study
from engine.landscape.progress import Progress

DATASETS = ("circle", "xor", "gaussian", "moons", "spiral")
MAX_HIDDEN_LAYERS, MAX_UNITS = 6, 8  # the Playground's limits
RESOLUTION = 51
# Width of the settings column, in average character widths of the current font.
SIDE_COLUMN_CHARACTERS = 30


class NetworkLandscapePage(QWidget):
    def __init__(self, worker, seed: int, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.seed = seed
        self.view_style: Style = make_style()
        self.landscape: NetworkLandscape | None = None
        self._stage: Progress | None = None
        worker.report.connect(self._on_report)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.settings_box = QGroupBox()
        form = QFormLayout(self.settings_box)
        self.dataset_combo = QComboBox()
        for name in DATASETS:
            self.dataset_combo.addItem(name, name)
        self.layers_edit = QLineEdit("8, 8")
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(2, 500)
        self.epochs_spin.setValue(40)
        self.dataset_label, self.layers_label, self.epochs_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.dataset_label, self.dataset_combo)
        form.addRow(self.layers_label, self.layers_edit)
        form.addRow(self.epochs_label, self.epochs_spin)
        self.log_colors_check = QCheckBox()
        self.log_colors_check.setChecked(True)
        self.log_colors_check.toggled.connect(self._show_landscape)
        form.addRow(self.log_colors_check)
        self.job = JobControls(self.worker)
        self.job.start_requested.connect(self.compute)
        self.job.cancelled.connect(self._show_cancelled)
        form.addRow(self.job)
        self.stage_label = QLabel()
        form.addRow(self.stage_label)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        side = QVBoxLayout()
        side.addWidget(self.settings_box)
        side.addWidget(self.summary)
        side.addWidget(self.explanation)
        side.addStretch(1)
        self.side = QWidget()
        self.side.setLayout(side)

        self.view3d = Surface3DView()
        self.view3d.setMinimumSize(200, 200)
        self.slice_map = ContourMap()
        self.trajectory_map = ContourMap()
        self.slice_title, self.map_title, self.trajectory_title = QLabel(), QLabel(), QLabel()
        for title in (self.slice_title, self.map_title, self.trajectory_title):
            title.setWordWrap(True)
        views = QGridLayout()
        for column, (title, view) in enumerate(((self.slice_title, self.view3d), (self.map_title, self.slice_map))):
            views.addWidget(title, 0, column)
            views.addWidget(view, 1, column)
        views.addWidget(self.trajectory_title, 2, 0, 1, 2)
        views.addWidget(self.trajectory_map, 3, 0, 1, 2)
        views.setRowStretch(1, 1)
        views.setRowStretch(3, 1)
        views.setColumnStretch(0, 1)
        views.setColumnStretch(1, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.side)
        layout.addLayout(views, 1)

    # ----- text and look ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.settings_box.setTitle(self.tr("A real network's landscape"))
        titles = {
            "circle": self.tr("circle"), "xor": self.tr("exclusive or"), "gaussian": self.tr("two Gaussians"),
            "moons": self.tr("two moons"), "spiral": self.tr("spiral"),
        }
        for index, name in enumerate(DATASETS):
            self.dataset_combo.setItemText(index, titles[name])
        self.dataset_label.setText(self.tr("Data set"))
        self.layers_label.setText(self.tr("Hidden layers"))
        self.layers_edit.setToolTip(self.tr("Units per hidden layer, e.g. 8, 8 (at most 6 layers of 8)"))
        self.epochs_label.setText(self.tr("Training epochs"))
        self.log_colors_check.setText(self.tr("Log colour scale"))
        self.job.set_texts(self.tr("Train and compute"), self.tr("The computation stopped: %1"))
        self.slice_title.setText(self.tr("Loss around the trained weights (random filter-normalized directions)"))
        self.map_title.setText(self.tr("The same slice from above (the trained weights at the centre)"))
        self.trajectory_title.setText(self.tr("The training path in the plane of its two principal directions"))
        self.explanation.setText(
            self.tr(
                "<p>A network has hundreds of weights, so its loss cannot be drawn; a plane through the "
                "trained weights can. The slice shows L(θ* + α·δ + β·η) for two random directions δ, η.</p>"
                "<p>Each filter (the weights into one unit) of a random direction is scaled to the size "
                "of the same filter of the network, and biases are left out (Li et al., 2018): otherwise "
                "the picture would depend on how large the weights happen to be.</p>"
                "<p>The path picture uses instead the two directions along which the weights moved most "
                "during training (PCA); the percentages say how much of the movement each shows.</p>"
            )
        )
        self._show_stage()
        self._show_landscape()

    def apply_style(self, style: Style) -> None:
        self.view_style = style
        palette = style.palette
        self.side.setFixedWidth(round(self.fontMetrics().averageCharWidth() * SIDE_COLUMN_CHARACTERS))
        self.view3d.set_look(palette.background, palette.text, style.line_width, style.marker_size * 1.6, QFont())
        for view in (self.slice_map, self.trajectory_map):
            view.set_look(palette.background, palette.text, style.line_width, style.marker_size * 1.2)
            style_plot(view, style)
        self.job.apply_style(style)
        self._show_landscape()

    # ----- running ------------------------------------------------------------------------------

    def hidden_layers(self) -> list[int]:
        """The widths typed in the box; ValueError with a translated message if they are not valid."""
        text = self.layers_edit.text().replace("，", ",").strip()
        try:
            widths = [int(part) for part in text.split(",") if part.strip()] if text else []
        except ValueError:
            raise ValueError(self.tr("Write whole numbers separated by commas, e.g. 8, 8.")) from None
        if len(widths) > MAX_HIDDEN_LAYERS or any(not 1 <= w <= MAX_UNITS for w in widths):
            raise ValueError(
                self.tr("At most %1 hidden layers of 1 to %2 units each.")
                .replace("%1", str(MAX_HIDDEN_LAYERS)).replace("%2", str(MAX_UNITS))
            )
        return widths

    def compute(self) -> None:
        try:
            widths = self.hidden_layers()
        except ValueError as error:
            self.job.show_error(str(error))
            return
        rng = np.random.default_rng(self.seed)
        self.job.run(
            small_network_study(
                rng, RESOLUTION, dataset=self.dataset_combo.currentData(), sizes=(2, *widths, 1),
                epochs=self.epochs_spin.value(),
            )
        )

    def _show_cancelled(self) -> None:
        self._stage = None
        self.stage_label.setText(self.tr("Cancelled."))

    def is_busy(self) -> bool:
        return self.job.is_busy()

    def _on_report(self, item) -> None:
        if isinstance(item, Progress):
            self._stage = item
            self._show_stage()
        elif isinstance(item, NetworkLandscape):
            self._stage = None
            self.landscape = item
            self.job.show_progress(1, 1)
            self.stage_label.setText(self.tr("Done."))
            self._show_landscape()

    def _show_stage(self) -> None:
        stage = self._stage
        if stage is None:
            return
        names = {
            "training": self.tr("Training: epoch %1 of %2"),
            "random directions": self.tr("Slicing along random directions: %1 of %2 points"),
            "trajectory plane": self.tr("Slicing the trajectory plane: %1 of %2 points"),
        }
        self.job.show_progress(stage.done, stage.total)
        self.stage_label.setText(names[stage.stage].replace("%1", str(stage.done)).replace("%2", str(stage.total)))

    # ----- result -------------------------------------------------------------------------------

    def _show_landscape(self) -> None:
        landscape = self.landscape
        if landscape is None:
            self.summary.setText(self.tr("Press “Train and compute” (it takes a few seconds)."))
            return
        log = self.log_colors_check.isChecked()
        random_slice, plane = landscape.random_slice, landscape.trajectory_slice
        self.view3d.set_surface(random_slice.alpha, random_slice.beta, random_slice.loss, log)
        self.view3d.set_axis_names("α", "β")
        centre = np.zeros((1, 2))
        self.view3d.set_points(centre, np.array([random_slice.centre_loss]), [QColor(self.view_style.palette.error)])
        self.slice_map.set_surface(random_slice.alpha, random_slice.beta, random_slice.loss, log)
        self.slice_map.set_minima(centre)
        self.slice_map.setLabel("bottom", self.tr("α (direction δ)"))
        self.slice_map.setLabel("left", self.tr("β (direction η)"))
        projection = landscape.projection
        first, second = 100 * projection.explained_variance
        self.trajectory_map.set_surface(plane.alpha, plane.beta, plane.loss, log)
        color = QColor(self.view_style.palette.error)
        self.trajectory_map.set_path("trajectory", projection.coordinates, color)
        self.trajectory_map.set_points(projection.coordinates, [color] * len(projection.coordinates))
        self.trajectory_map.set_minima(centre)
        self.trajectory_map.setLabel("bottom", self.tr("PC1 (%1 % of the movement)").replace("%1", f"{first:.1f}"))
        self.trajectory_map.setLabel("left", self.tr("PC2 (%1 %)").replace("%1", f"{second:.1f}"))
        for view in (self.slice_map, self.trajectory_map):
            style_plot(view, self.view_style)
        self.summary.setText(
            self.tr("Loss at the trained weights: <b>%1</b>; lowest on the random slice: %2; highest: %3.")
            .replace("%1", f"{random_slice.centre_loss:.3g}")
            .replace("%2", f"{np.nanmin(random_slice.loss):.3g}")
            .replace("%3", f"{np.nanmax(random_slice.loss):.3g}")
        )
