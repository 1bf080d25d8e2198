"""The vanishing/exploding-gradient study: the known facts at initialization (fixed seeds, width
100, batch 256, the built-in digits), the measurements the views draw, pretraining, and the
lockstep study the worker drives."""
import numpy as np
import pytest

from engine.gradient_flow import (
    FLOW_ACTIVATIONS,
    FLOW_INITIALIZERS,
    FLOW_TASKS,
    FlowConfig,
    GradientFlowRun,
    GradientFlowStudy,
    activation_axis,
    build_network,
    comparison_preset,
    gradient_norms_at_initialization,
    hidden_blocks,
    hidden_output_indices,
    make_task,
    stacked_histograms,
    weight_layer_indices,
)
from engine.nn import BatchNorm, Dense, Residual
from engine.train import GRADIENT_LOG10_EDGES

WIDTH, BATCH = 100, 256


@pytest.fixture(scope="module")
def digits():
    return make_task("digits", np.random.default_rng(0))


@pytest.fixture(scope="module")
def spiral():
    return make_task("spiral", np.random.default_rng(0))


def norms(task, depth, seed=1, **settings):
    config = FlowConfig(depth=depth, width=WIDTH, **settings)
    return gradient_norms_at_initialization(config, task, np.random.default_rng(seed), batch=BATCH)


def ratio(task, depth, **settings):
    n = norms(task, depth, **settings)
    return n[0] / n[-1]


def per_layer_factor(depths, values):
    """The factor by which ``values`` change per extra layer, from a least-squares fit of
    log10 value against depth."""
    slope = np.polyfit(depths, np.log10(values), 1)[0]
    return 10.0**slope


# ----- the known facts, at initialization ---------------------------------------------------------


def test_sigmoid_with_xavier_vanishes_geometrically_with_depth(digits):
    depths = np.arange(3, 11)
    ratios = np.array([ratio(digits, d, activation="sigmoid", init="xavier") for d in depths])
    assert ratios[depths == 5][0] <= 1.5e-2  # "about 10⁻² or lower"
    assert ratios[depths == 10][0] <= 1e-5
    assert np.all(np.diff(np.log10(ratios)) < 0)  # every extra layer shrinks it
    # Geometric: about one factor per layer, near the sigmoid's σ′ ≤ 1/4.
    assert 0.1 < per_layer_factor(depths, ratios) < 0.4


@pytest.mark.parametrize("depth", [5, 10, 20])
def test_relu_with_he_stays_within_an_order_of_magnitude(digits, depth):
    assert 0.1 <= ratio(digits, depth, activation="relu", init="he") <= 10


def test_relu_with_standard_normal_weights_explodes(digits):
    depths = np.arange(3, 11)
    first = np.array([norms(digits, d, activation="relu", init="normal")[0] for d in depths])
    # Each layer multiplies the gradient by about √(width/2) ≈ 7 ...
    assert per_layer_factor(depths, first) > 4
    he = norms(digits, 10, activation="relu", init="he")
    assert first[-1] > 1e6 * he[0]
    # ... and the activations grow just as fast going forward, so every weight gradient
    # ‖δˡ‖·‖aˡ⁻¹‖ explodes alike: the first-to-last ratio alone does not show it.
    exploding = norms(digits, 10, activation="relu", init="normal")
    assert np.all(exploding > 1e6 * he.max())
    assert 0.1 <= exploding[0] / exploding[-1] <= 10


@pytest.mark.parametrize("depth", [5, 10])
def test_batch_norm_lifts_the_sigmoid_ratio_back_near_one(digits, depth):
    assert 0.1 <= ratio(digits, depth, activation="sigmoid", init="xavier", batch_norm=True) <= 10


