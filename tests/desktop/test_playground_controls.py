"""Every Playground control, driven as a user would: the engine configuration and the view change."""
import numpy as np
from PySide6.QtCore import QPointF, Qt

from engine.data.features import FEATURES
from playground_fixtures import choose, lab, session, settle  # noqa: F401 (lab is a fixture)


def click_node(qtbot, lab, column, row):
    node = lab.network._nodes[column][row]
    qtbot.mouseClick(lab.network, Qt.MouseButton.LeftButton, pos=node.rect.center().toPoint())


def test_learning_rate_changes_the_running_optimizer_without_a_reset(lab, qtbot):
    lab.step()
    settle(lab, qtbot)
    run, trainer = lab.frame.run, session(lab).trainer
    choose(lab.toolbar.learning_rate, 0.3)
    settle(lab, qtbot)
    assert lab.config.learning_rate == 0.3
    assert session(lab).trainer is trainer and trainer.optimizer.lr == 0.3
    assert lab.frame.run == run and lab.frame.snapshot.epoch == 1


def test_regularization_reaches_the_trainer_without_a_reset(lab, qtbot):
    assert not lab.toolbar.regularization_rate.isEnabled()
    choose(lab.toolbar.regularization, "l2")
    choose(lab.toolbar.regularization_rate, 0.01)
    settle(lab, qtbot)
    assert lab.toolbar.regularization_rate.isEnabled()
    regularizer = session(lab).trainer.config.regularizer
    assert type(regularizer).__name__ == "L2" and regularizer.lam == 0.01
    assert lab.frame.run == 1


def test_activation_starts_a_new_run_and_labels_every_layer(lab, qtbot):
    choose(lab.toolbar.activation, "relu")
    settle(lab, qtbot)
    assert lab.config.hidden_activations() == ("relu", "relu")
    assert lab.frame.run == 2
    assert all(controls[3].text().startswith("ReLU") for controls in lab.network._column_controls)


def test_per_layer_activation_menu(lab, qtbot):
    menu = lab.network._column_controls[1][3].menu()
    next(action for action in menu.actions() if action.data() == "elu").trigger()
    settle(lab, qtbot)
    assert lab.config.hidden_activations() == ("tanh", "elu")
    assert lab.toolbar.activation.currentIndex() == -1  # the layers differ: no single answer


def test_problem_type_switches_to_regression(lab, qtbot):
    choose(lab.toolbar.problem, "regression")
    settle(lab, qtbot)
    assert lab.config.dataset == "plane" and lab.config.problem == "regression"
    assert lab.data_view.dataset_buttons["plane"].isVisible()
    assert not lab.data_view.dataset_buttons["circle"].isVisible()
    assert not lab.output.accuracy_plot.isVisible()
    assert len(lab.frame.train_x) == 600  # half of the Playground's 1200 regression points
    assert not lab.settings_view.loss.isEnabled()


def test_dataset_thumbnail(lab, qtbot):
    before = lab.frame.train_y.copy()
    qtbot.mouseClick(lab.data_view.dataset_buttons["xor"], Qt.MouseButton.LeftButton)
    settle(lab, qtbot)
    assert lab.config.dataset == "xor" and lab.frame.config.dataset == "xor"
    assert not np.array_equal(lab.frame.train_y, before)


def test_three_class_spiral_has_three_outputs_and_a_legend_per_class(lab, qtbot):
    qtbot.mouseClick(lab.data_view.dataset_buttons["spiral3"], Qt.MouseButton.LeftButton)
    choose(lab.settings_view.loss, "cross_entropy")
    settle(lab, qtbot)
    assert lab.frame.output_map.shape[-1] == 3
    assert len(lab.network._nodes[-1]) == 3
    assert lab.output.legend.labels() == ["Class 1", "Class 2", "Class 3"]


