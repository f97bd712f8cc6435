"""Claims over a symbolic dimension: proved for every n, or refuted at a concrete n.

A claim such as ∂/∂x_j softmax(x)_i = s_i(δ_ij − s_j) uses indexed vectors
(``x[i]``), sums with symbolic bounds (``Sum(exp(x[k]), (k, 1, n))``) and
``KroneckerDelta``, with its free indices declared (``Index(i, 1, n)``). It is
decided in three stages, each sound on its own:

1. **Cases on the indices.** The free indices are split by which of them are
   equal (i = j, or i ≠ j, …): every assignment of values falls in exactly one
   case, so proving every case proves the claim. Each case carries integer
   *facts* (1 ≤ i ≤ n, n ≥ 1, i ≠ j, …), decided by difference-constraint
   closure (:class:`Facts`); a case whose facts contradict is vacuous.
2. **Normalisation**, by identities valid under the facts: derivatives
   evaluated (σ, tanh … through exp first, as for explicit claims), Kronecker
   deltas decided from the facts, sums collapsed by SymPy and every
   ``Piecewise`` it leaves resolved *only* when the facts decide its
   condition (otherwise the claim is not proved, never silently dropped),
   sums split over + and constants taken out, a sum of a constant counted,
   and bound indices renamed canonically. One-hot hypotheses (y_k = δ(k, t))
   are substituted before, equations such as Σ_k y_k = 1 are normalised the
   same way.
3. **Abstraction.** Each remaining sum and each indexed entry becomes one
   fresh symbol (positive where the summand is positive and the range is not
   empty; real where it is real), and the resulting explicit claim goes to
   the ordinary engine. An identity in independent symbols holds at their
   true values, so a proof there is a proof for all n. A failure there means
   nothing (relations between the sums are lost).

Where no proof is found, the claim is instantiated at n = 1…4 (every index
value in range) and each instance decided by the ordinary engine: a certified
counterexample at a concrete n refutes the claim for all n, and says which n.
"""

from __future__ import annotations

import functools
import itertools
import math
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import sympy as sp

from checker import inverse, symmetric
from checker.dag import contains, scan
from checker.model import Claim, Condition, Equation, Hypothesis, OneHot, OneHotAt
from checker.results import Method, Result, Verdict
from checker.shown import index_notation
from checker.strategies import domain, induction, regions, termwise
from checker.strategies.prepare import DEFINED, never_by_sign

INSTANCE_SIZES = (1, 2, 3, 4)  # n tried for counterexamples (per dimension)
MAX_INSTANCES = 200
MAX_ROUNDS = 6


class Undecided(Exception):
    """A normalisation step needs a fact the case does not give."""


def is_symbolic(claim: Claim) -> bool:
    """A claim over a symbolic dimension (decided here, not by the explicit engine)."""
    if claim.indices or claim.lengths:
        return True
    entries = claim.entries
    types = scan(entries)[1]  # one linear pass; most claims stop here
    if any(issubclass(t, sp.Indexed) for t in types):
        return True
    return any(issubclass(t, sp.Sum | sp.Product) for t in types) and any(
        not all(b.is_number for lim in s.limits for b in lim[1:])
        for e in entries for s in e.atoms(sp.Sum, sp.Product))


# -- integer facts -------------------------------------------------------------------------

def _affine(e: sp.Expr) -> tuple[sp.Symbol | None, int] | None:
    """e as (symbol or None) + integer constant, or None."""
    e = sp.Integer(e) if isinstance(e, int) else e
    if e.is_Integer:
        return None, int(e)
    if e.is_Symbol and e.is_integer:  # only integer symbols: a > 0 does not mean a ≥ 1
        return e, 0
    if e.is_Add and len(e.args) == 2:
        c, rest = e.as_coeff_Add()
        if c.is_Integer and rest.is_Symbol and rest.is_integer:
            return rest, int(c)
    return None


@dataclass
class Facts:
    """Difference constraints u − v ≤ c between integer symbols (and 0), closed under
    transitivity, plus disequalities. Decides relations between affine terms s + c."""

    bound: dict[tuple[object, object], int] = field(default_factory=dict)
    distinct: set[frozenset] = field(default_factory=set)
    nodes: set[object] = field(default_factory=lambda: {0})
    used: set[str] = field(default_factory=set)

    def signature(self) -> tuple:
        """What the facts are (not how they are stored): a key for remembered results."""
        return frozenset(self.bound.items()), frozenset(self.distinct)

    def _key(self, s: sp.Symbol | None) -> object:
        return 0 if s is None else s

    def le(self, a: sp.Expr, b: sp.Expr) -> bool:
        """Record a ≤ b; False if a side is not affine (the fact is then unusable)."""
        fa, fb = _affine(a), _affine(b)
        if fa is None or fb is None:
            return False
        (u, c1), (v, c2) = fa, fb
        ku, kv = self._key(u), self._key(v)
        self.nodes |= {ku, kv}
        old = self.bound.get((ku, kv))
        if old is None or c2 - c1 < old:
            self.bound[(ku, kv)] = c2 - c1
        return True

    def extended(self, pairs: list[tuple[sp.Expr, sp.Expr]]) -> Facts | None:
        """A copy with a ≤ b added for each pair, closed (None if that contradicts)."""
        new = Facts(dict(self.bound), set(self.distinct), set(self.nodes), self.used)
        for a, b in pairs:
            new.le(a, b)
        return new if new.close() else None

    def assume(self, rel: object) -> None:
        """Record an inequality a ≤ b, a < b, a ≥ b or a > b (between integers) as a fact."""
        if isinstance(rel, (sp.Le, sp.Lt, sp.Ge, sp.Gt)):
            a, b = (rel.lhs, rel.rhs) if isinstance(rel, (sp.Le, sp.Lt)) else (rel.rhs, rel.lhs)
            self.le(a + 1 if isinstance(rel, (sp.Lt, sp.Gt)) else a, b)

    def ne(self, a: sp.Symbol, b: sp.Symbol) -> None:
        self.distinct.add(frozenset((a, b)))

    def close(self) -> bool:
        """Floyd–Warshall; False when the facts contradict each other (a vacuous case)."""
        nodes = list(self.nodes)
        for node in nodes:
            self.bound[(node, node)] = min(self.bound.get((node, node), 0), 0)
        for k in nodes:
            for i in nodes:
                ik = self.bound.get((i, k))
                if ik is None:
                    continue
                for j in nodes:
                    kj = self.bound.get((k, j))
                    if kj is None:
                        continue
                    if ik + kj < self.bound.get((i, j), ik + kj + 1):
                        self.bound[(i, j)] = ik + kj
        if any(self.bound.get((n, n), 0) < 0 for n in nodes):
            return False
        for pair in self.distinct:
            a, b = tuple(pair)
            if self._upper(a, b) == 0 and self._upper(b, a) == 0:
                return False
        return True

    def _upper(self, u: object, v: object) -> int | None:
        if u == v:
            return 0
        return self.bound.get((u, v))

    def _proves_le(self, a: sp.Expr, b: sp.Expr) -> bool | None:
        fa, fb = _affine(a), _affine(b)
        if fa is None or fb is None:
            return None
        (u, c1), (v, c2) = fa, fb
        up = self._upper(self._key(u), self._key(v))
        return up is not None and up <= c2 - c1

    def order(self, a: sp.Expr, b: sp.Expr) -> bool | None:
        """a ≤ b by the facts alone (True / False), or None; nothing is recorded as used."""
        if self._proves_le(a, b):
            return True
        return False if self._proves_le(b + 1, a) else None

    def decide(self, rel: object) -> bool | None:
        """True / False when the facts decide the (boolean combination of) relations."""
        if rel is sp.true or rel is True:
            return True
        if rel is sp.false or rel is False:
            return False
        if isinstance(rel, sp.And):
            vals = [self.decide(a) for a in rel.args]
            return False if False in vals else (True if all(vals) else None)
        if isinstance(rel, sp.Or):
            vals = [self.decide(a) for a in rel.args]
            return True if True in vals else (False if all(v is False for v in vals) else None)
        if isinstance(rel, sp.Not):
            v = self.decide(rel.args[0])
            return None if v is None else not v
        if not isinstance(rel, sp.core.relational.Relational):
            return None
        a, b = rel.lhs, rel.rhs
        le = self._proves_le
        if isinstance(rel, (sp.Le, sp.Lt, sp.Ge, sp.Gt)):
            if isinstance(rel, (sp.Ge, sp.Gt)):
                a, b = b, a
            strict = isinstance(rel, (sp.Lt, sp.Gt))
            yes = le(a + 1, b) if strict else le(a, b)
            no = le(b, a) if strict else le(b + 1, a)
            answer = True if yes else (False if no else None)
        elif isinstance(rel, (sp.Eq, sp.Ne)):
            eq = self._equal(a, b)
            answer = None if eq is None else (eq if isinstance(rel, sp.Eq) else not eq)
        else:
            return None
        if answer is not None and not any(isinstance(s, sp.Dummy) for s in rel.free_symbols):
            # (a sum's own index within its range: no fact of the claim's to report)
            self.used.add(sp.sstr(rel) if answer else f"not {sp.sstr(rel)}")
        return answer

    def _equal(self, a: sp.Expr, b: sp.Expr) -> bool | None:
        if a == b:
            return True
        if self._proves_le(a + 1, b) or self._proves_le(b + 1, a):
            return False
        if self._proves_le(a, b) and self._proves_le(b, a):
            return True
        fa, fb = _affine(a), _affine(b)
        if fa and fb and fa[1] == fb[1] and frozenset((fa[0], fb[0])) in self.distinct:
            return False
        return None


# -- the cases -----------------------------------------------------------------------------

@dataclass
class _Case:
    label: str
    subs: dict[sp.Symbol, sp.Symbol]
    facts: Facts


def _partitions(items: list) -> list[list[list]]:
    if not items:
        return [[]]
    first, rest = items[0], items[1:]
    out = []
    for p in _partitions(rest):
        out.append([[first], *p])
        for k in range(len(p)):
            out.append([*p[:k], [first, *p[k]], *p[k + 1:]])
    return out


def dimensions(claim: Claim) -> list[sp.Symbol]:
    """The symbolic sizes: integer symbols in the index ranges and sum bounds."""
    try:
        return list(_dimensions(claim))
    except TypeError:  # (a claim with an unhashable part)
        return list(_dimensions.__wrapped__(claim))


