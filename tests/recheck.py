"""Independent re-evaluation of a counterexample, using only SymPy's own machinery.

Nothing here uses the engine's rewrite, program or interval code: the claim is
evaluated with SymPy's ``rewrite``/``doit``/``evalf`` at the reported point.
"""

from __future__ import annotations

import itertools

import sympy as sp

from checker.inverse import Determinant, InverseEntry
from checker.model import Claim, Condition, Equation, OneHot, OneHotAt
from checker.randomness import OPERATORS, Covariance, Variance
from checker.results import Counterexample
from checker.symmetric import SymmetricBase
from checker.vocab import sigmoid
from checker.vocabulary import EXP_FORMS


def _side(value: object, entry: tuple[int, int] | None) -> sp.Expr:
    if isinstance(value, sp.MatrixBase):
        if entry is None:
            assert value.shape == (1, 1)
            return value[0, 0]
        return value[entry[0] - 1, entry[1] - 1]
    return value  # type: ignore[return-value]


def _expand(e: sp.Expr) -> sp.Expr:
    # integrals are kept (SymPy's doit would integrate them): _quadrature gives their values
    held = {i: sp.Dummy() for i in e.atoms(sp.Integral)}
    out = e.xreplace(held).rewrite(sigmoid, sp.exp).doit()
    return out.xreplace({d: i for i, d in held.items()})


def _quadrature(e: sp.Expr) -> sp.Expr:
    """Each integral of ``e`` (at a point: no symbol left but its variable) by numerical
    quadrature, independently of the engine's antiderivatives."""
    import mpmath

    def value(i: sp.Integral) -> sp.Expr:
        *inner, (t, lo, hi) = i.limits  # the outermost last
        f = sp.Integral(i.function, *inner) if inner else i.function
        if f.has(sp.Integral):  # an integral inside: evaluated at each point of the outer one
            def g(x: object) -> object:
                return mpmath.mpf(str(sp.N(_quadrature(f.subs(t, sp.Float(x, 40))), 40)))
        else:
            g = sp.lambdify(t, f, "mpmath")
        a, b = (mpmath.inf if v == sp.oo else -mpmath.inf if v == -sp.oo
                else mpmath.mpf(str(sp.N(v, 40))) for v in (lo, hi))
        with mpmath.workdps(40):
            return sp.Float(mpmath.quad(g, [a, b]), 35)

    return e.replace(lambda a: isinstance(a, sp.Integral), value) if e.has(sp.Integral) else e


def _variable(name: str, dist: sp.Tuple) -> sp.Expr:
    """A sympy.stats random variable with the declared law (a law given by its mean m and
    variance v only: m ± √v, one such law)."""
    from sympy import stats

    kind, params = str(dist[0]), dist[1:]
    if kind == "normal":
        return stats.Normal(name, params[0], sp.sqrt(params[1]))
    if kind == "bernoulli":
        return stats.Bernoulli(name, params[0])
    if kind == "rademacher":
        return stats.FiniteRV(name, {-1: sp.Rational(1, 2), 1: sp.Rational(1, 2)})
    if kind == "uniform":
        return stats.Uniform(name, *params)
    assert kind == "moments", f"no law to evaluate {kind}{params} with"
    m, v = params
    return stats.FiniteRV(name, {m - sp.sqrt(v): sp.Rational(1, 2),
                                 m + sp.sqrt(v): sp.Rational(1, 2)})


