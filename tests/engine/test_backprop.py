"""The backpropagation walk-through: every number it shows must be the engine's, every chain-rule
product must multiply out to the gradient it claims, and every gradient must agree with finite
differences of the loss. The finite differences use a separate textbook forward pass written here
in plain NumPy, so the check does not lean on the engine it checks."""
import numpy as np
import pytest

from engine.backprop import (
    BACKPROP_ACTIVATIONS,
    WEIGHT_SHAPES,
    TinyNetwork,
    build_model,
    example_network,
    gradient_descent_update,
    walk_through,
)
from engine.nn import get_activation

EPS = 1e-6


def random_network(seed: int, activation: str) -> TinyNetwork:
    rng = np.random.default_rng(seed)
    return TinyNetwork(
        x=rng.normal(size=2),
        target=float(rng.normal()),
        weights={name: rng.normal(size=shape) for name, shape in WEIGHT_SHAPES.items()},
        activation=activation,
    )


NETWORKS = [example_network(a) for a in BACKPROP_ACTIVATIONS] + [
    random_network(seed, a) for seed in (1, 2) for a in BACKPROP_ACTIVATIONS
]
ORDER = ("X", "S1", "Z1", "S2", "Z2", "yhat")


def textbook_forward(network: TinyNetwork, overrides: dict[str, np.ndarray] | None = None):
    """S¹ = W¹X, Z¹ = f(S¹), S² = W²Z¹, Z² = f(S²), ŷ = W³Z², L = ½(y − ŷ)², column vectors;
    a node named in ``overrides`` takes that value and the nodes after it follow from it."""
    overrides = overrides or {}
    w = {name: np.asarray(overrides.get(name, value)) for name, value in network.weights.items()}
    f = get_activation(network.activation).value
    nodes = {"X": overrides.get("X", network.x.reshape(-1, 1))}
    rules = {
        "S1": lambda: w["W1"] @ nodes["X"], "Z1": lambda: f(nodes["S1"]),
        "S2": lambda: w["W2"] @ nodes["Z1"], "Z2": lambda: f(nodes["S2"]),
        "yhat": lambda: w["W3"] @ nodes["Z2"],
    }
    for name in ORDER[1:]:
        nodes[name] = np.asarray(overrides[name]) if name in overrides else rules[name]()
    loss = 0.5 * float((network.target - nodes["yhat"][0, 0]) ** 2)
    return nodes, loss


def finite_difference(network: TinyNetwork, name: str, value: np.ndarray) -> np.ndarray:
    """∂L/∂(node or weight ``name``) at ``value`` by central differences."""
    value = np.array(value, dtype=float)
    grad = np.empty_like(value)
    for index in np.ndindex(value.shape):
        losses = []
        for sign in (1, -1):
            moved = value.copy()
            moved[index] += sign * EPS
            losses.append(textbook_forward(network, {name: moved})[1])
        grad[index] = (losses[0] - losses[1]) / (2 * EPS)
    return grad


def apply(step) -> np.ndarray:
    left, right = step.left.value, step.right.value
    return {"·": lambda: left @ right, "⊙": lambda: left * right, "−": lambda: left - right}[step.operator]()


@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: n.activation)
def test_forward_values_and_loss_follow_the_textbook_formulas(network):
    walkthrough = walk_through(network)
    nodes, loss = textbook_forward(network)
    for name, value in walkthrough.values.items():
        np.testing.assert_allclose(value, nodes[name], rtol=1e-12, atol=1e-15)
    assert walkthrough.loss == pytest.approx(loss, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: n.activation)
def test_every_chain_rule_product_multiplies_out_to_its_gradient(network):
    for step in walk_through(network).steps:
        np.testing.assert_allclose(apply(step), step.value, rtol=1e-12, atol=1e-15,
                                   err_msg=step.formula)


