"""The Functions lab as a whole: the task table, the lab protocol, language switching,
presentation mode and the command-line screenshot."""
import subprocess
import sys
from pathlib import Path

from desktop import i18n
from desktop.labs.functions.task_table_page import TASK_ENGINE_NAMES
from desktop.theme import make_style
from engine.functions_lab import RACE_RUNS
from engine.nn import LOSSES
from functions_fixtures import lab, opened  # noqa: F401 (lab is a fixture)

ROOT = Path(__file__).resolve().parents[2]


def test_task_table_names_real_engine_losses(lab, qtbot):
    table = opened(lab, qtbot, lab.task_table_page).table
    assert table.rowCount() == len(TASK_ENGINE_NAMES)
    for row, (units, losses) in enumerate(TASK_ENGINE_NAMES.values()):
        for loss in losses:
            assert loss in LOSSES
            assert loss in table.item(row, 3).text()
    assert "softmax" in table.item(1, 1).text()


def test_advance_runs_the_race_and_settles(lab, qtbot):
    with qtbot.waitSignal(lab.settled, timeout=10000):
        lab.advance(25)
    assert lab.cross_entropy_page.snapshot.step == 25
    with qtbot.waitSignal(lab.settled, timeout=10000):
        lab.advance(0)


def test_language_switch_changes_visible_text(lab, qtbot, english_afterwards):
    for page in (lab.activations_page, lab.losses_page, lab.cross_entropy_page):
        opened(lab, qtbot, page)  # built before the switch
    assert lab.tabs.tabText(0) == "Activations"
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: lab.tabs.tabText(0) == "激活函数")  # LanguageChange is posted
    assert lab.activations_page.functions_box.title() == "激活函数"
    assert lab.cross_entropy_page.run_button.text() == "运行"
    assert "二元交叉熵" in lab.losses_page.loss_checks["binary_cross_entropy"].text()
    assert "阶跃" == lab.activations_page.picker.item_for("step").text()
    assert "饱和区" in lab.activations_page.formula.text()
    i18n.set_language("en")
    qtbot.waitUntil(lambda: lab.tabs.tabText(0) == "Activations")


def test_presentation_mode_draws_every_curve_thick(lab, qtbot):
    pages = [opened(lab, qtbot, page) for page in
             (lab.depth_page, lab.losses_page, lab.cross_entropy_page, lab.activations_page)]
    curves = [*lab.activations_page.f_curves.values(), *lab.activations_page.df_curves.values(),
              *lab.losses_page.loss_curves.values(), *lab.losses_page.gradient_curves.values(),
              *lab.cross_entropy_page.gradient_curves.values(),
              *(lab.cross_entropy_page.race_plot.curve(run) for run in RACE_RUNS),
              *lab.depth_page.typical_curves.values()]
    for theme in ("light", "dark"):
        style = make_style(theme, presentation=True)
        lab.apply_style(style)
        visible = [curve for curve in curves if curve.isVisible()]
        assert len(visible) >= 12
        for curve in visible:
            assert curve.opts["pen"].widthF() == style.line_width == 2 * make_style().line_width
        background = pages[-1].plot.backgroundBrush().color().name()
        assert background == style.palette.background


def test_screenshot_from_the_command_line(tmp_path):
    image = tmp_path / "functions.png"
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--lab", "functions", "--steps", "20",
         "--screenshot", str(image), "--size", "1280x800", "--seed", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert image.stat().st_size > 10_000
