"""The Playground's drawing shortcuts give the same picture as drawing everything every frame."""
import numpy as np

from desktop.widgets.heatmap import color_lut, lut_image


def test_lut_image_puts_every_value_in_its_bin_and_sends_inf_to_the_ends_nan_to_the_middle():
    lut = color_lut(["#ff8800", "#f0f0f0", "#0077cc"])
    low, high = -1.0, 1.0
    top = len(lut) - 1
    bins = np.arange(top)
    centres = low + (bins + 0.5) * (high - low) / top  # the middle of each bin
    np.testing.assert_array_equal(lut_image(centres, lut, (low, high)), lut[bins])
    special = np.array([[-np.inf, -7.0, low], [np.nan, high, 7.0], [np.inf, 0.0, np.nan]])
    expected = np.array([[0, 0, 0], [top // 2, top, top], [top, top // 2, top // 2]])
    np.testing.assert_array_equal(lut_image(special, lut, (low, high)), lut[expected])


def test_lut_image_keeps_the_shape_of_a_stack_of_maps_and_accepts_float32():
    lut = color_lut(["black", "white"])
    maps = np.linspace(-1, 1, 2 * 3 * 4, dtype=np.float32).reshape(2, 3, 4)
    colors = lut_image(maps, lut, (-1.0, 1.0))
    assert colors.shape == (2, 3, 4, 3) and colors.dtype == np.uint8
    assert tuple(colors[0, 0, 0]) == (0, 0, 0) and tuple(colors[-1, -1, -1]) == (255, 255, 255)
    np.testing.assert_array_equal(colors[1], lut_image(maps[1], lut, (-1.0, 1.0)))