@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: n.activation)
def test_every_gradient_agrees_with_finite_differences(network):
    walkthrough = walk_through(network)
    nodes, _ = textbook_forward(network)
    for step in walkthrough.steps:
        at = network.weights[step.node] if step.node in network.weights else nodes[step.node]
        numerical = finite_difference(network, step.node, at)
        np.testing.assert_allclose(step.value, numerical, rtol=1e-6, atol=1e-8, err_msg=step.formula)
    for name, gradient in walkthrough.gradients.items():
        np.testing.assert_allclose(gradient, finite_difference(network, name, network.weights[name]),
                                   rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("activation", BACKPROP_ACTIVATIONS)
def test_the_numbers_are_the_engine_backward_pass(activation):
    network = random_network(3, activation)
    model = build_model(network)
    prediction = model.forward(network.x.reshape(1, -1))
    model.backward(prediction - network.target)  # ∂/∂ŷ of ½(y − ŷ)²
    walkthrough = walk_through(network)
    for name, index in (("W1", 0), ("W2", 2), ("W3", 4)):
        np.testing.assert_array_equal(walkthrough.gradients[name], model.layers[index].grads["W"].T)
        np.testing.assert_array_equal(model.layers[index].b, 0.0)  # no biases
    steps = {step.node: step.value for step in walkthrough.steps}
    np.testing.assert_array_equal(steps["Z1"].ravel(), model.output_gradients[1].ravel())
    np.testing.assert_array_equal(steps["Z2"].ravel(), model.output_gradients[3].ravel())


def test_linear_network_gives_the_classic_derivation():
    walkthrough = walk_through(example_network("linear"))
    assert [s.formula for s in walkthrough.steps] == [
        "∂L/∂ŷ = ŷ − y",
        "∂L/∂W³ = ∂L/∂ŷ · (Z²)ᵀ",
        "∂L/∂Z² = (W³)ᵀ · ∂L/∂ŷ",
        "∂L/∂W² = ∂L/∂Z² · (Z¹)ᵀ",
        "∂L/∂Z¹ = (W²)ᵀ · ∂L/∂Z²",
        "∂L/∂W¹ = ∂L/∂Z¹ · Xᵀ",
    ]
    assert set(walkthrough.values) == {"X", "Z1", "Z2", "yhat"}
    # The example's numbers, worked by hand: Z¹ = (0.35, 0.4, 0.2), Z² = (0.125, 0.135),
    # ŷ = 0.7·0.125 − 0.5·0.135 = 0.02, L = ½·0.98².
    np.testing.assert_allclose(walkthrough.values["yhat"], [[0.02]], atol=1e-15)
    assert walkthrough.loss == pytest.approx(0.5 * 0.98**2)
    np.testing.assert_allclose(walkthrough.gradients["W3"], [[-0.98 * 0.125, -0.98 * 0.135]])


def test_a_nonlinear_activation_adds_the_weighted_sums_and_f_prime():
    walkthrough = walk_through(example_network("sigmoid"))
    symbols = [s.symbol for s in walkthrough.steps]
    assert symbols == ["∂L/∂ŷ", "∂L/∂W³", "∂L/∂Z²", "∂L/∂S²", "∂L/∂W²", "∂L/∂Z¹", "∂L/∂S¹", "∂L/∂W¹"]
    s2 = walkthrough.steps[3]
    assert s2.operator == "⊙" and s2.right.symbol == "f′(S²)"
    sigma = get_activation("sigmoid").value(walkthrough.values["S2"])
    np.testing.assert_allclose(s2.right.value, sigma * (1 - sigma))


@pytest.mark.parametrize("activation", ("linear", "tanh", "relu"))
def test_the_update_is_one_gradient_descent_step_and_lowers_the_loss(activation):
    network = example_network(activation)
    walkthrough = walk_through(network)
    alpha = 0.1
    updated = gradient_descent_update(walkthrough, alpha)
    for name, weights in network.weights.items():
        np.testing.assert_allclose(updated.weights[name], weights - alpha * walkthrough.gradients[name])
    assert updated.x is network.x or np.array_equal(updated.x, network.x)
    assert walk_through(updated).loss < walkthrough.loss


def test_every_array_it_returns_is_read_only():
    walkthrough = walk_through(example_network("elu"))
    arrays = [*walkthrough.values.values(), *walkthrough.gradients.values(),
              *walkthrough.network.weights.values()]
    for step in walkthrough.steps:
        arrays += [step.left.value, step.right.value, step.value]
    assert not any(a.flags.writeable for a in arrays)


@pytest.mark.parametrize("change, message", [
    (dict(x=[1.0, 2.0, 3.0]), "X must have shape"),
    (dict(x=[np.nan, 1.0]), "finite"),
    (dict(target=np.inf), "target"),
    (dict(weights={"W1": np.zeros((3, 2)), "W2": np.zeros((2, 3))}), "W1, W2, W3"),
    (dict(weights={"W1": np.zeros((2, 3)), "W2": np.zeros((2, 3)), "W3": np.zeros((1, 2))}), r"W1 must have shape \(3, 2\)"),
    (dict(activation="softmax"), "choose one of"),
])
def test_bad_networks_are_refused_with_a_clear_message(change, message):
    base = example_network()
    fields = dict(x=base.x, target=base.target, weights=base.weights, activation=base.activation)
    with pytest.raises(ValueError, match=message):
        TinyNetwork(**{**fields, **change})


def test_a_negative_learning_rate_is_refused():
    with pytest.raises(ValueError, match="learning rate"):
        gradient_descent_update(walk_through(example_network()), -0.1)