def test_sliders(lab, qtbot):
    lab.data_view.noise.setValue(25)
    lab.data_view.ratio.setValue(30)
    settle(lab, qtbot)
    assert (lab.config.noise, lab.config.train_percent) == (25, 30)
    assert len(lab.frame.train_x) == 150
    assert lab.data_view.noise_label.text() == "Noise: 25"
    batch = lab.data_view.batch
    batch.setValue(batch.maximum())
    settle(lab, qtbot)
    assert lab.config.batch_size == 150  # the whole training set, beyond TF's 30
    assert session(lab).trainer.config.batch_size == 150
    assert "all training points" in lab.data_view.batch_label.text()
    lab.data_view.ratio.setValue(10)  # 50 points: the batch shrinks with the set
    settle(lab, qtbot)
    assert lab.config.batch_size == 50


def test_regenerate_draws_new_points_and_shows_the_seed(lab, qtbot):
    before = lab.frame.train_x.copy()
    qtbot.mouseClick(lab.data_view.regenerate, Qt.MouseButton.LeftButton)
    settle(lab, qtbot)
    assert lab.config.seed == 2
    assert lab.data_view.seed_label.text() == "Seed 2"
    assert not np.array_equal(lab.frame.train_x, before)


def test_clicking_a_feature_toggles_it(lab, qtbot):
    row = list(FEATURES).index("x1^2")
    click_node(qtbot, lab, 0, row)
    settle(lab, qtbot)
    assert lab.config.features == ("x1", "x2", "x1^2")
    assert lab.frame.weights[0].shape == (3, 4)
    assert lab.network._nodes[0][row].active
    click_node(qtbot, lab, 0, row)
    settle(lab, qtbot)
    assert lab.config.features == ("x1", "x2")


def test_the_last_feature_cannot_be_switched_off(lab, qtbot):
    click_node(qtbot, lab, 0, 0)
    settle(lab, qtbot)
    click_node(qtbot, lab, 0, 1)
    settle(lab, qtbot)
    assert lab.config.features == ("x2",)
    assert "at least one input" in lab.network.message()


def test_layer_and_neuron_buttons(lab, qtbot):
    qtbot.mouseClick(lab.network._layers_plus, Qt.MouseButton.LeftButton)
    settle(lab, qtbot)
    assert lab.config.hidden == (4, 2, 2)
    assert lab.network._layers_label.text() == "3 HIDDEN LAYERS"
    plus, minus = lab.network._column_controls[0][:2]
    qtbot.mouseClick(plus, Qt.MouseButton.LeftButton)
    settle(lab, qtbot)
    assert lab.config.hidden == (5, 2, 2)
    assert [w.shape for w in lab.frame.weights] == [(2, 5), (5, 2), (2, 2), (2, 1)]
    qtbot.mouseClick(lab.network._layers_minus, Qt.MouseButton.LeftButton)
    settle(lab, qtbot)
    assert lab.config.hidden == (5, 2)
    for _ in range(3):
        qtbot.mouseClick(lab.network._column_controls[1][1], Qt.MouseButton.LeftButton)
    settle(lab, qtbot)
    assert lab.config.hidden == (5, 1)
    assert not lab.network._column_controls[1][1].isEnabled()  # at least one neuron


def test_the_network_view_grows_to_the_extended_limits(lab, qtbot):
    for _ in range(8):
        qtbot.mouseClick(lab.network._layers_plus, Qt.MouseButton.LeftButton)
    settle(lab, qtbot)
    assert len(lab.config.hidden) == 8 and not lab.network._layers_plus.isEnabled()
    lab._change(lambda c: c.replace(hidden=(16,) * 8, features=tuple(FEATURES)))
    settle(lab, qtbot)
    assert len(lab.network._links) == 7 * 16 + 7 * 16 * 16 + 16
    assert lab.frame.neuron_maps.shape[0] == 128


