"""What the Optimization lab calls things on screen, in the current language, and the colour
that stands for each method in every view of the lab. (Each text is a literal
``QCoreApplication.translate`` call, so that the translation tool finds it.)"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from desktop.theme import Style


def surface_title(name: str) -> str:
    titles = {
        "bowl": QCoreApplication.translate("OptimizerNames", "Convex bowl"),
        "ellipse": QCoreApplication.translate("OptimizerNames", "Ill-conditioned ellipse"),
        "saddle": QCoreApplication.translate("OptimizerNames", "Saddle x² − y²"),
        "rosenbrock": QCoreApplication.translate("OptimizerNames", "Rosenbrock valley"),
        "beale": QCoreApplication.translate("OptimizerNames", "Beale"),
        "himmelblau": QCoreApplication.translate("OptimizerNames", "Himmelblau (four minima)"),
        "plateau": QCoreApplication.translate("OptimizerNames", "Plateau with a narrow well"),
        "linear_regression": QCoreApplication.translate("OptimizerNames", "Data: linear regression (MSE)"),
        "logistic_regression": QCoreApplication.translate("OptimizerNames", "Data: logistic regression (cross-entropy)"),
    }
    return titles[name]


def method_title(name: str) -> str:
    titles = {
        "gd": QCoreApplication.translate("OptimizerNames", "Gradient descent"),
        "sgd": QCoreApplication.translate("OptimizerNames", "Stochastic GD"),
        "momentum": QCoreApplication.translate("OptimizerNames", "Momentum"),
        "nesterov": QCoreApplication.translate("OptimizerNames", "Nesterov"),
        "adagrad": QCoreApplication.translate("OptimizerNames", "AdaGrad"),
        "rmsprop": QCoreApplication.translate("OptimizerNames", "RMSProp"),
        "adam": QCoreApplication.translate("OptimizerNames", "Adam"),
        "newton": QCoreApplication.translate("OptimizerNames", "Newton's method"),
        "bfgs": QCoreApplication.translate("OptimizerNames", "BFGS"),
    }
    return titles[name]


def hyperparameter_title(name: str) -> str:
    titles = {
        "lr": QCoreApplication.translate("OptimizerNames", "learning rate (lr)"),
        "momentum": QCoreApplication.translate("OptimizerNames", "momentum"),
        "dampening": QCoreApplication.translate("OptimizerNames", "dampening"),
        "lr_decay": QCoreApplication.translate("OptimizerNames", "lr decay"),
        "initial_accumulator_value": QCoreApplication.translate("OptimizerNames", "initial accumulator"),
        "eps": QCoreApplication.translate("OptimizerNames", "eps"),
        "alpha": QCoreApplication.translate("OptimizerNames", "alpha (average of g²)"),
        "beta1": QCoreApplication.translate("OptimizerNames", "beta1 (average of g)"),
        "beta2": QCoreApplication.translate("OptimizerNames", "beta2 (average of g²)"),
        "damping": QCoreApplication.translate("OptimizerNames", "damping"),
    }
    return titles[name]


def schedule_title(name: str | None) -> str:
    titles = {
        None: QCoreApplication.translate("OptimizerNames", "Constant"),
        "inverse_time": QCoreApplication.translate("OptimizerNames", "1 / (1 + decay · t)"),
        "step": QCoreApplication.translate("OptimizerNames", "Step: × gamma every k steps"),
        "exponential": QCoreApplication.translate("OptimizerNames", "Exponential: × gamma each step"),
        "cosine": QCoreApplication.translate("OptimizerNames", "Cosine to 0 over T steps"),
    }
    return titles[name]


def status_title(status: str) -> str:
    titles = {"running": QCoreApplication.translate("OptimizerNames", "running"), "diverged": QCoreApplication.translate("OptimizerNames", "diverged"), "finished": QCoreApplication.translate("OptimizerNames", "stopped")}
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
