"""Inequalities (session 28): a chain's step joined by <, \\le, >, \\ge, a display that states a
bound, a TOML claim or step with a relation; decided by equal sides, a certified
counterexample, the sign structure of the difference, or sampled only."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest
import sympy as sp
from recheck import assert_counterexample, checked_file

from checker.engine import check_claim
from checker.model import Claim, Condition, composed
from checker.parse.context import Context
from checker.parse.latex_chain import parse_latex_steps
from checker.parse.tree import ParseError
from checker.results import Method, Verdict
from checker.strategies.signs import Signs
from checker.vocabulary import sigmoid

x, y, a, b = sp.symbols("x y a b", real=True)
p = sp.Symbol("p", positive=True)
s = sigmoid(x)
HALF, QUARTER = sp.Rational(1, 2), sp.Rational(1, 4)

CLAIMS = [
    # (lhs, relation, rhs, given, verdict)
    (s * (1 - s), "<=", QUARTER, (), Verdict.PROVED),  # σ' ≤ 1/4: (2σ − 1)²/4 ≥ 0
    (s * (1 - s), "<", QUARTER, (), Verdict.REFUTED),  # equal at x = 0
    (s * (1 - s), "<=", sp.Rational(1, 5), (), Verdict.REFUTED),
    (sp.tanh(x), "<", 1, (), Verdict.PROVED),
    (sp.tanh(x), ">", -1, (), Verdict.PROVED),
    (sp.tanh(x), "<=", 1 - x, (), Verdict.REFUTED),
    (s, "<", 1, (), Verdict.PROVED),
    (0, "<", s, (), Verdict.PROVED),
    (x**2, ">=", 0, (), Verdict.PROVED),
    (x**2, ">", 0, (), Verdict.REFUTED),
    (a**2 + b**2, ">=", 2 * a * b, (), Verdict.PROVED),
    (a**2 + b**2, ">", 2 * a * b, (), Verdict.REFUTED),
    (sp.Abs(x - y), "<=", sp.Abs(x) - sp.Abs(y), (), Verdict.REFUTED),
    (sp.Max(0, x), ">=", 0, (), Verdict.PROVED),
    (x, "<=", x, (), Verdict.PROVED),
    (x, "<", x, (), Verdict.REFUTED),
    (sp.pi, ">", 3, (), Verdict.PROVED),
    (sp.log(2), ">", sp.Rational(7, 10), (), Verdict.REFUTED),
    (p + 1 / p, ">=", 2, (), Verdict.PROVED),  # (p − 1)²/p with p > 0
    (x + 1 / x, ">=", 2, (), Verdict.REFUTED),  # x < 0
    (x + 1 / x, ">=", 2, (Condition(sp.StrictGreaterThan(x, 0)),), Verdict.PROVED),
    (sp.Abs(x + y), "<=", sp.Abs(x) + sp.Abs(y), (), Verdict.PROVED),  # region by region
    (sp.Abs(sp.Abs(x) - sp.Abs(y)), "<=", sp.Abs(x - y), (), Verdict.PROVED),
    (sp.Max(0, x), ">=", x, (), Verdict.PROVED),
    (sp.Min(x, y), "<=", (x + y) / 2, (), Verdict.PROVED),
    (sp.Min(x, y), ">=", (x + y) / 2, (), Verdict.REFUTED),
    (sp.Abs(x * y), "<=", (x**2 + y**2) / 2, (), Verdict.PROVED),
    (2 * x + y, ">=", 3, (Condition(sp.GreaterThan(x, 1)), Condition(sp.GreaterThan(y, 1))),
     Verdict.PROVED),  # linear hypotheses force it
    (2 * x + y, ">", 3, (Condition(sp.GreaterThan(x, 1)), Condition(sp.GreaterThan(y, 1))),
     Verdict.REFUTED),
    (x**2 + x * y + y**2, ">=", 0, (), Verdict.PROVED),  # a positive semidefinite form
    (x**2 - x + 1, ">", 0, (), Verdict.PROVED),  # positive definite with the constant
    (x**2 + 3 * x * y + y**2, ">=", 0, (), Verdict.REFUTED),
    (s**2 + 1, ">", s, (), Verdict.PROVED),  # σ(x) as a letter of its own
    (sp.Max(sp.Abs(x), sp.Abs(y)), "<=", sp.sqrt(x**2 + y**2), (), Verdict.PROVED),  # squared
    (sp.sqrt(x**2 + y**2), "<=", sp.Abs(x) + sp.Abs(y), (), Verdict.PROVED),
    (sp.sqrt(x**2 + y**2), "<", sp.Abs(x) + sp.Abs(y), (), Verdict.REFUTED),
    (sp.log(x), "<=", x - 1, (), Verdict.NUMERIC),  # true; not by signs: sampled only
    (sp.exp(x), ">=", 1 + x, (), Verdict.NUMERIC),
]


@pytest.mark.parametrize(("lhs", "rel", "rhs", "given", "verdict"), CLAIMS,
                         ids=[f"{c[0]} {c[1]} {c[2]}" for c in CLAIMS])
def test_claim_verdicts(lhs: object, rel: str, rhs: object, given: tuple, verdict: Verdict) -> None:
    claim = Claim(lhs, rhs, given, relation=rel)
    result = check_claim(claim)
    assert result.verdict is verdict, result.detail
    if verdict is Verdict.REFUTED:  # the point satisfies everything, and the relation fails
        assert result.counterexample is not None
        assert_counterexample(claim, result.counterexample)
        assert "is false" in result.counterexample.certified_by
    if verdict is Verdict.PROVED:
        assert result.method in (Method.SIGNS, Method.STRUCTURAL, Method.EXACT)
    if verdict is Verdict.NUMERIC:
        assert "not a proof" in result.detail


def test_counterexample_respects_the_hypotheses() -> None:
    """x + 1/x ≥ 2 fails at x < 0; under x < 0 it fails everywhere, and the point is negative;
    under x > 1/2 … the search must not leave the hypotheses."""
    claim = Claim(x + 1 / x, -2, (Condition(sp.StrictLessThan(x, 0)),), relation="<=")
    result = check_claim(claim)  # x + 1/x ≤ −2 for x < 0: true, (x + 1)²/x ≤ 0
    assert result.verdict is Verdict.PROVED, result.detail
    claim = Claim(x**2, x, (Condition(sp.StrictGreaterThan(x, HALF)),), relation="<=")
    result = check_claim(claim)
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample.as_dict()[x] > HALF
    assert_counterexample(claim, result.counterexample)


def test_vacuous_hypotheses_are_said() -> None:
    claim = Claim(x, -1, (Condition(sp.StrictGreaterThan(x, 1)), Condition(sp.StrictLessThan(x, 0))),
                  relation=">=")
    result = check_claim(claim)
    assert result.verdict is not Verdict.REFUTED
    assert result.verdict is not Verdict.PROVED or result.vacuous


def test_vectors_are_not_compared() -> None:
    v = sp.ImmutableMatrix([x, y])
    result = check_claim(Claim(v, sp.ImmutableMatrix([0, 0]), relation=">="))
    assert result.verdict is Verdict.UNKNOWN and "vectors or matrices" in result.detail


def _random_expr(rng: random.Random, depth: int) -> sp.Expr:
    leaves = [x, y, p, sp.Integer(rng.randint(-3, 3)), HALF]
    if depth == 0:
        return rng.choice(leaves)
    kind = rng.randrange(8)
    u, v = _random_expr(rng, depth - 1), _random_expr(rng, depth - 1)
    if kind == 0:
        return u + v
    if kind == 1:
        return u * v
    if kind == 2:
        return u**2
    if kind == 3:
        return sp.exp(u) - v
    if kind == 4:
        return sigmoid(u) * v
    if kind == 5:
        return sp.tanh(u) + v**3
    if kind == 6:
        return sp.Abs(u) - v
    return sp.Max(u, v) * sp.Min(u, v)


def test_sign_structure_is_never_wrong_at_sampled_points() -> None:
    """Whatever sign Signs certifies, the expression has it at every point (an adversary's
    check of the rules: a wrong rule would show as a point of the other sign)."""
    rng = random.Random(28)
    certified = 0
    for _ in range(400):
        e = _random_expr(rng, 3)
        sign = Signs().of(e)
        if len(sign) == 3:
            continue
        certified += 1
        for _ in range(6):
            at = {x: sp.Rational(rng.randint(-9, 9), rng.randint(1, 4)),
                  y: sp.Rational(rng.randint(-9, 9), rng.randint(1, 4)),
                  p: sp.Rational(rng.randint(1, 9), rng.randint(1, 4))}
            value = e.xreplace(at).evalf(40)
            if not value.is_real:
                continue
            if value != 0 and abs(value) < 1e-25:  # (too small to tell from a float)
                continue
            got = 0 if value == 0 else (1 if value > 0 else -1)
            assert got in sign, (e, at, value, sign)
    assert certified > 40


def test_quadratic_forms_are_never_proved_wrongly() -> None:
    """Random quadratics in x, y (and σ(x)): a proof of q ≥ 0 or q > 0 must hold at every
    sampled point; a refutation's point is re-checked."""
    rng = random.Random(2028)
    gens = [x, y, s]
    proved = 0
    for _ in range(120):
        q = sum(rng.randint(-3, 3) * g * h for g, h in itertools.combinations_with_replacement(
            [*gens, sp.Integer(1)], 2))
        if rng.random() < 0.5:  # a sum of squares, perturbed either way: near the edge
            q = sum(sum(rng.randint(-2, 2) * g for g in [*gens, 1]) ** 2 for _ in range(2)) \
                + rng.choice([-1, 0, 1]) * rng.choice(gens) ** 2 + rng.randint(-1, 1)
        for rel in (">=", ">"):
            claim = Claim(q, 0, relation=rel)
            result = check_claim(claim)
            if result.verdict is Verdict.REFUTED:
                assert_counterexample(claim, result.counterexample)
            if result.verdict is not Verdict.PROVED:
                continue
            proved += 1
            for _ in range(30):
                at = {x: sp.Rational(rng.randint(-20, 20), rng.randint(1, 5)),
                      y: sp.Rational(rng.randint(-20, 20), rng.randint(1, 5))}
                value = q.xreplace(at).evalf(40)
                assert value > 0 if rel == ">" else value >= -1e-30, (q, rel, at, value)
    assert proved > 5


