"""Training-loop fixes found while building the Playground: snapshots of a diverging run, and
update ratios measured only on the step that is reported."""
import numpy as np

from engine.metrics import sign_accuracy
from engine.nn.builders import mlp
from engine.nn.losses import get_loss
from engine.optim import SGD
from engine.train import Trainer, TrainConfig, TrainingData, _histogram


def test_histogram_of_huge_or_single_values():
    for values in ([-1e308, 1e308], [1.7e308, 1.7e308], [2.0, 2.0], [0.0, 1.0, 2.0]):
        counts, edges = _histogram(np.array(values))
        assert counts.sum() == len(values)
        assert np.all(np.isfinite(edges)) and np.all(np.diff(edges) > 0)


def make_trainer(batch_size=10, **options):
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (100, 2))
    y = np.where(x[:, :1] > 0, 1.0, -1.0)
    model = mlp([2, 4, 1], activation="tanh", output_activation="tanh", rng=rng)
    return Trainer(model, get_loss("mse"), SGD(0.1), TrainingData(x, y), TrainConfig(batch_size),
                   rng=rng, metric=sign_accuracy, **options)


def test_update_ratio_is_tracked_on_the_last_step_of_a_reported_epoch(monkeypatch):
    trainer = make_trainer()
    tracked_steps = []
    original = trainer._step_with_update_ratios
    monkeypatch.setattr(trainer, "_step_with_update_ratios",
                        lambda *args: (tracked_steps.append(trainer.step), original(*args)))
    run = trainer.run(report_interval=0.0, unit="epoch")
    snapshots = [next(run) for _ in range(3)]
    assert all(s is not None for s in snapshots)
    assert tracked_steps == [9, 19, 29]  # the 10th step of each 10-step epoch (0-based count)
    assert all(np.isfinite(layer.update_ratio) for layer in snapshots[-1].layers if layer.kind == "Dense")


def test_update_ratio_is_tracked_on_every_reported_step():
    trainer = make_trainer()
    run = trainer.run(report_interval=0.0, unit="step")
    snapshot = next(run)
    assert snapshot.step == 1
    assert all(np.isfinite(layer.update_ratio) for layer in snapshot.layers if layer.kind == "Dense")


def test_reported_history_rows_are_not_kept():
    """A long run must not grow a list of Python objects for the garbage collector to scan."""
    trainer = make_trainer()
    for _ in range(5):
        trainer.train_epoch()
    assert len(trainer.snapshot().new_history.epoch) == 5
    assert trainer._rows == []
    trainer.train_epoch()
    assert trainer.snapshot().new_history.epoch.tolist() == [6.0]


def test_layer_statistics_can_be_left_out():
    trainer = make_trainer(layer_stats=False)
    trainer.train_epoch()
    snapshot = trainer.snapshot()
    assert snapshot.layers == () and snapshot.epoch == 1
    assert [layer.kind for layer in make_trainer().snapshot().layers] == ["Dense", "Activation"] * 2
