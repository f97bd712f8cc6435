"""The neutral expression tree both front ends produce (positions are 1-based)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Pos:
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"line {self.line}, column {self.col}"


@dataclass(frozen=True)
class Num:
    value: Fraction  # exact: decimals are read as exact rationals
    pos: Pos = Pos()


@dataclass(frozen=True)
class Name:
    id: str
    pos: Pos = Pos()


@dataclass(frozen=True)
class Unary:
    op: str  # "-" or "+"
    operand: Node
    pos: Pos = Pos()


@dataclass(frozen=True)
class Bin:
    op: str  # "+", "-", "*", "/", "**", "@"
    left: Node
    right: Node
    pos: Pos = Pos()


@dataclass(frozen=True)
class Call:
    func: str  # a vocabulary name or a function declared in [context]
    args: tuple[Node, ...]
    pos: Pos = Pos()


@dataclass(frozen=True)
class Index:
    target: Node
    indices: tuple[Node, ...]  # 1-based, as in the documents
    pos: Pos = Pos()


@dataclass(frozen=True)
class Compare:
    op: str  # "==", "<", ">", "<=", ">="
    left: Node
    right: Node
    pos: Pos = Pos()


@dataclass(frozen=True)
class ListLit:
    items: tuple[Node, ...]
    pos: Pos = Pos()


@dataclass(frozen=True)
class TupleLit:
    items: tuple[Node, ...]
    pos: Pos = Pos()


Node = Num | Name | Unary | Bin | Call | Index | Compare | ListLit | TupleLit


class ParseError(Exception):
    """Input that cannot be read: says where and what is allowed instead."""

    def __init__(self, message: str, pos: Pos | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos

    def __str__(self) -> str:
        return f"{self.pos}: {self.message}" if self.pos else self.message
