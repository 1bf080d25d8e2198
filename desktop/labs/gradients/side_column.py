"""The settings column beside a page's views: it scrolls when the controls do not fit
(presentation mode), and is as wide as a number of characters of the application font, but never
wider than a share of the page, so that the views keep the room."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget


class SideColumn(QScrollArea):
    def __init__(self, content: QWidget, characters: int, max_share: float) -> None:
        super().__init__()
        self.characters, self.max_share = characters, max_share
        self.setWidget(content)
        self.setWidgetResizable(True)
        # Scrolls sideways only if a control cannot get narrower (long names in presentation).
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFrameShape(QScrollArea.Shape.NoFrame)

    def fit(self, page_width: int) -> None:
        """Call when the page is resized or restyled (the window scales the application font
        for presentation mode before it restyles the labs)."""
        wanted = QFontMetricsF(QApplication.font()).averageCharWidth() * self.characters
        self.setFixedWidth(round(min(wanted, self.max_share * max(page_width, 1))))