@functools.lru_cache(maxsize=64)  # (asked of one claim by each stage of its decision)
def _dimensions(claim: Claim) -> tuple[sp.Symbol, ...]:
    found: set[sp.Symbol] = set()
    for ix in claim.indices:
        found |= ix.lo.free_symbols | ix.hi.free_symbols
    for _, length in claim.lengths:
        found |= length.free_symbols
    for e in _expressions(claim):
        for s in e.atoms(sp.Sum, sp.Product):
            for lim in s.limits:
                found |= lim[1].free_symbols | lim[2].free_symbols
    indices = {ix.symbol for ix in claim.indices}
    bound = {lim[0] for e in _expressions(claim) for s in e.atoms(sp.Sum, sp.Product)
             for lim in s.limits}
    return tuple(sorted(found - indices - bound, key=sp.default_sort_key))


def _expressions(claim: Claim) -> list[sp.Expr]:
    out = [claim.lhs, claim.rhs]
    for h in claim.given:
        if isinstance(h, Equation):
            out += [h.lhs, h.rhs]
        elif isinstance(h, Condition):
            out.append(h.relation)
    return out


def _cases(claim: Claim) -> list[_Case]:
    dims = dimensions(claim)
    ranges = {ix.symbol: ix for ix in claim.indices}
    out = []
    defined = _size_conditions(claim, hypotheses=False, dims=dims)
    for blocks in _partitions(list(ranges)):
        facts = Facts()
        subs = {s: block[0] for block in blocks for s in block[1:]}
        for d in dims:
            facts.le(sp.Integer(1), d)  # every dimension is at least 1
        for s, ix in ranges.items():
            rep = subs.get(s, s)
            facts.le(ix.lo, rep)
            facts.le(rep, ix.hi.xreplace(subs))
        for a, b in itertools.combinations([block[0] for block in blocks], 2):
            facts.ne(a, b)
        for rel in defined:  # where the sides are defined
            facts.assume(rel)
        for h in claim.given:
            if isinstance(h, Condition):
                rel = h.relation.xreplace(subs)
                if isinstance(rel, sp.Ne) and rel.lhs.is_Symbol and rel.rhs.is_Symbol:
                    facts.ne(rel.lhs, rel.rhs)
                elif isinstance(rel, (sp.Le, sp.Lt, sp.Ge, sp.Gt)):
                    facts.assume(rel)
                elif isinstance(rel, sp.Eq) and rel.lhs.is_Symbol and rel.rhs.is_Symbol:
                    facts.le(rel.lhs, rel.rhs)
                    facts.le(rel.rhs, rel.lhs)
            elif isinstance(h, Equation) and _is_index_equation(h, ranges, dims):
                a, b = h.lhs.xreplace(subs), h.rhs.xreplace(subs)
                if not (facts.le(a, b) and facts.le(b, a)):
                    raise Undecided(f"the hypothesis {h.describe()} is not a difference of "
                                    "indices such as i == j + 1")
        if not facts.close():
            continue  # these indices cannot be equal (or unequal) here: nothing to prove
        if any(facts.decide(h.relation.xreplace(subs)) is False
               for h in claim.given if isinstance(h, Condition)):
            continue
        if any(facts.decide(sp.Eq(h.lhs.xreplace(subs), h.rhs.xreplace(subs))) is False
               for h in claim.given if isinstance(h, Equation)
               and _is_index_equation(h, ranges, dims)):
            continue
        label = ", ".join(f"{index_notation(a)} = {index_notation(b)}"
                          for a, b in subs.items()) or (
            ", ".join(f"{index_notation(a)} ≠ {index_notation(b)}"
                      for a, b in itertools.combinations([block[0] for block in blocks], 2)))
        pins = _pinned(claim, subs, facts, [block[0] for block in blocks])
        if pins:
            label = ", ".join(filter(None, (label, ", ".join(
                f"{index_notation(a)} = {b}" for a, b in pins.items()))))
            subs = {s: pins.get(subs.get(s, s), subs.get(s, s)) for s in ranges
                    if subs.get(s, s) in pins or s in subs}
        out.append(_Case(label, subs, facts))
    return out


def _pinned(claim: Claim, subs: dict, facts: Facts, reps: list) -> dict:
    """The indices of a case that a hypothesis gives a value free of indices (i == 1, i == n:
    "Case 1: $i = 1$"), where the case's facts decide it: put in for the index, so that x_i is
    x_1 there (compared as two entries, they were neither equal nor different)."""
    out: dict = {}
    for h in claim.given:
        if isinstance(h, Equation):
            a, b = h.lhs.xreplace(subs), h.rhs.xreplace(subs)
        elif isinstance(h, Condition) and isinstance(h.relation, sp.Eq):
            a, b = h.relation.lhs.xreplace(subs), h.relation.rhs.xreplace(subs)
        else:
            continue
        for x, v in ((a, b), (b, a)):
            if x in reps and x not in out and not (v.free_symbols & set(reps)) \
                    and facts.decide(sp.Eq(x, v)) is True:
                out[x] = v
    return out


def _is_index_equation(h: Equation, ranges: dict, dims: list | tuple = ()) -> bool:
    """An equation about indices (i == j) or sizes only (n == 2), which is a fact about the
    cases, not algebra."""
    free = h.lhs.free_symbols | h.rhs.free_symbols
    return not free.isdisjoint(ranges) or (bool(free) and free <= set(dims))


def _typed(text: str) -> str:
    """A name as the user types it in a declaration: the letters the reader keeps apart in
    sans-serif (𝖳, the letter T beside the transpose) written plainly."""
    return "".join(unicodedata.name(c, "").removeprefix("MATHEMATICAL SANS-SERIF CAPITAL ")
                   if unicodedata.name(c, "").startswith("MATHEMATICAL SANS-SERIF CAPITAL ")
                   else c for c in text)


def _axis(length: sp.Expr, p: int) -> sp.Expr:
    """The length of axis p: a vector's n, or a matrix's (rows, cols)[p]."""
    return length[p] if isinstance(length, sp.Tuple) else length


def _entries_in_range(claim: Claim, case: _Case) -> str:
    """Every x[e] of a vector with a known length n lies in 1…n in this case, for every value of
    the enclosing sums' indices; else why not."""
    lengths = dict(claim.lengths)
    if not lengths:
        return ""
    todo: list[tuple[sp.Basic, Facts]] = [(e.xreplace(case.subs), case.facts)
                                          for e in _expressions(claim)]
    while todo:
        e, facts = todo.pop()
        if isinstance(e, sp.Indexed) and e.base in lengths:
            for p, idx in enumerate(e.indices):
                n = _axis(lengths[e.base], p)
                if _at_most(facts, sp.Integer(1), idx) is not True \
                        or _at_most(facts, idx, n) is not True:
                    shown = sp.sstr(e.xreplace({d: sp.Symbol(d.name) for d in e.atoms(sp.Dummy)}))
                    sizes = ", ".join(sorted(map(str, n.free_symbols))) or "size"
                    # the largest number the claim indexes this axis with: the size it needs
                    least = max([int(x.indices[p]) for f in _expressions(claim)
                                 for x in f.atoms(sp.Indexed) if x.base == e.base
                                 and len(x.indices) > p and x.indices[p].is_Integer] + [2])
                    return (f"the entry {shown} may lie outside {e.base}'s entries "
                            f"1…{sp.sstr(n)}; make sure every index stays within them for "
                            f"every {sizes} ≥ 1 (a sum's range included), or state the sizes the "
                            "claim is about, as in " + (
                                f"given = [\"{sp.sstr(n)} >= {least}\"]"
                                if _typed(sp.sstr(n)) == sp.sstr(n) else  # (𝖳, the letter T:
                                f"\\quad ({_typed(sp.sstr(n))} \\geq {least})"))  # LaTeX's)
            continue
        if isinstance(e, inverse.OPAQUE):  # (M⁻¹)_ij: i, j in 1…n; M's entries at r, c there
            n = e.size
            for idx in e.indices:
                if _at_most(facts, sp.Integer(1), idx) is not True \
                        or _at_most(facts, idx, n) is not True:
                    return (f"the entry ({', '.join(map(index_notation, e.indices))}) of an "
                            f"inverse may lie outside its entries 1…{sp.sstr(n)}")
            inner = facts.extended([(sp.Integer(1), inverse.R), (inverse.R, n),
                                    (sp.Integer(1), inverse.C), (inverse.C, n)])
            if inner is not None:
                todo.append((e.rule.expr, inner))
            continue
        if isinstance(e, sp.Sum | sp.Product):  # (products come from e^(Σ …) in normal forms)
            inner = facts
            for k, lo, hi in e.limits:
                inner = inner.extended([(lo, k), (k, hi)]) if inner is not None else None
            if inner is None:
                continue  # an empty range: no entry inside is ever used
            todo.append((e.function, inner))
            continue
        todo.extend((a, facts) for a in e.args)
    return ""


def _at_most(facts: Facts, a: sp.Expr, b: sp.Expr) -> bool | None:
    """a ≤ b from the facts, also where one side is a difference of two symbols (g_{t−i} in
    Σ_{i=0}^{t−1}: 1 ≤ t − i is i + 1 ≤ t, a fact of the sum's range)."""
    if any(isinstance(s, sp.Dummy) for s in a.free_symbols | b.free_symbols):
        # a sum's own index (no fact to report, see Facts.decide): the facts alone first,
        # without SymPy's evaluation of the relation (both are sound; this is the cheap one)
        quick = facts.order(a, b)
        if quick is not None:
            return quick
    found = facts.decide(sp.Le(a, b))
    if found is not None:
        return found
    gap = sp.expand(b - a)  # ≥ 0 wanted: s1 − s2 + c ≥ 0 is s2 − c ≤ s1
    c, rest = gap.as_coeff_Add()
    terms = sp.Add.make_args(rest)
    if not c.is_Integer or len(terms) > 2:
        return None
    if len(terms) == 1:  # s + c ≥ 0, or c − s ≥ 0
        (term,) = terms
        return facts.decide(sp.Le(-c, term)) if term.is_Symbol else \
            facts.decide(sp.Le(-term, c)) if (-term).is_Symbol else None
    plus = [t for t in terms if t.is_Symbol]
    minus = [-t for t in terms if (-t).is_Symbol]
    if len(plus) != 1 or len(minus) != 1:
        return None
    return facts.decide(sp.Le(minus[0] - c, plus[0]))


# -- normalisation ---------------------------------------------------------------------------

