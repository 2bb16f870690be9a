"""The answer to one part of a question, and the base the part handlers share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.answer import Citation, Figure
from assistant.lookup import Match
from assistant.vocabulary import Vocabulary

__all__ = ["HandlerBase", "Part", "no_answer"]


@dataclass
class Part:
    """The answer to one part of a question."""

    text: str
    found: bool
    figures: list[Figure] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    route: str = ""
    matches: list[Match] = field(default_factory=list)
    subject: str = ""


def no_answer(text: str) -> Part:
    return Part(text, False, route="refusal")


class HandlerBase:
    """What every handler mixin reads: the owning assistant (tables, narrative, search) and the vocabulary."""

    a: Any
    vocab: Vocabulary
