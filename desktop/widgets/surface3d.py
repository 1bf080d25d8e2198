"""A rotatable 3D view of a surface z = f(x, y), coloured by height, with paths and points on it.

The surface is one ``GLSurfacePlotItem(computeNormals=False)``: colours come per vertex from a
lookup table, so no lighting is computed, and a new surface only replaces its z values and
colours. Paths and points are drawn without depth test, after the surface, so a hill never
hides a path a student is following.

Without a graphics card (software OpenGL, e.g. Mesa's llvmpipe) a 200 × 200 mesh costs tens of
milliseconds per frame, too much for a race drawn 30 times a second. Two things keep it off the
race's frames:

* The mesh is rendered once into an off-screen image (the *backdrop*) and copied onto each frame;
  it is rendered again only when the surface, the background or the camera changes. Paths and
  points, which are drawn over everything anyway, are the only things a race frame renders.
* The view measures how long its backdrop renders take and, when they are slow, draws the mesh
  through every other grid line: a quarter of the triangles for practically the same picture
  (paths, points and colours keep their full detail), so that rotating the view stays fluid. With
  a graphics card renders are fast and the full mesh is always drawn.

Whatever the data, the view shows the same box: x and y are mapped to [−1, 1] (keeping their
aspect ratio) and heights to [0, ``HEIGHT``], so the camera never needs to move when the surface
changes. Heights use a log scale on request (log10 of the height above the surface's lowest
value), for surfaces whose walls are a million times higher than their floor; paths and points
go through the same transform, so they lie on the surface.
"""
from __future__ import annotations

import time
from collections import deque

import numpy as np
import pyqtgraph as pg
import pyqtgraph.opengl as gl
from OpenGL import GL
from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QColor, QFont, QMatrix4x4
from PySide6.QtOpenGL import QOpenGLFramebufferObject, QOpenGLTextureBlitter

from desktop.widgets.path_thinning import GrowingPathThinner

# Height of the box the surface is drawn in, relative to its half-width.
HEIGHT = 1.0
# Paths float this far above the surface (fraction of HEIGHT) so that they are not cut by it.
LIFT = 0.01
# Paths are drawn through points about this far apart (fraction of the half-width): ~1 pixel.
PATH_SPACING = 0.004
# In log scale, heights start this fraction of the value range above the lowest value.
LOG_FLOOR = 1e-4
# Backdrop renders slower than this (three in a row) switch the mesh to every other grid line:
# half of the 33 ms a frame may take at 30 frames/s, the rest being for the other views.
SLOW_FRAME_SECONDS = 0.016
_ALWAYS_ON_TOP = {GL.GL_DEPTH_TEST: False, GL.GL_BLEND: True, "glBlendFunc": (GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA)}


class HeightScale:
    """Maps loss values to display heights in [0, HEIGHT] (linear or log), and back to [0, 1]
    for colours. Built from the finite values of a grid."""

    def __init__(self, values: np.ndarray, log: bool) -> None:
        finite = values[np.isfinite(values)]
        self.low = float(finite.min()) if finite.size else 0.0
        high = float(finite.max()) if finite.size else 1.0
        self.log = log
        self.floor = LOG_FLOOR * max(high - self.low, 1e-300)
        self._bottom = self._transform(np.array(self.low))
        self._range = max(float(self._transform(np.array(high)) - self._bottom), 1e-300)

    def _transform(self, values: np.ndarray) -> np.ndarray:
        if self.log:
            return np.log10(np.maximum(values - self.low, 0.0) + self.floor)
        return values

    def fraction(self, values: np.ndarray) -> np.ndarray:
        """0 at the lowest value of the grid, 1 at the highest (clipped to [0, 1]; NaN as 1)."""
        with np.errstate(invalid="ignore", over="ignore"):
            fraction = (self._transform(np.asarray(values, dtype=np.float64)) - self._bottom) / self._range
        return np.clip(np.nan_to_num(fraction, nan=1.0, posinf=1.0, neginf=0.0), 0.0, 1.0)


