"""Start Descent Lab: command-line flags, the QApplication, settings, language and theme.

``descent-lab`` (or ``python -m desktop``) opens the window on the last lab used. With
``--screenshot`` it makes a figure instead and exits::

    descent-lab --lab playground --steps 200 --screenshot fig.png --size 1600x1000 \\
                --presentation --lang zh_CN --seed 7

opens the lab, advances it ``--steps`` steps (what a step is depends on the lab: see ``--help``),
waits until the view shows the result, saves an image of the whole window and exits with status
0; a bad flag prints what is wrong and exits with status 2. Command-line runs change none of the
user's remembered settings; flags given without ``--screenshot`` apply to this session only.
"""
from __future__ import annotations

import argparse
import gc
import os
import random
import re
import sys
from pathlib import Path

# How long a lab may take to settle after --steps before the screenshot run gives up.
SETTLE_TIMEOUT_S = 600
# Window size when nothing is remembered and no --size is given.
DEFAULT_SIZE = (1280, 800)
MIN_SIZE, MAX_SIZE = (480, 360), (8192, 8192)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp")

_PROGRAM = "descent-lab"


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size; write WIDTHxHEIGHT, e.g. 1600x1000"
        )
    width, height = int(match[1]), int(match[2])
    if not (MIN_SIZE[0] <= width <= MAX_SIZE[0] and MIN_SIZE[1] <= height <= MAX_SIZE[1]):
        raise argparse.ArgumentTypeError(
            f"{width}x{height} is out of range; width {MIN_SIZE[0]}–{MAX_SIZE[0]}, "
            f"height {MIN_SIZE[1]}–{MAX_SIZE[1]}"
        )
    return width, height


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative; give 0 or more")
    return value


def _seed(text: str) -> int:
    value = _count(text)
    if value >= 2**32:
        raise argparse.ArgumentTypeError(f"{value} is too large; a seed is below 2**32")
    return value


def _image_path(text: str) -> Path:
    path = Path(text).expanduser()
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no image extension; use one of {', '.join(IMAGE_SUFFIXES)}"
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"the folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise argparse.ArgumentTypeError(f"cannot write {text!r}: permission denied")
    return path


