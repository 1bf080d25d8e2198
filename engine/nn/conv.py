"""Convolution and pooling over image batches in NCHW layout (batch, channels, height, width).

Why this is fast without compiled code (the MNIST-sized CNN trains at a good fraction of
PyTorch's speed; see bench/engine.py):

* **im2col as one strided copy, convolution as one batched matrix product.** Each image is
  flattened, and for every kernel offset the pixels of all windows form one evenly strided run
  (:class:`_WideRows`). So im2col is a single ``as_strided`` copy made of long runs, and the
  convolution is ``W (out, in·kh·kw) @ cols`` in BLAS, in the layer's own dtype, whose result
  is already NCHW.
* **col2im by kernel offsets.** The backward pass adds the column gradients back with one
  whole-array add per kernel offset (kh·kw of them), never a Python loop over pixels.
* **Pooling in two passes.** A window's max (or mean) is taken along the width and then along
  the height, kh + kw whole-array steps; windows that tile the image exactly (the usual 2×2)
  are found by a plain reshape (:class:`_Blocks`).

float32 stays float32 end to end: every array a layer creates takes the dtype of its input
(Conv2D converts its input to its own dtype).
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable

import numpy as np
from numpy.lib.stride_tricks import as_strided

from .initializers import get_initializer
from .layer import Layer


def output_size(size: int, kernel: int, stride: int = 1, padding: int = 0) -> int:
    """How many positions a window of side ``kernel`` takes along an input side of ``size``.

    The input is padded with ``padding`` zeros on both ends and the window moves ``stride``
    pixels at a time, so ``out = floor((size + 2·padding - kernel) / stride) + 1``; a window
    that would hang over the padded end is dropped (as in PyTorch). For example a 28-pixel side
    gives 24 after a 5-wide kernel and 12 after a 2-wide pooling window with stride 2.
    """
    for name, value, smallest in (("size", size, 1), ("kernel", kernel, 1),
                                  ("stride", stride, 1), ("padding", padding, 0)):
        if not _is_integer(value, smallest):
            raise ValueError(f"{name} must be an integer >= {smallest}, got {value!r}")
    padded = size + 2 * padding
    if kernel > padded:
        input_text = f"{size} padded by {padding} on each side" if padding else str(size)
        raise ValueError(f"a window of {kernel} does not fit an input of {input_text}; "
                         f"the window may be at most {padded}")
    return (padded - kernel) // stride + 1


def _is_integer(value: object, smallest: int) -> bool:
    return (isinstance(value, numbers.Integral) and not isinstance(value, bool)
            and value >= smallest)


def receptive_field(layers: Iterable[object]) -> list[tuple[int, int]]:
    """For each layer, the (height, width) of the input patch that one of its output pixels sees.

    A window of side k whose input pixels are ``jump`` input pixels apart widens the field by
    ``(k - 1)·jump``; its stride multiplies the jump. Layers without a ``kernel_size`` (activations,
    dropout, ...) keep their input's field, so pass the convolutional part of a network: a Dense
    layer after Flatten sees the whole image. For conv 5×5 → pool 2 → conv 5×5 → pool 2 the
    fields are 5, 6, 14 and 16 pixels.
    """
    field, jump = [1, 1], [1, 1]
    fields = []
    for layer in layers:
        kernel = getattr(layer, "kernel_size", None)
        if kernel is not None:
            for axis in range(2):
                field[axis] += (kernel[axis] - 1) * jump[axis]
                jump[axis] *= layer.stride[axis]
        fields.append((field[0], field[1]))
    return fields


def _pair(value: int | tuple[int, int], name: str, smallest: int) -> tuple[int, int]:
    """Accept ``k`` or ``(kh, kw)``; reject anything that is not an integer >= ``smallest``."""
    pair = (value, value) if isinstance(value, numbers.Integral) else tuple(value)
    if len(pair) != 2 or not all(_is_integer(v, smallest) for v in pair):
        raise ValueError(
            f"{name} must be an integer >= {smallest} or a pair of them, got {value!r}")
    return int(pair[0]), int(pair[1])


def _check_images(x: np.ndarray, layer: Layer) -> None:
    if x.ndim != 4:
        raise ValueError(
            f"{type(layer).__name__} takes a 4-D batch (batch, channels, height, width), "
            f"got shape {x.shape}")


class _WideRows:
    """Where the pixels of every kernel offset lie in a flattened input: the layout of all passes.

    The (padded) input is stored flat per image and channel, ``row`` pixels per row. Pixel (i, j)
    of the window of output (r, s) then sits at flat index ``i·row + j + sw·(r·wide + s)`` with
    ``wide = sh·row / sw`` (``row`` is widened if needed to make that a whole number). So for one
    kernel offset the pixels of *all* outputs form a single strided run of ``length`` positions,
    and NumPy copies or adds whole runs instead of rows of ``out_w`` pixels, which for small images
    is several times faster. The price: run positions with ``s >= out_w`` fall between output
    rows; the forward pass computes and drops them (:meth:`valid`), the backward pass gives them a
    zero gradient. No run leaves the flat input: its last position is at most
    ``((out_h-1)·sh + kh-1)·row + sw·(out_w-1) + kw-1 <= height·row - 1``.
    """

    def __init__(self, input_shape: tuple[int, ...], out_hw: tuple[int, int],
                 kernel: tuple[int, int], stride: tuple[int, int],
                 padding: tuple[int, int] = (0, 0)) -> None:
        (sh, sw), (ph, pw) = stride, padding
        multiple = sw // math.gcd(sh, sw)  # row must be a multiple of this for sh·row / sw
        self.row = -(-(input_shape[3] + 2 * pw) // multiple) * multiple
        self.height = input_shape[2] + 2 * ph
        self.wide = sh * self.row // sw
        self.length = (out_hw[0] - 1) * self.wide + out_hw[1]
        self.input_shape, self.out_hw = input_shape, out_hw
        self.kernel, self.stride, self.padding = kernel, stride, padding
        self.offsets = [(i, j) for i in range(kernel[0]) for j in range(kernel[1])]

    def flatten(self, x: np.ndarray) -> np.ndarray:
        """The padded input as a C-contiguous (N, C, height·row) array; a copy only when padding,
        widening or a non-contiguous ``x`` need one."""
        n, c, height, width = x.shape
        if self.height == height and self.row == width:
            return np.ascontiguousarray(x).reshape(n, c, -1)
        ph, pw = self.padding
        flat = np.zeros((n, c, self.height, self.row), dtype=x.dtype)
        flat[:, :, ph:ph + height, pw:pw + width] = x
        return flat.reshape(n, c, -1)

    def offset_views(self, x: np.ndarray) -> list[np.ndarray]:
        """Per kernel offset, the (N, C, length) view of that pixel of every window."""
        flat = self.flatten(x)
        return [flat[:, :, self.run(i, j)] for i, j in self.offsets]

    def collect(self, runs: np.ndarray) -> np.ndarray:
        """The real outputs inside (N, C, length) runs, as a new C-contiguous array."""
        return self.valid(runs).copy()

    def run(self, i: int, j: int) -> slice:
        """The flat positions of pixel (i, j) of every window."""
        start = i * self.row + j
        return slice(start, start + self.stride[1] * (self.length - 1) + 1, self.stride[1])

    def columns(self, flat: np.ndarray) -> np.ndarray:
        """im2col: a new (N, C·kh·kw, length) array; column q holds the window at run position q."""
        n, c, _ = flat.shape
        kh, kw = self.kernel
        step = flat.strides[2]
        view = as_strided(flat, shape=(n, c, kh, kw, self.length),
                          strides=(*flat.strides[:2], self.row * step, step, self.stride[1] * step),
                          writeable=False)
        return view.reshape(n, c * kh * kw, self.length)

    def valid(self, runs: np.ndarray) -> np.ndarray:
        """The (N, K, out_h, out_w) view of the real outputs inside (N, K, length) runs."""
        step = runs.strides[2]
        return as_strided(runs, shape=(*runs.shape[:2], *self.out_hw),
                          strides=(*runs.strides[:2], self.wide * step, step))

    def gradient_runs(self, grad_output: np.ndarray) -> np.ndarray:
        """dL/d(output) spread onto (N, K, length) runs, zero between output rows (read-only
        when it is ``grad_output`` itself, as it is when no run position falls between rows)."""
        n, k, out_h, out_w = grad_output.shape
        if self.wide == out_w:
            runs = np.ascontiguousarray(grad_output).reshape(n, k, self.length)
            runs.flags.writeable = False  # the caller's array: never scale it in place
            return runs
        runs = np.zeros((n, k, self.length), dtype=grad_output.dtype)
        self.valid(runs)[...] = grad_output
        return runs

    def scatter(self, pieces: Iterable[np.ndarray], dtype: np.dtype) -> np.ndarray:
        """col2im: add one (N, C, length) gradient per kernel offset (in ``offsets`` order) into
        dL/d(input), one whole-array add per offset, and drop the padding."""
        n, c, height, width = self.input_shape
        flat = np.zeros((n, c, self.height * self.row), dtype=dtype)
        for (i, j), piece in zip(self.offsets, pieces):
            flat[:, :, self.run(i, j)] += piece
        ph, pw = self.padding
        return flat.reshape(n, c, self.height, self.row)[:, :, ph:ph + height, pw:pw + width]


class _Blocks:
    """The layout of a pooling pass whose windows tile its axis exactly (stride = window, size a
    multiple of it, as for the usual 2×2 pooling): a reshape to (outer, k, inner) puts offset o
    of every window at ``[:, o, :]``, with no positions between rows and no overlap, so the
    backward pass writes each offset's gradient once instead of adding into zeros."""

    def __init__(self, input_shape: tuple[int, ...], axis: int, k: int) -> None:
        self.input_shape = input_shape
        self.output_shape = (*input_shape[:axis], input_shape[axis] // k, *input_shape[axis + 1:])
        inner = math.prod(input_shape[axis + 1:])
        self.blocks = (math.prod(input_shape) // (k * inner), k, inner)

    def offset_views(self, x: np.ndarray) -> list[np.ndarray]:
        blocks = x.reshape(self.blocks)
        return [blocks[:, o] for o in range(self.blocks[1])]

    def collect(self, result: np.ndarray) -> np.ndarray:
        return result.reshape(self.output_shape)

    def gradient_runs(self, grad_output: np.ndarray) -> np.ndarray:
        return grad_output.reshape(self.blocks[0], self.blocks[2])

    def scatter(self, pieces: Iterable[np.ndarray], dtype: np.dtype) -> np.ndarray:
        grad = np.empty(self.blocks, dtype=dtype)
        for o, piece in enumerate(pieces):
            grad[:, o] = piece
        return grad.reshape(self.input_shape)


class Conv2D(Layer):
    """A 2-D convolution (cross-correlation, as in every deep-learning library).

    ``W`` has shape (out_channels, in_channels, kh, kw) and ``b`` (out_channels,). The input is
    zero-padded by ``padding`` pixels on each side and the kernel moves ``stride`` pixels at a
    time; see :func:`output_size`. ``init`` is an initializer name (engine.nn.initializers) or a
    callable ``(shape, fan_in, fan_out, rng, dtype)``. Inputs are converted to the layer's dtype.

    As a network's first layer, whose dL/d(image) nobody reads, :meth:`backward_parameters`
    fills ``grads`` but skips the input gradient: about a third of the backward pass, which
    PyTorch skips too for inputs that do not require grad.
    """

    regularized = ("W",)

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int | tuple[int, int],
                 rng: np.random.Generator, stride: int | tuple[int, int] = 1,
                 padding: int | tuple[int, int] = 0, init: str | Callable = "he_normal",
                 dtype: np.dtype | type = np.float32) -> None:
        super().__init__()
        for name, value in (("in_channels", in_channels), ("out_channels", out_channels)):
            if not _is_integer(value, 1):
                raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
        self.in_channels, self.out_channels = int(in_channels), int(out_channels)
        self.kernel_size = _pair(kernel_size, "kernel_size", 1)
        self.stride = _pair(stride, "stride", 1)
        self.padding = _pair(padding, "padding", 0)
        self.dtype = np.dtype(dtype)
        kh, kw = self.kernel_size
        initialize = init if callable(init) else get_initializer(init)
        self.params["W"] = initialize((self.out_channels, self.in_channels, kh, kw),
                                      self.in_channels * kh * kw, self.out_channels * kh * kw,
                                      rng, self.dtype)
        self.params["b"] = np.zeros(self.out_channels, dtype=self.dtype)
        self.grads = {key: np.zeros_like(value) for key, value in self.params.items()}
        self._cols = np.empty((0, 0, 0), dtype=self.dtype)
        self._rows: _WideRows | None = None

    def output_shape(self, height: int, width: int) -> tuple[int, int, int]:
        """(channels, height, width) of the output for one input image of this size."""
        return (self.out_channels,
                *(output_size(size, k, s, p) for size, k, s, p in
                  zip((height, width), self.kernel_size, self.stride, self.padding)))

    def forward(self, x: np.ndarray) -> np.ndarray:
        _check_images(x, self)
        if x.shape[1] != self.in_channels:
            raise ValueError(
                f"Conv2D expects {self.in_channels} input channels, got a batch of shape {x.shape}")
        _, out_h, out_w = self.output_shape(x.shape[2], x.shape[3])
        rows = self._rows = _WideRows(x.shape, (out_h, out_w), self.kernel_size, self.stride,
                                      self.padding)
        # The one big copy of the forward pass: every window laid out as a column.
        self._cols = rows.columns(rows.flatten(np.asarray(x, dtype=self.dtype)))
        wide = np.matmul(self.params["W"].reshape(self.out_channels, -1), self._cols)
        out = rows.valid(wide).copy()  # a plain copy, then the bias on contiguous memory: faster
        out += self.params["b"][:, None, None]
        return out

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        rows, W = self._rows, self.params["W"]
        grad_wide = self._fill_gradients(grad_output)
        grad_cols = np.matmul(W.reshape(self.out_channels, -1).T, grad_wide)
        grad_cols = grad_cols.reshape(len(grad_wide), self.in_channels, -1, rows.length)
        return rows.scatter((grad_cols[:, :, o] for o in range(len(rows.offsets))), self.dtype)

    def backward_parameters(self, grad_output: np.ndarray) -> None:
        self._fill_gradients(grad_output)

    def _fill_gradients(self, grad_output: np.ndarray) -> np.ndarray:
        """Write dL/dW and dL/db into ``grads``; returns the output gradient as wide rows."""
        grad_output = np.asarray(grad_output, dtype=self.dtype)
        grad_wide = self._rows.gradient_runs(grad_output)
        # dWᵀ = Σ_n cols[n] @ grad[n]ᵀ: one BLAS call per image (in the orientation BLAS runs
        # fastest for these thin matrices), summed over the batch.
        grad_W = np.matmul(self._cols, grad_wide.transpose(0, 2, 1)).sum(axis=0)
        self.grads["W"][...] = grad_W.T.reshape(self.params["W"].shape)
        self.grads["b"][...] = grad_output.sum(axis=(0, 2, 3))
        return grad_wide


def _pass_layout(shape: tuple[int, ...], axis: int, k: int, stride: int,
                 out: int) -> _WideRows | _Blocks:
    """How a pooling pass along ``axis`` (2: height, 3: width) finds its windows' pixels."""
    if stride == k and shape[axis] == out * k:
        return _Blocks(shape, axis, k)
    if axis == 2:
        return _WideRows(shape, (out, shape[3]), (k, 1), (stride, 1))
    return _WideRows(shape, (shape[2], out), (1, k), (1, stride))


class _MaxPass:
    """Max pooling along one axis: one half of MaxPool2D."""

    def __init__(self, axis: int, k: int, stride: int) -> None:
        self.axis, self.k, self.stride = axis, k, stride
        self._layout: _WideRows | _Blocks | None = None
        self._winners: list[np.ndarray] = []

    def forward(self, x: np.ndarray, out: int) -> np.ndarray:
        layout = self._layout = _pass_layout(x.shape, self.axis, self.k, self.stride, out)
        first, *rest = views = layout.offset_views(x)
        best = np.maximum(first, rest[0]) if rest else first.copy()
        for view in rest[1:]:
            np.maximum(best, view, out=best)
        # The winner of each window is its first maximum: offset o wins where it equals the
        # maximum and no earlier offset did; the last offset wins wherever nothing else did.
        # Stored as 0/1 in x's dtype, because float × float is faster than float × bool.
        winners = [np.equal(first, best)]
        unclaimed = ~winners[0]
        for view in views[1:-1]:
            winner = np.equal(view, best)
            winner &= unclaimed
            unclaimed ^= winner
            winners.append(winner)
        if rest:
            winners.append(unclaimed)
        self._winners = [winner.astype(x.dtype) for winner in winners]
        return layout.collect(best)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        grad = self._layout.gradient_runs(grad_output)
        return self._layout.scatter((grad * winner for winner in self._winners), grad.dtype)


class _MeanPass:
    """Average pooling along one axis: one half of AvgPool2D."""

    def __init__(self, axis: int, k: int, stride: int) -> None:
        self.axis, self.k, self.stride = axis, k, stride
        self._layout: _WideRows | _Blocks | None = None

    def forward(self, x: np.ndarray, out: int) -> np.ndarray:
        layout = self._layout = _pass_layout(x.shape, self.axis, self.k, self.stride, out)
        first, *rest = layout.offset_views(x)
        total = np.add(first, rest[0]) if rest else first.copy()
        for view in rest[1:]:
            total += view
        total *= 1.0 / self.k
        return layout.collect(total)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        share = self._layout.gradient_runs(grad_output) * (1.0 / self.k)
        return self._layout.scatter((share for _ in range(self.k)), share.dtype)


class _Pool2D(Layer):
    """What max and average pooling share: the window, the stride and the two passes.

    The max (or mean) of a window is the max (mean) over its rows of each row's max (mean), so
    a kh×kw window is pooled along the width and then along the height: kw + kh whole-array
    steps instead of kw·kh. The tie rule survives: the first maximum of the first row holding
    the window's maximum is the window's first maximum in row-major order.
    """

    _pass: type[_MaxPass] | type[_MeanPass]

    def __init__(self, kernel_size: int | tuple[int, int],
                 stride: int | tuple[int, int] | None = None) -> None:
        super().__init__()
        self.kernel_size = _pair(kernel_size, "kernel_size", 1)
        self.stride = self.kernel_size if stride is None else _pair(stride, "stride", 1)
        (kh, kw), (sh, sw) = self.kernel_size, self.stride
        self._width_pass = self._pass(3, kw, sw)
        self._height_pass = self._pass(2, kh, sh)
        self._dtype = np.dtype(np.float64)

    def forward(self, x: np.ndarray) -> np.ndarray:
        _check_images(x, self)
        out_h, out_w = (output_size(size, k, s) for size, k, s in
                        zip(x.shape[2:], self.kernel_size, self.stride))
        self._dtype = x.dtype
        return self._height_pass.forward(self._width_pass.forward(x, out_w), out_h)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """dL/d(input) in the input's dtype, whatever the dtype of ``grad_output``."""
        grad_output = np.asarray(grad_output, dtype=self._dtype)
        return self._width_pass.backward(self._height_pass.backward(grad_output))


class MaxPool2D(_Pool2D):
    """The largest value of each window. Its gradient goes to that one pixel (the first one in
    row-major order when several are equal, as in PyTorch)."""

    _pass = _MaxPass


class AvgPool2D(_Pool2D):
    """The mean of each window; its gradient is shared equally by the window's pixels."""

    _pass = _MeanPass
