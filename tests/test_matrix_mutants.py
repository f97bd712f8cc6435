"""Mutants of matrix gradients at symbolic sizes (issue 12): the slips students make in matrix
notation — a transpose dropped or added, the factors of a product swapped, a ⊙ factor dropped,
W₁ for W₂, σ for 1 − σ, a sign — generated from correct gradients and checked at symbolic
sizes. The oracle is independent of the symbolic-size path: the same claim with every size a
number, where SymPy's explicit matrices decide it. Every mutant false at some explicit size
must be refuted (never proved), and every mutant true at all of them must not be refuted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from checker import Limits, Settings, Verdict, run
from checker.derivation_file import load_file
from tests.recheck import assert_refutations

VECTORS = {"v": "D", "u": "H", "b1": "H", "h": "H", "y": "K", "b2": "K"}
MATRICES = {"W1": ["H", "D"], "W2": ["K", "H"], "A": ["D", "D"]}
SUM_ONE = 'given = ["sum(y) == 1"]'

# (gradient, correct right side, needs Σ y = 1)
BASES = {
    "bilinear": ("grad(T(u) @ W1 @ v, W1)", "u @ T(v)", False),
    "quadratic": ("grad(T(v) @ A @ v, v)", "(A + T(A)) @ v", False),
    "least-squares": ("grad(T(W1 @ v - u) @ (W1 @ v - u), W1)", "2 * (W1 @ v - u) @ T(v)", False),
    "linear": ("grad(dot(u, W1 @ v), v)", "T(W1) @ u", False),
    "ce-h": ("grad(-dot(y, log(softmax(W2 @ h + b2))), h)",
             "T(W2) @ (softmax(W2 @ h + b2) - y)", True),
    "ce-W2": ("grad(-dot(y, log(softmax(W2 @ h + b2))), W2)",
              "(softmax(W2 @ h + b2) - y) @ T(h)", True),
    # the whole forward pass of a one-hidden-layer network, by its input (issue 12's ∂L/∂x)
    "network-x": ("grad(-dot(y, log(softmax(W2 @ sigmoid(W1 @ v + b1) + b2))), v)",
                  "T(W1) @ hadamard(T(W2) @ (softmax(W2 @ sigmoid(W1 @ v + b1) + b2) - y), "
                  "hadamard(sigmoid(W1 @ v + b1), 1 - sigmoid(W1 @ v + b1)))", True),
    "sigmoid-layer": ("grad(dot(u, sigmoid(W1 @ v + b1)), W1)",
                      "hadamard(u, hadamard(sigmoid(W1 @ v + b1), 1 - sigmoid(W1 @ v + b1))) @ T(v)",
                      False),
}

SWAPS = {"W1": "W2", "W2": "W1"}


def _mutants(rhs: str) -> dict[str, str]:
    """Every single slip applied once to the right side (tests' own text, read with ast)."""
    tree = ast.parse(rhs, mode="eval")
    out: dict[str, str] = {}
    nodes = list(ast.walk(tree))
    for k, node in enumerate(nodes):
        def mutate(change: str, replace_with: ast.AST, k: int = k) -> None:
            copy = ast.parse(rhs, mode="eval")
            target = list(ast.walk(copy))[k]
            parent = next(p for p in ast.walk(copy) for c in ast.iter_child_nodes(p) if c is target)
            for field, value in ast.iter_fields(parent):
                if value is target:
                    setattr(parent, field, replace_with(target) if callable(replace_with)
                            else replace_with)
                elif isinstance(value, list) and target in value:
                    value[value.index(target)] = (replace_with(target) if callable(replace_with)
                                                  else replace_with)
            text = ast.unparse(copy)
            if text != rhs and text not in out.values():
                out[f"{change}@{k}"] = text

        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "T":
                mutate("drop-transpose", lambda t: t.args[0])
            if node.func.id == "hadamard":
                mutate("drop-hadamard-left", lambda t: t.args[1])
                mutate("drop-hadamard-right", lambda t: t.args[0])
                mutate("hadamard-as-product",
                       lambda t: ast.BinOp(t.args[0], ast.MatMult(), t.args[1]))
        if isinstance(node, ast.Name) and node.id in MATRICES:
            mutate("add-transpose",
                   lambda t: ast.Call(ast.Name("T", ast.Load()), [ast.Name(t.id, ast.Load())], []))
        if isinstance(node, ast.Name) and node.id in SWAPS:
            mutate("swap-weights", lambda t: ast.Name(SWAPS[t.id], ast.Load()))
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            mutate("swap-factors", lambda t: ast.BinOp(t.right, ast.MatMult(), t.left))
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub):
            mutate("sign", lambda t: ast.BinOp(t.left, ast.Add(), t.right))
            if isinstance(node.left, ast.Constant) and node.left.value == 1:
                mutate("one-minus-dropped", lambda t: t.right)
    return out


