"""Data for the labs: Playground 2-D sets and their features, built-in digits, MNIST files,
splits with standardization, and augmentation. Everything random takes an ``rng``."""
from .augment import gaussian_noise, jitter_points, random_rotation, random_shift
from .digits import make_digits
from .features import FEATURES, Feature, feature_matrix
from .idx import MNIST_FILES, Mnist, load_mnist, parse_idx, read_idx, write_idx
from .playground import (
    DATASETS,
    MAX_NOISE,
    PLAYGROUND_DOMAIN,
    Dataset,
    DatasetRecipe,
    make_dataset,
    to_zero_one,
)
from .split import Split, Standardizer, split_indices

__all__ = [
    "DATASETS", "FEATURES", "MAX_NOISE", "MNIST_FILES", "PLAYGROUND_DOMAIN",
    "Dataset", "DatasetRecipe", "Feature", "Mnist", "Split", "Standardizer",
    "feature_matrix", "gaussian_noise", "jitter_points", "load_mnist", "make_dataset",
    "make_digits", "parse_idx", "random_rotation", "random_shift", "read_idx", "split_indices",
    "to_zero_one", "write_idx",
]
