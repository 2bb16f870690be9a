"""An ingest killed (SIGKILL) at any moment leaves the store reading exactly as before, and the
next writer removes what it left behind."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.config import load_settings
from store.local import DB_NAME, Store
from tests.conftest import CORPUS, ROOT

PDF_A = CORPUS / "shili-beicheng-sifaju-2024.pdf"
PDF_B = CORPUS / "shili-donghu-jiaowei-2024-lo.pdf"
TEXT = CORPUS / "nanan-jxw-2024.txt"

# Stops the writer inside its publishing transaction (rows and registry rows written, not
# committed) and says so, so that the test can kill it at that moment.
PAUSE_AT_COMMIT = (
    "import sys, time\n"
    "import store.local\n"
    "def pause(self):\n"
    "    print('publishing: paused', flush=True)\n"
    "    time.sleep(300)\n"
    "store.local.StoreWriter._before_commit = pause\n"
    "from ingest.cli import main\n"
    "sys.argv = ['ingest', *sys.argv[1:]]\n"
    "main()\n"
)


def run_ingest(data_dir: Path, *args: str, code: str | None = None) -> subprocess.Popen:
    env = dict(os.environ, BUDGET_QA_DATA_DIR=str(data_dir))
    cmd = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "ingest", *args]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def reads(data_dir: Path) -> tuple:
    """Everything a reader sees: documents, version, cells, vector hits."""
    store = Store(load_settings(data_dir=data_dir))
    try:
        docs = tuple((d.doc_id, d.name, d.rows, d.chunks, d.source_path) for d in store.list_documents())
        cells = len(store.find_rows())
        hits = tuple((p.doc_id, p.text) for p in store.search_vectors("部门主要职责", 10))
        return docs, store.version(), cells, hits
    finally:
        store.close()


def leftovers(data_dir: Path) -> set[str]:
    """Segment folders and files that no registry row names."""
    con = sqlite3.connect(data_dir / DB_NAME)
    try:
        live = {s for (s,) in con.execute("SELECT segment FROM segments")}
        named = {f for (f,) in con.execute("SELECT source FROM documents WHERE source IS NOT NULL")}
    finally:
        con.close()
    out = {f"vectors/{p.name}" for p in (data_dir / "vectors").iterdir() if p.is_dir() and p.name not in live}
    out |= {f"files/{p.name}" for p in (data_dir / "files").iterdir() if p.name not in named}
    return out


@pytest.fixture(scope="module")
def base_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding one document with its vectors."""
    folder = tmp_path_factory.mktemp("kill") / "store"
    proc = run_ingest(folder, str(PDF_B), "--quiet")
    _out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return folder


def kill_when(proc: subprocess.Popen, marker: str, delay: float = 0.0) -> list[str]:
    seen = []
    for line in proc.stdout:  # type: ignore[union-attr]
        seen.append(line)
        if marker in line:
            break
    else:
        raise AssertionError(f"the ingest ended before {marker!r}: {''.join(seen)} {proc.stderr.read()}")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    return seen


@pytest.mark.parametrize("moment", ["parse", "embedding", "commit"])
def test_killed_ingest_leaves_store_as_it_was(moment: str, base_store: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    shutil.copytree(base_store, data_dir, symlinks=True)
    before = reads(data_dir)
    assert before[0] and before[3]

    if moment == "parse":
        proc = run_ingest(data_dir, str(PDF_A))
        kill_when(proc, "reading:")
    elif moment == "embedding":
        proc = run_ingest(data_dir, str(PDF_A))
        kill_when(proc, "writing store:", delay=1.0)  # file copied, segment being embedded
        assert leftovers(data_dir), "killed too late: nothing was being written"
    else:
        proc = run_ingest(data_dir, str(PDF_A), code=PAUSE_AT_COMMIT)
        for line in proc.stdout:  # type: ignore[union-attr]
            if "publishing: paused" in line:
                break
        assert reads(data_dir) == before  # the transaction is open: readers see nothing of it
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        assert leftovers(data_dir)

    assert proc.returncode == -signal.SIGKILL
    assert reads(data_dir) == before

    # the next writer starts by removing the leftovers, then makes its own change
    nxt = run_ingest(data_dir, str(TEXT), "--no-embed", "--quiet")
    _out, err = nxt.communicate(timeout=600)
    assert nxt.returncode == 0, err
    assert leftovers(data_dir) == set()
    docs, _version, _cells, hits = reads(data_dir)
    assert docs[: len(before[0])] == before[0] and len(docs) == len(before[0]) + 1
    assert hits == before[3]
