"""Run the assistant over gold question sets on truth-loaded documents and print accuracy.

    python scripts/dev_answers.py                      # seed-dev + every corpus qa set
    python scripts/dev_answers.py --fail               # also list the failures
    python scripts/dev_answers.py path/to/set.jsonl    # one set (document chosen by id prefix)
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.core import Assistant  # noqa: E402
from eval.gold import load_gold  # noqa: E402
from eval.scoring import score_set  # noqa: E402
from ingest.model import Document  # noqa: E402

SHARED = Path(os.environ.get("BUDGET_QA_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpus"


def load_doc(slug: str) -> Document:
    return Document.from_truth_dict(json.loads((CORPUS / f"{slug}.truth.json").read_text(encoding="utf-8")))


def sets() -> list[tuple[Path, str]]:
    out = [(SHARED / "eval" / "seed-dev.jsonl", "nanan-jxw-2024")]
    for qa in sorted(CORPUS.glob("*.qa.jsonl")):
        out.append((qa, qa.name.removesuffix(".qa.jsonl")))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--fail", action="store_true", help="list failed questions with the answer given")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    chosen = [(Path(f), Path(f).name.split(".")[0]) for f in args.files] or sets()
    for path, slug in chosen:
        if not (CORPUS / f"{slug}.truth.json").exists():
            slug = "nanan-jxw-2024"
        assistant = Assistant([load_doc(slug)])
        golds = load_gold(path)
        answers = []
        for g in golds:
            a = assistant.ask(g.question)
            answers.append(a.to_json(g.id))
        res = score_set(golds, answers, name=path.name)
        print(f"{path.name}: accuracy {res.accuracy:.1%} ({res.n_correct}/{res.n_total})  "
              f"refusals {res.refusal_correct}/{res.refusal_total}  false refusals {len(res.false_refusals)}  "
              f"citation hits {res.citation_rate or 0:.1%}  latency p50 {res.latency_p50:.1f} ms p95 {res.latency_p95:.1f} ms")
        if args.fail:
            by_id = {a["id"]: a for a in answers}
            for s in res.failures:
                print(f"  ✗ {s.id} [{s.type}] {s.question}\n      {'; '.join(s.reasons)}\n      → {by_id[s.id]['answer']}")
            for s in res.scores:
                if s.citation_hit is False:
                    print(f"  (citation miss) {s.id} {[c.get('table') or c.get('section') for c in by_id[s.id]['citations']]}")


if __name__ == "__main__":
    main()
