"""Conv2D, MaxPool2D and AvgPool2D: finite-difference gradients, PyTorch agreement, dtypes, errors."""
from __future__ import annotations

import numpy as np
import pytest

from engine.nn.conv import AvgPool2D, Conv2D, MaxPool2D, output_size, receptive_field
from engine.nn.gradcheck import numerical_gradient

# (in_channels, out_channels, kernel, stride, padding, input height, input width)
CONV_CASES = [
    (1, 2, 3, 1, 0, 5, 5),
    (2, 3, 3, 2, 1, 7, 9),
    (3, 2, (2, 3), (2, 1), (0, 2), 5, 6),
    (2, 2, 4, 3, 2, 7, 5),
    (2, 3, 1, 1, 0, 3, 4),
    (2, 2, 3, (1, 2), (1, 0), 6, 7),  # rows widened so that a stride fits a whole number of times
    (2, 2, (3, 2), (3, 2), 1, 8, 7),
]
# (kernel, stride, input height, input width): tiling, tiling one axis only, cropped,
# overlapping, non-square
POOL_CASES = [
    (2, None, 4, 6),
    (2, None, 4, 7),
    (2, None, 7, 9),
    (3, 2, 7, 8),
    (3, 1, 5, 5),
    ((2, 3), (1, 2), 5, 7),
]


def check_gradients(layer, x: np.ndarray, rng: np.random.Generator) -> None:
    """Compare backward with finite differences of L = Σ out · R for a random R."""
    weights = rng.standard_normal(layer.forward(x).shape)

    def loss() -> float:
        return float(np.sum(layer.forward(x) * weights))

    layer.forward(x)
    grad_input = layer.backward(weights)
    np.testing.assert_allclose(grad_input, numerical_gradient(lambda _: loss(), x),
                               rtol=1e-6, atol=1e-8)
    for name, param in layer.params.items():
        np.testing.assert_allclose(layer.grads[name], numerical_gradient(lambda _: loss(), param),
                                   rtol=1e-6, atol=1e-8, err_msg=name)


def make_conv(case, rng, dtype=np.float64) -> Conv2D:
    c_in, c_out, kernel, stride, padding, _, _ = case
    conv = Conv2D(c_in, c_out, kernel, rng, stride=stride, padding=padding, dtype=dtype)
    conv.params["b"][...] = rng.standard_normal(c_out)  # a zero bias would hide bias bugs
    return conv


@pytest.mark.parametrize("case", CONV_CASES)
def test_conv_gradients_match_finite_differences(case):
    rng = np.random.default_rng(0)
    conv = make_conv(case, rng)
    x = rng.standard_normal((2, case[0], case[5], case[6]))
    check_gradients(conv, x, rng)


@pytest.mark.parametrize("pool_class", [MaxPool2D, AvgPool2D])
@pytest.mark.parametrize("kernel, stride, height, width", POOL_CASES)
def test_pool_gradients_match_finite_differences(pool_class, kernel, stride, height, width):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 3, height, width))
    check_gradients(pool_class(kernel, stride), x, rng)


def test_conv_output_shape_follows_output_size():
    rng = np.random.default_rng(2)
    for case in CONV_CASES:
        conv = make_conv(case, rng)
        out = conv.forward(rng.standard_normal((3, case[0], case[5], case[6])))
        assert out.shape[1:] == conv.output_shape(case[5], case[6])
        kh, kw = conv.kernel_size
        (sh, sw), (ph, pw) = conv.stride, conv.padding
        assert out.shape == (3, case[1], output_size(case[5], kh, sh, ph),
                             output_size(case[6], kw, sw, pw))


def test_output_size_formula():
    assert output_size(28, 5) == 24
    assert output_size(24, 2, 2) == 12
    assert output_size(7, 3, 2, 1) == 4  # (7 + 2 - 3) // 2 + 1
    assert output_size(7, 2, 2) == 3  # the last row is dropped


