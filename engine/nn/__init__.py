"""Neural-network building blocks in pure NumPy: layers, activations, losses, initializers,
regularizers, the Sequential model, an MLP builder and gradient checking."""
from .activations import ACTIVATIONS, ActivationFunction, get_activation, sigmoid, softmax
from .builders import MAX_HIDDEN_LAYERS, MAX_UNITS, mlp
from .conv import AvgPool2D, Conv2D, MaxPool2D, output_size, receptive_field
from .gradcheck import check_gradients, numerical_gradient, relative_error
from .initializers import INITIALIZERS, Initializer, get_initializer
from .layer import Layer
from .layers import Activation, BatchNorm, Dense, Dropout, Flatten, PReLU, Residual
from .losses import LOSSES, Loss, get_loss
from .model import Sequential
from .regularizers import L1, L2, REGULARIZERS, Regularizer, get_regularizer

__all__ = [
    "ACTIVATIONS", "ActivationFunction", "get_activation", "sigmoid", "softmax",
    "MAX_HIDDEN_LAYERS", "MAX_UNITS", "mlp",
    "AvgPool2D", "Conv2D", "MaxPool2D", "output_size", "receptive_field",
    "check_gradients", "numerical_gradient", "relative_error",
    "INITIALIZERS", "Initializer", "get_initializer",
    "Layer",
    "Activation", "BatchNorm", "Dense", "Dropout", "Flatten", "PReLU", "Residual",
    "LOSSES", "Loss", "get_loss",
    "Sequential",
    "L1", "L2", "REGULARIZERS", "Regularizer", "get_regularizer",
]
