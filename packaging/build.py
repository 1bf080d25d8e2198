"""Build the Descent Lab bundle: `python3 packaging/build.py [--dist DIR] [--work DIR]`.

Runs PyInstaller with packaging/descent-lab.spec from the project's virtual environment
(`.venv/`, made and filled with the `package` extra if needed, as tools/start.py does), so the
bundle holds exactly the versions the tests ran against. The app lands in DIST/descent-lab/
(default dist/descent-lab/, start it with dist/descent-lab/descent-lab); PyInstaller's
intermediate files go to WORK (default build/) and make the next build faster.
Prints the bundle's size and how long the build took.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from bootstrap import PYTHON, ensure_installed, ensure_venv, say  # noqa: E402

SPEC = ROOT / "packaging" / "descent-lab.spec"
APP_NAME = "descent-lab"


def folder_size(folder: Path) -> int:
    """Bytes in the files under ``folder`` (symbolic links count as nothing)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file()
               and not path.is_symlink())


def ensure_pyinstaller() -> None:
    ensure_venv()
    if subprocess.run([str(PYTHON), "-c", "import PyInstaller"]).returncode != 0:
        ensure_installed(extras="package")


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller and return the bundle's folder; raises CalledProcessError on failure."""
    subprocess.run(
        [str(PYTHON), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(SPEC)],
        cwd=ROOT, check=True,
    )
    return dist / APP_NAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist",
                        help="where the bundle goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build",
                        help="PyInstaller's working folder (default: build/)")
    args = parser.parse_args(argv)

    ensure_pyinstaller()
    started = time.perf_counter()
    try:
        bundle = build(args.dist.resolve(), args.work.resolve())
    except subprocess.CalledProcessError as error:
        say(f"PyInstaller failed (exit status {error.returncode}); see its messages above")
        return 1
    seconds = time.perf_counter() - started
    say(f"built {bundle} in {seconds:.0f} s: {folder_size(bundle) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
