"""Independent SymPy check of the judgements written in examples/corpus/*.md.

This script does not use derivcheck. Each call to ``same`` restates one relation of a corpus
file (file number and display/line in the label) and asserts that it holds (``True``) or fails
(``False``) as the file's ``expected`` comment says. A relation judged wrong is also shown
false at a concrete point, so no "wrong" judgement rests on simplify failing to simplify.
Vector identities are checked at n = 3 for every index pair.

Run: /work/main/.venv/bin/python examples/corpus/verify_maths.py
"""

from __future__ import annotations

import itertools

import sympy as sp

x, z, t, m, c = sp.symbols("x z t m c", real=True)
y = sp.Symbol("y", real=True)
a_ = sp.Symbol("a", positive=True)
beta = sp.Symbol("beta", positive=True)
CHECKED: list[str] = []


def sig(u: sp.Expr) -> sp.Expr:
    return 1 / (1 + sp.exp(-u))


def zero(expr: sp.Expr) -> bool:
    expr = sp.simplify(sp.expand(sp.expand_log(sp.simplify(expr), force=True)))
    if expr == 0:
        return True
    return sp.simplify(expr.rewrite(sp.exp)) == 0


def same(label: str, lhs: sp.Expr, rhs: sp.Expr, holds: bool = True,
         at: dict | None = None) -> None:
    """Assert lhs == rhs identically (holds) or that they differ at the point ``at``."""
    if holds:
        assert zero(lhs - rhs), f"{label}: expected an identity, got {sp.simplify(lhs - rhs)}"
    else:
        assert at is not None, f"{label}: a wrong judgement needs a counterexample point"
        lv, rv = sp.N(lhs.subs(at), 30), sp.N(rhs.subs(at), 30)
        assert abs(lv - rv) > 1e-12, f"{label}: sides agree at {at}: {lv} vs {rv}"
    CHECKED.append(label)


E = sp.exp(-x)
S = sig(x)
dS = sp.diff(S, x)

# 01 Raschka, sigmoid: display 3 (9 lines) and display 4 (6 lines)
chain01 = [dS, sp.diff((1 + E) ** -1, x), -(1 + E) ** -2 * sp.diff(1 + E, x),
           -(1 + E) ** -2 * (0 + sp.diff(E, x)), -(1 + E) ** -2 * sp.diff(E, x),
           -(1 + E) ** -2 * E * sp.diff(-x, x), -(1 + E) ** -2 * (-E),
           1 / (1 + E) ** 2 * E, E / (1 + E) ** 2]
chain01b = [E / (1 + E) ** 2, E / (1 + E) / (1 + E), (-1 + 1 + E) / (1 + E) / (1 + E),
            (-1 / (1 + E) + (1 + E) / (1 + E)) / (1 + E), (-1 / (1 + E) + 1) / (1 + E),
            (1 - 1 / (1 + E)) / (1 + E), (1 - S) * S]
for k, (p, q) in enumerate(itertools.pairwise(chain01 + chain01b[1:]), start=2):
    same(f"01 chain step {k}", p, q)

# 02 heatonresearch, sigmoid: displays 1-5 right, display 6 sign slip, display 7 right
same("02 d1", sp.diff(1 / (E + 1), x), -sp.diff(E + 1, x) / (E + 1) ** 2)
same("02 d2-d5", -sp.diff(E, x) / (E + 1) ** 2, E / (E + 1) ** 2)
same("02 d6", E / (E + 1) ** 2, (1 / (E + 1)) * (-E / (E + 1)), holds=False, at={x: 0})
same("02 d7", dS, S * (1 - S))

# 04 math.SE alternatives: f = 1/sigma
f = 1 / S
same("04 d1", f, 1 + E)
same("04 d3", sp.diff(1 + E, x), -E)
same("04 d3b", -E, 1 - f)
same("04 d3c", 1 - f, (S - 1) / S)
same("04 d2", sp.diff(1 / S, x), -dS / S ** 2)
same("04 L2", sp.diff((1 + E) * S, x), -E * S + (1 + E) * dS)
same("04 L3", dS, S * E / (1 + E))
same("04 L3b", S * E / (1 + E), S * (1 - 1 / (1 + E)))

