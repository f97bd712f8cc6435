"""What a careful grader says is wrong with each wrong step of the catalog (issue 14): the
kind of slip (checker.diagnosis.KINDS) its diagnosis must name, or None where the engine
proves none, with the reason. Keys are check ids: the catalog's own (derivations/*.py), the
examples' (examples/…toml::id#stepN) and the seed documents' (seeds/…txt::L29#step2, checked
where ../shared/seeds is present). tests/test_catalog_diagnoses.py checks every entry, and
that every refuted step is listed.

Many are None, for a reason worth knowing: a step built in Python at n = 3 (derivations/*.py)
is a value with no text, so a slip such as y_i for y_j is unrolled into numbers of terms that
no single change undoes; a claim that is false as a whole (softmax shift invariance for a
vector c) is not one slip; and a mistake of method (a sum over the outputs left out of a
chain rule, a Jacobian's off-diagonal terms dropped) is not one of the slips the diagnosis
knows. Where the same mistake is written as text (the examples' LaTeX, the seed documents) it
is often found.
"""

from __future__ import annotations

_PYTHON = "built in Python with no text to read back; its value does not show one slip"
_WHOLE = "the claim is false as a whole (not one slip of a right claim)"
_METHOD = "a mistake of method (a sum or a Jacobian's terms left out), not one of the slips"
_SHIFT = "e^(c_j) pulled out of the sum over j: as written here no single change undoes it"
_FOLLOW = "follows a wrong line: no single change relates the two"

