"""Command line of the evaluation package: ``python -m eval <command>``.

``cli`` is the click group. This module defines ``score``; other commands are
written as separate click commands in their own modules and attached with
``cli.add_command(...)`` (see ``eval/__main__.py``).

``score`` prints one ``FAIL id | question | why`` line per failed answer,
grouped as wrong answers (a figure the gold contradicts, or an answer to an
unanswerable question) first, then refusals, then incomplete answers; then the
totals, and as its last line::

    accuracy 0.953 (123/129) wrong 2 refused 3 citations 0.912 latency p50 8 ms p95 31 ms

A malformed questions or answers file prints its one-line message on stderr
and exits with status 2.
"""

from __future__ import annotations

from pathlib import Path

import click

from eval.gold import GoldFormatError, load_answers, load_gold
from eval.scoring import SetScore, score_set

__all__ = ["cli", "format_summary", "format_totals", "score"]


def _rate(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def format_summary(result: SetScore) -> str:
    """The last line of ``score``: accuracy, wrong answers, refusals, citation hit rate and latency."""
    return (
        f"accuracy {_rate(result.accuracy)} ({result.n_correct}/{result.n_total}) "
        f"wrong {len(result.wrong)} refused {len(result.refused)} "
        f"citations {_rate(result.citation_rate)} "
        f"latency p50 {_ms(result.latency_p50)} ms p95 {_ms(result.latency_p95)} ms"
    )


_GROUPS = (("wrong", "wrong answers"), ("refused", "refusals of answerable questions"),
           ("incomplete", "incomplete answers"))


def format_failures(result: SetScore) -> list[str]:
    """``FAIL id | question | why`` lines, wrong answers first, then refusals, then the rest;
    each group under a heading with its count."""
    lines: list[str] = []
    for outcome, heading in _GROUPS:
        group = [s for s in result.failures if s.outcome == outcome]
        if group:
            lines.append(f"{heading} ({len(group)}):")
            lines += [f"FAIL {s.id} | {_one_line(s.question)} | {'; '.join(s.reasons)}" for s in group]
    return lines


def format_totals(result: SetScore) -> list[str]:
    """Per-type accuracy, refusals, false refusals, citation hits and latency."""
    lines = ["accuracy by type:"]
    width = max((len(t) for t in result.per_type), default=0)
    for qtype, (right, total) in result.per_type.items():
        lines.append(f"  {qtype:<{width}}  {right:>3}/{total:<3} {_rate(right / total if total else None)}")
    lines.append(
        f"refusal accuracy on unanswerable: {result.refusal_correct}/{result.refusal_total} "
        f"{_rate(result.refusal_accuracy)}"
    )
    refused = ", ".join(result.false_refusals[:20]) + (" …" if len(result.false_refusals) > 20 else "")
    wrong = ", ".join(s.id for s in result.wrong[:20]) + (" …" if len(result.wrong) > 20 else "")
    lines.append(f"wrong answers: {len(result.wrong)}" + (f" ({wrong})" if wrong else ""))
    lines.append(f"false refusals: {len(result.false_refusals)}" + (f" ({refused})" if refused else ""))
    lines.append(
        f"citation hits: {result.citation_hits}/{result.citation_total} {_rate(result.citation_rate)}"
    )
    lines.append(f"latency: p50 {_ms(result.latency_p50)} ms, p95 {_ms(result.latency_p95)} ms")
    return lines


@click.group()
def cli() -> None:
    """Evaluate the budget Q&A answers against gold question sets."""


@cli.command("score")
@click.option("--questions", "questions", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Gold question set (JSON Lines).")
@click.option("--answers", "answers", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Answer file written by the batch command (JSON Lines).")
def score(questions: Path, answers: Path) -> None:
    """Score an answer file against a gold question set."""
    try:
        golds = load_gold(questions)
        answer_rows = load_answers(answers)
    except GoldFormatError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(2) from None
    result = score_set(golds, answer_rows, name=questions.stem)
    for line in format_failures(result):
        click.echo(line)
    if result.failures:
        click.echo("")
    if result.unknown_answer_ids:
        shown = ", ".join(result.unknown_answer_ids[:10])
        more = " …" if len(result.unknown_answer_ids) > 10 else ""
        click.echo(f"ignored {len(result.unknown_answer_ids)} answers whose id is not a question: {shown}{more}")
    for line in format_totals(result):
        click.echo(line)
    click.echo(format_summary(result))


def _attach_commands() -> None:
    """``answer``, ``report`` and ``variants`` live in their own modules; attach them here so that
    ``budget-qa eval`` has them as well as ``python -m eval``."""
    from eval.answer import answer
    from eval.run import report
    from eval.variants import variants

    for command in (answer, report, variants):
        cli.add_command(command)


_attach_commands()
