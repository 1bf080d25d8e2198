"""The Playground task: configuration checks, building the run, live changes, resets, probes."""
import dataclasses

import numpy as np
import pytest

from engine.data.features import FEATURES
from engine.playground import (
    LEARNING_RATES,
    MAX_HIDDEN_LAYERS,
    MAX_NEURONS,
    NEURON_RESOLUTION,
    OUTPUT_RESOLUTION,
    REGULARIZATION_RATES,
    HalfSquaredError,
    PlaygroundConfig,
    PlaygroundSession,
    grid_points,
    needs_new_run,
)


def test_defaults_are_tensorflow_playgrounds():
    config = PlaygroundConfig()
    assert (config.dataset, config.noise, config.train_percent, config.batch_size) == ("circle", 0, 50, 10)
    assert config.features == ("x1", "x2") and config.hidden == (4, 2)
    assert (config.activation, config.learning_rate, config.regularization) == ("tanh", 0.03, "none")
    assert config.n_samples == 500 and config.n_train == 250
    assert LEARNING_RATES[0] == 0.00001 and LEARNING_RATES[-1] == 10
    assert REGULARIZATION_RATES[0] == 0 and REGULARIZATION_RATES[-1] == 10


@pytest.mark.parametrize("changes, words", [
    (dict(dataset="moon"), "circle"),
    (dict(noise=51), "0 to 50"),
    (dict(noise=2.5), "whole number"),
    (dict(train_percent=5), "10 to 90"),
    (dict(batch_size=0), "1 to 250"),
    (dict(batch_size=251), "1 to 250"),
    (dict(features=()), "at least one"),
    (dict(features=("x1", "x3")), "x1^2"),
    (dict(hidden=(4,) * (MAX_HIDDEN_LAYERS + 1)), f"0 to {MAX_HIDDEN_LAYERS}"),
    (dict(hidden=(MAX_NEURONS + 1,)), f"1 to {MAX_NEURONS}"),
    (dict(hidden=(0,)), f"1 to {MAX_NEURONS}"),
    (dict(activation="softmax"), "relu"),
    (dict(learning_rate=0.0), "(0, 10]"),
    (dict(learning_rate=11.0), "(0, 10]"),
    (dict(learning_rate=float("nan")), "(0, 10]"),
    (dict(regularization="l3"), "l1"),
    (dict(regularization_rate=-1.0), "[0, 10]"),
    (dict(dataset="plane", loss="cross_entropy"), "regression"),
    (dict(optimizer="lbfgs"), "adam"),
    (dict(optimizer="nesterov", momentum=0.0), "momentum > 0"),
    (dict(dropout=0.95), "[0, 0.9]"),
    (dict(patience=0), "at least 1"),
    (dict(max_epochs=-3), "at least 1"),
    (dict(initializer="magic"), "xavier_uniform"),
])
def test_bad_values_say_what_is_allowed(changes, words):
    with pytest.raises(ValueError, match=None) as error:
        PlaygroundConfig(**changes)
    assert words in str(error.value)


def test_extended_ranges_are_accepted():
    config = PlaygroundConfig(hidden=(MAX_NEURONS,) * MAX_HIDDEN_LAYERS, batch_size=250,
                              features=tuple(FEATURES))
    assert len(config.hidden_activations()) == MAX_HIDDEN_LAYERS


def test_layer_edits_keep_activations_consistent():
    config = PlaygroundConfig().with_layer_activation(1, "relu")
    assert config.hidden_activations() == ("tanh", "relu")
    grown = config.with_layer_count(4)
    assert grown.hidden == (4, 2, 2, 2)
    assert grown.hidden_activations() == ("tanh", "relu", "tanh", "tanh")
    shrunk = grown.with_layer_count(1)
    assert shrunk.hidden == (4,) and shrunk.hidden_activations() == ("tanh",)
    assert grown.with_activation("sigmoid").hidden_activations() == ("sigmoid",) * 4
    assert config.with_neurons(0, 7).hidden == (7, 2)
    with pytest.raises(ValueError):
        config.with_neurons(0, MAX_NEURONS + 1)


