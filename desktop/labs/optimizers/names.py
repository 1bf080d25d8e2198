"""What the Optimization lab calls things on screen, in the current language, and the colour
that stands for each method in every view of the lab."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from desktop.theme import Style


def _tr(text: str) -> str:
    return QCoreApplication.translate("OptimizerNames", text)


def surface_title(name: str) -> str:
    titles = {
        "bowl": _tr("Convex bowl"),
        "ellipse": _tr("Ill-conditioned ellipse"),
        "saddle": _tr("Saddle x² − y²"),
        "rosenbrock": _tr("Rosenbrock valley"),
        "beale": _tr("Beale"),
        "himmelblau": _tr("Himmelblau (four minima)"),
        "plateau": _tr("Plateau with a narrow well"),
        "linear_regression": _tr("Data: linear regression (MSE)"),
        "logistic_regression": _tr("Data: logistic regression (cross-entropy)"),
    }
    return titles[name]


def method_title(name: str) -> str:
    titles = {
        "gd": _tr("Gradient descent"),
        "sgd": _tr("Stochastic GD"),
        "momentum": _tr("Momentum"),
        "nesterov": _tr("Nesterov"),
        "adagrad": _tr("AdaGrad"),
        "rmsprop": _tr("RMSProp"),
        "adam": _tr("Adam"),
        "newton": _tr("Newton's method"),
        "bfgs": _tr("BFGS"),
    }
    return titles[name]


def hyperparameter_title(name: str) -> str:
    titles = {
        "lr": _tr("learning rate (lr)"),
        "momentum": _tr("momentum"),
        "dampening": _tr("dampening"),
        "lr_decay": _tr("lr decay"),
        "initial_accumulator_value": _tr("initial accumulator"),
        "eps": _tr("eps"),
        "alpha": _tr("alpha (average of g²)"),
        "beta1": _tr("beta1 (average of g)"),
        "beta2": _tr("beta2 (average of g²)"),
        "damping": _tr("damping"),
    }
    return titles[name]


def schedule_title(name: str | None) -> str:
    titles = {
        None: _tr("Constant"),
        "inverse_time": _tr("1 / (1 + decay · t)"),
        "step": _tr("Step: × gamma every k steps"),
        "exponential": _tr("Exponential: × gamma each step"),
        "cosine": _tr("Cosine to 0 over T steps"),
    }
    return titles[name]


def status_title(status: str) -> str:
    titles = {"running": _tr("running"), "diverged": _tr("diverged"), "finished": _tr("stopped")}
    return titles[status]


# Which colour of the palette's series each method gets: the methods a lesson compares most
# get the most distinct colours; the palette's last colour (yellow, faint on white) is not used.
_SERIES_INDEX = {"gd": 0, "sgd": 1, "momentum": 2, "rmsprop": 3, "nesterov": 4, "adam": 5}
_EXTRA_COLORS = {  # (light, dark) backgrounds
    "adagrad": ("#8c564b", "#d4a373"),
    "newton": ("#606060", "#b0b0b0"),
    "bfgs": ("#000000", "#ffffff"),
}


def method_color(style: Style, method: str) -> QColor:
    """The method's colour in every view: a series colour of the palette, or for the methods
    beyond the palette's six distinct colours a brown, a grey and black/white."""
    if method in _SERIES_INDEX:
        return QColor(style.palette.series[_SERIES_INDEX[method]])
    light, dark = _EXTRA_COLORS[method]
    return QColor(dark if style.dark else light)
