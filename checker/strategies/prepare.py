"""Turn a claim into cases of scalar pairs, with hypotheses applied soundly.

* Definitions are expanded (σ, tanh, sinh, cosh through exp) and derivatives
  evaluated, so no verdict rests on a hand-written derivative rule.
* ``OneHot(y)`` splits the claim into one case per unit vector.
* ``Equation(a, b)`` eliminates one variable that appears linearly in a − b
  with a constant coefficient (e.g. y_n = 1 − y_1 − … − y_{n−1}); the
  eliminated symbol's assumptions (signs, nonzero, integer) become domain
  conditions.
* ``Condition(rel)`` restricts the domain: counterexamples must satisfy it.
* A case whose hypotheses certainly cannot hold (a one-hot or solved-for value
  that breaks its symbol's assumptions, an equation the earlier ones make
  false, linear conditions that are infeasible), or where a side is certainly
  undefined wherever they hold, is marked ``excluded`` with the reason; the
  engine skips it (:mod:`~checker.strategies.domain` decides, only when certain).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from math import prod

import sympy as sp
from sympy.core.function import AppliedUndef

from checker.dag import containing, contains, free_symbols, scan
from checker.model import Claim, Condition, Equation, OneHot, entries
from checker.strategies import domain, factorials
from checker.vocabulary import EXP_FORMS

DEFINED = tuple(EXP_FORMS)  # σ, tanh, sinh, cosh: rewritten through exp before differentiating


class ClaimError(Exception):
    """The claim itself is malformed (shapes, hypotheses)."""


@dataclass
class Case:
    label: str
    subs: dict[sp.Symbol, sp.Expr]
    # The entries as stated: ``subs`` is applied by whoever reads them (the rewriter and
    # the evaluators), so large trees are never rebuilt once per case.
    pairs: list[tuple[tuple[int, int] | None, sp.Expr, sp.Expr]]
    conditions: list[sp.Expr] = field(default_factory=list)  # relations that must hold
    free: list[sp.Symbol] = field(default_factory=list)  # the symbols left after subs
    integral: list[sp.Expr] = field(default_factory=list)  # values that must be integers
    # Why no point of this case counts ("" if some may): its hypotheses cannot hold, or
    # (``undefined``) the claim is undefined wherever they do. Such a case is skipped.
    excluded: str = ""
    undefined: bool = False
    # a hypothesis or a condition of where the claim is defined that linear arithmetic could
    # not use (1 − x² ≥ 0): whether they can hold together at all is not known from them
    unsure: bool = False
    # a divisor that is 0 at every point looked at, not shown 0 everywhere (sin² x + cos² x
    # − 1): the claim may be defined nowhere, and a proof of it is not counted (why)
    doubt: str = ""


def expand_definitions(e: sp.Expr) -> sp.Expr:
    """Evaluate derivatives from the exp definitions of σ, tanh, sinh, cosh.

    Rewriting first means no verdict rests on a hand-written derivative rule. Without
    derivatives the definitions are left alone: the rewriter and the evaluators read
    σ, tanh, sinh and cosh through exp themselves, which is far cheaper than SymPy's
    rewrite on large trees.
    """
    if contains([e], sp.Derivative):
        if contains([e], *DEFINED):
            e = e.rewrite(list(DEFINED), sp.exp)
        e = e.doit()
        if contains([e], AppliedUndef):
            e = named_derivatives(e)
    return e


def arbitrary_functions(claim: Claim) -> set[str]:
    """The names of the arbitrary (undefined) functions the claim applies."""
    sides = claim.entries
    if not contains(sides, AppliedUndef):
        return set()
    return {type(a).__name__ for e in sides for a in e.atoms(AppliedUndef)}


def derivative_function(f: type, orders: tuple[int, ...]) -> type:
    """f′, f″ … (one argument) or ∂₁f, ∂₁₂f … (several): the arbitrary function that is a
    derivative of the arbitrary function f. As an atom it is independent of f, which keeps
    proofs sound (an identity in independent symbols holds for every f)."""
    name = f.__name__
    if len(orders) == 1:
        new = name + "′" * orders[0] if orders[0] <= 3 else f"{name}^({orders[0]})"
    else:  # ∂₁₁ and ∂₁₁: the positions are separated once one can have two digits
        sep = "," if len(orders) > 9 else ""
        new = "∂" + sep.join(str(i + 1) for i, k in enumerate(orders) for _ in range(k)) \
            + (" " if sep else "") + name
    return sp.Function(new, real=True)


def named_derivatives(e: sp.Expr) -> sp.Expr:
    """Derivative(f(x), x) → f′(x) and Subs(Derivative(f(ξ), ξ), ξ, 2x) → f′(2x), so the same
    derivative at the same point is one atom however SymPy wrote it (and a reading is shown
    with no bound ξ)."""

    def orders(d: sp.Derivative) -> tuple[int, ...] | None:
        inner = d.expr
        if not isinstance(inner, AppliedUndef) or len(set(inner.args)) != len(inner.args) \
                or not all(a.is_Symbol for a in inner.args):
            return None
        counts = dict(d.variable_count)
        if set(counts) - set(inner.args):
            return None
        return tuple(int(counts.get(a, 0)) for a in inner.args)

    def fix(node: sp.Basic) -> sp.Basic:
        if isinstance(node, sp.Derivative):
            k = orders(node)
            if k is not None:
                return derivative_function(type(node.expr), k)(*node.expr.args)
        if isinstance(node, sp.Subs) and isinstance(node.expr, sp.Derivative):
            k = orders(node.expr)
            if k is not None:
                args = list(node.expr.expr.args)  # each variable in turn, as SymPy reads a
                for v, p in zip(node.variables, node.point, strict=True):  # Subs of several
                    args = [a.xreplace({v: p}) for a in args]
                return derivative_function(type(node.expr.expr), k)(*args)
        return node

    return e.replace(lambda n: isinstance(n, sp.Derivative | sp.Subs), fix)


def scalar_pairs(claim: Claim) -> list[tuple[tuple[int, int] | None, sp.Expr, sp.Expr]]:
    lhs, rhs = claim.lhs, claim.rhs
    lm, rm = isinstance(lhs, sp.MatrixBase), isinstance(rhs, sp.MatrixBase)
    if lm and lhs.shape == (1, 1) and not rm:
        lhs, lm = lhs[0, 0], False
    if rm and rhs.shape == (1, 1) and not lm:
        rhs, rm = rhs[0, 0], False
    if lm != rm:
        shape = lhs.shape if lm else rhs.shape
        side = "left" if lm else "right"
        raise ClaimError(f"shape mismatch: the {side} side is a {shape[0]}×{shape[1]} matrix, "
                         "the other a scalar")
    if not lm:
        return [(None, _expr(lhs), _expr(rhs))]
    if lhs.shape != rhs.shape:
        raise ClaimError(f"shape mismatch: {lhs.shape[0]}×{lhs.shape[1]} vs "
                         f"{rhs.shape[0]}×{rhs.shape[1]}")
    at = product(range(1, lhs.shape[0] + 1), range(1, lhs.shape[1] + 1))
    return list(zip(at, entries(lhs), entries(rhs), strict=True))


def _expr(v: object) -> sp.Expr:
    if isinstance(v, int):
        return sp.Integer(v)
    if isinstance(v, sp.Basic):
        return v
    raise ClaimError(f"a side of the claim is a {type(v).__name__}, not a SymPy expression")


def _eliminate(eq: Equation, subs: dict[sp.Symbol, sp.Expr]) -> tuple[sp.Symbol, sp.Expr]:
    """Solve the equation for one variable s that occurs as a·s^k + b (k = ±1).

    Sound only where the solution is unique: the coefficient a must be a
    non-zero constant or provably non-zero (SymPy's assumptions), and b must
    not involve s. Otherwise the hypothesis cannot be applied and the claim is
    reported as an error rather than decided under a weaker hypothesis.
    """
    diff = sp.expand((eq.lhs - eq.rhs).xreplace(subs))
    found = _SOLVED.get(diff)
    if found is None:
        found = _solved(diff)
        if len(_SOLVED) >= 256:
            _SOLVED.clear()
        _SOLVED[diff] = found
    if found is False:
        raise ClaimError(f"cannot apply the hypothesis {eq.describe()}: no variable can be "
                         "solved for uniquely (it must appear as a·s + b or a/s + b with a "
                         "provably non-zero a)")
    return found


# solutions found in this process (every check of a derivation applies the same hypotheses,
# and solving tries each variable through SymPy's expand and diff: 0.15 s a hypothesis)
_SOLVED: dict[sp.Expr, tuple[sp.Symbol, sp.Expr] | bool] = {}


def forget() -> None:
    """Drop the remembered solutions (a benchmark that times a claim from cold)."""
    _SOLVED.clear()


def _solved(diff: sp.Expr) -> tuple[sp.Symbol, sp.Expr] | bool:
    """(s, its value) for the first variable s that ``diff`` = 0 fixes uniquely, or False."""
    t = sp.Dummy("t")
    for s in sorted(diff.free_symbols, key=sp.default_sort_key, reverse=True):
        for k in (1, -1):
            try:  # (s a derivative's variable, d f(x)/dx: 1/t is no variable, and s no choice)
                form = sp.expand(diff.xreplace({s: t**k}))
            except (ValueError, TypeError):
                continue
            a = form.diff(t)
            if t in a.free_symbols or s in a.free_symbols or a.is_nonzero is not True:
                continue
            b = sp.expand(form - a * t)
            if t in b.free_symbols or s in b.free_symbols:
                continue
            root = -b / a
            if k == -1:
                if root.is_nonzero is not True:
                    continue
                root = 1 / root
            return s, root
    return False


def _identity(e: sp.Expr) -> bool:
    """e is 0 for every value (derivatives taken, definitions written out, as a rational
    function in the exponentials): exact, or False."""
    try:
        v = expand_definitions(e)
        v = v.doit() if v.has(sp.Derivative) else v
        if contains([v], *DEFINED):  # e^{-x} = 1/σ(x) − 1: σ through exp
            v = v.rewrite(list(DEFINED), sp.exp)
        return bool(sp.cancel(sp.together(sp.expand(sp.powsimp(v)))) == 0)
    except (TypeError, ValueError, NotImplementedError, sp.PolynomialError):
        return False


def _sign_conditions(s: sp.Symbol, value: sp.Expr) -> list[sp.Expr]:
    """What s's sign assumptions demand of the value it was eliminated for."""
    out = []
    if s.is_positive:
        out.append(sp.StrictGreaterThan(value, 0, evaluate=False))
    elif s.is_nonnegative:
        out.append(sp.GreaterThan(value, 0, evaluate=False))
    if s.is_negative:
        out.append(sp.StrictLessThan(value, 0, evaluate=False))
    elif s.is_nonpositive:
        out.append(sp.LessThan(value, 0, evaluate=False))
    if s.is_nonzero and not (s.is_positive or s.is_negative):
        out.append(sp.Unequality(value, 0, evaluate=False))
    return out


_SIGNS = {
    (sp.StrictGreaterThan, False): "positive", (sp.GreaterThan, False): "nonnegative",
    (sp.StrictLessThan, False): "negative", (sp.LessThan, False): "nonpositive",
    (sp.StrictLessThan, True): "positive", (sp.LessThan, True): "nonnegative",
    (sp.StrictGreaterThan, True): "negative", (sp.GreaterThan, True): "nonpositive",
}


def _refine(rel: sp.Expr) -> tuple[sp.Symbol, sp.Symbol] | None:
    """``x > 0`` on a plain symbol becomes an assumption: x is replaced by a positive symbol.

    Sound: the claim is only asserted where x > 0, and there the two symbols agree.
    Returns (old, new), or None when the condition is not of that form.
    """
    if not isinstance(rel, sp.core.relational.Relational):
        return None
    if rel.lhs.is_Symbol and rel.rhs == 0:
        sym, flipped = rel.lhs, False
    elif rel.rhs.is_Symbol and rel.lhs == 0:
        sym, flipped = rel.rhs, True
    else:
        return None
    sign = _SIGNS.get((type(rel), flipped))
    if sign is None or getattr(sym, f"is_{sign}"):
        return None
    try:
        new = sp.Symbol(sym.name, **{**sym.assumptions0, sign: True})
    except Exception:  # contradictory with the symbol's own assumptions: leave it a condition
        return None
    return sym, new


def domain_of(claim: Claim) -> list[sp.Expr]:
    """The claim's domain conditions (:attr:`Claim.domain`) with derivatives evaluated, as
    the sides are: relations d ⋈ 0 that the evaluators and the algebra can read."""
    out = []
    for rel in claim.domain:
        p = domain.parts(rel)
        if p is not None:
            out.append(p[0](expand_definitions(p[1]), 0, evaluate=False))
    return out


def cases(claim: Claim) -> list[Case]:
    """One case per one-hot combination, with the equations eliminated and the conditions
    collected. A case whose hypotheses certainly cannot hold, or where the claim is certainly
    undefined wherever they hold, is marked ``excluded`` (see :mod:`~checker.strategies.domain`)."""
    # Definitions are expanded once per entry, before the hypotheses split the claim; one walk
    # over the shared DAG finds the entries that hold a derivative (most hold none).
    pairs = scalar_pairs(claim)
    sides = [e for _, lhs, rhs in pairs for e in (lhs, rhs)]
    base_free, types = scan(sides)  # (the claim's scan is remembered: no walk)
    base = pairs
    if any(issubclass(t, sp.Derivative) for t in types):
        flags = iter(containing(sides, sp.Derivative))
        base = [(entry, expand_definitions(lhs) if next(flags) else lhs,
                 expand_definitions(rhs) if next(flags) else rhs) for entry, lhs, rhs in pairs]
        sides = [e for _, lhs, rhs in base for e in (lhs, rhs)]
        base_free, types = scan(sides)
    if any(issubclass(t, sp.factorial) for t in types):
        sides = factorials.shifted(sides)
        base = [(entry, sides[2 * k], sides[2 * k + 1]) for k, (entry, _, _) in enumerate(base)]
        base_free = free_symbols(*sides)
    onehots = [h for h in claim.given if isinstance(h, OneHot)]
    # What the sides divide by (or take the logarithm of) matters where the hypotheses
    # substitute values into it: read once, filtered per case.
    needs = domain.requirements(e for _, lhs, rhs in base for e in (lhs, rhs)) \
        if onehots or any(isinstance(h, Equation) for h in claim.given) else []
    reader = [(type(r), r.lhs) for r in domain_of(claim)]
    options: list[list[tuple[str, dict[sp.Symbol, sp.Expr]]]] = []
    for h in onehots:
        n = len(h.vector)
        name = h.vector[0].name.rsplit('_', 1)[0]
        options.append([(f"{name} = e_{k + 1}",
                         {s: sp.Integer(int(i == k)) for i, s in enumerate(h.vector)})
                        for k in range(n)])
    for h in claim.given:  # y(1 − y) = 0: y = 0 or y = 1, one case each
        roots = finite_values(h) if isinstance(h, Equation) else None
        if roots == []:  # x² = −1: no real number satisfies it, so nothing is claimed
            return [Case("", {}, base, excluded=f"{h.describe()} holds for no real number")]
        if roots is not None:
            options.append([(f"{s} = {v}", {s: v}) for s, v in roots])
    if prod(len(o) for o in options) > _MAX_CASES:
        options = options[:len(onehots)]  # (too many: such equations are eliminated or refused)
    out = []
    for combo in product(*options) if options else [()]:
        subs: dict[sp.Symbol, sp.Expr] = {}
        for _, values in combo:
            subs.update(values)
        out.append(_case(claim, base, base_free, reader, needs, subs,
                         ", ".join(label for label, _ in combo)))
    return out


_MAX_CASES = 64  # one-hot and finite-value cases of one claim, at most


def finite_values(h: Equation) -> list[tuple[sp.Symbol, sp.Expr]] | None:
    """The values an equation in one symbol of degree ≥ 2 leaves it, where they are all
    rational (y² = y: 0 and 1; y² = 1: −1 and 1), as (symbol, value) pairs; None otherwise
    (a linear one is eliminated as it is; an irrational root is not split on)."""
    diff = sp.expand(h.lhs - h.rhs)
    symbols = diff.free_symbols
    if len(symbols) != 1:
        return None
    (s,) = symbols
    if not isinstance(s, sp.Symbol) or not diff.is_polynomial(s):
        return None
    poly = sp.Poly(diff, s)
    if poly.degree() < 2 or not all(c.is_Rational for c in poly.all_coeffs()):
        return None
    found = sp.roots(poly, filter=None)
    real = [r for r in found if r.is_real]
    if sum(found.values()) != poly.degree() or not all(r.is_Rational for r in real):
        return None
    return [(s, r) for r in sorted(real)]


def _case(claim: Claim, base: list, base_free: set[sp.Symbol], reader: list[tuple[type, sp.Expr]],
          needs: list[tuple[type, sp.Expr]], subs: dict[sp.Symbol, sp.Expr], label: str) -> Case:
    def excluded(why: str, undefined: bool = False) -> Case:
        return Case(label, subs, base, excluded=why, undefined=undefined)

    for s, v in subs.items():  # one-hot values against the vector's own assumptions
        why = domain.violation(s, v)
        if why:
            return excluded(f"{s} = {v}, but {s} is {why}")
    conditions: list[sp.Expr] = []
    integral: list[sp.Expr] = []
    linear: list[tuple[type, sp.Expr, str]] = []  # relations d ⋈ 0, for the infeasibility test
    refined: dict[sp.Symbol, sp.Symbol] = {}
    for h in claim.given:
        if isinstance(h, Equation):
            rest = sp.expand((h.lhs - h.rhs).xreplace(subs))
            if rest.free_symbols and _identity(rest):  # "since σ'(x) = σ(x)(1 − σ(x))": a
                continue  # fact that holds everywhere binds nothing
            if not rest.free_symbols:  # decided by what was substituted before
                if rest == 0:
                    continue
                if domain.certain_sign(rest) not in (None, 0):
                    return excluded(f"{h.describe()} contradicts the hypotheses before it "
                                    f"(with them it reads {sp.sstr(rest)} = 0)")
            s, value = _eliminate(h, subs)
            why = domain.violation(s, value)
            if why:
                got = f"{s} = {sp.sstr(value)}"
                source = "" if h.describe() == got else f"{h.describe()} gives "
                return excluded(f"{source}{got}, but {s} is {why}")
            subs = {k: v.xreplace({s: value}) for k, v in subs.items()}
            subs[s] = value
            for rel in _sign_conditions(s, value):
                conditions.append(rel)
                if type(rel) is not sp.Ne:
                    sign = _SIGNS[(type(rel), False)]
                    linear.append((type(rel), value, f"{s} is {sign} ({s} = {sp.sstr(value)})"))
            if s.is_integer and not value.is_Integer:
                integral.append(value)
    false_by_sympy = ""
    for h in claim.given:
        if isinstance(h, Condition):
            if h.relation is sp.false:  # SymPy decided it when the relation was built
                return excluded("a hypothesis is false as stated (SymPy evaluated it to False)")
            try:
                found = _refine(h.relation.xreplace(subs))
                if found is not None:
                    old, new = found
                    subs = {k: v.xreplace({old: new}) for k, v in subs.items()}
                    subs[old] = new
                    refined[old] = new
                rel = h.relation.xreplace(subs)
            except TypeError:  # log(x) > 1 after x < 0 refined x: no real value there
                return excluded(f"{h.describe()} has no real value where the other hypotheses "
                                "hold")
            conditions.append(rel)
            if rel is sp.false and not false_by_sympy:  # decided from the symbols' assumptions
                false_by_sympy = f"{h.describe()} cannot hold (given the symbols' assumptions)"
            elif not false_by_sympy and never_by_sign(rel):  # |x| < 0, x² + y² < 0, eˣ ≤ 0
                false_by_sympy = f"{h.describe()} cannot hold (by the sign of its sides)"
            p = domain.parts(h.relation)
            if p is not None:
                linear.append((p[0], p[1], h.describe()))
    # Every relation in the symbols as finally substituted (a later x > 0 refines x in an
    # earlier x + m > 1 too).
    linear = [(kind, d.xreplace(subs).xreplace(refined), label) for kind, d, label in linear]
    # and so are the conditions a counterexample must satisfy (one written before x > 0 was
    # about the x that x > 0 then refined); those that now hold by themselves are dropped
    final = []
    for c in conditions:
        try:
            final.append((c, c.xreplace(subs).xreplace(refined)))
        except TypeError:  # log(x) > 1 once x < 0 refined x: no real value (found by an
            return excluded(f"a hypothesis has no real value where the others hold ({c})")
    if not false_by_sympy:  # adversary: an internal error); x³ > 1 read before a later x < 0
        false_by_sympy = next((f"{sp.sstr(c)} cannot hold with the other hypotheses"  # refined
                               for c, now in final if now is sp.false or never_by_sign(now)), "")
    conditions = [now for _, now in final if now is not sp.true]  # x: false only now
    contradiction = domain.infeasible(linear)
    if contradiction is not None:
        return excluded(_together(contradiction))
    if false_by_sympy:
        return excluded(false_by_sympy)
    # Where the claim is defined: what the reader recorded (SymPy may have cancelled it from
    # the sides, as in x/x), and what the sides themselves need where values were substituted
    # (the counterexample search checks the rest at each point).
    touched = set(subs)
    wanted = [(kind, d, True) for kind, d in reader]
    wanted += [(kind, d, False) for kind, d in needs if not touched.isdisjoint(d.free_symbols)]
    defined: list[tuple[type, sp.Expr, str]] = []
    doubt = ""
    for kind, d, from_reader in wanted:
        value = d.xreplace(subs) if not touched.isdisjoint(d.free_symbols) else d
        small = domain.small(value)
        why = f"a side needs {domain.show(kind, d)}"
        if value != d and not value.free_symbols:
            why += f", and the hypotheses make {sp.sstr(d)} = {sp.sstr(value)}"
        rel = kind(value, 0, evaluate=small)
        zero = domain.vanishes(value) if kind is sp.Ne and rel is not sp.false else False
        if zero:  # a divisor that is 0 for every value: defined nowhere
            return excluded(why + f", and {sp.sstr(d)} is 0 for every value", undefined=True)
        if zero is None and not doubt:  # (0 where looked at: is the line defined anywhere?)
            doubt = f"{sp.sstr(d)} is 0 at every point tried"
        if rel is sp.false:  # decided exactly, or from the symbols' assumptions
            signs = [f"{v} is {_sign_of(v)}" for v in
                     sorted(value.free_symbols, key=sp.default_sort_key) if _sign_of(v)]
            if signs:
                why += f", but {', '.join(signs)} here"
            return excluded(why, undefined=True)
        if from_reader and rel is not sp.true:
            conditions.append(rel)
        if small:
            defined.append((kind, value, why))
    if defined:
        undefined = domain.infeasible(linear + defined)
        if undefined is not None:
            return excluded(_together(undefined), undefined=True)
    # A sign refinement (x → positive x) is applied at once: SymPy simplifies with it
    # (|x| → x, log(x²) → 2 log x). Other substitutions are applied while reading.
    pairs = [(e, lhs.xreplace(refined), rhs.xreplace(refined)) for e, lhs, rhs in base] \
        if refined else base
    free = base_free - set(subs)
    for key, value in subs.items():
        if key in base_free:
            free |= value.free_symbols
    for c in conditions:
        free |= c.free_symbols
    for v in integral:
        free |= v.free_symbols
    unsure = any(kind is not sp.Ne and bool(d.free_symbols) and domain.linear(d) is None
                 for kind, d, _ in linear) or any(
        kind is not sp.Ne and bool(d.free_symbols) and domain.linear(d) is None
        for kind, d, _ in wanted)  # (d ≠ 0 holds almost everywhere: never the reason)
    return Case(label, subs, pairs, conditions, sorted(free, key=sp.default_sort_key), integral,
                unsure=unsure, doubt=doubt)


def never_by_sign(rel: object) -> bool:
    """A relation d ⋈ 0 that the sign SymPy's assumptions give d (|x|, x² + y², eˣ …) makes
    false everywhere."""
    if not isinstance(rel, sp.core.relational.Relational):
        return False
    d = rel.lhs - rel.rhs
    test = {sp.StrictLessThan: d.is_nonnegative, sp.LessThan: d.is_positive,
            sp.StrictGreaterThan: d.is_nonpositive, sp.GreaterThan: d.is_negative,
            sp.Eq: d.is_nonzero, sp.Ne: d.is_zero}
    return test.get(type(rel)) is True


def _sign_of(v: sp.Symbol) -> str:
    return next((name for name in ("positive", "negative", "nonnegative", "nonpositive")
                 if getattr(v, f"is_{name}")), "")


def _together(labels: list[str]) -> str:
    if len(labels) == 1:
        return labels[0] if labels[0].startswith("a side needs") else f"{labels[0]} cannot hold"
    return f"{', '.join(labels[:-1])} and {labels[-1]} cannot all hold"