def test_settings_panel(lab, qtbot):
    lab.side_tabs.setCurrentIndex(1)
    settings = lab.settings_view
    choose(settings.optimizer, "adam")
    settle(lab, qtbot)
    assert type(session(lab).trainer.optimizer).__name__ == "Adam"
    assert settings.fields["beta1"].isVisible() and not settings.fields["momentum"].isVisible()
    settings.fields["beta2"].edit.setText("0.99")
    settings.fields["beta2"].edit.editingFinished.emit()
    choose(settings.initializer, "he_normal")
    settings.batch_norm.setChecked(True)
    settings.fields["dropout"].edit.setText("0.25")
    settings.fields["dropout"].edit.editingFinished.emit()
    choose(settings.schedule, "cosine")
    settings.early_stopping.setChecked(True)
    settings.stop_after.setChecked(True)
    settle(lab, qtbot)
    config = lab.config
    assert (config.beta2, config.initializer, config.batch_norm, config.dropout) == (0.99, "he_normal", True, 0.25)
    assert (config.schedule, config.patience, config.max_epochs) == ("cosine", 20, 500)
    trainer = session(lab).trainer
    assert trainer.optimizer.betas == (0.9, 0.99)
    assert trainer.config.patience == 20 and trainer.config.max_epochs == 500
    assert trainer.config.schedule is not None
    assert any(type(layer).__name__ == "BatchNorm" for layer in trainer.model.layers)


def test_bad_numbers_are_refused_next_to_the_field(lab, qtbot):
    lab.side_tabs.setCurrentIndex(1)
    field = lab.settings_view.fields["dropout"]
    for text in ("lots", "2"):
        field.edit.setText(text)
        field.edit.editingFinished.emit()
        assert field.error.isVisible() and "0 to 0.9" in field.error.text()
    settle(lab, qtbot)
    assert lab.config.dropout == 0.0
    field.edit.setText("0.1")
    field.edit.editingFinished.emit()
    settle(lab, qtbot)
    assert lab.config.dropout == 0.1 and not field.error.isVisible()


def test_editing_a_weight_reaches_the_model(lab, qtbot):
    editor = lab.network.open_weight_editor(0, 1, 2)
    assert editor.isVisible()
    editor.setText("0.75")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    settle(lab, qtbot)
    assert session(lab).trainer.model.parameters()["0.W"][1, 2] == 0.75
    assert lab.frame.weights[0][1, 2] == 0.75
    editor = lab.network.open_bias_editor(1, 0)
    editor.setText("−1.5")  # a typographic minus is fine
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    settle(lab, qtbot)
    assert lab.frame.biases[1][0] == -1.5


def test_a_weight_that_is_not_a_number_is_refused(lab, qtbot):
    before = lab.frame.weights[0].copy()
    editor = lab.network.open_weight_editor(0, 0, 0)
    editor.setText("heavy")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert "Type a number" in lab.network.editor_error()
    assert editor.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    settle(lab, qtbot)
    np.testing.assert_array_equal(lab.frame.weights[0], before)


def test_hovering_a_link_shows_its_weight(lab, qtbot):
    link = lab.network._links[0]
    middle = link.samples[len(link.samples) // 2]
    qtbot.mouseMove(lab.network, QPointF(*middle).toPoint())
    qtbot.waitUntil(lambda: lab.network.hover_text().startswith("Weight"))
    value = lab.frame.weights[0][link.source, link.target]
    assert f"{value:.3f}" in lab.network.hover_text()


def test_hovering_a_neuron_shows_its_map_in_the_output(lab, qtbot):
    node = lab.network._nodes[1][2]
    qtbot.mouseMove(lab.network, node.rect.center().toPoint())
    qtbot.waitUntil(lambda: "Neuron 3 of hidden layer 1" in lab.output.map_caption.text())
    assert lab.output.map.image_rgb().shape[:2] == lab.frame.neuron_maps.shape[1:]  # not 100×100
    qtbot.mouseMove(lab.output, lab.output.rect().center())
    qtbot.waitUntil(lambda: "output" in lab.output.map_caption.text())


def test_output_options(lab, qtbot):
    with qtbot.waitSignal(lab.settled, timeout=10000):
        lab.advance(30)
    assert not lab.output.map.overlay_visible("test")
    lab.output.show_test.setChecked(True)
    assert lab.output.map.overlay_visible("test")
    lab.output.discretize.setChecked(True)
    colors = {tuple(c) for c in lab.output.map.image_rgb().reshape(-1, 3)}
    assert len(colors) == 2  # one colour per side of the boundary
    lab.output.log_scale.setChecked(True)
    assert lab.output.loss_plot.log_y
