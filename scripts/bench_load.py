"""Load benchmark of the chat: N users × M questions at once against its /chat API.

    .venv/bin/python scripts/bench_load.py                 # 20 users × 5 questions
    .venv/bin/python scripts/bench_load.py --users 8 --questions 3 --check

It starts ``python app.py`` on a free loopback port with an empty temporary
store (so the chat ingests the bundled sample, as on a first start), waits
until it answers, then

1. warms up (not timed): one client asks every question of the run once, so
   that both measured phases find the same caches, then each user's client
   asks its first question, all at once, so that every client has its
   connection and event stream open and the server has its threads;
2. the single-user baseline: one user asks every question of the run, one
   after another;
3. the load: N users, each in its own thread with its own gradio_client, start
   together and each asks its M questions one after another.

Questions are drawn from ``shared/eval/seed-dev.jsonl`` found beside the
checkout (``BUDGET_QA_SHARED`` overrides); user i asks questions i·M … i·M+M-1
of that file (wrapping round). An answer is wrong when its text differs from
the text the same question got in the baseline. It prints one table (users,
requests, errors, wrong answers, p50, p95, the ratio of p95 to the
single-user p95) and stops the server. Every phase is bounded in time; all
traffic goes to 127.0.0.1. ``--check`` exits 1 unless there are no errors, no
wrong answers and p95 is at most ``--max-ratio`` times the single-user p95.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.app_server import HOST, AppServer  # noqa: E402

SHARED = Path(os.environ.get("BUDGET_QA_SHARED", ROOT.parent / "shared"))
QUESTIONS = SHARED / "eval" / "seed-dev.jsonl"


def load_questions(path: Path = QUESTIONS) -> list[str]:
    if not path.exists():
        sys.exit(f"error: {path} not found; put the shared corpus beside the checkout or set BUDGET_QA_SHARED")
    out = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            q = json.loads(line).get("question")
            if q and q not in out:
                out.append(q)
    return out


def plan(questions: list[str], users: int, per_user: int) -> list[list[str]]:
    """The questions of each user: consecutive slices of the list, wrapping round."""
    n = len(questions)
    return [[questions[(u * per_user + i) % n] for i in range(per_user)] for u in range(users)]


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (the value below which ``pct`` % of the values lie)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


# -- the server ------------------------------------------------------------------------


def start_server(workers: int | None, log_dir: Path) -> AppServer:
    """``python app.py`` on a free loopback port with an empty temporary store."""
    return AppServer(log_dir, env={"BUDGET_QA_WORKERS": str(workers)} if workers else None,
                     prefix="budget-qa-bench-")


# -- asking ----------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    users: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wrong: list[tuple[str, str, str]] = field(default_factory=list)  # question, got, baseline
    answers: dict[str, str] = field(default_factory=dict)
    wall_s: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.errors)

    def p(self, pct: float) -> float:
        return percentile(self.latencies, pct)


def client_for(url: str):  # -> gradio_client.Client
    from gradio_client import Client

    # plain http on loopback: there is no TLS to verify, and with ssl_verify on, gradio_client
    # builds a certificate store for every request (about 45 ms of the measuring client's CPU,
    # which would then be measured as the server's latency)
    return Client(url, verbose=False, ssl_verify=False)


def ask(client, question: str, timeout: float) -> tuple[str, float]:
    t0 = time.perf_counter()
    text = client.submit(question, api_name="/chat").result(timeout=timeout)
    return str(text), time.perf_counter() - t0


def run_user(client, questions: list[str], phase: Phase, lock: threading.Lock, timeout: float,
             deadline: float, baseline: dict[str, str] | None, start: threading.Barrier | None) -> None:
    if start is not None:
        start.wait()
    for q in questions:
        if time.monotonic() > deadline:
            with lock:
                phase.errors.append(f"not asked (phase time limit): {q}")
            continue
        try:
            text, dt = ask(client, q, timeout)
        except Exception as e:  # a timeout, a dropped connection, a server error
            with lock:
                phase.errors.append(f"{type(e).__name__}: {e} ({q})")
            continue
        with lock:
            phase.latencies.append(dt)
            phase.answers.setdefault(q, text)
            if baseline is not None and text != baseline.get(q):
                phase.wrong.append((q, text, baseline.get(q, "")))


def single_user(client, questions: list[str], timeout: float, budget: float, name: str) -> Phase:
    phase = Phase(name, 1)
    t0 = time.perf_counter()
    run_user(client, questions, phase, threading.Lock(), timeout, time.monotonic() + budget, None, None)
    phase.wall_s = time.perf_counter() - t0
    return phase


def many_users(clients: list, per_user: list[list[str]], baseline: dict[str, str] | None,
               timeout: float, budget: float) -> Phase:
    phase = Phase(f"{len(per_user)} users", len(per_user))
    lock = threading.Lock()
    start = threading.Barrier(len(per_user) + 1)
    deadline = time.monotonic() + budget
    threads = [threading.Thread(target=run_user, name=f"user-{i}", daemon=True,
                                args=(c, qs, phase, lock, timeout, deadline, baseline, start))
               for i, (c, qs) in enumerate(zip(clients, per_user))]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.monotonic()) + timeout + 5)
    phase.wall_s = time.perf_counter() - t0
    with lock:
        missing = sum(len(qs) for qs in per_user) - phase.requests
        phase.errors += [f"no answer within the phase time limit"] * max(0, missing)
    return phase


# -- report ----------------------------------------------------------------------------


def table(phases: list[Phase], base_p95: float) -> str:
    head = ("| phase | users | requests | errors | wrong answers | p50 | p95 | p95 / single-user p95 "
            "| wall |")
    lines = [head, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for ph in phases:
        ratio = ph.p(95) / base_p95 if base_p95 and not math.isnan(ph.p(95)) else math.nan
        lines.append(f"| {ph.name} | {ph.users} | {ph.requests} | {len(ph.errors)} | {len(ph.wrong)} "
                     f"| {ph.p(50) * 1000:.0f} ms | {ph.p(95) * 1000:.0f} ms | {ratio:.2f} "
                     f"| {ph.wall_s:.1f} s |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--users", type=int, default=20, help="users asking at once (default 20)")
    ap.add_argument("--questions", type=int, default=5, help="questions each user asks (default 5)")
    ap.add_argument("--workers", type=int, default=None,
                    help="BUDGET_QA_WORKERS for the server (default: the setting's default)")
    ap.add_argument("--url", help="measure a chat already running at this loopback URL instead")
    ap.add_argument("--start-timeout", type=float, default=600.0,
                    help="seconds to wait for the server to start and ingest the sample (default 600)")
    ap.add_argument("--request-timeout", type=float, default=60.0, help="seconds per request (default 60)")
    ap.add_argument("--phase-timeout", type=float, default=300.0, help="seconds per phase (default 300)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="load rounds after the one baseline (default 1); the bar is judged on each")
    ap.add_argument("--max-ratio", type=float, default=3.0, help="the bar for --check (default 3)")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 unless no errors, no wrong answers and p95 ≤ max-ratio × single-user p95")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    if args.users < 1 or args.questions < 1:
        ap.error("--users and --questions must be at least 1")
    if args.url and not args.url.startswith((f"http://{HOST}:", "http://localhost:")):
        ap.error("--url must be a loopback address (http://127.0.0.1:PORT/)")

    per_user = plan(load_questions(), args.users, args.questions)
    distinct = list(dict.fromkeys(q for qs in per_user for q in qs))
    server = None
    logs = Path(tempfile.mkdtemp(prefix="budget-qa-bench-log-"))
    try:
        if args.url:
            url = args.url if args.url.endswith("/") else args.url + "/"
        else:
            server = start_server(args.workers, logs)
            url = server.url
            print(f"starting app.py on {url} (empty store: the sample is ingested first)", flush=True)
            t0 = time.perf_counter()
            server.wait_until_up(args.start_timeout)
            # the first answer waits until the sample is ingested and the assistant loaded
            client_for(url).submit(distinct[0], api_name="/chat").result(
                timeout=max(1.0, args.start_timeout - (time.perf_counter() - t0)))
            print(f"ready after {time.perf_counter() - t0:.1f} s", flush=True)
        # every client is connected and has asked once before any clock starts (a client's first
        # request also opens its event stream), and the server has run as many questions at once
        # as it will be asked to
        alone = client_for(url)
        clients = [client_for(url) for _ in per_user]
        print(f"warm-up: {len(distinct)} questions, then {args.users} users × 1 question", flush=True)
        warm = single_user(alone, distinct, args.request_timeout, args.phase_timeout, "warm-up")
        many_users(clients, [qs[:1] for qs in per_user], None, args.request_timeout, args.phase_timeout)
        print(f"single user: {len(distinct)} questions", flush=True)
        base = single_user(alone, distinct, args.request_timeout, args.phase_timeout, "1 user")
        base.wrong = [(q, a, warm.answers.get(q, "")) for q, a in base.answers.items()
                      if q in warm.answers and a != warm.answers[q]]
        loads = []
        for r in range(max(1, args.rounds)):
            print(f"{args.users} users × {args.questions} questions"
                  + (f" (round {r + 1}/{args.rounds})" if args.rounds > 1 else ""), flush=True)
            loads.append(many_users(clients, per_user, base.answers, args.request_timeout,
                                    args.phase_timeout))
            if args.rounds > 1:
                loads[-1].name += f" #{r + 1}"
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(logs, ignore_errors=True)

    base_p95 = base.p(95)
    print()
    print(table([base, *loads], base_p95))
    for load in loads:
        for q, got, want in load.wrong[:5]:
            print(f"wrong: {q}\n  got:      {got[:160]}\n  baseline: {want[:160]}")
        for e in load.errors[:5]:
            print(f"error: {e}")
    ratios = [ld.p(95) / base_p95 if base_p95 else math.inf for ld in loads]
    met = [not ld.errors and not ld.wrong and not base.errors and r <= args.max_ratio
           for ld, r in zip(loads, ratios)]
    ok = all(met)
    print(f"\nbar (no error, every answer right, p95 ≤ {args.max_ratio:g}× single-user p95): "
          + ("met" if ok else "NOT met") + (f" in {sum(met)} of {len(met)} rounds" if len(met) > 1 else ""))
    ratio = ratios[0] if len(ratios) == 1 else sorted(ratios)[len(ratios) // 2]
    if args.json:
        args.json.write_text(json.dumps({
            "users": args.users, "questions_per_user": args.questions,
            "phases": [{"name": ph.name, "users": ph.users, "requests": ph.requests,
                        "errors": len(ph.errors), "wrong": len(ph.wrong),
                        "p50_ms": ph.p(50) * 1000, "p95_ms": ph.p(95) * 1000, "wall_s": ph.wall_s}
                       for ph in (base, *loads)],
            "ratio_p95": ratio, "ratios_p95": ratios, "bar_met": ok}, ensure_ascii=False, indent=2), "utf-8")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
