"""Loss functions: a number that says how wrong the network is, and its gradient.

Each loss has ``value(prediction, target) -> float`` and ``gradient(prediction, target)``, the
derivative of that value with respect to every entry of ``prediction`` (same shape), which is
where backpropagation starts.

Reduction: like PyTorch's default ``reduction="mean"``, every loss is the *mean* of a per-element
loss over all entries of the prediction (batch × outputs), so each value here equals the
``torch.nn.functional`` loss of the same name. The one exception is also torch's: softmax
cross-entropy averages over the batch only, since a whole row of logits makes one prediction.

Classification losses take *logits* (the raw output of a linear last layer) wherever possible:
folding the sigmoid or softmax into the loss gives a formula that never overflows and a gradient
that is simply ``(probability − target) / n``.
"""
from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from .activations import log_softmax, sigmoid, softmax
from .registry import check_finite, create


def _check_same_shape(prediction: np.ndarray, target: np.ndarray) -> None:
    """Refuse mismatched shapes: broadcasting (N, 1) against (N,) would silently make (N, N)."""
    if prediction.shape != target.shape:
        raise ValueError(
            f"prediction has shape {prediction.shape} but target has shape {target.shape}; "
            f"they must match (reshape the target, e.g. y.reshape({prediction.shape}))"
        )


