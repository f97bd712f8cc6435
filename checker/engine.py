"""Decide one claim: cheapest strategy first, the first decisive one wins.

A claim with expectations of declared random variables, or with integrals, is first rewritten
by its own module (:mod:`~checker.strategies.expectations`, :mod:`~checker.strategies.integrals`)
into one without them, which the steps below decide; a claim over a symbolic size goes to
:mod:`~checker.strategies.symbolic_n`, which uses them on what it abstracts.

  0. hypotheses applied case by case (:mod:`~checker.strategies.prepare`); a case
     whose hypotheses certainly cannot hold, or where the claim is certainly
     undefined wherever they hold, is dropped. If every case is dropped, the
     claim is proved *vacuously* (``Result.vacuous``) or, when the hypotheses
     can hold but a side is undefined wherever they do, an error: a proof
     only ever holds where both sides are defined;
  1. structural equality (after expanding definitions and derivatives);
  2. where σ, tanh, sinh or cosh occur: the randomized test and then the
     exact certificate (:mod:`~checker.strategies.factored`) with them as
     independent symbols. Where that proves the claim (most gradients do) it
     is far cheaper than going through exp; where it does not, it says
     nothing, and the claim goes on to step 3;
  3. sound rewrite into a rational function of fresh symbols (σ, tanh …
     through exp), then a randomized exact identity test (fast on true and
     false claims alike);
  4. entries that are not identically zero go to counterexample search on
     the original claim — only a certified point refutes, and only after a
     final, independent check that it satisfies every assumption, hypothesis
     and domain condition of the claim (:func:`~checker.strategies.domain.recheck`);
  5. entries that are zero get the exact certificate on the full rewrite
     with what is left of the time budget; if that runs out the randomized
     proof stands, with its failure bound recorded;
  6. what is neither proved nor refuted gets high-precision numeric evidence
     (never a proof) or stays unknown.

Steps 2 and 5 each get ``Settings.exact_budget`` seconds of the process's CPU time
(not the wall clock: the method does not depend on the machine's load). FLINT's C code cannot be
interrupted mid-operation, so the budget can overrun by one polynomial
operation; the hard limit is the runner's per-claim deadline, which kills the
worker process.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import sympy as sp

from checker import matrix_properties
from checker.collector import paused
from checker.dag import contains
from checker.deadline import OutOfTime, cpu_now, time_limit
from checker.inverse import has_opaque
from checker.model import (
    EARLIER_WORDS,
    INDEX_CASE,
    MATRIX_WORDS,
    ONE_OF_ITS_VALUES,
    STATED_RESULT,
    UNDER_EARLIER,
    UNREAD_BETWEEN,
    Claim,
    Condition,
    Equation,
    Index,
    MatrixProperty,
    OneHot,
    OneHotAt,
)
from checker.results import Counterexample, Method, ReadingResult, Result, Verdict
from checker.strategies import (
    counterexample,
    decimals,
    domain,
    expectations,
    explicit_indices,
    implication,
    inequality,
    integrals,
    logs,
    regions,
    roots,
    witness,
)
from checker.strategies.evaluate import MODULUS, NotExact, Pole, modvalues
from checker.strategies.factored import factored_zero
from checker.strategies.identity import randomized_zero_test
from checker.strategies.prepare import Case, ClaimError, arbitrary_functions, cases, domain_of
from checker.strategies.program import Unsupported
from checker.strategies.rewrite import OPAQUE_FUNCTIONS, Rewriter, exponents, touched
from checker.strategies.symbolic_n import check_symbolic, is_symbolic


@dataclass(frozen=True)
class Settings:
    seed: int = 20261122
    exact_budget: float = 1.0  # CPU s of exact algebra per attempt before a randomized proof stands
    search_budget: float = 8.0  # CPU s of counterexample search per claim
    target: float = 1e-30  # failure bound a randomized proof must reach
    require_exact: bool = False  # --exact: randomized proofs do not count
    # Only a proof matters (checker.diagnosis proving a relation): what is not proved ends
    # unknown at once, with no counterexample search and no numeric evidence.
    prove_only: bool = False


OPAQUE_DETAIL = "σ, tanh, sinh, cosh as independent symbols"


@dataclass
class _Work:
    """Every hypothesis case in one rational program (they share what no hypothesis touches:
    one-hot cases of a network gradient differ only near the loss)."""

    ops: list[tuple]
    nvars: int
    roots: list[int]
    where: list[tuple[Case, int]]  # the (case, entry index) of each root
    bound: float  # the randomized test's failure bound for all of them


def _sides(case: Case) -> list[sp.Expr]:
    return [lhs for _, lhs, _ in case.pairs] + [rhs for _, _, rhs in case.pairs]


def _compile(all_cases: list[Case], opaque: bool) -> tuple[Rewriter, list[int]]:
    """One program for all the cases: the difference of each entry in each case, in order.
    The exponents' units come from every case before anything is written, so the cases share
    one set of exp atoms. Raises Unsupported (the program is then thrown away)."""
    rw = Rewriter(opaque=opaque)
    walks: dict[tuple[int, frozenset], tuple[dict, list]] = {}

    def walk(case: Case) -> tuple[dict, list]:
        keys = frozenset(case.subs)
        key = (id(case.pairs), keys)
        if key not in walks:  # one walk per distinct sides and substituted symbols
            sides = _sides(case)
            walks[key] = (touched(sides, keys) if keys else {}, exponents(sides))
        return walks[key]

    for case in all_cases:
        marks, exps = walk(case)
        rw.case(case.subs, marks)
        rw.prescan_exponents(exps)
    roots = []
    for case in all_cases:
        rw.case(case.subs, walk(case)[0])
        roots.extend(rw.program.sub(rw(lhs), rw(rhs)) for _, lhs, rhs in case.pairs)
    return rw, roots


def _program(case: Case, opaque: bool) -> tuple[Rewriter, list[int]]:
    return _compile([case], opaque)


def _has_opaque(case: Case) -> bool:
    return contains((e for _, lhs, rhs in case.pairs for e in (lhs, rhs)), *OPAQUE_FUNCTIONS)


def forget() -> None:
    """Drop what this process remembers between claims (walks of shared expressions, matrix
    entries, normal forms, solved hypotheses): a benchmark that times a claim from cold. SymPy's
    own cache is SymPy's (``sympy.core.cache.clear_cache``)."""
    from checker import dag, model
    from checker.strategies import symbolic_n

    dag.forget()
    model.forget()
    symbolic_n.forget()


