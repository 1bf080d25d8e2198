"""Show a widget scaled down to fit the space it is given, instead of scrolling it.

A diagram made of ordinary widgets (cards, editable cells) has a natural size that grows with the
font; in presentation mode it may no longer fit the window. :class:`FittedView` puts the widget in
a graphics scene and draws it at its natural size, or smaller, uniformly scaled, when the view is
too small for it. It is never enlarged. The widget stays fully interactive (typing, clicking).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QSizePolicy, QWidget


class FittedView(QGraphicsView):
    def __init__(self, widget: QWidget, parent=None) -> None:
        super().__init__(parent)
        self.widget = widget
        self._scene = QGraphicsScene(self)
        self.proxy = self._scene.addWidget(widget)
        self.setScene(self._scene)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The view's size comes from the layout it is in, never from the widget it shows.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        widget.installEventFilter(self)

    def scale_factor(self) -> float:
        """How much the widget is shrunk (1 = natural size)."""
        return self.transform().m11()

    def fit(self) -> None:
        """Give the widget its natural size and scale it to the view (never above 1)."""
        hint = self.widget.sizeHint().expandedTo(self.widget.minimumSizeHint())
        self.proxy.resize(hint.width(), hint.height())
        rect = self.proxy.boundingRect()
        self._scene.setSceneRect(rect)
        viewport = self.viewport().size()
        scale = min(1.0, viewport.width() / max(rect.width(), 1.0),
                    viewport.height() / max(rect.height(), 1.0))
        self.resetTransform()
        self.scale(scale, scale)
        self.centerOn(rect.center())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Refit when the widget's layout changes (content grew, font changed)."""
        if watched is self.widget and event.type() in (QEvent.Type.LayoutRequest,
                                                       QEvent.Type.FontChange):
            self.fit()
        return False
