"""Optimizers, learning-rate schedules, gradient clipping, moving averages, second-order methods."""
from .clipping import clip_by_global_norm, clip_by_value
from .ewma import ExponentialAverage, ewma
from .optimizer import Optimizer
from .optimizers import OPTIMIZERS, SGD, Adagrad, Adam, AdamW, RMSprop, get_optimizer
from .schedules import (
    SCHEDULES,
    CosineDecay,
    ExponentialDecay,
    InverseTimeDecay,
    Schedule,
    StepDecay,
    Warmup,
    get_schedule,
)
from .second_order import BFGS, Newton, Objective

__all__ = [
    "BFGS",
    "OPTIMIZERS",
    "SCHEDULES",
    "SGD",
    "Adagrad",
    "Adam",
    "AdamW",
    "CosineDecay",
    "ExponentialAverage",
    "ExponentialDecay",
    "InverseTimeDecay",
    "Newton",
    "Objective",
    "Optimizer",
    "RMSprop",
    "Schedule",
    "StepDecay",
    "Warmup",
    "clip_by_global_norm",
    "clip_by_value",
    "ewma",
    "get_optimizer",
    "get_schedule",
]