# 05 math.SE missing sign: the asker's value is wrong, Karpathy's right
same("05 d3", dS, -E / (1 + E) ** 2, holds=False, at={x: 0})
same("05 d4", dS, E / (1 + E) ** 2)

# 06, 07 notebooks: same identities
same("06 d2", dS, (-1) * 1 / (1 + E) ** 2 * (-1) * E)
same("06 d4", (E + 1 - 1) / (1 + E), 1 - 1 / (1 + E))
same("06 d5", 1 / (1 + E) * (1 - 1 / (1 + E)), S * (1 - S))
same("07 line1", dS, 1 / (1 + E) * E / (1 + E))

# 08 deeplearning.ai forum, tanh: quotient rule without the factor 2, then 2/(2cosh)^2 = 1/cosh^2
u, v = sp.exp(x), sp.exp(-x)
up, vp = sp.diff(u, x), sp.diff(v, x)
same("08 L4", sp.diff((u - v) / (u + v), x), (v * up - u * vp) / (v + u) ** 2,
     holds=False, at={x: 0})
same("08 L7-L10 follow from L4", (v * up - u * vp) / (v + u) ** 2, 2 / (u + v) ** 2)
same("08 L11 follows", 2 / (u + v) ** 2, 2 / (2 * sp.cosh(x)) ** 2)
same("08 L12 does not follow", 2 / (2 * sp.cosh(x)) ** 2, 1 / sp.cosh(x) ** 2,
     holds=False, at={x: 0})
same("08 L12 is dy/dx", sp.diff(sp.tanh(x), x), 1 / sp.cosh(x) ** 2)
same("08 L14", 1 / sp.cosh(x) ** 2, 1 - sp.tanh(x) ** 2)

# 09 specialfunctionswiki
same("09 d3", (sp.cosh(z) ** 2 - sp.sinh(z) ** 2) / sp.cosh(z) ** 2, 1 / sp.cosh(z) ** 2)
same("09 d3 l1-l2", sp.diff(sp.sinh(z) / sp.cosh(z), z),
     (sp.cosh(z) ** 2 - sp.sinh(z) ** 2) / sp.cosh(z) ** 2)

# 10 gmse: Tanh identities
same("10 L1", 1 - 2 / (sp.exp(2 * x) + 1), (u - v) / (u + v))
same("10 L2", sp.diff(sp.tanh(x), x), (2 / (u + v)) ** 2)
same("10 L2b", (2 / (u + v)) ** 2, 1 - sp.tanh(x) ** 2)

# 11 Raschka tanh/sigmoid
same("11 d1 variable slip", sp.tanh(z), (u - v) / (u + v), holds=False, at={z: 0, x: 1})
same("11 d2", 1 - S, sig(-x))
same("11 d3", 1 - S, 1 / (1 + sp.exp(x)))
same("11 d4", (u + v - 2 * v) / (u + v), 1 + (-2 * v) / (u + v))
same("11 d4b", 1 + (-2 * v) / (u + v), 1 - 2 / (sp.exp(2 * x) + 1))
same("11 d5", 1 - 2 / (sp.exp(2 * x) + 1), 1 - 2 * sig(-2 * x))
same("11 d5b", 1 - 2 * (1 - sig(2 * x)), 2 * sig(2 * x) - 1)

# 12, 13 tanh = 2 s(2x) - 1
same("12 d3", (u + u - u - v) / (u + v), 2 * u / (u + v) - 1)
same("12 d4", 2 * (u * v) / (u * v + v * v) - 1, 2 / (1 + sp.exp(-2 * x)) - 1)
same("12 d4b", sp.tanh(x), 2 * sig(2 * x) - 1)
same("13 d1", (sp.exp(2 * x) - 1) / (sp.exp(2 * x) + 1),
     2 * sp.exp(2 * x) / (sp.exp(2 * x) + 1) - 1)