def test_receptive_field_is_the_support_of_one_output_pixels_gradient():
    """An output pixel's gradient reaches exactly the input patch it sees."""
    rng = np.random.default_rng(3)
    layers = [Conv2D(1, 1, 5, rng, dtype=np.float64), AvgPool2D(2),
              Conv2D(1, 1, 3, rng, stride=2, dtype=np.float64), AvgPool2D(3, 1)]
    for layer in layers[::2]:
        layer.params["W"][...] = 1.0
    x = np.ones((1, 1, 40, 40))
    for layer in layers:
        x = layer.forward(x)
    grad = np.zeros_like(x)
    grad[0, 0, 1, 1] = 1.0
    for layer in reversed(layers):
        grad = layer.backward(grad)
    rows, cols = np.nonzero(grad[0, 0])
    support = (rows.max() - rows.min() + 1, cols.max() - cols.min() + 1)
    assert receptive_field(layers)[-1] == support
    assert receptive_field(layers)[0] == (5, 5)


def test_max_pool_gives_a_tied_window_gradient_to_its_first_pixel():
    pool = MaxPool2D(2)
    pool.forward(np.zeros((1, 1, 4, 4)))
    grad = pool.backward(np.ones((1, 1, 2, 2)))
    expected = np.zeros((4, 4))
    expected[::2, ::2] = 1.0
    np.testing.assert_array_equal(grad[0, 0], expected)


@pytest.mark.parametrize("layer_factory", [
    lambda rng: Conv2D(2, 3, 3, rng, stride=2, padding=1),
    lambda rng: MaxPool2D(2),
    lambda rng: MaxPool2D(3),  # 9 = 3·3: tiles the image exactly
    lambda rng: MaxPool2D(3, 2),
    lambda rng: AvgPool2D(2),
    lambda rng: AvgPool2D(3),
    lambda rng: AvgPool2D(3, 1),
])
def test_float32_stays_float32(layer_factory):
    rng = np.random.default_rng(4)
    layer = layer_factory(rng)
    x = rng.standard_normal((2, 2, 9, 9), dtype=np.float32)
    out = layer.forward(x)
    grad_input = layer.backward(np.ones(out.shape))  # float64, as from a float64 loss
    assert out.dtype == np.float32 and grad_input.dtype == np.float32
    assert all(array.dtype == np.float32 for array in [*layer.params.values(),
                                                       *layer.grads.values()])


def test_conv_as_first_layer_fills_the_same_gradients_without_the_input_gradient():
    rng = np.random.default_rng(9)
    x = rng.standard_normal((2, 2, 6, 6))
    full, first = (Conv2D(2, 3, 3, np.random.default_rng(0), dtype=np.float64) for _ in range(2))
    upstream = rng.standard_normal(full.forward(x).shape)
    first.forward(x)
    assert full.backward(upstream).shape == x.shape
    assert first.backward_parameters(upstream) is None
    for name in ("W", "b"):
        np.testing.assert_array_equal(first.grads[name], full.grads[name])


@pytest.mark.parametrize("layer_factory", [
    lambda: Conv2D(3, 2, 3, np.random.default_rng(0), padding=1, dtype=np.float64),
    lambda: MaxPool2D(2),
    lambda: AvgPool2D(3, 2),
])
def test_layers_accept_non_contiguous_batches(layer_factory):
    layer = layer_factory()
    x = np.random.default_rng(10).standard_normal((7, 6, 3, 2)).transpose(3, 2, 1, 0)
    upstream = np.ones(layer.forward(np.ascontiguousarray(x)).shape)
    expected_grad = layer.backward(upstream)
    np.testing.assert_array_equal(layer.forward(x), layer.forward(np.ascontiguousarray(x)))
    layer.forward(x)
    np.testing.assert_array_equal(layer.backward(upstream), expected_grad)


def test_conv_converts_inputs_to_its_dtype():
    conv = Conv2D(1, 2, 3, np.random.default_rng(5))
    assert conv.forward(np.ones((1, 1, 4, 4))).dtype == np.float32


def test_conv_initialization_is_deterministic_under_a_seed():
    first = Conv2D(2, 3, 3, np.random.default_rng(6)).params["W"]
    second = Conv2D(2, 3, 3, np.random.default_rng(6)).params["W"]
    np.testing.assert_array_equal(first, second)
    assert first.shape == (3, 2, 3, 3) and first.std() > 0