def test_composed_relation_of_a_chain() -> None:
    assert composed(["=", "=", "="]) == "="
    assert composed(["=", "<=", "="]) == "<="
    assert composed(["<=", "<"]) == "<"
    assert composed([">=", "=", ">"]) == ">"
    assert composed(["<=", ">="]) is None


def test_latex_chain_records_relations() -> None:
    steps = parse_latex_steps(r"x^2 + 1 \ge 2x = x + x > x \leq x^2", Context())
    assert [st.relation for st in steps] == ["=", ">=", "=", ">", "<="]
    steps = parse_latex_steps("\\begin{aligned} a &\\le b \\\\ &< c \\end{aligned}", Context())
    assert [st.relation for st in steps] == ["=", "<=", "<"]
    for text, words in ((r"a \le \ge b", "empty step"), (r"a \le", "ends with '≤'"),
                        (r"\ge a", "starts with '≥'"),
                        (r"a \approx b", "checked only between a number and a decimal"),
                        (r"a \sim b", "in a chain")):
        with pytest.raises(ParseError) as err:
            steps = parse_latex_steps(text, Context())
            raise next(st.error for st in steps if st.error is not None)
        assert words in err.value.message, text


DOC = """# Bounds

The derivative of the sigmoid is at most a quarter:

$$\\sigma(x)(1 - \\sigma(x)) = \\frac{1}{4} - \\left(\\sigma(x) - \\frac{1}{2}\\right)^2
\\le \\frac{1}{4}$$

Hence

$$\\sigma(x)(1 - \\sigma(x)) \\le \\frac{1}{8}$$

A chain:

$$
\\begin{aligned}
x^2 + 1 &\\ge 2x \\\\
&= x + x \\\\
&> x
\\end{aligned}
$$

Assume

$$a^2 + b < 1$$

subject to

$$w_1 + w_2 \\le 1$$

where $$0 < \\eta < 1$$

Next:

$$\\lambda |g|^2 < 1$$

For every real $t$,

$$(t - 1)^2 = t^2 - 2t + 1$$

$$\\ge 0$$

Both ways:

$$t^2 \\ge 0 \\le 1 + t^2$$
"""


