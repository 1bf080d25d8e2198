"""The first-order optimizers: hand-computed first steps for every option, trajectories against
torch.optim, state bookkeeping, and every rejected hyperparameter."""
import math

import numpy as np
import pytest

from engine.optim.optimizers import OPTIMIZERS, SGD, Adagrad, Adam, AdamW, RMSprop, get_optimizer

EPS_ADAM = 1e-8


def run(optimizer, start, gradients):
    """Feed a fixed sequence of gradients to one scalar parameter; return its value after each step."""
    param = np.array([start])
    values = []
    for g in gradients:
        optimizer.step({"p": param}, {"p": np.array([g])})
        values.append(float(param[0]))
    return values


# --- hand-computed steps: start at θ = 1, gradients 0.5 then -0.2 (then 0.4) -------------------

def test_sgd_plain():
    assert run(SGD(lr=0.1), 1.0, [0.5, -0.2]) == pytest.approx([1 - 0.1 * 0.5, 0.95 + 0.1 * 0.2], abs=1e-15)


def test_sgd_momentum_buffer_starts_at_first_gradient():
    b1 = 0.5
    b2 = 0.9 * b1 - 0.2
    b3 = 0.9 * b2 + 0.4
    p1 = 1 - 0.1 * b1
    p2 = p1 - 0.1 * b2
    assert run(SGD(lr=0.1, momentum=0.9), 1.0, [0.5, -0.2, 0.4]) == pytest.approx([p1, p2, p2 - 0.1 * b3], abs=1e-15)


def test_sgd_dampening_skips_the_first_step():
    b1 = 0.5
    b2 = 0.9 * b1 + (1 - 0.5) * -0.2
    p1 = 1 - 0.1 * b1
    assert run(SGD(lr=0.1, momentum=0.9, dampening=0.5), 1.0, [0.5, -0.2]) == pytest.approx(
        [p1, p1 - 0.1 * b2], abs=1e-15
    )


def test_sgd_nesterov_looks_ahead_along_the_buffer():
    b1 = 0.5
    p1 = 1 - 0.1 * (0.5 + 0.9 * b1)
    b2 = 0.9 * b1 - 0.2
    p2 = p1 - 0.1 * (-0.2 + 0.9 * b2)
    assert run(SGD(lr=0.1, momentum=0.9, nesterov=True), 1.0, [0.5, -0.2]) == pytest.approx([p1, p2], abs=1e-15)


def test_sgd_weight_decay_adds_lambda_theta():
    p1 = 1 - 0.1 * (0.5 + 0.1 * 1.0)
    p2 = p1 - 0.1 * (-0.2 + 0.1 * p1)
    assert run(SGD(lr=0.1, weight_decay=0.1), 1.0, [0.5, -0.2]) == pytest.approx([p1, p2], abs=1e-15)


def test_adagrad_plain():
    p1 = 1 - 0.1 * 0.5 / (math.sqrt(0.25) + 1e-10)
    p2 = p1 - 0.1 * -0.2 / (math.sqrt(0.25 + 0.04) + 1e-10)
    assert run(Adagrad(lr=0.1), 1.0, [0.5, -0.2]) == pytest.approx([p1, p2], abs=1e-15)


def test_adagrad_lr_decay_counts_from_the_second_step():
    p1 = 1 - 0.1 * 0.5 / (math.sqrt(0.25) + 1e-10)
    p2 = p1 - 0.1 / (1 + 1 * 0.5) * -0.2 / (math.sqrt(0.29) + 1e-10)
    p3 = p2 - 0.1 / (1 + 2 * 0.5) * 0.4 / (math.sqrt(0.29 + 0.16) + 1e-10)
    assert run(Adagrad(lr=0.1, lr_decay=0.5), 1.0, [0.5, -0.2, 0.4]) == pytest.approx([p1, p2, p3], abs=1e-15)


def test_adagrad_initial_accumulator_and_weight_decay():
    g1 = 0.5 + 0.2 * 1.0
    p1 = 1 - 0.1 * g1 / (math.sqrt(1.0 + g1**2) + 1e-10)
    g2 = -0.2 + 0.2 * p1
    p2 = p1 - 0.1 * g2 / (math.sqrt(1.0 + g1**2 + g2**2) + 1e-10)
    optimizer = Adagrad(lr=0.1, initial_accumulator_value=1.0, weight_decay=0.2)
    assert run(optimizer, 1.0, [0.5, -0.2]) == pytest.approx([p1, p2], abs=1e-15)
    assert optimizer.state["p"]["sum"][0] == pytest.approx(1.0 + g1**2 + g2**2, abs=1e-15)


