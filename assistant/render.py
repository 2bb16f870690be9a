"""How an :class:`~assistant.answer.Answer` is shown in the chat.

* :func:`answer_markdown` – the reply itself (text, formulas, where it comes from);
* :func:`figure_rows` – the figures as rows for a table with :data:`FIGURE_COLUMNS`;
* :func:`citations_html` – each citation as an HTML ``<details>`` that opens to
  the quoted passage;
* :func:`format_amount` – an amount as the disclosures print it (``1,324.00``).

Everything here is plain text in, plain text out, so it is tested without a browser.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from html import escape

from .answer import Answer, Citation, Figure

__all__ = [
    "FIGURE_COLUMNS",
    "COMPARISON_COLUMNS",
    "COMPARISON_ROUTES",
    "answer_markdown",
    "citation_label",
    "citations_html",
    "comparison_figures",
    "comparison_html",
    "comparison_rows",
    "document_groups",
    "figure_rows",
    "format_amount",
    "pages_html",
    "scope_line",
]

FIGURE_COLUMNS = ["数值", "单位", "表", "科目编码", "科目名称", "栏目", "页码"]


def format_amount(value: Decimal | float | int | None) -> str:
    """``Decimal('1324.00')`` → ``1,324.00``; the printed number of decimals is kept."""
    if value is None:
        return ""
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    if value == value.to_integral_value() and value.as_tuple().exponent > 0:
        value = value.quantize(Decimal(1))  # 1E+1 -> 10
    return format(value, ",f")


def _figures_with_operands(figures: Iterable[Figure]) -> list[Figure]:
    """The figures, each followed by the operands of its formula (once each)."""
    out: list[Figure] = []
    seen: set[tuple] = set()

    def add(f: Figure) -> None:
        key = (f.value, f.unit, f.label, f.source)
        if key in seen:
            return
        seen.add(key)
        out.append(f)
        for o in f.operands:
            add(o)

    for f in figures:
        add(f)
    return out


def figure_rows(answer: Answer) -> list[list[str]]:
    """One row per figure (and per operand of a derived figure), in FIGURE_COLUMNS order."""
    rows = []
    for f in _figures_with_operands(answer.figures):
        s = f.source
        name = (s.row if s and s.row else None) or f.label
        column = (s.column if s else None) or ""
        if f.formula:
            column = f"{column}（{f.formula}）" if column else f.formula
        rows.append([
            format_amount(f.value),
            f.unit or "",
            (s.table if s else None) or (s.section if s else None) or "",
            (s.code if s else None) or "",
            name or "",
            column,
            str(s.page) if s and s.page else "",
        ])
    return rows


def citation_label(c: Citation) -> str:
    """A short one-line name for a citation: ``表四 · 公务接待费 · 第11页``."""
    parts: list[str] = []
    if c.table:
        parts.append(c.table)
    row = " ".join(p for p in (c.code, c.row) if p)
    if row:
        parts.append(row)
    if c.column:
        parts.append(c.column)
    if not c.table and c.section:
        parts.append(c.section)
    if c.page:
        parts.append(f"第{c.page}页")
    return " · ".join(parts) or c.document


def _formulas(answer: Answer) -> list[str]:
    return [
        f"{f.label}：{f.formula} = {format_amount(f.value)}{f.unit or ''}"
        for f in _figures_with_operands(answer.figures)
        if f.formula
    ]


def answer_markdown(answer: Answer, *, show_sources: bool = True) -> str:
    """The reply as Markdown: the answer text, any formulas, and a short source line."""
    parts = [answer.text.strip() or "（没有答案）"]
    formulas = _formulas(answer)
    if formulas:
        parts.append("\n".join(f"- 计算：{_md(x)}" for x in formulas))
    if show_sources and answer.citations:
        labels = list(dict.fromkeys(citation_label(c) for c in answer.citations))
        parts.append("出处：" + "；".join(_md(x) for x in labels))
    return "\n\n".join(parts)


def _md(text: str) -> str:
    """Keep Markdown from reading ``*``, ``_`` or a leading ``#`` in cited text as markup."""
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")


def citations_html(answer: Answer | None) -> str:
    """Each citation as ``<details>``: the label, opening to the document and quoted passage."""
    if answer is None or not answer.citations:
        return '<p class="bqa-muted">这条回答没有引用。</p>'
    items = []
    seen: set[Citation] = set()
    for c in answer.citations:
        if c in seen:
            continue
        seen.add(c)
        body = []
        if c.quote:
            body.append(f"<blockquote>{escape(c.quote)}</blockquote>")
        where = [f"文件：{escape(c.document)}"]
        if c.section:
            where.append(f"章节：{escape(c.section)}")
        if c.table and c.page:
            where.append(f"页码：{c.page}")
        body.append(f'<p class="bqa-where">{"；".join(where)}</p>')
        items.append(
            f'<details class="bqa-citation"><summary>{escape(citation_label(c))}</summary>'
            + "".join(body) + "</details>"
        )
    return '<div class="bqa-citations">' + "".join(items) + "</div>"


def pages_html(images: Sequence[tuple[bytes, str] | tuple[bytes, str, bytes | None]]) -> str:
    """Cited pages as ``<figure>`` elements: the PNG inline (a ``data:`` URL) and its caption.

    Each item is ``(png, caption)`` or ``(detail_png, caption, whole_page_png)``: the
    detail (the band around the highlight) is shown, and the whole page opens below it.
    Inline images scale to the column's width on any screen and need no file served.
    """
    if not images:
        return '<p class="bqa-muted">没有可显示的原文页面。</p>'
    figures = []
    for item in images:
        png, caption = item[0], item[1]
        whole = item[2] if len(item) > 2 else None
        alt = escape(caption)
        body = f'<img src="{_data_url(png)}" alt="{alt}"/>'
        if whole:
            body += (f'<details class="bqa-whole"><summary>看整页</summary>'
                     f'<img src="{_data_url(whole)}" alt="{alt}（整页）" loading="lazy"/></details>')
        figures.append(f'<figure class="bqa-page">{body}<figcaption>{alt}</figcaption></figure>')
    return '<div class="bqa-pages">' + "".join(figures) + "</div>"


