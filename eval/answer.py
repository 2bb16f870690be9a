"""``python -m eval answer``: answer every question of a gold file, one JSON line each."""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ingest.errors import BudgetQAError

__all__ = ["answer", "answer_questions"]


def answer_questions(questions: Sequence[dict[str, Any]], docs: Sequence[Path],
                     data_dir: Path | None = None, progress: bool = False) -> list[dict[str, Any]]:
    """Answer each question over ``docs``, in order, as one chat: a question that leans on the
    one before it ("那西江区的呢？") is read with it, as the chat page reads it.

    The documents are ingested into a fresh temporary store, unless ``data_dir``
    names an existing store to use as it is (then ``docs`` may be empty).
    """
    from assistant.config import load_settings
    from assistant.service import load_assistant
    from ingest.pipeline import ingest_paths
    from ingest.progress import TerminalProgress

    with tempfile.TemporaryDirectory(prefix="budget-qa-eval-") as tmp:
        settings = load_settings(data_dir=data_dir or Path(tmp) / "store")
        if docs:
            ingest_paths(list(docs), settings, progress=TerminalProgress(quiet=not progress))
        assistant = load_assistant(settings)
        out = []
        previous: str | None = None  # a set is asked as one chat, in its order
        for q in questions:
            try:
                a = assistant.ask(q["question"], previous=previous)
                out.append(a.to_json(q.get("id")))
                previous = a.asked_as or q["question"]
            except BudgetQAError as e:
                out.append({"id": q.get("id"), "question": q["question"], "answer": str(e),
                            "found": False, "figures": [], "citations": [], "latency_ms": 0.0})
        return out


@click.command(name="answer")
@click.option("--questions", "questions_path", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--docs", "docs", multiple=True, type=click.Path(path_type=Path),
              help="Disclosure files to ingest into a fresh temporary store (repeat, or list after one --docs).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Use this existing store as it is instead of ingesting --docs.")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.argument("more_docs", nargs=-1, type=click.Path(path_type=Path))
def answer(questions_path: Path, docs: tuple[Path, ...], data_dir: Path | None, out_path: Path,
           more_docs: tuple[Path, ...]) -> None:
    """Answer the questions of a gold file; write one answer line per question."""
    from eval.gold import GoldFormatError, load_gold

    all_docs = list(docs) + list(more_docs)
    if not all_docs and data_dir is None:
        click.echo("error: give the documents with --docs FILE, or an existing store with --data-dir",
                   err=True)
        sys.exit(2)
    try:
        golds = load_gold(questions_path)
        questions = [{"id": g.id, "question": g.question} for g in golds]
        answers = answer_questions(questions, [] if data_dir else all_docs, data_dir, progress=True)
    except GoldFormatError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    except BudgetQAError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8") as f:
        for a in answers:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    found = sum(1 for a in answers if a["found"])
    click.echo(f"wrote {len(answers)} answers ({found} found) to {out_path}")
