"""The Optimization lab (loss surfaces, optimizers racing, learning rate, moving averages, a real
network's landscape); importing the package registers it."""
from .lab import OptimizersLab

__all__ = ["OptimizersLab"]
