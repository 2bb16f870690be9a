"""Progress events: parsing reports what it has done; the caller decides how to show it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Progress", "ProgressCallback", "emit"]


@dataclass(frozen=True)
class Progress:
    stage: str  # open | page | tables | narrative | checks | embed | store | done
    done: int = 0  # pages (or items) done so far
    total: int = 0  # pages (or items) in all
    tables: int = 0
    rows: int = 0
    message: str = ""


ProgressCallback = Callable[[Progress], None]


def emit(callback: ProgressCallback | None, event: Progress) -> None:
    if callback is not None:
        callback(event)