def expectations(e: object, point: dict) -> object:
    """Every E[…], Var[…], Cov[…] of ``e`` (explicit: sums written out) computed by sympy.stats
    with the declared laws at ``point``, independently of checker.strategies.expectations; the
    laws' parameters must be inside their conditions there (a variance ≥ 0 …)."""
    from sympy import stats

    if isinstance(e, sp.MatrixBase):
        return e.applyfunc(lambda x: expectations(x, point))
    if not isinstance(e, sp.Basic) or not e.has(*OPERATORS):
        return e

    def value(node: sp.Expr) -> sp.Expr:
        law, args = node.args[-1], node.args[:-1]
        made: dict[sp.Basic, sp.Expr] = {}
        for atom, dist, _ in law:
            kind, params = str(dist[0]), dist.xreplace(point)[1:]  # (checked at the point)
            if kind in ("normal", "moments"):
                assert params[1] >= 0, f"a variance {params[1]} < 0"
            if kind == "bernoulli":
                assert 0 <= params[0] <= 1, f"a probability {params[0]}"
            for a in args:
                for x in ([x for x in a.atoms(sp.Indexed) if x.base == atom]
                          if isinstance(atom, sp.IndexedBase) else [atom] if a.has(atom) else []):
                    made[x] = _variable(str(x), dist)
        a = [x.xreplace(made) for x in args]
        if isinstance(node, Covariance):
            return sp.simplify(stats.E(a[0] * a[1]) - stats.E(a[0]) * stats.E(a[1]))
        if isinstance(node, Variance):
            return sp.simplify(stats.E(a[0] ** 2) - stats.E(a[0]) ** 2)
        return sp.simplify(stats.E(a[0]))

    return e.replace(lambda a: isinstance(a, OPERATORS), value)


def _instance(claim: Claim, cex: Counterexample) -> Claim:
    """A claim over a symbolic n at the counterexample's sizes and index values, built with
    SymPy alone: n and the indices substituted, sums written out term by term, δ and
    derivatives evaluated by ``doit``, and x[k] matched by name to the point's symbol x[k]."""
    values = {s: sp.Integer(v) for s, v in cex.instance}
    by_name = {str(s): s for s in cex.as_dict()}

    def written_out(s: sp.Sum | sp.Product) -> sp.Expr:  # term by term; hi < lo is empty
        body, join = s.function, (sp.Mul if isinstance(s, sp.Product) else sp.Add)
        for k, lo, hi in s.limits:
            if not (lo.is_Integer and hi.is_Integer):
                return s
            body = join(*[body.subs(k, v) for v in range(int(lo), int(hi) + 1)])
        return body

    def matrix_of(a: sp.Basic) -> sp.Expr:  # an inverse's entry or a determinant at this size
        n, rule = int(a.size), a.rule
        m = sp.Matrix(n, n, lambda r, c: rule(r + 1, c + 1))
        for _ in range(4):
            m = m.applyfunc(lambda x: x.replace(lambda b: isinstance(b, sp.Sum), written_out))
        if isinstance(a, Determinant):
            return m.det()  # (SymPy's Bareiss and Gauss–Jordan, not the engine's adjugate)
        return m.inv(method="GE")[int(a.indices[0]) - 1, int(a.indices[1]) - 1]

    def inst(e: sp.Expr) -> sp.Expr:
        e = e.xreplace(values)
        for _ in range(4):  # inner ranges may depend on outer indices
            e = e.replace(lambda a: isinstance(a, sp.Sum | sp.Product), written_out)
        e = e.replace(lambda a: isinstance(a, InverseEntry | Determinant), matrix_of)
        e = expectations(e, cex.as_dict())
        named = {}
        for a in e.atoms(sp.Indexed):
            ks = a.indices if not isinstance(a.base, SymmetricBase) else tuple(sorted(a.indices))
            name = f"{a.base}[{','.join(str(i) for i in ks)}]"  # (A[2,1] is A[1,2] if symmetric)
            named[a] = by_name.get(name, sp.Symbol(name))
        return e.xreplace(named).doit()

    sizes = {}  # base → its lengths at this instance
    for base, n in claim.lengths:
        shape = tuple(n) if isinstance(n, sp.Tuple) else (n,)
        sizes[base] = tuple(int(sp.sympify(d).xreplace(values)) for d in shape)

    def every_entry(r: sp.Expr) -> list:
        """A domain condition over every entry (log(x) at a symbolic size: x[k] > 0 for each
        k) written out over the entries of this instance."""
        every = sorted((d for d in r.free_symbols if isinstance(d, sp.Dummy)
                        and d.name == "every"), key=str)
        if not every:
            return [r]
        ranges = []
        for d in every:
            n = next(sizes[a.base][p] for a in r.atoms(sp.Indexed) if a.base in sizes
                     for p, i in enumerate(a.indices) if i == d)
            ranges.append(range(1, n + 1))
        return [r.xreplace(dict(zip(every, map(sp.Integer, vs), strict=True)))
                for vs in itertools.product(*ranges)]

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
    at_sizes = [general.xreplace(values) for general in claim.domain]
    assert sp.false not in at_sizes, f"a domain condition fails at {cex.instance}"
    domain = tuple(type(r)(inst(r.lhs), inst(r.rhs), evaluate=False)
                   for general in at_sizes if general is not sp.true
                   for r in every_entry(general))
    return Claim(inst(claim.lhs), inst(claim.rhs), tuple(given), domain=domain)


