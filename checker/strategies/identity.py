"""Decide "rational function ≡ 0" by a randomized exact test (Schwartz–Zippel).

Randomized test. Let F = P/Q be the formal fraction of a rational program
(:func:`~checker.strategies.evaluate.degree_bounds` bounds deg P ≤ n and
deg Q ≤ d). Evaluate at a point r drawn uniformly from S^m, S a set of |S|
integers, exactly (integer arithmetic). If F ≢ 0 then P ≢ 0 and, by the
Schwartz–Zippel lemma, Pr[P(r) = 0] ≤ n/|S|; points where a denominator of
the program vanishes are redrawn, and those lie among the zeros of the product
of every root's Q, of degree ≤ D (the sum of their d), so a false claim
survives one trial with probability at most n / (|S| − D). T independent
trials give (n / (|S| − D))^T per entry, and a union bound over the entries of
a claim (and over its hypothesis cases, which share one program) adds these up. That sum is the
failure bound we record; we draw trials until it is below ``target``. |S| is
chosen from the largest degree bound, so one trial already gives about 2⁻⁴⁰.

The deterministic certificate is :mod:`checker.strategies.factored`.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from checker.strategies.evaluate import Pole, degree_bounds, ratvalues

SAMPLE_BITS = 62  # at least S = [−2^62, 2^62), |S| = 2^63; more for high degrees
MAX_TRIALS = 12
MAX_REDRAWS = 20


@dataclass(frozen=True)
class RandomizedOutcome:
    zero: tuple[bool, ...]  # per root: the value was 0 at every trial point
    bound: float  # failure bound for the entries that were 0 at every trial
    trials: int
    seed: int
    pole: bool = False  # every draw hit a pole: nothing was decided
    degree: int = 0  # the largest (numerator + denominator) degree bound over the roots


def _mixed(seed: int, ops: list[tuple], roots: list[int]) -> int:
    digest = hashlib.sha256(f"{seed}|{roots!r}|{ops!r}".encode()).digest()
    return int.from_bytes(digest, "big")


def randomized_zero_test(
    ops: list[tuple], nvars: int, roots: list[int], seed: int, target: float = 1e-30
) -> RandomizedOutcome:
    degrees = degree_bounds(ops)
    # |S| grows with the largest degree so that one trial already gives n/|S| ≈ 2^-40.
    largest = max((degrees[r][0] + degrees[r][1] for r in roots), default=0)
    bits = max(SAMPLE_BITS, largest.bit_length() + 40)
    size = 2 ** (bits + 1)
    # A point is redrawn when any denominator in the program vanishes there, and every one
    # divides some root's formal denominator: the redrawn-for set lies in the zeros of their
    # product, of degree ≤ D = Σ d over the roots (not just the root's own d).
    d_all = sum(degrees[r][1] for r in roots)
    per_trial = [min(1.0, degrees[r][0] / (size - d_all)) if d_all < size else 1.0
                 for r in roots]
    # The points depend on the seed *and on the claim* (its program): one cannot write a claim
    # whose roots lie where the test will look, since changing the claim moves the points.
    rng = random.Random(_mixed(seed, ops, roots))
    zero = [True] * len(roots)
    trials = 0
    bound = float(len(roots))
    while trials < MAX_TRIALS:
        for _ in range(MAX_REDRAWS):
            point = [rng.randrange(-(2**bits), 2**bits) for _ in range(nvars)]
            try:
                vals = ratvalues(ops, point)
                break
            except Pole:
                continue
        else:
            return RandomizedOutcome(tuple(zero), 1.0, trials, seed, pole=True, degree=largest)
        trials += 1
        for k, r in enumerate(roots):
            if zero[k] and vals[r] != 0:
                zero[k] = False
        live = [b for b, z in zip(per_trial, zero, strict=True) if z]
        bound = sum(b**trials for b in live)
        if not any(zero) or bound <= target:
            break
    return RandomizedOutcome(tuple(zero), bound, trials, seed, degree=largest)