def test_rmsprop_plain():
    v1 = 0.1 * 0.25
    v2 = 0.9 * v1 + 0.1 * 0.04
    p1 = 1 - 0.01 * 0.5 / (math.sqrt(v1) + 1e-8)
    p2 = p1 - 0.01 * -0.2 / (math.sqrt(v2) + 1e-8)
    assert run(RMSprop(lr=0.01, alpha=0.9), 1.0, [0.5, -0.2]) == pytest.approx([p1, p2], abs=1e-15)


def test_rmsprop_centered_subtracts_the_squared_mean():
    v1, m1 = 0.1 * 0.25, 0.1 * 0.5
    v2, m2 = 0.9 * v1 + 0.1 * 0.04, 0.9 * m1 + 0.1 * -0.2
    p1 = 1 - 0.01 * 0.5 / (math.sqrt(v1 - m1**2) + 1e-8)
    p2 = p1 - 0.01 * -0.2 / (math.sqrt(v2 - m2**2) + 1e-8)
    optimizer = RMSprop(lr=0.01, alpha=0.9, centered=True)
    assert run(optimizer, 1.0, [0.5, -0.2]) == pytest.approx([p1, p2], abs=1e-15)
    assert optimizer.state["p"]["grad_avg"][0] == pytest.approx(m2, abs=1e-15)


def test_rmsprop_momentum_accumulates_the_scaled_gradient():
    v1 = 0.1 * 0.25
    v2 = 0.9 * v1 + 0.1 * 0.04
    b1 = 0.5 / (math.sqrt(v1) + 1e-8)
    b2 = 0.5 * b1 + -0.2 / (math.sqrt(v2) + 1e-8)
    p1 = 1 - 0.01 * b1
    optimizer = RMSprop(lr=0.01, alpha=0.9, momentum=0.5)
    assert run(optimizer, 1.0, [0.5, -0.2]) == pytest.approx([p1, p1 - 0.01 * b2], abs=1e-15)
    assert optimizer.state["p"]["momentum_buffer"][0] == pytest.approx(b2, rel=1e-15)


def test_rmsprop_weight_decay():
    g1 = 0.5 + 0.1 * 1.0
    p1 = 1 - 0.01 * g1 / (math.sqrt(0.1 * g1**2) + 1e-8)
    g2 = -0.2 + 0.1 * p1
    p2 = p1 - 0.01 * g2 / (math.sqrt(0.9 * 0.1 * g1**2 + 0.1 * g2**2) + 1e-8)
    assert run(RMSprop(lr=0.01, alpha=0.9, weight_decay=0.1), 1.0, [0.5, -0.2]) == pytest.approx([p1, p2], abs=1e-15)


def test_rmsprop_centered_constant_gradient_never_becomes_nan():
    # With g = 0.7 and alpha = 0.5, v − ḡ² rounds to a negative number at step 54.
    param = np.array([0.0])
    optimizer = RMSprop(lr=1e-3, alpha=0.5, centered=True)
    for _ in range(100):
        optimizer.step({"p": param}, {"p": np.array([0.7])})
    assert np.isfinite(param).all()


def adam_step(m, v, g, t, beta1=0.9, beta2=0.999):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    return m, v, (m / (1 - beta1**t)) / (math.sqrt(v / (1 - beta2**t)) + EPS_ADAM)


def test_adam_first_step_has_size_lr():
    [p1] = run(Adam(lr=0.1), 1.0, [0.5])
    assert p1 == pytest.approx(1 - 0.1 * 0.5 / (0.5 + EPS_ADAM), abs=1e-15)