class Loss(ABC):
    """A scalar measure of error, averaged over the batch."""

    #: The registry name (also what the UI and presets store).
    name: str = ""

    @abstractmethod
    def value(self, prediction: np.ndarray, target: np.ndarray) -> float:
        """The loss, a Python float."""

    @abstractmethod
    def gradient(self, prediction: np.ndarray, target: np.ndarray) -> np.ndarray:
        """d value / d prediction, with the shape of ``prediction``."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class MeanAbsoluteError(Loss):
    """MAE (L1 loss): mean |p − y|;  gradient sign(p − y) / n (0 where p = y, as torch)."""

    name = "mae"

    def value(self, prediction: np.ndarray, target: np.ndarray) -> float:
        _check_same_shape(prediction, target)
        return float(np.abs(prediction - target).mean())

    def gradient(self, prediction: np.ndarray, target: np.ndarray) -> np.ndarray:
        _check_same_shape(prediction, target)
        g = np.sign(prediction - target)
        g /= g.size
        return g


class MeanSquaredError(Loss):
    """MSE (L2 loss): mean (p − y)²;  gradient 2(p − y) / n.

    Some courses write ½·mean(p − y)² so that the 2 cancels; this is torch's (and Keras's) form.
    """

    name = "mse"

    def value(self, prediction: np.ndarray, target: np.ndarray) -> float:
        _check_same_shape(prediction, target)
        d = prediction - target
        return float(np.vdot(d, d)) / d.size

    def gradient(self, prediction: np.ndarray, target: np.ndarray) -> np.ndarray:
        _check_same_shape(prediction, target)
        d = prediction - target
        d *= 2 / d.size
        return d


class Huber(Loss):
    """Huber: mean of ½d² where |d| ≤ δ and δ·(|d| − ½δ) beyond, d = p − y  (δ = 1);
    gradient clip(d, −δ, δ) / n. Quadratic near the target, linear (robust to outliers) far away.
    """

    name = "huber"

    def __init__(self, delta: float = 1.0) -> None:
        self.delta = check_finite("delta", delta, minimum=0)

    def value(self, prediction: np.ndarray, target: np.ndarray) -> float:
        _check_same_shape(prediction, target)
        a = np.abs(prediction - target)
        delta = self.delta
        return float(np.where(a <= delta, 0.5 * a * a, delta * (a - 0.5 * delta)).mean())

    def gradient(self, prediction: np.ndarray, target: np.ndarray) -> np.ndarray:
        _check_same_shape(prediction, target)
        g = np.clip(prediction - target, -self.delta, self.delta)
        g /= g.size
        return g

    def __repr__(self) -> str:
        return f"Huber(delta={self.delta})"


class BinaryCrossEntropy(Loss):
    """Binary cross-entropy on probabilities p ∈ [0, 1] (after a sigmoid output):
    mean −[y·ln p + (1 − y)·ln(1 − p)];  gradient (p − y) / (p(1 − p)) / n.

    p is first clipped to [eps, 1 − eps] (eps = 1e-12, raised to the dtype's machine epsilon for
    float32 so that 1 − eps < 1) so that a confident wrong answer costs a large but finite loss.
    The gradient is the formula at the clipped p, not the zero slope of the clip, so a saturated
    output is still pushed back. Prefer ``sigmoid_cross_entropy`` on logits: it needs no clipping.
    """

    name = "binary_cross_entropy"

    def __init__(self, eps: float = 1e-12) -> None:
        self.eps = check_finite("eps", eps, minimum=0)
        if self.eps >= 0.5:
            raise ValueError(f"eps must be below 0.5, got {eps!r}")

    def _clipped(self, p: np.ndarray) -> np.ndarray:
        eps = max(self.eps, float(np.finfo(p.dtype).eps))
        return np.clip(p, eps, 1 - eps)

    def value(self, prediction: np.ndarray, target: np.ndarray) -> float:
        _check_same_shape(prediction, target)
        p = self._clipped(prediction)
        return float(-(target * np.log(p) + (1 - target) * np.log1p(-p)).mean())

    def gradient(self, prediction: np.ndarray, target: np.ndarray) -> np.ndarray:
        _check_same_shape(prediction, target)
        p = self._clipped(prediction)
        return (p - target) / (p * (1 - p) * p.size)

    def __repr__(self) -> str:
        return f"BinaryCrossEntropy(eps={self.eps})"


class SigmoidCrossEntropy(Loss):
    """Binary cross-entropy on logits z (torch's ``binary_cross_entropy_with_logits``):
    mean [ln(1 + eᶻ) − y·z], the BCE of p = σ(z) written in the stable log-sum-exp form;
    gradient (σ(z) − y) / n.

    One independent yes/no per output unit, so this is also the multi-label loss: a network with
    k sigmoid outputs and 0/1 targets of shape (N, k) answers k questions at once.
    """

    name = "sigmoid_cross_entropy"

    def value(self, prediction: np.ndarray, target: np.ndarray) -> float:
        _check_same_shape(prediction, target)
        return float((np.logaddexp(0, prediction) - target * prediction).mean())

    def gradient(self, prediction: np.ndarray, target: np.ndarray) -> np.ndarray:
        _check_same_shape(prediction, target)
        g = sigmoid(prediction) - target
        g /= g.size
        return g


class SoftmaxCrossEntropy(Loss):
    """Categorical cross-entropy on logits z of shape (N, C) (torch's ``cross_entropy``):
    mean over the batch of −Σ_c y_c·log softmax(z)_c;  gradient (softmax(z)·Σ_c y_c − y) / N,
    which is (softmax(z) − y) / N for one-hot rows.

    The target is either integer class indices of shape (N,) or a row of class probabilities
    (one-hot or soft labels) of shape (N, C).
    """

    name = "softmax_cross_entropy"

    @staticmethod
    def _check(logits: np.ndarray, target: np.ndarray) -> bool:
        """True for class-index targets, False for probability rows; ValueError otherwise."""
        if logits.ndim != 2:
            raise ValueError(f"softmax cross-entropy needs logits of shape (N, C), got {logits.shape}")
        n, classes = logits.shape
        if np.issubdtype(target.dtype, np.integer):
            if target.shape != (n,):
                raise ValueError(f"class-index targets must have shape ({n},), got {target.shape}")
            if n and (target.min() < 0 or target.max() >= classes):
                raise ValueError(f"class indices must lie in 0..{classes - 1}, got "
                                 f"{target.min()}..{target.max()}")
            return True
        _check_same_shape(logits, target)
        return False

    def value(self, prediction: np.ndarray, target: np.ndarray) -> float:
        log_p = log_softmax(prediction)
        n = len(prediction)
        if self._check(prediction, target):
            return float(-log_p[np.arange(n), target].sum() / n)
        return float(-(target * log_p).sum() / n)

    def gradient(self, prediction: np.ndarray, target: np.ndarray) -> np.ndarray:
        g = softmax(prediction)
        n = len(prediction)
        if self._check(prediction, target):
            g[np.arange(n), target] -= 1
        else:
            g *= target.sum(axis=1, keepdims=True)
            g -= target
        g /= n
        return g


LOSSES: dict[str, type[Loss]] = {
    cls.name: cls
    for cls in (MeanAbsoluteError, MeanSquaredError, Huber, BinaryCrossEntropy,
                SigmoidCrossEntropy, SoftmaxCrossEntropy)
}

#: Other names the same losses go by.
ALIASES = {
    "l1": "mae",
    "l2": "mse",
    "bce": "binary_cross_entropy",
    "bce_with_logits": "sigmoid_cross_entropy",
    "cross_entropy": "softmax_cross_entropy",
}


def get_loss(name: str, **params: float) -> Loss:
    """The loss called ``name`` (see LOSSES and ALIASES), e.g. ``get_loss("huber", delta=0.5)``."""
    return create("loss", LOSSES, name, params, ALIASES)
