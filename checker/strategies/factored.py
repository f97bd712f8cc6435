"""Exact zero test for rational programs with denominators kept factored.

Every node's value is held as N / (A₁^e₁ ⋯ A_k^e_k): N an expanded polynomial
over ℚ, each A a polynomial ("atom") that is kept unexpanded and is never
multiplied out in a denominator. Atoms are normalised (monic, and a monomial
is split into its variables), so the same denominator reached along different
paths is one atom.

  a/D + c/E = (a·(L/D) + c·(L/E)) / L        L = the atom-wise maximum of D, E
  (a/D)·(c/E) = ac / DE
  (a/D)^-k = D^k / a^k                        a becomes an atom (or atoms)

No gcd is ever computed. That is what makes it fast where a field of rational
functions (which reduces every intermediate result to lowest terms) is slow,
and it costs nothing in rigour: each step is an identity of rational
functions, so at a root the value N/L *is* the claim's difference as a
rational function, and since L is a product of non-zero polynomials,
N ≡ 0 exactly when the claim is an identity in ℚ(x₁, …). A zero N is a proof;
a non-zero N is a certain "not an identity of the rewritten form" (which, as
always, is not yet a counterexample to the original claim).

Polynomials are python-flint's ``fmpq_mpoly`` (FLINT, in C); SymPy's sparse
``PolyElement`` is the same algebra ~10–50× slower with hundreds of variables,
and stays as the reference implementation the tests compare against.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

try:
    import flint
except ImportError:  # pragma: no cover - python-flint is a dependency; SymPy is the fallback
    flint = None


class _Flint:
    def __init__(self, nvars: int) -> None:
        ctx = flint.fmpq_mpoly_ctx.get(tuple(f"x{i}" for i in range(max(nvars, 1))), "lex")
        self.gens = list(ctx.gens())[:nvars]
        self.one = ctx.from_dict({(0,) * max(nvars, 1): 1})
        self.zero = self.one - self.one

    def const(self, c: Fraction) -> Any:
        return self.one * flint.fmpq(c.numerator, c.denominator)

    @staticmethod
    def key(p: Any) -> object:
        return tuple(sorted(p.to_dict().items()))

    def split(self, p: Any) -> tuple[Any, list[int], Any]:
        """p = lc · x^e · q, q monic with no monomial factor."""
        lc = p.leading_coefficient()
        mono = p.term_content()
        q = p / (mono * lc)
        return lc, list(mono.degrees()), q

    @staticmethod
    def inverse_scale(p: Any, lc: Any) -> Any:
        return p / lc

    def terms(self, p: Any) -> dict[tuple[int, ...], Any]:
        return dict(p.to_dict())

    def from_terms(self, terms: dict[tuple[int, ...], Any]) -> Any:
        return self.one.context().from_dict(terms) if terms else self.zero


class _Sympy:
    def __init__(self, nvars: int) -> None:
        from sympy.polys.domains import QQ
        from sympy.polys.rings import ring

        self.QQ = QQ
        r, *gens = ring([f"x{i}" for i in range(max(nvars, 1))], QQ)
        self.gens = gens[:nvars]
        self.one, self.zero = r.one, r.zero

    def const(self, c: Fraction) -> Any:
        return self.one * self.QQ(c.numerator, c.denominator)

    @staticmethod
    def key(p: Any) -> object:
        return p

    def split(self, p: Any) -> tuple[Any, list[int], Any]:
        lc = p.LC
        q = p.quo_ground(lc)
        n = len(q.ring.gens)
        exps = [min(m[g] for m in q.itermonoms()) for g in range(n)]
        if any(exps):
            q = q.quo_term((tuple(exps), self.QQ(1)))
        return lc, exps, q

    @staticmethod
    def inverse_scale(p: Any, lc: Any) -> Any:
        return p.quo_ground(lc)

    def terms(self, p: Any) -> dict[tuple[int, ...], Any]:
        return dict(p.terms())

    def from_terms(self, terms: dict[tuple[int, ...], Any]) -> Any:
        return self.one.ring.from_dict(terms) if terms else self.zero


def factored_zero(ops: list[tuple], nvars: int, roots: list[int],
                  backend: str = "flint",
                  relations: list[tuple[int, int, int]] | None = None) -> list[bool]:
    """True where a root of the rational program is identically zero (a proof).

    ``relations`` lists roots (variable s, q, node u) with s^q = u: a numerator is reduced
    by them before it is tested, N(…, s) → Dᵏ·N with every s^q replaced by N_u/D_u (D ≠ 0
    where the claim is defined), and it is zero when every coefficient of s⁰ … s^(q−1) is:
    then N vanishes wherever s^q = u, which is a proof (the converse needs u not to be a
    q-th power, so a non-zero result is, as always, not a refutation).

    Raises ``ZeroDivisionError`` if some denominator is identically zero.
    """
    ring = _Flint(nvars) if backend == "flint" and flint is not None else _Sympy(nvars)
    one, gens = ring.one, ring.gens
    atom_polys: list[Any] = []
    atom_ids: dict[object, int] = {}
    powers: dict[tuple[int, int], Any] = {}

    def intern(p: Any) -> int:
        k = ring.key(p)
        found = atom_ids.get(k)
        if found is None:
            found = atom_ids[k] = len(atom_polys)
            atom_polys.append(p)
        return found

    def power(a: int, k: int) -> Any:
        got = powers.get((a, k))
        if got is None:
            got = powers[(a, k)] = atom_polys[a] if k == 1 else power(a, k - 1) * atom_polys[a]
        return got

    def product(den: dict[int, int]) -> Any:
        acc = None
        for a, k in den.items():
            acc = power(a, k) if acc is None else acc * power(a, k)
        return one if acc is None else acc

    # A value is dropped after its last use (the program is a DAG: most intermediate
    # polynomials are read once or twice, and holding them all was most of the memory); a
    # root's zero test is taken when it is made, unless root relations still need it.
    keep = {u for _, _, u in relations or []} | (set(roots) if relations else set())
    last: dict[int, int] = {}
    for i, op in enumerate(ops):
        if op[0] in ("add", "mul"):
            for j in op[1]:
                last[j] = i
        elif op[0] == "pow":
            last[op[1]] = i
    dropped_after: dict[int, list[int]] = {}
    for j, i in last.items():
        if j not in keep:
            dropped_after.setdefault(i, []).append(j)
    wanted = {r: None for r in roots} if not relations else {}  # root → is it zero
    # −1 (every difference's lhs + (−1)·rhs): a product with it is a negation
    minus_one = {i for i, op in enumerate(ops) if op[0] == "const" and op[1] == -1}
    # A value's denominator dict is never changed once the value is made, so values share
    # one where it is the same.
    vals: list[tuple[Any, dict[int, int]] | None] = []
    append = vals.append
    for index, op in enumerate(ops):  # (sums and products first: nearly every node is one)
        kind = op[0]
        if kind == "mul":
            kids = op[1]
            if len(kids) == 2:  # (most are)
                i, j = kids if kids[1] not in minus_one else kids[::-1]
                n, d = vals[j]  # type: ignore[misc]
                if i in minus_one:
                    append((-n, d) if n else (n, {}))
                else:
                    m, e = vals[i]  # type: ignore[misc]
                    num = m * n
                    if not num:
                        den = {}
                    elif not d:
                        den = e
                    elif not e:
                        den = d
                    else:
                        den = dict(e)
                        for a, k in d.items():
                            den[a] = den.get(a, 0) + k
                    append((num, den))
            else:
                num, den = vals[kids[0]]  # type: ignore[misc]
                den = dict(den)
                for i in kids[1:]:
                    n, d = vals[i]  # type: ignore[misc]
                    num = num * n
                    for a, k in d.items():
                        den[a] = den.get(a, 0) + k
                append((num, den) if num else (num, {}))
        elif kind == "add":
            terms = [vals[i] for i in op[1]]
            if len(terms) == 2 and terms[0][1] == terms[1][1]:  # type: ignore[index]
                # (one denominator: a difference of two entries, most often)
                (m, e), (n, _) = terms  # type: ignore[misc]
                append((m + n, e))
            else:
                common: dict[int, int] = {}
                for _, den in terms:  # type: ignore[misc]
                    for a, k in den.items():
                        if k > common.get(a, 0):
                            common[a] = k
                num = None
                for n, den in terms:  # type: ignore[misc]
                    if n:
                        if common:
                            missing = {a: k - den.get(a, 0) for a, k in common.items()
                                       if k > den.get(a, 0)}
                            if missing:
                                n = n * product(missing)
                        num = n if num is None else num + n
                append((ring.zero if num is None else num, common))
        elif kind == "const":
            append((ring.const(op[1]), {}))
        elif kind == "var":
            append((gens[op[1]], {}))
        elif kind == "pow":
            k = int(op[2])
            n, d = vals[op[1]]  # type: ignore[misc]
            if k >= 0:
                append((n**k, {a: e * k for a, e in d.items()}))
            else:
                if not n:
                    raise ZeroDivisionError("a denominator is identically zero")
                k = -k
                lc, exps, rest = ring.split(n)
                den = {}
                # The monomial part splits into single variables, so u⁻¹ and (u·v)⁻¹ share u.
                for g, e in enumerate(exps):
                    if e:
                        a = intern(gens[g])
                        den[a] = den.get(a, 0) + e * k
                if rest != one:
                    a = intern(rest)
                    den[a] = den.get(a, 0) + k
                num = product(d) ** k if d else one
                append((ring.inverse_scale(num, lc**k), den))
        else:
            raise ValueError(f"{kind} in a rational program")
        if index in wanted:  # a root: tested now, and dropped if nothing reads it later
            wanted[index] = not vals[index][0]  # type: ignore[index]
            if index not in last:
                vals[index] = None
        dropped = dropped_after.get(index)
        if dropped:  # (a root's test was taken when it was made)
            for j in dropped:
                vals[j] = None
    if wanted:
        return [bool(wanted[r]) for r in roots]
    out = []
    for r in roots:
        num = vals[r][0]  # type: ignore[index]
        for var, q, u in reversed(relations or []):  # the last root found may hold earlier ones
            if not num:
                break
            un, ud = vals[u]
            num = _reduce(ring, num, var, q, un, product(ud) if ud else one)
        out.append(not num)
    return out


def _reduce(ring: Any, num: Any, var: int, q: int, un: Any, ud: Any) -> Any:
    """D^K·num with s^q replaced by un/ud (K the largest number of q's taken out)."""
    by_power: dict[int, dict[tuple[int, ...], Any]] = {}
    for exps, c in ring.terms(num).items():
        j = exps[var]
        rest = (*exps[:var], j % q, *exps[var + 1:])
        by_power.setdefault(j // q, {})[rest] = c
    top = max(by_power)
    if top == 0:
        return num
    total = ring.zero
    for j, terms in by_power.items():
        total = total + ring.from_terms(terms) * un**j * ud ** (top - j)
    return total
