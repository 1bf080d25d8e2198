"""What the Playground tests share: a lab on screen, and waiting until the worker is idle."""
import pytest

from desktop.labs.playground import PlaygroundLab
from desktop.theme import make_style


@pytest.fixture
def lab(qtbot):
    lab = PlaygroundLab(seed=1)
    qtbot.addWidget(lab)
    lab.apply_style(make_style())
    lab.resize(1500, 950)
    lab.show()
    qtbot.waitUntil(lambda: lab.frame is not None, timeout=10000)
    settle(lab, qtbot)
    yield lab
    lab.shutdown()


def settle(lab, qtbot, timeout=10000):
    """Wait until the worker has run every command sent so far and its frame is drawn
    (commands run in order, and advance(0) reports a frame after the ones before it)."""
    with qtbot.waitSignal(lab.settled, timeout=timeout):
        lab.advance(0)


def session(lab):
    """The engine session, for checking what reached it. Only read it while the worker is
    idle (after settle() with training paused)."""
    return lab._session


def choose(combo, data):
    """Pick the item holding ``data`` as a user would (``activated`` is the user's signal)."""
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not in the menu"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
