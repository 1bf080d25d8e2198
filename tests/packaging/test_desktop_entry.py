"""The Linux desktop entry follows the Desktop Entry Specification, and the icons it names exist
in every size, in the formats each system needs."""
import re
import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTRY = ROOT / "packaging" / "linux" / "descent-lab.desktop"
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
# Key, or Key[locale]: ASCII letters, digits and dashes (spec, "Basic format of the file").
ENTRY_LINE = re.compile(r"(?P<key>[A-Za-z0-9-]+)(?:\[(?P<locale>[A-Za-z_@.]+)\])?\s*=\s*(?P<value>.*)")


def read_groups(path: Path) -> dict[str, dict[str, str]]:
    """The file's groups as {group: {"Key" or "Key[locale]": value}}; fails on bad syntax."""
    groups: dict[str, dict[str, str]] = {}
    current = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            assert current not in groups, f"line {number}: group [{current}] appears twice"
            groups[current] = {}
            continue
        assert current is not None, f"line {number}: an entry before the first group"
        match = ENTRY_LINE.fullmatch(line)
        assert match, f"line {number} is neither a group, a comment nor Key=value: {line!r}"
        key = match["key"] + (f"[{match['locale']}]" if match["locale"] else "")
        assert key not in groups[current], f"line {number}: {key} appears twice in [{current}]"
        groups[current][key] = match["value"]
    return groups


@pytest.fixture(scope="module")
def entry() -> dict[str, str]:
    groups = read_groups(ENTRY)
    assert next(iter(groups)) == "Desktop Entry", "the first group must be [Desktop Entry]"
    return groups["Desktop Entry"]


def test_the_entry_has_the_keys_an_application_requires(entry):
    assert entry["Type"] == "Application"
    for key in ("Name", "Exec"):
        assert entry.get(key, "").strip(), f"{key} is required and must not be empty"
    assert entry["Terminal"] in ("true", "false")


def test_name_and_comment_are_in_english_and_simplified_chinese(entry):
    for key in ("Name", "Comment", "GenericName"):
        assert entry[key].isascii() and entry[key].strip()
        assert re.search(r"[\u4e00-\u9fff]", entry[f"{key}[zh_CN]"]), f"{key}[zh_CN] is not Chinese"
    assert entry["Name[zh_CN]"] == "梯度下降实验室"


def test_lists_end_with_a_semicolon_and_the_categories_are_education_and_science(entry):
    for key in ("Categories", "Keywords", "Keywords[zh_CN]"):
        assert entry[key].endswith(";"), f"{key} is a list and must end with ';'"
    assert {"Education", "Science"} <= set(entry["Categories"].split(";"))


def test_exec_runs_the_installed_command_and_the_window_class_matches(entry):
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    command = entry["Exec"].split()[0]
    assert command in project["gui-scripts"]
    assert entry["TryExec"] == command
    assert entry["StartupWMClass"] == command  # Qt's window class is the application name


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path.name} is no PNG"
    return struct.unpack(">II", data[16:24])


def test_the_icon_exists_as_svg_and_as_png_in_every_size(entry):
    name = entry["Icon"]
    assert "/" not in name and not name.endswith((".png", ".svg")), "a themed icon name"
    assert (ICONS / f"{name}.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for size in PNG_SIZES:
        assert png_size(ICONS / f"{name}-{size}.png") == (size, size)


def test_the_windows_and_macos_icon_files_hold_every_size():
    ico = (ICONS / "descent-lab.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)
    ico_sides = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert ico_sides == {16, 32, 48, 64, 128, 256}

    icns = (ICONS / "descent-lab.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    offset, sides = 8, set()
    while offset < len(icns):
        length = struct.unpack(">I", icns[offset + 4:offset + 8])[0]
        image = icns[offset + 8:offset + length]
        assert image[:8] == b"\x89PNG\r\n\x1a\n"
        sides.add(struct.unpack(">I", image[16:20])[0])
        offset += length
    assert offset == len(icns) and sides == {16, 32, 64, 128, 256, 512}