def check_claim(claim: Claim, settings: Settings | None = None) -> Result:
    settings = settings or Settings()
    start = time.perf_counter()
    # decided as written, and then once for the words it does not read (a region's or a
    # reading's own check must not turn its part unknown: "not every region decided" said
    # nothing of the words)
    result = _check_claim(replace(claim, unheld="", unheld_given=()) if claim.unheld else claim,
                          settings)
    took = time.perf_counter() - start  # all of it (a search's narrowing, outside the
    if took > result.elapsed:  # strategies' own clocks, once took minutes shown as 0.1 s)
        result = replace(result, elapsed=took)
    if not claim.unheld or result.method is Method.SHAPE:  # (no words mend its shapes)
        return result
    if result.verdict is Verdict.PROVED and same_sides(claim):  # (the chain's first line
        return result  # against the goal's, as written: true whatever the words say)
    properties = [h for h in claim.unheld_given if isinstance(h, MatrixProperty)]
    if result.verdict is Verdict.REFUTED and properties and result.counterexample is not None \
            and all(matrix_properties.holds(p.kinds, p.matrices, result.counterexample)
                    for p in properties):  # the counterexample has what the words say too
        return replace(result, detail="; ".join(x for x in (
            "false also under the words: at the counterexample "
            + "; ".join(p.describe() for p in properties) + " (every property the prose states, "
            "checked for every matrix it may speak of)", result.detail) if x))
    hypotheses = tuple(h for h in claim.unheld_given if not isinstance(h, MatrixProperty))
    cex = result.counterexample
    if result.verdict is Verdict.REFUTED and hypotheses and cex is not None \
            and not cex.instance and not cex.witness \
            and not domain.recheck((), hypotheses, (), cex.as_dict()):  # they hold there too
        return replace(result, detail="; ".join(x for x in (
            "false also under the hypothesis the prose states in words: it holds at the "
            "counterexample", result.detail) if x))
    if result.verdict is Verdict.REFUTED and hypotheses:  # refuted with the words'
        with_it = _check_claim(replace(claim, given=claim.given + hypotheses,  # too:
                                       indices=claim.indices + _their_indices(claim),
                                       unheld="", unheld_given=()), settings)  # under both
        if with_it.verdict is Verdict.REFUTED:  # readings
            return replace(with_it, elapsed=result.elapsed + with_it.elapsed, detail="; ".join(
                x for x in ("false also under the hypothesis the prose states in words",
                            with_it.detail) if x))
        if with_it.verdict is Verdict.PROVED and not with_it.vacuous \
                and EARLIER_WORDS in claim.unheld:  # ("Let $x > 0$." earlier, read as the
            said = claim.unheld.split(", which is not read")[0]  # case it was)
            return replace(with_it, elapsed=result.elapsed + with_it.elapsed, detail="; ".join(
                x for x in (f"{UNDER_EARLIER}: {said}", with_it.detail) if x))
    if result.verdict is Verdict.REFUTED:
        cex = result.counterexample
        at = ", ".join(f"{s} = {v}" for s, v in cex.point) if cex is not None else ""
        what = "equation" if claim.relation == "=" else "inequality"
        why = f"without it this {what} is false ({f'at {at}' if at else 'refuted'})"
    elif result.verdict is Verdict.PROVED and hypotheses and _restricted(claim, result) and (
            with_it := _check_claim(replace(claim, given=claim.given + hypotheses,
                                            indices=claim.indices + _their_indices(claim),
                                            unheld="", unheld_given=()), settings)
    ).verdict is Verdict.PROVED and not with_it.vacuous:  # (proved where its sides are defined,
        return replace(result, detail="; ".join(x for x in (  # and under the words too)
            "proved also under the hypothesis the prose states in words", result.detail) if x))
    elif result.verdict in (Verdict.PROVED, Verdict.NUMERIC) and _restricted(claim, result):
        why = (f"without it this {'equation' if claim.relation == '=' else 'inequality'} "
               "holds only where its sides are defined, its hypotheses "
               "and declarations say, or its scope reaches, which the words may not cover")
    else:
        return result
    return replace(result, verdict=Verdict.UNKNOWN, method=Method.AMBIGUOUS, counterexample=None,
                   detail=f"{why}, but {claim.unheld}")


