"""The words and formulas of the Functions lab: names, formula cards and the course's facts.

Formulas are written in math notation only (Unicode and HTML sub/superscripts), so they read the
same in every language; the sentences around them go through Qt's translation. Numbers in the
facts are filled in by the pages from the engine's own functions, never typed here.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


# Every call spells out QCoreApplication.translate("FunctionsTexts", ...): lupdate finds a string
# only as a literal argument of such a call.


def activation_title(name: str) -> str:
    """The name students know an activation by (registry name -> display name)."""
    titles = {
        "step": QCoreApplication.translate("FunctionsTexts", "Step"),
        "linear": QCoreApplication.translate("FunctionsTexts", "Linear"),
        "sigmoid": QCoreApplication.translate("FunctionsTexts", "Sigmoid"),
        "tanh": QCoreApplication.translate("FunctionsTexts", "Tanh"),
        "relu": QCoreApplication.translate("FunctionsTexts", "ReLU"),
        "leaky_relu": QCoreApplication.translate("FunctionsTexts", "Leaky ReLU"),
        "prelu": QCoreApplication.translate("FunctionsTexts", "PReLU"),
        "elu": QCoreApplication.translate("FunctionsTexts", "ELU"),
        "softplus": QCoreApplication.translate("FunctionsTexts", "Softplus"),
    }
    return titles[name]


#: (f, f′) of each activation, as HTML.
ACTIVATION_FORMULAS = {
    "step": ("f(x) = 1 (x ≥ 0);  0 (x &lt; 0)", "f′(x) = 0"),
    "linear": ("f(x) = x", "f′(x) = 1"),
    "sigmoid": ("σ(x) = 1 / (1 + e<sup>−x</sup>)", "σ′(x) = σ(x) · (1 − σ(x))"),
    "tanh": ("tanh(x) = (e<sup>x</sup> − e<sup>−x</sup>) / (e<sup>x</sup> + e<sup>−x</sup>)"
             " = 2σ(2x) − 1",
             "tanh′(x) = 1 − tanh<sup>2</sup>(x)"),
    "relu": ("f(x) = max(0, x)", "f′(x) = 1 (x &gt; 0);  0 (x ≤ 0)"),
    "leaky_relu": ("f(x) = x (x &gt; 0);  αx (x ≤ 0)", "f′(x) = 1 (x &gt; 0);  α (x ≤ 0)"),
    "prelu": ("f(x) = x (x &gt; 0);  αx (x ≤ 0)", "f′(x) = 1 (x &gt; 0);  α (x ≤ 0)"),
    "elu": ("f(x) = x (x &gt; 0);  α(e<sup>x</sup> − 1) (x ≤ 0)",
            "f′(x) = 1 (x &gt; 0);  αe<sup>x</sup> (x ≤ 0)"),
    "softplus": ("f(x) = ln(1 + e<sup>x</sup>)", "f′(x) = σ(x)"),
}


def activation_facts(name: str, **numbers: float) -> str:
    """What the course says about ``name``; ``numbers`` come from the engine (see the page)."""
    facts = {
        "step": QCoreApplication.translate(
            "FunctionsTexts",
            "The slope is 0 everywhere (and undefined at 0): no gradient ever flows back, so "
            "a network of step units cannot learn by gradient descent. That is why smooth "
            "activations replaced it.",
        ),
        "linear": QCoreApplication.translate(
            "FunctionsTexts",
            "The slope is 1 everywhere, so gradients pass unchanged. But a stack of linear "
            "layers is still one linear function: without a nonlinearity, depth adds nothing.",
        ),
        "sigmoid": QCoreApplication.translate(
            "FunctionsTexts",
            "σ′ is largest at x = 0, where σ′(0) = {peak:.2f}. Beyond |x| &gt; 3 it is below "
            "{at_three:.3f}: in the saturated zones (shaded) almost no gradient gets through. "
            "The output lies in (0, 1) and is not zero-centred.",
        ),
        "tanh": QCoreApplication.translate(
            "FunctionsTexts",
            "tanh is a stretched, shifted sigmoid: tanh(x) = 2σ(2x) − 1 (the dotted curve; "
            "largest difference on this range {difference:.0e}). Its output lies in (−1, 1) "
            "and is zero-centred; tanh′ ≤ 1, with tanh′(0) = {peak:.2f}, four times sigmoid's "
            "peak. It still saturates for large |x|.",
        ),
        "relu": QCoreApplication.translate(
            "FunctionsTexts",
            "For x &gt; 0 the slope is 1: the gradient passes unchanged, however deep the "
            "network. For x &lt; 0 the slope is 0: the dead zone. A unit whose input stays "
            "negative gets no gradient and stops learning (a 'dead ReLU').",
        ),
        "leaky_relu": QCoreApplication.translate(
            "FunctionsTexts",
            "Below 0 the slope is α = {alpha:.3f} instead of 0, so a unit with a negative "
            "input still gets a little gradient and cannot die.",
        ),
        "prelu": QCoreApplication.translate(
            "FunctionsTexts",
            "Parametric ReLU: the same shape as Leaky ReLU, but α is a parameter the network "
            "learns by gradient descent, like a weight (PyTorch starts it at {initial:.2f}). "
            "Here α = {alpha:.3f}: one moment of that training.",
        ),
        "elu": QCoreApplication.translate(
            "FunctionsTexts",
            "Smooth below 0, levelling off at −α = {minus_alpha:.2f}, so its average output "
            "is closer to 0 than ReLU's. The slope αeˣ is small for very negative x but never "
            "exactly 0.",
        ),
        "softplus": QCoreApplication.translate(
            "FunctionsTexts",
            "A smooth ReLU: its derivative is exactly the sigmoid, so the slope is never 0 "
            "and never above 1 (softplus′(0) = {peak:.2f}).",
        ),
    }
    return facts[name].format(**numbers)


def loss_title(name: str) -> str:
    titles = {
        "mae": QCoreApplication.translate("FunctionsTexts", "MAE (L1)"),
        "mse": QCoreApplication.translate("FunctionsTexts", "MSE (L2)"),
        "huber": QCoreApplication.translate("FunctionsTexts", "Huber"),
        "binary_cross_entropy": QCoreApplication.translate(
            "FunctionsTexts",
            "Binary cross-entropy",
        ),
    }
    return titles[name]


#: (loss of one example, its derivative with respect to the prediction p), as HTML; d = p − y.
LOSS_FORMULAS = {
    "mae": ("|p − y|", "sign(p − y)"),
    "mse": ("(p − y)<sup>2</sup>", "2(p − y)"),
    "huber": ("½d<sup>2</sup> (|d| ≤ δ);  δ(|d| − ½δ) (|d| &gt; δ)", "clip(d, −δ, δ)"),
    "binary_cross_entropy": ("−[y ln p + (1 − y) ln(1 − p)]", "(p − y) / (p(1 − p))"),
}


def formula_card(title: str, blocks: list[str], note: str = "") -> str:
    """Rich text for the card beside a plot: a title, blocks of formulas (one paragraph each;
    lines that belong together are joined with <br>), then the explanation."""
    paragraphs = "".join(f"<p>{block}</p>" for block in [*blocks, note] if block)
    return f"<h3>{title}</h3>{paragraphs}"
