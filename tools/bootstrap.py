"""Set-up shared by tools/start.py and tools/test.py: a virtual environment in the checkout.

Runs with nothing but the system's python3, so it uses only the standard library. It creates
`.venv/` next to pyproject.toml, installs the project (editable) and reinstalls only when
pyproject.toml changed. System packages are installed with apt when we are root, otherwise the
exact command to run is printed.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")

# Debian/Ubuntu packages that Qt's xcb platform, OpenGL under Xvfb and Chinese text need.
GUI_PACKAGES = {
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
}
TEST_ONLY_PACKAGES = {"Xvfb": "xvfb", "mesa-dri": "libgl1-mesa-dri"}
CJK_FONT_PACKAGE = "fonts-noto-cjk"


def say(message: str) -> None:
    print(f"[descent-lab] {message}", flush=True)


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(packages: list[str], why: str) -> None:
    """Install Debian packages as root, or stop with the exact command a user should run."""
    if not packages:
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    if is_root() and shutil.which("apt-get"):
        say(f"installing {why}: {' '.join(packages)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        if subprocess.run(command, env=env).returncode != 0:
            subprocess.run(["apt-get", "update"], env=env, check=True)
            subprocess.run(command, env=env, check=True)
        return
    say(f"missing {why}. Please run:\n    sudo {' '.join(command)}\nthen run this command again.")
    sys.exit(1)


def _have_library(soname: str) -> bool:
    try:
        listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    except OSError:
        return True  # not a glibc system we can inspect; let Qt report what is missing
    return soname in listing


def _have_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    return bool(fonts.strip())


def ensure_system_packages(for_tests: bool) -> None:
    """Linux only: the libraries Qt needs, plus Xvfb/Mesa/CJK fonts for the test suite."""
    if not sys.platform.startswith("linux"):
        return
    missing = [pkg for soname, pkg in GUI_PACKAGES.items() if not _have_library(soname)]
    if for_tests:
        if not shutil.which("Xvfb"):
            missing.append(TEST_ONLY_PACKAGES["Xvfb"])
        if not list(Path("/usr/lib").glob("*/dri/swrast_dri.so")) and not list(
            Path("/usr/lib").glob("*/dri/llvmpipe_dri.so")
        ):
            missing.append(TEST_ONLY_PACKAGES["mesa-dri"])
    if not _have_cjk_font():
        missing.append(CJK_FONT_PACKAGE)
    if missing:
        if not for_tests and not is_root():
            say("note: these system packages are missing and the window may not open or show "
                f"Chinese text: sudo apt-get install {' '.join(missing)}")
            return
        apt_install(missing, "system libraries for the Qt GUI")


def ensure_venv() -> None:
    if PYTHON.exists():
        return
    say(f"creating a virtual environment in {VENV}")
    result = subprocess.run([sys.executable, "-m", "venv", str(VENV)])
    if result.returncode != 0:
        shutil.rmtree(VENV, ignore_errors=True)
        version = f"python{sys.version_info.major}.{sys.version_info.minor}"
        apt_install([f"{version}-venv"], "Python's venv module")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)


def ensure_installed(extras: str) -> None:
    """pip install -e .[extras], skipped when pyproject.toml has not changed since last time."""
    pyproject = (ROOT / "pyproject.toml").read_bytes()
    stamp = VENV / f".installed-{extras or 'app'}"
    digest = hashlib.sha256(pyproject).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f".[{extras}]" if extras else "."
    say(f"installing Descent Lab and its dependencies ({target}) into {VENV}")
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], cwd=ROOT, check=True)
    subprocess.run([*pip, "-e", target], cwd=ROOT, check=True)
    stamp.write_text(digest)


# The reference the engine's tests and benchmarks compare against; never a runtime dependency.
TORCH_REFERENCE = "torch==2.13.0"


def ensure_torch() -> None:
    """Install PyTorch (CPU) into the environment as a test reference, once."""
    if subprocess.run([str(PYTHON), "-c", "import torch"], capture_output=True).returncode == 0:
        return
    say(f"installing {TORCH_REFERENCE} as a reference for the engine's comparison tests")
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                    TORCH_REFERENCE], cwd=ROOT, check=True)


def run(args: list[str]) -> int:
    """Run a command with the environment's python, returning its exit status."""
    return subprocess.run([str(PYTHON), *args], cwd=ROOT).returncode