def test_a_document_with_inequalities(tmp_path: Path) -> None:
    path = tmp_path / "bounds.md"
    path.write_text(DOC, encoding="utf-8")
    report, errors = checked_file(path)  # (every counterexample re-checked)
    assert errors == []
    steps = {o.id.rsplit("::L", 1)[1]: [(c.check.claim.relation, c.result.verdict)
                                        for c in o.checks if c.check.step]
             for o in report.outcomes}
    assert steps["5"] == [("=", Verdict.PROVED), ("<=", Verdict.PROVED)]
    assert steps["10"] == [("<=", Verdict.REFUTED)]  # "Hence": a result, refuted
    assert steps["14"] == [(">=", Verdict.PROVED), ("=", Verdict.PROVED), (">", Verdict.REFUTED)]
    # assumed, a constraint, a condition on letters: no claim at all
    assert not any(line in steps for line in ("22", "26", "28", "30"))
    # no word says whether it is a result: refuted as one, the readings disagree
    assert steps["34"] == [("<", Verdict.UNKNOWN)]
    assert steps["40"] == [(">=", Verdict.PROVED)]  # goes on from the display before
    goals = {o.id.rsplit("::L", 1)[1]: next(c for c in o.checks if c.check.kind.value == "goal")
             for o in report.outcomes}
    assert goals["14"].check.claim.relation == ">"
    assert goals["44"].result.verdict is Verdict.UNKNOWN  # ≥ then ≤: nothing follows
    assert "both ways" in goals["44"].result.detail
    for o in report.outcomes:  # an inequality's refutation gets no diagnosis (none applies)
        assert all(c.result.diagnosis is None for c in o.checks if c.check.claim.relation != "=")


