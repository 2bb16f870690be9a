"""``python -m assistant`` / ``budget-qa``: ask questions of the ingested disclosures."""

from __future__ import annotations

import json
import sys

import click

from assistant.answer import Answer
from ingest.errors import BudgetQAError

__all__ = ["cli"]


@click.group()
def cli() -> None:
    """Questions and answers over Chinese government budget disclosures."""


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object.")
@click.option("--doc", "doc_ids", multiple=True, help="Ask only these document ids (repeatable).")
@click.option("--explain", is_flag=True,
              help="Also print the plan: normalised question, documents in scope, operation.")
@click.option("--after", "previous", default=None, metavar="QUESTION",
              help="The question asked just before, for a question that leans on it (那X的呢？).")
def ask(question: str, as_json: bool, doc_ids: tuple[str, ...], explain: bool, previous: str | None) -> None:
    """Answer QUESTION from the documents in the store, with cited figures."""
    from assistant.across import doc_label
    from assistant.config import load_settings
    from assistant.service import load_assistant

    try:
        assistant = load_assistant(load_settings())
        answer = assistant.ask(question, doc_ids=list(doc_ids) or None, previous=previous)
    except BudgetQAError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    if explain:
        plan = assistant.plan(answer.asked_as or question, doc_ids=list(doc_ids) or None)
        names = {d.doc_id: doc_label(d) for d in assistant.documents()}
        click.echo(plan.explain(names), err=as_json)
        click.echo("", err=as_json)
    if as_json:
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        click.echo(_plain(answer))


def _plain(answer: Answer) -> str:
    """The answer for a terminal: text, then each figure and citation on its own line."""
    lines = ([f"（按「{answer.asked_as}」回答）"] if answer.asked_as else []) + [answer.text]
    if answer.figures:
        lines.append("")
        lines.append("数值 | 单位 | 表 | 科目编码 | 科目名称 | 栏目 | 页码")
        for f in answer.figures:
            s = f.source
            cells = [f"{f.value:,}", f.unit, s.table if s else None, s.code if s else None,
                     (s.row if s else None) or f.label, s.column if s else None,
                     str(s.page) if s and s.page else None]
            lines.append(" | ".join(c or "-" for c in cells))
            if f.formula:
                lines.append(f"  = {f.formula}")
    if answer.citations:
        lines.append("")
        for c in answer.citations:
            where = c.table or c.section or ""
            item = " ".join(x for x in (c.code, c.row) if x)
            page = f"第{c.page}页" if c.page else ""
            lines.append(f"出处：{c.document} {where} {item} {page}".rstrip())
    return "\n".join(lines)


@cli.command(name="documents")
def documents_cmd() -> None:
    """List the documents in the store, grouped by issuer and year."""
    from assistant.config import load_settings
    from assistant.store import Store

    for line in document_lines(Store(load_settings()).list_documents()):
        click.echo(line)


def document_lines(docs: list) -> list[str]:
    """One heading per issuer (its region, level and short forms), then one line per document,
    by year then kind: year, kind, level, pages, tables, rows, chunks, id and file."""
    from assistant.render import document_groups, document_level

    lines: list[str] = []
    for g in document_groups(docs):
        known = "；".join(x for x in (g.region, g.level) if x)
        lines.append(f"{g.issuer or '(issuer not stated)'}" + (f"（{known}）" if known else "")
                     + (f"  简称：{'、'.join(g.forms[:6])}" if g.forms else ""))
        for d in g.documents:
            level = document_level(d)
            lines.append(f"  {d.year or '----'}  {d.kind or '-'}  {level or '-'}  {d.pages or '?'} pages, "
                         f"{d.tables} tables, {d.rows} rows, {d.chunks} chunks  {d.doc_id}  {d.name}")
    return lines


@cli.command(name="settings")
def settings_cmd() -> None:
    """Show every setting, its environment variable and its current value."""
    from assistant.config import SETTINGS, load_settings

    from store.servers import safe_url

    current = load_settings()
    for s in SETTINGS:
        value = getattr(current, s.name)
        if s.name == "database_url":
            value = safe_url(value)  # never print the password
        click.echo(f"{s.env}={value}    # {s.help}")


def _add_other_commands() -> None:
    from eval.cli import cli as eval_cli
    from ingest.cli import main as ingest_main

    cli.add_command(ingest_main, name="ingest")
    cli.add_command(eval_cli, name="eval")


_add_other_commands()
