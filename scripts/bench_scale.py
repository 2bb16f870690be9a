"""Answering over many documents: ingest N generated disclosures, load the assistant, time questions.

    .venv/bin/python scripts/bench_scale.py [--sizes 10,50] [--seed 1] [--budget-s 900] [--no-embed]
                                            [--backend local|servers|both]
    make bench-scale

For each N (smallest first), a child process of its own (so peak memory and the
resident memory after loading belong to that N alone):

1. generates N documents with ``scripts/gen_corpus.py`` (text form, a manifest of
   expected figures) into a temporary folder;
2. ingests them in one ``ingest_paths`` call into a fresh store (with embeddings
   unless ``--no-embed``; ``--form pdf`` ingests the same documents printed as
   PDFs, the printing not timed): seconds, documents per minute, pages (PDF only),
   tables and rows per second, peak RSS (``resource.getrusage``), the
   store's size on disk;
3. loads the assistant (``assistant.service.load_assistant``): seconds and RSS
   after loading;
4. asks a fixed mix of questions (one warm-up ask is not timed): *scoped* ones
   naming one department (``<name><year>年公务接待费是多少``,
   ``<name>三公经费多少`` — with the year when the department has several
   documents) for up to ``--scoped`` documents drawn with the seed, and *unscoped*
   ones (``公务接待费是多少`` …) that name none. p50 and p95 per kind. A scoped
   answer is right when one of its figures equals the manifest's figure (units
   converted), wrong when it states figures but not that one, refused when it
   finds nothing; *outside* counts answers read from another department's
   document.

The generating and ingesting of every size together is bounded by
``--budget-s``: at the budget the ingest stops (the store is left as it was) and
the table says how far it got; larger sizes are not started. It prints one table
with a row per backend and N, then each figure's ratio against the smallest N of
the same backend measured in the same run. The machine is shared: compare ratios
within one run.

``--backend servers`` runs each size against a PostgreSQL and a ``chroma run``
of its own, started fresh on loopback for that size (``scripts/servers.py``) and
stopped after it; its "store MB" is the PostgreSQL database's size plus the
local folder (the Chroma server's folder is not counted). ``both`` measures the
local backend (SQLite + embedded Chroma) and then the servers in one run.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

UNSCOPED = ["公务接待费是多少", "三公经费是多少", "基本支出是多少", "项目支出多少"]
TO_YUAN = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}


class OverBudget(Exception):
    pass


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(1, math.ceil(pct / 100 * len(ordered))) - 1]


def _pages(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return len(doc.pages)


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def database_mb(settings) -> float:  # type: ignore[no-untyped-def]
    """The PostgreSQL database's size when the store is on the servers, else 0."""
    if not settings.database_url:
        return 0.0
    import psycopg

    with psycopg.connect(settings.database_url) as con:
        return float(con.execute("SELECT pg_database_size(current_database())").fetchone()[0]) / 1e6


def questions(manifest: list[dict], limit: int, seed: int) -> list[tuple[str, str, dict]]:
    """(question, expected-figure key, manifest line) for up to ``limit`` documents."""
    per_issuer: dict[str, int] = {}
    for m in manifest:
        per_issuer[m["issuer"]] = per_issuer.get(m["issuer"], 0) + 1
    chosen = random.Random(seed).sample(manifest, min(limit, len(manifest)))
    out = []
    for m in chosen:
        name, year = m["short"], m["year"]
        out.append((f"{name}{year}年公务接待费是多少", "公务接待费", m))
        alone = per_issuer[m["issuer"]] == 1
        out.append((f"{name}{'' if alone else f'{year}年'}三公经费多少", "三公经费合计", m))
    return out


def verdict(answer, key: str, m: dict) -> str:  # type: ignore[no-untyped-def]
    if not answer.found or not answer.figures:
        return "refused"
    want = Decimal(m["expected"][key]) * TO_YUAN[m["unit"]]
    for f in answer.figures:
        factor = TO_YUAN.get(f.unit)
        if factor is not None and f.value * factor == want:
            return "right"
    return "wrong"


