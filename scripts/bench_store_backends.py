"""Store operations timed on the local store and on PostgreSQL + a Chroma server.

    .venv/bin/python scripts/bench_store_backends.py --docs 20 \
        --database-url postgresql://postgres@127.0.0.1:5432/postgres --chroma-url http://127.0.0.1:8000

N copies of the seed's truth document (renamed, narrative chunks embedded) are written one
change each, then list_documents, documents, find_rows (one document's code) and search_vectors
(scoped to one document, and over all) are timed. The servers' run uses a schema of its own,
dropped at the end. Prints one line per backend and measure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


def run(name: str, settings, n: int) -> None:  # type: ignore[no-untyped-def]
    from store.local import Store, StoreWriter
    from tests.conftest import SAMPLE_PDF
    from tests.test_store import truth_document

    base = truth_document()
    writes = []
    for i in range(n):
        doc = truth_document()
        doc.doc_id = f"{base.doc_id}-{i:04d}"
        t = time.perf_counter()
        with StoreWriter(settings) as w:
            w.put(doc, SAMPLE_PDF)
        writes.append(time.perf_counter() - t)
    store = Store(settings)
    store.search_vectors("预算", 1)  # model loaded, collection open
    timings: dict[str, list[float]] = {"list_documents": [], "documents": [], "find_rows": [],
                                       "search_scoped": [], "search_all": []}
    for i in range(30):
        doc_id = f"{base.doc_id}-{i % n:04d}"
        for key, call in (("list_documents", store.list_documents), ("documents", store.documents),
                          ("find_rows", lambda: store.find_rows(code="2150517", doc_id=doc_id)),
                          ("search_scoped", lambda: store.search_vectors("三公经费", 5, [doc_id])),
                          ("search_all", lambda: store.search_vectors("三公经费", 5))):
            t = time.perf_counter()
            call()
            timings[key].append(time.perf_counter() - t)
    print(f"{name}: {n} writes of one document each: median {statistics.median(writes):.2f} s, "
          f"total {sum(writes):.1f} s")
    for key, values in timings.items():
        print(f"{name}: {key}: p50 {p(values, 0.5):.1f} ms, p95 {p(values, 0.95):.1f} ms")
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--database-url", default=os.environ.get("BUDGET_QA_TEST_DATABASE_URL", ""))
    ap.add_argument("--chroma-url", default=os.environ.get("BUDGET_QA_TEST_CHROMA_URL", ""))
    args = ap.parse_args()
    from store.config import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        run("local", load_settings(data_dir=tmp), args.docs)
    if args.database_url and args.chroma_url:
        import psycopg

        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.database_url, autocommit=True) as con:
            con.execute(f"CREATE SCHEMA {schema}")
        sep = "&" if "?" in args.database_url else "?"
        url = f"{args.database_url}{sep}options={quote(f'-csearch_path={schema}')}"
        try:
            with tempfile.TemporaryDirectory() as tmp:
                run("servers", load_settings(data_dir=tmp, database_url=url, chroma_url=args.chroma_url),
                    args.docs)
        finally:
            with psycopg.connect(args.database_url, autocommit=True) as con:
                got = con.execute(f"SELECT value FROM {schema}.meta WHERE key = 'collection'").fetchone()
                con.execute(f"DROP SCHEMA {schema} CASCADE")
            if got:
                from store.servers import chroma_client

                chroma_client(args.chroma_url).delete_collection(got[0])


if __name__ == "__main__":
    main()
