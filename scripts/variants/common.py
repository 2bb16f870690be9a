"""Shared pieces of the variant documents: table specs, page layout, HTML, truth and Markdown.

A document is a list of pages; a page holds HTML blocks and table parts. Every
table is one :class:`TSpec` whose rows carry the numbers; the printed cells, the
truth rows and the Markdown form are all derived from those rows, so the PDF
and its truth file cannot disagree.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

D = Decimal
DASH_FORMS = {"-", "/", "—", "－"}

Value = Decimal | str | None  # None prints blank; a dash form prints as is and counts as empty

CSS = """
@page { size: A4; margin: 15mm 18mm; }
@page land { size: A4 landscape; margin: 15mm 15mm; }
body { font-family: 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', sans-serif; font-size: 10.5pt; margin: 0; }
.page { height: 266mm; position: relative; page-break-after: always; display: flow-root; }
.page.land { page: land; height: 179mm; }
.page:last-child { page-break-after: auto; }
.pno { position: absolute; bottom: 0; left: 0; right: 0; text-align: center; font-size: 9pt; }
.cover1 { font-size: 20pt; text-align: center; margin-top: 40mm; }
.cover2 { font-size: 18pt; text-align: center; margin: 6mm 0 20mm; }
.part { font-size: 14pt; text-align: center; margin: 4mm 0; }
.label { font-size: 10.5pt; margin-top: 1mm; }
.title { font-size: 12.5pt; text-align: center; margin: 0.5mm 0; }
.spaced { letter-spacing: 0.55em; }
.unit { text-align: right; font-size: 9pt; }
p { margin: 0; text-indent: 2em; line-height: 1.55; text-align: justify; }
p.h1 { text-indent: 0; font-weight: bold; margin-top: 2mm; }
p.h2 { text-indent: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
td { border: 0.6pt solid #000; padding: 1.5pt 3pt; }
td.n { text-align: right; white-space: nowrap; }
td.c { text-align: center; }
table.open tr > td:first-child { border-left: none; }
table.open tr > td:last-child { border-right: none; }
table.seg { border-collapse: separate; border-spacing: 0; }
table.seg.dbl { border-spacing: 1.2pt; }
table.seg td { border: none; position: relative; }
table.seg svg.b { position: absolute; left: 0; top: 0; width: 100%; height: 100%; overflow: visible; }
.pnoin { position: absolute; right: -14mm; font-size: 8.5pt; }
td:last-child { position: relative; }
.note { font-size: 9pt; margin-top: 1.5mm; }
"""

# four stroked segments per cell (the way Word/WPS exports draw ruled tables)
SEG = (
    '<svg class="b"><line x1="0" y1="0" x2="100%" y2="0" stroke="#000" stroke-width="0.6"/>'
    '<line x1="0" y1="100%" x2="100%" y2="100%" stroke="#000" stroke-width="0.6"/>'
    '<line x1="0" y1="0" x2="0" y2="100%" stroke="#000" stroke-width="0.6"/>'
    '<line x1="100%" y1="0" x2="100%" y2="100%" stroke="#000" stroke-width="0.6"/></svg>'
)


def yuan(v: Decimal) -> str:
    """1234567.89 → "1,234,567.89"."""
    return f"{v:,.2f}"


def plain(v: Decimal) -> str:
    return f"{v:.2f}"


def wan(v: Decimal) -> str:
    """An amount in 元 as the narrative writes it in 万元: two decimals, trailing zeros dropped."""
    s = f"{(v / 10000).quantize(D('0.01'))}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def num(v: Decimal) -> str:
    """An amount as the narrative writes it in its own unit, trailing zeros dropped."""
    s = f"{v:.2f}"
    return s.rstrip("0").rstrip(".")


@dataclass
class TRow:
    """One logical row: its code, name and values (in the table's value-column order)."""

    name: str
    values: list[Value]
    code: str | None = None
    lead: list[str] | None = None  # printed leading cells, when not [code, name]
    side: str | None = None
    split_at: int | None = None  # printed across a page break: name[:split_at] and values first


@dataclass
class TSpec:
    table_id: str
    role: str
    title: str
    unit: str
    header: list[list[tuple[str, int, int]]]  # (text, colspan, rowspan)
    columns: list[str]
    rows: list[TRow] = field(default_factory=list)
    pairs: list[tuple[TRow | None, TRow | None]] | None = None  # two-sided tables
    lead: Callable[[TRow], list[str]] | None = None
    lead_width: int = 2
    fmt: Callable[[Decimal], str] = yuan
    style: str = ""
    spaced_title: bool = False
    label_in_title: bool = False  # "附表1 xxx表" on one line
    lanci: list[str] | None = None  # a 栏次 row printed under the header
    parts: list[tuple[int, int, bool]] | None = None  # (start, end, repeat header) per page
    note: str | None = None
    column_groups: dict[str, list[str]] | None = None
    inline_page_no: bool = False  # the page number printed on the last row's line, right of the table
    pages: list[int] = field(default_factory=list)  # filled in by the layout

    # -- printed cells -----------------------------------------------------------

    def cell(self, v: Value) -> str:
        if v is None:
            return ""
        if isinstance(v, Decimal):
            return self.fmt(v)
        return v

    def lead_cells(self, r: TRow) -> list[str]:
        if r.lead is not None:
            return r.lead
        if self.lead is not None:
            return self.lead(r)
        return [r.code or "", r.name] if self.lead_width == 2 else [r.name]

    def printed_lines(self) -> list[list[str]]:
        """Body rows as printed (split rows give two lines)."""
        if self.pairs is not None:
            out = []
            for a, b in self.pairs:
                left = (self.lead_cells(a) + [self.cell(v) for v in a.values]) if a else [""] * self._side_width(0)
                right = (self.lead_cells(b) + [self.cell(v) for v in b.values]) if b else [""] * self._side_width(1)
                out.append(left + right)
            return out
        out = []
        for r in self.rows:
            lead = self.lead_cells(r)
            vals = [self.cell(v) for v in r.values]
            if r.split_at:
                first = [c if k != len(lead) - 1 else r.name[: r.split_at] for k, c in enumerate(lead)]
                first = ["" if k < len(lead) - 1 else c for k, c in enumerate(first)]
                out.append(first + vals)
                out.append(lead[:-1] + [r.name[r.split_at:]] + [""] * len(vals))
            else:
                out.append(lead + vals)
        return out

    def _side_width(self, side: int) -> int:
        assert self.pairs is not None
        for pair in self.pairs:
            r = pair[side]
            if r is not None:
                return len(self.lead_cells(r)) + len(r.values)
        return 0

    def line_parts(self) -> list[tuple[list[list[str]], bool]]:
        """Printed lines per page part, with whether the part repeats the header."""
        lines = self.printed_lines()
        if not self.parts:
            return [(lines, True)]
        # part bounds are in logical rows; a split row adds a line
        idx, k = [], 0
        rows = self.rows if self.pairs is None else [None] * len(self.pairs)
        for r in rows:
            idx.append(k)
            k += 2 if (r is not None and r.split_at) else 1
        idx.append(k)
        out = []
        for start, end, repeat in self.parts:
            lo = idx[start]
            hi = idx[end] if end < len(idx) else k
            if start > 0 and self.pairs is None and self.rows[start - 1].split_at:
                lo -= 1  # the second half of the split row opens this part
            if end < len(self.rows) and self.pairs is None and self.rows[end - 1].split_at:
                hi -= 1
            out.append((lines[lo:hi], repeat))
        return out

    # -- truth -----------------------------------------------------------------------

    def truth(self) -> dict[str, Any]:
        rows = []
        source = self.rows if self.pairs is None else [r for pair in self.pairs for r in pair if r is not None]
        for r in source:
            d: dict[str, Any] = {}
            if self.pairs is not None:
                d["side"] = r.side
            d["code"] = r.code
            d["name"] = r.name
            cols = self.column_groups[r.side] if (self.pairs is not None and self.column_groups and r.side) else self.columns
            d["values"] = {c: truth_value(v) for c, v in zip(cols, r.values, strict=True)}
            rows.append(d)
        out: dict[str, Any] = {
            "table_id": self.table_id, "role": self.role, "title": self.title, "unit": self.unit,
            "page": self.pages[0] if self.pages else None,
            "page_end": self.pages[-1] if self.pages else None,
            "columns": self.columns, "rows": rows,
        }
        if self.column_groups:
            out["column_groups"] = self.column_groups
        if self.note:
            out["note"] = self.note
        return out


def truth_value(v: Value) -> Any:
    if v is None or (isinstance(v, str) and v in DASH_FORMS):
        return None
    if isinstance(v, Decimal):
        return float(v)
    return v


# -- HTML ------------------------------------------------------------------------------


def _td(text: str, cls: str, seg: bool, colspan: int = 1, rowspan: int = 1) -> str:
    attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
    c = f' class="{cls}"' if cls else ""
    return f"<td{attrs}{c}>{html.escape(text)}{SEG if seg else ''}</td>"


def _is_amount(s: str) -> bool:
    t = s.replace(",", "").replace(".", "").replace("-", "")
    return bool(t) and t.isdigit() and not (s.isdigit() and len(s) in (3, 5, 7) and "." not in s)


def table_html(spec: TSpec, part: int, page_no: str = "") -> str:
    parts = spec.line_parts()
    lines, repeat = parts[part]
    seg = "seg" in spec.style
    out = []
    if part == 0:
        title = html.escape(spec.title)
        if spec.label_in_title:
            out.append(f'<div class="title{" spaced" if spec.spaced_title else ""}">{html.escape(spec.table_id)} {title}</div>')
        else:
            out.append(f'<div class="label">{html.escape(spec.table_id)}</div>')
            out.append(f'<div class="title{" spaced" if spec.spaced_title else ""}">{title}</div>')
        out.append(f'<div class="unit">单位：{spec.unit}</div>')
    narrow = ' style="width: 90%"' if spec.inline_page_no else ""  # room for the page number on the right
    out.append(f'<table class="{spec.style}"{narrow}>')
    if part == 0 or repeat:
        for hr in spec.header:
            out.append("<tr>" + "".join(_td(t, "c", seg, cs, rs) for t, cs, rs in hr) + "</tr>")
        if spec.lanci:
            out.append("<tr>" + "".join(_td(t, "c", seg, 1 if k else spec.lead_width) for k, t in enumerate(spec.lanci)) + "</tr>")
    for k, ln in enumerate(lines):
        tr = "<tr>" + "".join(_td(t, "n" if _is_amount(t) or t in DASH_FORMS else "", seg) for t in ln) + "</tr>"
        if page_no and k == len(lines) - 1:  # same baseline as the row's figures, in the right margin
            tr = tr[: -len("</td></tr>")] + f'<span class="pnoin">{html.escape(page_no)}</span></td></tr>'
        out.append(tr)
    out.append("</table>")
    if part == len(parts) - 1 and spec.note:
        out.append(f'<div class="note">{html.escape(spec.note)}</div>')
    return "\n".join(out)


@dataclass
class Page:
    blocks: list[str | tuple[TSpec, int]]
    land: bool = False


@dataclass
class Doc:
    slug: str
    issuer: str
    year: int
    kind: str
    title: str
    pages: list[Page]
    sections: list[tuple[str, str]]  # (heading, text) of the narrative
    page_no: Callable[[int], str] = lambda n: f"- {n} -"
    facts: dict[str, Any] = field(default_factory=dict)
    narrative_unit: str = "万元"
    table_unit: str = "元"

    def tables(self) -> list[TSpec]:
        seen: list[TSpec] = []
        for pg in self.pages:
            for b in pg.blocks:
                if isinstance(b, tuple) and b[0] not in seen:
                    seen.append(b[0])
        return seen

    def layout(self) -> None:
        for t in self.tables():
            t.pages = []
        for n, pg in enumerate(self.pages, start=1):
            for b in pg.blocks:
                if isinstance(b, tuple):
                    b[0].pages.append(n)

    def html(self) -> str:
        self.layout()
        body = []
        for n, pg in enumerate(self.pages, start=1):
            inline = [b for b in pg.blocks if isinstance(b, tuple) and b[0].inline_page_no
                      and b[1] == len(b[0].line_parts()) - 1]
            inner = "\n".join(
                b if isinstance(b, str) else table_html(*b, page_no=self.page_no(n) if b in inline else "")
                for b in pg.blocks
            )
            pno = f'<div class="pno">{html.escape(self.page_no(n))}</div>' if self.page_no(n) and not inline else ""
            body.append(f'<div class="page{" land" if pg.land else ""}">{inner}{pno}</div>')
        return f'<html><head><meta charset="utf-8"><style>{CSS}</style></head><body>{"".join(body)}</body></html>'

    def section_pages(self) -> dict[str, int]:
        out = {}
        for n, pg in enumerate(self.pages, start=1):
            for b in pg.blocks:
                if isinstance(b, str):
                    for heading, _ in self.sections:
                        if html.escape(heading) in b and heading not in out:
                            out[heading] = n
        return out

    def truth(self) -> dict[str, Any]:
        self.layout()
        pages = self.section_pages()
        return {
            "doc_id": self.slug, "issuer": self.issuer, "title": self.title, "doc_type": self.kind,
            "year": self.year, "fictional": True, "unit": self.table_unit, "narrative_unit": self.narrative_unit,
            "pages": len(self.pages),
            "narrative": {"sections": [{"heading": h, "text": t, "page": pages.get(h)} for h, t in self.sections]},
            "facts": self.facts,
            "tables": [t.truth() for t in self.tables()],
        }

    def markdown(self) -> str:
        """The text form a PDF-to-Markdown conversion gives: label, title, unit, pipe tables."""
        out: list[str] = []
        for pg in self.pages:
            for b in pg.blocks:
                if isinstance(b, str):
                    out.extend(_html_text(b))
                    continue
                spec, part = b
                lines, repeat = spec.line_parts()[part]
                if part == 0:
                    out += [spec.table_id, "", f"**{spec.title}**", "", f"单位：{spec.unit}", ""]
                rows = []
                if part == 0 or repeat:
                    rows += _header_grid(spec)
                    if spec.lanci:
                        rows.append([spec.lanci[0]] + [""] * (spec.lead_width - 1) + spec.lanci[1:])
                    rows += lines
                    head, body = rows[0], rows[1:]
                else:
                    head, body = [""] * len(lines[0]), lines
                out.append("| " + " | ".join(head) + " |")
                out.append("|" + "|".join("---" for _ in head) + "|")
                out += ["| " + " | ".join(r) + " |" for r in body]
                out.append("")
                if part == len(spec.line_parts()) - 1 and spec.note:
                    out += [spec.note, ""]
        return "\n".join(out) + "\n"


def _header_grid(spec: TSpec) -> list[list[str]]:
    """The merged header as a plain grid: text in the first covered cell, '' elsewhere."""
    width = sum(cs for t, cs, rs in spec.header[0])
    grid: list[list[str | None]] = [[None] * width for _ in spec.header]
    for r, hr in enumerate(spec.header):
        c = 0
        for text, cs, rs in hr:
            while grid[r][c] is not None:
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    grid[r + dr][c + dc] = text if (dr == 0 and dc == 0) else ""
            c += cs
    return [[x or "" for x in row] for row in grid]


def _html_text(block: str) -> list[str]:
    import re

    out = []
    for m in re.finditer(r"<(p|div)[^>]*>(.*?)</\1>", block, flags=re.S):
        text = html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip()
        if text:
            out += [text, ""]
    return out


def para(text: str, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<p{c}>{html.escape(text)}</p>"


def narrative_html(sections: list[tuple[str, str]]) -> list[str]:
    """One HTML block per section: the heading line, then one <p> per paragraph."""
    blocks = []
    for heading, text in sections:
        blocks.append(para(heading, "h1") + "".join(para(p) for p in text.split("\n")))
    return blocks
