"""The training loop: epochs, snapshots, early stopping, divergence, reporting rate."""
import numpy as np
import pytest

from engine.metrics import argmax_accuracy, sign_accuracy
from engine.nn.builders import mlp
from engine.nn.losses import get_loss
from engine.nn.regularizers import L2
from engine.optim import SGD
from engine.train import GRADIENT_LOG10_EDGES, Trainer, TrainConfig, TrainingData


def circle_data(rng, n=200):
    x = rng.uniform(-1, 1, size=(n, 2))
    y = np.where(np.hypot(x[:, 0], x[:, 1]) < 0.6, 1.0, -1.0)[:, None]
    return TrainingData(x[: n // 2], y[: n // 2], x[n // 2 :], y[n // 2 :])


def make_trainer(lr=0.1, config=TrainConfig(batch_size=10), seed=0, activation="tanh", **kwargs):
    rng = np.random.default_rng(seed)
    model = mlp([2, 8, 8, 1], activation=activation, output_activation=activation, rng=rng)
    return Trainer(model, get_loss("mse"), SGD(lr), circle_data(rng), config,
                   rng=rng, metric=sign_accuracy, **kwargs)


def test_an_epoch_is_one_pass_over_the_training_set():
    trainer = make_trainer()
    trainer.train_epoch()
    assert trainer.epoch == 1
    assert trainer.step == 10  # 100 examples / batch 10
    trainer.train_epoch()
    assert (trainer.epoch, trainer.step) == (2, 20)


def test_last_batch_may_be_smaller():
    trainer = make_trainer(config=TrainConfig(batch_size=30))
    trainer.train_epoch()
    assert trainer.step == 4  # 30 + 30 + 30 + 10


def test_training_lowers_the_loss_and_raises_accuracy():
    trainer = make_trainer()
    first = trainer.snapshot()
    for _ in range(60):
        trainer.train_epoch()
    last = trainer.snapshot()
    assert last.train_loss < 0.6 * first.train_loss
    assert last.val_metric > 0.85


def test_same_seed_same_run():
    a, b = make_trainer(seed=3), make_trainer(seed=3)
    for _ in range(5):
        a.train_epoch()
        b.train_epoch()
    for name, value in a.model.parameters().items():
        np.testing.assert_array_equal(value, b.model.parameters()[name])


def test_snapshot_is_frozen_and_copied():
    trainer = make_trainer()
    trainer.train_epoch()
    snap = trainer.snapshot()
    weights = snap.params["0.W"]
    with pytest.raises(ValueError):
        weights[0, 0] = 1.0
    before = weights.copy()
    trainer.train_epoch()
    np.testing.assert_array_equal(snap.params["0.W"], before)
    with pytest.raises(AttributeError):
        snap.epoch = 5


def test_history_rows_arrive_once_each():
    trainer = make_trainer()
    for _ in range(3):
        trainer.train_epoch()
    first = trainer.snapshot().new_history
    trainer.train_epoch()
    second = trainer.snapshot().new_history
    np.testing.assert_array_equal(first.epoch, [1, 2, 3])
    np.testing.assert_array_equal(second.epoch, [4])
    assert second.layer_grad_norms.shape == (1, 3)  # three Dense layers
    assert trainer.snapshot().new_history.epoch.size == 0


def test_layer_stats_before_the_first_step_describe_the_initial_network():
    trainer = make_trainer()
    before = trainer.model.state_dict()
    stats = trainer.snapshot().layers
    dense = [s for s in stats if s.kind == "Dense"]
    assert len(dense) == 3
    assert all(s.grad_norm > 0 and s.weight_norm > 0 for s in dense)
    assert all(s.grad_log10_counts.sum() == s_size for s, s_size in zip(dense, (2 * 8, 8 * 8, 8)))
    assert len(GRADIENT_LOG10_EDGES) == dense[0].grad_log10_counts.size + 1
    for name, value in trainer.model.state_dict().items():
        np.testing.assert_array_equal(value, before[name])


def test_update_ratio_is_measured_on_reported_steps():
    trainer = make_trainer()
    report = next(s for s in trainer.run(report_interval=0.0) if s is not None)
    dense = [s for s in report.layers if s.kind == "Dense"]
    assert all(0 < s.update_ratio < 1 for s in dense)


def test_run_reports_at_most_at_the_given_rate():
    trainer = make_trainer(config=TrainConfig(batch_size=10, max_epochs=200))
    items = list(trainer.run(report_interval=3600.0))
    reports = [item for item in items if item is not None]
    assert len(items) == 200
    assert len(reports) == 1 and reports[0].status == "finished"
    assert reports[0].new_history.epoch.size == 200


def test_run_by_steps_yields_after_every_mini_batch():
    trainer = make_trainer(config=TrainConfig(batch_size=25, max_epochs=2))
    items = list(trainer.run(report_interval=3600.0, unit="step"))
    assert len(items) == 8


def test_divergence_is_a_state_with_a_message():
    trainer = make_trainer(lr=10.0, config=TrainConfig(batch_size=10, max_epochs=50),
                           activation="linear")
    snapshots = [s for s in trainer.run(report_interval=3600.0) if s is not None]
    last = snapshots[-1]
    assert last.status == "diverged"
    assert f"diverged at epoch {last.epoch}" in last.message
    assert "learning rate" in last.message
    assert last.epoch < 50


def test_early_stopping_restores_the_best_weights():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(40, 2))
    y = rng.normal(size=(40, 1))  # pure noise: validation loss soon stops improving
    data = TrainingData(x[:20], y[:20], x[20:], y[20:])
    model = mlp([2, 32, 32, 1], activation="relu", rng=rng)
    trainer = Trainer(model, get_loss("mse"), SGD(0.05), data,
                      TrainConfig(batch_size=5, patience=5), rng=rng)
    best_loss, best_state = np.inf, None
    while not trainer.finished:
        trainer.train_epoch()
        if trainer.finished:
            break
        if trainer.snapshot().val_loss < best_loss:
            best_loss, best_state = trainer.snapshot().val_loss, trainer.model.state_dict()
    assert trainer.status == "early_stopped"
    assert "restored" in trainer.message
    for name, value in trainer.model.state_dict().items():
        np.testing.assert_array_equal(value, best_state[name])
    assert trainer.snapshot().val_loss == pytest.approx(best_loss)


def test_learning_rate_schedule_is_applied_per_epoch():
    schedule = lambda epoch: 0.1 / (1 + epoch)  # noqa: E731
    trainer = make_trainer(config=TrainConfig(batch_size=10, schedule=schedule))
    trainer.train_epoch()
    trainer.train_epoch()
    assert trainer.optimizer.lr == pytest.approx(0.05)


def test_a_schedule_that_reaches_zero_finishes_the_run():
    schedule = lambda epoch: max(0.0, 0.1 * (1 - epoch / 3))  # noqa: E731
    trainer = make_trainer(config=TrainConfig(batch_size=10, schedule=schedule))
    items = list(trainer.run(report_interval=3600.0))
    assert trainer.status == "finished"
    assert trainer.epoch == 3
    assert "reached 0 at epoch 3" in items[-1].message


def test_divergence_raises_no_warning(recwarn):
    trainer = make_trainer(lr=10.0, config=TrainConfig(batch_size=10, max_epochs=50),
                           activation="linear")
    list(trainer.run(report_interval=3600.0))
    assert trainer.status == "diverged"
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


def test_update_config_mid_run_keeps_the_weights():
    trainer = make_trainer()
    trainer.train_epoch()
    weights = trainer.model.state_dict()
    trainer.update_config(regularizer=L2(0.01), batch_size=20)
    assert trainer.config.batch_size == 20
    assert trainer.epoch == 1
    for name, value in trainer.model.state_dict().items():
        np.testing.assert_array_equal(value, weights[name])


def test_l2_regularization_shrinks_the_weights():
    plain = make_trainer(seed=5)
    decayed = make_trainer(seed=5, config=TrainConfig(batch_size=10, regularizer=L2(0.3)))
    for _ in range(20):
        plain.train_epoch()
        decayed.train_epoch()
    norm = lambda t: sum(np.sum(w**2) for w in t.model.regularized().values())  # noqa: E731
    assert norm(decayed) < 0.8 * norm(plain)


def test_gradient_clipping_bounds_the_update():
    trainer = make_trainer(lr=1.0, config=TrainConfig(batch_size=100, clip_norm=1e-3))
    before = trainer.model.state_dict()
    trainer.train_step()
    change = np.sqrt(sum(np.sum((trainer.model.state_dict()[k] - v) ** 2) for k, v in before.items()))
    assert change <= 1e-3 + 1e-12


def test_probes_are_evaluated_into_the_snapshot():
    grid = np.zeros((5, 2))
    trainer = make_trainer(probes={"output": lambda model: model.forward(grid)})
    assert trainer.snapshot().probes["output"].shape == (5, 1)


def test_multiclass_accuracy():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(90, 2))
    y = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0).astype(int)
    model = mlp([2, 16, 3], activation="relu", rng=rng)
    trainer = Trainer(model, get_loss("softmax_cross_entropy"), SGD(0.1),
                      TrainingData(x, y), TrainConfig(batch_size=10), rng=rng, metric=argmax_accuracy)
    for _ in range(40):
        trainer.train_epoch()
    assert trainer.snapshot().train_metric > 0.9


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(batch_size=0), "batch_size"),
        (dict(clip_norm=0.0), "clip_norm"),
        (dict(patience=0), "patience"),
        (dict(max_epochs=0), "max_epochs"),
        (dict(regularization_m=0), "regularization_m"),
        (dict(evaluation_limit=0), "evaluation_limit"),
    ],
)
def test_bad_config_is_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        TrainConfig(**kwargs)