class Surface3DView(gl.GLViewWidget):
    """A surface with named paths and a set of current points, in a fixed box."""

    def __init__(self, parent=None, adapt_to_slow_rendering: bool = True) -> None:
        super().__init__(parent)
        self._adaptive = adapt_to_slow_rendering
        self._mesh_stride = 1
        self._frame_seconds: deque[float] = deque(maxlen=3)
        self._mesh: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._mesh_version = 0  # counts mesh uploads: a new mesh needs a new backdrop
        self._backdrop: QOpenGLFramebufferObject | None = None
        self._backdrop_key: tuple | None = None
        self._blitter: QOpenGLTextureBlitter | None = None
        #: How many times the backdrop was rendered (for tests and benchmarks).
        self.backdrop_renders = 0
        self._lut = (pg.colormap.get("viridis").getLookupTable(nPts=256, alpha=True) / 255.0).astype(np.float32)
        self._scale: HeightScale | None = None
        self._centre = np.zeros(2)
        self._half_span = 1.0
        self._paths: dict[str, gl.GLLinePlotItem] = {}
        self._thinners: dict[str, GrowingPathThinner] = {}
        self._line_width = 2.0
        self._point_size = 10.0
        self.surface_item = gl.GLSurfacePlotItem(computeNormals=False, smooth=True)
        self.surface_item.setVisible(False)  # an empty surface item cannot draw
        self.addItem(self.surface_item)
        self.points_item = gl.GLScatterPlotItem(pos=np.zeros((0, 3)), pxMode=True, glOptions=_ALWAYS_ON_TOP)
        self.points_item.setDepthValue(20)
        self.addItem(self.points_item)
        self._axis_labels = (
            gl.GLTextItem(pos=(1.15, -1.0, 0.0), text="x"),
            gl.GLTextItem(pos=(-1.0, 1.15, 0.0), text="y"),
        )
        for label in self._axis_labels:
            self.addItem(label)
        self.setCameraPosition(pos=pg.Vector(0, 0, 0.35 * HEIGHT), distance=3.0, elevation=30, azimuth=-60)

    # ----- look -----------------------------------------------------------------------------------

    def set_look(self, background: str, text: str, line_width: float, point_size: float, font: QFont) -> None:
        """Background, label colour and sizes (from the app's style)."""
        self.setBackgroundColor(QColor(background))
        for label in self._axis_labels:
            label.setData(color=QColor(text), font=font)
        self._line_width = line_width
        self._point_size = point_size
        for item in self._paths.values():
            item.setData(width=line_width)
        self.points_item.setData(size=point_size)

    def set_axis_names(self, x_name: str, y_name: str) -> None:
        self._axis_labels[0].setData(text=x_name)
        self._axis_labels[1].setData(text=y_name)

    def axis_names(self) -> tuple[str, str]:
        return self._axis_labels[0].text, self._axis_labels[1].text

    # ----- data -----------------------------------------------------------------------------------

    def set_surface(self, x: np.ndarray, y: np.ndarray, z: np.ndarray, log_scale: bool = False) -> None:
        """Show ``z[i, j]`` at ``(x[i], y[j])``. Paths and points keep their data coordinates and
        must be set again (the height scale has changed)."""
        self._centre = np.array([(x[0] + x[-1]) / 2, (y[0] + y[-1]) / 2])
        self._half_span = max(x[-1] - x[0], y[-1] - y[0]) / 2
        self._scale = HeightScale(z, log_scale)
        self._mesh = (
            ((x - self._centre[0]) / self._half_span).astype(np.float32),
            ((y - self._centre[1]) / self._half_span).astype(np.float32),
            self._scale.fraction(z),
        )
        self._upload_mesh()

    def _upload_mesh(self) -> None:
        """Give the surface item the mesh at the current stride (keeping the last grid line)."""
        x, y, fraction = self._mesh
        rows = np.unique(np.r_[0:len(x):self._mesh_stride, len(x) - 1])
        columns = np.unique(np.r_[0:len(y):self._mesh_stride, len(y) - 1])
        fraction = fraction[np.ix_(rows, columns)]
        colors = self._lut[(fraction * (len(self._lut) - 1)).astype(np.intp)].reshape(-1, 4)
        self.surface_item.setData(x=x[rows], y=y[columns], z=(HEIGHT * fraction).astype(np.float32), colors=colors)
        self.surface_item.setVisible(True)
        self._mesh_version += 1

    @property
    def mesh_stride(self) -> int:
        """1: every grid line is drawn; 2: every other one (after slow frames)."""
        return self._mesh_stride

    def initializeGL(self) -> None:  # noqa: N802 (Qt's name)
        super().initializeGL()
        # A new context (the widget moved to another window): the old one's objects are gone.
        self._backdrop, self._backdrop_key, self._blitter = None, None, None

    def paintGL(self) -> None:  # noqa: N802 (Qt's name)
        """The backdrop (rendered again only if stale), then everything else over it."""
        region = self.getViewport()
        self.setProjection(region, region)
        self.setModelview()
        key = (
            self._mesh_version,
            self.surface_item.visible(),
            tuple(region),
            self.opts["bgcolor"],
            tuple(self.currentProjection().data()),
            tuple(self.currentModelView().data()),
        )
        if key != self._backdrop_key:
            self._render_backdrop(QSize(region[2], region[3]))
            self._backdrop_key = key
        self._copy_backdrop()
        self._draw([item for item in self.items if item is not self.surface_item])

    def _render_backdrop(self, size: QSize) -> None:
        if self._backdrop is None or self._backdrop.size() != size:
            self._backdrop = QOpenGLFramebufferObject(size, QOpenGLFramebufferObject.Attachment.Depth)
        self._backdrop.bind()
        self.backdrop_renders += 1
        start = time.perf_counter()
        GL.glClearColor(*self.opts["bgcolor"])
        GL.glClear(GL.GL_DEPTH_BUFFER_BIT | GL.GL_COLOR_BUFFER_BIT)
        self._draw([self.surface_item])
        if self._adaptive and self._mesh_stride == 1 and self._mesh is not None:
            GL.glFinish()  # a software renderer does its work here
            self._judge_render_time(time.perf_counter() - start)
        GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, self.defaultFramebufferObject())

    def _judge_render_time(self, seconds: float) -> None:
        """After the first three renders of the full mesh, decide once whether it is too slow."""
        self._frame_seconds.append(seconds)
        if len(self._frame_seconds) == self._frame_seconds.maxlen:
            if min(self._frame_seconds) > SLOW_FRAME_SECONDS:
                self._mesh_stride = 2
                QTimer.singleShot(0, self._upload_mesh)  # not while painting
            else:
                self._adaptive = False  # fast enough: keep the full mesh for good

    def _copy_backdrop(self) -> None:
        """Cover the frame with the backdrop, as an opaque textured quad (unlike a framebuffer
        blit, this also works when the widget's own framebuffer is multisampled)."""
        if self._blitter is None:
            self._blitter = QOpenGLTextureBlitter()
            self._blitter.create()
        GL.glDisable(GL.GL_DEPTH_TEST)
        GL.glDisable(GL.GL_BLEND)
        self._blitter.bind()
        self._blitter.blit(self._backdrop.texture(), QMatrix4x4(), QOpenGLTextureBlitter.Origin.OriginBottomLeft)
        self._blitter.release()

    def _draw(self, items: list) -> None:
        """Paint top-level ``items`` (this view has no nested ones) in depth order, as
        GLViewWidget.drawItemTree does."""
        for item in sorted(items, key=lambda item: item.depthValue()):
            if item.visible():
                if self.default_vao.isCreated():
                    self.default_vao.bind()  # items that paint with QPainter unbind it
                item.paint()

    @property
    def height_scale(self) -> HeightScale | None:
        return self._scale

    def _to_box(self, xy: np.ndarray, values: np.ndarray) -> np.ndarray:
        xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        heights = HEIGHT * (self._scale.fraction(values) + LIFT) if self._scale is not None else np.zeros(len(xy))
        box = np.empty((len(xy), 3), dtype=np.float32)
        box[:, :2] = (xy - self._centre) / self._half_span
        box[:, 2] = heights
        return box

    def set_path(self, name: str, xy: np.ndarray, values: np.ndarray, color: QColor) -> None:
        """The path ``name`` through points ``xy`` (shape (n, 2)) with losses ``values``; points
        closer than about a pixel along the path are not drawn (see path_thinning)."""
        xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        kept = self._thinners.setdefault(name, GrowingPathThinner()).indices(xy, PATH_SPACING * self._half_span)
        xy, values = xy[kept], np.asarray(values)[kept]
        item = self._paths.get(name)
        if item is None:
            item = gl.GLLinePlotItem(mode="line_strip", antialias=True, glOptions=_ALWAYS_ON_TOP)
            item.setDepthValue(10)
            self.addItem(item)
            self._paths[name] = item
        item.setData(pos=self._to_box(xy, values), color=QColor(color).getRgbF(), width=self._line_width)
        item.setVisible(len(xy) > 0)

    def path_names(self) -> list[str]:
        return [name for name, item in self._paths.items() if item.visible()]

    def hide_paths(self) -> None:
        for item in self._paths.values():
            item.setVisible(False)

    def set_points(self, xy: np.ndarray, values: np.ndarray, colors: list[QColor]) -> None:
        """The current points, one colour each."""
        rgba = np.array([QColor(c).getRgbF() for c in colors], dtype=np.float32).reshape(-1, 4)
        self.points_item.setData(pos=self._to_box(xy, values), color=rgba, size=self._point_size)

    def point_count(self) -> int:
        return len(self.points_item.pos)
