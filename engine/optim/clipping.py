"""Gradient clipping: limit how far one unlucky mini-batch can throw the parameters.

Both functions change the gradient arrays in place, between backward pass and optimizer step.
"""
from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from .validation import check_range

#: Added to the norm before dividing, exactly as torch.nn.utils.clip_grad_norm_ does, so an
#: all-zero gradient never divides by zero.
NORM_EPS = 1e-6


def clip_by_value(grads: Mapping[str, np.ndarray], limit: float) -> None:
    """Clamp every gradient component to [-limit, limit]. Cheap, but it changes the direction
    of the gradient, which clipping by norm does not."""
    limit = check_range("clip limit", limit, 0.0, low_open=True)
    for grad in grads.values():
        np.clip(grad, -limit, limit, out=grad)


def clip_by_global_norm(grads: Mapping[str, np.ndarray], max_norm: float) -> float:
    """Scale all gradients by one common factor so that their joint L2 norm is at most
    ``max_norm``; return the norm before clipping (torch.nn.utils.clip_grad_norm_ semantics).

    The joint norm treats all arrays as one long vector, so the update keeps its direction and
    only its length shrinks. A NaN or infinite norm is returned as is and nothing is scaled:
    the caller reports divergence.
    """
    max_norm = check_range("max_norm", max_norm, 0.0, low_open=True)
    total_norm = math.sqrt(sum(float(np.vdot(grad, grad)) for grad in grads.values()))
    scale = max_norm / (total_norm + NORM_EPS)
    if scale < 1.0 and math.isfinite(total_norm):
        for grad in grads.values():
            grad *= scale
    return total_norm