def _one_hot(e: sp.Expr, hyps: list[OneHotAt], subs: dict[sp.Symbol, sp.Symbol]) -> sp.Expr:
    for h in hyps:
        at = subs.get(h.at, h.at)
        e = e.replace(lambda a, h=h: isinstance(a, sp.Indexed) and a.base == h.vector,
                      lambda a, at=at: sp.KroneckerDelta(a.indices[0], at))
    return e


# normal forms already computed in this process: (expression, through exp, the facts' state)
# → (normal form, the facts it used). Dummies make a key unique to the claim that built it.
_NORMAL_FORMS: dict[tuple, tuple[sp.Expr, frozenset[str]]] = {}
_REMEMBERED = 256


_DERIVED: dict[sp.Expr, sp.Expr] = {}  # an expression → its derivatives evaluated


def forget() -> None:
    """Drop the remembered normal forms and hypotheses solved (a benchmark that times a claim
    from cold)."""
    from checker.strategies import prepare

    _NORMAL_FORMS.clear()
    _DERIVED.clear()
    prepare.forget()


def derived(e: sp.Expr) -> sp.Expr:
    """e with its derivatives evaluated (σ, tanh … through exp first), remembered: the
    cases of a claim's indices take the same derivatives (a case only renames free indices,
    i = j, which commutes with differentiating: SymPy's δ_ij holds for every value)."""
    if not contains([e], sp.Derivative):
        return e
    found = _DERIVED.get(e)
    if found is None:
        out = e
        if contains([out], sp.Product):  # d/dw log ∏_k f_k as Σ_k d/dw log f_k (SymPy's rule
            out = out.replace(_log_of_product, _sum_of_logs)  # for ∏ splits its range)
        out = out.rewrite(list(DEFINED), sp.exp) if contains([out], *DEFINED) else out
        # Derivatives only: a blanket doit() would also evaluate sums in closed form, by
        # SymPy's Karr convention for empty ranges (Σ_{k=3}^{1} 1 = −1), unguarded.
        found = out.replace(lambda a: isinstance(a, sp.Derivative), lambda a: a.doit(deep=False))
        _remember(_DERIVED, e, found)
    return found


def _remember(memo: dict, key: object, value: object) -> None:
    """Keep ``value`` under ``key``, starting afresh when the memo is full."""
    if len(memo) >= _REMEMBERED:
        memo.clear()
    memo[key] = value


