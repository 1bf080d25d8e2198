"""A rotatable 3D view of a surface z = f(x, y), coloured by height, with paths and points on it.

The surface is one ``GLSurfacePlotItem(computeNormals=False)``: colours come per vertex from a
lookup table, so no lighting is computed, and a new surface only replaces its z values and
colours. The surface stands on walls down to the floor of its box, a block of landscape rather
than a sheet: a sheet seen from a low camera shows its underside, where a narrow pit (log scales
make them) hangs below the near edge with the point at its bottom, as if under the surface. The
walls take the colour of the edge above them, darkened like a side in shadow.

Only the mesh needs OpenGL, and it changes only with the surface, the camera, the size or the
background. So OpenGL renders it off screen, into an image kept between frames (the
*backdrop*), and the view is an ordinary QWidget: each paint copies the backdrop and draws the
paths, the current points and the axis names over it with QPainter, projected through the
camera's matrices. Where the surface stands in front of them (a point at the bottom of a bowl
seen from a low camera, a path going round behind a hill) they are drawn faded, not left out,
so a student still sees where a path goes: with the backdrop the render keeps its depth buffer,
and each painted point is compared with it at its pixel (see :meth:`Surface3DView.hidden`).
Paths only grow during a race, so a
:class:`~desktop.widgets.trail_canvas.TrailCanvas` strokes only their new segments. The view is
not a QOpenGLWidget because a window holding one is composed through OpenGL on every repaint of
any of its widgets; without a graphics card (Mesa's llvmpipe) that composition cost more than
drawing the race frame itself. Screenshots (QWidget.grab) show the view like any other widget.

Without a graphics card a 200 × 200 mesh also renders slowly (tens of milliseconds), which
matters while the camera turns: the view measures its first backdrop renders and, when they are
slow, draws the mesh through every other grid line, a quarter of the triangles for practically
the same picture (paths, points and colours keep their full detail). With a graphics card renders
are fast and the full mesh is always drawn.

Whatever the data, the view shows the same box: x and y are mapped to [−1, 1] (keeping their
aspect ratio) and heights to [0, ``HEIGHT``], so the camera never needs to move when the surface
changes. Heights use a log scale on request (log10 of the height above the surface's lowest
value), for surfaces whose walls are a million times higher than their floor; paths and points
go through the same transform, so they lie on the surface.
"""
from __future__ import annotations

import logging
import time
from collections import deque

import numpy as np
import pyqtgraph as pg
import shiboken6
import pyqtgraph.opengl as gl
from OpenGL import GL
from pyqtgraph.opengl.GLViewWidget import GLViewMixin
from PySide6.QtCore import QCoreApplication, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QOffscreenSurface, QOpenGLContext, QPainter, QPen
from PySide6.QtOpenGL import QOpenGLFramebufferObject
from PySide6.QtWidgets import QWidget

from desktop.widgets.dot_layer import draw_dots
from desktop.widgets.trail_canvas import TrailCanvas

_log = logging.getLogger(__name__)

# Height of the box the surface is drawn in, relative to its half-width.
HEIGHT = 1.0
# In log scale, heights start this fraction of the value range above the lowest value.
LOG_FLOOR = 1e-4
# Backdrop renders slower than this (three in a row) switch the mesh to every other grid line, so
# that turning the camera (a render per frame) leaves time for the rest of a 33 ms frame.
SLOW_FRAME_SECONDS = 0.016
# How far outside the surface's edge an axis name stands, in box units (the box is 2 wide).
AXIS_NAME_OFFSET = 0.15
# The walls' colour: the edge's colour times this.
WALL_SHADE = 0.7
# How far (box units) a painted point is moved towards the camera before its depth is compared
# with the surface's: points on the surface lie on it, and the mesh's flat triangles (every other
# grid line after slow renders) pass a little above or below them.
DEPTH_TOLERANCE = 0.03


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


