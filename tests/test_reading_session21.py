"""From a new user's trial and an adversary (session 21): lines read on a guess. Δw (the change in
w) was read as Δ times w, a TeX space after an unbracketed argument was taken into it, σ² x was
the sigmoid's, and a sum captured (or not) a definition's letter. Refutations re-checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.results import Verdict
from tests.recheck import checked_file, document_verdicts

P, R = Verdict.PROVED, Verdict.REFUTED
BLOCK = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { w = "n", x = "n" }\n'
         'symbols = { t = "real", eta = "positive", a = "real", b = "real", c = "real" }\n'
         'latex = { "\\\\sigma" = "sigmoid" }\n```\n\n'
         'Let $o = \\sigma(\\sum_{i=1}^{n} w_i x_i)$ and $E = \\frac{1}{2}(t - o)^2$.\n\n')


def test_the_update_of_a_weight_is_defined_and_used(tmp_path: Path) -> None:
    got, errors = document_verdicts(tmp_path / "u.md", BLOCK + "".join(f"$${d}$$\n\n" for d in (
        r"\Delta w_i = \eta (t - o) o (1 - o) x_i = -\eta \frac{\partial E}{\partial w_i}",
        r"\Delta w_i = -\eta \frac{\partial E}{\partial w_i}",
        r"\Delta w_i = \eta (t - o) o (1 + o) x_i")))
    assert errors == [] and got == [[P], [P], [R]], (got, errors)


def test_a_greek_name_changes_too_and_a_lone_delta_is_a_letter(tmp_path: Path) -> None:
    got, errors = document_verdicts(tmp_path / "g.md", BLOCK + "".join(f"$${d}$$\n\n" for d in (
        r"\Delta\theta = -\eta (a - b)",
        r"\Delta \theta + \eta a = \eta b",
        r"\Delta \theta + \eta a = b",
        r"\Delta = b^2 - 4ac",
        r"\Delta + 4ac = b^2")))
    assert errors == [] and got == [[P], [R], [P]], (got, errors)


def test_a_run_of_letters_or_a_decorated_name_after_delta_is_refused(tmp_path: Path) -> None:
    for body, words in ((r"\Delta wx = a", "the change in w times x"),
                        (r"\Delta \mathbf{w} = a", "decorated name is not read")):
        _, errors = document_verdicts(tmp_path / "r.md", BLOCK + f"$${body}$$\n")
        assert len(errors) == 1 and words in errors[0], errors


def test_a_declared_delta_multiplies_as_before(tmp_path: Path) -> None:
    block = BLOCK.replace('c = "real" }', 'c = "real", Delta = "real" }')
    got, errors = document_verdicts(tmp_path / "d.md", block + "$$\\Delta a + \\Delta b = "
                                    "\\Delta (a + b)$$\n\n$$\\Delta a = a$$\n")
    assert errors == [] and got == [[P], [R]], (got, errors)


def test_a_space_after_an_unbracketed_argument_makes_two_readings(tmp_path: Path) -> None:
    """\\log x \\, y was read log(xy), so log x \\, y = log x + log y was proved (read as
    (log x)·y it is false); the TeX space sets y apart as \\cdot does: both readings, and
    where they disagree the line is unknown. From an adversary (session 21)."""
    block = '```derivcheck\nsymbols = { x = "positive", y = "positive", a = "real" }\n```\n\n'
    got, errors = document_verdicts(tmp_path / "s.md", block + "".join(f"$${d}$$\n\n" for d in (
        r"\log x \, y = \log x + \log y",
        r"\sin x \; a = a \sin x",
        r"\log x y = \log x + \log y",
        r"\frac{d}{dx}\left(x \log x\right) = \log x \, + 1")))
    U = Verdict.UNKNOWN
    assert errors == [] and got == [[U], [U], [P], [P]], (got, errors)


def test_sigma_to_a_power_before_a_bare_factor_is_refused(tmp_path: Path) -> None:
    """σ² x was read as the sigmoid of x squared, so σ² x = σ(x)² was proved and σ² x = xσ²
    refuted: σ² is as often a variance. A bracket after the power (σ²(x)) stays the
    sigmoid's, \\cdot the letter's. From an adversary (session 21)."""
    block = '```derivcheck\nsymbols = { x = "real" }\n```\n\n'
    for body in (r"\sigma^2 x = x\sigma^2", r"\sigma^3 \tanh(0) = 0"):
        _, errors = document_verdicts(tmp_path / "r.md", block + f"$${body}$$\n")
        assert len(errors) == 1 and "a variance, say" in errors[0], errors
    got, errors = document_verdicts(tmp_path / "s.md", block + "$$\\sigma^2(x) = \\sigma(x)^2$$"
                                    "\n\n$$\\sigma^2 \\cdot x = x \\sigma^2$$\n")
    assert errors == [] and got == [[P], [P]], (got, errors)


def test_a_sum_over_a_letter_a_definition_is_written_in_is_refused(tmp_path: Path) -> None:
    """Σ_{x=1}^{3} f with f(x) = x² was read 14 (f alone captured by the sum) and Σ_{x=1}^{3} u
    with u = x² as 3x² (not captured): both guesses. Refused, as the integral is; a sum over
    another index, and a family's member at the sum's index, are read. (Adversary, session 21.)"""
    block = ('```derivcheck\nsymbols = { x = "real" }\ndims = { n = "positive integer" }\n'
             'vectors = { v = "n" }\n```\n\n$$f(x) = x^2$$\n\n$$u = x^2$$\n\n$$p_j = 2 v_j$$\n\n')
    for body in (r"\sum_{x=1}^{3} f = 14", r"\sum_{x=1}^{3} u = 3x^2", r"\prod_{x=1}^{2} u = 4"):
        _, errors = document_verdicts(tmp_path / "r.md", block + f"$${body}$$\n")
        assert len(errors) == 1 and "moves with it" in errors[0], errors
    got, errors = document_verdicts(tmp_path / "s.md", block + "".join(f"$${d}$$\n\n" for d in (
        r"\sum_{k=1}^{3} u = 3x^2", r"\sum_{j=1}^{n} p_j = 2\sum_{k=1}^{n} v_k",
        r"\sum_{k=1}^{3} f(k) = 14")))
    assert errors == [] and got == [[P], [P], [P]], (got, errors)


def test_a_display_giving_a_value_to_a_name_the_prose_defines_is_refused(tmp_path: Path) -> None:
    """"so with $δ_k = −∂E/∂z_k$ we get $$δ_k = o_k(1 − o_k)(o_k − t_k)$$" (a sign slip): the
    prose's definition was not read, the display became δ_k's definition with no verdict, and
    the refutation landed on the correct line after it. Now refused; written as a display of
    its own, the slip is refuted at its line and the next line proved (new user, session 21)."""
    head = ('```derivcheck\nsymbols = { t = "real", eta = "positive", x = "real" }\n'
            'latex = { "\\\\sigma" = "sigmoid" }\n```\n\n$$o = \\sigma(z)$$\n\n'
            'With error $E = \\frac{1}{2}(t - o)^2$:\n\n')
    slip = "$$\\delta = o(1 - o)(o - t)$$\n\n$$-\\eta \\frac{\\partial E}{\\partial z} x = " \
           "\\eta \\delta x$$\n"
    _, errors = document_verdicts(tmp_path / "a.md", head + "so with $\\delta = -\\frac{\\partial E}"
                                  "{\\partial z}$ we get\n\n" + slip)
    assert errors and "gives \\delta a value again" in errors[0], errors
    got, errors = document_verdicts(tmp_path / "b.md", head + "$$\\delta = -\\frac{\\partial E}"
                                    "{\\partial z}$$\n\nwe get\n\n" + slip)
    assert errors == [] and got == [[R], [P]], (got, errors)
    # a definition the prose states is read, and a display after it is a claim about it
    got, errors = document_verdicts(tmp_path / "c.md", head + "Let $u = 2t$.\n\n$$u = 2t$$\n\n"
                                    "$$u = 3t$$\n")
    assert errors == [] and got == [[P], [R]], (got, errors)


def test_a_bare_delta_defined_by_a_display_is_a_name(tmp_path: Path) -> None:
    """δ = (t − o) o (1 − o) (backpropagation's error term of one unit): δ without an index
    cannot be Kronecker's, so where a display defines it, it is a name from there on (it was
    refused, at the definition and at every use)."""
    block = '```derivcheck\nsymbols = { a = "real", b = "real" }\n```\n\n$$\\delta = a - b$$\n\n'
    got, errors = document_verdicts(tmp_path / "d.md", block + "$$\\delta + b = a$$\n\n"
                                    "$$2\\delta = a$$\n")
    assert errors == [] and got == [[P], [R]], (got, errors)
    _, errors = document_verdicts(tmp_path / "e.md", block.split("$$")[0] + "$$\\delta + b = a$$\n")
    assert len(errors) == 1 and "Kronecker" in errors[0], errors


CE = ('$$\\frac{\\partial}{\\partial z_i}\\left(-\\sum_{k=1}^{n} y_k \\log \\frac{e^{z_k}}'
      '{\\sum_{j=1}^{n} e^{z_j}}\\right) = \\frac{e^{z_i}}{\\sum_{j=1}^{n} e^{z_j}} - y_i$$\n')
VECTORS = '```derivcheck\ndims = { n = "positive integer" }\nvectors = { z = "n", y = "n" }\n'


def test_a_hypothesis_said_in_words_turns_a_refutation_into_unknown(tmp_path: Path) -> None:
    """"The labels are one-hot." (no letter beside it) was not read, and ∂CE/∂z_i = p_i − y_i,
    true for every y that sums to one, was refuted at y = 0. A refutation without a hypothesis
    the prose states in words proves nothing: unknown, with the declaration to write; with the
    declaration the line is proved. (Adversary, session 21.)"""
    U = Verdict.UNKNOWN
    for words in ("The labels are one-hot.", "Assume the label vector is one hot.",
                  "We use that the targets sum to one:", "The ground truth is a one-of-$n$ vector.",
                  "Here the targets are probability vectors."):
        got, errors = document_verdicts(tmp_path / "w.md", VECTORS + "```\n\n" + words + "\n\n" + CE)
        assert errors == [] and got == [[U]], (words, got, errors)
        got, errors = document_verdicts(tmp_path / "d.md", VECTORS + 'given = ["onehot(y, t)"]\n```\n\n'
                                    "The labels are one-hot.\n\n" + CE)
    assert errors == [] and got == [[P]], (got, errors)
    # a sentence that says the opposite says nothing; with no such words, refuted as before
    for words in ("The labels are not one-hot (soft labels).", "The labels are integers."):
        got, errors = document_verdicts(tmp_path / "n.md", VECTORS + "```\n\n" + words + "\n\n" + CE)
        assert errors == [] and got == [[R]], (words, got, errors)


def test_words_for_a_sign_hold_for_the_display_beside_them(tmp_path: Path) -> None:
    """"This holds on the positive reals." after √(x²) = x (x declared real): unknown, not
    refuted at x = −1; a proof stands (it holds without the words)."""
    block = '```derivcheck\nsymbols = { x = "real" }\n```\n\n'
    got, errors = document_verdicts(tmp_path / "p.md", block + "$$(x^2)^{1/2} = x$$\n\nThis holds on "
                                    "the positive reals.\n\n$$x + x = 2x$$\n")
    U = Verdict.UNKNOWN
    assert errors == [] and got[0] in ([U], [Verdict.UNKNOWN]) and got[1] == [P], (got, errors)
    got, errors = document_verdicts(tmp_path / "q.md", block + "$x$ being positive,\n\n"
                                    "$$|x| = x$$\n")  # (said of x: not read, unknown)
    assert errors == [] and got == [[U]], (got, errors)


def test_a_family_named_by_a_word_in_a_font(tmp_path: Path) -> None:
    """Mitchell's net_j: \\mathrm{net}_j = Σ_i w_ji x_ji defines a family by its word (also
    \\text, \\operatorname, \\mathit), used as \\mathrm{net}_k and differentiated by; it was
    refused with a hint (write \\text{net}) that did not work. With net declared a number,
    net_j = … is refused (it was refuted as a claim about a free symbol net_j)."""
    block = ('```derivcheck\ndims = { n = "positive integer" }\nvectors = { w = "n", x = "n" }\n'
             'latex = { "\\\\sigma" = "sigmoid" }\n```\n\n')
    for font in ("mathrm", "text", "operatorname"):
        net = f"\\{font}{{net}}"
        got, errors = document_verdicts(tmp_path / f"{font}.md", block + "".join(
            f"$${d}$$\n\n" for d in (
                f"{net}_j = \\sum_{{i=1}}^{{n}} w_i x_i + j",
                f"\\frac{{\\partial \\sigma({net}_k)}}{{\\partial w_i}} = \\sigma({net}_k)"
                f"(1 - \\sigma({net}_k)) x_i",
                f"{net}_k - {net}_j = k - j", f"{net}_k - {net}_j = k + j")))
        assert errors == [] and got == [[P], [P], [R]], (font, got, errors)
    declared = block.replace("```\n\n", 'symbols = { net = "real" }\n```\n\n', 1)
    _, errors = document_verdicts(tmp_path / "d.md", declared + "$$net_j = \\sum_{i=1}^{n} w_i x_i$$"
                                  "\n\n$$net_k - net_j = 0$$\n")
    assert len(errors) == 2 and "net is declared (a number)" in errors[0] \
        and "could not be read" in errors[1], errors


def test_a_declared_function_with_a_subscript_is_called(tmp_path: Path) -> None:
    """p_g(x), p_{data}(x) with "p_g(x)" and "p_data(x)" declared arbitrary (a GAN's densities)
    said "p_g is a function: call it, as in p_g(x)" where it was called so."""
    block = ('```derivcheck\nsymbols = { x = "real" }\nfunctions = { "p_g(x)" = "arbitrary", '
             '"p_data(x)" = "arbitrary" }\n```\n\n')
    got, errors = document_verdicts(tmp_path / "g.md", block + "".join(f"$${d}$$\n\n" for d in (
        r"p_g(x) + 1 = 1 + p_g(x)", r"p_{data}(x) + p_g(x) = p_g(x) + p_{\text{data}}(x)",
        r"\frac{p_{data}(x)}{p_{data}(x) + p_g(x)} = 1")))
    assert errors == [] and got == [[P], [P], [R]], (got, errors)


def test_a_law_beside_a_display_is_the_declarations_business(tmp_path: Path) -> None:
    """z = μ + σε, \\quad ε ∼ 𝒩(0, 1) (the reparameterisation) was refused as "',' cannot appear
    inside an expression" though the user wrote \\quad. With ε declared random the remark
    restates the declaration and is set aside; without, the display is refused with the
    declaration to write (the laws are never read from the page)."""
    law = "$$z = \\mu + \\sigma \\epsilon, \\quad \\epsilon \\sim \\mathcal{N}(0, 1)$$\n\n"
    block = '```derivcheck\nsymbols = { mu = "real", sigma = "positive" }\n'
    got, errors = document_verdicts(tmp_path / "r.md", block + 'random = { epsilon = "N(0, 1)" }\n'
                                    "```\n\n" + law + "$$\\mathbb{E}[z^2] = \\mu^2 + \\sigma^2$$\n\n"
                                    "$$\\mathbb{E}[z^2] = \\mu^2$$\n")
    assert errors == [] and got == [[P], [R]], (got, errors)
    _, errors = document_verdicts(tmp_path / "s.md", block.replace("}\n", ', epsilon = "real" }\n')
                                  + "```\n\n" + law)
    assert len(errors) == 1 and "\\epsilon \\sim \\mathcal{N}(0, 1): a law" in errors[0], errors


def test_messages_that_lead_somewhere_for_sequences(tmp_path: Path) -> None:
    """A new user's GRU and RMSprop pages: the advice (declare h as a vector; declare g under
    symbols; given t >= 2 for a line that needs t >= 3) did not lead to a reading."""
    _, errors = document_verdicts(tmp_path / "g.md", '```derivcheck\nsymbols = { w = "real" }\n'
                                  '```\n\n$$z = w h_{t-1}$$\n')
    assert errors and 'latex = { "h_{t-1}" = "h_prev" }' in errors[0], errors
    block = '```derivcheck\nsymbols = { rho = "positive" }\ngiven = ["rho < 1"]\n```\n\n'
    rec = "$$v_t = \\rho v_{t-1} + (1 - \\rho) g_t^2, \\qquad v_0 = 0$$\n\n"
    _, errors = document_verdicts(tmp_path / "r.md", block + rec)
    assert errors and 'vectors = { g = "t" }' in errors[0], errors
    steps = block.replace("```\n\n", 'dims = { t = "positive integer" }\nvectors = { g = "t" }\n'
                          "```\n\n", 1) + rec + ("$$v_3 = \\rho^2(1 - \\rho) g_1^2 + \\rho(1 - \\rho) "
                                                 "g_2^2 + (1 - \\rho) g_3^2$$\n")
    report, errors = checked_file(_write(tmp_path / "s.md", steps))
    details = {c.result.detail for o in report.outcomes for c in o.checks
               if c.result.verdict is Verdict.ERROR}
    assert details and all('given = ["t >= 3"]' in d for d in details), details
    report, errors = checked_file(_write(tmp_path / "s3.md", steps.replace(
        'given = ["rho < 1"]', 'given = ["rho < 1", "t >= 3"]')))
    assert {c.result.verdict for o in report.outcomes for c in o.checks} == {P}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_an_unread_bound_outside_the_sides_domain_proves_nothing(tmp_path: Path) -> None:
    """log(xy) = log x + log y "which holds for $x < 0$ and $y < 0$." was proved (checked
    without the bound, where the sides are defined); under the bound they are not: unknown.
    A line defined everywhere is still proved (second adversary, session 21)."""
    block = '```derivcheck\nsymbols = { x = "real", y = "real" }\n```\n\n'
    got, errors = document_verdicts(tmp_path / "l.md", block + "$$\\log(xy) = \\log x + \\log y$$\n\n"
                                    "which holds for $x < 0$ and $y < 0$.\n\n"
                                    "$$(x + y)^2 = x^2 + 2xy + y^2$$\n\nvalid for $x < 0$.\n")
    assert errors == [] and got == [[Verdict.UNKNOWN], [P]], (got, errors)


def test_hypotheses_in_words_reach_subsections_and_survive_other_negations(
        tmp_path: Path) -> None:
    U = Verdict.UNKNOWN
    text = (VECTORS + "```\n\n# Setup\n\nThe labels are one-hot, not soft.\n\n## Part A\n\n" + CE
            + "\n## Part B\n\nEach label has a single entry equal to one and zeros elsewhere.\n\n"
            + CE + "\n## Part C\n\nThe page does not say that the labels sum to one.\n\n" + CE)
    got, errors = document_verdicts(tmp_path / "s.md", text)
    assert errors == [] and got == [[U], [U], [U]], (got, errors)  # (C: Setup's words hold)
    got, errors = document_verdicts(tmp_path / "t.md", VECTORS + "```\n\nThe page does not say "
                                    "that y sums to one.\n\n" + CE)
    assert errors == [] and got == [[R]], (got, errors)


def test_a_law_beside_a_display_must_be_the_declared_one(tmp_path: Path) -> None:
    """ε declared N(0, 1) and `\\quad \\epsilon \\sim \\mathcal{N}(0, 4)` beside Var = s² (or a
    law in the prose after it): the page's law was set aside and the line proved. Another law
    than the declared one is refused (which is meant?); the same law is set aside."""
    block = ('```derivcheck\nsymbols = { mu = "real", s = "positive" }\n'
             'random = { epsilon = "N(0, 1)" }\n```\n\n')
    for tail in (", \\quad \\epsilon \\sim \\mathcal{N}(0, 4)$$\n", "$$\n\nwhere $\\epsilon \\sim "
                 "\\mathcal{N}(0, 4)$.\n", ", \\quad \\epsilon \\sim \\mathcal{U}(0, 1)$$\n"):
        _, errors = document_verdicts(tmp_path / "v.md", block + "$$\\text{Var}[\\mu + s\\epsilon] = "
                                      "s^2" + tail)
        assert len(errors) == 1 and "which is meant?" in errors[0], (tail, errors)
    got, errors = document_verdicts(tmp_path / "w.md", block + "$$\\text{Var}[\\mu + s\\epsilon] = "
                                    "s^2, \\quad \\epsilon \\sim \\mathcal{N}(0, 1)$$\n")
    assert errors == [] and got == [[P]], (got, errors)
    # a law in the prose for a letter not declared random: refused beside an expectation
    # (Var(x + w) = 1 was proved with x ∼ N(0, 1) in the prose), else it may limit the
    # letter's values: a refutation is unknown; a name the page defines has its own law
    head = '```derivcheck\nsymbols = { b = "real" }\nrandom = { w = "N(0, 1)" }\n```\n\n'
    _, errors = document_verdicts(tmp_path / "b.md", head + "where $b \\sim \\mathcal{N}(0, 1)$:"
                                  "\n\n$$\\text{Var}(b + w) = 1$$\n")
    assert len(errors) == 1 and "reads from the declarations only" in errors[0], errors
    got, errors = document_verdicts(tmp_path / "c.md", head + "where $b \\sim \\text{Bernoulli}(p)"
                                    "$:\n\n$$b^2 = b$$\n")
    assert errors == [] and got == [[Verdict.UNKNOWN]], (got, errors)
    got, errors = document_verdicts(tmp_path / "d.md", head + "Instead of sampling $z \\sim "
                                    "\\mathcal{N}(b, 1)$ we write\n\n$$z = b + w$$\n\n"
                                    "$$\\mathbb{E}[z] = b$$\n")
    assert errors == [] and got == [[P]], (got, errors)


def test_a_tie_and_a_power_after_delta_w(tmp_path: Path) -> None:
    """`\\log x ~ y` (a tie prints as a space) was read log(xy); Δw² was read (Δw)²."""
    block = '```derivcheck\nsymbols = { x = "positive", y = "positive", w = "real" }\n```\n\n'
    got, errors = document_verdicts(tmp_path / "t.md", block + "$$\\log x ~ y = \\log x + \\log y$$\n")
    assert errors == [] and got == [[Verdict.UNKNOWN]], (got, errors)
    _, errors = document_verdicts(tmp_path / "d.md", block + "$$\\Delta w^2 = 2w \\Delta w$$\n")
    assert len(errors) == 1 and "(\\Delta w)^" in errors[0], errors


def test_a_case_read_beside_an_unread_bound_is_kept(tmp_path: Path) -> None:
    """"Setting it to zero gives $w = z - λ$, valid when $z > λ$. For $w < 0$:" — the bound
    z > λ is not read, and it threw away the case w < 0 read after it: the w < 0 derivative
    was checked everywhere. The case is kept: the right line holds under it (a proof under a
    case may not cover the unread bound: unknown), and the slip, refuted there, is unknown."""
    block = '```derivcheck\nsymbols = { lambda = "positive", w = "real", z = "real" }\n```\n\n'
    lead = "The minimum is at $w = z - \\lambda$, valid when $z > \\lambda$. For $w < 0$:\n\n"
    d = "$$\\frac{d}{dw}\\left[\\frac{1}{2}(w - z)^2 + \\lambda |w|\\right] = w - z "
    got, errors = document_verdicts(tmp_path / "k.md", block + lead + d + "- \\lambda$$\n")
    assert errors == [] and got == [[Verdict.UNKNOWN]], (got, errors)
    got, errors = document_verdicts(tmp_path / "s.md", block + lead + d + "+ \\lambda$$\n")
    assert errors == [] and got == [[Verdict.UNKNOWN]], (got, errors)


def test_a_proof_covers_an_unread_bound_only_if_it_covers_everything(tmp_path: Path) -> None:
    """Third adversary: |x − 1| = x − 1 under "For $x > 1$:" with "which holds for $x > 0$."
    after it was proved (the words widen the case: false at x = 1/2); log(xy) = log x + log y
    "for $x < 0$ and $y < 0$" with x, y declared positive was proved. A proof stands under
    words the reader does not read only where it covers every real value (no case, domain,
    declared sign or scope); else unknown."""
    U = Verdict.UNKNOWN
    got, errors = document_verdicts(tmp_path / "c.md", '```derivcheck\nsymbols = { x = "real" }\n'
                                    "```\n\nFor $x > 1$:\n\n$$|x - 1| = x - 1$$\n\nwhich holds for "
                                    "$x > 0$.\n")
    assert errors == [] and got == [[U]], (got, errors)
    got, errors = document_verdicts(tmp_path / "p.md", '```derivcheck\nsymbols = { x = "positive", '
                                    'y = "positive" }\n```\n\n$$(x + y)^2 = x^2 + 2xy + y^2$$\n\n'
                                    "which holds for $x < 0$ and $y < 0$.\n")
    assert errors == [] and got == [[U]], (got, errors)
    got, errors = document_verdicts(tmp_path / "r.md", '```derivcheck\nsymbols = { x = "real", '
                                    'y = "real" }\n```\n\n$$(x + y)^2 = x^2 + 2xy + y^2$$\n\n'
                                    "which holds for $x < 0$ and $y < 0$.\n")
    assert errors == [] and got == [[P]], (got, errors)


def test_a_bug_met_while_reading_one_document_spares_the_others(tmp_path: Path,
                                                               monkeypatch) -> None:
    """An internal error in one document's reading (an implication line given a field it
    lacks) stopped the whole run, every other file's verdicts lost: it is that document's
    input error now."""
    from checker.files import document_build

    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError("a bug")

    monkeypatch.setenv("DERIVCHECK_DEBUG", "0")
    monkeypatch.setattr("checker.files.document.build", broken)
    assert document_build.build is not broken
    _, errors = document_verdicts(tmp_path / "b.md", "$$1 + 1 = 2$$\n")
    assert len(errors) == 1 and "this is a derivcheck bug" in errors[0], errors


@pytest.mark.parametrize("said", [
    "for $y$ in $[0, 1]$.", "for $y$ between $0$ and $1$.", "for $y$ above zero.",
    "for $y$ not less than $0$.", "The variable $y$ (nonnegative) is the activation.",
    "Here $y$ is the activation, hence nonnegative.", "for $y$ in $\\mathbb{R}_+$.",
    "which holds when $y$ is a square.", "valid for $y = |y|$.",
])
def test_a_range_said_of_a_letter_in_other_words(tmp_path: Path, said: str) -> None:
    """|y| = y was refuted at y = −1 under each (third adversary): a range said of the letter
    is not read, so the refutation is unknown; "which is non-negative" said of the display's
    value is no bound on its letters (a slip there is still refuted)."""
    block = '```derivcheck\nsymbols = { y = "real" }\n```\n\nWe compute\n\n'
    got, errors = document_verdicts(tmp_path / "r.md", block + f"$$|y| = y$$\n\n{said}\n")
    assert errors == [] and got == [[Verdict.UNKNOWN]], (said, got, errors)
    got, errors = document_verdicts(tmp_path / "v.md", block + "$$y^2 + y^2 = 3y^2$$\n\n"
                                    "which is non-negative, so the loss is convex.\n")
    assert errors == [] and got == [[R]], (got, errors)


def test_a_word_in_a_font_without_an_index_is_a_name(tmp_path: Path) -> None:
    """\\mathrm{net} = wx + t was "unknown name 'net'" (its letters t, w known): a word in a font
    is one name (second adversary)."""
    block = '```derivcheck\nsymbols = { t = "real", w = "real", x = "real" }\n```\n\n'
    got, errors = document_verdicts(tmp_path / "n.md", block + "$$\\mathrm{net} = w x + t$$\n\n"
                                    "$$\\frac{\\partial \\mathrm{net}}{\\partial w} = x$$\n\n"
                                    "$$\\frac{\\partial \\mathrm{net}}{\\partial w} = t$$\n")
    assert errors == [] and got == [[P], [R]], (got, errors)
