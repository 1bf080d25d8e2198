"""The Functions lab (activations, derivatives, losses); importing the package registers it."""
from .lab import FunctionsLab

__all__ = ["FunctionsLab"]
