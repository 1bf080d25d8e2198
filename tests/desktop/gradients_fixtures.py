"""What the Gradients-lab tests share: a lab on screen with small data, and reading numbers back
from the views."""
import numpy as np
import pytest

import engine.gradient_flow as gradient_flow
from desktop.labs.gradients import GradientsLab
from desktop.theme import make_style


@pytest.fixture
def lab(qtbot, monkeypatch):
    # 300 digits instead of 1200: the same task, built in a fraction of the time.
    monkeypatch.setitem(gradient_flow.TASK_SAMPLES, "digits", 300)
    lab = GradientsLab(seed=7)
    qtbot.addWidget(lab)
    lab.apply_style(make_style())
    lab.resize(1500, 950)
    lab.show()
    flow = lab.flow_page
    qtbot.waitUntil(lambda: flow.views[0].snapshot is not None, timeout=20000)
    yield lab
    lab.shutdown()


def shown_numbers(matrix) -> np.ndarray:
    """The numbers a MatrixView shows, parsed back from its cells."""
    return np.array([[float(text) for text in row] for row in matrix.texts()])


def settle(flow, qtbot):
    """Wait until the views show the networks of the latest settings."""
    qtbot.waitUntil(flow.up_to_date, timeout=20000)
