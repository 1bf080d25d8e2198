"""The Gradients lab (backpropagation step by step; vanishing and exploding gradients); importing
the package registers it."""
from .lab import GradientsLab

__all__ = ["GradientsLab"]
