"""The local store: SQLite for the document registry and table rows, Chroma for
narrative chunks. Several writers (CLI ingests, chat uploads, in any process)
and many readers share one folder.

Layout under ``data_dir``::

    .write.lock               one writer at a time (fcntl.flock, held for the whole change)
    manifest.json             schema version and the embedding model that built the store
    store.sqlite              documents (the registry), rows, segments, meta — SQLite in WAL mode
    vectors/<segment>/        one Chroma folder per ingest, never written once registered
    vectors/<segment>.lock    readers hold a shared flock on it while they use the segment
    files/<doc>-<ingest>.pdf  the source file of each stored document

A change writes only what changed, with no copy of the rest of the store:

1. The writer takes ``.write.lock`` (waiting up to ``write_wait_s``) and then
   reads the store as it is, so two ingests one after the other both land.
2. It cleans what a killed writer left: segment folders and files that no
   registry row names (a live writer would hold the lock), and old segments
   that no reader holds any more.
3. Each new document's source file is copied under a name of its own and its
   chunks are embedded into a *new* Chroma segment (ids
   ``<doc>:<ingest>:<chunk>``). Readers never open a segment that is being
   written: embedded Chroma is not safe to read while another process writes it.
4. Rows, the registry row (documents.segment = the new segment) and the
   segment list are written in one SQLite transaction. A document becomes
   visible — rows, body and vectors at once — when that transaction commits;
   a failed or killed ingest commits nothing and leaves only unnamed leftovers
   for step 2.
5. Segments no document points to any more (a replaced document's old chunks)
   are dropped from the list in the same transaction and their folders removed
   once no reader holds them. When more than ``MAX_SEGMENTS`` are live, the
   writer merges the smaller ones into one (vectors copied, not re-embedded),
   leaving the largest untouched, so readers query a bounded number of them.

Readers query every live segment for the documents it holds for them (the
registry says which segment holds each document's current chunks) and merge
the hits by distance.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ingest.errors import StoreError
from ingest.model import Cell, CheckResult, Chunk, Document, Row, Section, Table
from store.config import Settings
from store.lock import WriteLock, hold_shared, release, remove_unheld
from store.passage import Passage

__all__ = ["DocumentInfo", "Store", "StoreWriter"]

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
COLLECTION = "budget_qa"
EMBED_BATCH = 64  # chunks embedded (and written to Chroma) per call
MAX_SEGMENTS = 8  # live vector segments before the smaller ones are merged
DB_NAME = "store.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, name TEXT NOT NULL, title TEXT, issuer TEXT, year INTEGER,
    kind TEXT, unit TEXT, source TEXT, pages INTEGER, sha256 TEXT, ingested_at REAL,
    n_tables INTEGER, n_rows INTEGER, n_chunks INTEGER, body TEXT NOT NULL,
    ingest TEXT, segment TEXT
);
CREATE TABLE IF NOT EXISTS rows (
    doc_id TEXT NOT NULL, table_key TEXT NOT NULL, table_id TEXT NOT NULL, table_title TEXT,
    role TEXT, unit TEXT, page INTEGER, row_index INTEGER NOT NULL, code TEXT, name TEXT,
    parent_code TEXT, side TEXT, column_name TEXT NOT NULL, printed TEXT, value TEXT
);
CREATE INDEX IF NOT EXISTS rows_doc ON rows(doc_id, table_key);
CREATE INDEX IF NOT EXISTS rows_code ON rows(doc_id, code);
CREATE INDEX IF NOT EXISTS rows_name ON rows(doc_id, name);
CREATE TABLE IF NOT EXISTS segments (segment TEXT PRIMARY KEY, created REAL, n_chunks INTEGER);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
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


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=60, isolation_level=None)  # explicit transactions
    con.execute("PRAGMA busy_timeout = 60000")
    return con


class Store:
    """Read access to the store; safe to share between threads."""

    def __new__(cls, settings: Settings, *args: Any, **kwargs: Any) -> Any:
        if cls is Store and (getattr(settings, "database_url", "") or getattr(settings, "chroma_url", "")):
            from store.servers import ServerStore  # PostgreSQL + a Chroma server (store/servers.py)

            return ServerStore(settings)
        return super().__new__(cls)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.root = Path(settings.data_dir)
        self._open: dict[str, tuple[Any, int | None]] = {}  # segment → (Chroma, shared-lock fd)
        self._open_lock = threading.Lock()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def close(self) -> None:
        """Let go of every open vector segment (their folders may then be removed)."""
        with self._open_lock:
            for seg, (_chroma, fd) in list(self._open.items()):
                _release_chroma(self.root / "vectors" / seg)
                release(fd)
            self._open.clear()

    # -- paths ---------------------------------------------------------------

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    def is_empty(self) -> bool:
        return not self.list_documents()

    def manifest(self) -> dict[str, Any]:
        try:
            return json.loads((self.root / "manifest.json").read_text("utf-8"))
        except FileNotFoundError:
            return {}

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
        if not self.db_path.exists() and (self.root / "current").exists():
            with StoreWriter(self.settings):  # the generation layout of earlier versions: convert it
                pass
        if not self.db_path.exists():
            yield None
            return
        con = _connect(self.db_path)
        try:
            con.execute("PRAGMA query_only = ON")
            yield con
        finally:
            con.close()

    def version(self) -> int:
        """A number that goes up with every change written (0 for an empty store)."""
        with self._db() as con:
            if con is None:
                return 0
            row = con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            return int(row[0]) if row else 0

    def list_documents(self) -> list[DocumentInfo]:
        with self._db() as con:
            if con is None:
                return []
            out = []
            for r in con.execute(
                "SELECT doc_id, name, title, issuer, year, kind, pages, n_tables, n_rows, n_chunks, source "
                "FROM documents ORDER BY ingested_at"
            ):
                src = self.root / "files" / r[10] if r[10] else None
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

    def document(self, doc_id: str) -> Document | None:
        """One document, whole, read from its registry row (None when it is not in the store)."""
        with self._db() as con:
            if con is None:
                return None
            row = con.execute("SELECT body FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
            return document_from_json(json.loads(row[0])) if row else None

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

    # -- vector search ---------------------------------------------------------

    def _placement(self) -> dict[str, list[str]]:
        """segment → the documents whose current chunks it holds."""
        with self._db() as con:
            if con is None:
                return {}
            out: dict[str, list[str]] = {}
            for doc_id, seg in con.execute(
                "SELECT doc_id, segment FROM documents WHERE segment IS NOT NULL"
            ):
                out.setdefault(seg, []).append(doc_id)
            return out

    def _segment(self, seg: str) -> Any:
        """The open Chroma of a live segment (opened once, held with a shared lock)."""
        with self._open_lock:
            got = self._open.get(seg)
            if got is not None:
                return got[0]
            folder = self.root / "vectors" / seg
            fd = hold_shared(self.root / "vectors" / f"{seg}.lock")
            if fd is None or not folder.exists():
                release(fd)
                return None
            chroma = open_chroma(folder, self.settings.embedding_model)
            self._open[seg] = (chroma, fd)
            return chroma

    def _let_go(self, live: set[str]) -> None:
        """Release the segments that are no longer live, so that the writer can remove them."""
        with self._open_lock:
            for seg in [s for s in self._open if s not in live]:
                _chroma, fd = self._open.pop(seg)
                _release_chroma(self.root / "vectors" / seg)
                release(fd)

    def search_vectors(self, query: str, k: int, doc_ids: Sequence[str] | None = None,
                       kind: str = "chunk") -> list[Passage]:
        """The ``k`` chunks nearest to ``query`` over every live segment (cosine distance)."""
        self.check_model()
        wanted = set(doc_ids) if doc_ids else None
        for _attempt in range(3):
            placement = self._placement()
            self._let_go(set(placement))
            handles: list[tuple[Any, list[str]]] = []
            for seg, docs in placement.items():
                docs = [d for d in docs if wanted is None or d in wanted]
                if not docs:
                    continue
                chroma = self._segment(seg)
                if chroma is None:  # replaced and removed since the registry was read: read it again
                    break
                handles.append((chroma, docs))
            else:
                break
        vector: list[float] | None = None
        hits: list[tuple[Any, float]] = []
        for chroma, docs in handles:
            if vector is None:
                vector = chroma.embeddings.embed_query(query)
            flt = {"$and": [{"kind": kind}, {"doc_id": {"$in": docs}}]}
            hits += chroma.similarity_search_by_vector_with_relevance_scores(vector, k=k, filter=flt)
        hits.sort(key=lambda h: h[1])
        return [
            Passage(
                doc_id=d.metadata["doc_id"], document=d.metadata.get("document", ""),
                section=d.metadata.get("section", ""), page=d.metadata.get("page") or None,
                text=d.page_content, score=float(score),
            )
            for d, score in hits[:k]
        ]


class StoreWriter:
    """Makes one change to the store: any number of ``put``/``delete``, visible at once on exit.

    >>> with StoreWriter(settings) as w:     # doctest: +SKIP
    ...     w.put(document, source_path)
    """

    def __new__(cls, settings: Settings, *args: Any, **kwargs: Any) -> Any:
        if cls is StoreWriter and (getattr(settings, "database_url", "") or getattr(settings, "chroma_url", "")):
            from store.servers import ServerStoreWriter  # PostgreSQL + a Chroma server

            return ServerStoreWriter(settings, *args, **kwargs)
        return super().__new__(cls)

    def __init__(self, settings: Settings, progress: Any = None, on_wait: Any = None) -> None:
        self.settings = settings
        self.root = Path(settings.data_dir)
        self.progress = progress
        self.on_wait = on_wait  # called once if another writer holds the store
        self.ingest = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
        self._lock = WriteLock(self.root)
        self._created_root = False
        self._con: sqlite3.Connection | None = None
        self._chroma: Any = None
        self._puts: list[tuple[Document, str | None, int]] = []  # doc, stored file, chunks embedded
        self._deletes: list[str] = []
        self._new_files: list[Path] = []

    @property
    def segment_dir(self) -> Path:
        return self.root / "vectors" / self.ingest

    # -- begin / end -------------------------------------------------------------

    def __enter__(self) -> StoreWriter:
        if not self.root.exists():
            self._created_root = True
        # One writer at a time; what follows reads the store as it is once the lock is ours.
        self._lock.acquire(self.settings.write_wait_s, self.on_wait)
        try:
            self._begin()
        except BaseException:
            self._close()
            self._lock.release()
            raise
        return self

    def _begin(self) -> None:
        Store(self.settings).check_model()
        manifest = self.root / "manifest.json"
        if not manifest.exists():
            tmp = self.root / f".manifest-{self.ingest}"
            tmp.write_text(json.dumps({"schema_version": SCHEMA_VERSION,
                                       "embedding_model": self.settings.embedding_model}), "utf-8")
            os.replace(tmp, manifest)
        (self.root / "files").mkdir(exist_ok=True)
        (self.root / "vectors").mkdir(exist_ok=True)
        self._con = _connect(self.root / DB_NAME)
        self._con.execute("PRAGMA journal_mode = WAL")
        self._con.executescript(_SCHEMA)
        if (self.root / "current").exists():
            self._convert_generations()
        self._clean()

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        try:
            if exc_type is None:
                self._publish()
                self._clean()
                self._compact()
                self._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
            else:
                self._abandon()
        finally:
            self._close()
            self._lock.release()

    def _close(self) -> None:
        if self._chroma is not None:
            _release_chroma(self.segment_dir)
            self._chroma = None
        if self._con is not None:
            try:
                self._con.close()
            except sqlite3.Error:
                pass
            self._con = None

    def _abandon(self) -> None:
        """A failed change: remove what it wrote; the registry never named any of it."""
        if self._chroma is not None:
            _release_chroma(self.segment_dir)
            self._chroma = None
        shutil.rmtree(self.segment_dir, ignore_errors=True)
        (self.root / "vectors" / f"{self.ingest}.lock").unlink(missing_ok=True)
        for f in self._new_files:
            f.unlink(missing_ok=True)
        if self._created_root and self._con is not None:
            if not self._con.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
                self._close()
                shutil.rmtree(self.root, ignore_errors=True)

    def _before_commit(self) -> None:
        """Called inside the publishing transaction, just before it commits (a point tests
        stop a process at)."""

    def _publish(self) -> None:
        """Write rows and registry rows in one transaction: the change becomes visible at once."""
        con = self._con
        assert con is not None
        if self._chroma is not None:
            _release_chroma(self.segment_dir)
            self._chroma = None
        old_files: list[str] = []
        con.execute("BEGIN IMMEDIATE")
        try:
            for doc_id in [*self._deletes, *(d.doc_id for d, _f, _n in self._puts)]:
                row = con.execute("SELECT source FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
                if row and row[0]:
                    old_files.append(row[0])
                con.execute("DELETE FROM rows WHERE doc_id = ?", (doc_id,))
                con.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
            n_vectors = sum(n for _d, _f, n in self._puts)
            for doc, stored, n_embedded in self._puts:
                _insert_rows(con, doc)
            for doc, stored, n_embedded in self._puts:  # the registry rows last
                _insert_document(con, doc, stored, self.ingest,
                                 self.ingest if n_embedded else None)
            if n_vectors:
                con.execute("INSERT INTO segments VALUES (?,?,?)", (self.ingest, time.time(), n_vectors))
            con.execute("DELETE FROM segments WHERE segment NOT IN "
                        "(SELECT segment FROM documents WHERE segment IS NOT NULL)")
            con.execute("INSERT INTO meta VALUES ('version', '1') ON CONFLICT(key) DO UPDATE "
                        "SET value = CAST(value AS INTEGER) + 1")
            self._before_commit()
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        stored_now = {f for _d, f, _n in self._puts if f}
        for name in old_files:
            if name not in stored_now:
                (self.root / "files" / name).unlink(missing_ok=True)

    def _clean(self) -> None:
        """Remove what no registry row names: leftovers of killed writers, replaced files,
        and segments no document uses any more (once no reader holds them)."""
        con = self._con
        assert con is not None
        live = {s for (s,) in con.execute("SELECT segment FROM segments")}
        named = {f for (f,) in con.execute("SELECT source FROM documents WHERE source IS NOT NULL")}
        vectors = self.root / "vectors"
        for p in vectors.iterdir() if vectors.exists() else []:
            seg = p.name[:-5] if p.name.endswith(".lock") else p.name
            if seg in live or seg == self.ingest and self._chroma is not None:
                continue
            if p.is_dir():
                remove_unheld(p, vectors / f"{seg}.lock")
            elif not (vectors / seg).exists():
                p.unlink(missing_ok=True)
        files = self.root / "files"
        for p in files.iterdir() if files.exists() else []:
            if p.name not in named and p not in self._new_files:
                p.unlink(missing_ok=True)
        for p in self.root.glob(".manifest-*"):
            p.unlink(missing_ok=True)

    # -- changes ---------------------------------------------------------------

    def delete(self, doc_id: str) -> bool:
        """Remove a document (on exit, with the rest of the change). False if it is not stored."""
        con = self._con
        assert con is not None
        if con.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone() is None:
            return False
        self._deletes.append(doc_id)
        return True

    def put(self, doc: Document, source_path: Path | None, embed: bool = True) -> None:
        """Add (or replace) one document: its rows, and its chunks' vectors when ``embed``."""
        stored_name = None
        if source_path is not None:
            stored_name = f"{doc.doc_id}-{self.ingest}{source_path.suffix.lower()}"
            target = self.root / "files" / stored_name
            self._new_files.append(target)
            shutil.copyfile(source_path, target)
        n = self._embed(doc, Path(doc.source).stem) if embed and doc.chunks else 0
        self._puts = [p for p in self._puts if p[0].doc_id != doc.doc_id]
        self._puts.append((doc, stored_name, n))

    def _segment_store(self) -> Any:
        if self._chroma is None:
            (self.root / "vectors" / f"{self.ingest}.lock").touch()
            self._chroma = open_chroma(self.segment_dir, self.settings.embedding_model)
        return self._chroma

    def _embed(self, doc: Document, name: str) -> int:
        """Embed the narrative chunks, the only texts search reads (table rows are read from
        SQLite by the lookup, never by vector search), in batches of ``EMBED_BATCH``."""
        texts = [f"{c.section}\n{c.text}" if c.section else c.text for c in doc.chunks]
        metas = [{"doc_id": doc.doc_id, "document": name, "kind": "chunk", "ingest": self.ingest,
                  "section": c.section, "page": c.page or 0} for c in doc.chunks]
        ids = [f"{doc.doc_id}:{self.ingest}:{c.chunk_id}" for c in doc.chunks]
        chroma = self._segment_store()
        for start in range(0, len(texts), EMBED_BATCH):
            end = start + EMBED_BATCH
            chroma.add_texts(texts[start:end], metadatas=metas[start:end], ids=ids[start:end])
            if self.progress is not None:
                self.progress(min(end, len(texts)), len(texts))
        return len(texts)

    # -- merging segments ----------------------------------------------------------

    def _compact(self) -> None:
        """Merge the smaller segments into one when more than MAX_SEGMENTS are live."""
        con = self._con
        assert con is not None
        segs = con.execute("SELECT segment, n_chunks FROM segments ORDER BY n_chunks DESC").fetchall()
        if len(segs) <= MAX_SEGMENTS:
            return
        merge = [s for s, _n in segs[1:]]  # the largest stays as it is
        target_id = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}-merged"
        target = self.root / "vectors" / target_id
        (self.root / "vectors" / f"{target_id}.lock").touch()
        moved: list[str] = []
        try:
            dest = open_chroma(target, self.settings.embedding_model)._collection
            for seg in merge:
                docs = [d for (d,) in con.execute("SELECT doc_id FROM documents WHERE segment = ?", (seg,))]
                if not docs:
                    continue
                src = open_chroma(self.root / "vectors" / seg, self.settings.embedding_model)._collection
                got = src.get(where={"doc_id": {"$in": docs}},
                              include=["embeddings", "documents", "metadatas"])
                for start in range(0, len(got["ids"]), 1000):
                    end = start + 1000
                    dest.add(ids=got["ids"][start:end], embeddings=got["embeddings"][start:end],
                             documents=got["documents"][start:end], metadatas=got["metadatas"][start:end])
                _release_chroma(self.root / "vectors" / seg)
                moved.append(seg)
            n = dest.count()
            _release_chroma(target)
            con.execute("BEGIN IMMEDIATE")
            try:
                marks = ",".join("?" * len(moved))
                con.execute(f"UPDATE documents SET segment = ? WHERE segment IN ({marks})", (target_id, *moved))
                con.execute(f"DELETE FROM segments WHERE segment IN ({marks})", moved)
                con.execute("INSERT INTO segments VALUES (?,?,?)", (target_id, time.time(), n))
                con.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version'")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        except Exception:
            _release_chroma(target)
            shutil.rmtree(target, ignore_errors=True)
            (self.root / "vectors" / f"{target_id}.lock").unlink(missing_ok=True)
            log.warning("merging vector segments failed; they stay as they are", exc_info=True)
            return
        self._clean()

    # -- stores written by earlier versions ------------------------------------------

    def _convert_generations(self) -> None:
        """Move a store of the generation layout (``current`` → ``gens/<id>``) into this one."""
        con = self._con
        assert con is not None
        if con.execute("SELECT 1 FROM meta WHERE key = 'converted'").fetchone():
            self._drop_generations()  # converted before, killed before the old folders went
            return
        gen = (self.root / "current").resolve()
        old = sqlite3.connect(gen / "rows.sqlite")
        try:
            docs = old.execute("SELECT doc_id, name, title, issuer, year, kind, unit, source, pages, "
                               "sha256, ingested_at, n_tables, n_rows, n_chunks, body FROM documents"
                               ).fetchall()
            rows = old.execute("SELECT * FROM rows").fetchall()
        finally:
            old.close()
        seg = f"{self.ingest}-converted"
        has_vectors = (gen / "chroma").exists() and any(d[13] for d in docs)
        if has_vectors:
            shutil.copytree(gen / "chroma", self.root / "vectors" / seg)
            (self.root / "vectors" / f"{seg}.lock").touch()
        for d in docs:
            if d[7] and (gen / "files" / d[7]).exists():
                shutil.copyfile(gen / "files" / d[7], self.root / "files" / d[7])
        con.execute("BEGIN IMMEDIATE")
        try:
            con.executemany("INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                            [(*d, "converted", seg if has_vectors and d[13] else None) for d in docs])
            con.executemany("INSERT INTO rows VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            if has_vectors:
                con.execute("INSERT INTO segments VALUES (?,?,?)", (seg, time.time(), sum(d[13] for d in docs)))
            con.execute("INSERT INTO meta VALUES ('version', '1') ON CONFLICT(key) DO UPDATE "
                        "SET value = CAST(value AS INTEGER) + 1")
            con.execute("INSERT INTO meta VALUES ('converted', ?)", (str(gen.name),))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self._drop_generations()

    def _drop_generations(self) -> None:
        (self.root / "current").unlink(missing_ok=True)
        shutil.rmtree(self.root / "gens", ignore_errors=True)


def _insert_rows(con: sqlite3.Connection, doc: Document) -> None:
    con.executemany(
        "INSERT INTO rows VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (doc.doc_id, t.key, t.table_id, t.title, t.role, t.unit, r.page or t.page, i, r.code,
             r.name, r.parent_code, r.side, col, cell.text,
             None if cell.value is None else str(cell.value))
            for t in doc.tables for i, r in enumerate(t.rows) for col, cell in r.values.items()
        ],
    )


def _insert_document(con: sqlite3.Connection, doc: Document, stored: str | None, ingest: str,
                     segment: str | None) -> None:
    con.execute(
        "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (doc.doc_id, Path(doc.source).stem, doc.title, doc.issuer, doc.year, doc.kind, doc.unit,
         stored, doc.pages, doc.sha256, time.time(), len(doc.tables),
         sum(len(t.rows) for t in doc.tables), len(doc.chunks),
         json.dumps(document_to_json(doc), ensure_ascii=False), ingest, segment),
    )


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
    """Forget the cached client for a segment folder so that it can be removed."""
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
