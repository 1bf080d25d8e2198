"""The IDX file format of MNIST (and Fashion-MNIST), read and written with NumPy alone.

An IDX file is a 4-byte magic number — two zero bytes, a type code, the number of dimensions —
then one big-endian uint32 per dimension, then the values in C order, big-endian. The files are
often gzip-compressed; the reader recognises gzip by its magic bytes, not by the file name.
"""
from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# IDX type code -> big-endian NumPy dtype.
_DTYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_GZIP_MAGIC = b"\x1f\x8b"

#: The standard MNIST file stems; each may also carry a ``.gz`` suffix.
MNIST_FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}


def parse_idx(raw: bytes, source: str = "IDX data") -> np.ndarray:
    """Decode the bytes of an (uncompressed) IDX file into an array of native byte order."""
    if len(raw) < 4 or raw[0:2] != b"\x00\x00":
        raise ValueError(f"{source} is not an IDX file: it must start with two zero bytes, "
                         f"a type code and the number of dimensions")
    type_code, ndim = raw[2], raw[3]
    if type_code not in _DTYPES:
        known = ", ".join(f"0x{code:02X}" for code in _DTYPES)
        raise ValueError(f"{source} has unknown IDX type code 0x{type_code:02X}; known: {known}")
    header_size = 4 + 4 * ndim
    if len(raw) < header_size:
        raise ValueError(f"{source} is truncated: its header promises {ndim} dimensions "
                         f"but the file has only {len(raw)} bytes")
    shape = tuple(int(size) for size in np.frombuffer(raw, ">u4", count=ndim, offset=4))
    dtype = _DTYPES[type_code]
    expected = header_size + int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if len(raw) != expected:
        state = "truncated" if len(raw) < expected else "longer than its header says"
        raise ValueError(f"{source} is {state}: shape {shape} of {dtype.name} needs "
                         f"{expected} bytes, the file has {len(raw)}")
    data = np.frombuffer(raw, dtype, offset=header_size).reshape(shape)
    return data.astype(dtype.newbyteorder("="))


def read_idx(path: str | Path) -> np.ndarray:
    """Read an IDX file, plain or gzip-compressed."""
    path = Path(path)
    raw = path.read_bytes()
    if raw[:2] == _GZIP_MAGIC:
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as error:
            raise ValueError(f"{path} is a damaged gzip file: {error}") from error
    return parse_idx(raw, str(path))


def write_idx(path: str | Path, array: np.ndarray) -> None:
    """Write ``array`` as an IDX file, gzip-compressed if ``path`` ends in ``.gz``. Its dtype must
    be one IDX can hold (uint8, int8, int16, int32, float32, float64)."""
    path = Path(path)
    array = np.asarray(array)
    codes = {dtype.newbyteorder("="): code for code, dtype in _DTYPES.items()}
    code = codes.get(array.dtype.newbyteorder("="))
    if code is None:
        allowed = ", ".join(dtype.newbyteorder("=").name for dtype in _DTYPES.values())
        raise ValueError(f"IDX cannot store dtype {array.dtype}; use one of {allowed}")
    if array.ndim > 255 or any(size >= 2**32 for size in array.shape):
        raise ValueError(f"IDX cannot store shape {array.shape}: at most 255 dimensions "
                         f"of fewer than 2**32 entries each")
    header = bytes([0, 0, code, array.ndim]) + np.asarray(array.shape, ">u4").tobytes()
    raw = header + array.astype(_DTYPES[code], copy=False).tobytes()
    path.write_bytes(gzip.compress(raw) if path.suffix == ".gz" else raw)


@dataclass(frozen=True)
class Mnist:
    """MNIST as the engine uses it: images (n, 28, 28) float32 in [0, 1], labels (n,) int64."""

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray


def _find(directory: Path, stem: str) -> Path:
    for candidate in (directory / stem, directory / f"{stem}.gz"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{directory} has no {stem} or {stem}.gz; MNIST needs the four "
                            f"files {', '.join(MNIST_FILES.values())} (each optionally .gz)")


def _images_and_labels(directory: Path, images_stem: str, labels_stem: str):
    images_path, labels_path = _find(directory, images_stem), _find(directory, labels_stem)
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.ndim != 3 or images.dtype != np.uint8:
        raise ValueError(f"{images_path} must hold uint8 images of shape (n, rows, columns), "
                         f"got {images.dtype} {images.shape}")
    if labels.ndim != 1 or labels.dtype != np.uint8:
        raise ValueError(f"{labels_path} must hold uint8 labels of shape (n,), "
                         f"got {labels.dtype} {labels.shape}")
    if len(images) != len(labels):
        raise ValueError(f"{images_path} has {len(images)} images but {labels_path} has "
                         f"{len(labels)} labels; they must match")
    return (images / np.float32(255)).astype(np.float32), labels.astype(np.int64)


def load_mnist(directory: str | Path) -> Mnist:
    """Load the four standard MNIST files from ``directory`` (plain or ``.gz``)."""
    directory = Path(directory)
    train = _images_and_labels(directory, MNIST_FILES["train_images"], MNIST_FILES["train_labels"])
    test = _images_and_labels(directory, MNIST_FILES["test_images"], MNIST_FILES["test_labels"])
    return Mnist(*train, *test)