def test_residual_connections_lift_the_sigmoid_ratio(digits):
    def sigmoid_ratio(depth, residual):
        return ratio(digits, depth, activation="sigmoid", init="xavier", residual=residual)

    assert 0.1 <= sigmoid_ratio(5, residual=True) <= 10
    # Deeper, the lift is many orders of magnitude, and what is left falls about as 1/depth
    # (see the next test), not geometrically.
    for depth in (10, 20):
        assert sigmoid_ratio(depth, residual=True) > 1e4 * sigmoid_ratio(depth, residual=False)
    assert sigmoid_ratio(20, residual=True) > sigmoid_ratio(10, residual=True) / 4


def test_with_residual_connections_the_gradient_reaches_every_layer_undiminished(digits):
    """What the residual ratio's remaining shortfall is: not vanishing. The skip connections
    pass ∂L/∂h back unchanged, so the gradient at every hidden output stays within an order of
    magnitude; but each block adds σ(·) ≈ 0.5 to the stream, so the last layer's input (and with
    it ‖∂L/∂W^L‖ = ‖δ^L‖·‖h^(L−1)‖) grows with depth."""
    config = FlowConfig(depth=10, width=WIDTH, activation="sigmoid", init="xavier", residual=True)
    model = build_network(config, digits.n_in, digits.n_out, np.random.default_rng(1))
    x, y = digits.data.x_train[:BATCH], digits.data.y_train[:BATCH]
    model.backward(digits.loss.gradient(model.forward(x), y))
    hidden = hidden_output_indices(model)
    gradient_norms = [np.linalg.norm(model.output_gradients[i]) for i in hidden]
    assert 0.1 <= gradient_norms[0] / gradient_norms[-1] <= 10
    stream = [np.abs(model.outputs[i]).mean() for i in hidden]
    assert stream[-1] > 3 * stream[0]


# ----- configuration and network ------------------------------------------------------------------


@pytest.mark.parametrize("change, message", [
    (dict(depth=1), "depth must be a whole number from 2 to 30"),
    (dict(depth=31), "depth"),
    (dict(width=7), "width must be a whole number from 8 to 256"),
    (dict(width=257), "width"),
    (dict(width=64.0), "width"),
    (dict(activation="softmax"), "choose one of sigmoid, tanh, relu, leaky_relu, elu"),
    (dict(init="zeros"), "unknown initializer"),
    (dict(task="mnist"), "unknown task"),
    (dict(residual=True, depth=2), "depth >= 3"),
    (dict(clip_norm=0.0), "clip_norm"),
    (dict(clip_norm=float("nan")), "clip_norm"),
    (dict(learning_rate=-1.0), "learning_rate"),
    (dict(pretrain_epochs=0), "pretrain_epochs"),
])
def test_bad_settings_are_refused_with_what_is_allowed(change, message):
    with pytest.raises(ValueError, match=message):
        FlowConfig(**change)


def test_changed_validates_and_names_the_settings():
    config = FlowConfig().changed(depth=4, activation="tanh")
    assert (config.depth, config.activation) == (4, "tanh")
    with pytest.raises(ValueError, match="unknown settings"):
        FlowConfig().changed(layers=3)
    with pytest.raises(ValueError, match="depth"):
        FlowConfig().changed(depth=0)


@pytest.mark.parametrize("batch_norm, residual", [(False, False), (True, False), (False, True), (True, True)])
def test_the_network_has_depth_weight_layers_of_the_asked_width(batch_norm, residual):
    config = FlowConfig(depth=6, width=16, batch_norm=batch_norm, residual=residual)
    model = build_network(config, 3, 2, np.random.default_rng(0))
    weighted = [model.layers[i] for i in weight_layer_indices(model)]
    assert len(weighted) == 6
    assert sum(isinstance(layer, Residual) for layer in weighted) == (4 if residual else 0)
    assert len(hidden_blocks(model)) == 5
    assert any(isinstance(layer, BatchNorm) for block in hidden_blocks(model) for layer in
               (block[0].layers if isinstance(block[0], Residual) else block)) == batch_norm
    assert model.forward(np.zeros((4, 3))).shape == (4, 2)
    assert isinstance(model.layers[-1], Dense)  # a linear output: the loss takes logits


