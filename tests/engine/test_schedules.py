"""Learning-rate schedules: values at given epochs, warm-up, registry, rejected values."""
import math

import pytest

from engine.optim.optimizers import SGD
from engine.optim.schedules import (
    SCHEDULES,
    CosineDecay,
    ExponentialDecay,
    InverseTimeDecay,
    StepDecay,
    Warmup,
    get_schedule,
)


def test_inverse_time_decay():
    schedule = InverseTimeDecay(lr0=0.5, decay=0.1)
    assert [schedule(e) for e in (0, 1, 10, 30)] == pytest.approx([0.5, 0.5 / 1.1, 0.25, 0.125], rel=1e-15)


def test_step_decay_has_plateaus():
    schedule = StepDecay(lr0=1.0, step_size=3, gamma=0.5)
    assert [schedule(e) for e in range(8)] == [1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25, 0.25]


def test_exponential_decay():
    schedule = ExponentialDecay(lr0=0.2, gamma=0.9)
    assert [schedule(e) for e in (0, 1, 2, 10)] == pytest.approx([0.2, 0.18, 0.162, 0.2 * 0.9**10], rel=1e-15)


def test_cosine_decay_halfway_and_after_the_end():
    schedule = CosineDecay(lr0=1.0, total_epochs=10, min_lr=0.2)
    assert schedule(0) == 1.0
    assert schedule(5) == pytest.approx(0.6, rel=1e-15)
    assert schedule(10) == pytest.approx(0.2, rel=1e-15)
    assert schedule(25) == pytest.approx(0.2, rel=1e-15)
    assert schedule(2.5) == pytest.approx(0.2 + 0.8 * 0.5 * (1 + math.cos(math.pi / 4)), rel=1e-15)


def test_cosine_decay_stays_positive_through_the_run():
    schedule = CosineDecay(lr0=0.1, total_epochs=20)
    assert all(schedule(e) > 0 for e in range(20))
    assert schedule(20) == 0.0


def test_warmup_rises_linearly_then_follows_the_schedule():
    base = ExponentialDecay(lr0=1.0, gamma=0.5)
    schedule = Warmup(base, warmup_epochs=4)
    assert [schedule(e) for e in range(6)] == pytest.approx(
        [0.25 * 1.0, 0.5 * 0.5, 0.75 * 0.25, 0.125, 0.0625, 0.03125], rel=1e-15
    )


def test_warmup_of_zero_epochs_changes_nothing():
    base = InverseTimeDecay(lr0=0.3, decay=1.0)
    assert [Warmup(base, 0)(e) for e in range(3)] == [base(e) for e in range(3)]


def test_schedules_drive_an_optimizer():
    optimizer = SGD(lr=1.0)
    schedule = get_schedule("step", lr0=0.1, step_size=2, gamma=0.1, warmup_epochs=2)
    rates = []
    for epoch in range(4):
        optimizer.lr = schedule(epoch)
        rates.append(optimizer.lr)
    assert rates == pytest.approx([0.05, 0.1, 0.01, 0.01], rel=1e-15)


def test_registry():
    assert get_schedule("Cosine", lr0=0.1, total_epochs=5) == CosineDecay(0.1, 5)
    wrapped = get_schedule("exponential", lr0=0.1, gamma=0.9, warmup_epochs=3)
    assert wrapped == Warmup(ExponentialDecay(0.1, 0.9), 3)
    assert set(SCHEDULES) == {"inverse_time", "step", "exponential", "cosine"}


def test_registry_rejects_unknown_names_and_parameters():
    with pytest.raises(ValueError, match="unknown schedule 'linear'; choose one of inverse_time, step"):
        get_schedule("linear", lr0=0.1)
    with pytest.raises(ValueError, match="unknown: rate, missing: lr0"):
        get_schedule("exponential", rate=0.1, gamma=0.9)
    with pytest.raises(ValueError, match="unknown: none, missing: total_epochs"):
        get_schedule("cosine", lr0=0.1)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: InverseTimeDecay(0.0, 0.1), "lr0"),
        (lambda: InverseTimeDecay(-0.1, 0.1), "lr0"),
        (lambda: InverseTimeDecay(0.1, -1.0), "decay"),
        (lambda: StepDecay(0.1, 0, 0.5), "step_size must be a whole number"),
        (lambda: StepDecay(0.1, 2.5, 0.5), "step_size"),
        (lambda: StepDecay(0.1, True, 0.5), "step_size"),
        (lambda: StepDecay(0.1, 2, 0.0), r"gamma must be a finite number in \(0, 1\]"),
        (lambda: ExponentialDecay(0.1, 1.5), "gamma"),
        (lambda: ExponentialDecay(float("nan"), 0.5), "lr0"),
        (lambda: CosineDecay(0.1, 0), "total_epochs"),
        (lambda: CosineDecay(0.1, 10, min_lr=0.2), r"min_lr must be a finite number in \[0, 0.1\]"),
        (lambda: CosineDecay(0.1, 10, min_lr=-0.01), "min_lr"),
        (lambda: Warmup(0.1, 3), "Warmup wraps a schedule"),
        (lambda: Warmup(ExponentialDecay(0.1, 0.9), -1), "warmup_epochs"),
        (lambda: get_schedule("cosine", lr0=0.1, total_epochs=5, warmup_epochs=-2), "warmup_epochs"),
        (lambda: ExponentialDecay(0.1, 0.9)(-1), "epoch must be"),
        (lambda: Warmup(ExponentialDecay(0.1, 0.9), 2)(float("nan")), "epoch must be"),
    ],
)
def test_bad_values_are_rejected(make, message):
    with pytest.raises(ValueError, match=message):
        make()