def _data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


# -- the documents an answer was read from ------------------------------------------------

SCOPE_SHOWN = 4  # documents named in a scope line; more are counted


def scope_line(answer: Answer) -> str:
    """``依据：上海市普陀区商务委员会 2025年部门预算；…`` — the documents the answer was read from
    (``查阅：`` when they did not answer); empty when the answer names none."""
    labels = list(dict.fromkeys(x for x in answer.scope if x))
    if not labels:
        return ""
    head = "依据：" if answer.found else "查阅："
    shown = "；".join(labels[:SCOPE_SHOWN])
    if len(labels) > SCOPE_SHOWN:
        shown += f" 等{len(labels)}份文件"
    return head + shown


# -- answers across documents: their figures, each with its document ------------------------

COMPARISON_ROUTES = ("across:compare", "across:change", "across:rank", "across:sum", "across:each")
COMPARISON_COLUMNS = ["文件", "项目", "数值", "单位", "表", "页码"]


@dataclass(frozen=True)
class DocFigure:
    """A figure of an answer across documents and the document it was read from."""

    document: str  # the document's label as the answer's scope names it
    item: str  # what the figure is (the label without the document)
    figure: Figure


def comparison_figures(answer: Answer) -> list[DocFigure]:
    """The figures an answer across documents read from each document (not the ones it computed),
    each with its document's label; empty unless the answer is across two or more documents."""
    if answer.route not in COMPARISON_ROUTES or not answer.found:
        return []
    labels = sorted(dict.fromkeys(answer.scope), key=len, reverse=True)  # the longest label first
    out: list[DocFigure] = []
    seen: set[tuple] = set()
    for f in _figures_with_operands(answer.figures):
        if f.formula or f.source is None:
            continue
        key = (f.value, f.unit, f.source)
        if key in seen:
            continue
        seen.add(key)
        doc = next((x for x in labels if f.label.startswith(x)), None)
        item = f.label[len(doc):].strip() if doc else f.label
        out.append(DocFigure(doc or f.source.document, item or (f.source.row or ""), f))
    if len({d.document for d in out}) < 2:
        return []
    if answer.route == "across:change":  # a year-on-year answer: the years in order
        order = list(dict.fromkeys(answer.scope))
        out.sort(key=lambda d: order.index(d.document) if d.document in order else len(order))
    return out


def comparison_rows(answer: Answer) -> list[list[str]]:
    """One row per figure of an answer across documents, in COMPARISON_COLUMNS order."""
    rows = []
    for d in comparison_figures(answer):
        s = d.figure.source
        table = (s.table or s.section or "") if s else ""
        rows.append([d.document, d.item, format_amount(d.figure.value), d.figure.unit or "", table,
                     str(s.page) if s and s.page else ""])
    return rows


def comparison_html(answer: Answer, chart_png: bytes | None = None) -> str:
    """The figures of an answer across documents as a compact table, and their bar chart."""
    rows = comparison_rows(answer)
    if not rows:
        return ""
    head = "".join(f"<th>{escape(c)}</th>" for c in COMPARISON_COLUMNS)
    body = "".join("<tr>" + "".join(
        f'<td class="{"bqa-num" if i == 2 else ""}">{escape(c)}</td>' for i, c in enumerate(r)) + "</tr>"
        for r in rows)
    out = f'<div class="bqa-compare"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    if chart_png:
        out += f'<img class="bqa-compare-chart" src="{_data_url(chart_png)}" alt="各文件数字对比图"/>'
    return out + "</div>"


# -- the documents of the store, grouped by issuer and year ----------------------------------

KINDS = ("部门预算", "单位预算", "部门决算", "单位决算")


@dataclass
class IssuerGroup:
    """One issuer's documents, by year then kind, with what is known of the issuer."""

    issuer: str | None
    region: str | None
    level: str | None
    forms: list[str]
    documents: list[Any] = field(default_factory=list)  # DocumentInfo, by year then kind


def document_level(info: Any) -> str | None:
    """The document's level (区级 …): as the store says, else from its issuer's region."""
    from ingest.meta import level_of, split_issuer

    level = getattr(info, "level", None)
    if level:
        return level
    region = split_issuer(info.issuer)[0] if info.issuer else None
    return level_of(region)


def document_groups(docs: Iterable[Any]) -> list[IssuerGroup]:
    """The documents (DocumentInfo) grouped by issuer, each group by year then kind (部门 before
    单位, 预算 before 决算); documents of no stated issuer last. ``python -m assistant documents``
    and the chat's documents panel both list the store this way."""
    from ingest.meta import short_forms, split_issuer

    def key(d: Any) -> tuple:
        rank = KINDS.index(d.kind) if d.kind in KINDS else len(KINDS)
        return (d.issuer is None, d.issuer or "", d.year or 0, rank, d.name)

    groups: list[IssuerGroup] = []
    for d in sorted(docs, key=key):
        if not groups or groups[-1].issuer != d.issuer:
            region = split_issuer(d.issuer)[0] if d.issuer else None
            forms = sorted(getattr(d, "aliases", None) or short_forms(d.issuer), key=len)
            groups.append(IssuerGroup(d.issuer, region, document_level(d), forms))
        groups[-1].documents.append(d)
    return groups
