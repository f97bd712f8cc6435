"""Reading user input safely: expression text and LaTeX chains into SymPy objects.

Nothing here executes input: both front ends (Python-syntax expressions read
with :mod:`ast` and a whitelist, and LaTeX read by a small recursive-descent
parser) produce the same neutral tree (:mod:`checker.parse.tree`), which
:mod:`checker.parse.evaluate` turns into SymPy objects with every limit enforced.
"""
