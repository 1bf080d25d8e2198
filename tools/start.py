"""Start Descent Lab: `python3 tools/start.py [app options]` (see `--help`)."""
import sys

from bootstrap import ensure_installed, ensure_system_packages, ensure_venv, run

if __name__ == "__main__":
    ensure_system_packages(for_tests=False)
    ensure_venv()
    ensure_installed(extras="")
    sys.exit(run(["-m", "desktop", *sys.argv[1:]]))
