"""Racing optimizers on surfaces: closed-form first steps, second-order methods, divergence,
schedules, the learning-rate sweep."""
import numpy as np
import pytest

from engine.landscape import race as race_module
from engine.landscape.catalog import make_surface
from engine.landscape.methods import METHODS, default_hyperparameters, get_method, pytorch_defaults
from engine.landscape.race import Race, Racer, RacerConfig, ScheduleChoice
from engine.landscape.surfaces import Ellipse, Rosenbrock
from engine.landscape.sweep import learning_rate_sweep, log_spaced_rates, sweep_with_progress
from engine.landscape.progress import Progress

START = np.array([1.5, -0.8])


@pytest.fixture
def quadratic():
    """f(p) = pᵀAp with A = diag(1, 1/4) (axis-aligned, so coordinate-wise methods have simple
    closed forms); its gradient is G·p with G = 2A."""
    return Ellipse(condition=4.0, angle=0.0, gradient_noise=0.0)


G = np.diag([2.0, 0.5])


def path(method, surface, steps, **hyperparameters):
    racer = Racer(method, surface, START, np.random.default_rng(0), hyperparameters)
    for _ in range(steps):
        racer.step()
    return np.array(racer.points), racer


def test_gradient_descent_follows_powers_of_the_iteration_matrix(quadratic):
    lr = 0.3
    points, _ = path("gd", quadratic, 4, lr=lr)
    for k, point in enumerate(points):
        np.testing.assert_allclose(point, np.linalg.matrix_power(np.eye(2) - lr * G, k) @ START, rtol=1e-12)


def test_stochastic_descent_without_noise_is_gradient_descent(quadratic):
    np.testing.assert_allclose(path("sgd", quadratic, 5, lr=0.2)[0], path("gd", quadratic, 5, lr=0.2)[0])


def test_stochastic_descent_with_noise_wanders_but_is_reproducible():
    noisy = make_surface("bowl", gradient_noise=0.5)
    first, second = path("sgd", noisy, 5, lr=0.1)[0], path("sgd", noisy, 5, lr=0.1)[0]
    np.testing.assert_array_equal(first, second)
    assert not np.allclose(first, path("gd", noisy, 5, lr=0.1)[0])


def test_momentum_first_steps(quadratic):
    lr, mu = 0.1, 0.9
    points, racer = path("momentum", quadratic, 2, lr=lr, momentum=mu)
    identity = np.eye(2)
    first = (identity - lr * G) @ START  # the buffer starts as the first gradient
    second = first - lr * (mu * G @ START + G @ first)
    np.testing.assert_allclose(points[1], first, rtol=1e-12)
    np.testing.assert_allclose(points[2], second, rtol=1e-12)
    np.testing.assert_allclose(racer.velocity, -(mu * G @ START + G @ first), rtol=1e-12)


def test_nesterov_first_steps(quadratic):
    lr, mu = 0.1, 0.9
    points, _ = path("nesterov", quadratic, 2, lr=lr, momentum=mu)
    first = START - lr * (1 + mu) * G @ START  # g + μ·b with b = g
    buffer = mu * G @ START + G @ first
    np.testing.assert_allclose(points[1], first, rtol=1e-12)
    np.testing.assert_allclose(points[2], first - lr * (G @ first + mu * buffer), rtol=1e-12)


def test_adagrad_first_steps(quadratic):
    lr, eps = 0.2, 1e-10
    points, _ = path("adagrad", quadratic, 2, lr=lr)
    g0 = G @ START
    first = START - lr * g0 / (np.abs(g0) + eps)
    g1 = G @ first
    np.testing.assert_allclose(points[1], first, rtol=1e-12)
    np.testing.assert_allclose(points[2], first - lr * g1 / (np.sqrt(g0**2 + g1**2) + eps), rtol=1e-12)


def test_rmsprop_first_steps(quadratic):
    lr, alpha, eps = 0.01, 0.99, 1e-8
    points, _ = path("rmsprop", quadratic, 2, lr=lr)
    g0 = G @ START
    first = START - lr * g0 / (np.sqrt((1 - alpha) * g0**2) + eps)
    g1 = G @ first
    square_average = alpha * (1 - alpha) * g0**2 + (1 - alpha) * g1**2
    np.testing.assert_allclose(points[1], first, rtol=1e-12)
    np.testing.assert_allclose(points[2], first - lr * g1 / (np.sqrt(square_average) + eps), rtol=1e-12)


def test_adam_first_steps(quadratic):
    lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
    points, racer = path("adam", quadratic, 2, lr=lr)
    g0 = G @ START
    first = START - lr * g0 / (np.abs(g0) + eps)  # bias correction: m̂ = g, v̂ = g²
    g1 = G @ first
    m_hat = (b1 * (1 - b1) * g0 + (1 - b1) * g1) / (1 - b1**2)
    v_hat = (b2 * (1 - b2) * g0**2 + (1 - b2) * g1**2) / (1 - b2**2)
    np.testing.assert_allclose(points[1], first, rtol=1e-12)
    np.testing.assert_allclose(points[2], first - lr * m_hat / (np.sqrt(v_hat) + eps), rtol=1e-9)
    np.testing.assert_allclose(racer.velocity, -m_hat, rtol=1e-9)


