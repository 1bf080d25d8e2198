"""Run the whole test suite: `python3 tools/test.py [--with-torch] [pytest options]`.

Installs the system libraries the GUI tests need (as root), the virtual environment and the
test dependencies, then runs pytest under a virtual X server (pytest-xvfb) so that the OpenGL
views are tested on Mesa, not skipped. With --with-torch it also installs PyTorch (CPU), the
reference that the engine's comparison tests check against; without it those tests skip.
"""
import sys

from bootstrap import ensure_installed, ensure_system_packages, ensure_torch, ensure_venv, run

if __name__ == "__main__":
    args = sys.argv[1:]
    ensure_system_packages(for_tests=True)
    ensure_venv()
    ensure_installed(extras="test,package")
    if "--with-torch" in args:
        args.remove("--with-torch")
        ensure_torch()
    sys.exit(run(["-m", "pytest", *args]))
