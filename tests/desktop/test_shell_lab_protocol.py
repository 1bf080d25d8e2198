"""The lab protocol (base class and registry) and the styles labs receive."""
import pytest

from desktop.labs import base
from desktop.labs.base import Lab, lab_class, register, registered_labs
from desktop.theme import PRESENTATION_FONT_SCALE, THEMES, make_style
from desktop.worker import live_workers

from lab_for_tests import CounterLab


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(base, "_registry", {})


def test_a_lab_missing_hooks_cannot_be_created(qtbot):
    class Incomplete(Lab):
        lab_id = "incomplete"

    with pytest.raises(TypeError, match="must implement: .*advance.*title"):
        Incomplete(seed=0)


def test_registry_lists_labs_in_order_and_names_the_known_ones(clean_registry):
    register(CounterLab)

    @register
    class Second(CounterLab):
        lab_id = "second"
        order = 50

    assert registered_labs() == [CounterLab, Second]
    assert lab_class("second") is Second
    known = "available labs: test-counter, second$"
    with pytest.raises(ValueError, match=f"unknown lab 'nope'; {known}"):
        lab_class("nope")


@pytest.mark.parametrize("bad_id", ["", "Has Capitals", "under_score"])
def test_register_refuses_bad_ids(clean_registry, bad_id):
    class Bad(CounterLab):
        lab_id = bad_id

    with pytest.raises(ValueError, match="lowercase letters, digits and dashes"):
        register(Bad)


def test_register_refuses_a_taken_id(clean_registry):
    register(CounterLab)

    class Impostor(CounterLab):
        pass

    with pytest.raises(ValueError, match="used by both CounterLab and Impostor"):
        register(Impostor)


def test_shutdown_stops_the_labs_workers(qtbot):
    lab = CounterLab(seed=0)
    qtbot.addWidget(lab)
    with qtbot.waitSignal(lab.running_changed, timeout=2000):
        lab.run()
    assert lab.is_running()
    lab.shutdown()
    assert lab.worker not in live_workers()


def test_toggle_run_runs_then_pauses(qtbot):
    lab = CounterLab(seed=0)
    qtbot.addWidget(lab)
    with qtbot.waitSignal(lab.running_changed, timeout=2000):
        lab.toggle_run()
    with qtbot.waitSignal(lab.running_changed, timeout=2000):
        lab.toggle_run()
    assert lab.calls[-2:] == ["run", "pause"]
    lab.shutdown()


def test_presentation_style_is_larger_and_thicker():
    for theme in THEMES:
        normal, big = make_style(theme, False), make_style(theme, True)
        assert big.font_scale == PRESENTATION_FONT_SCALE >= 1.6
        assert big.line_width >= 1.5 * normal.line_width
        assert big.axis_width >= 1.5 * normal.axis_width
    assert make_style("dark").dark and not make_style("light").dark
    with pytest.raises(ValueError, match="unknown theme 'sepia'; choose one of light, dark"):
        make_style("sepia")


def test_register_refuses_an_incomplete_lab(clean_registry):
    class Incomplete(Lab):
        lab_id = "incomplete"

        def run(self):
            pass

    expected = "advance, apply_style, is_running, pause, reset, retranslate, step, title"
    with pytest.raises(TypeError, match=f"Incomplete must implement: {expected}$"):
        register(Incomplete)


def test_a_lab_id_is_the_name_of_its_module(clean_registry):
    class Misnamed(CounterLab):
        lab_id = "something-else"

    Misnamed.__module__ = "desktop.labs.gradient_flow.lab"
    with pytest.raises(ValueError, match="must be 'gradient-flow', the name of its module"):
        register(Misnamed)


def test_lab_names_are_known_before_the_labs_are_imported(clean_registry, monkeypatch):
    monkeypatch.setattr(base, "_lab_modules", lambda: ["gradient_flow", "playground"])
    register(CounterLab)
    assert base.lab_names() == ["gradient-flow", "playground", "test-counter"]
