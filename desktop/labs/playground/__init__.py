"""The Playground lab (TensorFlow Playground and beyond); importing the package registers it."""
from .lab import PlaygroundLab

__all__ = ["PlaygroundLab"]
