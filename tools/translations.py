"""Update and compile the app's translations: `python tools/translations.py [--check]`.

Each *room* of the app has its own translation file, so that people working on different labs
never edit the same one:

* ``shell``: the window, worker and lab base (``desktop/*.py``, ``desktop/labs/base.py``)
  -> ``resources/translations/shell.zh_CN.ts``
* one room per module or package in ``desktop/labs`` (e.g. ``desktop/labs/playground.py`` or
  ``desktop/labs/playground/``) -> ``resources/translations/playground.zh_CN.ts``
* one room per module in ``desktop/widgets`` (e.g. ``desktop/widgets/live_curve.py``)
  -> ``resources/translations/widget_live_curve.zh_CN.ts``

A room without any translatable text gets no files.

Without options: run ``pyside6-lupdate`` for every room (new strings appear as unfinished, strings
no longer in the code are dropped), then ``pyside6-lrelease`` to compile each ``.ts`` to the
``.qm`` the app loads. Translate the unfinished entries (Qt Linguist: ``pyside6-linguist FILE``,
or any editor) and run it again.

``--check`` changes nothing and exits with status 1, listing the problems, if a room has strings
that are untranslated or missing from its ``.ts`` file, or if a ``.qm`` is not the compiled form
of its ``.ts``. The test suite runs it.

Run it with the project's virtual environment (``.venv/bin/python tools/translations.py``): the
Qt tools (lupdate, lrelease) come with PySide6.
"""
from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DESKTOP = ROOT / "desktop"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def rooms() -> dict[str, list[Path]]:
    """Room name -> the source files whose strings it translates."""
    labs, widgets = DESKTOP / "labs", DESKTOP / "widgets"
    found = {"shell": sorted([*DESKTOP.glob("*.py"), labs / "__init__.py", labs / "base.py"])}
    for module in sorted(widgets.glob("*.py")):
        if module.name != "__init__.py":
            found[f"widget_{module.stem}"] = [module]
    for entry in sorted(labs.iterdir()):
        if entry.name.startswith(("_", ".")) or entry.name == "base.py":
            continue
        if entry.suffix == ".py":
            found[entry.stem] = [entry]
        elif entry.is_dir() and (entry / "__init__.py").exists():
            found[entry.name] = sorted(entry.rglob("*.py"))
    return found


def ts_path(room: str, language: str) -> Path:
    return TRANSLATIONS / f"{room}.{language}.ts"


def _tool(name: str) -> str:
    """The Qt tool ``name`` ("lupdate", "lrelease") that ships inside PySide6 (called directly:
    the ``pyside6-*`` wrappers cost a Python start-up each)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        raise SystemExit("PySide6 not found; run this script with the project's .venv python")
    for candidate in (name, f"{name}.exe"):
        path = Path(spec.origin).parent / candidate
        if path.exists():
            return str(path)
    raise SystemExit(f"{name} is missing from {Path(spec.origin).parent}")


def lupdate(sources: list[Path], ts_file: Path, language: str) -> None:
    """Bring ``ts_file`` up to date with the strings in ``sources`` (no line numbers, so that
    editing code does not rewrite the translation file)."""
    subprocess.run(
        [_tool("lupdate"), *map(str, sources), "-ts", str(ts_file),
         "-target-language", language, "-locations", "none", "-no-obsolete", "-silent"],
        check=True,
    )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(
        [_tool("lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True
    )


def messages(ts_file: Path) -> list[tuple[str, str, bool]]:
    """(context, source text, finished?) for every message in a .ts file."""
    found = []
    for context in ElementTree.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = (
                translation is not None
                and translation.get("type") not in ("unfinished", "vanished", "obsolete")
                and bool("".join(translation.itertext()).strip())
            )
            found.append((name, message.findtext("source", ""), finished))
    return found


def update() -> None:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for room, sources in rooms().items():
        for language in LANGUAGES:
            ts_file = ts_path(room, language)
            lupdate(sources, ts_file, language)
            if not messages(ts_file):  # a room without visible text needs no files
                ts_file.unlink()
                continue
            lrelease(ts_file, ts_file.with_suffix(".qm"))
            unfinished = sum(not finished for *_, finished in messages(ts_file))
            note = f"{unfinished} to translate" if unfinished else "complete"
            print(f"{ts_file.relative_to(ROOT)}: {note}")


def check() -> list[str]:
    """Everything that is not fully translated or not compiled, as readable lines."""
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        for room, sources in rooms().items():
            for language in LANGUAGES:
                ts_file = ts_path(room, language)
                fresh = Path(scratch) / ts_file.name
                if ts_file.exists():
                    shutil.copy(ts_file, fresh)
                lupdate(sources, fresh, language)
                for context, source, finished in messages(fresh):
                    if not finished:
                        problems.append(f"{ts_file.name}: untranslated [{context}] {source!r}")
                if not ts_file.exists():
                    if messages(fresh):
                        problems.append(f"{ts_file.name}: missing (run tools/translations.py)")
                    continue
                qm_file = ts_file.with_suffix(".qm")
                compiled = Path(scratch) / qm_file.name
                lrelease(ts_file, compiled)
                if not qm_file.exists() or qm_file.read_bytes() != compiled.read_bytes():
                    problems.append(f"{qm_file.name}: out of date (run tools/translations.py)")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; fail if anything is untranslated or not compiled")
    if parser.parse_args().check:
        problems = check()
        print("\n".join(problems) or "all translations complete and compiled")
        return 1 if problems else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