def test_adam_bias_correction_by_hand():
    m1, v1 = 0.1 * 0.5, 0.001 * 0.25
    m2, v2 = 0.9 * m1 + 0.1 * -0.2, 0.999 * v1 + 0.001 * 0.04
    p1 = 1 - 0.1 * (m1 / 0.1) / (math.sqrt(v1 / 0.001) + EPS_ADAM)
    p2 = p1 - 0.1 * (m2 / (1 - 0.9**2)) / (math.sqrt(v2 / (1 - 0.999**2)) + EPS_ADAM)
    optimizer = Adam(lr=0.1)
    assert run(optimizer, 1.0, [0.5, -0.2]) == pytest.approx([p1, p2], abs=1e-15)
    state = optimizer.state["p"]
    assert (state["step"], state["exp_avg"][0], state["exp_avg_sq"][0]) == pytest.approx((2, m2, v2), abs=1e-15)


def test_adam_weight_decay_goes_through_the_gradient():
    m, v, s1 = adam_step(0.0, 0.0, 0.5 + 0.1 * 1.0, 1)
    p1 = 1 - 0.1 * s1
    _, _, s2 = adam_step(m, v, -0.2 + 0.1 * p1, 2)
    assert run(Adam(lr=0.1, weight_decay=0.1), 1.0, [0.5, -0.2]) == pytest.approx([p1, p1 - 0.1 * s2], abs=1e-15)


def test_adamw_decays_the_weight_before_the_step():
    m, v, s1 = adam_step(0.0, 0.0, 0.5, 1)
    p1 = 1.0 * (1 - 0.1 * 0.1) - 0.1 * s1
    _, _, s2 = adam_step(m, v, -0.2, 2)
    p2 = p1 * (1 - 0.1 * 0.1) - 0.1 * s2
    assert run(AdamW(lr=0.1, weight_decay=0.1), 1.0, [0.5, -0.2]) == pytest.approx([p1, p2], abs=1e-15)


def test_adamw_default_weight_decay_is_torchs():
    assert AdamW().weight_decay == 0.01 and Adam().weight_decay == 0.0


@pytest.mark.parametrize("cls", [Adam, AdamW])
def test_amsgrad_keeps_the_largest_second_moment(cls):
    v1 = 0.001 * 1.0
    v2 = 0.999 * v1  # the gradient drops to 0: v shrinks, the maximum stays v1
    m2 = 0.9 * 0.1
    optimizer = cls(lr=0.1, amsgrad=True, weight_decay=0.0)
    p1, p2 = run(optimizer, 1.0, [1.0, 0.0])
    assert p2 == pytest.approx(p1 - 0.1 * (m2 / (1 - 0.81)) / (math.sqrt(v1 / (1 - 0.999**2)) + EPS_ADAM), abs=1e-15)
    state = optimizer.state["p"]
    assert state["max_exp_avg_sq"][0] == pytest.approx(v1, abs=1e-18)
    assert state["exp_avg_sq"][0] == pytest.approx(v2, abs=1e-18)
    without = run(cls(lr=0.1, weight_decay=0.0), 1.0, [1.0, 0.0])
    assert without[1] < p2  # the smaller uncorrected v makes a bigger step


# --- against torch.optim ------------------------------------------------------------------------

CONFIGURATIONS = [
    ("sgd", {"lr": 0.05}),
    ("sgd", {"lr": 0.05, "momentum": 0.9}),
    ("sgd", {"lr": 0.05, "momentum": 0.8, "dampening": 0.3, "weight_decay": 0.01}),
    ("sgd", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.02}),
    ("adagrad", {"lr": 0.1}),
    ("adagrad", {"lr": 0.1, "lr_decay": 0.05, "weight_decay": 0.01, "initial_accumulator_value": 0.1, "eps": 1e-6}),
    ("rmsprop", {"lr": 0.01}),
    ("rmsprop", {"lr": 0.01, "alpha": 0.9, "centered": True}),
    ("rmsprop", {"lr": 0.01, "momentum": 0.7, "weight_decay": 0.01}),
    ("rmsprop", {"lr": 0.005, "momentum": 0.5, "centered": True, "weight_decay": 0.02, "eps": 1e-6}),
    ("adam", {"lr": 0.02}),
    ("adam", {"lr": 0.02, "betas": (0.8, 0.99), "weight_decay": 0.05}),
    ("adam", {"lr": 0.02, "amsgrad": True, "weight_decay": 0.01}),
    ("adamw", {"lr": 0.02}),
    ("adamw", {"lr": 0.02, "betas": (0.5, 0.9), "weight_decay": 0.1, "amsgrad": True, "eps": 1e-6}),
]
TORCH_CLASS = {"sgd": "SGD", "adagrad": "Adagrad", "rmsprop": "RMSprop", "adam": "Adam", "adamw": "AdamW"}


