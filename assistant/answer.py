"""The one shape every answer takes (the answer format of the gold question sets).

An :class:`Answer` carries its text, whether the documents answer the question
(``found``), the figures it states (each with the place it stands in the
document) and citations (table rows or narrative sections, with page).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

__all__ = ["Answer", "Citation", "Figure", "Source"]


@dataclass(frozen=True)
class Source:
    """Where a figure stands: document, table, row code and name, column, page."""

    document: str
    table: str | None = None
    code: str | None = None
    row: str | None = None
    column: str | None = None
    page: int | None = None
    section: str | None = None  # narrative section, for figures the narrative states
    table_title: str | None = None


@dataclass(frozen=True)
class Figure:
    """An amount the answer states, in ``unit``; ``derived`` figures show their formula."""

    value: Decimal
    unit: str
    label: str
    source: Source | None = None
    formula: str | None = None  # e.g. "4.00 ÷ 10.00 × 100"
    operands: tuple[Figure, ...] = ()

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "value": float(self.value),
            "unit": self.unit,
            "label": self.label,
            "source": _source_json(self.source),
        }
        if self.formula:
            d["formula"] = self.formula
            d["operands"] = [o.to_json() for o in self.operands]
        return d


@dataclass(frozen=True)
class Citation:
    """A statement's origin: a table row (table + code/row) or a narrative section."""

    document: str
    table: str | None = None
    section: str | None = None
    code: str | None = None
    row: str | None = None
    page: int | None = None
    quote: str | None = None
    column: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    question: str
    text: str
    found: bool
    figures: list[Figure] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    latency_ms: float = 0.0
    route: str = ""  # lookup | narrative | arithmetic | multi | refusal | ...
    language: str = "zh"
    scope: list[str] = field(default_factory=list)  # the documents the answer was read from
    asked_as: str = ""  # the question as read on its own, when it leaned on the one before it

    def to_json(self, qid: str | None = None) -> dict[str, Any]:
        d: dict[str, Any] = {}
        if qid is not None:
            d["id"] = qid
        d.update(
            {
                "question": self.question,
                "answer": self.text,
                "found": self.found,
                "figures": [f.to_json() for f in self.figures],
                "citations": [c.to_json() for c in self.citations],
                "latency_ms": round(self.latency_ms, 2),
                "route": self.route,
                "documents": list(self.scope),
            }
        )
        if self.asked_as:
            d["asked_as"] = self.asked_as
        return d


def _source_json(s: Source | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {k: v for k, v in asdict(s).items() if k != "table_title" or v}
