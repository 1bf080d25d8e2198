"""What the Functions-lab tests share: a lab on screen, opening a page, reading a curve."""
import numpy as np
import pytest

from desktop.labs.functions import FunctionsLab
from desktop.theme import make_style


@pytest.fixture
def lab(qtbot):
    lab = FunctionsLab(seed=5)
    qtbot.addWidget(lab)
    lab.apply_style(make_style())
    lab.resize(1400, 900)
    lab.show()
    qtbot.waitUntil(lab.calculator.is_idle, timeout=10000)
    yield lab
    lab.shutdown()


def opened(lab, qtbot, page):
    """Show ``page`` (pages are built on first use) once its computed curves are in."""
    lab.show_page(page)
    qtbot.waitUntil(lambda: page.isVisible() and lab.calculator.is_idle(), timeout=10000)
    qtbot.wait(20)  # layouts settle, so that plot coordinates are final
    return page


def curve_data(item):
    """A plot item's (x, y) as arrays."""
    x, y = item.getData()
    return np.asarray(x), np.asarray(y)