def _offscreen_gl() -> tuple[QOpenGLContext, QOffscreenSurface] | None:
    """The one OpenGL context every 3D view renders with (pyqtgraph keeps its compiled shaders per
    item class, so all views must share one context's objects), with an off-screen surface to
    make it current on; None where OpenGL is not available. Both belong to the application."""
    global _gl
    if _gl is False or (_gl is not None and all(map(shiboken6.isValid, _gl))):
        return _gl or None
    app = QCoreApplication.instance()
    context = QOpenGLContext(app)
    if QOpenGLContext.globalShareContext() is not None:
        context.setShareContext(QOpenGLContext.globalShareContext())
    if not context.create():
        _log.warning("OpenGL is not available: the 3D view shows paths and points without the surface")
        _gl = False
        return None
    surface = QOffscreenSurface(None, app)
    surface.setFormat(context.format())
    surface.create()
    _gl = (context, surface)
    return _gl


# The shared context and surface once made; False once OpenGL has turned out to be unavailable.
_gl: tuple[QOpenGLContext, QOffscreenSurface] | bool | None = None


class Surface3DView(GLViewMixin, QWidget):
    """A surface with named paths and a set of current points, in a fixed box (see the module
    docstring). The camera turns with the mouse as in pyqtgraph's GLViewWidget."""

    #: Emitted after each paint (benchmarks count frames on screen with it).
    frame_drawn = Signal()

    def __init__(self, parent=None, adapt_to_slow_rendering: bool = True) -> None:
        self._gl_ready = False  # GLViewMixin.__init__ already asks isValid()
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # every pixel is painted
        self._adaptive = adapt_to_slow_rendering
        self._mesh_stride = 1
        self._frame_seconds: deque[float] = deque(maxlen=3)
        self._mesh: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._axis_name_positions = np.empty((0, 3))
        self._mesh_version = 0  # counts mesh uploads: a new mesh needs a new backdrop
        self._framebuffer: QOpenGLFramebufferObject | None = None
        self._backdrop = QImage()
        self._depth: np.ndarray | None = None  # the backdrop's depth buffer, rows from the top
        self._backdrop_key: tuple | None = None
        #: How many times the backdrop was rendered (for tests and benchmarks).
        self.backdrop_renders = 0
        self._lut = (pg.colormap.get("viridis").getLookupTable(nPts=256, alpha=True) / 255.0).astype(np.float32)
        self._scale: HeightScale | None = None
        self._centre = np.zeros(2)
        self._half_span = 1.0
        self.trails = TrailCanvas(antialias=True)
        self._points = np.zeros((0, 3))
        self._point_colors: list[QColor] = []
        self._line_width = 2.0
        self._point_size = 10.0
        self._text_color = QColor("#000000")
        self._axis_names = ("x", "y")
        self.surface_item = gl.GLSurfacePlotItem(computeNormals=False, smooth=True)
        self.wall_item = gl.GLMeshItem(smooth=True, computeNormals=False)
        for item in (self.surface_item, self.wall_item):
            item.setVisible(False)  # an empty item cannot draw
            self.addItem(item)
        self.setCameraPosition(pos=pg.Vector(0, 0, 0.3 * HEIGHT), distance=3.4, elevation=30, azimuth=-60)

    # ----- look -----------------------------------------------------------------------------------

    def set_look(self, background: str, text: str, line_width: float, point_size: float, font: QFont) -> None:
        """Background, label colour and sizes (from the app's style)."""
        self.setBackgroundColor(QColor(background))
        self._text_color = QColor(text)
        self.setFont(font)
        self._line_width = line_width
        self._point_size = point_size
        self.trails.set_line_width(line_width)
        self.update()

    def set_axis_names(self, x_name: str, y_name: str) -> None:
        self._axis_names = (x_name, y_name)
        self.update()

    def axis_names(self) -> tuple[str, str]:
        return self._axis_names

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
        self._axis_name_positions = self._beside_edges(*self._mesh)
        self._upload_mesh()

    @staticmethod
    def _beside_edges(x: np.ndarray, y: np.ndarray, fraction: np.ndarray) -> np.ndarray:
        """Where the axis names stand: just outside the middle of the edge that runs along each
        axis, at the surface's height there, so each name reads as the label of that edge."""
        middle_x, middle_y = len(x) // 2, len(y) // 2
        return np.array([
            [x[middle_x], y[0] - AXIS_NAME_OFFSET, HEIGHT * fraction[middle_x, 0]],
            [x[-1] + AXIS_NAME_OFFSET, y[middle_y], HEIGHT * fraction[-1, middle_y]],
        ])

    def _upload_mesh(self) -> None:
        """Give the surface item the mesh at the current stride (keeping the last grid line)."""
        x, y, fraction = self._mesh
        rows = np.unique(np.r_[0:len(x):self._mesh_stride, len(x) - 1])
        columns = np.unique(np.r_[0:len(y):self._mesh_stride, len(y) - 1])
        fraction = fraction[np.ix_(rows, columns)]
        colors = self._lut[(fraction * (len(self._lut) - 1)).astype(np.intp)]
        heights = (HEIGHT * fraction).astype(np.float32)
        self.surface_item.setData(x=x[rows], y=y[columns], z=heights, colors=colors.reshape(-1, 4))
        vertexes, faces, wall_colors = self._walls(x[rows], y[columns], heights, colors)
        self.wall_item.setMeshData(vertexes=vertexes, faces=faces, vertexColors=wall_colors)
        self.surface_item.setVisible(True)
        self.wall_item.setVisible(True)
        self._mesh_version += 1

    @staticmethod
    def _walls(x: np.ndarray, y: np.ndarray, heights: np.ndarray, colors: np.ndarray):
        """Vertices, triangles and vertex colours of the walls from the surface's edge (heights
        (nx, ny), colours (nx, ny, 4)) down to the floor, and of the floor."""
        last_x, last_y = len(x) - 1, len(y) - 1
        # Once round the edge and back to the first corner: along y[0], x[-1], y[-1], x[0].
        i = np.r_[np.arange(last_x), np.full(last_y, last_x), np.arange(last_x, 0, -1), np.zeros(last_y, np.intp), 0]
        j = np.r_[np.zeros(last_x, np.intp), np.arange(last_y), np.full(last_x, last_y), np.arange(last_y, 0, -1), 0]
        top = np.column_stack([x[i], y[j], heights[i, j]])
        bottom = top * [1, 1, 0]
        count = len(top)
        k = np.arange(count - 1)
        corners = count + np.array([0, last_x, last_x + last_y, 2 * last_x + last_y])
        faces = np.vstack([
            np.column_stack([k, k + count, k + 1]),
            np.column_stack([k + 1, k + count, k + count + 1]),
            corners[[0, 1, 2]], corners[[0, 2, 3]],  # the floor, seen from below
        ])
        shaded = colors[i, j] * [WALL_SHADE, WALL_SHADE, WALL_SHADE, 1]
        return np.vstack([top, bottom]).astype(np.float32), faces.astype(np.uint32), np.vstack([shaded, shaded]).astype(np.float32)

    @property
    def mesh_stride(self) -> int:
        """1: every grid line is drawn; 2: every other one (after slow renders)."""
        return self._mesh_stride

    @property
    def height_scale(self) -> HeightScale | None:
        return self._scale

    def _to_box(self, points: np.ndarray) -> np.ndarray:
        """Points (x, y, loss) of shape (n, 3), in the box the surface is drawn in."""
        box = np.empty((len(points), 3))
        box[:, :2] = (points[:, :2] - self._centre) / self._half_span
        box[:, 2] = HEIGHT * self._scale.fraction(points[:, 2]) if self._scale is not None else 0.0
        return box

    @staticmethod
    def _data_points(xy: np.ndarray, values: np.ndarray) -> np.ndarray:
        return np.column_stack([np.asarray(xy, dtype=np.float64).reshape(-1, 2), np.asarray(values, dtype=np.float64)])

    def set_path(self, name: str, xy: np.ndarray, values: np.ndarray, color: QColor, settled: int | None = None) -> None:
        """The path ``name`` through points ``xy`` (shape (n, 2)) with losses ``values``, drawn
        through every point given (a caller with long paths thins them first, see
        desktop.widgets.path_thinning), of which the first ``settled`` (default: all) are final:
        later calls only add points after them. Points go into the box only when drawn, so a frame
        costs the new points, not the whole path."""
        pen = QPen(QColor(color), self._line_width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.trails.set_line(name, self._data_points(xy, values), pen, settled)
        self.update()

    def path_names(self) -> list[str]:
        return self.trails.names()

    def path_data(self, name: str) -> np.ndarray:
        """The (x, y) points the path ``name`` is drawn through."""
        return self.trails.points(name)[:, :2]

    def hide_paths(self) -> None:
        self.trails.clear()
        self.update()

    def set_points(self, xy: np.ndarray, values: np.ndarray, colors: list[QColor]) -> None:
        """The current points, one colour each."""
        self._points = self._data_points(xy, values)
        self._point_colors = [QColor(c) for c in colors]
        self.update()

    def point_count(self) -> int:
        return len(self._points)

    # ----- OpenGL, as GLViewMixin expects it ------------------------------------------------------

    def isValid(self) -> bool:  # noqa: N802 (the name GLViewMixin asks for)
        return self._gl_ready

    def context(self) -> QOpenGLContext | None:
        gl_objects = _offscreen_gl()
        return gl_objects[0] if gl_objects else None

    def makeCurrent(self) -> bool:  # noqa: N802 (the name GLViewMixin asks for)
        gl_objects = _offscreen_gl()
        return gl_objects is not None and gl_objects[0].makeCurrent(gl_objects[1])

    # ----- painting -------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        region = self.getViewport()
        self.setProjection(region, region)
        self.setModelview()
        projection, modelview = self.currentProjection(), self.currentModelView()
        camera = (tuple(projection.data()), tuple(modelview.data()))
        painter = QPainter(self)
        if self.surface_item.visible() and self._render_backdrop_if_stale(camera):
            painter.drawImage(QPointF(0, 0), self._backdrop)
            hidden = self.hidden
        else:
            painter.fillRect(self.rect(), QColor.fromRgbF(*self.opts["bgcolor"]))
            hidden = None  # no surface to hide anything
        box_to_pixels = self._projector(projection, modelview)

        def to_pixels(points: np.ndarray) -> np.ndarray:
            return box_to_pixels(self._to_box(points))

        self.trails.paint(painter, (camera, self._mesh_version), to_pixels, hidden)  # a new surface: a new box
        self._draw_points(painter, to_pixels, hidden)
        self._draw_axis_names(painter, box_to_pixels)
        painter.end()
        self.frame_drawn.emit()

    def _projector(self, projection, modelview):
        """The function from box coordinates (n, 3) to this widget's pixels and depth (n, 3), as
        OpenGL projects them; points behind the camera become NaN. The depth is the one the
        depth buffer would hold for the point moved ``DEPTH_TOLERANCE`` towards the camera."""
        projection, modelview = (np.array(m.data()).reshape(4, 4).T for m in (projection, modelview))  # Qt: by column
        mvp = projection @ modelview
        lift = DEPTH_TOLERANCE * projection[:, 2]  # towards the camera is +z in eye coordinates
        width, height, near = self.width(), self.height(), 0.001 * self.opts["distance"]

        def to_pixels(points: np.ndarray) -> np.ndarray:
            with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
                clip = points @ mvp[:, :3].T + mvp[:, 3]
                w = np.where(clip[:, 3] > near, clip[:, 3], np.nan)
                lifted = clip + lift
                return np.column_stack([
                    (1 + clip[:, 0] / w) * width / 2,
                    (1 - clip[:, 1] / w) * height / 2,
                    (1 + lifted[:, 2] / np.where(lifted[:, 3] > near, lifted[:, 3], np.nan)) / 2,
                ])

        return to_pixels

    def hidden(self, samples: np.ndarray) -> np.ndarray:
        """Which of ``samples`` (pixel x, pixel y, depth), as the projector gives them, lie behind
        the surface in the backdrop last rendered: deeper than the depth buffer at every pixel
        around theirs (so that a point beside a hill's outline is not hidden by the hill).
        Samples off the view or not finite are not hidden."""
        hidden = np.zeros(len(samples), dtype=bool)
        if self._depth is None or not len(samples):
            return hidden
        rows_count, columns_count = self._depth.shape
        ratio = self._backdrop.devicePixelRatio()
        with np.errstate(invalid="ignore"):
            columns, rows = np.floor(samples[:, 0] * ratio), np.floor(samples[:, 1] * ratio)
            inside = ((columns >= 0) & (columns < columns_count) & (rows >= 0) & (rows < rows_count)
                      & np.isfinite(samples[:, 2]))
        rows, columns = rows[inside].astype(np.intp), columns[inside].astype(np.intp)
        farthest = np.zeros(len(rows), dtype=np.float32)
        for row_step in (-1, 0, 1):
            around_rows = np.clip(rows + row_step, 0, rows_count - 1)
            for column_step in (-1, 0, 1):
                around_columns = np.clip(columns + column_step, 0, columns_count - 1)
                np.maximum(farthest, self._depth[around_rows, around_columns], out=farthest)
        hidden[inside] = samples[inside, 2] > farthest
        return hidden

    def _render_backdrop_if_stale(self, camera: tuple) -> bool:
        """Render the mesh into the backdrop unless it shows this camera, size and background
        already; False if OpenGL is not available."""
        ratio = self.devicePixelRatioF()
        size = QSize(round(self.width() * ratio), round(self.height() * ratio))
        key = (self._mesh_version, camera, size, ratio, self.opts["bgcolor"])
        if key == self._backdrop_key:
            return True
        if size.isEmpty() or not self.makeCurrent():
            return False
        if not self._gl_ready:
            self._gl_ready = True
            self.initializeGL()  # GLViewMixin's: initializes the items
        if self._framebuffer is None or self._framebuffer.size() != size:
            self._framebuffer = QOpenGLFramebufferObject(size, QOpenGLFramebufferObject.Attachment.Depth)
        self._framebuffer.bind()
        self.backdrop_renders += 1
        start = time.perf_counter()
        GL.glViewport(0, 0, size.width(), size.height())
        GL.glClearColor(*self.opts["bgcolor"])
        GL.glClear(GL.GL_DEPTH_BUFFER_BIT | GL.GL_COLOR_BUFFER_BIT)
        if self.default_vao.isCreated():
            self.default_vao.bind()
        self.surface_item.paint()
        self.wall_item.paint()
        if self._adaptive and self._mesh_stride == 1 and self._mesh is not None:
            GL.glFinish()  # a software renderer does its work here
            self._judge_render_time(time.perf_counter() - start)  # the mesh's render alone
        self._depth = self._read_depth(size)
        self._backdrop = self._framebuffer.toImage()
        self._backdrop.setDevicePixelRatio(ratio)
        self._framebuffer.release()
        self._backdrop_key = key
        return True

    @staticmethod
    def _read_depth(size: QSize) -> np.ndarray:
        """The bound framebuffer's depth buffer (window depths in [0, 1]), rows from the top."""
        depth = np.empty((size.height(), size.width()), dtype=np.float32)
        GL.glPixelStorei(GL.GL_PACK_ALIGNMENT, 4)
        GL.glReadPixels(0, 0, size.width(), size.height(), GL.GL_DEPTH_COMPONENT, GL.GL_FLOAT, depth)
        return depth[::-1]

    def _judge_render_time(self, seconds: float) -> None:
        """After the first three renders of the full mesh, decide once whether it is too slow."""
        self._frame_seconds.append(seconds)
        if len(self._frame_seconds) == self._frame_seconds.maxlen:
            if min(self._frame_seconds) > SLOW_FRAME_SECONDS:
                self._mesh_stride = 2
                QTimer.singleShot(0, self._upload_mesh)  # not while painting
            else:
                self._adaptive = False  # fast enough: keep the full mesh for good

    def _draw_points(self, painter: QPainter, to_pixels, hidden) -> None:
        if len(self._points):
            pixels = to_pixels(self._points)
            faded = hidden(pixels) if hidden is not None else None
            draw_dots(painter, pixels[:, :2], self._point_colors, self._point_size, faded)

    def _draw_axis_names(self, painter: QPainter, to_pixels) -> None:
        painter.setPen(self._text_color)
        painter.setFont(self.font())
        metrics = painter.fontMetrics()
        for (x, y), name in zip(to_pixels(self._axis_name_positions)[:, :2].tolist(), self._axis_names):
            if np.isfinite(x) and np.isfinite(y):  # centred on its point
                painter.drawText(QPointF(x - metrics.horizontalAdvance(name) / 2, y + metrics.capHeight() / 2), name)