def make_problem(seed):
    """A small non-convex regression: loss = ½‖XW + b − Y‖² + Σcos(W), with analytic gradients."""
    rng = np.random.default_rng(seed)
    x, y = rng.normal(size=(8, 3)), rng.normal(size=(8, 2))
    params = {"W": rng.normal(size=(3, 2)), "b": rng.normal(size=2)}

    def gradients(p):
        residual = x @ p["W"] + p["b"] - y
        return {"W": x.T @ residual - np.sin(p["W"]), "b": residual.sum(axis=0)}

    return params, gradients


@pytest.mark.parametrize("name, hyperparameters", CONFIGURATIONS)
def test_trajectory_matches_torch(name, hyperparameters):
    torch = pytest.importorskip("torch")
    params, gradients = make_problem(seed=len(str(hyperparameters)))
    tensors = {k: torch.tensor(v.copy(), dtype=torch.float64, requires_grad=True) for k, v in params.items()}
    reference = getattr(torch.optim, TORCH_CLASS[name])(list(tensors.values()), **hyperparameters)
    optimizer = get_optimizer(name, **hyperparameters)
    for _ in range(25):
        grads = gradients(params)
        optimizer.step(params, grads)
        for key, tensor in tensors.items():
            tensor.grad = torch.from_numpy(gradients({k: t.detach().numpy() for k, t in tensors.items()})[key])
        reference.step()
        for key, tensor in tensors.items():
            np.testing.assert_allclose(params[key], tensor.detach().numpy(), rtol=1e-10, atol=1e-10)


# --- bookkeeping -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, hyperparameters", CONFIGURATIONS)
def test_gradients_are_not_modified(name, hyperparameters):
    params, gradients = make_problem(seed=1)
    grads = gradients(params)
    before = {k: v.copy() for k, v in grads.items()}
    optimizer = get_optimizer(name, **hyperparameters)
    for _ in range(2):
        optimizer.step(params, grads)
    for key in grads:
        np.testing.assert_array_equal(grads[key], before[key])


@pytest.mark.parametrize("name, hyperparameters", CONFIGURATIONS)
def test_float32_parameters_stay_float32(name, hyperparameters):
    param = np.ones(4, dtype=np.float32)
    optimizer = get_optimizer(name, **hyperparameters)
    optimizer.step({"w": param}, {"w": np.full(4, 0.5, dtype=np.float32)})
    assert param.dtype == np.float32
    assert all(value.dtype == np.float32 for value in optimizer.state["w"].values() if isinstance(value, np.ndarray))


@pytest.mark.parametrize(
    "optimizer, present",
    [
        (SGD(momentum=0.9), {"momentum_buffer"}),
        (Adagrad(), {"sum"}),
        (RMSprop(momentum=0.5, centered=True), {"square_avg", "grad_avg", "momentum_buffer"}),
        (RMSprop(), {"square_avg"}),
        (Adam(amsgrad=True), {"exp_avg", "exp_avg_sq", "max_exp_avg_sq"}),
        (AdamW(), {"exp_avg", "exp_avg_sq"}),
    ],
)
def test_state_holds_the_documented_arrays(optimizer, present):
    optimizer.step({"xy": np.zeros(2)}, {"xy": np.ones(2)})
    arrays = {key for key, value in optimizer.state["xy"].items() if isinstance(value, np.ndarray)}
    assert arrays == present
    assert present <= set(type(optimizer).state_keys)


def test_each_parameter_counts_its_own_steps():
    """A parameter first seen at a later step starts its bias correction at t = 1, as in torch."""
    late = Adam(lr=0.1)
    for _ in range(3):
        late.step({"a": np.zeros(1)}, {"a": np.ones(1)})
    b = np.array([1.0])
    late.step({"a": np.zeros(1), "b": b}, {"a": np.ones(1), "b": np.array([0.5])})
    assert late.state["a"]["step"] == 4 and late.state["b"]["step"] == 1
    assert b[0] == pytest.approx(run(Adam(lr=0.1), 1.0, [0.5])[0], abs=1e-15)