def test_reports_show_the_relation(tmp_path: Path) -> None:
    from cli import main

    path = tmp_path / "bounds.md"
    path.write_text(DOC, encoding="utf-8")
    out = tmp_path / "r.json"
    main(["check", str(path), "--format", "json", "--output", str(out), "--jobs", "1"])
    records = json.loads(out.read_text(encoding="utf-8"))["records"]
    step = next(r for r in records if r["id"].endswith("L14#step4"))
    assert step["relation"] == ">" and step["compares"] == "step 3 > step 4"
    assert step["verdict"] == "refuted" and "0 > 0 is false" in step["counterexample"]["certified_by"]
    html = tmp_path / "r.html"
    main(["check", str(path), "--format", "html", "--output", str(html), "--jobs", "1"])
    assert "<td>&gt; " in html.read_text(encoding="utf-8")


TOML = """format = 1

[context]
symbols = { x = "real", a = "real", b = "real" }

[[derivation]]
id = "slope"
claim = "sigmoid(x)*(1 - sigmoid(x)) <= 1/4"

[[derivation]]
id = "amgm"
steps = ["a**2 + b**2", ">= 2*a*b", { expr = "a*b + a*b", relation = "=" }]

[[derivation]]
id = "wrong"
steps = ["x**2", { expr = "x", relation = "≥" }]
expect = "refuted"

[[derivation]]
id = "bad"
steps = ["x**2", { expr = "x", relation = "=>" }]

[[derivation]]
id = "twice"
steps = ["x**2", { expr = ">= x", relation = ">=" }]
"""


