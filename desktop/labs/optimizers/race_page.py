"""The race: optimizers walking down a surface, in 3D and on a contour map, side by side.

Controls on the left (surface, methods and their hyperparameters, learning-rate decay, run
controls); on the right the 3D view and the map on top, the loss chart and the readout below.

The race lives on the worker thread (a :class:`RaceSession`); this page only sends it setups and
"advance k steps" requests, at most one of each in flight, and draws the frames that come back.
While running, a timer asks for ``speed / 30`` steps thirty times a second.
"""
from __future__ import annotations

import math
import time

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.labs.optimizers.names import (
    hyperparameter_title,
    method_color,
    method_title,
    schedule_title,
    status_title,
    surface_title,
)
from desktop.labs.optimizers.loss_chart import LossChart
from desktop.labs.optimizers.schedule_plot import SchedulePlot
from desktop.labs.optimizers.session import RaceConfigured, RaceSession, RaceSetup
from desktop.theme import Style, make_style
from desktop.widgets.contour_map import ContourMap
from desktop.widgets.path_thinning import GrowingPathThinner
from desktop.widgets.plot_style import style_plot
from desktop.widgets.surface3d import Surface3DView
from engine.landscape.catalog import ANALYTIC_SURFACES, DATA_SURFACES, SURFACE_NAMES
from engine.landscape.methods import METHODS, get_method, pytorch_defaults
from engine.landscape.race import RaceFrame, RacerConfig, ScheduleChoice

FRAMES_PER_SECOND = 30
SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500)  # steps per second, one per slider notch
DEFAULT_SPEED_INDEX = 3
DEFAULT_SURFACE = "ellipse"
DEFAULT_METHODS = ("gd", "momentum", "rmsprop", "adam")
# Paths are drawn through points about this far apart (fraction of the surface's size): about a
# pixel on the map and in the 3D view, which draw the same thinned points.
PATH_SPACING = 0.002
# Gradient arrows: the surface's median |∇f| is drawn this long (fraction of the surface size),
# and no arrow is longer than the maximum.
ARROW_LENGTH, ARROW_MAX_LENGTH = 0.12, 0.3
# The schedules the race offers, with their parameters: (name, minimum, maximum, default, decimals).
SCHEDULE_PARAMETERS = {
    None: (),
    "inverse_time": (("decay", 0.0, 10.0, 0.05, 3),),
    "step": (("step_size", 1, 1000, 50, 0), ("gamma", 0.01, 1.0, 0.5, 2)),
    "exponential": (("gamma", 0.5, 1.0, 0.99, 3),),
    "cosine": (("total_epochs", 1, 5000, 200, 0),),
}
SCHEDULE_PLOT_STEPS = 300
# While the race runs its numbers change every frame, faster than anyone reads them: the readout
# is refreshed this often (seconds; its text layout costs a tenth of a frame), and on every frame
# of a race that is not running.
READOUT_INTERVAL = 0.1
# Width of the control column, in average character widths of the current font.
CONTROL_COLUMN_CHARACTERS = 28


def _set_if_changed(get, set_, value) -> None:
    """Set a widget property only if it changes: even an unchanged text makes a label ask for a
    new layout, and with an OpenGL view in the window every extra repaint of the window costs a
    whole frame on a software renderer."""
    if get() != value:
        set_(value)


def _number(value: float) -> str:
    """A short number for the readout, readable from the back of a classroom: 2 significant
    digits (the race shows how fast things change, not the fourth decimal)."""
    if not math.isfinite(value):
        return "—"
    return f"{value:.2g}"