def test_reset_forgets_the_state():
    optimizer = SGD(lr=0.1, momentum=0.9)
    first = run(optimizer, 1.0, [0.5, 0.5])
    optimizer.reset()
    assert optimizer.state == {} and optimizer.step_count == 0
    assert run(optimizer, 1.0, [0.5, 0.5]) == first


def test_learning_rate_can_change_between_steps():
    optimizer = SGD(lr=0.1)
    param = np.array([1.0])
    optimizer.step({"p": param}, {"p": np.array([1.0])})
    optimizer.lr = 0.01
    optimizer.step({"p": param}, {"p": np.array([1.0])})
    assert param[0] == pytest.approx(1 - 0.1 - 0.01, abs=1e-15)


# --- the registry and rejected hyperparameters -------------------------------------------------------

def test_registry_defaults_match_torch():
    assert get_optimizer("SGD").lr == 1e-3
    adagrad = get_optimizer("adagrad")
    assert (adagrad.lr, adagrad.eps) == (1e-2, 1e-10)
    rmsprop = get_optimizer("RMSprop")
    assert (rmsprop.lr, rmsprop.alpha, rmsprop.eps) == (1e-2, 0.99, 1e-8)
    adam = get_optimizer("adam")
    assert (adam.lr, adam.betas, adam.eps, adam.amsgrad) == (1e-3, (0.9, 0.999), 1e-8, False)
    assert isinstance(get_optimizer("AdamW"), AdamW)


def test_unknown_optimizer_lists_the_choices():
    with pytest.raises(ValueError, match="unknown optimizer 'lion'.*sgd, adagrad, rmsprop, adam, adamw"):
        get_optimizer("lion")
    assert set(OPTIMIZERS) == {"sgd", "adagrad", "rmsprop", "adam", "adamw"}


def test_unknown_hyperparameter_lists_the_allowed_ones():
    with pytest.raises(ValueError, match="SGD has no hyperparameter beta.*allowed: lr, momentum"):
        get_optimizer("sgd", beta=0.9)


@pytest.mark.parametrize(
    "name, hyperparameters, message",
    [
        ("sgd", {"lr": 0.0}, "learning rate"),
        ("adam", {"lr": -1e-3}, "learning rate"),
        ("sgd", {"lr": float("nan")}, "learning rate"),
        ("rmsprop", {"lr": "fast"}, r"learning rate must be a number in \(0, inf\)"),
        ("sgd", {"momentum": -0.1}, r"momentum must be a finite number in \[0, 1\)"),
        ("sgd", {"momentum": 1.0}, "momentum"),
        ("sgd", {"momentum": 0.9, "dampening": 1.5}, r"dampening .* \[0, 1\]"),
        ("sgd", {"nesterov": True}, "nesterov=True needs momentum > 0"),
        ("sgd", {"nesterov": True, "momentum": 0.9, "dampening": 0.1}, "dampening = 0"),
        ("sgd", {"weight_decay": -0.01}, "weight_decay"),
        ("adagrad", {"lr_decay": -1.0}, "lr_decay"),
        ("adagrad", {"initial_accumulator_value": -1.0}, "initial_accumulator_value"),
        ("adagrad", {"eps": 0.0}, r"eps must be a finite number in \(0, inf\)"),
        ("rmsprop", {"alpha": 1.0}, "alpha"),
        ("rmsprop", {"alpha": -0.5}, "alpha"),
        ("rmsprop", {"momentum": -0.5}, "momentum"),
        ("rmsprop", {"eps": -1e-8}, "eps"),
        ("adam", {"betas": (1.0, 0.999)}, r"betas\[0\]"),
        ("adam", {"betas": (0.9, -0.1)}, r"betas\[1\]"),
        ("adam", {"betas": (0.9,)}, "betas must be a pair"),
        ("adam", {"betas": "0.9"}, "betas must be a pair"),
        ("adamw", {"weight_decay": float("inf")}, "weight_decay"),
        ("adamw", {"eps": "small"}, "eps must be a number"),
    ],
)
def test_bad_hyperparameters_are_rejected(name, hyperparameters, message):
    with pytest.raises(ValueError, match=message):
        get_optimizer(name, **hyperparameters)