same("13 d1b", 2 * sp.exp(2 * x) / (sp.exp(2 * x) + 1) - 1, 2 * 1 / (1 + sp.exp(-2 * x)) - 1)
same("13 d2", S, (sp.tanh(x / 2) + 1) / 2)
same("13 inline", sp.tanh(x), (sp.exp(2 * x) - 1) / (sp.exp(2 * x) + 1))

# Softmax family at n = 3
o = sp.symbols("o1:4", real=True)
yv = sp.symbols("y1:4", real=True)
Z = sum(sp.exp(q) for q in o)
p = [sp.exp(q) / Z for q in o]
L = -sum(yv[i] * sp.log(p[i]) for i in range(3))
onehot_free_L = L
sum1 = {yv[2]: 1 - yv[0] - yv[1]}
for i, k in itertools.product(range(3), range(3)):
    d = sp.diff(p[i], o[k])
    same(f"14/17/19 jacobian {i}{k}", d, p[i] * ((1 if i == k else 0) - p[k]))
    if i != k:
        # 16 blatherstrike display 6: e^{a_i} e^{a_i} in place of e^{a_i} e^{a_j}
        same(f"16 d6 {i}{k}", d, -sp.exp(o[i]) * sp.exp(o[i]) / Z ** 2, holds=False,
             at={o[0]: 0, o[1]: 1, o[2]: 2})
        same(f"16 d6b {i}{k}", -sp.exp(o[i]) * sp.exp(o[i]) / Z ** 2, -p[i] * p[k],
             holds=False, at={o[0]: 0, o[1]: 1, o[2]: 2})
    # 20 Stan log_softmax (old docs): both cases wrong as written
    wrong = 1 - p[k] if i == k else p[k]
    same(f"20 d2 {i}{k}", d, wrong, holds=False, at={o[0]: 0, o[1]: 1, o[2]: 2})
    # read as the Jacobian of log softmax, the m != k case still has the wrong sign
    dl = sp.diff(sp.log(p[i]), o[k])
    if i == k:
        same(f"20 d2 log-reading {i}{k}", dl, 1 - p[k])
    else:
        same(f"20 d2 log-reading {i}{k}", dl, p[k], holds=False, at={o[0]: 0, o[1]: 1, o[2]: 2})
        same(f"20 fixed page {i}{k}", dl, -p[k])
for k in range(3):
    g = sp.diff(L, o[k])
    same(f"14 d5 line4 k={k}", g, -yv[k] * (1 - p[k]) + sum(yv[i] * p[k] for i in range(3) if i != k))
    same(f"14 d5 line5 k={k}", g, -yv[k] + sum(yv) * p[k])
    same(f"14/17 final needs sum y = 1 k={k}", g, p[k] - yv[k], holds=False,
         at={o[0]: 0, o[1]: 0, o[2]: 0, yv[0]: 1, yv[1]: 1, yv[2]: 0})
    same(f"14/17 final with sum y = 1 k={k}", g.subs(sum1), (p[k] - yv[k]).subs(sum1))
    # 15 zakariapz: l_j = y_j log p_j (display 1), so d l_j / d p_j = + y_j / p_j
    pj = sp.Symbol("pj", positive=True)
    yj = sp.Symbol("yj", real=True)
    same("15 d4 line1", sp.diff(yj * sp.log(pj), pj), sp.diff(-yj * sp.log(pj), pj),
         holds=False, at={yj: 1, pj: sp.Rational(1, 2)})
    dl_dp = [yv[j] / p[j] for j in range(3)]  # true d l_j / d p_j
    sum_line1 = sum(dl_dp[j] * sp.diff(p[j], o[k]) for j in range(3))
    same(f"15 d3 k={k}", g, -sum_line1)
    same(f"15 d8 line1 k={k}", g, sum_line1, holds=False,
         at={o[0]: 0, o[1]: 0, o[2]: 0, yv[0]: 1, yv[1]: 0, yv[2]: 0})
    line2 = sum(-yv[j] / p[j] * p[j] * ((1 if j == k else 0) - p[k]) for j in range(3))
    same(f"15 d8 line2 k={k}", g, line2)
    same(f"15 d8 line3 k={k}", line2, sum(yv[j] * (p[k] - (1 if j == k else 0)) for j in range(3)))