def test_feature_toggles_keep_the_playground_order():
    config = PlaygroundConfig().with_feature("sin_x1", True).with_feature("x1^2", True)
    assert config.features == ("x1", "x2", "x1^2", "sin_x1")
    assert config.with_feature("x1", False).features == ("x2", "x1^2", "sin_x1")


def test_ratio_and_dataset_changes_shrink_a_batch_that_no_longer_fits():
    config = PlaygroundConfig(batch_size=250)
    assert config.with_train_percent(10).batch_size == 50
    regression = PlaygroundConfig(loss="cross_entropy").with_dataset("plane")
    assert regression.loss == "mse" and regression.n_samples == 1200


def test_which_changes_start_a_new_run():
    config = PlaygroundConfig()
    assert not needs_new_run(config, config.replace(learning_rate=0.3, regularization="l2",
                                                    regularization_rate=0.01, batch_size=20))
    assert needs_new_run(config, config.replace(noise=10))
    assert needs_new_run(config, config.with_layer_count(3))
    assert needs_new_run(config, config.replace(initializer="he_normal"))


def test_the_run_matches_the_configuration():
    session = PlaygroundSession(PlaygroundConfig(features=("x1", "x2", "x1x2"), hidden=(5, 3)))
    frame = session.frame()
    assert [w.shape for w in frame.weights] == [(3, 5), (5, 3), (3, 1)]
    assert [b.shape for b in frame.biases] == [(5,), (3,), (1,)]
    assert np.all(frame.biases[0] == 0.1)  # the Playground's initial bias
    assert np.all(np.abs(frame.weights[0]) <= 0.5)
    assert len(frame.train_x) == 250 and len(frame.test_x) == 250
    assert np.all(np.abs(frame.train_x) <= 6)
    assert frame.output_map.shape == (OUTPUT_RESOLUTION, OUTPUT_RESOLUTION)
    assert frame.neuron_maps.shape == (8, NEURON_RESOLUTION, NEURON_RESOLUTION)
    assert np.all(np.abs(frame.output_map) <= 1)  # tanh output


def test_output_map_is_the_network_output_on_the_grid():
    session = PlaygroundSession()
    frame = session.frame()
    points = grid_points(OUTPUT_RESOLUTION)
    expected = session.trainer.predict(points)[:, 0].reshape(OUTPUT_RESOLUTION, OUTPUT_RESOLUTION)
    np.testing.assert_allclose(frame.output_map, expected)
    # row 0 is the bottom (y = -6), column 0 the left (x = -6)
    assert points[0, 1] < points[-1, 1] and points[0, 0] < points[1, 0]


def test_neuron_maps_show_each_hidden_neuron():
    session = PlaygroundSession(PlaygroundConfig(hidden=(3,)))
    frame = session.frame()
    points = grid_points(NEURON_RESOLUTION)
    w, b = frame.weights[0], frame.biases[0]
    expected = np.tanh(points @ w + b).T.reshape(3, NEURON_RESOLUTION, NEURON_RESOLUTION)
    np.testing.assert_allclose(frame.neuron_maps, expected)
    assert PlaygroundSession(PlaygroundConfig(hidden=())).frame().neuron_maps.shape[0] == 0


def test_default_task_learns_the_circle():
    session = PlaygroundSession()
    first = session.frame().snapshot
    for _ in range(150):
        session.step_epoch()
    last = session.frame().snapshot
    assert last.epoch == 150
    assert last.train_loss < 0.5 * first.train_loss
    assert last.val_metric > 0.9


def test_half_squared_error_is_the_playgrounds():
    p, y = np.array([[0.5], [-1.0]]), np.array([[1.0], [1.0]])
    loss = HalfSquaredError()
    assert loss.value(p, y) == pytest.approx((0.5 * 0.25 + 0.5 * 4) / 2)
    np.testing.assert_allclose(loss.gradient(p, y), (p - y) / 2)


def test_step_is_exactly_one_epoch():
    session = PlaygroundSession()
    frame = session.step_epoch()
    assert frame.snapshot.epoch == 1 and frame.snapshot.step == 25  # 250 points / batch 10
    assert len(frame.snapshot.new_history.epoch) == 1