@pytest.mark.parametrize("name, variance", [
    ("normal", lambda n_in, n_out: 1.0),
    ("small_normal", lambda n_in, n_out: 1e-4),
    ("xavier", lambda n_in, n_out: 2 / (n_in + n_out)),
    ("he", lambda n_in, n_out: 2 / n_in),
    ("uniform", lambda n_in, n_out: 1 / (3 * n_in)),
])
def test_each_initializer_has_its_textbook_variance(name, variance):
    w = FLOW_INITIALIZERS[name]((200, 300), 200, 300, np.random.default_rng(0))
    assert w.var() == pytest.approx(variance(200, 300), rel=0.03)
    if name == "uniform":
        assert np.abs(w).max() <= 1 / np.sqrt(200)


def test_the_lab_offers_the_issue_s_choices():
    assert set(FLOW_ACTIVATIONS) == {"sigmoid", "tanh", "relu", "leaky_relu", "elu"}
    assert "digits" in FLOW_TASKS and "spiral" in FLOW_TASKS


def test_the_comparison_preset_keeps_the_task_and_size():
    base = FlowConfig(task="xor", depth=7, width=32, residual=True, pretrain=True)
    naive, modern = comparison_preset(base)
    assert (naive.activation, naive.init, naive.batch_norm) == ("sigmoid", "small_normal", False)
    assert (modern.activation, modern.init, modern.batch_norm) == ("relu", "he", True)
    for config in (naive, modern):
        assert (config.task, config.depth, config.width) == ("xor", 7, 32)
        assert not (config.residual or config.pretrain)


def test_tasks_have_matching_losses_and_shapes(digits, spiral):
    assert (digits.n_in, digits.n_out) == (784, 10)
    assert (spiral.n_in, spiral.n_out) == (2, 1)
    assert spiral.data.y_train.shape[1] == 1 and set(np.unique(spiral.data.y_train)) == {0.0, 1.0}
    np.testing.assert_allclose(spiral.data.x_train.mean(axis=0), 0, atol=1e-12)
    assert len(digits.data.x_val) == len(digits.data.x_train) // 4


# ----- histograms ---------------------------------------------------------------------------------


def test_stacked_histograms_count_like_numpy_with_clipped_ends():
    rng = np.random.default_rng(0)
    arrays = [rng.normal(size=(30, 7)), rng.uniform(-3, 3, size=50), np.array([0.0, np.nan, np.inf, 2.0])]
    edges = np.linspace(-2, 2, 9)
    counts = stacked_histograms(arrays, edges)
    for row, array in zip(counts, arrays):
        finite = array[np.isfinite(array)]
        np.testing.assert_array_equal(row, np.histogram(np.clip(finite, -2, 2), bins=edges)[0])


def test_log_histograms_put_zeros_and_tiny_values_in_the_first_bin():
    counts = stacked_histograms([np.array([0.0, 1e-30, -1e-3, 10.0, 1e40])], GRADIENT_LOG10_EDGES, log10=True)
    bins = len(GRADIENT_LOG10_EDGES) - 1
    assert counts.shape == (1, bins)
    assert counts[0, 0] == 2 and counts[0, -1] == 1 and counts.sum() == 5
    assert counts[0, np.searchsorted(GRADIENT_LOG10_EDGES, -3, side="right") - 1] == 1


def test_bounded_activations_get_a_value_axis_and_the_rest_a_log_axis():
    assert activation_axis(FlowConfig(activation="sigmoid")).kind == "value"
    assert activation_axis(FlowConfig(activation="tanh")).edges[[0, -1]].tolist() == [-1.0, 1.0]
    assert activation_axis(FlowConfig(activation="relu")).kind == "log10"
    assert activation_axis(FlowConfig(activation="sigmoid", residual=True)).kind == "log10"


