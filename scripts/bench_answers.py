"""Answer latency with the store loaded: p50 and p95 per question over a gold set.

    .venv/bin/python scripts/bench_answers.py [--questions Q.jsonl] [--doc FILE] [--rounds 3]

The document is ingested into a temporary store first (not timed); then every
question is asked ``--rounds`` times and each ask is timed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.config import load_settings  # noqa: E402
from assistant.service import load_assistant  # noqa: E402
from ingest.pipeline import ingest_paths  # noqa: E402
from scripts.memory import peak_mb, rss_mb  # noqa: E402

SHARED = ROOT.parent / "shared"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, default=SHARED / "eval" / "seed-dev.jsonl")
    ap.add_argument("--doc", type=Path, default=ROOT / "data" / "samples" / "nanan-jxw-2024.pdf")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    questions = [json.loads(line)["question"] for line in args.questions.open(encoding="utf-8") if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({"BUDGET_QA_DATA_DIR": tmp})
        ingest_paths([args.doc], settings)
        t = time.perf_counter()
        assistant = load_assistant(settings)
        load_s = time.perf_counter() - t
        rss_loaded = rss_mb()
        assistant.ask(questions[0])  # warm-up: first query embedding, jieba dictionary
        times = []
        for _ in range(args.rounds):
            for q in questions:
                t = time.perf_counter()
                assistant.ask(q)
                times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    print(f"{len(questions)} questions x {args.rounds} rounds on {args.doc.name}; store load {load_s:.2f} s")
    print(f"latency p50 {statistics.median(times):.1f} ms  p95 {p95:.1f} ms  max {times[-1]:.1f} ms")
    print(f"memory: RSS {rss_loaded:.0f} MB with the store and model loaded; peak {peak_mb():.0f} MB (ingest included)")


if __name__ == "__main__":
    main()
