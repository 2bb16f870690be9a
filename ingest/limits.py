"""Bounds on one ingest: file size, page count, and time per page and per document.

The four numbers are settings (``max_upload_mb``, ``max_pages``, ``page_time_s``,
``document_time_s``; see the README's Configuration table). :class:`Budget`
carries them through the reading of one file and raises
:class:`~ingest.errors.LimitExceeded` with a one-line message (and its Chinese
line for the chat) as soon as one is passed. The time checks are cooperative:
:mod:`ingest.pdf` calls :meth:`Budget.check` while pdfminer parses a page's
content (every few thousand characters and rules), between the bands of a
huge page's table finding and between stages, so the work stops within a
fraction of a second of the budget, not when the page is done.

A time budget of 0 means no limit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from .errors import LimitExceeded

__all__ = ["Budget", "Limits"]


@dataclass(frozen=True)
class Limits:
    max_upload_mb: int = 50
    max_pages: int = 500
    page_time_s: float = 10.0
    document_time_s: float = 300.0

    @classmethod
    def from_settings(cls, settings: Any) -> Limits:
        """The limits a Settings object holds (defaults for any it does not have)."""
        base = cls()
        return cls(**{k: getattr(settings, k, getattr(base, k)) for k in cls.__dataclass_fields__})


def _mb(n_bytes: int) -> str:
    return f"{n_bytes / 1024 / 1024:.1f}"


class Budget:
    """The limits applied to one file, with the clocks of the document and of its current page."""

    def __init__(self, name: str, limits: Limits | None = None) -> None:
        self.name = name
        self.limits = limits or Limits()
        self.started = time.monotonic()
        self.page: int | None = None
        self.pages: int | None = None
        self.page_started = self.started
        self.page_objects = 0  # characters and rules parsed on the current page so far

    # -- size and pages ------------------------------------------------------------------

    def check_size(self, n_bytes: int) -> None:
        most = self.limits.max_upload_mb
        if n_bytes > most * 1024 * 1024:
            raise LimitExceeded(
                f"{self.name} is {_mb(n_bytes)} MB; the largest file accepted is {most} MB "
                f"(BUDGET_QA_MAX_UPLOAD_MB); split the document or raise the limit",
                f"{{name}}有 {_mb(n_bytes)} MB，超过上限 {most} MB。请拆分文件后再上传"
                f"（或调高 BUDGET_QA_MAX_UPLOAD_MB）。",
            )

    def check_pages(self, pages: int) -> None:
        self.pages = pages
        most = self.limits.max_pages
        if pages > most:
            raise LimitExceeded(
                f"{self.name} has {pages} pages; the most accepted is {most} (BUDGET_QA_MAX_PAGES); "
                f"split the document or raise the limit",
                f"{{name}}有 {pages} 页，超过上限 {most} 页。请拆分文件后再上传（或调高 BUDGET_QA_MAX_PAGES）。",
            )

    # -- time ------------------------------------------------------------------------------

    def start_page(self, number: int) -> None:
        self.check()
        self.page = number
        self.page_started = time.monotonic()
        self.page_objects = 0

    def end_page(self) -> None:
        self.check()
        self.page = None

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def check(self) -> None:
        """Raise LimitExceeded when the current page or the whole document is over its time."""
        now = time.monotonic()
        lim = self.limits
        if self.page is not None and lim.page_time_s and now - self.page_started > lim.page_time_s:
            seen = f", {self.page_objects:,} characters and rules read so far" if self.page_objects else ""
            raise LimitExceeded(
                f"{self.name} page {self.page} takes longer than the per-page budget of "
                f"{lim.page_time_s:g} s to read (BUDGET_QA_PAGE_TIME_S{seen}); split that page "
                f"or raise the limit",
                f"{{name}}第 {self.page} 页内容过多，读取超过每页时限 {lim.page_time_s:g} 秒，已停止导入。"
                f"请拆分该页（或调高 BUDGET_QA_PAGE_TIME_S）后再上传。",
            )
        if lim.document_time_s and now - self.started > lim.document_time_s:
            where = f" (stopped at page {self.page} of {self.pages})" if self.page and self.pages else ""
            raise LimitExceeded(
                f"{self.name} takes longer than the per-document budget of {lim.document_time_s:g} s "
                f"to read{where} (BUDGET_QA_DOCUMENT_TIME_S); split the document or raise the limit",
                f"{{name}}读取超过每份文件时限 {lim.document_time_s:g} 秒，已停止导入。"
                f"请拆分文件（或调高 BUDGET_QA_DOCUMENT_TIME_S）后再上传。",
            )