@pytest.mark.parametrize("angle", [0.0, 35.0])
def test_newton_reaches_a_quadratics_minimum_in_one_step(angle):
    surface = Ellipse(condition=80.0, angle=angle)
    points, racer = path("newton", surface, 1)
    np.testing.assert_allclose(points[1], [0.0, 0.0], atol=1e-12)
    assert racer.losses[1] == pytest.approx(0.0, abs=1e-24)


def test_bfgs_reaches_the_rosenbrock_minimum():
    surface = Rosenbrock()
    points, racer = path("bfgs", surface, 200)
    np.testing.assert_allclose(points[-1], [1.0, 1.0], atol=1e-6)
    assert racer.status == "running" and racer.losses[-1] < 1e-12


def test_only_momentum_methods_have_a_velocity(quadratic):
    with_velocity = {name for name in METHODS if Racer(name, quadratic, START, np.random.default_rng(0)).velocity is not None}
    assert with_velocity == {"momentum", "nesterov", "adam"}


def test_the_record_has_one_entry_per_point_and_per_step(quadratic):
    points, racer = path("momentum", quadratic, 3, lr=0.1)
    frame = racer.frame()
    assert frame.points.shape == (4, 2) and frame.losses.shape == (4,)
    np.testing.assert_allclose(frame.losses, quadratic.value(frame.points))
    np.testing.assert_allclose(frame.gradient, quadratic.gradient(frame.point))
    assert frame.gradient_norm == pytest.approx(np.linalg.norm(quadratic.gradient(frame.point)))
    np.testing.assert_allclose(frame.step_lengths, np.linalg.norm(np.diff(frame.points, axis=0), axis=1))
    assert frame.last_step_length == frame.step_lengths[-1]
    np.testing.assert_array_equal(frame.rates, [0.1, 0.1, 0.1])
    assert not frame.points.flags.writeable


def test_a_too_large_learning_rate_diverges_without_an_exception():
    bowl = make_surface("bowl")
    points, racer = path("gd", bowl, 3000, lr=1.5)
    assert racer.status == "diverged"
    assert "lower the learning rate" in racer.message
    assert np.isfinite(points).all()  # the path keeps its last good point
    assert racer.frame().status == "diverged"


def test_descending_a_saddle_runs_off_the_surface():
    saddle = make_surface("saddle")
    _, racer = path("gd", saddle, 2000, lr=0.1)
    assert racer.status == "diverged" and "ran off" in racer.message


def test_a_schedule_decays_each_racers_own_rate(quadratic):
    schedule = ScheduleChoice("exponential", {"gamma": 0.5})
    race = Race(quadratic, START, [RacerConfig("gd", {"lr": 0.2}), RacerConfig("adam", {"lr": 0.04})],
                np.random.default_rng(0), schedule)
    frame = race.advance(4)
    np.testing.assert_allclose(frame.racers[0].rates, 0.2 * 0.5 ** np.arange(4))
    np.testing.assert_allclose(frame.racers[1].rates, 0.04 * 0.5 ** np.arange(4))
    np.testing.assert_allclose(schedule.curve(0.2, 4), 0.2 * 0.5 ** np.arange(4))


def test_a_race_steps_everyone_together_and_stops_at_the_limit(monkeypatch, quadratic):
    monkeypatch.setattr(race_module, "MAX_STEPS", 5)
    race = Race(quadratic, START, [RacerConfig(name) for name in METHODS], np.random.default_rng(0))
    frame = race.advance(3)
    assert frame.step == 3 and all(len(r.points) == 4 for r in frame.racers)
    frame = race.advance(10)
    assert frame.step == 5 and race.finished and not frame.running
    assert {r.status for r in frame.racers} == {"finished"}


