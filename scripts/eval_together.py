"""Each document's own questions, answered with the document alone and with all of them loaded
together: does loading other departments' disclosures change the answers about one?

    .venv/bin/python scripts/eval_together.py [--out reports/latest/together.md]

Every document is ingested into a store of its own and all of them into one shared store (real
pipeline, real embeddings); each document's gold questions are answered from both and scored by
the shared rules. Prints a table: questions, accuracy alone, accuracy together, the difference in
points, and wrong answers in each.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.config import load_settings  # noqa: E402

SHARED = ROOT.parent / "shared"
# (document, its own gold questions): six issuers, 2023–2025, 部门预算 and 部门决算, 万元 and 元
SETS = [
    ("corpus/nanan-jxw-2024.pdf", "tests/data/blind/nanan-jxw-2024.blind.jsonl"),
    ("corpus/shili-beicheng-sifaju-2024.pdf", "tests/data/blind/shili-beicheng-sifaju-2024.blind.jsonl"),
    ("tests/pdfs/shili-dongling-slj-final-2023.pdf", "tests/data/blind/shili-dongling-slj-final-2023.blind.jsonl"),
    ("tests/pdfs/shili-linchuan-scjg-2024.pdf", "tests/data/blind/shili-linchuan-scjg-2024.blind.jsonl"),
    ("tests/pdfs/shili-xijiang-czj-final-2023.pdf", "tests/data/blind/shili-xijiang-czj-final-2023.blind.jsonl"),
    ("corpus/real/putuo-sww-2025ys.pdf", "tests/data/firstsight-real/questions.jsonl"),
]


def _path(rel: str) -> Path:
    return SHARED / rel if rel.startswith("corpus/") else ROOT / rel


def _questions(gold: Path, doc: Path) -> list:  # type: ignore[type-arg]
    from eval.gold import load_gold

    items = load_gold(gold)
    if gold.parent.name == "firstsight-real":  # one file over four documents: this document's lines
        keep = {json.loads(line)["id"] for line in gold.read_text("utf-8").splitlines()
                if line.strip() and json.loads(line).get("document", "").endswith(doc.name)}
        items = [g for g in items if g.id in keep]
    return items


def _score(assistant, golds) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    from eval.scoring import score_answer

    right = wrong = 0
    for g in golds:
        a = assistant.ask(g.question).to_json(g.id)
        s = score_answer(g, a)
        right += s.correct
        wrong += s.outcome == "wrong"
    return right, wrong


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="also write the table as Markdown here")
    args = ap.parse_args(argv)

    from assistant.service import load_assistant
    from ingest.pipeline import ingest_paths
    from ingest.progress import TerminalProgress

    docs = [(_path(d), ROOT / g) for d, g in SETS]
    with tempfile.TemporaryDirectory(prefix="budget-qa-together-") as tmp:
        t0 = time.perf_counter()
        together = load_settings(data_dir=Path(tmp) / "together")
        ingest_paths([d for d, _ in docs], together, progress=TerminalProgress(quiet=True))
        both = load_assistant(together)
        rows = []
        for i, (doc, gold) in enumerate(docs):
            alone_settings = load_settings(data_dir=Path(tmp) / f"alone-{i}")
            ingest_paths([doc], alone_settings, progress=TerminalProgress(quiet=True))
            alone = load_assistant(alone_settings)
            golds = _questions(gold, doc)
            a_right, a_wrong = _score(alone, golds)
            t_right, t_wrong = _score(both, golds)
            rows.append((doc.stem, len(golds), a_right, t_right, a_wrong, t_wrong))
            print(f"{doc.stem}: alone {a_right}/{len(golds)}, together {t_right}/{len(golds)}", flush=True)
        elapsed = time.perf_counter() - t0
    lines = ["| document | questions | alone | together | points | wrong alone | wrong together |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, n, ar, tr, aw, tw in rows:
        lines.append(f"| {name} | {n} | {ar / n:.1%} | {tr / n:.1%} | {100 * (tr - ar) / n:+.1f} | {aw} | {tw} |")
    n = sum(r[1] for r in rows)
    ar, tr = sum(r[2] for r in rows), sum(r[3] for r in rows)
    lines.append(f"| all | {n} | {ar / n:.1%} | {tr / n:.1%} | {100 * (tr - ar) / n:+.1f} | "
                 f"{sum(r[4] for r in rows)} | {sum(r[5] for r in rows)} |")
    table = "\n".join(lines)
    print(table)
    print(f"({len(docs)} documents together; {elapsed:.0f} s)")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(table + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
