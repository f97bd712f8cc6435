"""A cheap numeric filter for candidate corrections: never a proof.

A diagnosis tries many candidate corrections of a refuted step (negate this factor, swap that
function, …); the engine decides only the few that agree with the previous step at a handful
of sample points. The points satisfy the claim's hypotheses: one-hot and solved-for values are
substituted as the engine does (:func:`checker.strategies.prepare.cases`), conditions and
where the previous step is defined are checked, and for a claim over a symbolic n each point
is an instance (n = 3, i = 1, j = 2 …, :func:`checker.strategies.symbolic_n.instantiate`).
The counterexample is the first point: the step as written certainly fails there.

Values are plain floats: a candidate that agrees with the previous step to 1e-8 at every point
goes on to the engine, which decides it exactly; one that does not is dropped. A wrong
"agrees" costs an engine call; a wrong "differs" costs a missed diagnosis, never a wrong one.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from fractions import Fraction

import sympy as sp

from checker.model import Claim, Value
from checker.results import Counterexample
from checker.strategies import expectations, symbolic_n, witness
from checker.strategies.prepare import Case, ClaimError, cases, domain_of, expand_definitions
from checker.strategies.program import Compiler, Unsupported

TOLERANCE = 1e-8
POINTS_PER_CASE = 2
MAX_WORLDS = 4


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x > -700 else 0.0


_FUNCTIONS = {
    "exp": math.exp, "log": math.log, "sin": math.sin, "cos": math.cos, "tan": math.tan,
    "tanh": math.tanh, "sinh": math.sinh, "cosh": math.cosh, "sigmoid": _sigmoid,
    "erf": math.erf, "abs": abs, "sign": lambda x: float((x > 0) - (x < 0)),
}
_HOLDS = {"<": lambda v: v < 0, "<=": lambda v: v <= 0, ">": lambda v: v > 0,
          ">=": lambda v: v >= 0, "==": lambda v: v == 0, "!=": lambda v: v != 0}


class Undefined(Exception):
    """A value is not defined (or not finite) at the point."""


def _float(op: tuple, vals: dict[int, float]) -> float:
    kind = op[0]
    if kind == "const":
        return float(op[1])
    if kind == "add":
        return math.fsum(vals[i] for i in op[1])
    if kind == "mul":
        out = 1.0
        for i in op[1]:
            out *= vals[i]
        return out
    if kind == "pow":
        base, k = vals[op[1]], op[2]
        if k.denominator == 1:
            if base == 0 and k < 0:
                raise Undefined("division by zero")
            return base ** int(k)
        if base < 0:
            if k.denominator % 2 == 0:
                raise Undefined("an even root of a negative number")
            return -((-base) ** float(k))
        return base ** float(k)
    if kind == "powe":
        base, k = vals[op[1]], vals[op[2]]
        if base <= 0:
            raise Undefined("a power with a non-positive base")
        return base ** k
    if kind == "fn":
        x = vals[op[2]]
        fn = _FUNCTIONS.get(op[1])
        if fn is None:
            raise Undefined(f"no float value for {op[1]}")
        if op[1] == "log" and x <= 0:
            raise Undefined("log of a non-positive number")
        return fn(x)
    if kind == "pi":
        return math.pi
    if kind in ("max", "min"):
        xs = [vals[i] for i in op[1]]
        return max(xs) if kind == "max" else min(xs)
    if kind == "step":
        x = vals[op[1]]
        return 1.0 if x > 0 else 0.0 if x < 0 else float(op[2])
    if kind == "pw":
        for c, rel, v in op[1]:
            if _HOLDS[rel](vals[c]):
                return vals[v]
        raise Undefined("no piece applies")
    raise Undefined(f"cannot evaluate {kind}")


@dataclass
class _World:
    """One case of the hypotheses and one point in it, with the previous step's values."""

    case: Case
    compiler: Compiler
    point: dict[int, float]  # variable index → value
    memo: dict[int, float] = field(default_factory=dict)
    target: list[float] = field(default_factory=list)
    rng: random.Random = field(default_factory=random.Random)

    def value_of(self, node: int) -> float:
        """The value of a compiled node (by index) at this point (nodes shared by candidates
        are evaluated once)."""
        ops = self.compiler.program.ops
        if node in self.memo:
            return self.memo[node]
        need, stack, seen = [], [node], set()
        while stack:  # the nodes not evaluated here yet; children have smaller indices
            i = stack.pop()
            if i in self.memo or i in seen:
                continue
            seen.add(i)
            need.append(i)
            op = ops[i]
            if op[0] in ("add", "mul", "max", "min"):
                stack.extend(op[1])
            elif op[0] in ("pow", "step"):
                stack.append(op[1])
            elif op[0] == "powe":
                stack.extend((op[1], op[2]))
            elif op[0] == "fn":
                stack.append(op[2])
            elif op[0] == "pw":
                stack.extend(x for t in op[1] for x in (t[0], t[2]))
        for i in sorted(need):
            op = ops[i]
            if op[0] == "var":  # a symbol the previous step does not have: any value
                if op[1] not in self.point:
                    sym = self.compiler.program.variables[op[1]]
                    self.point[op[1]] = float(_sample(sym, self.rng))
                self.memo[i] = self.point[op[1]]
                continue
            try:
                v = _float(op, self.memo)
            except (ArithmeticError, ValueError, OverflowError, TypeError) as exc:
                raise Undefined(str(exc)) from None
            if isinstance(v, complex) or not math.isfinite(v):
                raise Undefined("not finite")
            self.memo[i] = v
        return self.memo[node]

    def value_of_expr(self, e: sp.Expr) -> float:
        return self.value_of(self.compiler(e))


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


