"""Newton and BFGS on quadratics, saddles, flat directions and Rosenbrock's valley."""
import numpy as np
import pytest

from engine.optim.second_order import BFGS, Newton


class Quadratic:
    """f(x) = ½xᵀAx − bᵀx; minimum at A⁻¹b when A is positive definite."""

    def __init__(self, a, b):
        self.a, self.b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)

    def value(self, x):
        return 0.5 * x @ self.a @ x - self.b @ x

    def gradient(self, x):
        return self.a @ x - self.b

    def hessian(self, x):
        return self.a


class Rosenbrock:
    """f(x, y) = (1 − x)² + 100(y − x²)²: a curved, narrow valley with its minimum at (1, 1)."""

    def value(self, p):
        x, y = p
        return (1 - x) ** 2 + 100 * (y - x**2) ** 2

    def gradient(self, p):
        x, y = p
        return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])

    def hessian(self, p):
        x, y = p
        return np.array([[2 - 400 * (y - 3 * x**2), -400 * x], [-400 * x, 200.0]])


def random_bowl(seed, n=4):
    rng = np.random.default_rng(seed)
    m = rng.normal(size=(n, n))
    return Quadratic(m @ m.T + n * np.eye(n), rng.normal(size=n))


def test_newton_reaches_a_quadratics_minimum_in_one_step():
    bowl = random_bowl(0)
    newton = Newton()
    x = newton.step(np.ones(4), bowl)
    np.testing.assert_allclose(x, np.linalg.solve(bowl.a, bowl.b), rtol=1e-12, atol=1e-12)
    assert newton.last_step_kind == "newton"


def test_newton_learning_rate_and_damping_scale_the_step():
    bowl = random_bowl(1)
    x0 = np.zeros(4)
    g = bowl.gradient(x0)
    x = Newton(lr=0.5, damping=2.0).step(x0, bowl)
    np.testing.assert_allclose(x, x0 - 0.5 * np.linalg.solve(bowl.a + 2.0 * np.eye(4), g), rtol=1e-12)


def test_heavy_damping_turns_newton_into_gradient_descent():
    bowl = random_bowl(2)
    x0 = np.ones(4)
    x = Newton(damping=1e6).step(x0, bowl)
    np.testing.assert_allclose(x, x0 - bowl.gradient(x0) / 1e6, rtol=1e-4)


def test_newton_descends_away_from_a_saddle_instead_of_jumping_onto_it():
    saddle = Quadratic(np.diag([2.0, -2.0]), np.zeros(2))  # f = x² − y²
    newton = Newton()
    x = newton.step(np.array([1.0, 0.5]), saddle)
    np.testing.assert_allclose(x, [0.0, 1.0], atol=1e-15)  # pure Newton would land on (0, 0)
    assert newton.last_step_kind == "modified"
    assert saddle.value(x) < saddle.value(np.array([1.0, 0.5]))


def test_enough_damping_makes_the_saddle_step_a_newton_step_again():
    saddle = Quadratic(np.diag([2.0, -2.0]), np.zeros(2))
    newton = Newton(damping=3.0)
    x = newton.step(np.array([1.0, 0.5]), saddle)
    np.testing.assert_allclose(x, [1.0 - 2.0 / 5.0, 0.5 + 1.0 / 1.0], rtol=1e-15)
    assert newton.last_step_kind == "newton"


def test_newton_takes_a_gradient_step_along_a_flat_direction():
    class Trough:  # f = x² + y: no curvature along y, constant slope
        def value(self, p):
            return p[0] ** 2 + p[1]

        def gradient(self, p):
            return np.array([2 * p[0], 1.0])

        def hessian(self, p):
            return np.diag([2.0, 0.0])

    newton = Newton(lr=0.1)
    x = newton.step(np.array([1.0, 0.0]), Trough())
    np.testing.assert_allclose(x, [0.9, -0.1], rtol=1e-15)
    assert newton.last_step_kind == "modified"


def test_newton_with_a_zero_hessian_does_not_crash():
    flat = Quadratic(np.zeros((2, 2)), np.array([1.0, -1.0]))
    x = Newton(lr=0.5).step(np.zeros(2), flat)
    np.testing.assert_allclose(x, [0.5, -0.5], rtol=1e-15)


