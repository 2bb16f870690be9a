"""The local store: SQLite for documents and table rows, Chroma for narrative chunks.

Layout under ``data_dir``::

    current -> gens/<generation>     (a symbolic link, replaced atomically)
    gens/<generation>/rows.sqlite    documents, tables, rows (exact lookup)
    gens/<generation>/chroma/        Chroma collection (explicit embedding function)
    gens/<generation>/files/         a copy of each ingested source file
    gens/<generation>/manifest.json  embedding model, schema version

A generation is never written once ``current`` points at it. A change is
made in a new generation (a copy of the current one) and becomes visible by
replacing the ``current`` link, so a failed ingest leaves the store exactly as
it was, and readers never see half a change.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from store.config import Settings
from store.lock import WriteLock
from store.passage import Passage
from ingest.errors import StoreError
from ingest.model import Cell, CheckResult, Chunk, Document, Row, Section, Table

__all__ = ["DocumentInfo", "Store", "StoreWriter"]

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
COLLECTION = "budget_qa"
EMBED_BATCH = 64  # chunks embedded (and written to Chroma) per call

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, name TEXT NOT NULL, title TEXT, issuer TEXT, year INTEGER,
    kind TEXT, unit TEXT, source TEXT, pages INTEGER, sha256 TEXT, ingested_at REAL,
    n_tables INTEGER, n_rows INTEGER, n_chunks INTEGER, body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rows (
    doc_id TEXT NOT NULL, table_key TEXT NOT NULL, table_id TEXT NOT NULL, table_title TEXT,
    role TEXT, unit TEXT, page INTEGER, row_index INTEGER NOT NULL, code TEXT, name TEXT,
    parent_code TEXT, side TEXT, column_name TEXT NOT NULL, printed TEXT, value TEXT
);
CREATE INDEX IF NOT EXISTS rows_code ON rows(doc_id, code);
CREATE INDEX IF NOT EXISTS rows_name ON rows(doc_id, name);
"""


@dataclass(frozen=True)
class DocumentInfo:
    doc_id: str
    name: str
    title: str
    issuer: str | None
    year: int | None
    kind: str | None
    pages: int | None
    tables: int
    rows: int
    chunks: int
    source_path: Path | None


