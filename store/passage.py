"""The passage type the store returns from vector search and the assistant cites."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Passage"]


@dataclass(frozen=True)
class Passage:
    """A narrative chunk found for a question."""

    doc_id: str
    document: str  # the document's name (file stem), as cited
    section: str  # heading path joined with " > "
    page: int | None
    text: str
    score: float
