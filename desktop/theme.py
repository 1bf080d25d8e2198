"""The look of the app in one place: light or dark theme, normal or presentation mode.

Labs and widgets never hard-code a color, a line width or a font size: they read them from the
:class:`Style` the main window hands to ``Lab.apply_style(style)`` (once after the lab is created,
and again whenever the user switches theme or presentation mode). A style is an immutable value,
so a widget can keep the one it was given and compare it with the next.

Presentation mode is for a projector at the back of a classroom: every font 1.75 times larger,
curves and axes about twice as thick, pure black/white backgrounds and saturated colors.

The main window applies a style to the whole application first (:func:`apply_to_application`:
the application font, already scaled, the Qt palette and ``resources/themes/shell.qss``) and then
calls the labs, which only style what Qt cannot know about (pyqtgraph plots, heatmaps, their own
painting). ``desktop.widgets.plot_style.style_plot`` does the usual pyqtgraph part. Text drawn
with ``QFont()`` (the application font) is therefore already the right size; ``font_scale`` is
for sizes a lab gives in absolute units.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette, QPen
from PySide6.QtWidgets import QApplication

from desktop.i18n import font_with_cjk_fallback
from desktop.resources import resource_path

THEMES = ("light", "dark")
PRESENTATION_FONT_SCALE = 1.75


@dataclass(frozen=True)
class Palette:
    """Named colors (``#rrggbb``) that mean the same in every lab."""

    background: str  # plot and canvas background
    surface: str  # panels around plots
    text: str
    muted_text: str  # axis labels, secondary numbers
    grid: str
    accent: str  # selection, the current item
    error: str  # messages about bad input or divergence
    # Diverging pair for signed quantities (weights, network outputs, decision regions), as in
    # TensorFlow Playground: orange for negative, blue for positive, ``neutral`` for zero.
    negative: str
    neutral: str
    positive: str
    # Curve colors in order (train, validation/test, then more series); color-blind safe.
    series: tuple[str, ...]


@dataclass(frozen=True)
class Style:
    """Everything a view needs to draw itself in the current theme and mode."""

    theme: str  # one of THEMES
    presentation: bool
    palette: Palette
    font_scale: float  # multiply any font size by this
    line_width: float  # curves, in device-independent pixels (cosmetic)
    axis_width: float  # axes, ticks, plot frames
    marker_size: float  # scatter points, in pixels

    @property
    def dark(self) -> bool:
        return self.theme == "dark"

    def series_color(self, index: int) -> QColor:
        """Color of the ``index``-th curve (cycles through the palette)."""
        return QColor(self.palette.series[index % len(self.palette.series)])

    def curve_pen(self, index: int = 0, dashed: bool = False) -> QPen:
        """A cosmetic pen for the ``index``-th curve, as thick as the style asks."""
        pen = QPen(self.series_color(index))
        pen.setWidthF(self.line_width)
        pen.setCosmetic(True)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def axis_pen(self) -> QPen:
        pen = QPen(QColor(self.palette.text))
        pen.setWidthF(self.axis_width)
        pen.setCosmetic(True)
        return pen


_OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")

_PALETTES = {
    ("light", False): Palette(
        background="#ffffff", surface="#f4f5f7", text="#1f2328", muted_text="#57606a",
        grid="#d0d7de", accent="#0969da", error="#cf222e",
        negative="#f59322", neutral="#e8eaeb", positive="#0877bd",
        series=_OKABE_ITO,
    ),
    ("dark", False): Palette(
        background="#1b1d21", surface="#25282d", text="#e6edf3", muted_text="#9ea7b3",
        grid="#3d434b", accent="#58a6ff", error="#ff7b72",
        negative="#f5a04a", neutral="#2b2f35", positive="#3aa0e8",
        series=("#56B4E9", "#F0B33C", "#2ECC9A", "#E58FC4", "#8FD3FF", "#FF8A50", "#F0E442"),
    ),
    # Presentation: pure backgrounds, darker/brighter ink, saturated curves that survive a
    # washed-out projector.
    ("light", True): Palette(
        background="#ffffff", surface="#ffffff", text="#000000", muted_text="#202020",
        grid="#a0a0a0", accent="#0040c0", error="#c00000",
        negative="#e07000", neutral="#f0f0f0", positive="#0050c0",
        series=("#0050c0", "#e07000", "#008040", "#c00080", "#0090d0", "#c03000", "#806000"),
    ),
    ("dark", True): Palette(
        background="#000000", surface="#000000", text="#ffffff", muted_text="#e0e0e0",
        grid="#707070", accent="#66b3ff", error="#ff5050",
        negative="#ffa030", neutral="#202020", positive="#40a8ff",
        series=("#40a8ff", "#ffb020", "#30e090", "#ff70d0", "#a0e0ff", "#ff7040", "#ffff60"),
    ),
}


def make_style(theme: str = "light", presentation: bool = False) -> Style:
    """The style for ``theme`` ("light" or "dark") in normal or presentation mode."""
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}; choose one of {', '.join(THEMES)}")
    return Style(
        theme=theme,
        presentation=presentation,
        palette=_PALETTES[theme, presentation],
        font_scale=PRESENTATION_FONT_SCALE if presentation else 1.0,
        line_width=4.0 if presentation else 2.0,
        axis_width=2.5 if presentation else 1.0,
        marker_size=10.0 if presentation else 6.0,
    )


def application_palette(style: Style) -> QPalette:
    """The Qt palette (for the Fusion style) that matches ``style``."""
    colors = style.palette
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, colors.surface), (roles.WindowText, colors.text),
        (roles.Base, colors.background), (roles.AlternateBase, colors.surface),
        (roles.Text, colors.text), (roles.Button, colors.surface), (roles.ButtonText, colors.text),
        (roles.ToolTipBase, colors.background), (roles.ToolTipText, colors.text),
        (roles.PlaceholderText, colors.muted_text), (roles.Highlight, colors.accent),
        (roles.HighlightedText, "#ffffff" if not style.dark else "#000000"),
        (roles.Link, colors.accent), (roles.BrightText, colors.error),
    ):
        palette.setColor(role, QColor(color))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colors.muted_text))
    return palette


def style_sheet(style: Style) -> str:
    """``resources/themes/shell.qss`` with its ``@name@`` placeholders filled in: the palette's
    colors, ``@border@`` (frame width in pixels), ``@theme@`` and ``@themes@`` (its folder)."""
    folder = resource_path("themes")
    text = (folder / "shell.qss").read_text(encoding="utf-8")
    values = {name: getattr(style.palette, name) for name in Palette.__dataclass_fields__
              if name != "series"}
    values["border"] = "2" if style.presentation else "1"
    values["theme"] = style.theme
    values["themes"] = folder.as_posix()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    return text


_normal_font: QFont | None = None  # the system's application font, before any style


def apply_to_application(app: QApplication, style: Style) -> None:
    """Font, palette and style sheet of the whole application: the system font (with a Chinese
    fallback) enlarged by ``style.font_scale``. Apply it before creating widgets: a widget
    created earlier may keep the old font."""
    global _normal_font
    if _normal_font is None:
        _normal_font = font_with_cjk_fallback(app.font())
    font = QFont(_normal_font)
    font.setPointSizeF(_normal_font.pointSizeF() * style.font_scale)
    app.setFont(font)
    app.setPalette(application_palette(style))
    app.setStyleSheet(style_sheet(style))
