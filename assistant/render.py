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
from decimal import Decimal
from html import escape

from .answer import Answer, Citation, Figure

__all__ = [
    "FIGURE_COLUMNS",
    "answer_markdown",
    "citation_label",
    "citations_html",
    "figure_rows",
    "format_amount",
    "pages_html",
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