def _undefined_side(claim: Claim) -> str:
    """Which side ("left", "right") reads as SymPy's complex infinity or NaN, or ""."""
    for name, side in (("left", claim.lhs), ("right", claim.rhs)):
        try:
            if isinstance(side, sp.Basic) and side.has(sp.zoo, sp.nan):
                return name
        except (TypeError, AttributeError):
            continue
    return ""


SAME_SIDES = "the two sides are one expression"


def same_sides(claim: Claim) -> bool:
    """Whether the two sides of an equation are one expression (A = A)."""
    try:
        return claim.relation == "=" and bool(claim.lhs == claim.rhs)
    except (TypeError, ValueError):
        return False


def _their_indices(claim: Claim) -> tuple[Index, ...]:
    """The index of a one-hot hypothesis the words would be (y_k = δ(k, t), t ∈ 1…n), where
    the claim has no such index of its own."""
    have = {i.symbol for i in claim.indices}
    length = dict(claim.lengths)
    return tuple(Index(h.at, sp.Integer(1), length[h.vector]) for h in claim.unheld_given
                 if isinstance(h, OneHotAt) and h.at not in have and h.vector in length)


def _restricted(claim: Claim, result: Result) -> bool:
    """Whether a proof of ``claim`` covers less than every real value of its letters: a domain
    (log x), a hypothesis or case, an assumption on a letter (x positive, an integer, a size n ≥
    1), or a scope (at every point where x ≠ 0). Only a proof that covers everything holds under
    any bound the page states in words (log(xy) = log x + log y "for x < 0"; |x − 1| = x − 1
    under x > 1 "which holds for x > 0")."""
    if result.vacuous:
        return True
    if any(m in claim.unheld for m in (INDEX_CASE, STATED_RESULT, EARLIER_WORDS,
                                        UNREAD_BETWEEN, ONE_OF_ITS_VALUES)):  # the words
        return False  # narrow the indices only, or state a result or an earlier assumption:
        # a proof without them covers them
    if MATRIX_WORDS in claim.unheld:
        return False
    if re.search(r"\((?:one-hot|sums to one)\)", claim.unheld):  # words that only narrow a
        return False  # vector's values (checker.files.worded): a proof under more holds, in
        # its domain too (the words do not reach where the sides are not defined)
    if claim.domain:
        return True
    sizes = re.fullmatch(r"all ((?:[^,;≥]+ ≥ \d+)(?:, [^,;≥]+ ≥ \d+)*)", result.scope or "")
    if claim.given or any(_named(i.symbol, claim.unheld) for i in claim.indices) or (
            result.scope and (sizes is None or any(  # (every size n ≥ 1: words of other
                _named(part.split(" ≥ ")[0], claim.unheld)  # letters are inside it)
                for part in sizes.group(1).split(", ")))):
        return True
    if re.search(r"\bpoint where\b|\bexcept\b|\bwhere\b.*[≠<>]", result.detail):
        return True
    sides = [e for side in (claim.lhs, claim.rhs)
             for e in (side if isinstance(side, sp.MatrixBase) else [side])]
    atoms = set().union(*(e.atoms(sp.Symbol, sp.Indexed) for e in sides if isinstance(e, sp.Basic)))
    return any((a.is_positive or a.is_negative or a.is_nonnegative or a.is_nonpositive
                or a.is_integer or a.is_nonzero) and not (a.is_integer and not _named(a, claim.unheld))
               for a in atoms)  # (a size n ≥ 1, an entry's index: whole numbers the words about
    # other letters do not reach; "for n = 0" names n)


