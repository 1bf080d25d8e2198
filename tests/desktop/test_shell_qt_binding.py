"""The installed Qt binding must not corrupt Python's reference counts.

PySide6 6.12.0 drops a reference to True on every ``SignalInstance.emit`` and to None on every
``QTimer.singleShot(0, callable)``; on CPython < 3.12 the interpreter aborts after a few hundred
signals ("Fatal Python error: bool_dealloc"). pyproject.toml excludes it; this test catches a
binding with the same defect before the app does.
"""
import sys

from PySide6.QtCore import QObject, QTimer, Signal

REPEATS = 50


class _Emitter(QObject):
    happened = Signal(object)


def test_emitting_a_signal_keeps_reference_counts(qapp):
    emitter, received = _Emitter(), []
    emitter.happened.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    for n in range(REPEATS):
        emitter.happened.emit(n)
    after = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    assert received == list(range(REPEATS))
    assert [a - b for a, b in zip(after, before)] == [0, 0, 0]


def test_single_shot_callbacks_keep_reference_counts(qapp):
    calls = []
    before = sys.getrefcount(None)
    for _ in range(REPEATS):
        QTimer.singleShot(0, lambda: calls.append(1))
        qapp.processEvents()
    assert len(calls) == REPEATS
    # Some unrelated churn is normal; losing one or two references per call is the defect.
    assert abs(sys.getrefcount(None) - before) < REPEATS // 5