def _sign(e: sp.Expr, what: str) -> int:
    """The sign of a constant, certified by SymPy's adaptive evalf (strict: no unreliable
    digits), or exactly for rationals."""
    if e.is_Rational:
        return int(e.p > 0) - int(e.p < 0)
    value = e.evalf(50, strict=True)
    assert value.is_real and value.is_finite, f"{what}: not a finite real value: {value}"
    assert value != 0, f"{what}: its sign cannot be certified ({e})"
    return 1 if value > 0 else -1


_HOLDS = {
    sp.StrictGreaterThan: lambda s: s > 0, sp.GreaterThan: lambda s: s >= 0,
    sp.StrictLessThan: lambda s: s < 0, sp.LessThan: lambda s: s <= 0,
    sp.Unequality: lambda s: s != 0, sp.Equality: lambda s: s == 0,
}
_ASSUMPTIONS = {
    "positive": lambda s: s > 0, "nonnegative": lambda s: s >= 0, "negative": lambda s: s < 0,
    "nonpositive": lambda s: s <= 0, "nonzero": lambda s: s != 0,
}


def _holds(rel: object, point: dict, what: str) -> None:
    if rel is sp.true:
        return
    assert isinstance(rel, sp.core.relational.Relational), f"{what}: {rel} is not a relation"
    d = _expand(rel.lhs - rel.rhs).subs(point)
    if isinstance(rel, sp.Equality | sp.Unequality) and d.is_Rational:
        sign = int(d.p > 0) - int(d.p < 0)
    elif isinstance(rel, sp.Equality):
        assert d.equals(0), f"{what} fails: {d} ≠ 0"
        return
    else:
        sign = _sign(d, what)
    assert _HOLDS[type(rel)](sign), f"{what} fails at the point ({d})"


