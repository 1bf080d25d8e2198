"""A background worker's thread yields the CPU to the GUI thread (checked where the operating
system says so per thread: Linux nice values)."""
import os
import sys
import threading

import pytest

from desktop.worker import BACKGROUND_NICENESS, Worker

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice values are Linux's")


def worker_thread_niceness(qtbot, worker: Worker) -> int:
    with qtbot.waitSignal(worker.report, timeout=2000) as reported:
        worker.call(lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
    return reported.args[0]


@pytest.mark.parametrize("background", [False, True])
def test_only_a_background_worker_runs_nicer_than_the_gui_thread(qtbot, background):
    worker = Worker(background=background)
    try:
        gui = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        expected = min(gui + BACKGROUND_NICENESS, 19) if background else gui
        assert worker_thread_niceness(qtbot, worker) == expected
    finally:
        assert worker.shutdown()