def test_live_changes_keep_training():
    session = PlaygroundSession()
    for _ in range(3):
        session.step_epoch()
    trainer = session.trainer
    frame = session.apply(session.config.replace(learning_rate=0.3, regularization="l2",
                                                 regularization_rate=0.01, batch_size=25))
    assert session.trainer is trainer and frame.run == 1 and frame.snapshot.epoch == 3
    assert trainer.optimizer.lr == 0.3
    assert trainer.config.regularizer.lam == 0.01 and trainer.config.batch_size == 25
    session.apply(session.config.replace(optimizer="adam"))
    assert type(trainer.optimizer).__name__ == "Adam" and trainer.optimizer.lr == 0.3
    session.step_epoch()
    assert trainer.step == 3 * 25 + 10


def test_a_schedule_sets_the_rate_per_epoch():
    session = PlaygroundSession()
    session.apply(session.config.replace(schedule="step", schedule_epochs=2, learning_rate=0.1))
    for _ in range(4):
        session.step_epoch()
    assert session.trainer.optimizer.lr == pytest.approx(0.1 * 0.5 ** 1)  # epoch 3 began at 0.05
    session.step_epoch()
    assert session.trainer.optimizer.lr == pytest.approx(0.025)


def test_structural_changes_start_a_new_run():
    session = PlaygroundSession()
    session.step_epoch()
    frame = session.apply(session.config.with_layer_count(3))
    assert frame.run == 2 and frame.snapshot.epoch == 0
    assert [w.shape for w in frame.weights] == [(2, 4), (4, 2), (2, 2), (2, 1)]


def test_reset_with_the_same_weights_repeats_the_run():
    session = PlaygroundSession()
    initial = session.frame().weights
    for _ in range(3):
        session.step_epoch()
    after_three = session.frame().weights
    frame = session.reset(new_weights=False)
    assert frame.run == 2 and frame.snapshot.epoch == 0
    for a, b in zip(frame.weights, initial):
        np.testing.assert_array_equal(a, b)
    for _ in range(3):
        session.step_epoch()
    for a, b in zip(session.frame().weights, after_three):
        np.testing.assert_array_equal(a, b)


def test_reset_with_new_weights_changes_them_but_not_the_data():
    session = PlaygroundSession()
    before = session.frame()
    after = session.reset(new_weights=True)
    assert after.config.weight_seed == before.config.weight_seed + 1
    assert not np.array_equal(after.weights[0], before.weights[0])
    np.testing.assert_array_equal(after.train_x, before.train_x)


def test_regenerate_draws_new_data():
    session = PlaygroundSession()
    before = session.frame()
    after = session.regenerate()
    assert after.config.seed == before.config.seed + 1
    assert not np.array_equal(after.train_x, before.train_x)


def test_noise_keeps_the_points_and_flips_labels():
    clean = PlaygroundSession(PlaygroundConfig()).frame()
    noisy = PlaygroundSession(PlaygroundConfig(noise=50)).frame()
    np.testing.assert_array_equal(clean.train_x, noisy.train_x)
    assert not np.array_equal(clean.train_y, noisy.train_y)


def test_editing_a_weight_reaches_the_model_and_the_loss():
    session = PlaygroundSession()
    before = session.frame()
    after = session.set_weight(0, 1, 2, 3.5)
    assert after.weights[0][1, 2] == 3.5
    assert session.trainer.model.parameters()["0.W"][1, 2] == 3.5
    assert after.snapshot.train_loss != before.snapshot.train_loss
    assert session.set_bias(2, 0, -0.7).biases[2][0] == -0.7
    with pytest.raises(ValueError):
        session.set_weight(0, 0, 0, float("inf"))
    with pytest.raises(ValueError):
        session.set_bias(5, 0, 1.0)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # overflow is the point
def test_lr_10_diverges_and_says_so():
    # The Playground's regression lesson: a rate of 10 blows the plane up within a few epochs.
    session = PlaygroundSession(PlaygroundConfig(dataset="plane", learning_rate=10.0, max_epochs=50))
    frames = [frame for frame in session.run() if frame is not None]
    last = frames[-1].snapshot
    assert last.status == "diverged" and last.epoch < 50
    assert f"diverged at epoch {last.epoch}" in last.message


