"""The running app shows its own icon (title bar, task bar) in every size that was rendered."""
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from desktop import app
from desktop.labs import base
from desktop.resources import resource_path


def test_the_window_icon_is_the_app_icon_in_every_rendered_size(qapp, monkeypatch):
    monkeypatch.setattr(base, "_registry", {})
    monkeypatch.setattr(base, "discover_labs", lambda: [])
    rendered = {
        int(png.stem.rsplit("-", 1)[1]) for png in resource_path("icons").glob("descent-lab-*.png")
    }
    _, window, _, _ = app.open_window(app.build_parser("").parse_args(["--size", "800x600"]))
    try:
        sizes = window.windowIcon().availableSizes()
        assert rendered and sorted(sizes, key=QSize.width) == [QSize(s, s) for s in sorted(rendered)]
        assert QApplication.desktopFileName() == "descent-lab"
    finally:
        window.close()