def build_parser(lab_help: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROGRAM,
        description="Descent Lab (梯度下降实验室): see how neural networks learn, live.",
        epilog=lab_help,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--lab", metavar="NAME", help="open this lab (see the list below)")
    parser.add_argument("--steps", type=_count, default=0, metavar="N",
                        help="advance the lab N steps after opening it (default 0)")
    parser.add_argument("--screenshot", type=_image_path, metavar="FILE",
                        help="save an image of the window to FILE (.png, .jpg, .bmp) and exit")
    parser.add_argument("--size", type=_size, metavar="WxH",
                        help="window size in pixels, e.g. 1600x1000")
    parser.add_argument("--presentation", action="store_true",
                        help="presentation mode: large fonts, thick lines, high contrast")
    parser.add_argument("--lang", choices=("en", "zh_CN"),
                        help="language (default: the system's, then the last one chosen)")
    parser.add_argument("--theme", choices=("light", "dark"), help="color theme")
    parser.add_argument("--seed", type=_seed, metavar="S",
                        help="random seed for data and weights (default: a new one each run)")
    return parser


def _lab_help(lab_classes) -> str:
    if not lab_classes:
        return "No labs are installed."
    lines = ["labs (NAME: what one of --steps is):"]
    lines += [f"  {lab.lab_id:14s} {lab.advance_unit}" for lab in lab_classes]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the app (or make a screenshot) and return the exit status."""
    from desktop.labs import base

    argv = sys.argv[1:] if argv is None else argv
    epilog = ""
    if any(arg in ("-h", "--help") for arg in argv):  # only the help lists what a step is
        base.discover_labs()
        epilog = _lab_help(base.registered_labs())
    parser = build_parser(epilog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse reports bad flags (and --help) this way
        return int(exit_.code or 0)
    if args.lab is not None and args.lab not in base.lab_names():
        parser.print_usage(sys.stderr)
        print(f"{_PROGRAM}: error: unknown lab {args.lab!r}; available labs: "
              f"{', '.join(base.lab_names())}", file=sys.stderr)
        return 2

    app, window, lab, problems = open_window(args)
    if problems:
        print(f"{_PROGRAM}: warning: some labs failed to load: {'; '.join(problems)}",
              file=sys.stderr)
    if args.lab is not None and lab is None:
        print(f"{_PROGRAM}: error: the lab {args.lab!r} failed to load", file=sys.stderr)
        window.close()
        return 1
    if args.screenshot is not None:
        return _make_figure(app, window, lab, args.steps, args.screenshot)
    if lab is not None and args.steps:
        lab.advance(args.steps)
    return app.exec()


def open_window(args: argparse.Namespace):
    """Create (or reuse) the QApplication, show the main window as the flags and the remembered
    settings say, then load the labs into it and open one. The window is shown before the labs
    are imported, so that it appears at once. Returns (application, window, the lab shown or
    None, the labs that failed to load)."""
    # The widgets are imported only now: a bad flag or --help answers without loading them.
    from PySide6.QtCore import QCoreApplication, QSettings, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import check_language, set_language, system_language
    from desktop.labs.base import discover_labs, registered_labs
    from desktop.main_window import (
        GEOMETRY_KEY, LAB_KEY, LANGUAGE_KEY, PRESENTATION_KEY, THEME_KEY, MainWindow,
    )
    from desktop.theme import THEMES

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough  # crisp on 125 % / 150 % screens
    )
    app = QApplication.instance() or QApplication([sys.argv[0]])
    QCoreApplication.setOrganizationName("DescentLab")
    QCoreApplication.setApplicationName(_PROGRAM)
    app.setStyle("Fusion")  # the same look, and the same themes, on every system
    app.setWindowIcon(app_icon())
    QGuiApplication.setDesktopFileName(_PROGRAM)  # docks match it to packaging/linux/*.desktop

    settings = QSettings()
    figure_run = args.screenshot is not None
    remembered = (lambda key, default: default) if figure_run else settings.value
    language = args.lang or remembered(LANGUAGE_KEY, system_language())
    theme = args.theme or remembered(THEME_KEY, "light")
    presentation = args.presentation or remembered(PRESENTATION_KEY, False) in (True, "true")

    try:
        set_language(check_language(language))
    except ValueError:  # a settings file edited by hand
        set_language(system_language())
    window = MainWindow(
        seed=args.seed if args.seed is not None else random.SystemRandom().randrange(2**32),
        theme=theme if theme in THEMES else "light",
        presentation=presentation,
        remember=not figure_run,
    )
    if args.size is not None:
        window.resize(*args.size)
    elif figure_run or not window.restoreGeometry(settings.value(GEOMETRY_KEY, b"")):
        window.resize(*DEFAULT_SIZE)
    window.show()
    app.processEvents()  # paint the window before the labs are imported

    problems = discover_labs()
    window.add_labs(registered_labs())
    if problems:
        window.show_load_problems(problems)
    lab_ids = window.lab_ids()
    start_lab = args.lab or remembered(LAB_KEY, "")
    if start_lab not in lab_ids:
        start_lab = None if args.lab or not lab_ids else lab_ids[0]
    lab = window.show_lab(start_lab) if start_lab else None
    # The window's objects live as long as the app: keep them out of the garbage collector's
    # full scans, which would otherwise stall every thread for tens of milliseconds mid-training.
    gc.freeze()
    return app, window, lab, problems


def app_icon():
    """The app's icon, from the PNG renders of resources/icons/descent-lab.svg: every size, so
    that the title bar, the task bar and the window switcher each get a sharp one."""
    from PySide6.QtGui import QIcon

    from desktop.resources import resource_path

    icon = QIcon()
    for png in sorted(resource_path("icons").glob("descent-lab-*.png")):
        icon.addFile(str(png))
    return icon


def _make_figure(app, window, lab, steps: int, path: Path) -> int:
    """Advance ``lab``, wait until it settles, save the window to ``path``, close."""
    from PySide6.QtCore import QEventLoop, QTimer

    try:
        if lab is not None:
            settled = []
            loop = QEventLoop()
            lab.settled.connect(lambda: (settled.append(True), loop.quit()))
            QTimer.singleShot(SETTLE_TIMEOUT_S * 1000, loop.quit)
            lab.advance(steps)
            if not settled:
                loop.exec()
            if not settled:
                print(f"{_PROGRAM}: error: the lab did not finish {steps} steps within "
                      f"{SETTLE_TIMEOUT_S} s", file=sys.stderr)
                return 1
        app.processEvents()  # let layouts and repaints catch up with the last report
        window.save_screenshot(path)
    except OSError as error:
        print(f"{_PROGRAM}: error: cannot save {str(path)!r}: {error}", file=sys.stderr)
        return 1
    finally:
        window.close()
    return 0