def test_saturation_piles_activations_at_the_ends(digits):
    def share_at_ends(init):
        run = GradientFlowRun(FlowConfig(depth=5, width=WIDTH, init=init), digits, np.random.default_rng(1))
        counts = run.snapshot().activation_counts[1:]  # hidden layers past the first
        ends = counts[:, :4].sum() + counts[:, -4:].sum()
        return ends / counts.sum()

    assert share_at_ends("normal") > 0.5  # N(0, 1): weighted sums of ±10, σ pinned at 0 or 1
    assert share_at_ends("xavier") < 0.05


# ----- a run --------------------------------------------------------------------------------------


def test_a_run_starts_with_the_gradients_of_its_first_batch(spiral):
    config = FlowConfig(task="spiral", depth=6, width=WIDTH, batch_size=BATCH)
    run = GradientFlowRun(config, spiral, np.random.default_rng(1))
    first = run.snapshot()
    assert first.step == 0 and first.phase == "training"
    expected = gradient_norms_at_initialization(config, spiral, np.random.default_rng(1), batch=BATCH)
    np.testing.assert_allclose(first.grad_norms, expected, rtol=1e-10)
    assert first.grad_log10_counts.shape == (6, len(GRADIENT_LOG10_EDGES) - 1)
    assert first.activation_counts.shape == (5, len(first.activation_axis.edges) - 1)
    assert np.all(first.grad_log10_counts.sum(axis=1) == [2 * WIDTH] + [WIDTH * WIDTH] * 4 + [WIDTH])
    assert np.all(np.isnan(first.update_ratios))
    assert first.new_steps.size == 0 and first.new_step_grad_norms.shape == (0, 6)


def test_every_step_is_recorded_once_and_updates_are_measured_when_asked(spiral):
    run = GradientFlowRun(FlowConfig(task="spiral", depth=4, width=16), spiral, np.random.default_rng(1))
    for _ in range(5):
        run.advance()
    run.advance(measure_update=True)
    snapshot = run.snapshot()
    assert snapshot.new_steps.tolist() == [1, 2, 3, 4, 5, 6]
    assert snapshot.new_step_grad_norms.shape == (6, 4)
    np.testing.assert_allclose(snapshot.new_step_grad_norms[-1], snapshot.grad_norms)
    assert np.all((snapshot.update_ratios > 0) & (snapshot.update_ratios < 1))
    assert run.snapshot().new_steps.size == 0


def test_update_ratio_is_the_relative_change_of_the_weights(spiral):
    run = GradientFlowRun(FlowConfig(task="spiral", depth=3, width=8, learning_rate=0.5), spiral,
                          np.random.default_rng(2))
    first = run.model.layers[weight_layer_indices(run.model)[0]]
    before = first.W.copy()
    run.advance(measure_update=True)
    expected = np.linalg.norm(first.W - before) / np.linalg.norm(before)
    assert run.snapshot().update_ratios[0] == pytest.approx(expected)