def test_big_sets_are_evaluated_in_chunks_and_not_copied_per_epoch(monkeypatch):
    import engine.train as train

    reference = make_trainer(seed=4).snapshot()
    monkeypatch.setattr(train, "EVALUATION_CHUNK", 7)
    monkeypatch.setattr(train, "SHUFFLED_COPY_LIMIT", 0)
    chunked = make_trainer(seed=4)
    first = chunked.snapshot()
    assert first.train_loss == pytest.approx(reference.train_loss, rel=1e-12)
    assert first.val_metric == pytest.approx(reference.val_metric, rel=1e-12)
    for _ in range(3):
        chunked.train_epoch()
    assert chunked._x_epoch is chunked.data.x_train
    assert chunked.snapshot().train_metric > 0.5


def test_training_and_validation_sets_are_measured_as_each_alone():
    trainer = make_trainer(seed=6)
    trainer.train_epoch()
    model, loss, data = trainer.model, trainer.loss, trainer.data
    model.eval()
    expected = []
    for x, y in ((data.x_train, data.y_train), (data.x_val, data.y_val)):
        output = model.forward(x)
        expected.append((loss.value(output, y), sign_accuracy(output, y)))
    (train_loss, train_metric), (val_loss, val_metric) = expected
    assert trainer.evaluation == pytest.approx((train_loss, val_loss, train_metric, val_metric),
                                               rel=1e-12)
    assert train_loss != pytest.approx(val_loss)


