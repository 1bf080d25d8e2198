import gzip

import numpy as np
import pytest

from engine.data.idx import MNIST_FILES, load_mnist, parse_idx, read_idx, write_idx


def test_header_is_big_endian_magic_then_dimensions(tmp_path):
    path = tmp_path / "tiny-idx3-ubyte"
    write_idx(path, np.arange(6, dtype=np.uint8).reshape(1, 2, 3))
    raw = path.read_bytes()
    assert raw[:4] == bytes([0, 0, 0x08, 3])  # 0x00000803: ubyte, three dimensions
    assert raw[4:16] == bytes([0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3])
    assert raw[16:] == bytes(range(6))


@pytest.mark.parametrize("name", ["images-idx3-ubyte", "images-idx3-ubyte.gz"])
def test_uint8_images_round_trip_plain_and_gzip(tmp_path, name):
    images = np.random.default_rng(0).integers(0, 256, (5, 28, 28), dtype=np.uint8)
    write_idx(tmp_path / name, images)
    back = read_idx(tmp_path / name)
    assert back.dtype == np.uint8
    np.testing.assert_array_equal(back, images)


def test_gzip_is_detected_by_content_not_name(tmp_path):
    labels = np.array([3, 1, 4, 1, 5], dtype=np.uint8)
    write_idx(tmp_path / "labels.gz", labels)
    (tmp_path / "labels.gz").rename(tmp_path / "labels-idx1-ubyte")
    np.testing.assert_array_equal(read_idx(tmp_path / "labels-idx1-ubyte"), labels)
    assert (tmp_path / "labels-idx1-ubyte").read_bytes()[:2] == b"\x1f\x8b"


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.float32, np.float64])
def test_other_idx_types_round_trip_in_native_byte_order(tmp_path, dtype):
    array = (np.arange(24).reshape(2, 3, 4) - 12).astype(dtype)
    write_idx(tmp_path / "data.idx", array)
    back = read_idx(tmp_path / "data.idx")
    assert back.dtype == np.dtype(dtype) and back.dtype.isnative
    np.testing.assert_array_equal(back, array)
    assert back.flags.writeable


def test_parse_idx_reads_bytes_from_memory():
    raw = bytes([0, 0, 0x08, 1, 0, 0, 0, 3, 7, 8, 9])
    np.testing.assert_array_equal(parse_idx(raw), [7, 8, 9])


def valid_bytes():
    return bytes([0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4])


@pytest.mark.parametrize("raw, message", [
    (b"", "not an IDX file"),
    (b"\x01\x00\x08\x01" + bytes(5), "not an IDX file"),
    (bytes([0, 0, 0x0A, 1, 0, 0, 0, 1, 0]), "unknown IDX type code 0x0A"),
    (bytes([0, 0, 0x08, 3, 0, 0, 0, 1]), "header promises 3 dimensions"),
    (valid_bytes()[:-1], "truncated"),
    (valid_bytes() + b"\x00", "longer than its header says"),
])
def test_malformed_files_are_rejected_with_the_reason(tmp_path, raw, message):
    path = tmp_path / "broken"
    path.write_bytes(raw)
    with pytest.raises(ValueError, match=message):
        read_idx(path)


def test_a_truncated_file_names_the_file_and_the_sizes(tmp_path):
    path = tmp_path / "train-images-idx3-ubyte"
    write_idx(path, np.zeros((10, 28, 28), dtype=np.uint8))
    path.write_bytes(path.read_bytes()[:5000])
    with pytest.raises(ValueError, match=r"train-images-idx3-ubyte is truncated.*7856 bytes.*5000"):
        read_idx(path)


def test_a_damaged_gzip_file_is_a_value_error(tmp_path):
    path = tmp_path / "labels.gz"
    path.write_bytes(gzip.compress(valid_bytes())[:-6])
    with pytest.raises(ValueError, match="damaged gzip"):
        read_idx(path)


@pytest.mark.parametrize("array", [np.zeros(3, dtype=np.int64), np.zeros(3, dtype=bool),
                                   np.zeros(3, dtype=np.uint16)])
def test_types_idx_cannot_hold_are_rejected(tmp_path, array):
    with pytest.raises(ValueError, match="cannot store dtype"):
        write_idx(tmp_path / "x", array)


def write_mnist(directory, n_train=6, n_test=4, compress=("train_images", "test_labels")):
    rng = np.random.default_rng(1)
    arrays = {
        "train_images": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "train_labels": rng.integers(0, 10, n_train, dtype=np.uint8),
        "test_images": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "test_labels": rng.integers(0, 10, n_test, dtype=np.uint8),
    }
    for key, array in arrays.items():
        suffix = ".gz" if key in compress else ""
        write_idx(directory / (MNIST_FILES[key] + suffix), array)
    return arrays


def test_load_mnist_reads_the_four_standard_files(tmp_path):
    arrays = write_mnist(tmp_path)
    mnist = load_mnist(tmp_path)
    for key in ("train_images", "test_images"):
        images = getattr(mnist, key)
        assert images.dtype == np.float32 and images.shape == arrays[key].shape
        np.testing.assert_allclose(images, arrays[key] / 255.0, rtol=1e-6)
        assert images.min() >= 0.0 and images.max() <= 1.0
    for key in ("train_labels", "test_labels"):
        labels = getattr(mnist, key)
        assert labels.dtype == np.int64
        np.testing.assert_array_equal(labels, arrays[key])


def test_load_mnist_says_which_file_is_missing(tmp_path):
    write_mnist(tmp_path)
    (tmp_path / "t10k-images-idx3-ubyte").unlink()
    with pytest.raises(FileNotFoundError, match="t10k-images-idx3-ubyte"):
        load_mnist(tmp_path)


def test_load_mnist_rejects_mismatched_counts(tmp_path):
    write_mnist(tmp_path)
    write_idx(tmp_path / "train-labels-idx1-ubyte", np.zeros(5, dtype=np.uint8))
    with pytest.raises(ValueError, match="6 images but .* 5 labels"):
        load_mnist(tmp_path)


@pytest.mark.parametrize("key, array, message", [
    ("train_images", np.zeros((6, 784), dtype=np.uint8), "shape \\(n, rows, columns\\)"),
    ("train_images", np.zeros((6, 28, 28), dtype=np.float32), "uint8 images"),
    ("test_labels", np.zeros((4, 1), dtype=np.uint8), "uint8 labels"),
])
def test_load_mnist_rejects_wrong_shapes_and_types(tmp_path, key, array, message):
    write_mnist(tmp_path, compress=())
    write_idx(tmp_path / MNIST_FILES[key], array)
    with pytest.raises(ValueError, match=message):
        load_mnist(tmp_path)