class _Normaliser:
    def __init__(self, facts: Facts, through_exp: bool = False) -> None:
        self.facts = facts
        # σ, tanh … through exp inside e^(Σ_j f_j), which becomes the product Π_j e^(f_j), on
        # every side of a claim where one side differentiates them (and so has them through
        # exp): a product is one opaque factor to the engine, so both must write it alike
        self.through_exp = through_exp
        # inside a function's argument (√, log, e^) a sum's square is kept whole: there it
        # is one positive atom (a variance under a square root), which spreading would lose
        self.opaque = 0

    def __call__(self, e: sp.Expr) -> sp.Expr:
        """e's normal form under the facts, remembered: the checks of one derivation
        normalise the same lines again (the goal's sides are the first and last steps, a
        diagnosis re-reads the previous line), each as costly as the first time."""
        key = (e, self.through_exp, self.facts.signature())
        hit = _NORMAL_FORMS.get(key)
        if hit is not None:
            self.facts.used |= hit[1]  # the facts the normal form rests on, for the report
            return hit[0]
        outer, self.facts.used = self.facts.used, set()
        try:
            out = self._normal(e)
        finally:
            used, self.facts.used = self.facts.used, outer
            outer |= used
        _remember(_NORMAL_FORMS, key, (out, frozenset(used)))
        return out

    def _normal(self, e: sp.Expr) -> sp.Expr:
        e = derived(e)
        for _ in range(MAX_ROUNDS):
            new = self._pass(e)
            if new == e:
                return e
            e = new
        return e

    def _pass(self, e: sp.Expr) -> sp.Expr:
        if isinstance(e, sp.Indexed) and isinstance(e.base, symmetric.SymmetricBase):
            return e.base[e.indices]  # (its indices in order again, once renamed)
        if e.is_Atom or isinstance(e, sp.Indexed):
            return e
        if isinstance(e, inverse.OPAQUE):  # an entry of M⁻¹ (det M): its indices only
            return e.func(*(self._pass(a) if a is not e.rule else a for a in e.args))
        if isinstance(e, sp.Sum):
            return self._sum(e)
        if isinstance(e, sp.Product):
            return self._product(e)
        if _log_of_product(e):
            return self._pass(_sum_of_logs(e))
        if isinstance(e, DEFINED) and contains(e.args, sp.Sum):
            # σ(Σ_j f_j), tanh(…) through exp, as e^(Σ_j f_j) becomes Π_j e^(f_j) below: the
            # same quantity then reads the same whether written with σ or with e (exact)
            return self._pass(e.rewrite(list(DEFINED), sp.exp))
        opaque = not (e.is_Add or e.is_Mul or (e.is_Pow and e.exp.is_Integer))
        self.opaque += opaque
        try:
            args = [self._pass(a) for a in e.args]
        finally:
            self.opaque -= opaque
        if isinstance(e, sp.exp) and contains(args, sp.Sum):
            # e^(a + Σ_j f_j) in the form it takes inside a sum's expanded body (Σ_k's normal
            # form expands powers: e^a Π_j e^(f_j)), so the same factor reads the same anywhere
            if self.through_exp and contains(args, *DEFINED):
                args = [a.rewrite(list(DEFINED), sp.exp) for a in args]
            out = sp.expand(e.func(*args), power_exp=True, mul=False, multinomial=False,
                            log=False, power_base=False, deep=False)
            # e^(c·Σ_j f_j) (SymPy writes e^a·e^a as e^(2a)) as (Π_j e^(f_j))^c, the form
            # e^a·e^a takes once each factor is expanded (SymPy expands e^(Σ_j f_j) alone, and
            # keeps e^(−Σ_j f_j) whole, so a negative c is alike on both sides already)
            return out.replace(_scaled_sum_exp, lambda a: sp.expand(
                sp.exp(a.args[0].as_coeff_Mul()[1]), power_exp=True, mul=False,
                multinomial=False, log=False, power_base=False,
                deep=False) ** a.args[0].as_coeff_Mul()[0])
        if isinstance(e, sp.Piecewise):
            return self._piecewise(args)
        if isinstance(e, sp.KroneckerDelta):
            v = self.facts.decide(sp.Eq(args[0], args[1]))
            return e.func(*args) if v is None else sp.Integer(int(v))
        return e.func(*args) if args != list(e.args) else e

    def _piecewise(self, pairs: list) -> sp.Expr:
        for pair in pairs:
            expr, cond = pair.args
            v = self.facts.decide(cond)
            if v is True:
                return expr
            if v is None:
                raise Undecided(f"the condition {sp.sstr(cond)} is not decided by the "
                                "index ranges and hypotheses")
        raise Undecided("no branch of a Piecewise applies")

    def _sum(self, s: sp.Sum) -> sp.Expr:
        body = s.function
        limits = list(s.limits)
        for n, (k, lo, hi) in enumerate(limits):  # innermost first: Σ_k Σ_m f = Σ_k (Σ_m f)
            with self._inside(limits[n:]):
                body = self._pass(body)
            with self._inside(limits[n + 1:]):
                body = self._sum_over(body, k, lo, hi)
        return body

    @contextmanager
    def _inside(self, limits: list) -> Iterator[None]:
        """Within these sums' ranges (lo ≤ k ≤ hi for each; every term of a sum is at such a
        k): an inner Σ_m δ_km f_m is then f_k, with no condition left on k."""
        inside = self.facts.extended([p for k, lo, hi in limits for p in ((lo, k), (k, hi))])
        if inside is None:  # (an empty range: nothing is known inside)
            yield
            return
        outer, self.facts = self.facts, inside
        try:
            yield
        finally:
            self.facts = outer

    def _product(self, p: sp.Product) -> sp.Expr:
        """∏_k body, by identities that hold for every range, the empty one too (∏ = 1): a
        factor free of k to the power of the count, a power with an exponent free of k (of a
        positive base, or an integer exponent) outside, the rest one canonical product."""
        body = p.function
        for k, lo, hi in p.limits:  # innermost first
            body = self._pass(body)
            out = []
            for f in sp.Mul.make_args(body):
                base, power = f.as_base_exp()
                if k not in f.free_symbols and self.facts.decide(sp.Le(lo, hi + 1)) is True:
                    out.append(f ** (hi - lo + 1))  # (at least empty: no negative count)
                elif k not in power.free_symbols and power != 1 and (
                        power.is_integer or positive(base)):
                    out.append(_canonical(sp.Product(base, (k, lo, hi))) ** power)
                else:
                    out.append(_canonical(sp.Product(f, (k, lo, hi))))
            body = sp.Mul(*out)
        return body

    def _sum_over(self, body: sp.Expr, k: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> sp.Expr:
        """Σ_{k=lo}^{hi} body, by identities that hold for a non-empty range only: taking a
        factor out (it may be undefined where the sum is empty) and counting a constant."""
        if self.facts.decide(sp.Le(lo, hi)) is not True:
            raise Undecided(f"the range {sp.sstr(lo)}…{sp.sstr(hi)} of a sum may be empty, and "
                            "the normal form needs it not to be")
        plain = not contains([body], sp.KroneckerDelta, sp.Piecewise)  # (δ_ki collapses the
        # sum at k = i, under conditions the facts decide at the range as written)
        if plain and lo != 1 and not (lo.free_symbols | hi.free_symbols) & {k}:
            # every range from 1 (k → k + lo − 1, a bijection of the integers): Σ_{i=0}^{n−1}
            # x_{i+1} and Σ_{i=1}^{n} x_i are then written alike
            body, hi, lo = body.xreplace({k: k + lo - 1}), sp.expand(hi - lo + 1), sp.Integer(1)
        slopes = {sp.expand(i).coeff(k) for a in body.atoms(sp.Indexed) for i in a.indices
                  if i.has(k)} if plain else set()
        if plain and not slopes:  # no entries: powers at n − k the other way (Σ_i β^{t−i} and
            slopes = {sp.expand(p.exp).coeff(k) for p in body.atoms(sp.Pow)  # Σ_i β^{i−1}
                      if p.exp.has(k)}  # are then written alike)
        if slopes == {-1} and not hi.has(k):  # entries at n − k: the other way
            body = body.xreplace({k: lo + hi - k})  # (k → lo + hi − k maps the range onto
            # itself), so Σ_k β^{k−1} g_{n−k+1} and Σ_k β^{n−k} g_k are written alike
        body = sp.expand(_powers_primitive(body, k) if self.opaque
                         else _squares_spread(body, k), power_exp=True,
                         mul=True, multinomial=False, log=True, power_base=False, deep=True)
        out = []
        for term in sp.Add.make_args(body):
            dep, indep = [], []
            for f in sp.Mul.make_args(term):
                (dep if k in f.free_symbols else indep).append(f)
            if not dep:
                out.append(sp.Mul(*indep) * (hi - lo + 1))
                continue
            part = sp.Mul(*dep)
            if isinstance(part, sp.Sum) and any(k in (a.free_symbols | b.free_symbols)
                                                for _, a, b in part.limits):
                raise Undecided("a sum whose range depends on an outer summation index is not "
                                "supported")
            if contains([part], sp.KroneckerDelta, sp.Piecewise):
                collapsed = _collapsed(part, k, lo, hi)
                if not isinstance(collapsed, sp.Sum):
                    out.append(sp.Mul(*indep) * self._pass(collapsed))
                    continue
            out.append(sp.Mul(*indep) * _double(part, k, lo, hi))
        return sp.Add(*out)


def _collapsed(part: sp.Expr, k: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> sp.Expr:
    """Σ_{k=lo}^{hi} part where a factor δ(k + c, e) of part (c, e free of k) takes k to
    e − c: the rest there where lo ≤ e − c ≤ hi, else 0, as a Piecewise the facts decide. A
    δ whose index is scaled (δ(i, 2k)) is no bijection, and SymPy's rule would take k to
    i/2 for an odd i as well: refused. Anything else is SymPy's own evaluation."""
    factors = sp.Mul.make_args(part)
    deltas = [f for f in factors if isinstance(f, sp.KroneckerDelta) and f.has(k)]
    if not deltas:
        return sp.Sum(part, (k, lo, hi)).doit(deep=False)
    delta = deltas[0]
    linear = sp.expand(delta.args[0] - delta.args[1])
    slope = linear.coeff(k)
    if slope not in (1, -1) or (linear - slope * k).has(k):
        raise Undecided(f"{sp.sstr(delta)} in a sum over {k} is not δ at one value of {k}")
    at = -slope * (linear - slope * k)  # k − at = 0 ⇔ δ = 1
    rest = sp.Mul(*(f for f in factors if f is not delta))
    if at.is_integer is not True or any(
            k in (v, *a.free_symbols, *b.free_symbols)
            for s in rest.atoms(sp.Sum, sp.Product) for v, a, b in s.limits):
        return sp.Sum(part, (k, lo, hi)).doit(deep=False)  # (k bound again inside)
    return sp.Piecewise((rest.xreplace({k: at}), sp.And(sp.Le(lo, at), sp.Le(at, hi))),
                        (0, True))


SPREAD_TERMS = 64  # at most this many terms from one power spread out in a sum's body


def _squares_spread(body: sp.Expr, k: sp.Symbol) -> sp.Expr:
    """The sum's body with each factor (a ± b)^m of its terms (m a small positive integer, the
    base written with the summation index k) multiplied out, so that linearity can take apart
    what is free of k: Σ_i (y_i − ȳ)² is Σ_i y_i² − 2ȳ Σ_i y_i + n ȳ², where ȳ is itself a sum
    (kept whole, Σ_i (y_i − ȳ)² was one opaque sum beside Σ_i y_i² − nȳ²). An identity, so a
    normal form that both sides of a claim go through stays sound; capped in size."""
    if not body.has(sp.Pow):
        return body
    terms, changed = [], False
    for term in sp.Add.make_args(body):
        factors = sp.Mul.make_args(term)
        spread = [f for f in factors if _spreadable(f, k)]
        if not spread or math.prod(_spread_size(f) for f in spread) > SPREAD_TERMS:
            terms.append(term)  # (P³Q³R³: the product of the sizes is capped)
            continue
        changed = True
        terms.append(sp.Mul(*(sp.expand(f, deep=False, mul=False, multinomial=True,
                                        power_exp=False, power_base=False, log=False)
                              if f in spread else f for f in factors)))
    return sp.Add(*terms) if changed else body


def _powers_primitive(body: sp.Expr, k: sp.Symbol) -> sp.Expr:
    """The sum's body with each power (a ± b)^m of a base written with k over the base's
    common denominator, where that is free of k: (x_k − S/N)² is (N x_k − S)²/N², and the
    1/N² then leaves the sum, so a sum kept whole (inside a square root) reads the same
    however its base was written; an even power of a base's negative is the power of the
    base. An identity wherever the body is defined."""
    def primitive(p: sp.Pow) -> sp.Expr:
        num, den = sp.fraction(sp.together(p.base))
        if k in den.free_symbols:
            return p
        if p.exp.is_even and num.could_extract_minus_sign():
            num = -num
        return num ** p.exp / den ** p.exp

    return body.replace(lambda a: a.is_Pow and a.base.is_Add and a.exp.is_Integer
                        and a.exp > 0 and k in a.base.free_symbols, primitive)


def _spreadable(f: sp.Expr, k: sp.Symbol) -> bool:
    if not (f.is_Pow and f.base.is_Add and f.exp.is_Integer and 2 <= f.exp <= 4):
        return False
    return k in f.base.free_symbols and _spread_size(f) <= SPREAD_TERMS


def _spread_size(f: sp.Expr) -> int:
    """How many terms (a + b + …)^m multiplies out to."""
    n, m = len(f.base.args), int(f.exp)
    return math.comb(n + m - 1, m)


def positive(e: sp.Expr) -> bool:
    """e > 0 wherever it is defined, by its form: SymPy's assumptions, e^x, σ(x), 1 − σ(x),
    and sums, products and real powers of such."""
    if e.is_positive:
        return True
    if isinstance(e, sp.exp) or type(e).__name__ == "sigmoid":
        return e.args[0].is_real is True
    if isinstance(e, sp.Add):
        if all(positive(a) for a in e.args):
            return True
        one, rest = e.as_coeff_Add()  # 1 − σ(x): σ < 1
        return one == 1 and type(-rest).__name__ == "sigmoid" and (-rest).args[0].is_real is True
    if isinstance(e, sp.Mul):
        return all(positive(a) for a in e.args)
    if isinstance(e, sp.Pow):
        return positive(e.base) and e.exp.is_real is True
    return False


def _log_of_product(a: sp.Basic) -> bool:
    """log ∏_k f_k with every f_k > 0: Σ_k log f_k (exact there; empty: log 1 = 0)."""
    return isinstance(a, sp.log) and isinstance(a.args[0], sp.Product) \
        and positive(a.args[0].function)


def _sum_of_logs(a: sp.log) -> sp.Expr:
    """Σ_k log f_k, each log of a product of powers split: log(σ^y (1 − σ)^(1−y)) =
    y log σ + (1 − y) log(1 − σ) (exact: every factor is positive, every exponent real)."""
    product = a.args[0]
    terms = []
    for factor in sp.Mul.make_args(product.function):
        base, power = factor.as_base_exp()
        if not (positive(base) and power.is_real):
            terms = [sp.log(product.function)]
            break
        terms.append(power * sp.log(base))
    return sp.Sum(sp.Add(*terms), *product.limits)


def _scaled_sum_exp(a: sp.Basic) -> bool:
    """e^(c·Σ_j f_j) for an integer c ∉ {0, 1} (e^(−Σ_j f_j) is (Π_j e^(f_j))^(−1))."""
    if not isinstance(a, sp.exp):
        return False
    c, rest = a.args[0].as_coeff_Mul()
    return c.is_Integer and c not in (0, 1) and isinstance(rest, sp.Sum)


def _double(part: sp.Expr, k: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> sp.Expr:
    """Σ_k part, canonical. Where part is X_k · Σ_j Y_kj (· Σ_l Z_kl …) over ranges that depend
    on no summation index, it is the multiple sum Σ_k Σ_j Σ_l X_k Y_kj Z_kl, whose order of
    summation is free: the canonical order is kept, so Σ_a Σ_b and Σ_b Σ_a of one term, or
    Σ_a (Σ_b …)(Σ_c …) and Σ_{a,b,c}, read the same."""
    plain = _canonical(sp.Sum(part, (k, lo, hi)))
    factors = [g for f in sp.Mul.make_args(part) for g in _square_as_product(f)]
    inner = [f for f in factors if isinstance(f, sp.Sum)]
    rest = sp.Mul(*[f for f in factors if not isinstance(f, sp.Sum)])
    # (rest may hold sums of its own, inside functions: e^(−Σ_j W_kj x_j); their indices
    # are bound there, and the multiple sum's indices are renamed past their depth)
    if not inner or sum(len(f.limits) for f in inner) > 2:
        return plain
    limits, body = [(k, lo, hi)], rest
    for f in inner:  # bound indices apart (the canonical names repeat from sum to sum)
        fresh = {v: sp.Dummy("j", integer=True) for v, _, _ in f.limits}
        limits += [(fresh[v], a, b) for v, a, b in f.limits]
        body *= f.function.xreplace(fresh)
    bound = {v for v, _, _ in limits}
    if any(bound & (a.free_symbols | b.free_symbols) for _, a, b in limits):
        return plain  # a range that depends on another index: the order is not free
    return min((_canonical(sp.Sum(body, *order)) for order in itertools.permutations(limits)),
               key=sp.srepr)


def _square_as_product(f: sp.Expr) -> tuple[sp.Expr, ...]:
    """(Σ_j a_j)² as the product Σ_j a_j · Σ_k a_k of two sums with their own indices (an
    identity of finite sums), so that Σ_i (Σ_j X_ij w_j)² and wᵀXᵀXw = Σ_{i,j,k} X_ij w_j X_ik
    w_k read alike as one multiple sum; any other factor as it is."""
    if f.is_Pow and f.exp == 2 and isinstance(f.base, sp.Sum) and len(f.base.limits) == 1:
        (v, lo, hi), = f.base.limits
        fresh = sp.Dummy(v.name, integer=True)
        return f.base, sp.Sum(f.base.function.xreplace({v: fresh}), (fresh, lo, hi))
    return (f,)


def _canonical(s: sp.Sum | sp.Product) -> sp.Sum | sp.Product:
    """The bound indices renamed by nesting depth, so equal sums are equal expressions (a
    multiple sum Σ_{j,k}, as SymPy merges Σ_k Σ_j, one depth per index, innermost first)."""
    if len(s.limits) > 3:
        raise Undecided("sums nested more than three deep are not supported")
    if any(v in (a.free_symbols | b.free_symbols) for v, _, _ in s.limits for _, a, b in s.limits):
        raise Undecided("a sum whose range depends on another summation index is not supported")
    # a Product inside (e^(Σ_j f_j) expanded as Π_j e^(f_j)) binds its index too: counted,
    # so this sum's index is never renamed to the name the Product's index already has
    depth = 1 + max((_depth(t) for t in s.function.atoms(sp.Sum, sp.Product)), default=0)
    new = {v: _BOUND[depth + p] for p, (v, _, _) in enumerate(s.limits)}
    if len(s.limits) > 1 and any(isinstance(a.base, symmetric.SymmetricBase)
                                 for a in s.function.atoms(sp.Indexed)):
        return _least_order(s, new)
    if all(k == v for k, v in new.items()):
        return s  # (already canonical: a normal form's last pass meets only such sums)
    return s.func(s.function.xreplace(new), *((new[v], a, b) for v, a, b in s.limits))


def _least_order(s: sp.Sum | sp.Product, new: dict) -> sp.Sum | sp.Product:
    """A multiple sum over a symmetric matrix's entries with its indices named in the order
    that writes it least: indices over one range may be exchanged (a finite sum's order does
    not matter), and Σ_jk A_jk u_j v_k is Σ_jk A_jk u_k v_j where A is symmetric."""
    names = [new[v] for v, _, _ in s.limits]
    ranges = [(a, b) for _, a, b in s.limits]
    best = None
    for order in itertools.permutations(range(len(names))):
        if any(ranges[p] != ranges[q] for p, q in enumerate(order)):
            continue  # (only indices over one range, which no bound depends on, trade names)
        named = {v: names[q] for (v, _, _), q in zip(s.limits, order, strict=True)}
        body = symmetric.in_order(s.function.xreplace(named))
        key = sp.default_sort_key(body)
        if best is None or key < best[0]:
            best = (key, body)
    assert best is not None  # (the identity order is always allowed)
    return s.func(best[1], *((n, a, b) for n, (a, b) in zip(names, ranges, strict=True)))


def _splittable(claim: Claim) -> bool:
    """Whether the claim's piecewise atoms can be split into regions as at explicit sizes:
    none of them is written in a sum's or product's own index (relu(z_k) inside Σ_k takes a
    branch per k, which one region cannot say)."""
    entries = [claim.lhs, claim.rhs, *(getattr(h, "relation", sp.S.true) for h in claim.given)]
    bound = {v for e in entries if isinstance(e, sp.Basic)
             for s in e.atoms(sp.Sum, sp.Product) for v, *_ in s.limits}
    atoms = [a for e in entries if isinstance(e, sp.Basic) for a in e.atoms(*regions.PIECEWISE)]
    by = {v for e in entries if isinstance(e, sp.Basic) for d in e.atoms(sp.Derivative)
          for v in d.variables if isinstance(v, sp.Indexed)}
    return not any(a.free_symbols & bound or _may_coincide(a, bound) or _other_entry(a, by, bound)
                   for a in atoms)


def _other_entry(atom: sp.Expr, by: set, bound: set) -> bool:
    """Whether a piecewise atom compares an entry of a vector that the claim differentiates
    by another entry of (1[w_i ≥ 0] under ∂/∂w_j): at i ≠ j the comparison does not move with
    w_j (no kink there), at i = j it does — a whole case, which one region cannot say."""
    parts = _compared(atom)
    for v in by:
        for e in (x for p in parts for x in p.atoms(sp.Indexed)):
            if e.base == v.base and e.indices != v.indices \
                    and any(i.free_symbols - bound for i in e.indices):  # (not a sum's w_k)
                return True
    return False


def _compared(atom: sp.Expr) -> list[sp.Basic]:
    """What decides a piecewise atom's branch: a case's conditions, the arguments compared
    (not the values)."""
    parts = [c for _, c in atom.args] if isinstance(atom, sp.Piecewise) else list(atom.args)
    return [p for p in parts if isinstance(p, sp.Basic)]


def _may_coincide(atom: sp.Expr, bound: set) -> bool:
    """Whether two parts of a piecewise atom may be one entry at some index values or size:
    z_i and z_j (at i = j), z_j and a sum over z (at d = 1), z_1 and z_j. Its branches' kink
    is then a whole case (max(z_i, z_i) is z_i, differentiable), which one region cannot say."""
    parts = _compared(atom)
    entries: dict[object, set] = {}
    for e in (x for p in parts for x in p.atoms(sp.Indexed)):
        entries.setdefault(e.base, set()).add(e.indices)
    summed = {e.base for p in parts for s in p.atoms(sp.Sum, sp.Product) for e in s.function.atoms(sp.Indexed)
              if any(i.free_symbols & {v for v, *_ in s.limits} for i in e.indices)}
    for base, places in entries.items():
        free = [p for p in places if any(i.free_symbols - bound for i in p)]
        if free and (len(places) > 1 or base in summed):
            return True
    return False


def canonical_bound(e: sp.Expr) -> sp.Expr:
    """e with every sum's and product's index renamed by its depth (innermost first), so two
    expressions that differ only in the names of their bound indices are equal."""
    return e.replace(lambda a: isinstance(a, sp.Sum | sp.Product), _canonical)


# Canonical bound indices, one per nesting depth: Dummy symbols, which no user symbol can be
# equal to (a plain Symbol("_k1") could capture a free index of that name).
_BOUND = [sp.Dummy("k", integer=True) for _ in range(64)]  # (shown as k, k′ …)


def _depth(s: sp.Sum | sp.Product) -> int:
    return len(s.limits) + max((_depth(t) for t in s.function.atoms(sp.Sum, sp.Product)),
                               default=0)


# -- abstraction -----------------------------------------------------------------------------

class _Abstraction:
    """Sums and indexed entries as fresh symbols (one per distinct expression)."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.symbols: dict[sp.Expr, sp.Symbol] = {}

    def __call__(self, e: sp.Expr) -> sp.Expr:
        # Outermost sums first (xreplace matches a node before its arguments), so the
        # entries x[k] bound inside a sum stay inside it; the entries left are free ones.
        # A sum inside an inverse's entry rule, in its row r or column c, is that matrix's
        # own: left as it is, the entries of the inverse then become symbols as a whole.
        if not contains([e], *inverse.OPAQUE):
            e = e.xreplace({a: self._symbol(a) for a in e.atoms(sp.Sum, sp.Product)})
            return e.xreplace({a: self._symbol(a) for a in e.atoms(sp.Indexed)})
        rule = {inverse.R, inverse.C}
        e = e.xreplace({a: self._symbol(a) for a in e.atoms(sp.Sum, sp.Product)
                        if not a.free_symbols & rule})
        e = e.xreplace({a: self._symbol(a) for a in e.atoms(*inverse.OPAQUE)})
        return e.xreplace({a: self._symbol(a) for a in e.atoms(sp.Indexed)})

    def _symbol(self, a: sp.Expr) -> sp.Symbol:
        found = self.symbols.get(a)
        if found is not None:
            return found
        if isinstance(a, sp.Indexed):
            found = sp.Dummy(sp.sstr(a), **_assumptions(a))
        elif isinstance(a, inverse.OPAQUE):
            found = sp.Dummy("inv" if isinstance(a, inverse.InverseEntry) else "det",
                             **({"real": True} if a.is_real else {}))
        elif isinstance(a, sp.Product):  # (empty: 1, so positive whenever its factors are)
            kw = {"positive": True} if positive(a.function) else (
                {"real": True} if a.function.is_real else {})
            found = sp.Dummy(f"Π{len(self.symbols) + 1}", **kw)
        else:
            _, lo, hi = a.limits[0]
            above = a.function.is_positive and self.facts.decide(sp.Le(lo, hi)) is True
            kw = {"positive": True} if above else (
                {"real": True} if a.function.is_real else {})
            found = sp.Dummy(f"Σ{len(self.symbols) + 1}", **kw)
        self.symbols[a] = found
        return found


def _assumptions(a: sp.Indexed) -> dict[str, bool]:
    base = a.base
    for key in ("positive", "nonnegative", "real"):
        if getattr(base, f"is_{key}", None) or base.assumptions0.get(key):
            return {key: True}
    return {}


# -- deciding --------------------------------------------------------------------------------

def check_symbolic(claim: Claim, settings: object, decide_explicit, depth: int = 0) -> Result:
    """Decide a claim over a symbolic dimension; ``decide_explicit`` is the ordinary engine
    (``depth`` counts the claims about the terms of sums this one is part of)."""
    t0 = time.perf_counter()
    problem = _undeclared(claim)
    dims = dimensions(claim)
    scope_all = "all " + ", ".join(f"{d} ≥ {least(claim, d)}" for d in dims) if dims \
        else "all index values"
    if isinstance(claim.lhs, sp.MatrixBase) or isinstance(claim.rhs, sp.MatrixBase):
        problem = ("a claim over a symbolic n compares scalars: state it for one entry "
                   "(x_i, with i a free index), not as a matrix")
    problem = problem or _defined_nowhere(claim)
    if problem:
        return Result(Verdict.ERROR, Method.NONE, time.perf_counter() - t0, detail=problem)
    if contains(_expressions(claim), sp.Derivative) and any(
            symmetric.of_symmetric(v) for e in _expressions(claim)
            for d in e.atoms(sp.Derivative) for v in d.variables):  # (the reader refuses them)
        return Result(Verdict.UNKNOWN, Method.NONE, time.perf_counter() - t0,
                      detail=symmetric.BY_SYMMETRIC)
    if regions.has_piecewise(claim) and _splittable(claim):
        # region by region, as at explicit sizes (regions.py): the branches of relu, |x|, max
        # and definitions by cases, whose comparisons may be of sums (y wᵀx < 1), are the
        # hypotheses of claims over n without them; a derivative's kinks are excluded (SymPy's
        # rules would take sides there: Heaviside(0) = 1/2 through the chain rule)
        named = replace(claim, lhs=canonical_bound(claim.lhs), rhs=canonical_bound(claim.rhs),
                        given=tuple(replace(h, relation=canonical_bound(h.relation))
                                    if isinstance(h, Condition) else h for h in claim.given),
                        domain=tuple(canonical_bound(r) for r in claim.domain))
        split = regions.decide(named, settings, decide_explicit)  # (each region: the engine)
        if split.verdict is Verdict.PROVED and not split.vacuous:
            split = replace(split, scope="; ".join(x for x in (scope_all, split.scope) if x))
        return split
    if contains([claim.lhs, claim.rhs], sp.Derivative) and regions.has_piecewise(claim):
        # SymPy's derivative rules would take sides at a kink (Heaviside(0) = 1/2 through the
        # chain rule): no proof for every n of that, nor a refutation from it
        return Result(Verdict.UNKNOWN, Method.NONE, time.perf_counter() - t0, detail=(
            "a derivative of a piecewise function (relu, |x|, max, a definition by cases) at a "
            "symbolic size, written in a sum's own index or comparing entries that are one at "
            "some index values or size (z_i and z_j, z_j and Σ_k z_k), is not decided here: "
            "state it at explicit sizes, where kinks are handled region by region"))

    def done(verdict: Verdict, method: Method, **kw: object) -> Result:
        return Result(verdict, method, time.perf_counter() - t0, **kw)  # type: ignore[arg-type]

    reason = ""
    proofs: list[Result] = []
    used: set[str] = set()
    try:
        for case in _cases(claim):
            outside = _entries_in_range(claim, case)
            if outside:
                return done(Verdict.ERROR, Method.NONE, detail=outside)
            explicit = _explicit_case(claim, case)
            r = decide_explicit(explicit, settings)
            if r.verdict is not Verdict.PROVED:
                r = _merged_case(claim, case, settings, decide_explicit, depth) or r
            if r.verdict is not Verdict.PROVED:
                reason = (f"case {case.label}: " if case.label else "") + (
                    "the normal form does not reduce to 0, and this method knows no summation "
                    "formulas, telescoping or splitting of a sum")
                break
            proofs.append(r)
            used |= case.facts.used
        else:
            real = [p for p in proofs if not p.vacuous]
            if not real:  # no n ≥ 1 and index values satisfy the hypotheses: nothing is claimed
                why = "; ".join(p.detail for p in proofs) or (
                    "no n ≥ 1 and no index values satisfy "
                    + ", ".join(h.describe() for h in claim.given
                                if isinstance(h, Condition | Equation)))
                return done(Verdict.PROVED, Method.VACUOUS, vacuous=True, detail=why)
            undefined = _undefined_at_some_size(claim, dims, settings, decide_explicit)
            if undefined:
                return done(Verdict.ERROR, Method.NONE, detail=undefined)
            method = Method.RANDOMIZED if any(p.method is Method.RANDOMIZED for p in real) \
                else (Method.STRUCTURAL if all(p.method is Method.STRUCTURAL for p in real)
                      else Method.EXACT)
            bound = sum(p.failure_bound or 0.0 for p in real) if method is Method.RANDOMIZED \
                else None
            facts = "; ".join(sorted(used))
            detail = (f"for {scope_all}, in {len(real)} case(s) of the indices"
                      + (f" ({len(proofs) - len(real)} more vacuous)" if len(real) < len(proofs)
                         else "")
                      + (f"; facts used: {facts}" if facts else ""))
            return done(Verdict.PROVED, method, detail=detail, failure_bound=bound,
                        seed=real[0].seed if bound is not None else None, scope=scope_all)
    except Undecided as exc:
        reason = str(exc)
    except (sp.PolynomialError, ValueError, TypeError, NotImplementedError, RecursionError) as exc:
        reason = f"normalisation failed: {exc}"
    try:  # sums over one range whose terms cancel (under the laws of logarithms, …)
        termwise_proof = termwise.prove(
            claim, settings, lambda c, s: check_symbolic(c, s, decide_explicit, depth + 1), depth)
    except (sp.PolynomialError, ValueError, TypeError, RecursionError):
        termwise_proof = None
    if termwise_proof is not None:
        return replace(termwise_proof, elapsed=time.perf_counter() - t0, scope=scope_all)
    if len(dims) == 1:  # sums up to n: summation formulas and telescoping, by induction
        try:
            proof = induction.prove(claim, dims[0], least(claim, dims[0]), settings,
                                    decide_explicit, instantiate)
        except (sp.PolynomialError, ValueError, TypeError, RecursionError):
            proof = None
        if proof is not None:
            return proof
    for evaluated in (False, True) if depth == 0 else ():
        renamed = _inner_sums_renamed(claim, evaluated)
        if renamed is None:  # Σ_m W_{k,m} x_m as the entry k of a vector of its own
            continue
        other = check_symbolic(renamed[0], replace(settings, prove_only=True),  # type: ignore[type-var]
                               decide_explicit, depth + 1)
        if other.verdict is Verdict.PROVED and not other.vacuous:
            how = (f"with {renamed[1]} as the entry of a vector of its own (the claim holds "
                   "for every such vector, so for this one)")
            return replace(other, elapsed=time.perf_counter() - t0, scope=scope_all,
                           detail="; ".join(x for x in (how, other.detail) if x))
    if getattr(settings, "prove_only", False):  # only a proof was asked for (diagnosis)
        return done(Verdict.UNKNOWN, Method.NONE,
                    detail=f"no proof for all {_names(dims)} ({reason})")
    return _by_instances(claim, dims, settings, decide_explicit, done, reason)


def _inner_sums_renamed(claim: Claim, evaluated: bool = False) -> tuple[Claim, str] | None:
    """The claim with each inner sum over one index whose body depends on one other index
    only through entries (Σ_m W_{k,m} x_m: z_k of z = Wx) written as the entry k of a fresh
    vector Z, the same Z for the same sum at another k, or None where there is none. Proof
    only: a claim that holds for every real vector Z holds for Z = Wx; nothing else of W or x
    may be left beside it (then the renamed claim forgets how they relate, and is not tried).
    With ``evaluated``, the claim's derivatives are taken first: what is left is an identity
    with no derivative in it, and one that holds with every such sum replaced by a free
    Z_k holds at Z_k = Σ_m W_{k,m} x_m however W and x are written elsewhere (logistic
    regression's Σ_i (σ(θᵀx⁽ⁱ⁾) − y⁽ⁱ⁾) x_j⁽ⁱ⁾, where x also stands outside θᵀx⁽ⁱ⁾)."""
    if claim.premise is not None:
        return None
    sides = [claim.lhs, claim.rhs]
    if evaluated:
        if not contains(sides, sp.Derivative):
            return None
        sides = [derived(e) for e in sides]
        if contains(sides, sp.Derivative, sp.Subs):
            return None
    bases: dict[sp.Expr, sp.IndexedBase] = {}
    swap: dict[sp.Basic, sp.Expr] = {}
    marker, bound = sp.Dummy("at", integer=True), sp.Dummy("m", integer=True)
    # letters bound outside a sum (an outer sum's index, a derivative's variable): a sum that
    # holds one of them is not the same number wherever it stands, so it is no vector's entry
    binders = {v for e in sides for a in e.atoms(sp.Sum, sp.Product, sp.Derivative, sp.Subs,
                                                  sp.Integral)
               for v in (a.variables if isinstance(a, sp.Derivative | sp.Subs)
                         else [lim[0] for lim in a.limits])}
    for s in set().union(*(e.atoms(sp.Sum) for e in sides)):
        if len(s.limits) != 1 or s.function.has(sp.Sum, sp.Product) or (
                evaluated and s.function.has(sp.KroneckerDelta, sp.Piecewise)):
            continue  # (Σ_m δ_jm W_km, from a derivative: the normal form collapses it)
        m, lo, hi = s.limits[0]
        entries = s.function.atoms(sp.Indexed)
        if not entries or not s.function.is_real:
            continue
        free = {v for a in entries for i in a.indices for v in i.free_symbols} - {m}
        if len(free) != 1 or lo.has(*free) or hi.has(*free):
            continue
        (k,) = free
        if (s.free_symbols - {m, k}) & binders or any(
                isinstance(v, sp.Indexed) and s.has(v.base) for v in binders):
            continue  # Σ_{m=1}^{j} A_km inside Σ_j, Σ_m t W_km x_m inside ∂/∂t
        if s.function.xreplace({a: sp.Dummy() for a in entries}).has(k):
            continue  # k outside the entries: not a function of the entry only
        key = sp.Sum(s.function.xreplace({k: marker, m: bound}), (bound, lo, hi))  # (one key
        # for every copy: each sum has a bound variable of its own)
        base = bases.get(key)
        if base is None:
            base = sp.IndexedBase(f"Z{len(bases) + 1}", real=True)
            bases[key] = base
        swap[s] = base[k]
    if not swap:
        return None
    new = [e.xreplace(swap) for e in sides]
    kept = set().union(*(e.atoms(sp.Indexed) for e in new))
    used = {a.base for key in bases for a in key.atoms(sp.Indexed)}
    mentioned = {getattr(h, "vector", None) for h in claim.given} | {
        a.base for h in claim.given for e in (getattr(h, "lhs", None), getattr(h, "rhs", None),
                                              getattr(h, "relation", None))
        if isinstance(e, sp.Basic) for a in e.atoms(sp.Indexed)}
    if used & mentioned or (not evaluated and (any(a.base in used for a in kept) or any(
            a.base in used for r in claim.domain for a in r.atoms(sp.Indexed)))):
        return None  # W or x also written outside the renamed sums (a hypothesis, a domain)
    shown = "; ".join(sp.sstr(k.xreplace({marker: sp.Symbol("k"), bound: sp.Symbol("m")}))
                      for k in bases)
    lengths = list(claim.lengths)
    for key, base in bases.items():
        length = _length_of(claim, key, marker)
        if length is None:
            return None
        lengths.append((base, length))
    lengths = tuple(lengths)
    domain = claim.domain if not evaluated else type(claim.domain)(
        r.xreplace(swap) for r in claim.domain)
    return replace(claim, lhs=new[0], rhs=new[1], lengths=lengths, readings=(), hints=(),
                   domain=domain), shown


def _length_of(claim: Claim, key: sp.Expr, marker: sp.Symbol) -> sp.Expr | None:
    """The range of the index ``marker`` stands for in ``key``: the length of the axis of an
    entry it indexes (W's rows for W[k, m])."""
    known = dict(claim.lengths)
    for a in key.atoms(sp.Indexed):
        for p, i in enumerate(a.indices):
            if i == marker and a.base in known:
                size = known[a.base]
                return size[p] if isinstance(size, sp.Tuple) else size
    return None


def _undeclared(claim: Claim) -> str:
    """Why the claim cannot be decided as stated: an index without a range, or an index name
    also used for a different symbol (a hypothesis about i that would not be about the index)."""
    declared = {ix.symbol for ix in claim.indices}
    exprs = [e for e in _expressions(claim) if not isinstance(e, sp.MatrixBase)]
    bound = {lim[0] for e in exprs for s in e.atoms(sp.Sum, sp.Product) for lim in s.limits}
    known = declared | set(dimensions(claim))
    for e in exprs:
        todo: list[tuple[sp.Basic, frozenset]] = [(e, frozenset())]
        while todo:  # each entry's index must be declared, or bound by a sum around it
            node, scope = todo.pop()
            if isinstance(node, sp.Indexed):
                used = set().union(*(i.free_symbols for i in node.indices))
                for v in sorted(used - known - scope, key=str):
                    return (f"the index {v} of {node} has no declared range: a free index is "
                            f"a letter the file does not declare (in a file, drop {v} from "
                            f"the declarations and it ranges over 1…n where it picks an entry; "
                            f"in Python, Index({v}, 1, n))")
                continue
            if isinstance(node, sp.Sum | sp.Product):
                scope = scope | {lim[0] for lim in node.limits}
            elif isinstance(node, sp.Lambda):  # a matrix's entry rule (checker.inverse)
                scope = scope | set(node.variables)
            todo.extend((a, scope) for a in node.args)
    for v in sorted(declared & bound, key=str):
        return (f"{v} is both a free index and a summation index here; rename the summation "
                "index")
    names = {s.name for s in declared}
    for e in exprs:
        for s in e.free_symbols:
            if s.name in names and s not in declared:
                return (f"{s.name} is both an index and another symbol here; a hypothesis about "
                        f"{s.name} would not be about the index")
    return ""


def _size_conditions(claim: Claim, hypotheses: bool = True,
                     dims: list[sp.Symbol] | None = None) -> list[sp.Basic]:
    """Inequalities about the sizes alone: the claim's conditions (with ``hypotheses``) and
    its domain (a sum written with an ellipsis has a non-empty range: n − 1 ≥ 2)."""
    sizes = set(dimensions(claim) if dims is None else dims)
    out = [h.relation for h in claim.given if hypotheses and isinstance(h, Condition)]
    out += [r for r in claim.domain if isinstance(r, (sp.Le, sp.Lt, sp.Ge, sp.Gt))
            and r.free_symbols and r.free_symbols <= sizes]
    return out


def least(claim: Claim, dim: sp.Symbol) -> int:
    """The least value of a dimension that the claim's conditions allow (1 by default)."""
    facts = Facts()
    facts.le(sp.Integer(1), dim)
    for rel in _size_conditions(claim):
        if rel.free_symbols == {dim}:
            facts.assume(rel)
    if not facts.close():
        return 1
    return -facts.bound.get((0, dim), -1)


def _normal_form(claim: Claim, case: _Case):
    """The normal form of the claim's expressions in one case of its indices (before sums
    and entries are abstracted)."""
    onehots = [h for h in claim.given if isinstance(h, OneHotAt)]
    norm = _Normaliser(case.facts, contains([claim.lhs, claim.rhs], sp.Derivative))

    def normal(e: sp.Expr) -> sp.Expr:  # derivatives first: the same in every case
        return norm(_one_hot(derived(e).xreplace(case.subs), onehots, case.subs))

    return normal


def _merged_case(claim: Claim, case: _Case, settings: object, decide_explicit,
                 depth: int) -> Result | None:
    """The case proved with the normal form's sums merged by range, term by term
    (termwise.prove_merged): where sums of one range differ in their terms' form only."""
    normal = _normal_form(claim, case)
    known = {a: b for a, b in ((normal(h.lhs), normal(h.rhs)) for h in claim.given
                               if isinstance(h, Equation) and isinstance(h.lhs, sp.Sum))
             if isinstance(a, sp.Sum)}  # (only a sum is replaced: never a number)
    only = replace(settings, prove_only=True)  # type: ignore[type-var]  # a term not proved
    return termwise.prove_merged(                 # says nothing of the claim: no refuting it
        normal(claim.lhs) - normal(claim.rhs), known, claim, only,
        lambda c, s: check_symbolic(c, s, decide_explicit, depth + 1), depth)


def _explicit_case(claim: Claim, case: _Case) -> Claim:
    normal = _normal_form(claim, case)
    abstract = _Abstraction(case.facts)

    def side(e: sp.Expr) -> sp.Expr:
        return abstract(normal(e))

    # the same expression on both sides (a chain's first step and its goal's left side): equal
    # in every case, and only the hypotheses are left to look at (can they hold?)
    lhs, rhs = (sp.Integer(0),) * 2 if claim.lhs == claim.rhs else (side(claim.lhs),
                                                                    side(claim.rhs))
    given: list[Hypothesis] = []
    ranges = {ix.symbol for ix in claim.indices}
    for h in claim.given:
        if isinstance(h, Equation) and not _is_index_equation(h, ranges):
            given.append(Equation(side(h.lhs), side(h.rhs)))
        elif isinstance(h, Condition) and not (h.relation.free_symbols & ranges):
            given.append(Condition(abstract(h.relation)))
    return Claim(lhs, rhs, tuple(given))


# -- instances -------------------------------------------------------------------------------

def instantiate(claim: Claim, values: dict[sp.Symbol, int],
                side: Instance | None = None) -> Claim:
    """The claim at concrete sizes and index values, with explicit vector components
    (``x[2]`` becomes the real symbol ``x_2``), for the ordinary engine (``side``: the
    writer of expressions at these values to use, and keep, where the caller has one)."""

    sizes = {k: sp.Integer(v) for k, v in values.items()}
    side = side or Instance(claim, values)
    lengths = side.lengths

    given: list[Hypothesis] = []
    for h in claim.given:
        if isinstance(h, Equation):
            eq = Equation(side(h.lhs), side(h.rhs))
            if (eq.lhs - eq.rhs).is_number:  # an equation between index values
                if eq.lhs != eq.rhs:
                    raise ValueError("the hypothesis does not hold at these values")
                continue
            given.append(eq)
        elif isinstance(h, Condition):
            rel = side(h.relation)
            if rel is sp.false:
                raise ValueError("the condition does not hold at these values")
            if rel is not sp.true:
                given.append(Condition(rel))
        elif isinstance(h, OneHotAt):
            at = values[h.at]
            n = next(int(ix.hi.xreplace({k: sp.Integer(v) for k, v in values.items()}))
                     for ix in claim.indices if ix.symbol == h.at)
            comps = [entry_symbol(h.vector, k) for k in range(1, n + 1)]
            given.append(Equation(comps[at - 1], 1))
            given.extend(Equation(c, 0) for k, c in enumerate(comps, 1) if k != at)
        elif isinstance(h, OneHot):
            given.append(h)
    at_sizes = [general.xreplace(sizes) for general in claim.domain
                if isinstance(general, sp.core.relational.Relational)]
    if any(r is sp.false for r in at_sizes):  # sizes where the claim says nothing (n − 1 ≥ 2)
        raise ValueError("the sides are not defined at these sizes")
    every = [r for general in at_sizes if isinstance(general, sp.core.relational.Relational)
             for r in _every_entry(general, lengths)]
    if any(r is sp.false for r in every):  # (v_k − v_1 ≠ 0 for every k, at k = 1)
        raise ValueError("the sides are not defined at these sizes")
    domain = tuple(type(r)(side(r.lhs), side(r.rhs), evaluate=False)
                   for r in every if isinstance(r, sp.core.relational.Relational))
    if any(type(r)(r.lhs - r.rhs, 0) is sp.false for r in domain if (r.lhs - r.rhs).is_number):
        raise ValueError("the sides are not defined at these sizes")  # (det XᵀX = 0 at n < m)
    return Claim(side(claim.lhs), side(claim.rhs), tuple(given), claim.expect, claim.note,
                 domain=domain, relation=claim.relation)


class Instance:
    """Expressions of one claim at one choice of sizes and index values, written out as
    :func:`instantiate` writes its sides; what it has written is remembered by subexpression,
    so expressions that share most of their parts (the corrections a diagnosis tries) cost
    only their new parts."""

    def __init__(self, claim: Claim, values: dict[sp.Symbol, int]) -> None:
        self.sizes = {k: sp.Integer(v) for k, v in values.items()}
        self.lengths = _lengths(claim, self.sizes)
        self._memo: dict[tuple, sp.Basic] = {}

    def __call__(self, e: sp.Expr) -> sp.Expr:
        out = self._walk(e, ())
        return out.doit() if contains([out], sp.KroneckerDelta) else out

    def _walk(self, e: sp.Basic, bound: tuple) -> sp.Basic:
        key = (e, bound)
        got = self._memo.get(key)
        if got is None:
            got = self._memo[key] = self._new(e, bound)
        return got

    def _new(self, e: sp.Basic, bound: tuple) -> sp.Basic:
        if isinstance(e, sp.Symbol):
            return next((v for k, v in reversed(bound) if k == e), self.sizes.get(e, e))
        if isinstance(e, sp.Indexed):
            ix = tuple(self._walk(i, bound) for i in e.indices)
            if not all(i.is_Integer for i in ix):
                if all(i.is_number for i in ix):  # (x_{i/2} at i = 1: no entry of x)
                    raise ValueError(f"{e.base}[{', '.join(map(str, ix))}] is no entry")
                return e.func(e.base, *ix)
            n = self.lengths.get(e.base)
            if n is not None and not all(1 <= int(i) <= m for i, m in zip(ix, n, strict=False)):
                raise ValueError(f"{e.base[ix]} does not exist when {e.base} has "
                                 f"{'×'.join(map(str, n))} entries")
            return entry_symbol(e.base, symmetric.ordered(e.base, tuple(int(i) for i in ix)))
        if e.is_Atom or isinstance(e, sp.IndexedBase):  # (an Indexed is an atom to SymPy)
            return e
        if isinstance(e, sp.Sum | sp.Product):
            return self._sum(e.function, list(e.limits), bound, type(e))
        if isinstance(e, inverse.OPAQUE):  # (M⁻¹)_ij, det M: computed at this size
            at = e.func(*(self._walk(a, bound) if a is not e.rule else a for a in e.args))
            m = at.rule.expr
            return inverse.exact(at, lambda r, c: self._walk(
                m, (*bound, (inverse.R, sp.Integer(r)), (inverse.C, sp.Integer(c)))))[0]
        args = tuple(self._walk(a, bound) for a in e.args)
        return e if args == e.args else e.func(*args)

    def _sum(self, body: sp.Expr, limits: list, bound: tuple,
             kind: type = sp.Sum) -> sp.Basic:
        """Σ (or ∏) written out term by term where its bounds are integers here (the
        outermost limit first, its value bound in the inner ones); Σ_{k=lo}^{hi} with hi < lo
        is empty (0; ∏: 1), as in the documents, not SymPy's Karr convention (Σ_{k=3}^{1} =
        −Σ_{k=2}^{2})."""
        k, lo, hi = limits[-1]
        lo, hi = self._walk(lo, bound), self._walk(hi, bound)
        inner = limits[:-1]
        if not (lo.is_Integer and hi.is_Integer):
            rest = kind(body, *inner) if inner else body
            return kind(self._walk(rest, (*bound, (k, k))), (k, lo, hi))
        terms = []
        for v in range(int(lo), int(hi) + 1):
            at = (*bound, (k, sp.Integer(v)))
            terms.append(self._sum(body, inner, at, kind) if inner else self._walk(body, at))
        return sp.Mul(*terms) if kind is sp.Product else sp.Add(*terms)


def _lengths(claim: Claim, sizes: dict) -> dict[sp.IndexedBase, tuple[int, ...]]:
    return {base: tuple(int(_axis(n, p).xreplace(sizes)) for p in range(
                len(n) if isinstance(n, sp.Tuple) else 1))
            for base, n in claim.lengths}


def _every_entry(r: sp.core.relational.Relational,
                 lengths: dict[sp.IndexedBase, tuple[int, ...]]) -> list:
    """A domain condition over every entry (x[k] > 0 for each k, from log(x) at a symbolic
    size) written out at a concrete size; an index whose range is unknown fails the
    instance rather than dropping the condition."""
    every = sorted((d for d in r.free_symbols if isinstance(d, sp.Dummy) and d.name == "every"),
                   key=sp.default_sort_key)
    if not every:
        return [r]
    ranges = []
    for d in every:
        n = next((lengths[a.base][p] for a in r.atoms(sp.Indexed) if a.base in lengths
                  for p, i in enumerate(a.indices) if i == d and p < len(lengths[a.base])), None)
        if n is None:
            raise ValueError(f"the range of an entry in the condition {r} is not known")
        ranges.append(range(1, n + 1))
    return [r.xreplace({d: sp.Integer(v) for d, v in zip(every, vs, strict=True)})
            for vs in itertools.product(*ranges)]


def entry_symbol(base: sp.IndexedBase, k: int | tuple[int, ...]) -> sp.Symbol:
    """Entry k of an indexed vector (or (i, j) of a matrix) at a concrete size, named x[k] or
    W[i,j]: a name no scalar in a derivation file can have (a scalar x_1 is a different
    variable from the entry x[1])."""
    ks = k if isinstance(k, tuple) else (k,)
    shown = ",".join(str(v) for v in ks)
    return sp.Symbol(f"{base}[{shown}]", **_assumptions(base[(1,) * len(ks)]))


def instances(claim: Claim, dims: list[sp.Symbol]):
    """(label, values) for every n in INSTANCE_SIZES and every index value in range."""
    count = 0
    for sizes in itertools.product(INSTANCE_SIZES, repeat=len(dims)):
        base = {d: sp.Integer(v) for d, v in zip(dims, sizes, strict=True)}
        ranges = []
        for ix in claim.indices:
            lo = int(ix.lo.xreplace(base)) if ix.lo.xreplace(base).is_Integer else None
            hi = int(ix.hi.xreplace(base)) if ix.hi.xreplace(base).is_Integer else None
            if lo is None or hi is None:
                return
            ranges.append(range(lo, hi + 1))
        for combo in itertools.product(*ranges):
            values = {**{d: int(v) for d, v in base.items()},
                      **{ix.symbol: v for ix, v in zip(claim.indices, combo, strict=True)}}
            conds = [h.relation.xreplace({k: sp.Integer(v) for k, v in values.items()})
                     for h in claim.given if isinstance(h, Condition)
                     and h.relation.free_symbols <= set(values)]
            if any(c is sp.false for c in conds):
                continue
            count += 1
            if count > MAX_INSTANCES:
                return
            yield ", ".join(f"{name} = {v}" for name, v in zip(
                _apart([getattr(k, "name", str(k)) for k in values]), values.values(),
                strict=True)), values


def _apart(names: list[str]) -> list[str]:
    """Names as shown, two alike told apart by primes (an entry's own index beside the
    user's i: i and i′, never "i = 1, i = 2")."""
    out: list[str] = []
    for name in names:
        while name in out:
            name += "′"
        out.append(name)
    return out


def _defined_nowhere(claim: Claim) -> str:
    """Why a side is defined at no point and size, where a domain condition fails whatever
    the values: a divisor that is 0 for every value, or one of a condition on every entry
    (v_k − v_1 ≠ 0 for every k) at an entry that exists wherever the condition's other entries
    do (k = 1, or an index the condition writes). "" where that is not certain."""
    limits = [lim for e in _expressions(claim) for s in e.atoms(sp.Sum, sp.Product)
              for lim in s.limits]
    partial = any(lo != 1 or not isinstance(hi, sp.Symbol) for _, lo, hi in limits)
    for r in claim.domain:
        if r is sp.false:  # (SymPy decided it from the entries' assumptions: log(−u_k²))
            return ("a side is undefined wherever the hypotheses hold (and a proof only holds "
                    "where both sides are defined): a condition of where it is defined (a "
                    "logarithm's or a root's argument, a divisor) fails whatever the values")
        found = domain.parts(r)
        if found is None:
            continue
        kind, d = found
        every = sorted((x for x in d.free_symbols if isinstance(x, sp.Dummy) and x.name == "every"),
                       key=sp.default_sort_key)
        if every and partial:  # (a sum over part of a range asks its condition of every entry:
            continue           # more than the line needs, so no sign that it is defined nowhere)
        # an entry the condition itself writes exists wherever the line is defined (v_1, v_n,
        # v_{n+1}: never), and so does the condition at it
        written = {i for a in d.atoms(sp.Indexed) for i in a.indices
                   if not i.free_symbols & set(every) and (not i.is_number or (i.is_Integer and i > 0))}
        written = sorted(written | {sp.Integer(1)}, key=sp.default_sort_key) if not limits \
            else [sp.Integer(1)]  # (a sum from 1 to h asks it of every entry: of 1 at least)
        for values in itertools.product(written, repeat=len(every)):
            at = d.xreplace(dict(zip(every, values, strict=True)))
            if at.has(sp.Sum, sp.Product) or not domain.small(at):
                continue
            never = domain.vanishes(at) is True if kind is sp.Ne else \
                kind(sp.expand(at), 0) is sp.false or never_by_sign(kind(at, 0))
            if never:
                names = ("k", "l")[:len(every)] if len(every) <= 2 else ("k",) * len(every)
                where = " at " + ", ".join(f"{k} = {index_notation(v)}" for k, v in zip(
                    names, values, strict=True)) if every else ""
                return ("a side is undefined wherever the hypotheses hold (and a proof only holds "
                        f"where both sides are defined): it needs {Condition(r).describe()}, "
                        f"which fails{where} whatever the values")
    return ""


def _undefined_at_some_size(claim: Claim, dims: list, settings: object,
                            decide_explicit: Callable[..., Result]) -> str:
    """A general proof covers the sizes where the claim says something: with a condition on
    every entry (y[k] > 0, from log y_k) and hypotheses that fix entries (one-hot y), a side may
    be undefined wherever the hypotheses hold at some sizes (log 0 at n ≥ 2), which the normal
    form for every n does not see. Tried at the small sizes; the first such instance, said."""
    if not claim.given or not any(isinstance(d, sp.Dummy) and d.name == "every"
                                  for r in claim.domain for d in r.free_symbols):
        return ""
    for label, _, r in decided_instances(claim, dims, settings, decide_explicit):
        if r.verdict is Verdict.ERROR:
            return f"at {label}: {r.detail or 'not defined where the hypotheses hold'}"
    return ""


def decided_instances(claim: Claim, dims: list, settings: object,
                       decide_explicit: Callable[..., Result]):
    """(label, values, result) of the claim at each instance (see :func:`instances`)."""
    for label, values in instances(claim, dims):
        try:
            inst = instantiate(claim, values)
        except (ValueError, TypeError, StopIteration):
            continue
        yield label, values, decide_explicit(inst, settings)


def _by_instances(claim, dims, settings, decide_explicit, done, reason):
    proved_at: list[str] = []
    open_at: set[str] = set()  # sizes where an instance (some index values) is not proved
    for label, values, r in decided_instances(claim, dims, settings, decide_explicit):
        if r.verdict is Verdict.REFUTED and r.counterexample is not None:
            cex = replace(r.counterexample, instance=tuple(values.items()),
                          case=label + (f", {r.counterexample.case}" if r.counterexample.case
                                        else ""))
            return done(Verdict.REFUTED, r.method, counterexample=cex, seed=r.seed,
                        detail=f"{r.detail}; it fails at {label}, so it does not hold for every "
                               f"{_names(dims)}",
                        scope=label)
        size = ", ".join(f"{k} = {v}" for k, v in values.items() if k in dims)
        if r.verdict is Verdict.PROVED:
            proved_at.append(size)
        else:
            open_at.add(size)
    sizes = sorted(set(proved_at) - open_at)  # (every index value proved at that size)
    several = len(dims) > 1  # (d = 1, n = 2 as one instance: each in brackets)
    listed = [f"({x})" if several else x for x in sizes]
    tried = f"; the instances {', '.join(listed)} are all proved" if sizes else ""
    if open_at:
        tried += "; at " + ", ".join(f"({x})" if several else x for x in sorted(open_at)) + \
            " some are not decided"
    return done(Verdict.UNKNOWN, Method.NONE,
                detail=f"no proof for all {_names(dims)} ({reason}){tried}",
                scope=f"{dims[0]} = {INSTANCE_SIZES[0]}…{INSTANCE_SIZES[-1]}" if dims and sizes
                else "")


def _names(dims: list) -> str:
    """The file's own names of the sizes a claim is about (m, or D, H, K), for messages."""
    return ", ".join(str(d) for d in dims) or "n"