# 18 stats.SE: the one-term chain rule misses the other outputs
tv = sp.symbols("t1:4", real=True)
Et = -sum(tv[j] * sp.log(p[j]) for j in range(3))
same("18 d4 (j = 1)", sp.diff(Et, o[0]), (-tv[0] / p[0]) * sp.diff(p[0], o[0]), holds=False,
     at={o[0]: 0, o[1]: 0, o[2]: 0, tv[0]: 0, tv[1]: 1, tv[2]: 0})
same("18 d9", sp.diff(p[1], o[1]), sp.exp(o[1]) / Z - sp.exp(o[1]) ** 2 / Z ** 2)
same("18 d10", sp.exp(o[1]) / Z - sp.exp(o[1]) ** 2 / Z ** 2, p[1] * (1 - p[1]))

# 19 Stan softmax: covered by the jacobian loop; 20 d1 log softmax = y - logsumexp
for k in range(3):
    same(f"20 d1 k={k}", sp.log(p[k]), o[k] - sp.log(Z))

# 21 logsumexp: any shift m
same("21 d2", sp.log(Z), m + sp.log(sum(sp.exp(q - m) for q in o)))
same("21 d5", Z, sp.exp(m) * sum(sp.exp(q - m) for q in o))

# 22-27 binary cross-entropy / logistic regression
yh = sp.Symbol("yhat", positive=True)
Lb = -(y * sp.log(yh) + (1 - y) * sp.log(1 - yh))
dLb = sp.diff(Lb, yh)
for label, rhs in [("22 L5", -y / yh + (1 - y) / (1 - yh)),
                   ("22 L6", -y * (1 - yh) / (yh * (1 - yh)) + yh * (1 - y) / (yh * (1 - yh))),
                   ("22 L7", (-y + yh * y + yh - yh * y) / (yh * (1 - yh))),
                   ("22 L8", (yh - y) / (yh * (1 - yh))),
                   ("23 l7", -(y / yh - (1 - y) / (1 - yh))),
                   ("23 l8", -(y * (1 - yh) - (1 - y) * yh) / (yh * (1 - yh))),
                   ("24 s4 l4", -(y - y * yh - yh + y * yh) / (yh * (1 - yh))),
                   ("25 d5", -1 * (y / yh - (1 - y) / (1 - yh)))]:
    same(label, dLb, rhs)
same("25 d4", dLb, -1 * (y / yh + (1 - y) / (1 - yh)), holds=False, at={y: 0, yh: sp.Rational(1, 2)})
Lz = Lb.subs(yh, sig(z))
same("22 L1 / 26 / 27", sp.diff(Lz, z), sig(z) - y)
same("26 d7 l3", (-y / yh + (1 - y) / (1 - yh)) * yh * (1 - yh), -y * (1 - yh) + yh * (1 - y))
same("26 d3", sp.diff(sp.log(x) / sp.log(a_), x), 1 / (x * sp.log(a_)))
T_, Lj, w = sp.symbols("T L_j w", real=True)
Lk = sig(w * Lj)
Ek = (T_ - Lk) ** 2 / 2
same("27 output layer", sp.diff(Ek, w), (Lk - T_) * Lk * (1 - Lk) * Lj)

