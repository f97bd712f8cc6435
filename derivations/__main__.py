"""`python -m derivations`: the catalog as a Markdown list (the README's catalog section)."""

from __future__ import annotations

from importlib import import_module

from derivations import MODULES

TOPICS = {
    "softmax": "Softmax shift invariance",
    "sigmoid": "Sigmoid derivative",
    "tanh": "tanh",
    "cross_entropy": "Cross-entropy gradient",
    "jacobian": "Softmax Jacobian",
    "loglinear": "Log-linear model ⇒ softmax",
    "logistic": "Softmax regression (document 001)",
    "backprop": "Backpropagation, one hidden layer",
    "params": "Parameter count",
    "convolution": "Convolution as a sparse matrix (document 004)",
    "every_n": "The vector identities for a symbolic n (proved for every n ≥ 1)",
    "matrix": "Matrix notation at symbolic sizes (written in LaTeX, `derivations/files/`)",
}


def _cited(source: str) -> str:
    """A seed document's number, or the source's name (the text before its first colon)."""
    return source[:3] if source[:3].isdigit() else source.split(":", 1)[0]


def markdown() -> str:
    out = []
    for name in MODULES:
        items = import_module(f"derivations.{name}").ITEMS
        out.append(f"\n**{TOPICS[name]}** (`derivations/{name}.py`, {len(items)} entries)\n")
        for item in items:
            out.append(f"- `{item.id}`: {item.title} ({_cited(item.source)})")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