def test_toml_claims_and_steps(tmp_path: Path) -> None:
    path = tmp_path / "bounds.toml"
    path.write_text(TOML, encoding="utf-8")
    report, errors = checked_file(path)
    got = {c.check.id.split("::", 1)[1]: (c.check.claim.relation, c.result.verdict)
           for o in report.outcomes for c in o.checks}
    assert got["slope"] == ("<=", Verdict.PROVED)
    assert got["amgm#step2"] == (">=", Verdict.PROVED) and got["amgm#goal"] == (">=", Verdict.PROVED)
    assert got["wrong#step2"] == (">=", Verdict.REFUTED)
    messages = " | ".join(str(e) for e in errors)
    assert "relation = '=>': write one of" in messages
    assert "written twice" in messages


# -- a number to the places of a decimal (≈, and '=' with a decimal) ------------------------

KL = sp.log(4) / 2 - sp.Rational(3, 8)  # ½(log 4 − 1 + ¼) = 0.318147…
P, R, U = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN
APPROX = [("0.318", P), ("0.32", P), ("0.31", U), ("0.3", P), ("0.4", R), ("0.33", R),
          ("0.319", R), ("0.3181", P), ("0.3182", R), ("0.3180", R)]


@pytest.mark.parametrize(("written", "verdict"), APPROX)
def test_a_number_to_the_places_shown(written: str, verdict: Verdict) -> None:
    """Rounded to the decimal's places: proved; cut off only (0.31 for 0.318…): the readings
    disagree; neither (0.4): refuted."""
    places = len(written.split(".")[1])
    for sign in (1, -1):
        claim = Claim(sign * KL, sign * sp.Rational(written), relation="approx", decimals=places)
        result = check_claim(claim)
        assert result.verdict is verdict, (written, sign)
        if verdict is R:
            assert_counterexample(claim, result.counterexample)
        if verdict is U:
            assert result.method is Method.AMBIGUOUS and "cut off" in result.detail


def test_a_rational_at_the_edge_of_a_place() -> None:
    claim = Claim(sp.Rational(32, 100), sp.Rational("0.31"), relation="approx", decimals=2)
    assert check_claim(claim).verdict is Verdict.REFUTED  # 0.32 is 0.32, not 0.31 cut off
    claim = Claim(sp.Rational(1, 4), sp.Rational("0.25"), relation="approx", decimals=2)
    assert check_claim(claim).verdict is Verdict.PROVED


DECIMALS = """Values:

$$\\sigma(0.5) = 0.6225$$

$$\\frac{1}{4} = 0.25$$

$$\\sigma(0.5) = 0.7$$

The divergence:

$$\\frac{1}{2}(\\log 4 - 1 + 1/4) \\approx 0.44$$

$$\\sigma(1) = \\frac{1}{1 + e^{-1}} \\approx 0.731$$

$$e^x \\approx 1 + x$$

$$\\sigma(x) = \\frac{1}{1 + e^{-x}} \\approx \\frac{1}{2} + \\frac{x}{4}$$
"""


def test_decimals_in_a_document(tmp_path: Path) -> None:
    path = tmp_path / "values.md"
    path.write_text(DECIMALS, encoding="utf-8")
    report, errors = checked_file(path)
    by = {o.id.rsplit("::L", 1)[1]: [(c.check.claim.relation, c.result.verdict, c.result.method)
                                     for c in o.checks if c.check.step] for o in report.outcomes}
    # exactly false, true to its places: which is meant is not said
    assert by["3"] == [("=", Verdict.UNKNOWN, Method.AMBIGUOUS)]
    assert by["5"][0][1] is Verdict.PROVED
    assert by["7"][0][1] is Verdict.REFUTED  # false to its one place too
    assert by["11"] == [("approx", Verdict.REFUTED, Method.INTERVAL)]  # the page's 0.44
    assert [(r, v) for r, v, _ in by["13"]] == [("=", Verdict.PROVED), ("approx", Verdict.PROVED)]
    assert "15" not in by  # an approximation of an expression: nothing to check
    # its ≈ row is an input error, and its step is not checked
    assert [(r, v) for r, v, _ in by["17"]] == [("=", Verdict.PROVED), ("approx", Verdict.ERROR)]
    assert len(errors) == 1 and errors[0].line == 17 and "\\approx is checked only" in \
        errors[0].message


