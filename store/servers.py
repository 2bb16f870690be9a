"""The store on servers: PostgreSQL for the document registry, table rows and source files, a
Chroma server for the narrative vectors. Chosen when ``database_url`` and ``chroma_url`` are set
(``Store(settings)`` and ``StoreWriter(settings)`` of :mod:`store.local` return these classes);
it has the same interface, so ingest and the assistant do not know which one they use.

PostgreSQL (the tables live in the connection's current schema, ``public`` by default)::

    documents       the registry: one row per document, its body (JSON), the ingest that wrote it
                    and the ingest whose vectors are its narrative chunks (``vectors``)
    rows            one row per stored cell, indexed by document, table, code and name
    files           the source file bytes of each document (bytea), so that chat processes on
                    other machines render cited pages; cached under ``data_dir/server-files``
    pending_vectors ingests that may have written vectors no registry row names yet
    stale_vectors   ``<doc>:<ingest>`` keys of replaced chunks still to be removed from Chroma
    meta            version (goes up with each change), embedding_model, collection

Chroma: one collection (its name is in ``meta``, so two stores never share one), every vector
tagged with ``doc_id``, ``ingest`` and ``key`` = ``<doc>:<ingest>``. Readers ask only for the keys
the registry names, so vectors written before their registry row commits are never seen.

A change:

1. The writer takes a PostgreSQL advisory lock (session level, per schema), waiting up to
   ``write_wait_s``: one writer at a time across processes and machines. A killed writer's
   connection closes and the server releases its lock.
2. It removes what a killed writer left: vectors of ingests still in ``pending_vectors`` and
   vectors of ``stale_vectors``.
3. It notes its ingest in ``pending_vectors`` (committed) and embeds the new chunks into Chroma.
4. Files, rows and registry rows (last) are written in one transaction that also drops its
   ``pending_vectors`` row and notes the replaced chunks in ``stale_vectors``: readers see the
   whole document or nothing. After the commit the replaced chunks are deleted from Chroma.
   A failed change deletes its vectors; a killed one leaves them for step 2.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ingest.errors import StoreError
from ingest.model import Document
from store.config import Settings
from store.passage import Passage

__all__ = ["ServerStore", "ServerStoreWriter", "chroma_client", "safe_url", "store_location", "uses_servers"]

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
EMBED_BATCH = 64
POLL_S = 0.2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, name TEXT NOT NULL, title TEXT, issuer TEXT, year INTEGER,
    kind TEXT, unit TEXT, source TEXT, pages INTEGER, sha256 TEXT, ingested_at DOUBLE PRECISION,
    n_tables INTEGER, n_rows INTEGER, n_chunks INTEGER, body TEXT NOT NULL,
    ingest TEXT, vectors TEXT
);
CREATE TABLE IF NOT EXISTS rows (
    doc_id TEXT NOT NULL, table_key TEXT NOT NULL, table_id TEXT NOT NULL, table_title TEXT,
    role TEXT, unit TEXT, page INTEGER, row_index INTEGER NOT NULL, code TEXT, name TEXT,
    parent_code TEXT, side TEXT, column_name TEXT NOT NULL, printed TEXT, value TEXT
);
CREATE INDEX IF NOT EXISTS rows_doc ON rows(doc_id, table_key);
CREATE INDEX IF NOT EXISTS rows_code ON rows(code, doc_id);
CREATE INDEX IF NOT EXISTS rows_name ON rows(name, doc_id);
CREATE TABLE IF NOT EXISTS files (name TEXT PRIMARY KEY, doc_id TEXT NOT NULL, data BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS pending_vectors (ingest TEXT PRIMARY KEY, started DOUBLE PRECISION);
CREATE TABLE IF NOT EXISTS stale_vectors (key TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""

_ROW_COLUMNS = ("doc_id, table_key, table_id, table_title, role, unit, page, row_index, code, name, "
                "parent_code, side, column_name, printed, value")
_LOCK_KEY = "hashtext('budget_qa writer ' || current_schema())"


def uses_servers(settings: Settings) -> bool:
    """True when the settings point at PostgreSQL and a Chroma server (both are needed)."""
    db, ch = getattr(settings, "database_url", ""), getattr(settings, "chroma_url", "")
    if bool(db) != bool(ch):
        raise StoreError("set both BUDGET_QA_DATABASE_URL and BUDGET_QA_CHROMA_URL (the rows live in "
                         "PostgreSQL, the vectors in a Chroma server), or neither for the local store")
    return bool(db)


def store_location(settings: Settings) -> str:
    """Where the store is, for messages: the data_dir folder, or the two servers."""
    if getattr(settings, "database_url", "") or getattr(settings, "chroma_url", ""):
        return f"PostgreSQL {safe_url(settings.database_url)} + Chroma {settings.chroma_url}"
    return str(settings.data_dir)


def _connect(url: str) -> Any:
    import psycopg

    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise StoreError(f"cannot reach the PostgreSQL server of BUDGET_QA_DATABASE_URL: {first}") from None


def chroma_client(url: str) -> Any:
    """A ``chromadb.HttpClient`` for ``http(s)://host:port``."""
    import chromadb

    parts = urlsplit(url if "://" in url else f"http://{url}")
    try:
        return chromadb.HttpClient(host=parts.hostname or "127.0.0.1", port=parts.port or 8000,
                                   ssl=parts.scheme == "https",
                                   settings=chromadb.Settings(anonymized_telemetry=False))
    except Exception as e:  # chromadb raises ValueError when nothing answers
        raise StoreError(f"cannot reach the Chroma server of BUDGET_QA_CHROMA_URL ({url}): {e}") from None