def test_evaluation_follows_the_epochs_and_training_lowers_the_loss(spiral):
    config = FlowConfig(task="spiral", depth=4, width=32, activation="relu", init="he",
                        batch_norm=True, learning_rate=0.1, batch_size=40)
    run = GradientFlowRun(config, spiral, np.random.default_rng(1))
    start = run.snapshot().evaluation
    for _ in range(10 * 400 // 40):
        run.advance()
    end = run.snapshot().evaluation
    assert (start.epoch, end.epoch) == (0, 10)
    assert end.train_loss < 0.8 * start.train_loss


def test_clipping_caps_the_gradient_norm(spiral):
    config = FlowConfig(task="spiral", depth=8, width=32, activation="relu", init="normal", clip_norm=1.0)
    run = GradientFlowRun(config, spiral, np.random.default_rng(1))
    run.advance()
    recorded = run.snapshot().new_step_grad_norms[0]
    assert np.sqrt(np.sum(recorded**2)) <= 1.0 + 1e-9
    unclipped = GradientFlowRun(config.changed(clip_norm=None), spiral, np.random.default_rng(1))
    assert np.sqrt(np.sum(unclipped.snapshot().grad_norms ** 2)) > 100


def test_pretraining_goes_layer_by_layer_and_fine_tuning_lowers_the_loss():
    config = FlowConfig(task="circle", depth=5, width=16, activation="tanh", init="xavier",
                        pretrain=True, pretrain_epochs=2, batch_size=40, learning_rate=0.1)
    run = GradientFlowRun(config, make_task("circle", np.random.default_rng(0)), np.random.default_rng(3))
    output_layer = run.model.layers[-1].W.copy()
    first_hidden = run.model.layers[0].W.copy()
    seen = []
    while run.phase == "pretraining":
        snapshot = run.snapshot()
        seen.append(snapshot.pretrain_layer)
        assert np.isfinite(snapshot.pretrain_loss) and snapshot.step == 0
        run.advance()
    assert sorted(set(seen)) == [1, 2, 3, 4] and seen == sorted(seen)
    assert not np.array_equal(run.model.layers[0].W, first_hidden)  # pretrained
    np.testing.assert_array_equal(run.model.layers[-1].W, output_layer)  # left for fine-tuning
    after_pretraining = run.snapshot()
    assert after_pretraining.phase == "training" and np.isnan(after_pretraining.pretrain_loss)
    for _ in range(20 * 400 // 40):
        run.advance()
    fine_tuned = run.snapshot().evaluation
    assert fine_tuned.train_loss < 0.5 * after_pretraining.evaluation.train_loss
    assert fine_tuned.train_metric > 0.9


def test_each_autoencoder_learns_to_reconstruct(spiral):
    config = FlowConfig(task="spiral", depth=3, width=16, activation="tanh", pretrain=True,
                        pretrain_epochs=10, batch_size=40)
    run = GradientFlowRun(config, spiral, np.random.default_rng(3))
    losses = {}
    while run.phase == "pretraining":
        snapshot = run.snapshot()
        losses.setdefault(snapshot.pretrain_layer, []).append(snapshot.pretrain_loss)
        run.advance()
    for layer, values in losses.items():
        assert values[-1] < 0.5 * values[0], layer


# ----- the study ----------------------------------------------------------------------------------


def test_a_comparison_shares_data_and_random_draws(digits):
    left, right = FlowConfig(depth=4, init="xavier"), FlowConfig(depth=4, init="he")
    study = GradientFlowStudy([left, right], seed=5, tasks={"digits": digits})
    a, b = (run.model.layers[0].W for run in study.runs)
    # The same normal draws, scaled by each initializer's own standard deviation.
    np.testing.assert_allclose(b / a, np.sqrt((2 / 784) / (2 / (784 + 64))))
    snapshots = study.advance(3)
    assert [s.step for s in snapshots] == [3, 3]
    assert [s.config for s in snapshots] == [left, right]


def test_a_study_has_one_or_two_runs(digits):
    with pytest.raises(ValueError, match="one run or two"):
        GradientFlowStudy([], seed=0)
    with pytest.raises(ValueError, match="one run or two"):
        GradientFlowStudy([FlowConfig()] * 3, seed=0, tasks={"digits": digits})


def test_the_run_generator_reports_and_stops_when_training_diverges(spiral):
    config = FlowConfig(task="spiral", depth=12, width=64, activation="relu", init="normal",
                        learning_rate=1.0)
    study = GradientFlowStudy([config], seed=0, tasks={"spiral": spiral})
    items = list(study.run(report_interval=0.0))
    assert all(isinstance(item, tuple) for item in items)
    last = items[-1][0]
    assert last.evaluation.status == "diverged"
    assert study.finished
    steps = np.concatenate([item[0].new_steps for item in items])
    np.testing.assert_array_equal(steps, np.arange(1, last.step + 1))