class RacePage(QWidget):
    """One tab of the Optimization lab; the lab forwards run/pause/step/reset/advance here."""

    running_changed = Signal(bool)
    status_message = Signal(str)
    settled = Signal()
    # The RaceConfigured whenever the race is rebuilt (the sweep page follows it).
    race_configured = Signal(object)

    def __init__(self, worker, seed: int, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.seed = seed
        self.session = RaceSession()  # handed to the worker thread; touched only through calls
        self.view_style: Style = make_style()
        self.setup: RaceSetup | None = None
        self.start: tuple[float, float] | None = None
        self.frame: RaceFrame | None = None
        self.surface_report = None
        self._surface_stale = False  # a new surface arrived and is not drawn yet
        self._hyperparameters = {name: {} for name in METHODS}  # the user's edits
        self._defaults = {name: pytorch_defaults(name) for name in METHODS}  # replaced per surface
        self._configure_in_flight = False
        self._queued_setup: RaceSetup | None = None
        self._advances_in_flight = 0  # "advance k steps" requests not answered yet
        self._settle_when_drawn = False
        self._step_budget = 0.0
        self._probe_direction = np.array([1.0, 0.0])
        self._thinners: dict[str, GrowingPathThinner] = {}  # per method, for both views
        self._readout_time = -math.inf  # when the readout was last filled (time.monotonic)
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(round(1000 / FRAMES_PER_SECOND))
        self._timer.timeout.connect(self._tick)
        worker.report.connect(self._on_report)
        worker.failed.connect(self._on_failed)
        self._build()
        self._show_controls(True)
        self.retranslate()
        self._show_schedule_controls()
        self._surface_changed()

    # ================================================================ layout

    def _build(self) -> None:
        controls = QWidget()
        column = QVBoxLayout(controls)
        column.addWidget(self._build_surface_box())
        column.addWidget(self._build_methods_box(), 1)
        column.addWidget(self._build_schedule_box())
        column.addWidget(self._build_run_box())
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        column.addWidget(self.error_label)
        scroll = self.controls_scroll = QScrollArea()
        scroll.setWidget(controls)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.view3d = Surface3DView()
        self.view3d.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.view3d.setMinimumSize(200, 200)
        self.map = ContourMap()
        self.map.setMinimumSize(200, 200)
        self.map.point_picked.connect(self._start_picked)
        self.map.probe_moved.connect(self._probe_moved)
        self.loss_plot = LossChart()
        self.readout = QTableWidget(0, 6)
        self.readout.verticalHeader().hide()
        self.readout.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.readout.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.readout.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.readout.horizontalHeader().setStretchLastSection(True)
        self.probe_label = QLabel()
        self.divergence_label = QLabel()
        self.divergence_label.setWordWrap(True)
        self.probe_label.setWordWrap(True)
        self.probe_label.setTextFormat(Qt.TextFormat.RichText)
        self.view_title = QLabel()
        self.map_title = QLabel()
        for title in (self.view_title, self.map_title):
            title.setWordWrap(True)
        self.log_loss_check = QCheckBox()
        self.log_loss_check.toggled.connect(self.loss_plot.set_log)

        readout_box = QWidget()
        readout_layout = QVBoxLayout(readout_box)
        readout_layout.setContentsMargins(0, 0, 0, 0)
        readout_layout.addWidget(self.readout, 1)
        readout_layout.addWidget(self.divergence_label)
        readout_layout.addWidget(self.probe_label)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.loss_plot, 1)
        chart_layout.addWidget(self.log_loss_check)
        self.controls_toggle = QToolButton()
        self.controls_toggle.setCheckable(True)
        self.controls_toggle.setChecked(True)
        self.controls_toggle.toggled.connect(self._show_controls)
        view_header = QHBoxLayout()
        view_header.addWidget(self.controls_toggle)
        view_header.addWidget(self.view_title, 1)
        view_box = QWidget()
        view_layout = QVBoxLayout(view_box)
        view_layout.setContentsMargins(0, 0, 0, 0)
        view_layout.addLayout(view_header)
        view_layout.addWidget(self.view3d, 1)
        views = QGridLayout()
        views.addWidget(view_box, 0, 0)
        views.addWidget(self._titled(self.map_title, self.map), 0, 1)
        views.addWidget(chart_box, 1, 0)
        views.addWidget(readout_box, 1, 1)
        views.setColumnStretch(0, 1)
        views.setColumnStretch(1, 1)
        views.setRowStretch(0, 3)
        views.setRowStretch(1, 2)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        layout.addLayout(views, 1)

    @staticmethod
    def _titled(title: QLabel, view: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(view, 1)
        return box

    def _show_controls(self, shown: bool) -> None:
        """The teacher can hide the control column to give the views the whole screen."""
        self.controls_scroll.setVisible(shown)
        self.controls_toggle.setArrowType(Qt.ArrowType.LeftArrow if shown else Qt.ArrowType.RightArrow)

    def _build_surface_box(self) -> QGroupBox:
        self.surface_box = QGroupBox()
        form = QFormLayout(self.surface_box)
        self.surface_combo = QComboBox()
        self.surface_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.surface_combo.setMinimumContentsLength(12)
        for name in SURFACE_NAMES:
            self.surface_combo.addItem("", name)
        self.surface_combo.setCurrentIndex(SURFACE_NAMES.index(DEFAULT_SURFACE))
        self.surface_combo.currentIndexChanged.connect(self._surface_changed)
        form.addRow(self.surface_combo)
        self.condition_slider = QSlider(Qt.Orientation.Horizontal)
        self.condition_slider.setRange(1, 100)
        self.condition_slider.setValue(10)
        self.angle_slider = QSlider(Qt.Orientation.Horizontal)
        self.angle_slider.setRange(-90, 90)
        self.angle_slider.setValue(0)
        self.noise_spin = QDoubleSpinBox()
        self.noise_spin.setRange(0.0, 20.0)
        self.noise_spin.setSingleStep(0.1)
        self.noise_spin.setValue(1.0)
        self.normalize_check = QCheckBox()
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 40)
        self.batch_spin.setValue(8)
        self.log_colors_check = QCheckBox()
        self.condition_label, self.angle_label = QLabel(), QLabel()
        self.noise_label, self.batch_label = QLabel(), QLabel()
        form.addRow(self.condition_label, self.condition_slider)
        form.addRow(self.angle_label, self.angle_slider)
        form.addRow(self.noise_label, self.noise_spin)
        form.addRow(self.normalize_check)
        form.addRow(self.batch_label, self.batch_spin)
        form.addRow(self.log_colors_check)
        self.start_label = QLabel()
        self.start_label.setWordWrap(True)
        form.addRow(self.start_label)
        for slider in (self.condition_slider, self.angle_slider):
            slider.valueChanged.connect(self._surface_option_changed)
        self.noise_spin.valueChanged.connect(self._surface_option_changed)
        self.batch_spin.valueChanged.connect(self._surface_option_changed)
        self.normalize_check.toggled.connect(self._surface_option_changed)
        self.log_colors_check.toggled.connect(self._redraw_surface)
        self._surface_form = form
        return self.surface_box

    def _build_methods_box(self) -> QGroupBox:
        self.methods_box = QGroupBox()
        layout = QVBoxLayout(self.methods_box)
        self.methods_tree = QTreeWidget()
        self.methods_tree.setColumnCount(2)
        self.methods_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.methods_tree.setMinimumHeight(180)
        self._method_items: dict[str, QTreeWidgetItem] = {}
        for name in METHODS:
            item = QTreeWidgetItem(self.methods_tree)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if name in DEFAULT_METHODS else Qt.CheckState.Unchecked)
            item.setData(0, Qt.ItemDataRole.UserRole, name)
            for parameter in get_method(name).editable:
                child = QTreeWidgetItem(item)
                child.setData(0, Qt.ItemDataRole.UserRole, parameter)
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsEditable)
            self._method_items[name] = item
        self.methods_tree.itemChanged.connect(self._method_item_changed)
        layout.addWidget(self.methods_tree, 1)
        buttons = QHBoxLayout()
        self.lesson_defaults_button = QPushButton()
        self.torch_defaults_button = QPushButton()
        self.lesson_defaults_button.clicked.connect(lambda: self._reset_hyperparameters(pytorch=False))
        self.torch_defaults_button.clicked.connect(lambda: self._reset_hyperparameters(pytorch=True))
        buttons.addWidget(self.lesson_defaults_button)
        buttons.addWidget(self.torch_defaults_button)
        layout.addLayout(buttons)
        self.methods_error = QLabel()
        self.methods_error.setWordWrap(True)
        layout.addWidget(self.methods_error)
        return self.methods_box

    def _build_schedule_box(self) -> QGroupBox:
        self.schedule_box = QGroupBox()
        layout = QVBoxLayout(self.schedule_box)
        self.schedule_combo = QComboBox()
        self.schedule_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.schedule_combo.setMinimumContentsLength(12)
        for name in SCHEDULE_PARAMETERS:
            self.schedule_combo.addItem("", name)
        self.schedule_combo.currentIndexChanged.connect(self._schedule_changed)
        layout.addWidget(self.schedule_combo)
        grid = QGridLayout()
        self._schedule_spins: dict[str, QDoubleSpinBox] = {}
        self._schedule_labels: dict[str, QLabel] = {}
        row = 0
        for parameters in SCHEDULE_PARAMETERS.values():
            for name, low, high, default, decimals in parameters:
                if name in self._schedule_spins:
                    continue
                spin = QDoubleSpinBox()
                spin.setRange(low, high)
                spin.setDecimals(decimals)
                spin.setSingleStep(10 ** -decimals if decimals else 1)
                spin.setValue(default)
                spin.valueChanged.connect(self._schedule_changed)
                label = QLabel(name)
                grid.addWidget(label, row, 0)
                grid.addWidget(spin, row, 1)
                self._schedule_spins[name], self._schedule_labels[name] = spin, label
                row += 1
        layout.addLayout(grid)
        self.schedule_plot = SchedulePlot()
        layout.addWidget(self.schedule_plot)
        return self.schedule_box

    def _build_run_box(self) -> QGroupBox:
        self.run_box = QGroupBox()
        layout = QVBoxLayout(self.run_box)
        buttons = QHBoxLayout()
        self.run_button = QPushButton()
        self.step_button = QPushButton()
        self.reset_button = QPushButton()
        self.run_button.clicked.connect(lambda: self.pause() if self._running else self.run())
        self.step_button.clicked.connect(self.step)
        self.reset_button.clicked.connect(self.reset)
        for button in (self.run_button, self.step_button, self.reset_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        speed_row = QHBoxLayout()
        self.speed_slider = QSlider(Qt.Orientation.Horizontal)
        self.speed_slider.setRange(0, len(SPEEDS) - 1)
        self.speed_slider.setValue(DEFAULT_SPEED_INDEX)
        self.speed_slider.setPageStep(1)
        self.speed_label = QLabel()
        self.speed_slider.valueChanged.connect(self._show_speed)
        speed_row.addWidget(self.speed_slider, 1)
        speed_row.addWidget(self.speed_label)
        layout.addLayout(speed_row)
        self.gradient_arrows_check = QCheckBox()
        self.gradient_arrows_check.setChecked(True)
        self.velocity_arrows_check = QCheckBox()
        self.velocity_arrows_check.setChecked(True)
        self.probe_check = QCheckBox()
        for check in (self.gradient_arrows_check, self.velocity_arrows_check, self.probe_check):
            check.toggled.connect(self._redraw_frame)
            layout.addWidget(check)
        return self.run_box

    # ================================================================ text and look

    def retranslate(self) -> None:
        self.surface_box.setTitle(self.tr("Surface"))
        for index, name in enumerate(SURFACE_NAMES):
            self.surface_combo.setItemText(index, surface_title(name))
        self.noise_label.setText(self.tr("Gradient noise (SGD)"))
        self.normalize_check.setText(self.tr("Normalize inputs"))
        self.batch_label.setText(self.tr("Mini-batch size (SGD)"))
        self.log_colors_check.setText(self.tr("Log colour scale"))
        self.methods_box.setTitle(self.tr("Methods (tick to race, double-click a value to edit)"))
        self.methods_tree.setHeaderLabels([self.tr("Method"), self.tr("Value")])
        self.lesson_defaults_button.setText(self.tr("Defaults for this surface"))
        self.torch_defaults_button.setText(self.tr("PyTorch defaults"))
        self.lesson_defaults_button.setToolTip(
            self.tr("PyTorch's defaults, but with a learning rate chosen for this surface")
        )
        self.torch_defaults_button.setToolTip(self.tr("Every hyperparameter as the PyTorch documentation gives it"))
        self.schedule_box.setTitle(self.tr("Learning-rate decay (applied to the race)"))
        for index, name in enumerate(SCHEDULE_PARAMETERS):
            self.schedule_combo.setItemText(index, schedule_title(name))
        parameter_names = {
            "decay": self.tr("decay"),
            "step_size": self.tr("every k steps"),
            "gamma": self.tr("gamma"),
            "total_epochs": self.tr("T (steps)"),
        }
        for name, label in self._schedule_labels.items():
            label.setText(parameter_names[name])
        self.schedule_plot.retranslate()
        self.run_box.setTitle(self.tr("Race"))
        self.step_button.setText(self.tr("Step"))
        self.reset_button.setText(self.tr("Reset"))
        self.gradient_arrows_check.setText(self.tr("Arrows: −∇f (steepest descent)"))
        self.velocity_arrows_check.setText(self.tr("Arrows: velocity (dashed)"))
        self.probe_check.setText(self.tr("Directional-derivative probe (drag the ring)"))
        self.view_title.setText(self.tr("Loss surface (drag to rotate, wheel to zoom)"))
        self.controls_toggle.setToolTip(self.tr("Hide or show the controls"))
        self.map_title.setText(self.tr("Contour map (click to choose the start point)"))
        self.log_loss_check.setText(self.tr("Log scale"))
        self.loss_plot.setLabel("bottom", self.tr("step"))
        self.loss_plot.setLabel("left", self.tr("loss"))
        self.readout.setHorizontalHeaderLabels(
            [self.tr("Method"), self.tr("Loss"), self.tr("|∇f|"), self.tr("Step length"), self.tr("lr"), self.tr("Status")]
        )
        self.methods_tree.blockSignals(True)  # texts set here are not edits
        try:
            for name, item in self._method_items.items():
                item.setText(0, method_title(name))
                for index in range(item.childCount()):
                    child = item.child(index)
                    child.setText(0, hyperparameter_title(child.data(0, Qt.ItemDataRole.UserRole)))
        finally:
            self.methods_tree.blockSignals(False)
        self._update_run_button()
        self._show_speed()
        self._show_start()
        self._show_surface_options()
        self._redraw_frame()

    def apply_style(self, style: Style) -> None:
        self.view_style = style
        palette = style.palette
        font = QFont()
        self.view3d.set_look(palette.background, palette.text, style.line_width, style.marker_size * 1.6, font)
        self.map.set_look(palette.background, palette.text, style.line_width, style.marker_size * 1.6)
        style_plot(self.loss_plot, style)
        self.loss_plot.apply_style(style)
        for label in (self.error_label, self.methods_error, self.divergence_label):
            label.setStyleSheet(f"color: {palette.error};")
        self.methods_tree.blockSignals(True)
        try:
            for name, item in self._method_items.items():
                item.setForeground(0, QBrush(method_color(style, name)))
        finally:
            self.methods_tree.blockSignals(False)
        self.controls_scroll.setFixedWidth(self._control_column_width())
        self.schedule_plot.apply_style(style)
        self._redraw_frame()

    def _control_column_width(self) -> int:
        """About CONTROL_COLUMN_CHARACTERS characters of the current font (which presentation
        mode enlarges), plus the scroll bar."""
        scrollbar = self.controls_scroll.verticalScrollBar().sizeHint().width()
        return round(self.fontMetrics().averageCharWidth() * CONTROL_COLUMN_CHARACTERS) + scrollbar

    # ================================================================ setup

    def _surface_name(self) -> str:
        return self.surface_combo.currentData()

    def _surface_options(self) -> dict:
        name = self._surface_name()
        if name in DATA_SURFACES:
            return {"normalize": self.normalize_check.isChecked(), "batch_size": self.batch_spin.value()}
        options = {"gradient_noise": self.noise_spin.value()}
        if name == "ellipse":
            options.update(condition=float(self.condition_slider.value()), angle=float(self.angle_slider.value()))
        return options

    def _schedule_choice(self) -> ScheduleChoice | None:
        name = self.schedule_combo.currentData()
        if name is None:
            return None
        params = {}
        for parameter, *_rest, decimals in SCHEDULE_PARAMETERS[name]:
            value = self._schedule_spins[parameter].value()
            params[parameter] = int(round(value)) if decimals == 0 else value
        return ScheduleChoice(name, params)

    def _entrants(self) -> tuple[RacerConfig, ...]:
        return tuple(
            RacerConfig(name, dict(self._hyperparameters[name]))
            for name, item in self._method_items.items()
            if item.checkState(0) == Qt.CheckState.Checked
        )

    def _make_setup(self) -> RaceSetup:
        return RaceSetup(
            surface=self._surface_name(),
            surface_options=self._surface_options(),
            start=self.start,
            entrants=self._entrants(),
            schedule=self._schedule_choice(),
            seed=self.seed,
        )

    def _send_setup(self) -> None:
        """Rebuild the race from the controls (queued behind a rebuild already under way)."""
        setup = self._make_setup()
        if not setup.entrants:
            self.methods_error.setText(self.tr("Choose at least one method to race."))
            self.pause()
            return
        self.methods_error.clear()
        if self._configure_in_flight:
            self._queued_setup = setup
            return
        self._configure_in_flight = True
        session = self.session
        self.worker.call(lambda: session.configure(setup))

    def _surface_changed(self) -> None:
        self.start = None  # each surface has its own good start point
        name = self._surface_name()
        huge_range = name in ANALYTIC_SURFACES and ANALYTIC_SURFACES[name].log_scale
        self.log_colors_check.setChecked(huge_range)  # and the loss chart follows the colours
        self.log_loss_check.setChecked(huge_range)
        self._show_surface_options()
        self._hyperparameters = {method: {} for method in METHODS}  # lesson defaults of the new surface
        self._send_setup()

    def _surface_option_changed(self) -> None:
        self._show_surface_options()
        self._send_setup()

    def _show_surface_options(self) -> None:
        name = self._surface_name()
        analytic = name in ANALYTIC_SURFACES
        for widget, visible in (
            (self.condition_slider, name == "ellipse"),
            (self.angle_slider, name == "ellipse"),
            (self.noise_spin, analytic),
            (self.normalize_check, not analytic),
            (self.batch_spin, not analytic),
        ):
            self._surface_form.setRowVisible(widget, visible)
        self.condition_label.setText(self.tr("Condition number κ = %1").replace("%1", str(self.condition_slider.value())))
        self.angle_label.setText(self.tr("Rotation %1°").replace("%1", str(self.angle_slider.value())))

    def _schedule_changed(self) -> None:
        self._show_schedule_controls()
        self._send_setup()

    def _show_schedule_controls(self) -> None:
        name = self.schedule_combo.currentData()
        used = {parameter for parameter, *_ in SCHEDULE_PARAMETERS[name]}
        for parameter, spin in self._schedule_spins.items():
            spin.setVisible(parameter in used)
            self._schedule_labels[parameter].setVisible(parameter in used)
        self.schedule_plot.show_schedule(self._schedule_choice(), SCHEDULE_PLOT_STEPS)

    def _start_picked(self, x: float, y: float) -> None:
        self.start = (x, y)
        self._show_start()
        self._send_setup()

    def _show_start(self) -> None:
        if self.start is None:
            self.start_label.setText(self.tr("Start: the surface's default. Click the map to choose another."))
        else:
            self.start_label.setText(
                self.tr("Start: (%1, %2). Click the map to move it.")
                .replace("%1", f"{self.start[0]:.2f}")
                .replace("%2", f"{self.start[1]:.2f}")
            )

    # ----------------------------------------------------------- hyperparameters

    def _show_hyperparameters(self) -> None:
        """Fill the value column from the current settings."""
        self.methods_tree.blockSignals(True)
        try:
            for name, item in self._method_items.items():
                values = self._current_values(name)
                for index in range(item.childCount()):
                    child = item.child(index)
                    child.setText(1, f"{values[child.data(0, Qt.ItemDataRole.UserRole)]:g}")
                item.setText(1, f"lr = {values['lr']:g}" if "lr" in values else "")
        finally:
            self.methods_tree.blockSignals(False)

    def _method_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        parent = item.parent()
        if parent is None:  # a method ticked or unticked
            if column == 0:
                self._send_setup()
            return
        method = parent.data(0, Qt.ItemDataRole.UserRole)
        parameter = item.data(0, Qt.ItemDataRole.UserRole)
        text = item.text(1).strip().replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            self._refuse(method, self.tr("'%1' is not a number").replace("%1", text))
            return
        try:
            get_method(method).build({**self._current_values(method), parameter: value})
        except ValueError as error:
            self._refuse(method, str(error))
            return
        self.methods_error.clear()
        self._hyperparameters[method][parameter] = value
        self._show_hyperparameters()
        self._send_setup()

    def _refuse(self, method: str, reason: str) -> None:
        """Say why an edited value was refused and show the value in force again."""
        self.methods_error.setText(self.tr("%1: refused, %2").replace("%1", method_title(method)).replace("%2", reason))
        self._show_hyperparameters()

    def _current_values(self, method: str) -> dict:
        return {**self._defaults[method], **self._hyperparameters[method]}

    def _reset_hyperparameters(self, pytorch: bool) -> None:
        self._hyperparameters = {
            name: (pytorch_defaults(name) if pytorch else {}) for name in METHODS
        }
        self.methods_error.clear()
        self._show_hyperparameters()
        self._send_setup()

    # ================================================================ running

    def is_running(self) -> bool:
        return self._running

    def is_idle(self) -> bool:
        """No rebuild or steps are under way on the worker (everything asked for is drawn)."""
        return not (self._configure_in_flight or self._advances_in_flight)

    def run(self) -> None:
        if self._running or (self.frame is not None and not self.frame.running):
            return
        self._running = True
        self._step_budget = 0.0
        self._timer.start()
        self._update_run_button()
        self.running_changed.emit(True)

    def pause(self) -> None:
        if not self._running:
            return
        self._running = False
        self._timer.stop()
        if self.frame is not None:
            self._fill_readout(self.frame)  # the numbers of the frame the race stops at
        self._update_run_button()
        self.running_changed.emit(False)

    def step(self) -> None:
        self.pause()
        self._request_steps(1)

    def reset(self) -> None:
        self._send_setup()

    def advance(self, steps: int) -> None:
        """Advance ``steps`` steps and emit ``settled`` once they are drawn."""
        self.pause()
        self._settle_when_drawn = True
        if steps > 0:
            self._request_steps(steps, force=True)
        elif not self._configure_in_flight and self.frame is not None:
            self._settle()

    def _request_steps(self, steps: int, force: bool = False) -> None:
        if self._advances_in_flight and not force:
            return
        self._advances_in_flight += 1
        session = self.session
        self.worker.call(lambda: session.advance(steps))

    def _tick(self) -> None:
        self._step_budget += SPEEDS[self.speed_slider.value()] / FRAMES_PER_SECOND
        self._request_due_steps()

    def _request_due_steps(self) -> None:
        """Ask for the steps the speed allows by now, if no request is under way."""
        steps = int(self._step_budget)
        if steps < 1 or self._advances_in_flight or self._configure_in_flight:
            return
        self._step_budget -= steps
        self._request_steps(steps)

    def _update_run_button(self) -> None:
        self.run_button.setText(self.tr("Pause") if self._running else self.tr("Run"))

    def _show_speed(self) -> None:
        self.speed_label.setText(self.tr("%1 steps/s").replace("%1", str(SPEEDS[self.speed_slider.value()])))

    # ================================================================ reports

    def _on_report(self, item) -> None:
        if isinstance(item, RaceConfigured):
            self._configure_in_flight = False
            if item.surface is not None:
                self.surface_report = item.surface
                self._surface_stale = True
            if self._queued_setup is not None:
                queued, self._queued_setup = self._queued_setup, None
                self._configure_in_flight = True
                session = self.session
                self.worker.call(lambda: session.configure(queued))
                return
            self._show_configured(item)
        elif isinstance(item, RaceFrame):
            self._advances_in_flight = max(0, self._advances_in_flight - 1)
            if self._configure_in_flight or self.setup is None:
                return  # a frame of a race that is being replaced
            if self._running:
                self._request_due_steps()  # the worker computes the next frame while this one is drawn
            self._show_frame(item)

    def _on_failed(self, message: str) -> None:
        self._configure_in_flight, self._advances_in_flight = False, 0
        self.pause()
        self.error_label.setText(self.tr("The engine stopped: %1").replace("%1", message))

    def _show_configured(self, configured: RaceConfigured) -> None:
        self.error_label.clear()
        self.setup = configured.setup
        self._defaults = dict(configured.defaults)
        if self._surface_stale:
            self._surface_stale = False
            self._redraw_surface()
        self._show_hyperparameters()
        self.loss_plot.clear_curves()
        self.view3d.hide_paths()
        self.map.hide_paths()
        self.map.set_start(configured.start)
        origin = np.asarray(configured.start)
        self._probe_direction = np.array([0.2 * self.surface_report.span, 0.0])
        self.map.set_probe(origin, origin + self._probe_direction)
        self.race_configured.emit(configured)
        self._show_frame(configured.frame)

    def _redraw_surface(self) -> None:
        report = self.surface_report
        if report is None:
            return
        grid, log = report.grid, self.log_colors_check.isChecked()
        self.view3d.set_surface(grid.x, grid.y, grid.loss, log)
        self.view3d.set_axis_names(*report.axis_labels)
        self.map.set_surface(grid.x, grid.y, grid.loss, log)
        self.map.set_minima(report.minima)
        self.map.setLabel("bottom", report.axis_labels[0])
        self.map.setLabel("left", report.axis_labels[1])
        style_plot(self.map, self.view_style)
        self._redraw_frame()

    def _redraw_frame(self) -> None:
        if self.frame is not None and self.surface_report is not None:
            self._show_frame(self.frame, new_data=False)

    def _show_frame(self, frame: RaceFrame, new_data: bool = True) -> None:
        self.frame = frame
        style = self.view_style
        report = self.surface_report
        colors = [method_color(style, r.method) for r in frame.racers]
        points = np.array([r.point for r in frame.racers])
        losses = np.array([r.losses[-1] for r in frame.racers])
        self.loss_plot.set_losses({r.method: r.losses for r in frame.racers},
                                  {r.method: c for r, c in zip(frame.racers, colors)})
        paths = self._thinned_paths(frame)
        for racer, color, (kept, settled) in zip(frame.racers, colors, paths):
            self.map.set_path(racer.method, racer.points[kept], color, settled)
        self.map.set_points(points, colors)
        self._draw_arrows(frame, colors, report)
        if not (self._running and frame.running) or time.monotonic() - self._readout_time >= READOUT_INTERVAL:
            self._fill_readout(frame)
        self._draw_probe(frame)
        for racer, color, (kept, settled) in zip(frame.racers, colors, paths):
            self.view3d.set_path(racer.method, racer.points[kept], racer.losses[kept], color, settled)
        self.view3d.set_points(points, losses, colors)
        if new_data and self._running and not frame.running:
            self.pause()
            self.status_message.emit(self.tr("Every method has stopped. Reset or change the setup to race again."))
        if self._settle_when_drawn and self.is_idle():
            self._settle()

    def _thinned_paths(self, frame: RaceFrame) -> list[tuple[np.ndarray, int]]:
        """For each racer, the indices of the path points both views draw and how many of them
        are settled (see desktop.widgets.path_thinning): thinned once for the two views."""
        x_min, x_max, y_min, y_max = self.map.extent
        spacing = PATH_SPACING * max(x_max - x_min, y_max - y_min)
        paths = []
        for racer in frame.racers:
            thinner = self._thinners.setdefault(racer.method, GrowingPathThinner())
            paths.append((thinner.indices(racer.points, spacing), thinner.settled))
        return paths

    def _settle(self) -> None:
        self._settle_when_drawn = False
        QTimer.singleShot(0, self.settled.emit)

    def _draw_arrows(self, frame: RaceFrame, colors, report) -> None:
        """−∇f (and for momentum methods the velocity) at each racer's point: the surface's median
        gradient is drawn ARROW_LENGTH of its size long, and no arrow longer than ARROW_MAX_LENGTH."""
        shown = {"gradient": self.gradient_arrows_check.isChecked(), "velocity": self.velocity_arrows_check.isChecked()}
        names, origins, vectors, arrow_colors, dashed = [], [], [], [], []
        for racer, color in zip(frame.racers, colors):
            for kind, vector in (("gradient", -racer.gradient), ("velocity", racer.velocity)):
                if shown[kind] and vector is not None:
                    names.append(f"{racer.method}.{kind}")
                    origins.append(racer.point)
                    vectors.append(vector)
                    arrow_colors.append(color)
                    dashed.append(kind == "velocity")
        drawn = np.reshape(vectors, (-1, 2)) * (ARROW_LENGTH * report.span / max(report.typical_gradient, 1e-300))
        with np.errstate(divide="ignore", invalid="ignore"):
            drawn *= np.minimum(1.0, ARROW_MAX_LENGTH * report.span / np.linalg.norm(drawn, axis=1))[:, None]
        self.map.set_arrows(names, np.reshape(origins, (-1, 2)), drawn, arrow_colors, dashed)

    def _fill_readout(self, frame: RaceFrame) -> None:
        self._readout_time = time.monotonic()
        colors = [method_color(self.view_style, r.method) for r in frame.racers]
        if self.readout.rowCount() != len(frame.racers):
            self.readout.setRowCount(len(frame.racers))
        # One "data changed" for the whole table instead of one per cell: after each, the header
        # (sized to the contents) measured its columns again, a fifth of the frame's Python time.
        model = self.readout.model()
        model.blockSignals(True)
        try:
            for row, (racer, color) in enumerate(zip(frame.racers, colors)):
                self._write_readout_row(row, racer, color)
        finally:
            model.blockSignals(False)
        if model.rowCount():
            model.dataChanged.emit(model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1))
        diverged = [r for r in frame.racers if r.status == "diverged"]
        _set_if_changed(self.divergence_label.text, self.divergence_label.setText, "\n".join(
                self.tr("%1 diverged after %2 steps: its loss blew up or it ran off the surface. "
                        "Lower its learning rate, or pick another start, then Reset.")
                .replace("%1", method_title(r.method))
                .replace("%2", str(len(r.points) - 1))
                for r in diverged
            ))

    def _write_readout_row(self, row: int, racer, color: QColor) -> None:
        rate = racer.rates[-1] if len(racer.rates) else self._current_values(racer.method).get("lr", float("nan"))
        cells = (
            method_title(racer.method),
            _number(racer.losses[-1]),
            _number(racer.gradient_norm),
            _number(racer.last_step_length),
            _number(rate),
            status_title(racer.status),
        )
        for column, text in enumerate(cells):
            item = self.readout.item(row, column)
            if item is None:
                item = QTableWidgetItem()
                self.readout.setItem(row, column, item)
            _set_if_changed(item.text, item.setText, text)
            _set_if_changed(item.toolTip, item.setToolTip, racer.message if column == 5 else "")
        status_color = self.view_style.palette.error if racer.status == "diverged" else self.view_style.palette.text
        for column, shade in ((0, color), (5, QColor(status_color))):
            item = self.readout.item(row, column)
            _set_if_changed(lambda: item.foreground().color(), lambda c: item.setForeground(QBrush(c)), shade)

    def _draw_probe(self, frame: RaceFrame) -> None:
        visible = self.probe_check.isChecked()
        self.map.set_probe_visible(visible)
        if not visible:
            _set_if_changed(self.probe_label.text, self.probe_label.setText, "")
            return
        racer = frame.racers[0]
        origin = racer.point
        self.map.set_probe(origin, origin + self._probe_direction)
        slope, angle = racer.directional_derivative(self._probe_direction)
        self.probe_label.setText(
            self.tr("At %1's point: |∇f| = %2, θ = %3° between u and ∇f, so "
                    "D<sub>u</sub>f = |∇f|·cos θ = <b>%4</b> (negative: downhill)")
            .replace("%1", method_title(racer.method))
            .replace("%2", _number(racer.gradient_norm))
            .replace("%3", _number(angle))
            .replace("%4", _number(slope))
        )

    def _probe_moved(self, x: float, y: float) -> None:
        if self.frame is None:
            return
        direction = np.array([x, y]) - self.frame.racers[0].point
        if np.linalg.norm(direction) > 0:
            self._probe_direction = direction
            self._draw_probe(self.frame)

    def shutdown(self) -> None:
        self._timer.stop()