def _open_collection(url: str, name: str, model: str) -> Any:
    """The collection as a LangChain Chroma with the project's explicit embedding function."""
    from langchain_chroma import Chroma

    from assistant.embeddings import load_embedder

    return Chroma(collection_name=name, embedding_function=load_embedder(model),
                  client=chroma_client(url),
                  collection_metadata={"hnsw:space": "cosine", "embedding_model": model})


class ServerStore:
    """Read access to the store on servers; safe to share between threads (a small pool of
    PostgreSQL connections, one Chroma client)."""

    def __init__(self, settings: Settings) -> None:
        uses_servers(settings)
        self.settings = settings
        self.root = Path(settings.data_dir)  # only the cache of source files
        self._idle: list[Any] = []
        self._pool_lock = threading.Lock()
        self._chroma: tuple[str, Any] | None = None  # (collection name, Chroma)
        self._chroma_lock = threading.Lock()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def close(self) -> None:
        with self._pool_lock:
            idle, self._idle = self._idle, []
        for con in idle:
            try:
                con.close()
            except Exception:
                pass
        self._chroma = None

    @contextmanager
    def _db(self) -> Iterator[Any]:
        with self._pool_lock:
            con = self._idle.pop() if self._idle else None
        if con is None or con.closed:
            con = _connect(self.settings.database_url)
        ok = False
        try:
            yield con
            ok = True
        finally:
            if ok and not con.closed and len(self._idle) < 16:
                with self._pool_lock:
                    self._idle.append(con)
            else:
                try:
                    con.close()
                except Exception:
                    pass

    def _query(self, sql: str, args: Sequence[Any] = (), dicts: bool = False) -> list[Any]:
        """Rows of ``sql``; none when the tables are not there yet (nothing was ever written)."""
        import psycopg
        from psycopg.rows import dict_row

        for attempt in (1, 2):
            try:
                with self._db() as con:
                    cur = con.cursor(row_factory=dict_row) if dicts else con.cursor()
                    try:
                        return cur.execute(sql, args).fetchall()
                    except psycopg.errors.UndefinedTable:
                        return []
            except psycopg.OperationalError:  # a connection the server closed: one more try
                if attempt == 2:
                    raise
        return []

    # -- like store.local.Store --------------------------------------------------------

    def _meta(self) -> dict[str, str]:
        return dict(self._query("SELECT key, value FROM meta"))

    def manifest(self) -> dict[str, Any]:
        meta = self._meta()
        if not meta:
            return {}
        return {"schema_version": int(meta.get("schema_version", SCHEMA_VERSION)),
                "embedding_model": meta.get("embedding_model")}

    def check_model(self) -> None:
        built_with = self._meta().get("embedding_model")
        if built_with and built_with != self.settings.embedding_model:
            raise StoreError(
                f"the store in PostgreSQL ({safe_url(self.settings.database_url)}) was built with "
                f"embedding model {built_with!r}, not {self.settings.embedding_model!r}; set "
                f"BUDGET_QA_EMBEDDING_MODEL={built_with} or point BUDGET_QA_DATABASE_URL elsewhere"
            )

    def is_empty(self) -> bool:
        return not self._query("SELECT 1 FROM documents LIMIT 1")

    def version(self) -> int:
        got = self._query("SELECT value FROM meta WHERE key = 'version'")
        return int(got[0][0]) if got else 0

    def list_documents(self) -> list[Any]:
        from store.local import DocumentInfo

        return [
            DocumentInfo(r[0], r[1], r[2] or "", r[3], r[4], r[5], r[6], r[7], r[8], r[9], None)
            for r in self._query(
                "SELECT doc_id, name, title, issuer, year, kind, pages, n_tables, n_rows, n_chunks "
                "FROM documents ORDER BY ingested_at")
        ]

    def documents(self) -> list[Document]:
        from store.local import document_from_json

        return [document_from_json(json.loads(body))
                for (body,) in self._query("SELECT body FROM documents ORDER BY ingested_at")]

    def document(self, doc_id: str) -> Document | None:
        """One document, whole, read from its registry row (None when it is not in the store)."""
        from store.local import document_from_json

        got = self._query("SELECT body FROM documents WHERE doc_id = %s", (doc_id,))
        return document_from_json(json.loads(got[0][0])) if got else None

    def pdf_path(self, doc_id: str) -> Path | None:
        """The document's PDF, fetched from PostgreSQL once into ``data_dir/server-files``."""
        got = self._query("SELECT source FROM documents WHERE doc_id = %s", (doc_id,))
        if not got or not got[0][0] or not got[0][0].lower().endswith(".pdf"):
            return None
        name = got[0][0]
        target = self.root / "server-files" / name
        if target.exists():
            return target
        data = self._query("SELECT data FROM files WHERE name = %s", (name,))
        if not data:
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{name}.{uuid.uuid4().hex[:8]}")
        tmp.write_bytes(bytes(data[0][0]))
        os.replace(tmp, target)
        return target

    def find_rows(self, code: str | None = None, name: str | None = None,
                  doc_id: str | None = None) -> list[dict[str, Any]]:
        where, args = [], []
        for col, val in (("code", code), ("name", name), ("doc_id", doc_id)):
            if val is not None:
                where.append(f"{col} = %s")
                args.append(val)
        sql = f"SELECT {_ROW_COLUMNS} FROM rows" + (" WHERE " + " AND ".join(where) if where else "")
        return self._query(sql, args, dicts=True)

    def _collection(self, name: str) -> Any:
        with self._chroma_lock:
            if self._chroma is None or self._chroma[0] != name:
                self._chroma = (name, _open_collection(self.settings.chroma_url, name,
                                                       self.settings.embedding_model))
            return self._chroma[1]

    def search_vectors(self, query: str, k: int, doc_ids: Sequence[str] | None = None,
                       kind: str = "chunk") -> list[Passage]:
        """The ``k`` chunks nearest to ``query`` among the chunks the registry names."""
        self.check_model()
        wanted = set(doc_ids) if doc_ids else None
        keys = [f"{d}:{v}" for d, v in self._query(
            "SELECT doc_id, vectors FROM documents WHERE vectors IS NOT NULL")
            if wanted is None or d in wanted]
        name = self._meta().get("collection")
        if not keys or not name:
            return []
        chroma = self._collection(name)
        vector = chroma.embeddings.embed_query(query)
        flt = {"$and": [{"kind": kind}, {"key": {"$in": keys}}]}
        hits = chroma.similarity_search_by_vector_with_relevance_scores(vector, k=k, filter=flt)
        hits.sort(key=lambda h: h[1])
        return [
            Passage(doc_id=d.metadata["doc_id"], document=d.metadata.get("document", ""),
                    section=d.metadata.get("section", ""), page=d.metadata.get("page") or None,
                    text=d.page_content, score=float(score))
            for d, score in hits[:k]
        ]


