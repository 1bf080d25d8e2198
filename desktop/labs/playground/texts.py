"""The Playground's words: display names of the engine's choices, and its messages.

Engine names (``"spiral3"``, ``"he_normal"``, ...) stay in the configuration; these functions
give what a student reads, in the current language. Every call spells out
``QCoreApplication.translate("PlaygroundTexts", ...)``: lupdate only finds literal arguments.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def dataset_name(name: str) -> str:
    names = {
        "circle": QCoreApplication.translate("PlaygroundTexts", "Circle"),
        "xor": QCoreApplication.translate("PlaygroundTexts", "Exclusive or"),
        "gaussian": QCoreApplication.translate("PlaygroundTexts", "Gaussian"),
        "spiral": QCoreApplication.translate("PlaygroundTexts", "Spiral"),
        "moons": QCoreApplication.translate("PlaygroundTexts", "Two moons"),
        "spiral3": QCoreApplication.translate("PlaygroundTexts", "Spiral, 3 classes"),
        "spiral4": QCoreApplication.translate("PlaygroundTexts", "Spiral, 4 classes"),
        "spiral5": QCoreApplication.translate("PlaygroundTexts", "Spiral, 5 classes"),
        "plane": QCoreApplication.translate("PlaygroundTexts", "Plane"),
        "multi_gaussian": QCoreApplication.translate("PlaygroundTexts", "Multi Gaussian"),
    }
    return names[name]


def activation_name(name: str) -> str:
    names = {
        "relu": "ReLU",
        "tanh": "Tanh",
        "sigmoid": "Sigmoid",
        "linear": QCoreApplication.translate("PlaygroundTexts", "Linear"),
        "step": QCoreApplication.translate("PlaygroundTexts", "Step"),
        "leaky_relu": "Leaky ReLU",
        "prelu": "PReLU",
        "elu": "ELU",
        "softplus": "Softplus",
    }
    return names[name]


def regularization_name(name: str) -> str:
    names = {
        "none": QCoreApplication.translate("PlaygroundTexts", "None"),
        "l1": "L1",
        "l2": "L2",
    }
    return names[name]


def problem_name(name: str) -> str:
    names = {
        "classification": QCoreApplication.translate("PlaygroundTexts", "Classification"),
        "regression": QCoreApplication.translate("PlaygroundTexts", "Regression"),
    }
    return names[name]


def loss_name(name: str) -> str:
    names = {
        "mse": QCoreApplication.translate("PlaygroundTexts", "Squared error (MSE)"),
        "cross_entropy": QCoreApplication.translate("PlaygroundTexts", "Cross-entropy"),
    }
    return names[name]


def optimizer_name(name: str) -> str:
    names = {
        "sgd": QCoreApplication.translate("PlaygroundTexts", "SGD"),
        "momentum": QCoreApplication.translate("PlaygroundTexts", "Momentum"),
        "nesterov": QCoreApplication.translate("PlaygroundTexts", "Nesterov momentum"),
        "rmsprop": "RMSProp",
        "adagrad": "AdaGrad",
        "adam": "Adam",
    }
    return names[name]


def initializer_name(name: str) -> str:
    names = {
        "playground": QCoreApplication.translate("PlaygroundTexts", "Playground: U(−0.5, 0.5)"),
        "zeros": QCoreApplication.translate("PlaygroundTexts", "All zeros"),
        "uniform": QCoreApplication.translate("PlaygroundTexts", "Uniform U(−0.05, 0.05)"),
        "normal": QCoreApplication.translate("PlaygroundTexts", "Normal N(0, 0.05²)"),
        "xavier_uniform": QCoreApplication.translate("PlaygroundTexts", "Xavier (uniform)"),
        "xavier_normal": QCoreApplication.translate("PlaygroundTexts", "Xavier (normal)"),
        "lecun_uniform": QCoreApplication.translate("PlaygroundTexts", "LeCun (uniform)"),
        "lecun_normal": QCoreApplication.translate("PlaygroundTexts", "LeCun (normal)"),
        "he_uniform": QCoreApplication.translate("PlaygroundTexts", "He (uniform)"),
        "he_normal": QCoreApplication.translate("PlaygroundTexts", "He (normal)"),
    }
    return names[name]


def schedule_name(name: str) -> str:
    names = {
        "constant": QCoreApplication.translate("PlaygroundTexts", "Constant"),
        "step": QCoreApplication.translate("PlaygroundTexts", "Halve every N epochs"),
        "exponential": QCoreApplication.translate("PlaygroundTexts", "Exponential (half-life N)"),
        "inverse_time": QCoreApplication.translate("PlaygroundTexts", "1/t decay (half at N)"),
        "cosine": QCoreApplication.translate("PlaygroundTexts", "Cosine over N epochs"),
    }
    return names[name]


def run_status(status: str, epoch: int, patience: int | None) -> str:
    """The sentence shown when a run stops by itself (empty while it can go on)."""
    if status == "diverged":
        return QCoreApplication.translate(
            "PlaygroundTexts", "Diverged at epoch %1 — lower the learning rate or reset."
        ).replace("%1", str(epoch))
    if status == "early_stopped":
        return QCoreApplication.translate(
            "PlaygroundTexts",
            "Stopped early at epoch %1: the test loss did not improve for %2 epochs. "
            "The weights of the best epoch are back."
        ).replace("%1", str(epoch)).replace("%2", str(patience))
    if status == "finished":
        return QCoreApplication.translate(
            "PlaygroundTexts", "Finished: %1 epochs, as set in “Stop after”."
        ).replace("%1", str(epoch))
    return ""


def engine_error(text: str) -> str:
    """An unexpected engine error, with its (English) technical text."""
    return QCoreApplication.translate(
        "PlaygroundTexts", "The training stopped with an error: %1"
    ).replace("%1", text)