def test_newton_reports_non_finite_input_as_nan():
    class Broken(Quadratic):
        def hessian(self, x):
            return np.array([[np.inf, 0.0], [0.0, 1.0]])

    newton = Newton()
    x = newton.step(np.ones(2), Broken(np.eye(2), np.zeros(2)))
    assert np.isnan(x).all() and newton.last_step_kind == "non-finite"


def test_newton_solves_rosenbrock():
    newton, x = Newton(), np.array([-1.2, 1.0])
    for _ in range(20):
        x = newton.step(x, Rosenbrock())
    np.testing.assert_allclose(x, [1.0, 1.0], atol=1e-12)


def test_bfgs_reaches_rosenbrocks_minimum():
    bfgs, x = BFGS(), np.array([-1.2, 1.0])
    rosenbrock = Rosenbrock()
    values = [rosenbrock.value(x)]
    for _ in range(100):
        x = bfgs.step(x, rosenbrock)
        values.append(rosenbrock.value(x))
    np.testing.assert_allclose(x, [1.0, 1.0], atol=1e-8)
    assert all(later <= earlier for earlier, later in zip(values, values[1:]))  # Armijo: never uphill
    np.testing.assert_allclose(bfgs.inverse_hessian, np.linalg.inv(rosenbrock.hessian(x)), rtol=0.1, atol=1e-3)


def test_bfgs_learns_the_inverse_hessian_of_a_quadratic():
    bowl = random_bowl(3)
    bfgs, x = BFGS(), np.zeros(4)
    for _ in range(60):
        x = bfgs.step(x, bowl)
    np.testing.assert_allclose(x, np.linalg.solve(bowl.a, bowl.b), atol=1e-10)


def test_bfgs_first_step_is_a_backtracked_gradient_step():
    bowl = Quadratic(np.diag([1.0, 10.0]), np.zeros(2))
    bfgs, x0 = BFGS(), np.array([1.0, 1.0])
    x = bfgs.step(x0, bowl)
    # f(x0) = 5.5; a = 1, 0.5, 0.25 overshoot the steep direction (f = 405, 80.1, 11.5),
    # a = 0.125 passes the Armijo test (f = 0.70).
    assert bfgs.last_step_size == 0.125
    np.testing.assert_allclose(x, x0 - 0.125 * bowl.gradient(x0), rtol=1e-15)


def test_bfgs_stays_put_at_a_stationary_point_and_reset_forgets():
    bowl = Quadratic(np.eye(2), np.zeros(2))
    bfgs = BFGS()
    np.testing.assert_array_equal(bfgs.step(np.zeros(2), bowl), [0.0, 0.0])
    assert bfgs.last_step_size == 0.0
    bfgs.step(np.ones(2), bowl)
    assert bfgs.inverse_hessian is not None
    bfgs.reset()
    assert bfgs.inverse_hessian is None and bfgs.last_step_size == 0.0


def test_bfgs_stays_put_when_no_step_length_works():
    class NanAwayFromStart(Quadratic):
        def value(self, x):
            return 0.0 if np.array_equal(x, np.ones(2)) else np.nan

    bfgs = BFGS(max_backtracks=5)
    x = bfgs.step(np.ones(2), NanAwayFromStart(np.eye(2), np.zeros(2)))
    np.testing.assert_array_equal(x, [1.0, 1.0])
    assert bfgs.last_step_size == 0.0


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: Newton(lr=0.0), "lr must be"),
        (lambda: Newton(lr=-1.0), "lr must be"),
        (lambda: Newton(damping=-0.1), r"damping must be a finite number in \[0, inf\)"),
        (lambda: Newton(damping=float("nan")), "damping"),
        (lambda: BFGS(c1=0.0), r"c1 must be a finite number in \(0, 1\)"),
        (lambda: BFGS(c1=1.0), "c1"),
        (lambda: BFGS(shrink=1.0), "shrink"),
        (lambda: BFGS(shrink=0.0), "shrink"),
        (lambda: BFGS(max_backtracks=0), "max_backtracks must be a whole number"),
        (lambda: BFGS(max_backtracks=2.5), "max_backtracks"),
    ],
)
def test_bad_settings_are_rejected(make, message):
    with pytest.raises(ValueError, match=message):
        make()