@pytest.mark.parametrize("kwargs, message", [
    (dict(in_channels=0), "in_channels must be an integer >= 1"),
    (dict(out_channels=-2), "out_channels must be an integer >= 1"),
    (dict(kernel_size=0), "kernel_size must be an integer >= 1"),
    (dict(kernel_size=(3, 3, 3)), "kernel_size must be an integer >= 1 or a pair"),
    (dict(kernel_size=(3, 2.5)), "kernel_size must be an integer >= 1 or a pair"),
    (dict(in_channels=True), "in_channels must be an integer >= 1"),
    (dict(stride=0), "stride must be an integer >= 1"),
    (dict(padding=-1), "padding must be an integer >= 0"),
])
def test_conv_rejects_bad_sizes(kwargs, message):
    settings = dict(in_channels=1, out_channels=2, kernel_size=3) | kwargs
    with pytest.raises(ValueError, match=message):
        Conv2D(rng=np.random.default_rng(0), **settings)


def test_conv_rejects_kernel_larger_than_padded_input():
    conv = Conv2D(1, 1, 5, np.random.default_rng(0), padding=1)
    conv.forward(np.ones((1, 1, 3, 3)))  # 3 + 2·1 = 5 fits exactly
    with pytest.raises(ValueError, match="does not fit an input of 2 padded by 1.*at most 4"):
        conv.forward(np.ones((1, 1, 2, 2)))


def test_conv_rejects_channel_mismatch_and_non_image_batches():
    conv = Conv2D(3, 1, 3, np.random.default_rng(0))
    with pytest.raises(ValueError, match="expects 3 input channels"):
        conv.forward(np.ones((1, 2, 5, 5)))
    with pytest.raises(ValueError, match="4-D batch"):
        conv.forward(np.ones((3, 5, 5)))


@pytest.mark.parametrize("pool_class", [MaxPool2D, AvgPool2D])
def test_pools_reject_bad_sizes(pool_class):
    with pytest.raises(ValueError, match="kernel_size must be an integer >= 1"):
        pool_class(0)
    with pytest.raises(ValueError, match="stride must be an integer >= 1"):
        pool_class(2, -1)
    with pytest.raises(ValueError, match="does not fit an input of 2.*at most 2"):
        pool_class(3).forward(np.ones((1, 1, 2, 5)))


def test_output_size_rejects_bad_arguments():
    with pytest.raises(ValueError, match="stride must be an integer >= 1"):
        output_size(5, 3, 0)
    with pytest.raises(ValueError, match="size must be an integer >= 1"):
        output_size(0, 1)


# --- agreement with PyTorch (forward and backward), when it is installed ---------------------

def torch_reference(function, x: np.ndarray, grad_output_shape_rng, *params: np.ndarray, **kw):
    """Run a torch.nn.functional op in float64; return its output and gradients for a random
    upstream gradient (also returned)."""
    torch = pytest.importorskip("torch")
    tensors = [torch.tensor(a, requires_grad=True) for a in (x, *params)]
    out = function(*tensors, **kw)
    upstream = grad_output_shape_rng.standard_normal(tuple(out.shape))
    out.backward(torch.tensor(upstream))
    return out.detach().numpy(), upstream, [t.grad.numpy() for t in tensors]


@pytest.mark.parametrize("case", CONV_CASES)
def test_conv_matches_torch(case):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(7)
    conv = make_conv(case, rng)
    x = rng.standard_normal((3, case[0], case[5], case[6]))
    expected, upstream, (dx, dW, db) = torch_reference(
        torch.nn.functional.conv2d, x, rng, conv.params["W"], conv.params["b"],
        stride=conv.stride, padding=conv.padding)
    np.testing.assert_allclose(conv.forward(x), expected, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(conv.backward(upstream), dx, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(conv.grads["W"], dW, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(conv.grads["b"], db, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("kernel, stride, height, width", POOL_CASES)
@pytest.mark.parametrize("pool_class, torch_name", [(MaxPool2D, "max_pool2d"),
                                                    (AvgPool2D, "avg_pool2d")])
def test_pools_match_torch(pool_class, torch_name, kernel, stride, height, width):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(8)
    # Rounded values make ties common, so the max pool's tie rule is compared too.
    x = np.round(rng.standard_normal((2, 3, height, width)), 1)
    pool = pool_class(kernel, stride)
    expected, upstream, (dx,) = torch_reference(
        getattr(torch.nn.functional, torch_name), x, rng,
        kernel_size=pool.kernel_size, stride=pool.stride)
    np.testing.assert_allclose(pool.forward(x), expected, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(pool.backward(upstream), dx, rtol=1e-12, atol=1e-15)
