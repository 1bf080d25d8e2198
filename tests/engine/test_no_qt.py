"""The engine stays pure NumPy: no Qt, no pyqtgraph, and no torch (a test-only reference)."""
import ast
import subprocess
import sys
from pathlib import Path

import engine

FORBIDDEN = {"PySide6", "pyqtgraph", "shiboken6", "PyQt5", "PyQt6", "torch"}
ENGINE_DIR = Path(engine.__file__).resolve().parent


def imported_top_level_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_engine_source_file_imports_qt_or_torch():
    sources = sorted(ENGINE_DIR.rglob("*.py"))
    assert len(sources) > 5
    offenders = {str(path.relative_to(ENGINE_DIR)): sorted(imported_top_level_names(path) & FORBIDDEN)
                 for path in sources}
    assert not {path: names for path, names in offenders.items() if names}


def test_importing_every_engine_module_loads_no_qt_or_torch():
    script = (
        "import importlib, pkgutil, sys, engine\n"
        "for module in pkgutil.walk_packages(engine.__path__, 'engine.'):\n"
        "    importlib.import_module(module.name)\n"
        f"print(sorted(set({sorted(FORBIDDEN)!r}) & {{m.split('.')[0] for m in sys.modules}}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ENGINE_DIR.parent, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