def _named(letter: sp.Basic | str, words: str) -> bool:
    """Whether ``words`` (LaTeX and prose) write ``letter`` (λ as \\lambda)."""
    name = str(letter.base if isinstance(letter, sp.Indexed) else letter).strip().lstrip("_")
    return re.search(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", words) is not None


def _check_claim(claim: Claim, settings: Settings) -> Result:
    if claim.unreadable:  # a side of it could not be read: nothing is decided
        return Result(Verdict.ERROR, Method.NONE, 0.0, detail=claim.unreadable)
    undefined = _undefined_side(claim)
    if undefined:  # tan(π/2), 1/0: SymPy's zoo, equal to zoo + 1 (a false claim was proved)
        return Result(Verdict.ERROR, Method.NONE, 0.0, detail=(
            f"the {undefined} side is undefined as written (a division by zero, or tan at "
            "π/2: SymPy's complex infinity), and a proof only holds where both sides are "
            "defined"))
    if claim.mismatch and any(has_opaque(r) for r in claim.domain):
        # (XᵀX)⁻¹XᵀX = (XXᵀ)⁻¹XXᵀ: the shapes differ only where one inverse cannot exist
        return Result(Verdict.UNKNOWN, Method.NONE, 0.0, detail=(
            f"{claim.mismatch}; but an inverse the line takes may not exist at those sizes (a "
            "matrix whose rank is below its size, as XXᵀ of an n×m X with n > m), so the "
            "shapes prove nothing"))
    if claim.mismatch:  # a matrix equal to one of another shape, for some sizes
        return Result(Verdict.REFUTED, Method.SHAPE, 0.0, detail=claim.mismatch)
    if claim.undecided:  # a side the reader could not settle
        return Result(Verdict.UNKNOWN, Method.NONE, 0.0, detail=claim.undecided)
    if claim.ambiguous:  # read two ways, and this claim cannot check both
        return Result(Verdict.UNKNOWN, Method.AMBIGUOUS, 0.0, detail=claim.ambiguous)
    for lhs, rhs, shown in claim.rewrites:  # "A = B = 0 ⇒ …": is A = B the rewrite it looks?
        alone = replace(claim, lhs=lhs, rhs=rhs, premise=None, rewrites=(), readings=(),
                        hints=(), or_premise="")
        found = check_claim(alone, settings)
        if found.verdict is Verdict.REFUTED:
            cex = found.counterexample
            at = ", ".join(f"{s} = {v}" for s, v in cex.point) if cex is not None else ""
            return replace(found, verdict=Verdict.UNKNOWN, method=Method.AMBIGUOUS,
                           counterexample=None, detail=(
                f"as a rewrite, {_as_written(shown)} is false"
                + (f" (at {at})" if at else "") + "; only as part of one equation to solve "
                "would it claim nothing: the readings disagree. Write the rewrite as a chain "
                "of its own, and the equation after it"))
    if claim.premise is not None:  # an implication line: scaling, or a point on the premise
        return implication.decide(claim, settings, check_claim)  # type: ignore[arg-type]
    if claim.readings:
        return _check_readings(claim, settings)
    if explicit_indices.present(claim):  # x_i of an explicit x (an equation or not): at each
        result = explicit_indices.decide(claim, settings, check_claim)  # type: ignore[arg-type]
    elif claim.relation == "approx":  # a number against a decimal to its places
        result = decimals.approximately(claim, settings, check_claim)
    elif claim.relation != "=":  # an inequality (checker.strategies.inequality)
        result = inequality.decide(claim, settings, check_claim)
    else:
        result = _check_one(claim, settings)
        if result.verdict not in (Verdict.PROVED, Verdict.ERROR):
            result = _about_functions(claim, result, settings)
    if (claim.decimals or claim.decimal_parts) and result.verdict is Verdict.REFUTED:
        result = decimals.rounded(claim, result, settings, check_claim)
    if claim.or_premise and result.verdict is Verdict.REFUTED:
        cex = result.counterexample
        at = ", ".join(f"{s} = {v}" for s, v in cex.point) if cex is not None else ""
        return replace(result, verdict=Verdict.UNKNOWN, method=Method.AMBIGUOUS,
                       counterexample=None, detail=(
            ("as an identity this equation" if claim.relation == "=" else "as a result this "
             "inequality") + " is false (" + (f"at {at}" if at else "refuted") + "), but "
            + claim.or_premise))
    return result


def _as_written(latex: str) -> str:
    """An equation of a line as written, on one line, without the line's end (\\\\, &)."""
    return " ".join(re.sub(r"(?:&|\\\\|\s)+$", "", latex).replace("&", " ").split())


def _about_functions(claim: Claim, result: Result, settings: Settings) -> Result:
    """A claim about arbitrary functions that is not proved: refuted by one function where
    the file declares them arbitrary (checker.strategies.witness), else unknown (a
    counterexample for some f says nothing about the f the author means)."""
    names = arbitrary_functions(claim)
    if not names:
        return result
    # (only a proof was asked for: a diagnosis trying a correction, which no function refutes)
    found = None if settings.prove_only else witness.refute(claim, settings, check_claim)
    if found is not None:
        return replace(found, elapsed=result.elapsed + found.elapsed)
    shown = ", ".join(sorted(names))
    one = len(names) == 1
    return replace(result, verdict=Verdict.UNKNOWN, counterexample=None, detail=(
        f"{shown} {'is' if one else 'are'} declared arbitrary, and this is not shown to hold "
        f"for every {shown}, nor refuted by a polynomial {shown}" if witness.declared(claim) else
        f"{shown} {'is an arbitrary function' if one else 'are arbitrary functions'} (not "
        f"defined in the file) and this is not shown to hold for every {shown}; whether it "
        f"holds for the {shown} meant here needs its definition: define it under [context] "
        "functions"))


def _check_readings(claim: Claim, settings: Settings) -> Result:
    """A claim the text lets us read several ways stands only where every reading agrees."""
    t0 = time.perf_counter()
    found = tuple(
        ReadingResult(r.label, check_claim(replace(claim, lhs=r.lhs, rhs=r.rhs, readings=(),
                                                   hints=(), domain=r.domain), settings))
        for r in claim.readings)
    elapsed = time.perf_counter() - t0
    fitting = [r for r in found if not _misfit(r.result)]
    dropped = [r.label for r in found if _misfit(r.result)]
    if fitting and dropped:  # a reading whose two sides have different shapes is none (u · v
        kept = fitting  # = Σ u_i v_i: the dot product, not the entrywise one); it is shown
    else:
        kept, dropped = list(found), []
    verdicts = {r.result.verdict for r in kept}
    if len(verdicts) == 1 and dropped:
        first = kept[0].result
        note = f"read as {', '.join(r.label for r in kept)} only (as {', '.join(dropped)} " \
               "the two sides have different shapes)"
        return replace(first, elapsed=elapsed, readings=found, vacuous=any(
            r.result.vacuous for r in kept), detail="; ".join(x for x in (note, first.detail) if x))
    if len(verdicts) == 1:  # what a proof covers is what every reading's covers: each
        # reading's scope is kept (d/dx of x·step(x) is proved only where it is differentiable)
        scopes = list(dict.fromkeys(r.result.scope for r in found if r.result.scope))
        scope = scopes[0] if len(scopes) == 1 else "; ".join(
            f"{r.label}: {r.result.scope}" for r in found if r.result.scope)
        return replace(found[0].result, elapsed=elapsed, readings=found, scope=scope,
                       vacuous=any(r.result.vacuous for r in found))
    return Result(Verdict.UNKNOWN, Method.AMBIGUOUS, elapsed, readings=found,
                  detail="the readings disagree; to say which: " + "; ".join(claim.hints))


def _misfit(result: Result) -> bool:
    """A reading whose sides have different shapes (a vector against a number)."""
    return result.verdict is Verdict.ERROR and result.detail.startswith("shape mismatch")


def _check_one(claim: Claim, settings: Settings) -> Result:
    if expectations.present(claim):  # E[…] replaced by moments, then decided (expectations.py)
        return expectations.decide(claim, settings, check_claim)  # type: ignore[arg-type]
    if integrals.present(claim):  # evaluated exactly, or compared by linearity (integrals.py)
        return integrals.decide(claim, settings, check_claim)  # type: ignore[arg-type]
    if is_symbolic(claim):
        return check_symbolic(claim, settings, check_claim)
    if regions.has_piecewise(claim):
        return _completed(regions.decide(claim, settings, check_claim), claim)
    rational = roots.rationalize(claim)
    if rational is not None:  # √u as a symbol s with s² = u (roots.py)
        result = _check_plain(rational, settings)
        if result.vacuous:  # s ≥ 0 is where √u is defined: "the hypotheses cannot hold"
            # with it may mean "a side is undefined wherever they hold" (√(1 − a), a > 1)
            as_written = _check_plain(claim, settings)
            if not as_written.vacuous:
                return as_written if as_written.verdict in (
                    Verdict.PROVED, Verdict.REFUTED, Verdict.ERROR) else replace(
                    as_written, verdict=Verdict.UNKNOWN, method=Method.NONE, detail=(
                        "with √u as a variable s ≥ 0 (s² = u) the hypotheses cannot hold, "
                        "but as written they can: no vacuous proof"))
        if result.verdict is Verdict.PROVED:
            return replace(result, detail="; ".join(
                x for x in ("roots as new variables (s² = u, s ≥ 0)", result.detail) if x))
        if result.verdict is Verdict.REFUTED:
            return _completed(result, claim)
    result = _check_plain(claim, settings)
    if result.verdict in (Verdict.NUMERIC, Verdict.UNKNOWN) and result.method in (
            Method.NUMERIC, Method.NONE):
        through_exp = logs.exponentiate(claim)
        if through_exp is not None:  # log identities: f = g exactly when e^f = e^g
            other = check_claim(through_exp, settings)
            if other.verdict in (Verdict.PROVED, Verdict.REFUTED):
                how = "through exp of both sides (exp is one-to-one on the reals)"
                return replace(other, elapsed=result.elapsed + other.elapsed,
                               detail="; ".join(x for x in (how, other.detail) if x))
    return result


def _completed(result: Result, claim: Claim) -> Result:
    """A counterexample found on a transformed claim (a region, roots as symbols) assigns
    every symbol of the original one too."""
    cex = result.counterexample
    if cex is None:
        return result
    return replace(result, counterexample=counterexample.completed(cex, _symbols(claim)))


def _check_plain(claim: Claim, settings: Settings) -> Result:
    t0 = time.perf_counter()
    try:
        with paused():
            all_cases = cases(claim)
    except ClaimError as exc:
        return Result(Verdict.ERROR, Method.NONE, time.perf_counter() - t0, scope=claim.scope,
                      detail=str(exc))
    result = _decide_cases(claim, all_cases, settings, t0)
    if result.verdict is Verdict.PROVED and not result.vacuous:
        return counterexample.admissible(result, all_cases, settings.seed)
    return result


def _decide_cases(claim: Claim, all_cases: list[Case], settings: Settings,
                  t0: float) -> Result:
    def done(verdict: Verdict, method: Method, **kw: object) -> Result:
        return Result(verdict, method, time.perf_counter() - t0,  # type: ignore[arg-type]
                      scope=claim.scope, **kw)

    n_entries = len(all_cases[0].pairs)
    dropped = [c for c in all_cases if c.excluded]
    if len(dropped) == len(all_cases):
        return _inadmissible(dropped, done, n_entries)
    if dropped:  # the other cases decide; the report says which were left out, and why
        all_cases = [c for c in all_cases if not c.excluded]
        plain = done

        def done(verdict: Verdict, method: Method, **kw: object) -> Result:
            kw["detail"] = "; ".join(filter(None, [str(kw.get("detail", "")),
                                                   _dropped_note(dropped)]))
            return plain(verdict, method, **kw)
    if all(lhs == rhs for c in all_cases for _, lhs, rhs in c.pairs):
        return done(Verdict.PROVED, Method.STRUCTURAL, entries=n_entries)

    # σ, tanh … as independent symbols first, where they occur: when that already proves the
    # claim, the rational functions are far smaller than through exp (no denominators
    # 1 + e^(−a) multiplying up over hidden units). A non-zero result there means nothing.
    if any(_has_opaque(c) for c in all_cases):
        works, undecided = _randomized(all_cases, settings, opaque=True)
        if not undecided:
            found = _exact_works(works, cpu_now() + settings.exact_budget)
            if found is True:
                return done(Verdict.PROVED, Method.EXACT, entries=n_entries, detail=OPAQUE_DETAIL)
            bound = sum(w.bound for w in works)
            # (exact algebra finding an entry not zero overrules the randomized test)
            if isinstance(found, str) and not settings.require_exact and bound <= settings.target:
                why = found.replace("its CPU budget",
                                    f"its CPU budget ({settings.exact_budget:g} s)")
                return done(Verdict.PROVED, Method.RANDOMIZED, failure_bound=bound,
                            seed=settings.seed, entries=n_entries,
                            detail=f"{OPAQUE_DETAIL}; no exact certificate: {why}")

    # Exact algebra first: where it proves the claim, no randomized test is needed (a true
    # claim is decided in the time of its certificate). Its answer is kept for after the
    # randomized test otherwise (the budget is spent once). A claim that is not 0 at a point
    # (mod a prime: a cheap look) goes straight to the randomized test and the search.
    written = _programs(all_cases, opaque=False)
    exact: bool | list[tuple[Case, int]] | str | None = None
    if written[0] and not written[1] and _seems_zero(written[0], settings.seed):
        exact = _exact_works(written[0], cpu_now() + settings.exact_budget)
        if exact is True:
            return done(Verdict.PROVED, Method.EXACT, entries=n_entries)
    works, undecided = _randomized(all_cases, settings, False, written)
    if undecided and _exact_with_roots(all_cases, cpu_now() + settings.exact_budget):
        return done(Verdict.PROVED, Method.EXACT, entries=n_entries,
                    detail="each root s = u^(1/q) reduced by s^q = u")
    if undecided:
        return _numeric_or_unknown(claim, undecided, settings, done, n_entries)

    # Every entry passed the randomized test: try for a deterministic certificate.
    verdict = exact if exact is not None else _exact_works(works, cpu_now() + settings.exact_budget)
    if verdict is True:
        return done(Verdict.PROVED, Method.EXACT, entries=n_entries)
    if isinstance(verdict, list):  # the randomized test and exact algebra disagree: no proof
        return _numeric_or_unknown(claim, verdict, settings, done, n_entries)
    why = verdict.replace("its CPU budget", f"its CPU budget ({settings.exact_budget:g} s)")
    bound = sum(w.bound for w in works)
    if bound > settings.target:
        return done(Verdict.UNKNOWN, Method.NONE, failure_bound=bound, seed=settings.seed,
                    entries=n_entries,
                    detail=f"the randomized test only reached a failure bound of {bound:.0e} "
                           f"(a proof needs ≤ {settings.target:.0e}) and {why}")
    if settings.require_exact:
        return done(Verdict.UNKNOWN, Method.RANDOMIZED, failure_bound=bound, seed=settings.seed,
                    entries=n_entries,
                    detail=f"{why}; the randomized test passed but --exact demands a "
                           "deterministic proof")
    return done(Verdict.PROVED, Method.RANDOMIZED, failure_bound=bound, seed=settings.seed,
                entries=n_entries, detail=f"no exact certificate: {why}")


def _seems_zero(works: list[_Work], seed: int) -> bool:
    """False when some entry is certainly not 0 at one point (its value mod a prime is not):
    exact algebra would only spend its budget on a false claim. True otherwise."""
    rng = random.Random(seed)
    with paused():
        return _zero_at_a_point(works, rng)


def _zero_at_a_point(works: list[_Work], rng: random.Random) -> bool:
    for w in works:
        point = [rng.randrange(MODULUS) for _ in range(w.nvars)]
        try:
            vals = modvalues(w.ops, point)
        except (Pole, NotExact):
            continue
        if any(vals[r] for r in w.roots):
            return False
    return True


def _programs(all_cases: list[Case], opaque: bool,
              alone: bool = False) -> tuple[list[_Work], list[tuple[Case, int]]]:
    """The cases' programs (no failure bound yet) and the entries that could not be written.
    The cases go into one program (they share what no hypothesis touches); where that program
    cannot be written (or ``alone``), each case is written alone, as if the others were not
    there."""
    with paused():
        return _written(all_cases, opaque, alone)


def _written(all_cases: list[Case], opaque: bool,
             alone: bool) -> tuple[list[_Work], list[tuple[Case, int]]]:
    if len(all_cases) > 1 and not alone:
        try:
            rw, roots = _compile(all_cases, opaque)
        except (Unsupported, RecursionError):
            pass
        else:
            where = [(case, i) for case in all_cases for i in range(len(case.pairs))]
            return [_Work(rw.program.ops, len(rw.program.variables), roots, where, 1.0)], []
    works: list[_Work] = []
    unwritten = []
    for case in all_cases:
        try:
            rw, roots = _program(case, opaque)
        except (Unsupported, RecursionError):
            unwritten.extend((case, i) for i in range(len(case.pairs)))
            continue
        works.append(_Work(rw.program.ops, len(rw.program.variables), roots,
                           [(case, i) for i in range(len(case.pairs))], 1.0))
    return works, unwritten


def _randomized(all_cases: list[Case], settings: Settings, opaque: bool,
                written: tuple[list[_Work], list[tuple[Case, int]]] | None = None
                ) -> tuple[list[_Work], list[tuple[Case, int]]]:
    """The randomized test on every case's program (``written``, or written here): the
    programs that passed, with their failure bounds, and the entries (case, pair index) that
    did not or could not be tested. A program of all the cases that meets a pole is tested
    again case by case."""
    works, unwritten = written if written is not None else _programs(all_cases, opaque)
    if len(all_cases) > 1 and len(works) == 1 and not unwritten \
            and len(works[0].where) > len(all_cases[0].pairs):
        w = works[0]
        try:
            outcome = randomized_zero_test(w.ops, w.nvars, w.roots, settings.seed,
                                           settings.target)
        except (Unsupported, RecursionError):
            outcome = None
        if outcome is not None and not outcome.pole:
            undecided = [at for at, z in zip(w.where, outcome.zero, strict=True) if not z]
            return [replace(w, bound=outcome.bound)], undecided
        works, unwritten = _programs(all_cases, opaque, alone=True)
    tested: list[_Work] = []
    undecided = list(unwritten)
    for w in works:
        case = w.where[0][0]
        k = next(i for i, c in enumerate(all_cases) if c is case)
        try:
            # The cases share the failure budget: the sum of their bounds is what we report.
            outcome = randomized_zero_test(w.ops, w.nvars, w.roots, settings.seed + k,
                                           settings.target / len(all_cases))
        except (Unsupported, RecursionError):
            undecided.extend(w.where)
            continue
        if outcome.pole:
            undecided.extend(w.where)
            continue
        undecided.extend(at for at, z in zip(w.where, outcome.zero, strict=True) if not z)
        tested.append(replace(w, bound=outcome.bound))
    return tested, undecided


def _exact_works(works: list[_Work], deadline: float) -> bool | list[tuple[Case, int]] | str:
    """True: all reduce to 0; a list: entries that certainly do not; a string: why there is
    no certificate (the CPU budget ran out, memory …)."""
    with paused(), time_limit(deadline - cpu_now()) as limited:
        try:
            if not limited:
                return "exact algebra was not attempted (no CPU budget left for it)"
            for w in works:
                results = factored_zero(w.ops, w.nvars, w.roots)
                if not all(results):
                    return [where for where, ok in zip(w.where, results, strict=True) if not ok]
            return True
        except OutOfTime:
            return "exact algebra ran out of its CPU budget"
        except (ZeroDivisionError, RecursionError, MemoryError) as exc:
            return f"exact algebra stopped ({type(exc).__name__})"


def _exact_with_roots(all_cases: list[Case], deadline: float) -> bool:
    """Every case an identity once each root atom s = u^(1/q) is reduced by s^q = u (the
    randomized test treats s as free, so it cannot see these; see factored_zero)."""
    with time_limit(deadline - cpu_now()) as limited:
        if not limited:
            return False
        try:
            found = False
            for case in all_cases:
                rw, roots = _program(case, opaque=False)
                found = found or bool(rw.relations)
                if not all(factored_zero(rw.program.ops, len(rw.program.variables), roots,
                                         relations=rw.relations)):
                    return False
            return found
        except (OutOfTime, Unsupported, ZeroDivisionError, RecursionError, MemoryError):
            return False


def _cases_text(cases_: list[Case], limit: int = 3) -> str:
    parts = [(f"{c.label}: " if c.label else "") + c.excluded for c in cases_[:limit]]
    if len(cases_) > limit:
        parts.append(f"… ({len(cases_) - limit} more)")
    return "; ".join(parts)


def _dropped_note(dropped: list[Case]) -> str:
    return f"{len(dropped)} case(s) left out, no admissible point there ({_cases_text(dropped)})"


def _inadmissible(dropped: list[Case], done: Callable[..., Result], n_entries: int) -> Result:
    """Every case was dropped: vacuous where the hypotheses cannot hold at all; where they can
    but a side is undefined wherever they do, nothing was claimed, and that is an error."""
    if any(c.undefined for c in dropped):
        return done(Verdict.ERROR, Method.NONE, entries=n_entries,
                    detail="a side is undefined wherever the hypotheses hold (and a proof only "
                           "holds where both sides are defined): " + _cases_text(dropped))
    return done(Verdict.PROVED, Method.VACUOUS, entries=n_entries, vacuous=True,
                detail=_cases_text(dropped))


def _symbols(claim: Claim) -> frozenset[sp.Symbol]:
    """Every symbol a counterexample must assign: the sides', the hypotheses' and the
    domain conditions'."""
    out = set(claim.symbols)
    for h in claim.given:
        if isinstance(h, OneHot):
            out |= set(h.vector)
        elif isinstance(h, Equation | Condition):
            out |= h.free_symbols
    for rel in claim.domain:
        out |= rel.free_symbols
    return frozenset(out)


def _search(claim: Claim, case: Case, i: int, seed: int, deadline: float,
            stats: counterexample.SearchStats) -> Counterexample | None:
    entry, lhs, rhs = case.pairs[i]
    budget = deadline - cpu_now()
    if budget <= 0:
        return None
    return counterexample.find(case, lhs, rhs, seed, budget, entry, _symbols(claim), stats)


def _numeric_or_unknown(
    claim: Claim,
    undecided: list[tuple[Case, int]],
    settings: Settings,
    done: Callable[..., Result],
    n_entries: int,
) -> Result:
    """Search each undecided entry for a counterexample; else numeric evidence or unknown."""
    if settings.prove_only:
        return done(Verdict.UNKNOWN, Method.NONE, entries=n_entries,
                    detail="not proved (only a proof was asked for)")
    deadline = cpu_now() + settings.search_budget
    worst = None
    stats = counterexample.SearchStats()
    rejected = ""
    for case, i in undecided:
        cex = _search(claim, case, i, settings.seed, deadline, stats)
        if cex is None:
            continue
        # The last word before a refutation is shown: the point must satisfy every assumption,
        # hypothesis and domain condition of the claim as stated, checked independently of the
        # search (which worked on the prepared cases).
        why = domain.recheck(_symbols(claim), claim.given, domain_of(claim), cex.as_dict())
        if why:
            rejected = rejected or why
            continue
        method = (Method.EXACT_EVALUATION if cex.certified_by.startswith("exact")
                  else Method.INTERVAL)
        return done(Verdict.REFUTED, method, counterexample=cex, detail=cex.certified_by,
                    seed=settings.seed, entries=n_entries)
    if rejected:
        return done(Verdict.UNKNOWN, Method.NONE, seed=settings.seed, entries=n_entries,
                    detail="no proof; a candidate counterexample failed the final check of "
                           f"the claim's assumptions and hypotheses ({rejected}), so none is "
                           "shown")
    for case, i in undecided:
        _, lhs, rhs = case.pairs[i]
        ev = counterexample.evidence(case, lhs, rhs, settings.seed, stats=stats)
        if ev is None:
            skipped = stats.note()
            return done(Verdict.UNKNOWN, Method.NONE, seed=settings.seed, entries=n_entries,
                        detail="no proof, no counterexample, and no numeric agreement shown"
                               + (f"; {skipped}" if skipped else ""))
        if worst is None or float(ev.max_difference) > float(worst.max_difference):
            worst = ev
    return done(Verdict.NUMERIC, Method.NUMERIC, numeric=worst, seed=settings.seed,
                entries=n_entries,
                detail="no exact proof: agreement at random points only")
