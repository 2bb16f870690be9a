"""From a file to a stored document: read, assemble, check, then write in one change.

``parse_path`` is pure (no store): it reads a PDF or the text/Markdown form of
a disclosure and returns a :class:`Document` with tables, narrative sections,
chunks and check results, or raises an :class:`~ingest.errors.InputError`
with a one-line message. ``ingest_paths`` parses every file first and only
then writes them all to the store in one change (``store.local.StoreWriter``:
one writer at a time, visible when its transaction commits), so a bad file
anywhere leaves the store exactly as it was.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.errors import EmptyFile, InputError, NotADisclosure, NotAPDF
from ingest.events import Progress, ProgressCallback, emit
from ingest.limits import Budget, Limits
from ingest.model import Document, Extracted

if TYPE_CHECKING:
    from store.config import Settings

__all__ = ["IngestResult", "ingest_paths", "parse_path", "read_source"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestResult:
    doc_id: str
    name: str
    title: str
    tables: int
    rows: int
    chunks: int
    checks_ok: int
    checks_rounding: int
    checks_warning: int
    notes: tuple[str, ...] = ()  # the rounding and warning messages, as the checks wrote them

def read_source(path: Path, progress: ProgressCallback | None = None,
                budget: Budget | None = None) -> tuple[Extracted, bytes]:
    """Read a PDF or a text/Markdown disclosure; raise InputError for anything else.

    ``budget`` (default: the default limits) bounds the file size, the page count
    and the reading time.
    """
    if not path.exists():
        raise InputError(f"{path} does not exist; check the path")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the disclosure files inside it")
    budget = budget or Budget(path.name)
    budget.check_size(path.stat().st_size)
    data = path.read_bytes()
    if not data.strip():
        raise EmptyFile(f"{path.name} is empty (0 bytes); give the disclosure PDF itself")
    if data.lstrip()[:5] == b"%PDF-":
        from ingest.pdf import extract_pdf

        return extract_pdf(path, progress, budget=budget), data
    text = _decode_text(data)
    if path.suffix.lower() == ".pdf" or text is None or "\x00" in text:
        raise NotAPDF(
            f"{path.name} is not a PDF (nor a text/Markdown disclosure); "
            "give the disclosure as a PDF with a text layer, or as .txt/.md"
        )
    from ingest.text import extract_text

    return extract_text(text, progress), data

def parse_path(path: Path, chunk_chars: int = 400,
               progress: ProgressCallback | None = None, limits: Limits | None = None) -> Document:
    """The whole document a file holds, checked; raises InputError for bad input.

    ``limits`` (default: the settings' defaults) bound the file's size, pages and
    reading time; going over one raises :class:`~ingest.errors.LimitExceeded`.
    """
    from ingest.checks import run_checks
    from ingest.meta import document_meta, looks_like_disclosure
    from ingest.narrative import build_sections, chunk_sections

    path = Path(path)
    emit(progress, Progress("open", message=path.name))
    budget = Budget(path.name, limits)
    extracted, data = read_source(path, progress, budget)
    budget.check()
    if not looks_like_disclosure(extracted):
        raise NotADisclosure(
            f"{path.name} does not look like a budget disclosure (no 部门预算/决算 tables or "
            "budget narrative found); give a 部门预算 or 部门决算 document"
        )
    sha = hashlib.sha256(data).hexdigest()
    doc_id = sha[:16]
    meta = document_meta(extracted.head_lines, extracted.tables, extracted.lines)
    emit(progress, Progress("narrative", message="sections and chunks"))
    sections = build_sections(extracted.lines)
    doc = Document(
        doc_id=doc_id,
        title=meta.title,
        issuer=meta.issuer,
        year=meta.year,
        kind=meta.kind,
        unit=_main_unit(extracted),
        source=path.name,
        pages=extracted.pages,
        tables=extracted.tables,
        sections=sections,
        sha256=sha,
        region=meta.region,
        level=meta.level,
        aliases=list(meta.aliases),
    )
    doc.chunks = chunk_sections(sections, doc_id, max_chars=chunk_chars)
    budget.check()
    emit(progress, Progress("checks", message="arithmetic checks"))
    doc.checks = run_checks(doc)
    budget.check()
    rows = sum(len(t.rows) for t in doc.tables)
    emit(progress, Progress("parsed", tables=len(doc.tables), rows=rows,
                            message=f"{len(doc.tables)} tables, {rows} rows, {len(doc.chunks)} chunks"))
    return doc

def ingest_paths(
    paths: Sequence[Path],
    settings: Settings,
    progress: ProgressCallback | None = None,
    embed: bool = True,
    dump_json: Path | None = None,
) -> list[IngestResult]:
    """Parse every file, then store them all in one change. Nothing is written if any file fails."""
    from store.local import StoreWriter

    docs: list[tuple[Document, Path]] = []
    for i, p in enumerate(paths, 1):
        emit(progress, Progress("file", done=i - 1, total=len(paths), message=Path(p).name))
        docs.append((parse_path(Path(p), settings.chunk_chars, progress, Limits.from_settings(settings)), Path(p)))
    if dump_json is not None:
        write_dumps([d for d, _ in docs], dump_json)

    def on_embed(done: int, total: int) -> None:
        emit(progress, Progress("embed", done=done, total=total))

    def on_wait() -> None:
        emit(progress, Progress("wait", message="waiting for another ingest to finish"))

    from store.servers import store_location

    emit(progress, Progress("store", message=store_location(settings)))
    with StoreWriter(settings, progress=on_embed, on_wait=on_wait) as writer:
        for doc, p in docs:
            writer.put(doc, p, embed=embed)
    results = [_result(d) for d, _ in docs]
    emit(progress, Progress("done", done=len(results), total=len(results)))
    return results

def write_dumps(docs: Sequence[Document], out_dir: Path) -> list[Path]:
    """Write ``<out_dir>/<document id>.json`` in the shape of the corpus truth files."""
    import json

    from ingest.narrative import top_level_sections

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in docs:
        data = doc.to_truth_dict()
        data["narrative"]["sections"] = [
            {"heading": s.heading, "text": s.text, "page": s.page}
            for s in top_level_sections(doc.sections)
        ]
        target = out_dir / f"{doc.doc_id}.json"
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        written.append(target)
    return written

def _result(doc: Document) -> IngestResult:
    status = [c.status for c in doc.checks]
    return IngestResult(
        doc_id=doc.doc_id,
        name=Path(doc.source).stem,
        title=doc.title,
        tables=len(doc.tables),
        rows=sum(len(t.rows) for t in doc.tables),
        chunks=len(doc.chunks),
        checks_ok=status.count("ok"),
        checks_rounding=status.count("rounding"),
        checks_warning=status.count("warning"),
        notes=tuple(f"{c.status}: {c.message}" for c in doc.checks if c.status != "ok"),
    )

def _main_unit(extracted: Extracted) -> str | None:
    units = [t.unit for t in extracted.tables if t.unit]
    return max(set(units), key=units.count) if units else None

def _decode_text(data: bytes) -> str | None:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return None