def assert_counterexample(claim: Claim, cex: Counterexample) -> None:
    """The point satisfies every assumption of every symbol (integer, positive, nonnegative,
    negative, nonpositive, nonzero), every hypothesis (OneHot, OneHotAt, Equation,
    Condition) and every recorded domain condition, both sides are finite reals there, and
    they certainly differ."""
    if any(isinstance(h, OneHotAt) for h in claim.given):
        assert cex.instance, "a claim with a one-hot-at hypothesis is refuted at an instance"
    if cex.instance:
        claim = _instance(claim, cex)
    elif any(e.has(*OPERATORS) for e in claim.entries):  # E[…] by sympy.stats, at the point
        at = cex.as_dict()  # (sizes in the point: sums written out first; derivatives after)
        sizes = {s: v for s, v in at.items() if s.is_integer}

        def written(e: sp.Expr) -> sp.Expr:
            e = e.xreplace(sizes).replace(lambda a: isinstance(a, sp.Sum), lambda a: a.doit())
            return expectations(e, at).doit()  # type: ignore[union-attr]

        claim = Claim(written(claim.lhs), written(claim.rhs), claim.given, domain=claim.domain)
    if cex.witness:  # a claim about declared arbitrary functions: the ones it fails for
        def put(v: object) -> object:
            if isinstance(v, sp.MatrixBase):
                return v.applyfunc(put)
            for f, lam in cex.witness:
                v = v.replace(f, lam)  # type: ignore[attr-defined]
            return v.doit()  # type: ignore[attr-defined]

        claim = Claim(put(claim.lhs), put(claim.rhs), claim.given,
                      domain=tuple(put(r) for r in claim.domain))
        assert not any(e.has(sp.core.function.AppliedUndef) for e in claim.entries), \
            "the witness leaves an arbitrary function in the claim"
    point = cex.as_dict()
    needed = set(claim.symbols)
    for h in claim.given:
        if isinstance(h, OneHot):
            needed |= set(h.vector)
        elif isinstance(h, Equation):
            needed |= h.lhs.free_symbols | h.rhs.free_symbols
        elif isinstance(h, Condition):
            needed |= h.relation.free_symbols
    missing = needed - set(point)
    assert not missing, f"the point does not assign {missing}"
    for s, v in point.items():  # every declared assumption holds
        # Sampled values are small rationals; a value computed from a hypothesis (Z = Σ e^…)
        # may be an exact real number such as E.
        assert v.is_Rational or (v.is_number and v.is_real and not v.has(sp.Float)), \
            f"{s} = {v} is not an exact real number"
        if s.is_integer:
            assert v.is_Integer, f"{s} must be an integer, got {v}"
        for name, ok in _ASSUMPTIONS.items():
            if getattr(s, f"is_{name}"):
                assert ok(_sign(v, f"{s} = {v}")), f"{s} must be {name}, got {v}"
    for h in claim.given:  # every hypothesis holds exactly
        if isinstance(h, OneHot):
            values = [point[s] for s in h.vector]
            assert sorted(values) == [0] * (len(values) - 1) + [1], f"not one-hot: {values}"
        elif isinstance(h, Equation):
            gap = (h.lhs - h.rhs).subs(point)  # (σ, tanh by their definitions through exp)
            gap = gap.rewrite(list(EXP_FORMS), sp.exp) if gap.has(*EXP_FORMS) else gap
            assert gap.equals(0), f"hypothesis {h.describe()} fails"
        elif isinstance(h, Condition):
            _holds(h.relation, point, f"condition {h.describe()}")
        else:
            raise AssertionError(f"unexpected hypothesis {h!r}")
    for rel in claim.domain:  # where the sides were written to be defined
        _holds(rel, point, f"domain condition {rel}")
    if claim.premise is not None:  # an implication: the point is one where its premise holds
        assert not (needed | claim.premise.lhs.free_symbols | claim.premise.rhs.free_symbols) \
            - set(point), "the point does not assign the premise's letters"
        for rel in claim.premise.domain:
            _holds(rel, point, f"the premise's domain condition {rel}")
        gap = (claim.premise.lhs - claim.premise.rhs).xreplace(point)
        assert gap == 0, f"the premise fails at the point: {gap}"
    lhs = _quadrature(_expand(_side(claim.lhs, cex.entry)).subs(point))
    rhs = _quadrature(_expand(_side(claim.rhs, cex.entry)).subs(point))
    for side in (lhs, rhs):
        value = side.evalf(30, strict=True)
        assert value.is_real and value.is_finite, f"not a finite real value: {value}"
    # SymPy's adaptive evalf: strict=True raises rather than return unreliable digits,
    # so a printed non-zero difference here is a certified one.
    if claim.relation == "=":
        diff = (lhs - rhs).evalf(30, strict=True)
        assert diff != 0, f"the sides agree at the point: {lhs} vs {rhs}"
        return
    # an inequality lhs ⋈ rhs: it fails at the point (lhs − rhs exactly 0 where it is strict)
    if claim.relation == "approx":  # not the decimal side's value, rounded nor cut off
        c, a = (rhs, lhs) if claim.decimal_side == "rhs" else (lhs, rhs)
        unit = sp.Rational(1, 10 ** claim.decimals)
        gap = (a - c) * (-1 if c < 0 else 1)
        assert _sign(abs(gap) - unit / 2, "rounded") > 0, f"{a} is {c} rounded"
        assert _sign(gap, "cut") <= 0 or _sign(gap - unit, "cut") >= 0, f"{a} is {c} cut off"
        return
    sign = _sign(lhs - rhs, "lhs − rhs")
    fails = {"<": sign >= 0, "<=": sign > 0, ">": sign <= 0, ">=": sign < 0}[claim.relation]
    assert fails, f"{lhs} {claim.relation} {rhs} holds at the point"