def test_decimals_inside_a_side(tmp_path: Path) -> None:
    """A decimal of three places or more inside a side may be a rounded value: exactly false,
    the step is unknown; one or two places (a point, a rate) are exact, and refute."""
    path = tmp_path / "rounded.md"
    path.write_text("Then\n\n$$\\sigma(0.5) = \\frac{1}{1.6065306597} = 0.622459$$\n\n"
                    "$$\\sigma(0.5) = 0.7$$\n\n$$2.5 \\cdot 4 = 12.0$$\n\n"
                    "$$\\frac{1}{4} = \\frac{1}{3.999}$$\n", encoding="utf-8")
    report, errors = checked_file(path)
    assert errors == []
    by = {o.id.rsplit("::L", 1)[1]: [c.result for c in o.checks if c.check.step]
          for o in report.outcomes}
    assert [r.verdict for r in by["3"]] == [Verdict.UNKNOWN, Verdict.UNKNOWN]
    assert all(r.method is Method.AMBIGUOUS and "rounded" in r.detail for r in by["3"])
    assert [r.verdict for r in by["5"]] == [Verdict.REFUTED]  # σ(0.5) = 0.62…: not 0.7
    assert [r.verdict for r in by["7"]] == [Verdict.REFUTED]  # 10 is not 12.0 even rounded
    assert [r.verdict for r in by["9"]] == [Verdict.UNKNOWN]  # 3.999 may be 4 rounded


def test_inequalities_at_a_symbolic_size(tmp_path: Path) -> None:
    """Σ x_i² ≥ 0 for every n by the sign of its terms; Σ x_i ≥ 0 refuted at a small size;
    (Σ x_i)² ≤ n Σ x_i² (true, Cauchy–Schwarz) is neither."""
    path = tmp_path / "sums.md"
    path.write_text("```derivcheck\ndims = { n = \"positive integer\" }\nvectors = { x = \"n\" }\n"
                    "```\n\nSo\n\n$$\\sum_{i=1}^{n} x_i^2 \\ge 0$$\n\nHence\n\n"
                    "$$\\sum_{i=1}^{n} x_i \\ge 0$$\n\nThus\n\n$$\\left(\\sum_{i=1}^{n} x_i\\right)^2"
                    " \\le n \\sum_{i=1}^{n} x_i^2$$\n", encoding="utf-8")
    report, errors = checked_file(path)  # (the instance's point re-checked)
    assert errors == []
    by = {o.id.rsplit("::L", 1)[1]: [c.result for c in o.checks if c.check.step]
          for o in report.outcomes}
    assert by["8"][0].verdict is Verdict.PROVED and by["8"][0].method is Method.SIGNS
    refuted = by["12"][0]
    assert refuted.verdict is Verdict.REFUTED and refuted.counterexample.instance
    assert "does not hold for every n" in refuted.detail
    assert by["16"][0].verdict is Verdict.UNKNOWN