def test_sign_accuracy_counts_matching_signs_with_zero_as_positive():
    output = np.array([[0.5], [-0.2], [0.0], [-1.0]])
    assert sign_accuracy(output, np.array([[1.0], [-1.0], [1.0], [1.0]])) == 0.75
    assert sign_accuracy(output, np.array([[-1.0], [1.0], [-1.0], [1.0]])) == 0.0


def test_evaluation_limit_measures_the_first_examples_only():
    limited = make_trainer(config=TrainConfig(batch_size=10, evaluation_limit=30))
    model, loss, data = limited.model, limited.loss, limited.data
    model.eval()
    expected = loss.value(model.forward(data.x_train[:30]), data.y_train[:30])
    assert limited.snapshot().train_loss == pytest.approx(expected, rel=1e-12)
    limited.train_epoch()
    assert limited.step == 10  # training still uses the whole set


def test_bad_data_is_refused():
    with pytest.raises(ValueError, match="rows"):
        TrainingData(np.zeros((3, 2)), np.zeros((4, 1)))
    with pytest.raises(ValueError, match="empty"):
        TrainingData(np.zeros((0, 2)), np.zeros((0, 1)))
    with pytest.raises(ValueError, match="both"):
        TrainingData(np.zeros((3, 2)), np.zeros((3, 1)), np.zeros((2, 2)))


def test_bad_unit_is_refused():
    with pytest.raises(ValueError, match="unit"):
        next(make_trainer().run(unit="batch"))


def test_evaluation_is_what_the_next_snapshot_reports():
    trainer = make_trainer(seed=5)
    for _ in range(2):
        trainer.train_epoch()
        snapshot = trainer.snapshot()
        assert trainer.evaluation == (snapshot.train_loss, snapshot.val_loss,
                                      snapshot.train_metric, snapshot.val_metric)
    before = trainer.evaluation
    trainer.train_step()  # mid-epoch: nothing is measured until the epoch ends
    assert trainer.evaluation == before


def test_a_measured_step_records_update_ratios_once():
    trainer = make_trainer()
    assert np.isnan(trainer.update_ratios).all() and trainer.update_ratios.shape == (3,)
    before = {k: v.copy() for k, v in trainer.model.regularized().items()}
    trainer.train_step(measure_update=True)
    ratios = trainer.update_ratios
    for i, name in enumerate(("0.W", "2.W", "4.W")):
        new = trainer.model.regularized()[name]
        expected = np.linalg.norm(new - before[name]) / np.linalg.norm(before[name])
        assert ratios[i] == pytest.approx(expected, rel=1e-12)
    trainer.train_step()  # not measured: the ratios stay those of the measured step
    np.testing.assert_array_equal(trainer.update_ratios, ratios)
