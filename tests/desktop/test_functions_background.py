"""The Functions lab's background helpers: the calculator (newest request wins, failures are
reported) and the pacer that lets the race run at a watchable speed."""
import time

import pytest

from desktop.labs.functions.calculator import Calculator
from desktop.labs.functions.pacing import Pacer
from desktop.worker import Worker


@pytest.fixture
def calculator(qtbot):
    worker = Worker()
    yield Calculator(worker)
    worker.shutdown()


def test_a_newer_request_replaces_the_one_waiting(calculator, qtbot):
    started, delivered = [], []

    def slow(value):
        def compute():
            started.append(value)
            time.sleep(0.05)
            return value
        return compute

    with qtbot.waitSignal(calculator.idle, timeout=5000):
        for value in (1, 2, 3):
            calculator.request("topic", slow(value), delivered.append)
        assert not calculator.is_idle()
    assert started == [1, 3]  # 2 was replaced while 1 ran
    assert delivered == [1, 3]
    assert calculator.is_idle()


def test_topics_do_not_replace_each_other(calculator, qtbot):
    delivered = []
    with qtbot.waitSignal(calculator.idle, timeout=5000):
        calculator.request("a", lambda: "a", delivered.append)
        calculator.request("b", lambda: "b", delivered.append)
    assert sorted(delivered) == ["a", "b"]


def test_a_failing_computation_is_reported(calculator, qtbot):
    def broken():
        raise ValueError("spread must be > 0")

    with qtbot.waitSignal(calculator.failed, timeout=5000) as failure:
        calculator.request("topic", broken, lambda _: pytest.fail("nothing to deliver"))
    assert "spread must be > 0" in failure.args[0]
    assert calculator.is_idle()


def test_the_pacer_releases_items_at_the_chosen_rate():
    pacer = Pacer(range(6), per_second=100)
    start = time.perf_counter()
    released = [item for item in pacer if item is not None]
    elapsed = time.perf_counter() - start
    assert released == list(range(6))
    assert elapsed >= 5 / 100  # the first at once, then one every 1/100 s
    with pytest.raises(ValueError, match="per_second"):
        pacer.per_second = 0


def test_the_pacer_yields_control_while_it_waits():
    items = iter(Pacer("ab", per_second=20))
    assert next(items) == "a"
    assert next(items) is None  # waiting for "b": the worker may run commands meanwhile