# 28, 29, 30, 31 Gaussian KL (closed forms; the integrals are checked symbolically)
mu1, mu2 = sp.symbols("mu1 mu2", real=True)
s1, s2 = sp.symbols("sigma1 sigma2", positive=True)
X = sp.Symbol("X", real=True)
pdf1 = sp.exp(-(X - mu1) ** 2 / (2 * s1 ** 2)) / sp.sqrt(2 * sp.pi * s1 ** 2)
pdf2 = sp.exp(-(X - mu2) ** 2 / (2 * s2 ** 2)) / sp.sqrt(2 * sp.pi * s2 ** 2)
def expect_p1(h: sp.Expr) -> sp.Expr:
    """The integral of pdf1 * h over the real line, simplified."""
    return sp.simplify(sp.integrate(sp.expand(pdf1 * h), (X, -sp.oo, sp.oo)))


ent = expect_p1(sp.expand_log(sp.log(pdf1), force=True))
cross = -expect_p1(sp.expand_log(sp.log(pdf2), force=True))
KL = cross + ent
same("28 d2", ent, -sp.Rational(1, 2) * (1 + sp.log(2 * sp.pi * s1 ** 2)))
same("28 d10", cross, sp.log(2 * sp.pi * s2 ** 2) / 2 + (s1 ** 2 + (mu1 - mu2) ** 2) / (2 * s2 ** 2))
same("28 d8", sp.integrate(X ** 2 * pdf1, (X, -sp.oo, sp.oo)), s1 ** 2 + mu1 ** 2)
same("28 d11 last line", KL, sp.log(s2 / s1) + (s1 ** 2 + (mu1 - mu2) ** 2) / (2 * s2 ** 2),
     holds=False, at={mu1: 0, mu2: 0, s1: 1, s2: 1})
same("29 d1 / 31 d9", KL, sp.log(s2 / s1) + (s1 ** 2 + (mu1 - mu2) ** 2) / (2 * s2 ** 2) - sp.Rational(1, 2))
unit = {mu2: 0, s2: 1}
same("29 d2", KL.subs(unit), -sp.log(s1) + (s1 ** 2 + mu1 ** 2) / 2 - sp.Rational(1, 2))
same("29 d3", KL.subs(unit), -sp.Rational(1, 2) * (2 * sp.log(s1) - s1 ** 2 - mu1 ** 2 + 1))
same("29 d4", KL.subs(unit), -sp.Rational(1, 2) * (sp.log(s1) - s1 - mu1 ** 2 + 1), holds=False,
     at={mu1: 0, s1: 2})
# 29 d4 is display 3 with the variance in place of sigma_1 (the Keras parametrisation)
vv = sp.Symbol("var", positive=True)
d3 = -sp.Rational(1, 2) * (2 * sp.log(s1) - s1 ** 2 - mu1 ** 2 + 1)
same("29 d4 as variance", d3.subs(s1, sp.sqrt(vv)), -sp.Rational(1, 2) * (sp.log(vv) - vv - mu1 ** 2 + 1))
same("30 rows 2-3", sp.log(1 / sp.sqrt(2 * sp.pi * s2 ** 2)), -sp.log(2 * sp.pi * s2 ** 2) / 2)
same("31 d7", sp.integrate((X - mu2) ** 2 * pdf1, (X, -sp.oo, sp.oo)), s1 ** 2 + (mu1 - mu2) ** 2)

# 32, 33 Adam bias correction
g1, g2, g3, g = sp.symbols("g1 g2 g3 g", real=True)
m1 = (1 - beta) * g1
m2 = beta * m1 + (1 - beta) * g2
m3 = beta * m2 + (1 - beta) * g3
same("32 (10)", m2, beta * (1 - beta) * g1 + (1 - beta) * g2)
same("32 (11)", m3, beta ** 2 * (1 - beta) * g1 + beta * (1 - beta) * g2 + (1 - beta) * g3)
i_, T = sp.symbols("i T", integer=True, positive=True)
same("32 (13)", sp.summation((1 - beta) * beta ** i_, (i_, 0, T - 1)), 1 - beta ** T)
same("33 constant g", sp.summation((1 - beta) * beta ** (T - i_) * g, (i_, 1, T)), g * (1 - beta ** T))
same("33 m1", sp.Rational(9, 10) * 0 + sp.Rational(1, 10) * 5, sp.Rational(1, 2))
same("33 m2", sp.Rational(9, 10) * sp.Rational(1, 2) + sp.Rational(1, 10) * 5, sp.Rational(95, 100))
same("33 m10 exact", 5 * (1 - sp.Rational(9, 10) ** 10), 5 * (1 - sp.Rational(349, 1000)), holds=False, at={})
same("33 m10 rounded", 5 * sp.Rational(651, 1000), sp.Rational(326, 100), holds=False, at={})

