"""The chat's ``/chat`` API endpoint, called with gradio_client against the running app."""

from __future__ import annotations

import pytest

from app_fixtures import READY_TIMEOUT_S, app_server, app_url  # noqa: F401  (pytest fixtures)

gradio_client = pytest.importorskip("gradio_client")


@pytest.fixture(scope="module")
def client(app_url: str):  # noqa: F811
    return gradio_client.Client(app_url, verbose=False)


def _ask(client, question: str) -> str:
    job = client.submit(question, api_name="/chat")
    return job.result(timeout=READY_TIMEOUT_S)


def test_chat_endpoint_is_listed(client):
    api = client.view_api(print_info=False, return_format="dict")
    assert "/chat" in api["named_endpoints"]
    params = api["named_endpoints"]["/chat"]["parameters"]
    assert len(params) == 1 and params[0]["parameter_name"] == "question"


def test_chat_answers_a_figure_question(client):
    text = _ask(client, "经信委今年招待客人花多少钱？")
    assert isinstance(text, str)
    assert "4" in text and "万元" in text


def test_chat_with_predict(client):
    text = client.predict("2150517 产业发展预算多少", api_name="/chat")
    assert isinstance(text, str)
    assert "1,324" in text or "1324" in text


def test_empty_question_gives_its_message(client):
    text = client.predict("   ", api_name="/chat")
    assert isinstance(text, str) and text.strip()
    assert "\n" not in text.strip()  # one line, no traceback


def test_concurrent_clients_get_the_sequential_answers(app_url):  # noqa: F811
    """Eight users at once through /chat (each with its own client, from threads): no error,
    and every answer is the one the same question gets alone."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    questions = ["经信委今年招待客人花多少钱？", "2150517 产业发展预算多少", "基本支出占总支出的比例是多少？",
                 "为什么项目支出减少了？", "什么是“三公”经费？", "How much is the official reception budget?"]
    alone = gradio_client.Client(app_url, verbose=False, ssl_verify=False)
    expected = {q: _ask(alone, q) for q in questions}
    users = [gradio_client.Client(app_url, verbose=False, ssl_verify=False) for _ in range(8)]
    start = threading.Barrier(len(users))

    def user(i: int) -> list[tuple[str, str]]:
        start.wait()
        mine = questions[i % len(questions):] + questions[:i % len(questions)]
        return [(q, _ask(users[i], q)) for q in mine[:3]]

    with ThreadPoolExecutor(len(users)) as pool:
        got = [pair for answers in pool.map(user, range(len(users))) for pair in answers]
    assert len(got) == 24
    wrong = [(q, a) for q, a in got if a != expected[q]]
    assert not wrong, wrong[:3]


def test_load_benchmark_against_the_running_chat(app_url, tmp_path, monkeypatch):  # noqa: F811
    """scripts/bench_load.py, small (4 users × 2 questions, one round) against the running chat:
    no error and no wrong answer (the latency bar is measured by the script itself, not here)."""
    import importlib.util
    import json
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "bench_load.py"
    spec = importlib.util.spec_from_file_location("bench_load", path)
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_load", bench)  # its dataclasses look themselves up there
    spec.loader.exec_module(bench)
    out = tmp_path / "load.json"
    assert bench.main(["--url", app_url, "--users", "4", "--questions", "2", "--json", str(out)]) == 0
    figures = json.loads(out.read_text("utf-8"))
    single, load = figures["phases"]
    assert (single["users"], single["requests"]) == (1, 8)
    assert (load["users"], load["requests"], load["errors"], load["wrong"]) == (4, 8, 0, 0)
    assert load["p95_ms"] > 0 and figures["ratio_p95"] > 0


def test_an_upload_over_the_size_limit_is_refused_while_it_arrives(app_url):  # noqa: F811
    """Gradio itself stops a file larger than BUDGET_QA_MAX_UPLOAD_MB (default 50) with HTTP 413,
    so it is never written to the server's disk; a small file is accepted as before."""
    import httpx

    from store.config import load_settings

    limit = load_settings().max_upload_mb * 1024 * 1024
    url = app_url.rstrip("/") + "/gradio_api/upload"
    small = httpx.post(url, files={"files": ("small.pdf", b"%PDF-1.4\n", "application/pdf")}, timeout=60)
    assert small.status_code == 200, small.text
    big = httpx.post(url, files={"files": ("big.pdf", b"0" * (limit + 1), "application/pdf")}, timeout=120)
    assert big.status_code == 413, big.text[:200]