def assert_refutations(report: object) -> int:
    """Re-check every counterexample in a run report; returns how many there were."""
    from checker.results import Verdict

    count = 0
    for cr in report.results:  # type: ignore[attr-defined]
        if cr.result.verdict is Verdict.REFUTED and cr.result.method.value == "shapes differ":
            assert cr.check.claim.mismatch and ("is a" in cr.result.detail or (
                "not defined at every size" in cr.result.detail
                and "do not fit for" in cr.result.detail) or (
                "not defined at its sizes" in cr.result.detail and (
                    "do not align" in cr.result.detail or "cannot add" in cr.result.detail
                    or "cannot subtract" in cr.result.detail))), cr.check.id
            continue  # refuted by its shape at every size: there is no point to re-check
        if cr.result.verdict is Verdict.REFUTED:
            assert cr.result.counterexample is not None, cr.check.id
            assert_counterexample(cr.check.claim, cr.result.counterexample)
            count += 1
    return count


def checked_file(path: object) -> tuple[object, list]:
    """A file read and run as the CLI would (one worker), every counterexample re-checked:
    (the report, the reader's errors)."""
    from checker import Limits, Settings, run
    from checker.files import load_file

    loaded = load_file(str(path))
    report = run(loaded.items, Settings(), Limits(timeout=60, jobs=1))
    assert_refutations(report)
    return report, loaded.errors


def by_line(report: object) -> dict[str, list]:
    """The step verdicts of each entry of a report, by the line its id names."""
    return {o.id.rsplit("::L", 1)[1]: [c.result.verdict for c in o.checks if c.check.step]
            for o in report.outcomes}  # type: ignore[attr-defined]


def goal_verdicts(tmp_path: object, text: str) -> tuple[dict[str, object], list]:
    """``text`` as doc.md in ``tmp_path``, checked (checked_file): the goal's verdict of each
    entry by the line its id names, and the reader's errors."""
    from pathlib import Path

    from checker.model import CheckKind

    path = Path(str(tmp_path)) / "doc.md"
    path.write_text(text, encoding="utf-8")
    report, errors = checked_file(path)
    return {o.id.rsplit("::L", 1)[1]: c.result.verdict for o in report.outcomes  # type: ignore[attr-defined]
            for c in o.checks if c.check.kind is CheckKind.GOAL}, errors


def document_verdicts(path: object, text: str) -> tuple[list[list], list[str]]:
    """``text`` written to ``path`` and checked (checked_file): the step verdicts of each
    display, in the order of their lines, and the reader's errors as text."""
    from pathlib import Path

    Path(str(path)).write_text(text, encoding="utf-8")
    report, errors = checked_file(path)
    got = by_line(report)
    def order(line: str) -> tuple[int, str]:  # (7, 7-2.2: a display's line, then its parts)
        return int(line.split("-")[0].split(".")[0]), line

    return [got[line] for line in sorted(got, key=order)], [str(e) for e in errors]


def page_goals(tmp_path: object, text: str, name: str = "doc.md") -> tuple[list, list[str], list]:
    """``text`` as a page in ``tmp_path``, checked (checked_file): each display's goal verdict
    in order, the reader's errors as text, and the goals' check results (for their detail or
    note)."""
    from pathlib import Path

    from checker.model import CheckKind

    path = Path(str(tmp_path)) / name
    path.write_text(text, encoding="utf-8")
    report, errors = checked_file(path)
    got = [c for o in report.outcomes  # type: ignore[attr-defined]
           for c in o.checks if c.check.kind is CheckKind.GOAL]
    return [c.result.verdict for c in got], [str(e) for e in errors], got