class Store:
    """Read access to the current generation of the store."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.root = Path(settings.data_dir)

    # -- paths ---------------------------------------------------------------

    @property
    def current(self) -> Path | None:
        link = self.root / "current"
        if not link.exists():
            return None
        return link.resolve()

    def is_empty(self) -> bool:
        return not self.list_documents()

    def manifest(self) -> dict[str, Any]:
        cur = self.current
        if cur is None:
            return {}
        return json.loads((cur / "manifest.json").read_text("utf-8"))

    def check_model(self) -> None:
        """Refuse to mix embeddings of two models in one store."""
        built_with = self.manifest().get("embedding_model")
        if built_with and built_with != self.settings.embedding_model:
            raise StoreError(
                f"the store in {self.root} was built with embedding model {built_with!r}, "
                f"not {self.settings.embedding_model!r}; set BUDGET_QA_EMBEDDING_MODEL={built_with} "
                "or point BUDGET_QA_DATA_DIR at another folder"
            )

    # -- reading -------------------------------------------------------------

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection | None]:
        cur = self.current
        if cur is None:
            yield None
            return
        con = sqlite3.connect(f"file:{cur / 'rows.sqlite'}?mode=ro", uri=True)
        try:
            yield con
        finally:
            con.close()

    def list_documents(self) -> list[DocumentInfo]:
        with self._db() as con:
            if con is None:
                return []
            out = []
            for r in con.execute(
                "SELECT doc_id, name, title, issuer, year, kind, pages, n_tables, n_rows, n_chunks, source "
                "FROM documents ORDER BY ingested_at"
            ):
                src = self.current / "files" / r[10] if r[10] else None  # type: ignore[operator]
                out.append(
                    DocumentInfo(r[0], r[1], r[2] or "", r[3], r[4], r[5], r[6], r[7], r[8], r[9],
                                 src if src is not None and src.exists() else None)
                )
            return out

    def documents(self) -> list[Document]:
        with self._db() as con:
            if con is None:
                return []
            return [
                document_from_json(json.loads(body))
                for (body,) in con.execute("SELECT body FROM documents ORDER BY ingested_at")
            ]

    def pdf_path(self, doc_id: str) -> Path | None:
        for info in self.list_documents():
            if info.doc_id == doc_id and info.source_path and info.source_path.suffix.lower() == ".pdf":
                return info.source_path
        return None

    def find_rows(self, code: str | None = None, name: str | None = None,
                  doc_id: str | None = None) -> list[dict[str, Any]]:
        """Exact lookup of stored cells by row code or row name."""
        where, args = [], []
        for col, val in (("code", code), ("name", name), ("doc_id", doc_id)):
            if val is not None:
                where.append(f"{col} = ?")
                args.append(val)
        sql = "SELECT * FROM rows" + (" WHERE " + " AND ".join(where) if where else "")
        with self._db() as con:
            if con is None:
                return []
            con.row_factory = sqlite3.Row
            return [dict(r) for r in con.execute(sql, args)]

    def chroma(self) -> Any:
        """The langchain-chroma vector store of the current generation (or None when empty)."""
        cur = self.current
        if cur is None:
            return None
        self.check_model()
        return open_chroma(cur / "chroma", self.settings.embedding_model)

    def search_vectors(self, query: str, k: int, doc_ids: Sequence[str] | None = None,
                       kind: str = "chunk") -> list[Passage]:
        store = self.chroma()
        if store is None:
            return []
        flt: dict[str, Any] = {"kind": kind}
        if doc_ids:
            flt = {"$and": [{"kind": kind}, {"doc_id": {"$in": list(doc_ids)}}]}
        hits = store.similarity_search_with_score(query, k=k, filter=flt)
        return [
            Passage(
                doc_id=d.metadata["doc_id"], document=d.metadata.get("document", ""),
                section=d.metadata.get("section", ""), page=d.metadata.get("page") or None,
                text=d.page_content, score=float(score),
            )
            for d, score in hits
        ]


class StoreWriter:
    """Makes one change to the store in a new generation, then swaps it in.

    >>> with StoreWriter(settings) as w:     # doctest: +SKIP
    ...     w.put(document, source_path)
    """

    def __init__(self, settings: Settings, progress: Any = None,
                 on_wait: Any = None) -> None:
        self.settings = settings
        self.root = Path(settings.data_dir)
        self.progress = progress
        self.on_wait = on_wait  # called once if another writer holds the store
        self.gen: Path | None = None
        self._created_root = False
        self._lock = WriteLock(self.root)

    def __enter__(self) -> StoreWriter:
        if not self.root.exists():
            self._created_root = True
        # One writer at a time; what follows reads the store as it is once the lock is ours.
        self._lock.acquire(self.settings.write_wait_s, self.on_wait)
        try:
            return self._begin()
        except BaseException:
            self._lock.release()
            raise

    def _begin(self) -> StoreWriter:
        reader = Store(self.settings)
        reader.check_model()
        gens = self.root / "gens"
        gens.mkdir(parents=True, exist_ok=True)
        self.gen = gens / f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
        cur = reader.current
        if cur is not None:
            shutil.copytree(cur, self.gen)
        else:
            self.gen.mkdir()
            (self.gen / "files").mkdir()
        manifest = {"schema_version": SCHEMA_VERSION, "embedding_model": self.settings.embedding_model}
        (self.gen / "manifest.json").write_text(json.dumps(manifest), "utf-8")
        self._con = sqlite3.connect(self.gen / "rows.sqlite")
        self._con.executescript(_SCHEMA)
        self._chroma = open_chroma(self.gen / "chroma", self.settings.embedding_model)
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        assert self.gen is not None
        try:
            try:
                self._con.close()
            except sqlite3.Error:
                pass
            _release_chroma(self.gen / "chroma")
            if exc_type is not None:
                shutil.rmtree(self.gen, ignore_errors=True)
                if self._created_root and not (self.root / "current").exists():
                    shutil.rmtree(self.root, ignore_errors=True)
                return
            self._swap()
        finally:
            self._lock.release()

    def _swap(self) -> None:
        assert self.gen is not None
        link = self.root / "current"
        old = link.resolve() if link.exists() else None
        tmp = self.root / f".current-{uuid.uuid4().hex[:8]}"
        os.symlink(os.path.relpath(self.gen, self.root), tmp)
        os.replace(tmp, link)
        if old is not None and old != self.gen:
            shutil.rmtree(old, ignore_errors=True)

    # -- changes ---------------------------------------------------------------

    def delete(self, doc_id: str) -> bool:
        con = self._con
        row = con.execute("SELECT source FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return False
        con.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
        con.execute("DELETE FROM rows WHERE doc_id = ?", (doc_id,))
        con.commit()
        self._chroma.delete(where={"doc_id": doc_id})
        if row[0]:
            (self.gen / "files" / row[0]).unlink(missing_ok=True)  # type: ignore[operator]
        return True

    def put(self, doc: Document, source_path: Path | None, embed: bool = True) -> None:
        """Add (or replace) one document: rows in SQLite, chunks and row texts in Chroma."""
        assert self.gen is not None
        self.delete(doc.doc_id)
        name = Path(doc.source).stem
        stored_name = None
        if source_path is not None:
            stored_name = f"{doc.doc_id}{source_path.suffix.lower()}"
            shutil.copyfile(source_path, self.gen / "files" / stored_name)
        n_rows = sum(len(t.rows) for t in doc.tables)
        con = self._con
        con.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.doc_id, name, doc.title, doc.issuer, doc.year, doc.kind, doc.unit, stored_name,
             doc.pages, doc.sha256, time.time(), len(doc.tables), n_rows, len(doc.chunks),
             json.dumps(document_to_json(doc), ensure_ascii=False)),
        )
        con.executemany(
            "INSERT INTO rows VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (doc.doc_id, t.key, t.table_id, t.title, t.role, t.unit, r.page or t.page, i, r.code,
                 r.name, r.parent_code, r.side, col, cell.text,
                 None if cell.value is None else str(cell.value))
                for t in doc.tables for i, r in enumerate(t.rows) for col, cell in r.values.items()
            ],
        )
        con.commit()
        if embed:
            self._embed(doc, name)

    def _embed(self, doc: Document, name: str) -> None:
        """Embed the narrative chunks, the only texts search reads (table rows are read from
        SQLite by the lookup, never by vector search), in batches of ``EMBED_BATCH``."""
        texts = [f"{c.section}\n{c.text}" if c.section else c.text for c in doc.chunks]
        metas = [{"doc_id": doc.doc_id, "document": name, "kind": "chunk",
                  "section": c.section, "page": c.page or 0} for c in doc.chunks]
        ids = [f"{doc.doc_id}:{c.chunk_id}" for c in doc.chunks]
        for start in range(0, len(texts), EMBED_BATCH):
            end = start + EMBED_BATCH
            self._chroma.add_texts(texts[start:end], metadatas=metas[start:end], ids=ids[start:end])
            if self.progress is not None:
                self.progress(min(end, len(texts)), len(texts))


# -- Chroma --------------------------------------------------------------------

def open_chroma(path: Path, model: str) -> Any:
    import chromadb
    from langchain_chroma import Chroma

    from assistant.embeddings import load_embedder

    client = chromadb.PersistentClient(path=str(path),
                                       settings=chromadb.Settings(anonymized_telemetry=False))
    return Chroma(
        collection_name=COLLECTION,
        embedding_function=load_embedder(model),
        client=client,
        collection_metadata={"hnsw:space": "cosine", "embedding_model": model},
    )


def _release_chroma(path: Path) -> None:
    """Forget the cached client for a generation folder so that it can be moved or removed."""
    try:
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient._identifier_to_system.pop(str(path), None)
    except Exception:  # pragma: no cover - private API; best effort only
        log.debug("could not release chroma client for %s", path)


# -- (de)serialising a Document, keeping printed cell text --------------------

def document_to_json(doc: Document) -> dict[str, Any]:
    def cell(c: Cell) -> list[Any]:
        return [c.text, None if c.value is None else str(c.value)]

    return {
        "doc_id": doc.doc_id, "title": doc.title, "issuer": doc.issuer, "year": doc.year,
        "kind": doc.kind, "unit": doc.unit, "source": doc.source, "pages": doc.pages,
        "sha256": doc.sha256, "region": doc.region, "level": doc.level, "aliases": doc.aliases,
        "tables": [
            {
                "table_id": t.table_id, "title": t.title, "unit": t.unit, "page": t.page,
                "page_end": t.page_end, "columns": t.columns, "role": t.role,
                "column_groups": t.column_groups, "header_rows": t.header_rows,
                "fields": {k: ({"$dec": str(v)} if isinstance(v, Decimal) else v)
                           for k, v in t.fields.items()},
                "seq": t.seq, "note": t.note, "column_paths": t.column_paths,
                "rows": [
                    {"name": r.name, "code": r.code, "page": r.page, "parent_code": r.parent_code,
                     "level": r.level, "side": r.side, "category": r.category,
                     "values": {k: cell(v) for k, v in r.values.items()}}
                    for r in t.rows
                ],
            }
            for t in doc.tables
        ],
        "sections": [{"heading": s.heading, "text": s.text, "page": s.page, "path": s.path}
                     for s in doc.sections],
        "chunks": [{"chunk_id": c.chunk_id, "text": c.text, "section": c.section, "page": c.page}
                   for c in doc.chunks],
        "checks": [{"kind": c.kind, "status": c.status, "table": c.table, "message": c.message,
                    "page": c.page} for c in doc.checks],
    }


def document_from_json(d: dict[str, Any]) -> Document:
    def cell(v: list[Any]) -> Cell:
        return Cell(v[0], None if v[1] is None else Decimal(v[1]))

    tables = []
    for t in d["tables"]:
        fields = {k: (Decimal(v["$dec"]) if isinstance(v, dict) and "$dec" in v else v)
                  for k, v in (t.get("fields") or {}).items()}
        tables.append(Table(
            table_id=t["table_id"], title=t["title"], unit=t["unit"], page=t["page"],
            page_end=t.get("page_end"), columns=t["columns"], role=t.get("role"),
            column_groups=t.get("column_groups"), header_rows=t.get("header_rows") or [],
            fields=fields, seq=t.get("seq"), note=t.get("note"),
            column_paths=t.get("column_paths") or {},
            rows=[Row(name=r["name"], code=r["code"], page=r["page"], parent_code=r["parent_code"],
                      level=r["level"], side=r["side"], category=r["category"],
                      values={k: cell(v) for k, v in r["values"].items()}) for r in t["rows"]],
        ))
    return Document(
        doc_id=d["doc_id"], title=d["title"], issuer=d["issuer"], year=d["year"], kind=d["kind"],
        unit=d["unit"], source=d["source"], pages=d["pages"], sha256=d.get("sha256"), tables=tables,
        region=d.get("region"), level=d.get("level"), aliases=list(d.get("aliases") or []),
        sections=[Section(s["heading"], s["text"], s["page"], s["path"]) for s in d["sections"]],
        chunks=[Chunk(c["chunk_id"], c["text"], c["section"], c["page"]) for c in d["chunks"]],
        checks=[CheckResult(c["kind"], c["status"], c["table"], c["message"], page=c.get("page"))
                for c in d["checks"]],
    )
