"""The backpropagation page: every number it shows is the engine's and agrees with finite
differences of the loss; the buttons walk forward, backward node by node, and update; edits and
the activation choice start over."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from engine.backprop import TinyNetwork, example_network, walk_through
from engine.nn import numerical_gradient
from gradients_fixtures import lab, shown_numbers  # noqa: F401 (lab is a fixture)


@pytest.fixture
def page(lab):
    return lab.backprop_page


def loss_of(network: TinyNetwork, weight: str, values: np.ndarray) -> float:
    weights = {**network.weights, weight: values}
    return walk_through(TinyNetwork(network.x, network.target, weights, network.activation)).loss


def finite_difference_gradients(network: TinyNetwork) -> dict[str, np.ndarray]:
    """∂L/∂W by central differences of the engine's forward pass alone."""
    return {name: numerical_gradient(lambda w, name=name: loss_of(network, name, w), np.array(weights))
            for name, weights in network.weights.items()}


def cards(page):
    return page.graph.cards


@pytest.mark.parametrize("activation", ["linear", "sigmoid", "relu"])
def test_every_number_on_screen_matches_the_engine_and_finite_differences(page, activation):
    page.activation.setCurrentIndex(page.activation.findData(activation))
    network = page.network
    page.forward()
    page.backward_all()
    walkthrough = walk_through(network)
    for name in ("Z1", "Z2", "yhat"):
        np.testing.assert_allclose(shown_numbers(cards(page)[name].value), walkthrough.values[name],
                                   rtol=1e-3, atol=1e-6)
    assert float(cards(page)["L"].value.texts()[0][0]) == pytest.approx(walkthrough.loss, rel=1e-3)
    numerical = finite_difference_gradients(network)
    for name in ("W1", "W2", "W3"):
        shown = shown_numbers(cards(page)[name].gradient)
        np.testing.assert_allclose(shown, walkthrough.gradients[name], rtol=1e-3, atol=1e-6)
        np.testing.assert_allclose(shown, numerical[name], rtol=1e-3, atol=1e-6)
    # The output node's gradient: ∂/∂ŷ of ½(y − ŷ)² is ŷ − y.
    yhat = walkthrough.values["yhat"][0, 0]
    assert float(cards(page)["yhat"].gradient.texts()[0][0]) == pytest.approx(yhat - network.target, rel=1e-3)
    if activation != "linear":
        for card, total in (("Z1", "S1"), ("Z2", "S2")):
            np.testing.assert_allclose(shown_numbers(cards(page)[card].sum_value),
                                       walkthrough.values[total], rtol=1e-3, atol=1e-6)


def test_backward_walks_one_node_at_a_time_showing_the_chain_rule_product(page):
    page.forward()
    assert page.graph.current() == "L"
    assert [e.formula for e in page.derivation.equations()][-1] == "L = ½(y − ŷ)²"
    walkthrough = page.walkthrough
    for number, step in enumerate(walkthrough.steps, start=1):
        page.backward_button.click()
        assert page.steps_list.count() == number
        assert page.steps_list.item(number - 1).text() == step.formula
        equation = page.derivation.equations()[0]
        assert equation.formula == step.formula
        result, left, right = page.derivation.matrices()
        np.testing.assert_allclose(shown_numbers(result), np.atleast_2d(step.value), rtol=1e-3, atol=1e-6)
        np.testing.assert_allclose(shown_numbers(left), np.atleast_2d(step.left.value), rtol=1e-3, atol=1e-6)
        np.testing.assert_allclose(shown_numbers(right), np.atleast_2d(step.right.value), rtol=1e-3, atol=1e-6)
        card = {"S1": "Z1", "S2": "Z2"}.get(step.node, step.node)
        assert page.graph.current() == card
    assert not page.backward_button.isEnabled() and page.update_button.isEnabled()
    # The first steps are the classic derivation's.
    assert page.steps_list.item(1).text() == "∂L/∂W³ = ∂L/∂ŷ · (Z²)ᵀ"


def test_clicking_an_earlier_step_shows_its_derivation_again(page):
    page.forward()
    page.backward_all()
    page.steps_list.setCurrentRow(1)
    assert page.derivation.equations()[0].formula == "∂L/∂W³ = ∂L/∂ŷ · (Z²)ᵀ"
    assert page.graph.current() == "W3"


def test_update_moves_each_weight_against_its_gradient_with_the_chosen_alpha(page):
    page.alpha.setValue(0.5)
    page.forward()
    before = page.walkthrough
    page.backward_all()
    page.update_button.click()
    for name in ("W1", "W2", "W3"):
        expected = before.network.weights[name] - 0.5 * before.gradients[name]
        np.testing.assert_allclose(page.network.weights[name], expected)
        np.testing.assert_allclose(shown_numbers(cards(page)[name].value), expected, rtol=1e-3, atol=1e-6)
    assert len(page.derivation.equations()) == 3  # W ← W − α·∂L/∂W for each matrix
    assert cards(page)["L"].value.texts() == [[""]]  # the old loss is gone with the old weights
    page.forward_button.click()
    assert page.walkthrough.loss < before.loss
    assert "0.4802" in page.message.text()  # the loss before the update, for comparison


def test_next_step_runs_through_every_stage_and_starts_a_new_round(page, lab):
    stages = page.last_stage
    for _ in range(stages):
        lab.step()
    assert page.stage == page.last_stage
    lab.step()
    assert page.stage == 1  # a new forward pass with the updated weights


def test_editing_a_weight_starts_over_and_bad_input_is_refused(page, qtbot):
    page.forward()
    page.backward_all()
    cell = cards(page)["W2"].value.cell(0, 1)
    cell.setText("0.25")
    cell.editingFinished.emit()
    assert page.network.weights["W2"][0, 1] == 0.25
    assert page.stage == 0 and page.steps_list.count() == 0
    cell = cards(page)["X"].value.cell(1, 0)
    cell.setText("zwei")
    cell.editingFinished.emit()
    assert page.network.x[1] == 0.5  # unchanged
    assert cards(page)["X"].value.is_invalid(1, 0)
    assert "X" in page.message.text()
    target = cards(page)["y"].value.cell(0, 0)
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    target.setText("2,5")  # a decimal comma works too
    target.editingFinished.emit()
    assert page.network.target == 2.5


def test_the_activation_choice_adds_the_weighted_sums_and_f_prime(page):
    page.activation.setCurrentIndex(page.activation.findData("tanh"))
    assert page.network.activation == "tanh"
    page.forward()
    assert cards(page)["Z1"].sum_value.isVisible()
    assert len(page.walkthrough.steps) == 8
    page.backward_all()
    assert any("f′(S²)" in page.steps_list.item(i).text() for i in range(page.steps_list.count()))


def test_back_to_the_example_restores_the_example_weights(page):
    cell = cards(page)["W1"].value.cell(0, 0)
    cell.setText("3")
    cell.editingFinished.emit()
    page.reset_button.click()
    np.testing.assert_array_equal(page.network.weights["W1"], example_network().weights["W1"])


def test_run_plays_the_stages_and_stops_after_the_update(page, lab, qtbot):
    page.play_timer.setInterval(10)
    with qtbot.waitSignal(lab.running_changed) as started:
        lab.run()
    assert started.args == [True] and lab.is_running()
    qtbot.waitUntil(lambda: not lab.is_running(), timeout=5000)
    assert page.stage == page.last_stage