# 34 click4ai swish: the second form needs beta = 1
bb = sp.Symbol("b", real=True)
sw = x * sig(bb * x)
dsw = sp.diff(sw, x)
same("34 l2", dsw, sig(bb * x) + bb * x * sig(bb * x) * (1 - sig(bb * x)))
same("34 l3", dsw, sw + sig(bb * x) * (bb - bb * sw), holds=False, at={x: 0, bb: 2})
same("34 l3 at beta = 1", dsw.subs(bb, 1), (sw + sig(bb * x) * (bb - bb * sw)).subs(bb, 1))
same("34 correct form", dsw, bb * sw + sig(bb * x) * (1 - bb * sw))

# 35, 36, 37 softplus
sp_ = sp.log(1 + sp.exp(x))
same("35-37", sp.diff(sp_, x), sp.exp(x) / (1 + sp.exp(x)))
same("35 l2", sp.exp(x) / (1 + sp.exp(x)), sp.exp(x) / (sp.exp(x) * (sp.exp(-x) + 1)))
same("36 l4", sp.exp(x) / (1 + sp.exp(x)), (sp.exp(x) / sp.exp(x)) / (1 / sp.exp(x) + sp.exp(x) / sp.exp(x)))
same("35-37 sigmoid", sp.exp(x) / (1 + sp.exp(x)), S)
same("37 numeric exact", S.subs(x, sp.Rational(1, 2)), sp.Rational(622459, 10 ** 6), holds=False, at={})

# 38 jemoka: the 1/2 is dropped
r1, r2 = sp.symbols("r1 r2", real=True)  # residuals (X theta - y)_i
same("38", sp.Rational(1, 2) * (r1 ** 2 + r2 ** 2), r1 ** 2 + r2 ** 2, holds=False, at={r1: 1, r2: 0})

# 40 GELU: d/dx x Phi(x) = Phi(x) + x phi(x)
Phi = (1 + sp.erf(x / sp.sqrt(2))) / 2
phi = sp.exp(-x ** 2 / 2) / sp.sqrt(2 * sp.pi)
same("40 d4", sp.diff(x * Phi, x), Phi + x * phi)
same("40 d2", sp.diff(Phi, x), phi)

# 41 layer norm (D = 3): the variance path to mu vanishes; d xhat / d sigma^2, d xhat / d mu
xs = sp.symbols("x1:4", real=True)
mu_, var_, eps = sp.Symbol("mu", real=True), sp.Symbol("var", positive=True), sp.Symbol("eps", positive=True)
mean = sum(xs) / 3
same("41 path 2", (-sp.Rational(2, 3) * sum(q - mu_ for q in xs)).subs(mu_, mean), 0)
same("41 dxhat/dvar", sp.diff((xs[0] - mu_) / sp.sqrt(var_ + eps), var_),
     (xs[0] - mu_) * (-sp.Rational(1, 2) * (var_ + eps) ** sp.Rational(-3, 2)))
same("41 dxhat/dmu", sp.diff((xs[0] - mu_) / sp.sqrt(var_ + eps), mu_), -1 / sp.sqrt(var_ + eps))
same("41 dvar/dmu", sp.diff(sum((q - mu_) ** 2 for q in xs) / 3, mu_),
     -sp.Rational(2, 3) * sum(q - mu_ for q in xs))

print(f"{len(CHECKED)} relations checked, all as judged")
