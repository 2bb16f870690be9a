"""Answer latency with the store loaded: p50 and p95 per question over a gold set, or over every
gold set the project has.

    .venv/bin/python scripts/bench_answers.py [--questions Q.jsonl] [--doc FILE] [--rounds 3]
    .venv/bin/python scripts/bench_answers.py --all [--rounds 1]

The document is ingested into a temporary store first (not timed); then every
question is asked ``--rounds`` times and each ask is timed. ``--all`` does this
for every gold set (the shared sets, tests/data/heldout, unseen, fresh, blind,
the first-sight sets one document at a time, and the cross-document sets with
their documents loaded together) and prints a table per set and the overall p50/p95.
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


def _sets() -> list[tuple[str, list[str], list[Path]]]:
    """(name, questions, documents) of every gold set the project has."""
    corpus = SHARED / "corpus"

    def doc(stem: str) -> Path:
        return corpus / f"{stem}.pdf" if (corpus / f"{stem}.pdf").exists() else ROOT / "tests" / "pdfs" / f"{stem}.pdf"

    def lines(path: Path) -> list[dict]:  # type: ignore[type-arg]
        return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]

    out = [("seed-dev", [q["question"] for q in lines(SHARED / "eval" / "seed-dev.jsonl")], [doc("nanan-jxw-2024")])]
    for qa in sorted(corpus.glob("*.qa.jsonl")):
        out.append((qa.name.split(".")[0], [q["question"] for q in lines(qa)], [doc(qa.name.split(".")[0])]))
    for kind in ("heldout", "unseen", "fresh", "blind"):
        for f in sorted((ROOT / "tests" / "data" / kind).glob("*.jsonl")):
            stem = f.name.split(".")[0]
            out.append((f"{kind}:{stem}", [q["question"] for q in lines(f)], [doc(stem)]))
    # every set that names its documents (firstsight-*, crossdoc*): one document at a time, or the
    # documents a set loads together
    from eval.run import document_sets

    for name, q, docs in document_sets(SHARED):
        out.append((name, [x["question"] for x in lines(q)], docs))
    return out


def _p95(times: list[float]) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def bench_all(rounds: int) -> None:
    """Every gold set, each in a store of its own (no embeddings: answering reads no vectors)."""
    rows, every = [], []
    for name, questions, docs in _sets():
        with tempfile.TemporaryDirectory() as tmp:
            settings = load_settings({"BUDGET_QA_DATA_DIR": tmp})
            ingest_paths(docs, settings, embed=False)
            assistant = load_assistant(settings)
            assistant.ask(questions[0])
            times = []
            for _ in range(rounds):
                for q in questions:
                    t = time.perf_counter()
                    assistant.ask(q)
                    times.append((time.perf_counter() - t) * 1000)
        every += times
        rows.append((name, len(questions), statistics.median(times), _p95(times), max(times)))
        print(f"{name}: p50 {rows[-1][2]:.1f} ms, p95 {rows[-1][3]:.1f} ms", flush=True)
    print("| set | questions | p50 ms | p95 ms | max ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, n, p50, p95, mx in rows:
        print(f"| {name} | {n} | {p50:.1f} | {p95:.1f} | {mx:.0f} |")
    print(f"| all | {sum(r[1] for r in rows)} | {statistics.median(every):.1f} | {_p95(every):.1f} | "
          f"{max(every):.0f} |")
    print(f"memory: RSS {rss_mb():.0f} MB at the end; peak {peak_mb():.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, default=SHARED / "eval" / "seed-dev.jsonl")
    ap.add_argument("--doc", type=Path, default=ROOT / "data" / "samples" / "nanan-jxw-2024.pdf")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--all", action="store_true", help="every gold set the project has")
    args = ap.parse_args()
    if args.all:
        bench_all(args.rounds)
        return
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
