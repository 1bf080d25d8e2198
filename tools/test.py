"""Run the whole test suite: `python3 tools/test.py [pytest options]`.

Installs the system libraries the GUI tests need (as root), the virtual environment and the
test dependencies, then runs pytest under a virtual X server (pytest-xvfb) so that the OpenGL
views are tested on Mesa, not skipped.
"""
import sys

from bootstrap import ensure_installed, ensure_system_packages, ensure_venv, run

if __name__ == "__main__":
    ensure_system_packages(for_tests=True)
    ensure_venv()
    ensure_installed(extras="test,package")
    sys.exit(run(["-m", "pytest", *sys.argv[1:]]))