class ServerStoreWriter:
    """One change to the store on servers: any number of ``put``/``delete``, visible at once on exit."""

    def __init__(self, settings: Settings, progress: Any = None, on_wait: Any = None) -> None:
        uses_servers(settings)
        self.settings = settings
        self.progress = progress
        self.on_wait = on_wait
        self.ingest = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
        self._con: Any = None
        self._chroma: Any = None
        self._pending = False
        self._puts: list[tuple[Document, str | None, bytes | None, int]] = []
        self._deletes: list[str] = []

    # -- begin / end -----------------------------------------------------------------

    def __enter__(self) -> ServerStoreWriter:
        self._con = _connect(self.settings.database_url)
        try:
            self._acquire()
            self._begin()
        except BaseException:
            self._close()
            raise
        return self

    def _acquire(self) -> None:
        wait_s = self.settings.write_wait_s
        deadline = time.monotonic() + wait_s
        told = False
        while not self._con.execute(f"SELECT pg_try_advisory_lock({_LOCK_KEY})").fetchone()[0]:
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"another ingest is still writing to the store in PostgreSQL "
                    f"({safe_url(self.settings.database_url)}) after {wait_s:g} s of waiting; nothing "
                    "was written — run this ingest again when it has finished, or set "
                    "BUDGET_QA_WRITE_WAIT_S higher")
            if not told and self.on_wait is not None:
                self.on_wait()
            told = True
            time.sleep(POLL_S)

    def _begin(self) -> None:
        con = self._con
        con.execute(_SCHEMA)
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        built_with = meta.get("embedding_model")
        if built_with and built_with != self.settings.embedding_model:
            ServerStore(self.settings).check_model()  # raises the one-line error
        if not built_with or "collection" not in meta:
            con.execute("INSERT INTO meta VALUES ('schema_version', %s), ('embedding_model', %s), "
                        "('collection', %s) ON CONFLICT (key) DO NOTHING",
                        (str(SCHEMA_VERSION), self.settings.embedding_model,
                         f"budget_qa_{uuid.uuid4().hex[:12]}"))
        self._clean()

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        try:
            if exc_type is None:
                self._publish()
                self._clean()
            else:
                self._abandon()
        finally:
            self._close()

    def _close(self) -> None:
        self._chroma = None
        if self._con is not None:
            try:
                self._con.close()  # ends the session: the advisory lock goes with it
            except Exception:
                pass
            self._con = None

    def _collection(self) -> Any:
        if self._chroma is None:
            (name,) = self._con.execute("SELECT value FROM meta WHERE key = 'collection'").fetchone()
            self._chroma = _open_collection(self.settings.chroma_url, name, self.settings.embedding_model)
        return self._chroma

    def _delete_vectors(self, where: dict[str, Any]) -> None:
        self._collection()._collection.delete(where=where)

    def _clean(self) -> None:
        """Remove the vectors no registry row names: a killed writer's, and replaced ones."""
        con = self._con
        pending = [p for (p,) in con.execute("SELECT ingest FROM pending_vectors").fetchall()
                   if p != self.ingest]
        stale = [k for (k,) in con.execute("SELECT key FROM stale_vectors").fetchall()]
        for ingest in pending:
            self._delete_vectors({"ingest": ingest})
            con.execute("DELETE FROM pending_vectors WHERE ingest = %s", (ingest,))
        if stale:
            for start in range(0, len(stale), 500):
                self._delete_vectors({"key": {"$in": stale[start:start + 500]}})
            con.execute("DELETE FROM stale_vectors WHERE key = ANY(%s)", (stale,))

    def _abandon(self) -> None:
        """A failed change: remove the vectors it wrote; the registry never named them."""
        if self._pending and self._con is not None:
            try:
                self._delete_vectors({"ingest": self.ingest})
                self._con.execute("DELETE FROM pending_vectors WHERE ingest = %s", (self.ingest,))
            except Exception:  # the next writer removes them
                log.warning("could not remove the vectors of a failed ingest now; the next one will",
                            exc_info=True)

    def _before_commit(self) -> None:
        """Called inside the publishing transaction, just before it commits (a point tests
        stop a process at)."""

    def _publish(self) -> None:
        con = self._con
        ids = [*self._deletes, *(d.doc_id for d, _n, _b, _c in self._puts)]
        with con.transaction():
            old = con.execute("SELECT doc_id, vectors FROM documents WHERE doc_id = ANY(%s) "
                              "AND vectors IS NOT NULL", (ids,)).fetchall()
            if old:
                con.cursor().executemany("INSERT INTO stale_vectors VALUES (%s) ON CONFLICT DO NOTHING",
                                         [(f"{d}:{v}",) for d, v in old])
            con.execute("DELETE FROM rows WHERE doc_id = ANY(%s)", (ids,))
            con.execute("DELETE FROM files WHERE doc_id = ANY(%s)", (ids,))
            con.execute("DELETE FROM documents WHERE doc_id = ANY(%s)", (ids,))
            cur = con.cursor()
            for doc, stored, data, _n in self._puts:
                if stored is not None and data is not None:
                    cur.execute("INSERT INTO files VALUES (%s, %s, %s)", (stored, doc.doc_id, data))
                with cur.copy(f"COPY rows ({_ROW_COLUMNS}) FROM STDIN") as copy:
                    for t in doc.tables:
                        for i, r in enumerate(t.rows):
                            for col, cell in r.values.items():
                                copy.write_row((doc.doc_id, t.key, t.table_id, t.title, t.role, t.unit,
                                                r.page or t.page, i, r.code, r.name, r.parent_code,
                                                r.side, col, cell.text,
                                                None if cell.value is None else str(cell.value)))
            for doc, stored, _data, n in self._puts:  # the registry rows last
                _insert_document(cur, doc, stored, self.ingest, self.ingest if n else None)
            con.execute("DELETE FROM pending_vectors WHERE ingest = %s", (self.ingest,))
            con.execute("INSERT INTO meta VALUES ('version', '1') ON CONFLICT (key) DO UPDATE "
                        "SET value = (meta.value::bigint + 1)::text")
            self._before_commit()

    # -- changes -------------------------------------------------------------------

    def delete(self, doc_id: str) -> bool:
        if self._con.execute("SELECT 1 FROM documents WHERE doc_id = %s", (doc_id,)).fetchone() is None:
            return False
        self._deletes.append(doc_id)
        return True

    def put(self, doc: Document, source_path: Path | None, embed: bool = True) -> None:
        """Add (or replace) one document: its rows and file, and its chunks' vectors when ``embed``."""
        stored, data = None, None
        if source_path is not None:
            stored = f"{doc.doc_id}-{self.ingest}{Path(source_path).suffix.lower()}"
            data = Path(source_path).read_bytes()
        if any(p[0].doc_id == doc.doc_id and p[3] for p in self._puts):  # put twice in one change
            self._delete_vectors({"key": f"{doc.doc_id}:{self.ingest}"})
        n = self._embed(doc, Path(doc.source).stem) if embed and doc.chunks else 0
        self._puts = [p for p in self._puts if p[0].doc_id != doc.doc_id]
        self._puts.append((doc, stored, data, n))

    def _embed(self, doc: Document, name: str) -> int:
        if not self._pending:  # noted (and committed) before any vector is written
            self._con.execute("INSERT INTO pending_vectors VALUES (%s, %s) ON CONFLICT DO NOTHING",
                              (self.ingest, time.time()))
            self._pending = True
        texts = [f"{c.section}\n{c.text}" if c.section else c.text for c in doc.chunks]
        key = f"{doc.doc_id}:{self.ingest}"
        metas = [{"doc_id": doc.doc_id, "document": name, "kind": "chunk", "ingest": self.ingest,
                  "key": key, "section": c.section, "page": c.page or 0} for c in doc.chunks]
        ids = [f"{key}:{c.chunk_id}" for c in doc.chunks]
        chroma = self._collection()
        for start in range(0, len(texts), EMBED_BATCH):
            end = start + EMBED_BATCH
            chroma.add_texts(texts[start:end], metadatas=metas[start:end], ids=ids[start:end])
            if self.progress is not None:
                self.progress(min(end, len(texts)), len(texts))
        return len(texts)


def _insert_document(cur: Any, doc: Document, stored: str | None, ingest: str,
                     vectors: str | None) -> None:
    from store.local import document_to_json

    cur.execute(
        "INSERT INTO documents VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
        (doc.doc_id, Path(doc.source).stem, doc.title, doc.issuer, doc.year, doc.kind, doc.unit,
         stored, doc.pages, doc.sha256, time.time(), len(doc.tables),
         sum(len(t.rows) for t in doc.tables), len(doc.chunks),
         json.dumps(document_to_json(doc), ensure_ascii=False), ingest, vectors),
    )


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url