def test_pytorch_defaults_and_lesson_defaults():
    assert pytorch_defaults("adam") == {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    assert pytorch_defaults("rmsprop") == {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8, "momentum": 0.0}
    assert pytorch_defaults("momentum")["momentum"] == 0.9
    assert pytorch_defaults("newton") == {"lr": 1.0, "damping": 0.0}
    bowl = make_surface("bowl")
    lesson = default_hyperparameters("gd", bowl)
    assert lesson["lr"] == bowl.suggested_lr
    assert default_hyperparameters("adam", bowl)["lr"] == pytest.approx(bowl.span / 50)
    assert default_hyperparameters("adam", bowl)["beta2"] == 0.999


def test_bad_configurations_are_refused_with_a_message(quadratic):
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="unknown method"):
        Racer("lbfgs", quadratic, START, rng)
    with pytest.raises(ValueError, match="no hyperparameter beta1"):
        Racer("gd", quadratic, START, rng, {"beta1": 0.9})
    with pytest.raises(ValueError, match="learning rate"):
        Racer("gd", quadratic, START, rng, {"lr": -1.0})
    with pytest.raises(ValueError, match=r"betas\[1\]"):
        Racer("adam", quadratic, START, rng, {"beta2": 1.5})
    with pytest.raises(ValueError, match="start point"):
        Racer("gd", quadratic, [np.nan, 0.0], rng)
    with pytest.raises(ValueError, match="at least one method"):
        Race(quadratic, START, [], rng)
    with pytest.raises(ValueError, match="unknown schedule"):
        Racer("gd", quadratic, START, rng, schedule=ScheduleChoice("linear"))
    assert get_method("bfgs").editable == ()


def test_the_sweep_marks_exactly_the_diverging_rates():
    bowl = make_surface("bowl")  # curvature 2: gradient descent diverges for lr > 2/2 = 1
    rates = log_spaced_rates(0.01, 3.0, 25)
    assert 1.0 not in rates
    result = learning_rate_sweep(bowl, (1.0, -1.0), rates, steps=30, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(result.diverged, rates > 1.0)
    assert 0.4 < result.best_rate < 0.6  # lr = 0.5 lands on the minimum in one step
    finite = result.final_losses[~result.diverged]
    assert np.all(finite < result.start_loss)


def test_the_sweep_reports_progress_and_never_raises_on_blow_ups():
    rosenbrock = Rosenbrock()
    items = list(sweep_with_progress(rosenbrock, rosenbrock.start, [1e-4, 10.0, 1e6], steps=20,
                                     rng=np.random.default_rng(0)))
    *progress, result = items
    assert [p.done for p in progress] == [1, 2, 3] and all(isinstance(p, Progress) for p in progress)
    np.testing.assert_array_equal(result.diverged, [False, True, True])
    assert np.isfinite(result.final_losses).all()


def test_sweep_settings_are_checked():
    with pytest.raises(ValueError, match="highest rate"):
        log_spaced_rates(1.0, 0.1)
    with pytest.raises(ValueError, match="number of rates"):
        log_spaced_rates(0.1, 1.0, 1)
    with pytest.raises(ValueError, match="rates"):
        learning_rate_sweep(make_surface("bowl"), (1, 1), [], rng=np.random.default_rng(0))


def test_the_directional_derivative_is_the_gradient_length_times_the_cosine(quadratic):
    _, racer = path("gd", quadratic, 1, lr=0.1)
    frame = racer.frame()
    gradient = frame.gradient
    along, angle = frame.directional_derivative(gradient * 3.0)
    assert along == pytest.approx(np.linalg.norm(gradient)) and angle == pytest.approx(0.0, abs=1e-4)
    across, angle = frame.directional_derivative([-gradient[1], gradient[0]])
    assert across == pytest.approx(0.0, abs=1e-12) and angle == pytest.approx(90.0)
    theta = np.radians(60.0)
    rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    slope, angle = frame.directional_derivative(rotation @ gradient)
    assert slope == pytest.approx(np.linalg.norm(gradient) * 0.5) and angle == pytest.approx(60.0)
    with pytest.raises(ValueError, match="non-zero"):
        frame.directional_derivative([0.0, 0.0])


def test_a_schedule_that_reaches_zero_stops_the_racer_instead_of_failing(quadratic):
    race = Race(quadratic, START, [RacerConfig("gd", {"lr": 0.1})], np.random.default_rng(0),
                ScheduleChoice("cosine", {"total_epochs": 5}))
    frame = race.advance(10)
    assert frame.step == 6 and frame.racers[0].status == "finished"
    assert len(frame.racers[0].points) == 6  # steps 0-4 at lr > 0, then the rate is 0
    assert "reached 0" in frame.racers[0].message


def test_the_sweep_keeps_the_other_hyperparameters_it_is_given():
    bowl = make_surface("bowl")
    rates = [0.05, 0.5]
    heavy = learning_rate_sweep(bowl, (1.0, -1.0), rates, steps=3, method="momentum",
                                hyperparameters={"momentum": 0.9, "lr": 123.0}, rng=np.random.default_rng(0))
    light = learning_rate_sweep(bowl, (1.0, -1.0), rates, steps=3, method="momentum",
                                hyperparameters={"momentum": 0.1}, rng=np.random.default_rng(0))
    assert not np.allclose(heavy.final_losses, light.final_losses)
    racer = Racer("momentum", bowl, (1.0, -1.0), np.random.default_rng(0), {"lr": 0.05, "momentum": 0.9})
    for _ in range(3):
        racer.step()
    assert heavy.final_losses[0] == racer.losses[-1]  # the swept rate wins over the given lr