EXPECTED: dict[str, tuple[str | None, str]] = {
    # -- derivations/*.py
    "softmax-shift-vector-n2": (None, _WHOLE),
    "softmax-shift-vector-n3": (None, _WHOLE),
    "softmax-shift-000-chain#step4": (None, _SHIFT),
    "sigmoid-derivative-002-chain#step2": ("chain-factor", "d/dx(−x) = −1 left out"),
    "sigmoid-derivative-002-chain#step3": ("sign", "the sign flips back"),
    "ce-grad-without-sum1": (None, _WHOLE),
    "ce-grad-003-chain#step4": (None, "y_i ŷ_i for y_j ŷ_i, " + _PYTHON),
    "ce-grad-003-chain#step7": (None, _PYTHON),
    "ce-grad-003-case-i-neq-j#step3": (None, "y_i for y_j, " + _PYTHON),
    "ce-grad-004-chain#step4": (None, "∂p/∂x_i multiplied in, " + _PYTHON),
    "ce-grad-004-chain#step5": (None, _FOLLOW),
    "logistic-001-dl-dW-as-written": (None, _METHOD),
    "logistic-001-dl-db-as-written": (None, _METHOD),
    "logistic-001-f-definition": ("variable", "e^(x_i) where h_i is meant"),
    "logistic-001-dl-df": (None, _METHOD),
    "backprop-doc000-dCE-dx#step3": (None, "θ² for θ′ entrywise, " + _PYTHON),
    "backprop-doc002-dsigma-dx-parenthesis": ("bracket", "1 − σσ for (1 − σ)σ"),
    "backprop-doc002-dsigma-chain#step2": (None, "a power and a factor dropped together"),
    "backprop-doc002-dsigma-chain#step3": (None, _FOLLOW),
    "backprop-doc002-dL-dx#step2": (None, _METHOD),
    "backprop-doc002-dL-dw1": (None, _METHOD),
    "backprop-doc002-dL-db1": (None, _METHOD),
    "backprop-doc002-forward-typo": (None, "x for σ(w1 x + b1) inside softmax, " + _PYTHON),
    "every-n-softmax-shift-vector": (None, _WHOLE),
    "every-n-softmax-shift-000-chain#step3": (None, _SHIFT),
    "every-n-softmax-jacobian-slipped-index": ("swapped-indices", "s_j written as s_i"),
    "every-n-ce-gradient-no-hypothesis": (None, "Σy = 1 is needed and not given: not a slip"),
    # -- derivations/files/matrix_*.toml (matrix notation)
    "matrix-col-dL-dh-row#step2": ("transpose", "the row (ŷ − y)ᵀW₂ where the gradient is the "
                                                "column W₂ᵀ(ŷ − y), its transpose"),
    "matrix-col-dL-dW1-outer-swapped#step2": ("transpose", "x δ₁ᵀ for δ₁ xᵀ, its transpose"),
    "matrix-col-dL-dW1-sigma-squared#step2":
        ("argument", "σ(z₁) ⊙ σ(z₁) for σ(z₁) ⊙ (1 − σ(z₁)): one factor σ(z₁) where "
                     "σ(−z₁) = 1 − σ(z₁) is meant"),
    "matrix-row-dCE-dh-no-transpose#step2": ("missing-transpose", "V where Vᵀ is meant"),
    "matrix-cookbook-81-symmetric-slip#step2":
        (None, "2Bx for (B + Bᵀ)x, right only for a symmetric B: not one part changed"),
    "matrix-least-squares-transposed#step2": ("transpose",
                                              "2v(Xv − u)ᵀ for 2(Xv − u)vᵀ, its transpose"),
    "matrix-softmax-regression-no-sum-one": (None, "Σ_k y_k = 1 is needed and not given"),
    # -- examples/*.toml
    "examples/000_softmax_sigmoid_backprop.toml::softmax-shift-000-chain#step4": (None, _SHIFT),
    "examples/000_softmax_sigmoid_backprop.toml::softmax-shift-vector-n3": (None, _WHOLE),
    "examples/000_softmax_sigmoid_backprop.toml::softmax-shift-vector-n2": (None, _WHOLE),
    "examples/000_softmax_sigmoid_backprop.toml::backprop-doc000-dCE-dx#step3":
        ("replaced", "σ(z1) ⊙ σ(z1) where σ(z1) ⊙ (1 − σ(z1)) is meant"),
    "examples/001_softmax_shift_regression.toml::logistic-001-dl-dW-as-written": (None, _METHOD),
    "examples/001_softmax_shift_regression.toml::logistic-001-dl-db-as-written": (None, _METHOD),
    "examples/001_softmax_shift_regression.toml::logistic-001-f-definition":
        (None, "a claim between vectors written as one line of Python: e^(x_i) for h_i is "
               "inside softmax's expansion, where no part of the line stands for it"),
    "examples/001_softmax_shift_regression.toml::logistic-001-f-definition-latex#step2":
        (None, "e^(x_i) for h_i inside a sum of the expanded softmax"),
    "examples/001_softmax_shift_regression.toml::logistic-001-dl-df": (None, _METHOD),
    "examples/002_softmax_sigmoid_ce_backprop.toml::sigmoid-derivative-002-chain#step2":
        ("chain-factor", "d/dx(−x) = −1 left out"),
    "examples/002_softmax_sigmoid_ce_backprop.toml::sigmoid-derivative-002-chain#step3":
        ("sign", "the sign flips back"),
    "examples/002_softmax_sigmoid_ce_backprop.toml::backprop-doc002-forward-typo":
        (None, "x for σ(w1 x + b1) inside softmax: the claim has no text to change"),
    "examples/002_softmax_sigmoid_ce_backprop.toml::backprop-doc002-dsigma-dx-parenthesis":
        ("bracket", "1 − σσ for (1 − σ)σ"),
    "examples/002_softmax_sigmoid_ce_backprop.toml::backprop-doc002-dsigma-chain#step2":
        (None, "a power and a factor dropped together"),
    "examples/002_softmax_sigmoid_ce_backprop.toml::backprop-doc002-dsigma-chain#step3":
        (None, _FOLLOW),
    "examples/002_softmax_sigmoid_ce_backprop.toml::backprop-doc002-dL-dx#step2": (None, _METHOD),
    "examples/002_softmax_sigmoid_ce_backprop.toml::backprop-doc002-dL-dw1": (None, _METHOD),
    "examples/002_softmax_sigmoid_ce_backprop.toml::backprop-doc002-dL-db1": (None, _METHOD),
    "examples/002_softmax_sigmoid_ce_backprop.toml::backprop-doc002-dL-dw1-latex#step2":
        (None, _METHOD),
    "examples/002_softmax_sigmoid_ce_backprop.toml::backprop-doc002-dL-db1-latex#step2":
        (None, _METHOD),
    "examples/003_softmax_jacobian_ce.toml::ce-grad-003-chain#step4":
        ("swapped-indices", "y_i ŷ_i for y_j ŷ_i"),
    "examples/003_softmax_jacobian_ce.toml::ce-grad-003-chain#step7":
        ("factor", "Σ_j y_i taken as 1 (it is n·y_i)"),
    "examples/003_softmax_jacobian_ce.toml::ce-grad-003-case-i-neq-j#step3":
        ("swapped-indices", "y_i for y_j"),
    "examples/004_tanh_softmax_loglinear_conv.toml::ce-grad-without-sum1": (None, _WHOLE),
    "examples/004_tanh_softmax_loglinear_conv.toml::ce-grad-004-chain#step4":
        ("factor", "∂log p/∂x_i multiplied by ∂p/∂x_i"),
    "examples/004_tanh_softmax_loglinear_conv.toml::ce-grad-004-chain#step5": (None, _FOLLOW),
    "examples/every_n.toml::shift-vector-000#step3": (None, _SHIFT),
    "examples/every_n.toml::ce-no-hypothesis": (None, "Σy = 1 is needed and not given"),
    # -- the seed documents (../shared/seeds), read with examples/seeds/*.toml
    "seeds/000_b36c20cad08429e7.txt::L29#step2":
        (None, "the softmax of single numbers read literally (the sidecar's note)"),
    "seeds/000_b36c20cad08429e7.txt::L33#step2":
        ("factor", "e^(c_j) taken out of the sum over j as e^(c_i): they cancel only if equal"),
    "seeds/000_b36c20cad08429e7.txt::L55#step2":
        (None, "−y_i log ŷ_i for the one-hot term −y_k log ŷ_k: the k is in no line"),
    "seeds/000_b36c20cad08429e7.txt::L55#step3":
        ("factor", "−y_i log ŷ_i → −log softmax(θ): the y_i is dropped, as if y_i = 1"),
    "seeds/002_e30057fdf3f385a3.txt::L78#step2": ("chain-factor", "d/dx(−x) = −1 left out"),
    "seeds/002_e30057fdf3f385a3.txt::L78#step3": ("sign", "the sign flips back"),
    "seeds/002_e30057fdf3f385a3.txt::L116#step3":
        ("replaced", "y_i(1 − ŷ_j) where y_j(1{i = j} − ŷ_j) is meant"),
    "seeds/002_e30057fdf3f385a3.txt::L116#step4": ("swapped-indices", "y_j where y_i is meant"),
    "seeds/002_e30057fdf3f385a3.txt::L130#step3": (None, _METHOD),
    "seeds/003_beea6646e3c6f9ad.txt::L50#step2":
        (None, "under 'when i = j' the sum stands for one term; read literally it does not"),
    "seeds/004_b6c3953bbc586bec.txt::L95#step4":
        ("factor", "∂log p/∂x_i multiplied by ∂p/∂x_i"),
}