def run_one(n: int, seed: int, deadline: float, embed: bool, scoped_limit: int, pdf: bool = False) -> dict:
    """One size, in this process; returns the figures (``reached`` says where a budget stop fell)."""
    import resource

    import gen_corpus
    from assistant.config import load_settings
    from assistant.service import load_assistant
    from ingest import checks, meta, narrative, text  # noqa: F401  (imported before the clock starts)
    from ingest.events import Progress
    from ingest.pipeline import ingest_paths
    from scripts.memory import rss_mb

    res: dict = {"n": n, "complete": False}
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        corpus, store = Path(tmp) / "corpus", Path(tmp) / "store"
        t = time.perf_counter()
        chromium = shutil.which("chromium") or shutil.which("chromium-browser") if pdf else None
        if pdf and not chromium:
            res["reached"] = "--form pdf needs chromium (Debian's chromium) to print the PDFs"
            return res
        manifest = gen_corpus.write_corpus(n, seed, corpus, chromium)
        files = [corpus / (m["pdf"] if pdf else m["file"]) for m in manifest]
        pages = sum(_pages(f) for f in files) if pdf else None
        res["gen_s"] = time.perf_counter() - t
        if time.monotonic() > deadline:
            res["reached"] = f"generated {n} files, no time left to ingest"
            return res
        reached = {"stage": "open", "files": 0, "embed": 0, "embed_total": 0}

        def progress(p: Progress) -> None:
            if p.stage == "file":
                reached["files"] = p.done  # the files before this one are parsed
            elif p.stage == "store":
                reached["files"] = n
            elif p.stage == "embed":
                reached["embed"] += 1 if p.done == p.total else 0
            reached["stage"] = p.stage
            if time.monotonic() > deadline:
                raise OverBudget

        settings = load_settings({**os.environ, "BUDGET_QA_DATA_DIR": str(store)})
        t = time.perf_counter()
        try:
            results = ingest_paths(files, settings, progress=progress, embed=embed)
        except OverBudget:
            res["ingest_s"] = time.perf_counter() - t
            res["reached"] = (f"budget reached after {res['ingest_s']:.0f} s of ingest: {reached['files']} of {n} "
                              f"files parsed, {reached['embed']} embedded; store left as it was")
            res["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            return res
        ingest_s = time.perf_counter() - t
        tables = sum(r.tables for r in results)
        rows = sum(r.rows for r in results)
        warnings = sum(r.checks_warning for r in results)
        res.update(ingest_s=ingest_s, docs_per_min=n / ingest_s * 60, tables_per_s=tables / ingest_s,
                   rows_per_s=rows / ingest_s, pages_per_s=pages / ingest_s if pages else None, tables=tables, rows=rows, check_warnings=warnings,
                   peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                   store_mb=dir_mb(store) + database_mb(settings))

        t = time.perf_counter()
        assistant = load_assistant(settings)
        res["load_s"] = time.perf_counter() - t
        res["rss_loaded_mb"] = rss_mb()
        assistant.ask(UNSCOPED[0])  # warm-up, not timed
        scoped_ms, unscoped_ms = [], []
        counts = {"right": 0, "wrong": 0, "refused": 0, "outside": 0}
        wrong_examples = []
        for q, key, m in questions(manifest, scoped_limit, seed):
            t = time.perf_counter()
            a = assistant.ask(q)
            scoped_ms.append((time.perf_counter() - t) * 1000)
            v = verdict(a, key, m)
            counts[v] += 1
            others = {label.split(" ")[0] for label in a.scope} - {m["issuer"]}  # "issuer 2024年部门预算"
            if others:  # read from a document of another department
                counts["outside"] += 1
                v = f"outside ({', '.join(sorted(map(str, others)))})"
            if v != "right" and len(wrong_examples) < 5:
                wrong_examples.append(f"{v}: {q} -> {a.text[:80]} (expected {m['expected'][key]} {m['unit']})")
        for _ in range(5):
            for q in UNSCOPED:
                t = time.perf_counter()
                assistant.ask(q)
                unscoped_ms.append((time.perf_counter() - t) * 1000)
        res.update(
            scoped_n=len(scoped_ms), scoped_p50=percentile(scoped_ms, 50), scoped_p95=percentile(scoped_ms, 95),
            unscoped_n=len(unscoped_ms), unscoped_p50=percentile(unscoped_ms, 50),
            unscoped_p95=percentile(unscoped_ms, 95), examples=wrong_examples, complete=True, **counts,
        )
    return res


COLUMNS = [  # (key, heading, format)
    ("backend", "backend", "{}"), ("n", "N", "{:d}"), ("ingest_s", "ingest s", "{:.1f}"), ("docs_per_min", "docs/min", "{:.1f}"),
    ("pages_per_s", "pages/s", "{:.2f}"), ("tables_per_s", "tables/s", "{:.2f}"), ("rows_per_s", "rows/s", "{:.0f}"), ("peak_mb", "peak MB", "{:.0f}"),
    ("store_mb", "store MB", "{:.1f}"), ("load_s", "load s", "{:.2f}"), ("rss_loaded_mb", "RSS MB", "{:.0f}"),
    ("scoped_p50", "scoped p50 ms", "{:.1f}"), ("scoped_p95", "scoped p95 ms", "{:.1f}"),
    ("unscoped_p50", "unscoped p50 ms", "{:.1f}"), ("unscoped_p95", "unscoped p95 ms", "{:.1f}"),
]


def cell(r: dict, key: str, fmt: str) -> str:
    v = r.get(key)
    return "—" if v is None else fmt.format(v)


def print_table(rows: list[dict]) -> None:
    heads = [h for _, h, _ in COLUMNS] + ["scoped right/wrong/refused/outside"]
    print("| " + " | ".join(heads) + " |")
    print("|" + "|".join("---:" for _ in heads) + "|")
    for r in rows:
        rwr = f"{r['right']}/{r['wrong']}/{r['refused']}/{r['outside']}" if r.get("complete") else "—"
        print("| " + " | ".join(cell(r, k, f) for k, _, f in COLUMNS) + f" | {rwr} |")
    for backend in dict.fromkeys(r["backend"] for r in rows):
        done = [r for r in rows if r.get("complete") and r["backend"] == backend]
        if len(done) > 1:
            base = done[0]
            print(f"\nratios against N={base['n']}, {backend} (same run):")
            print("| N | " + " | ".join(h for k, h, _ in COLUMNS[2:]) + " |")
            print("|" + "|".join("---:" for _ in COLUMNS[1:]) + "|")
            for r in done:
                ratios = [f"×{r[k] / base[k]:.2f}" if base.get(k) else "—" for k, _, _ in COLUMNS[2:]]
                print(f"| {r['n']} | " + " | ".join(ratios) + " |")
    for r in rows:
        if r.get("reached"):
            print(f"{r['backend']} N={r['n']}: {r['reached']}")
        for e in r.get("examples", []):
            print(f"{r['backend']} N={r['n']} {e}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,50", help="comma-separated document counts, e.g. 10,50,100,1000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--budget-s", type=float, default=900, help="seconds for generating and ingesting, all sizes")
    ap.add_argument("--no-embed", action="store_true", help="ingest without embeddings")
    ap.add_argument("--form", choices=("text", "pdf"), default="text",
                    help="ingest the text form, or PDFs printed by chromium (printing not timed)")
    ap.add_argument("--backend", choices=("local", "servers", "both"), default="local",
                    help="SQLite + embedded Chroma, PostgreSQL + a Chroma server (started here), or both")
    ap.add_argument("--scoped", type=int, default=30, help="documents asked scoped questions (2 each)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child run: one size, JSON on stdout
    ap.add_argument("--deadline-in", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.one is not None:
        res = run_one(args.one, args.seed, time.monotonic() + args.deadline_in, not args.no_embed, args.scoped,
                      pdf=args.form == "pdf")
        print("RESULT " + json.dumps(res, ensure_ascii=False), flush=True)
        return

    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    backends = ["local", "servers"] if args.backend == "both" else [args.backend]
    start = time.monotonic()
    rows: list[dict] = []
    print(f"bench-scale: sizes {sizes}, seed {args.seed}, budget {args.budget_s:.0f} s, "
          f"{'no embeddings' if args.no_embed else 'with embeddings'}, {args.form} form, "
          f"backend {' then '.join(backends)}, {os.cpu_count()} CPUs", flush=True)
    for backend in backends:
        for n in sizes:
            left = args.budget_s - (time.monotonic() - start)
            if left <= 0:
                rows.append({"backend": backend, "n": n, "reached": "not started: the budget was spent before"})
                continue
            res = run_child(n, args, left, backend)
            rows.append(res)
            print(f"{backend} N={n}: " + ("done" if res.get("complete") else res.get("reached", "")), flush=True)
    print()
    print_table(rows)


def run_child(n: int, args: argparse.Namespace, left: float, backend: str) -> dict:
    """One size in a child process, on servers of its own when ``backend`` is "servers"."""
    from servers import ServerUnavailable, start_chroma, start_postgres

    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env.pop("BUDGET_QA_DATABASE_URL", None)
    env.pop("BUDGET_QA_CHROMA_URL", None)
    stops: list = []
    try:
        if backend == "servers":
            try:
                env["BUDGET_QA_DATABASE_URL"] = start_postgres(stops)
                env["BUDGET_QA_CHROMA_URL"] = start_chroma(stops)
            except ServerUnavailable as e:
                return {"backend": backend, "n": n, "reached": f"not run: {e}"}
        cmd = [sys.executable, __file__, "--one", str(n), "--seed", str(args.seed), "--deadline-in", f"{left:.1f}",
               "--scoped", str(args.scoped), "--form", args.form] + (["--no-embed"] if args.no_embed else [])
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    finally:
        for stop in reversed(stops):
            stop()
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        return {"backend": backend, "n": n,
                "reached": f"failed (exit {proc.returncode}): {proc.stderr.strip().splitlines()[-1:]}"}
    return {"backend": backend, **json.loads(line[len("RESULT "):])}


if __name__ == "__main__":
    main()