def entries(v: Value) -> list[sp.Expr]:
    if isinstance(v, sp.MatrixBase):
        return list(v)
    return [v]


def _sample(sym: sp.Symbol, rng: random.Random) -> Fraction:
    while True:
        v = Fraction(rng.randint(1, 9), rng.randint(2, 7))
        if sym.is_integer:
            v = Fraction(rng.randint(1, 4))
        if not (sym.is_positive or sym.is_nonnegative) and rng.random() < 0.4:
            v = -v
        if sym.is_negative or sym.is_nonpositive:
            v = -abs(v)
        return v


MAX_INSTANCES = 8


def _equal(values: dict, dims: list) -> tuple[bool, ...]:
    """Which free indices of an instance are equal to each other."""
    names = sorted((k for k in values if k not in dims), key=str)
    return tuple(values[a] == values[b] for n, a in enumerate(names) for b in names[n + 1:])


def _order(values: dict, dims: list) -> tuple[int, ...]:
    """How the free indices of an instance compare with each other (−1, 0, 1 per pair)."""
    names = sorted((k for k in values if k not in dims), key=str)
    return tuple((values[a] > values[b]) - (values[a] < values[b])
                 for n, a in enumerate(names) for b in names[n + 1:])


class Probe:
    """Sample points of a claim's previous step (its left side); ``agrees(v)`` says whether
    a candidate value v agrees with it at every point."""

    def __init__(self, claim: Claim, cex: Counterexample | None, seed: int) -> None:
        # a claim about a declared arbitrary function, refuted with a polynomial put in for
        # it: the points are taken with that function (the engine then proves a candidate
        # for every function)
        self.witness = list(cex.witness) if cex is not None else []
        if self.witness:
            claim = replace(claim, lhs=witness.put(claim.lhs, self.witness),
                            rhs=witness.put(claim.rhs, self.witness),
                            domain=tuple(witness.put(r, self.witness) for r in claim.domain))
        # expectations as their values (a law by its moments as m ± √v): lines are sampled
        # through them, candidates too (a verdict is still the engine's, on the claim itself)
        self.moments: Callable[[Value], Value] = lambda v: v
        if expectations.present(claim):
            original = claim
            self.moments = lambda v: expectations.moments(v, original)  # type: ignore[assignment,return-value]
            claim = replace(claim, lhs=self.moments(claim.lhs), rhs=self.moments(claim.rhs),
                            domain=tuple(self.moments(r) for r in claim.domain))
        self.claim = claim
        self.rng = random.Random(seed)
        self.worlds: list[_World] = []
        # (sizes and index values, the writer of expressions there, its points)
        self.instances: list[tuple[dict, symbolic_n.Instance, list[_World]]] = []
        self._later: list[dict] = []  # sizes of instances not built yet (built when needed)
        self.symbolic = symbolic_n.is_symbolic(claim)
        self.shape = claim.lhs.shape if isinstance(claim.lhs, sp.MatrixBase) else None
        if self.symbolic:
            self._instances(cex)
        else:
            self.worlds = self._explicit(claim, cex)

    @property
    def usable(self) -> bool:
        return bool(self.worlds) or any(w for _, _, w in self.instances)

    # -- building the points

    def _explicit(self, claim: Claim, cex: Counterexample | None) -> list[_World]:
        lhs = claim.lhs
        zero = sp.zeros(*lhs.shape) if isinstance(lhs, sp.MatrixBase) else sp.Integer(0)
        try:
            all_cases = [c for c in cases(replace(claim, rhs=zero, readings=(), hints=()))
                         if not c.excluded]
        except (ClaimError, ValueError, TypeError, RecursionError):
            return []
        if cex is not None and cex.case:  # the counterexample's case first
            all_cases.sort(key=lambda c: c.label != cex.case)
        domain = domain_of(claim)
        worlds: list[_World] = []
        for case in all_cases[:MAX_WORLDS]:
            comp = Compiler(subs=case.subs)
            for s in case.free:
                comp.program.var(s)
            try:
                targets = [comp(e) for _, e, _ in case.pairs]
                checks = [(c, comp(c.lhs - c.rhs)) for c in case.conditions
                          if isinstance(c, sp.core.relational.Relational)]
                checks += [(d, comp(d.lhs - d.rhs)) for d in domain
                           if isinstance(d, sp.core.relational.Relational)]
            except (Unsupported, RecursionError, TypeError, ValueError):
                continue
            points = self._points(case, cex, comp)
            for point in points:
                w = _World(case, comp, point, rng=self.rng)
                try:
                    if not all(_HOLDS.get(c.rel_op, lambda v: False)(w.value_of(node))
                               for c, node in checks):
                        continue
                    w.target = [w.value_of(t) for t in targets]
                except Undefined:
                    continue
                worlds.append(w)
                if len([x for x in worlds if x.case is case]) >= POINTS_PER_CASE:
                    break
            if len(worlds) >= MAX_WORLDS:
                break
        return worlds

    def _points(self, case: Case, cex: Counterexample | None, comp: Compiler
                ) -> list[dict[int, float]]:
        variables = comp.program.variables
        out = []
        if cex is not None and not cex.instance:
            given = {s.name: v for s, v in cex.point}
            if all(s.name in given for s in variables):
                out.append({i: float(given[s.name]) for i, s in enumerate(variables)})
        for _ in range(12):
            out.append({i: float(_sample(s, self.rng)) for i, s in enumerate(variables)})
        return out

    def _instances(self, cex: Counterexample | None) -> None:
        claim = self.claim
        dims = symbolic_n.dimensions(claim)
        chosen: list[dict] = []
        if cex is not None and cex.instance:
            chosen.append({k: int(v) for k, v in cex.instance})
        found = list(symbolic_n.instances(claim, dims))
        biggest = [v for _, v in found if all(v[d] == max(x[d] for _, x in found) for d in dims)]
        self.rng.shuffle(biggest)
        # one instance per pattern of equal free indices (i = j ≠ k, j = k ≠ i …) first, then
        # per order (i < j, i > j …): a candidate that agrees only where j = k, or only where
        # i < j, is dropped here, not by a proof (an engine call each)
        for key in (_equal, _order):
            seen = {key(v, dims) for v in chosen}
            for values in biggest:
                if len(chosen) >= MAX_INSTANCES:
                    break
                if values not in chosen and key(values, dims) not in seen:
                    chosen.append(values)
                    seen.add(key(values, dims))
        for values in biggest:  # (at least three, for constant())
            if len(chosen) >= 3:
                break
            if values not in chosen:
                chosen.append(values)
        self._later = chosen
        while self._later and not self.instances:  # the first that has points, now
            self._build_next()

    def _build_next(self) -> bool:
        """Build the next instance's points (most candidates fail at the first instance, so
        the others are only built for one that agrees there); False when none is left."""
        if not self._later:
            return False
        values = self._later.pop(0)
        writer = symbolic_n.Instance(self.claim, values)
        try:
            inst = symbolic_n.instantiate(replace(self.claim, rhs=sp.Integer(0), readings=(),
                                                  hints=()), values, writer)
        except (ValueError, TypeError, StopIteration, KeyError):
            return True
        worlds = self._explicit(inst, None)
        if worlds:  # three points at the first instance: enough for constant() alone
            self.instances.append((values, writer, worlds[:2 if self.instances else 3]))
        return True

    def constant(self) -> bool:
        """Whether the previous step takes one value at every sample point (three or more)."""
        worlds = self.worlds or [w for _, _, ws in self.instances for w in ws]
        values = [tuple(w.target) for w in worlds]
        return len(values) >= 3 and all(
            all(_close(a, b) for a, b in zip(v, values[0], strict=True)) for v in values)

    # -- evaluating candidates

    def agrees(self, value: Value) -> bool:
        """Whether ``value`` agrees with the previous step at every sample point (never a
        proof: see the module docstring)."""
        if self.witness:
            value = witness.put(value, self.witness)  # type: ignore[assignment]
        value = self.moments(value)
        if self.symbolic:
            if not self.instances or isinstance(value, sp.MatrixBase):
                return False
            k = 0
            while k < len(self.instances) or self._build_next():
                if k >= len(self.instances):
                    continue  # that instance had no points: the next one
                _, writer, worlds = self.instances[k]
                k += 1
                try:
                    at = writer(value)
                except (ValueError, TypeError, StopIteration, KeyError, RecursionError):
                    return False
                if not self._agrees(at, worlds):
                    return False
            return True
        if not self.worlds:
            return False
        return self._agrees(value, self.worlds)

    def _agrees(self, value: Value, worlds: list[_World]) -> bool:
        if isinstance(value, sp.MatrixBase) != (self.shape is not None):
            return False
        if self.shape is not None and value.shape != self.shape:  # type: ignore[union-attr]
            return False
        try:
            parts = [expand_definitions(e) for e in entries(value)]
        except (ValueError, TypeError, RecursionError, NotImplementedError):
            return False
        for w in worlds:
            for k, e in enumerate(parts):
                try:
                    v = w.value_of_expr(e)
                except (Undefined, Unsupported, RecursionError, TypeError, ValueError):
                    return False
                if not _close(v, w.target[k]):
                    return False
        return True
