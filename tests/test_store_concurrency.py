"""Several writers, one store: one writer at a time across processes, each change based on
the store as it is once the writer holds the lock, so concurrent ingests all land."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from store.config import load_settings
from store.local import Store
from store.lock import WriteLock
from tests.conftest import CORPUS, ROOT

PDF_A = CORPUS / "shili-beicheng-sifaju-2024.pdf"
PDF_B = CORPUS / "shili-donghu-jiaowei-2024-lo.pdf"


def ingest_proc(data_dir: Path, *files: Path, wait_s: float = 300, embed: bool = False) -> subprocess.Popen:
    env = dict(os.environ, BUDGET_QA_DATA_DIR=str(data_dir), BUDGET_QA_WRITE_WAIT_S=str(wait_s))
    args = [sys.executable, "-m", "ingest", *map(str, files), *([] if embed else ["--no-embed"])]
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def names(data_dir: Path) -> set[str]:
    return {d.name for d in Store(load_settings(data_dir=data_dir)).list_documents()}


def test_two_ingests_at_once_both_land(tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    procs = [ingest_proc(data_dir, PDF_A, embed=True), ingest_proc(data_dir, PDF_B, embed=True)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    assert names(data_dir) == {PDF_A.stem, PDF_B.stem}
    store = Store(load_settings(data_dir=data_dir))
    hits = store.search_vectors("主要职能", 50)
    assert {h.document for h in hits} == {PDF_A.stem, PDF_B.stem}


def test_second_writer_waits_then_lands(tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    lock = WriteLock(data_dir)
    lock.acquire(0)
    seen = []
    try:
        proc = ingest_proc(data_dir, PDF_A)
        for line in proc.stdout:  # parsing first, then the wait is announced
            seen.append(line)
            if "waiting for another ingest to finish" in line:
                break
        time.sleep(1)
        assert proc.poll() is None
        assert names(data_dir) == set()
    finally:
        lock.release()
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert any("waiting for another ingest to finish" in ln for ln in seen)
    assert names(data_dir) == {PDF_A.stem}


def test_second_writer_gives_up_with_one_line_and_nothing_lost(tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    first = ingest_proc(data_dir, PDF_B)
    assert first.wait(timeout=300) == 0
    before = names(data_dir)
    with WriteLock(data_dir):
        proc = ingest_proc(data_dir, PDF_A, wait_s=1)
        out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "another ingest" in lines[0], err
    assert "Traceback" not in err
    assert names(data_dir) == before == {PDF_B.stem}


def test_readers_in_threads_while_another_process_writes(tmp_path: Path) -> None:
    import threading

    data_dir = tmp_path / "store"
    first = ingest_proc(data_dir, PDF_B, embed=True)
    assert first.wait(timeout=600) == 0
    store = Store(load_settings(data_dir=data_dir))  # one store shared by every reader thread
    writer = ingest_proc(data_dir, PDF_A, embed=True)
    seen: list[frozenset[str]] = []
    errors: list[BaseException] = []

    def read() -> None:
        while writer.poll() is None:
            try:
                docs = frozenset(h.document for h in store.search_vectors("主要职能", 40))
                listed = frozenset(d.name for d in store.list_documents())
                seen.append(docs)
                assert docs <= listed  # a document is searchable only once it is listed
            except BaseException as e:  # noqa: BLE001 - every failure counts
                errors.append(e)
                return

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    writer.wait(timeout=600)
    for t in threads:
        t.join()
    assert writer.returncode == 0
    assert not errors, errors
    assert seen and set(seen) <= {frozenset({PDF_B.stem}), frozenset({PDF_B.stem, PDF_A.stem})}
    assert {h.document for h in store.search_vectors("主要职能", 40)} == {PDF_A.stem, PDF_B.stem}
    store.close()


def test_gave_up_writer_has_a_chinese_line_for_the_chat(tmp_path: Path) -> None:
    import pytest

    from ingest.errors import StoreError, message_zh

    data_dir = tmp_path / "store"
    with WriteLock(data_dir):
        with pytest.raises(StoreError) as info:
            WriteLock(data_dir).acquire(0.3)
    assert "another ingest" in str(info.value) and "\n" not in str(info.value)
    text = message_zh(info.value, "a.pdf")
    assert "另一个导入" in text and "“a.pdf”" in text and "\n" not in text


def test_cli_ingest_and_chat_upload_at_once_both_land(tmp_path: Path) -> None:
    import threading

    from assistant.ui import ChatBackend

    data_dir = tmp_path / "store"
    backend = ChatBackend(load_settings(data_dir=data_dir))
    events = []
    errors: list[BaseException] = []

    def upload() -> None:
        try:
            backend.ingest(PDF_B, progress=events.append)
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    cli = ingest_proc(data_dir, PDF_A, embed=True)
    chat = threading.Thread(target=upload)
    chat.start()
    _out, err = cli.communicate(timeout=600)
    chat.join(timeout=600)
    assert cli.returncode == 0, err
    assert not errors, errors
    assert names(data_dir) == {PDF_A.stem, PDF_B.stem}
    assert {d.name for d in backend.documents()} == {PDF_A.stem, PDF_B.stem}