def _header(sizes: dict[str, int] | None) -> str:
    def size(d: str) -> str:
        return str(sizes[d]) if sizes else f'"{d}"'

    dims = "" if sizes else 'dims = { D = "positive integer", H = "positive integer", ' \
                            'K = "positive integer" }\n'
    vectors = ", ".join(f"{n} = {size(d)}" for n, d in VECTORS.items())
    matrices = ", ".join(f"{n} = [{size(r)}, {size(c)}]" for n, (r, c) in MATRICES.items())
    return f"format = 1\n[context]\n{dims}vectors = {{ {vectors} }}\nmatrices = {{ {matrices} }}\n"


CASES = {f"{base}:{name}": (grad, text, sum_one)
         for base, (grad, rhs, sum_one) in BASES.items()
         for name, text in _mutants(rhs).items()}
# two explicit size assignments: all sizes different (a transpose changes the shape), and all
# equal (a transpose type-checks and must be decided on the entries)
EXPLICIT = ({"D": 3, "H": 2, "K": 4}, {"D": 2, "H": 2, "K": 2})


def _run(directory: Path, sizes: dict[str, int] | None) -> dict[str, object]:
    body = _header(sizes)
    ids = {}
    for k, (case, (grad, rhs, sum_one)) in enumerate(CASES.items()):
        ids[f"m{k}"] = case
        body += f'\n[[derivation]]\nid = "m{k}"\nclaim = "{grad} == {rhs}"\n'
        body += (SUM_ONE + "\n") if sum_one else ""
    path = directory / f"mutants-{'symbolic' if sizes is None else 'x'.join(map(str, sizes.values()))}.toml"
    path.write_text(body, encoding="utf-8")
    loaded = load_file(str(path))
    out: dict[str, object] = {}
    for error in loaded.errors:  # a mutant that does not type-check at these sizes
        out[ids[error.derivation]] = error
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=2))
    assert_refutations(report)  # every counterexample satisfies the claim's assumptions
    for outcome in report.outcomes:
        out[ids[outcome.id.split("::")[1]]] = outcome.checks[0].result
    return out


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    directory = tmp_path_factory.mktemp("mutants")
    symbolic = _run(directory, None)
    explicit = [_run(directory, sizes) for sizes in EXPLICIT]
    return {case: (symbolic[case], [e[case] for e in explicit]) for case in CASES}


def _verdict(result: object) -> Verdict | None:
    """None: the mutant is ill-shaped (an input error, or at explicit sizes refuted by its
    shapes: a product whose shapes do not fit is a wrong step there, since session 25)."""
    if getattr(getattr(result, "method", None), "value", "") == "shapes differ" \
            and "not defined at its sizes" in getattr(result, "detail", ""):
        return None
    return getattr(result, "verdict", None)


def test_there_are_mutants_of_every_kind() -> None:
    kinds = {case.split(":")[1].split("@")[0] for case in CASES}
    assert kinds >= {"drop-transpose", "add-transpose", "swap-factors", "drop-hadamard-left",
                     "hadamard-as-product", "swap-weights", "sign", "one-minus-dropped"}
    assert len(CASES) >= 40


def test_the_unmutated_gradients_are_proved(tmp_path: Path) -> None:
    body = _header(None)
    for k, (grad, rhs, sum_one) in enumerate(BASES.values()):
        body += f'\n[[derivation]]\nid = "b{k}"\nclaim = "{grad} == {rhs}"\n'
        body += (SUM_ONE + "\n") if sum_one else ""
    path = tmp_path / "bases.toml"
    path.write_text(body, encoding="utf-8")
    loaded = load_file(str(path))
    assert not loaded.errors
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=2))
    assert [o.checks[0].result.verdict for o in report.outcomes] == [Verdict.PROVED] * len(BASES)


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_mutant_is_decided_as_at_explicit_sizes(verdicts: dict, case: str) -> None:
    symbolic, explicit = verdicts[case]
    at_sizes = [_verdict(r) for r in explicit]
    got = _verdict(symbolic)
    distinct, square = at_sizes
    if distinct is Verdict.REFUTED:  # false where every size differs: refuted for all sizes
        assert got is Verdict.REFUTED, (case, CASES[case], symbolic)
    elif distinct is None:  # it multiplies shapes that only fit when sizes coincide
        assert got in (None, Verdict.REFUTED), (case, CASES[case], symbolic)
    elif square is Verdict.REFUTED:
        assert got is Verdict.REFUTED, (case, CASES[case], symbolic)
    if got is Verdict.PROVED:  # a proof at every size must hold at each size tried
        assert all(v is Verdict.PROVED for v in at_sizes), (case, CASES[case], explicit)