def test_a_goal_left_open_is_proved_by_its_proved_steps() -> None:
    """a ≤ b ≤ c with both steps proved gives a ≤ c (transitivity) where the goal's own check
    could not; not where a step is open, goes the other way, or the goal was refuted."""
    from checker.model import CheckKind, Derivation, Step
    from checker.results import CheckResult, Result
    from checker.runner import by_the_chain

    z = sp.Symbol("z", real=True)

    def outcome(rels: tuple[str, str], goal: Verdict, step: Verdict = Verdict.PROVED) -> Result:
        entry = Derivation("d", "t", "s", x, y, (Step(x), Step(z, relation=rels[0]),
                                                  Step(y, relation=rels[1])))
        got = by_the_chain(tuple(
            CheckResult(c, Result(goal if c.kind is CheckKind.GOAL else step
                                  if c.kind is CheckKind.STEP else Verdict.PROVED,
                                  Method.NUMERIC if c.kind is CheckKind.GOAL else Method.SIGNS,
                                  0.0)) for c in entry.checks()))
        return next(c.result for c in got if c.check.kind is CheckKind.GOAL)

    assert outcome(("<=", "<"), Verdict.NUMERIC).method is Method.CHAIN
    assert outcome(("<=", "<"), Verdict.UNKNOWN).verdict is Verdict.PROVED
    assert outcome(("<=", "<"), Verdict.NUMERIC, Verdict.NUMERIC).verdict is Verdict.NUMERIC
    assert outcome(("<=", ">="), Verdict.UNKNOWN).verdict is Verdict.UNKNOWN  # both ways
    assert outcome(("<=", "<"), Verdict.REFUTED).verdict is Verdict.REFUTED
    assert outcome(("=", "="), Verdict.UNKNOWN).verdict is Verdict.UNKNOWN  # equations: never


def test_a_goal_is_not_proved_by_steps_through_a_line_undefined_where_it_is(
        tmp_path: Path) -> None:
    """1/2 ≤ (3/4)·(x/x) ≤ 1 + x²: x/x is undefined at 0, so the chain says nothing there,
    where its goal may fail ((19x − 7)² > 0 through (19x − 7)⁴/(19x − 7)²): left open."""
    from checker.model import CheckKind, Derivation, Step
    from checker.results import CheckResult, Result
    from checker.runner import by_the_chain

    middle = Step(sp.Rational(3, 4), domain=(sp.Ne(x, 0),), relation="<=")
    entry = Derivation("d", "t", "s", HALF, 1 + x**2, (Step(HALF), middle,
                                                        Step(1 + x**2, relation="<=")))
    got = by_the_chain(tuple(
        CheckResult(c, Result(Verdict.UNKNOWN if c.kind is CheckKind.GOAL else Verdict.PROVED,
                              Method.SIGNS, 0.0)) for c in entry.checks()))
    goal = next(c.result for c in got if c.check.kind is CheckKind.GOAL)
    assert goal.verdict is Verdict.UNKNOWN


def test_an_inequality_slip_is_diagnosed_by_a_proved_relation(tmp_path: Path) -> None:
    """σ(1 − σ) ≥ 1/4 holds the other way round; σ(1 − σ) < 1/4 only with equality allowed;
    σ(1 − σ) ≤ 1/8 neither (no diagnosis): each said only where the engine proves it."""
    from checker.diagnosis import diagnose

    for rel, kind, corrected in ((">=", "direction", "<="), ("<", "strict", "<="),
                                 ("<=", None, None)):
        rhs = QUARTER if kind else sp.Rational(1, 8)
        claim = Claim(s * (1 - s), rhs, relation=rel)
        result = check_claim(claim)
        assert result.verdict is Verdict.REFUTED
        found = diagnose(claim, result)
        if kind is None:
            assert found is None
            continue
        assert found is not None and found.kind == kind and found.proved == "to follow from"
        assert check_claim(Claim(s * (1 - s), rhs, relation=corrected)).verdict is Verdict.PROVED
    path = tmp_path / "d.md"
    path.write_text("Hence\n\n$$\\sigma(x)(1 - \\sigma(x)) \\ge \\frac{1}{4}$$\n", encoding="utf-8")
    report, _ = checked_file(path)
    d = next(c.result.diagnosis for o in report.outcomes for c in o.checks if c.check.step)
    assert d.kind == "direction" and d.corrected == "\\le \\frac{1}{4}"