def test_report_interval_may_change_while_running():
    session = PlaygroundSession(report_interval=60.0)
    generator = session.run()
    assert [next(generator) for _ in range(3)] == [None] * 3
    session.set_report_interval(0.0)
    next(generator)  # the epoch that was running when the interval changed
    assert all(frame is not None for frame in (next(generator), next(generator)))
    assert session.trainer.epoch == 6
    with pytest.raises(ValueError):
        session.set_report_interval(-1.0)


def test_run_for_a_number_of_epochs_ends_with_a_frame():
    session = PlaygroundSession(report_interval=60.0)  # no report on the way
    frames = list(session.run(epochs=7))
    assert frames[:-1] == [None] * 6
    assert frames[-1].snapshot.epoch == 7
    assert list(session.run(epochs=0)) == []


@pytest.mark.parametrize("dataset, loss, shape", [
    ("spiral3", "cross_entropy", (OUTPUT_RESOLUTION, OUTPUT_RESOLUTION, 3)),
    ("spiral5", "mse", (OUTPUT_RESOLUTION, OUTPUT_RESOLUTION, 5)),
    ("xor", "cross_entropy", (OUTPUT_RESOLUTION, OUTPUT_RESOLUTION)),
    ("multi_gaussian", "mse", (OUTPUT_RESOLUTION, OUTPUT_RESOLUTION)),
])
def test_every_problem_trains_and_maps(dataset, loss, shape):
    session = PlaygroundSession(PlaygroundConfig(dataset=dataset, loss=loss, hidden=(6, 6)))
    frame = session.step_epoch()
    assert frame.output_map.shape == shape
    assert np.isfinite(frame.snapshot.train_loss)
    if len(shape) == 3:  # class probabilities
        np.testing.assert_allclose(frame.output_map.sum(axis=-1), 1.0)
    if dataset == "multi_gaussian":
        assert np.isnan(frame.snapshot.train_metric)
    else:
        assert 0 <= frame.snapshot.train_metric <= 1


def test_early_stopping_and_epoch_limit_finish_the_run():
    session = PlaygroundSession(PlaygroundConfig(max_epochs=4), report_interval=0.0)
    frames = [frame for frame in session.run() if frame is not None]
    assert frames[-1].snapshot.status == "finished" and frames[-1].snapshot.epoch == 4
    # A rate of 3 makes the test loss jump about, so it soon fails to improve for 2 epochs.
    stopping = PlaygroundSession(PlaygroundConfig(patience=2, learning_rate=3.0, max_epochs=200))
    frames = [frame for frame in stopping.run() if frame is not None]
    assert frames[-1].snapshot.status == "early_stopped" and frames[-1].snapshot.epoch < 200


def test_dropout_and_batch_norm_build_and_train():
    config = PlaygroundConfig(dropout=0.2, batch_norm=True, initializer="he_normal", activation="relu")
    session = PlaygroundSession(config)
    frame = session.step_epoch()
    assert np.isfinite(frame.snapshot.train_loss)
    assert frame.neuron_maps.shape[0] == 6


def test_config_round_trips_through_plain_values():
    import json

    config = PlaygroundConfig(dataset="spiral3", loss="cross_entropy", hidden=(8, 5),
                              layer_activations=(None, "relu"), patience=5)
    assert PlaygroundConfig.from_dict(json.loads(json.dumps(config.to_dict()))) == config
    assert PlaygroundConfig.from_dict({"noise": 20}) == PlaygroundConfig(noise=20)
    with pytest.raises(ValueError, match="unknown setting"):
        PlaygroundConfig.from_dict({"speed": 3})
    with pytest.raises(ValueError, match="0 to 50"):
        PlaygroundConfig.from_dict({"noise": 80})
    with pytest.raises(ValueError, match="mapping"):
        PlaygroundConfig.from_dict([1, 2])


def test_config_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        PlaygroundConfig().noise = 5
