"""Where the app's data files are (icons, themes, translations, presets).

Found next to the ``desktop`` package, which also holds inside a PyInstaller bundle as long as
the bundle keeps ``resources/`` beside it.
"""
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/``, e.g. ``resource_path("themes", "shell.qss")``."""
    return RESOURCES.joinpath(*parts)
