"""Independent re-evaluation of a counterexample, using only SymPy's own machinery.

Nothing here uses the engine's rewrite, program or interval code: the claim is
evaluated with SymPy's ``rewrite``/``doit``/``evalf`` at the reported point.
"""

from __future__ import annotations

import sympy as sp

from checker.model import Claim, Condition, Equation, OneHot, OneHotAt
from checker.results import Counterexample
from checker.vocab import sigmoid


def _side(value: object, entry: tuple[int, int] | None) -> sp.Expr:
    if isinstance(value, sp.MatrixBase):
        if entry is None:
            assert value.shape == (1, 1)
            return value[0, 0]
        return value[entry[0] - 1, entry[1] - 1]
    return value  # type: ignore[return-value]


def _expand(e: sp.Expr) -> sp.Expr:
    return e.rewrite(sigmoid, sp.exp).doit()


def _instance(claim: Claim, cex: Counterexample) -> Claim:
    """A claim over a symbolic n at the counterexample's sizes and index values, built with
    SymPy alone: n and the indices substituted, sums written out term by term, δ and
    derivatives evaluated by ``doit``, and x[k] matched by name to the point's symbol x[k]."""
    values = {s: sp.Integer(v) for s, v in cex.instance}
    by_name = {str(s): s for s in cex.as_dict()}

    def written_out(s: sp.Sum) -> sp.Expr:  # term by term; hi < lo is the empty sum, 0
        body = s.function
        for k, lo, hi in s.limits:
            if not (lo.is_Integer and hi.is_Integer):
                return s
            body = sp.Add(*[body.subs(k, v) for v in range(int(lo), int(hi) + 1)])
        return body

    def inst(e: sp.Expr) -> sp.Expr:
        e = e.xreplace(values)
        for _ in range(4):  # inner ranges may depend on outer indices
            e = e.replace(lambda a: isinstance(a, sp.Sum), written_out)
        named = {a: by_name.get(f"{a.base}[{a.indices[0]}]", sp.Symbol(f"{a.base}[{a.indices[0]}]"))
                 for a in e.atoms(sp.Indexed)}
        return e.xreplace(named).doit()

    given: list = []
    for h in claim.given:
        if isinstance(h, Equation):
            given.append(Equation(inst(h.lhs), inst(h.rhs)))
        elif isinstance(h, Condition):
            rel = inst(h.relation)
            assert rel is not sp.false, f"condition {h.describe()} fails at {cex.instance}"
            if rel is not sp.true:
                given.append(Condition(rel))
        elif isinstance(h, OneHotAt):
            at = int(values[h.at])
            for name, sym in by_name.items():
                if name.startswith(f"{h.vector}[") and name.endswith("]"):
                    k = int(name[len(str(h.vector)) + 1:-1])
                    given.append(Equation(sym, int(k == at)))
    return Claim(inst(claim.lhs), inst(claim.rhs), tuple(given))


def assert_counterexample(claim: Claim, cex: Counterexample) -> None:
    if cex.instance:
        claim = _instance(claim, cex)
    point = cex.as_dict()
    missing = claim.symbols - set(point)
    assert not missing, f"the point does not assign {missing}"
    for s, v in point.items():  # every declared assumption holds
        assert v.is_Rational, f"{s} = {v} is not a small exact number"
        if s.is_positive:
            assert v > 0, f"{s} must be positive, got {v}"
        if s.is_nonnegative:
            assert v >= 0, f"{s} must be nonnegative, got {v}"
        if s.is_integer:
            assert v.is_Integer, f"{s} must be an integer, got {v}"
    for h in claim.given:  # every hypothesis holds exactly
        if isinstance(h, OneHot):
            values = [point[s] for s in h.vector]
            assert sorted(values) == [0] * (len(values) - 1) + [1], f"not one-hot: {values}"
        elif isinstance(h, Equation):
            assert (h.lhs - h.rhs).subs(point).equals(0), f"hypothesis {h.describe()} fails"
        elif isinstance(h, Condition):
            assert bool(h.relation.subs(point)), f"condition {h.describe()} fails"
    lhs = _expand(_side(claim.lhs, cex.entry)).subs(point)
    rhs = _expand(_side(claim.rhs, cex.entry)).subs(point)
    for side in (lhs, rhs):
        value = side.evalf(30, strict=True)
        assert value.is_real and value.is_finite, f"not a finite real value: {value}"
    # SymPy's adaptive evalf: strict=True raises rather than return unreliable digits,
    # so a printed non-zero difference here is a certified one.
    diff = (lhs - rhs).evalf(30, strict=True)
    assert diff != 0, f"the sides agree at the point: {lhs} vs {rhs}"
