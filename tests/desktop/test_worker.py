"""The generic worker: drives a generator on its own thread, throttles reports, obeys commands."""
import threading
import time

import pytest
from PySide6.QtCore import QThread

from desktop.worker import Worker, live_workers


@pytest.fixture
def worker(qtbot):
    worker = Worker()
    yield worker
    assert worker.shutdown()


def counting(limit=None, pause_s=0.0):
    """Yields 0, 1, 2, ... (forever, or up to ``limit``), sleeping ``pause_s`` between items."""
    n = 0
    while limit is None or n < limit:
        if pause_s:
            time.sleep(pause_s)
        yield n
        n += 1


def collect(worker):
    items = []
    worker.report.connect(items.append)
    return items


def test_items_arrive_on_the_gui_thread(qtbot, worker):
    threads = []
    worker.report.connect(lambda _item: threads.append(QThread.currentThread()))
    with qtbot.waitSignal(worker.report, timeout=2000):
        worker.start(counting(pause_s=0.001))
    assert threads[0] is QThread.currentThread()
    worker.stop()


def test_pause_stops_reports_and_resume_restarts_them(qtbot, worker):
    items = collect(worker)
    with qtbot.waitSignal(worker.report, timeout=2000):
        worker.start(counting(pause_s=0.001))
    with qtbot.waitSignal(worker.running_changed, timeout=2000) as paused:
        worker.pause()
    assert paused.args == [False]
    qtbot.wait(50)  # anything already queued is delivered now
    count_when_paused = len(items)
    qtbot.wait(200)
    assert len(items) == count_when_paused
    with qtbot.waitSignal(worker.report, timeout=2000):
        worker.resume()
    assert items[-1] > items[count_when_paused - 1]  # the same generator continues
    worker.stop()


def test_call_runs_on_the_worker_thread_and_reports_its_result(qtbot, worker):
    ran_on = []

    def probe():
        ran_on.append(threading.get_ident())
        return "done"

    with qtbot.waitSignal(worker.report, timeout=2000) as reported:
        worker.call(probe)
    assert reported.args == ["done"]
    assert ran_on[0] != threading.get_ident()


def test_a_call_returning_none_reports_nothing(qtbot, worker):
    items = collect(worker)
    worker.call(lambda: None)
    with qtbot.waitSignal(worker.report, timeout=2000):
        worker.call(lambda: "marker")
    assert items == ["marker"]


def test_an_exception_is_reported_and_the_worker_survives(qtbot, worker):
    def broken():
        yield 1
        raise ArithmeticError("the loss exploded")

    with qtbot.waitSignal(worker.failed, timeout=2000) as failed:
        worker.start(broken())
    assert "ArithmeticError" in failed.args[0] and "the loss exploded" in failed.args[0]
    with qtbot.waitSignal(worker.failed, timeout=2000) as failed:
        worker.call(lambda: 1 / 0)
    assert "ZeroDivisionError" in failed.args[0]
    with qtbot.waitSignal(worker.finished, timeout=2000):
        worker.start(counting(limit=3))


def test_reports_are_throttled_to_about_30_per_second(qtbot, worker):
    items = collect(worker)
    started = time.perf_counter()
    worker.start(counting())  # as fast as the CPU goes
    qtbot.wait(500)  # on a loaded machine this can last much longer: measure it
    worker.stop()
    elapsed = time.perf_counter() - started
    assert items[-1] > 1000  # the generator really did run fast...
    assert 5 <= len(items) <= 30 * elapsed + 3  # ...but the GUI saw at most ~30 per second


def test_the_last_item_is_never_dropped(qtbot, worker):
    items = collect(worker)
    with qtbot.waitSignal(worker.finished, timeout=2000):
        worker.start(counting(limit=50_000))
    assert items[-1] == 49_999
    assert len(items) < 100


def test_the_latest_item_is_delivered_when_paused(qtbot, worker):
    items = collect(worker)
    reached = []

    def generator():
        yield from range(1000)  # all within one report interval: only the first is sent at once
        reached.append(True)
        while True:
            yield None

    worker.start(generator())
    qtbot.waitUntil(lambda: bool(reached), timeout=2000)
    with qtbot.waitSignal(worker.running_changed, timeout=2000):
        worker.pause()
    qtbot.waitUntil(lambda: bool(items) and items[-1] == 999, timeout=2000)


def test_a_slow_generator_reports_every_item(qtbot, worker):
    items = collect(worker)
    with qtbot.waitSignal(worker.finished, timeout=3000):
        worker.start(counting(limit=5, pause_s=0.05))  # 20 items per second: under the limit
    assert items == [0, 1, 2, 3, 4]


def test_nothing_from_a_replaced_generator_arrives_after_start(qtbot, worker):
    items = collect(worker)
    worker.start(counting())
    qtbot.wait(100)
    worker.start(iter(["new run"]))
    with qtbot.waitSignal(worker.finished, timeout=2000):
        pass
    assert items[-1] == "new run"
    assert all(isinstance(item, int) for item in items[:-1])


def test_replacing_a_generator_closes_it(qtbot, worker):
    closed = []

    def generator():
        try:
            yield from counting()
        finally:
            closed.append(True)

    worker.start(generator())
    qtbot.wait(50)
    worker.stop()
    qtbot.waitUntil(lambda: bool(closed), timeout=2000)


def test_shutdown_during_training_ends_the_thread_within_a_second(qtbot):
    worker = Worker()
    worker.start(counting())
    qtbot.wait(100)
    started = time.perf_counter()
    assert worker.shutdown(timeout_ms=1000)
    assert time.perf_counter() - started < 1.0
    assert not worker.thread_running()
    assert worker not in live_workers()


def test_bad_settings_are_refused_with_a_message(qtbot):
    with pytest.raises(ValueError, match="slice_ms must be positive"):
        Worker(slice_ms=0)
    with pytest.raises(ValueError, match="max_reports_per_second"):
        Worker(max_reports_per_second=-1)


def test_live_workers_lists_a_worker_until_it_is_shut_down(qtbot):
    worker = Worker()
    assert worker in live_workers()
    worker.shutdown()
    assert worker not in live_workers()
    assert worker.shutdown()  # a second shutdown is harmless
