"""Render the app icon, resources/icons/descent-lab.svg, into the files each system wants:
PNGs at the sizes desktops ask for (descent-lab-<size>.png), a Windows .ico and a macOS .icns.

Run it after changing the SVG: `.venv/bin/python packaging/render_icons.py`. It needs only
PySide6 (QSvgRenderer draws the SVG); the .ico and .icns containers are written here by hand,
both holding PNG images, which Windows (Vista and later) and macOS (10.7 and later) read.
"""
from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "descent-lab.svg"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 32, 48, 64, 128, 256)  # 256 is the largest an .ico holds
# .icns image types that hold a PNG, and the size of that PNG (the @2x types are Retina ones).
ICNS_TYPES = {
    b"icp4": 16, b"icp5": 32, b"ic11": 32, b"ic12": 64, b"ic07": 128,
    b"ic13": 256, b"ic08": 256, b"ic14": 512, b"ic09": 512,
}


def png_path(size: int) -> Path:
    return ICONS / f"descent-lab-{size}.png"


def render_pngs() -> dict[int, bytes]:
    """Draw the SVG at every size, save the PNGs and return their bytes by size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window is ever shown
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter needs one)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    rendered = {}
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        if not image.save(str(png_path(size))):
            raise SystemExit(f"cannot write {png_path(size)}")
        rendered[size] = png_path(size).read_bytes()
    return rendered


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon file: a directory of images, each stored as a PNG."""
    header = struct.pack("<HHH", 0, 1, len(ICO_SIZES))
    offset = len(header) + 16 * len(ICO_SIZES)
    entries, images = b"", b""
    for size in ICO_SIZES:
        data = pngs[size]
        side = size % 256  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS icon file: typed, length-prefixed chunks (big-endian), each a PNG."""
    chunks = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for kind, size in ICNS_TYPES.items()
    )
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def main() -> int:
    pngs = render_pngs()
    (ICONS / "descent-lab.ico").write_bytes(ico_bytes(pngs))
    (ICONS / "descent-lab.icns").write_bytes(icns_bytes(pngs))
    print(f"wrote {len(pngs)} PNGs, descent-lab.ico and descent-lab.icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
