"""Read a disclosure given as plain text with Markdown tables.

This is the form a PDF takes after a PDF-to-Markdown conversion: a label line
(表一), a title line (sometimes in ``**bold**`` and wrapped), a 单位 line, then a
pipe table. A table broken by a page break shows up as a second pipe table with
an empty header row and no label or title: it continues the table before it.
Wrapped cell text arrives with a space where the line broke ("基本支 出"); the
space is dropped between CJK characters. ``<p>`` paragraphs inside a cell become
``\\n``. Pages are unknown in this form (page = None).
"""

from __future__ import annotations

import html
import re

from .events import Progress, ProgressCallback, emit
from .model import Extracted, TextLine
from .tables import RawTable, assemble_tables, fix_radicals, is_title, join_cjk, norm, table_label, unit_of

__all__ = ["extract_text", "parse_pipe_row"]

_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")
_NOTE = re.compile(r"^\s*(备注|注|说明)\s*[：:]")
_PREAMBLE = re.compile(r"^(编制|单位|编制单位|金额单位)")
HEAD_LINES = 15


def _cell(text: str) -> str:
    """One Markdown cell → its text; ``<p>`` paragraphs become lines."""
    t = re.sub(r"</p>\s*<p[^>]*>", "\n", text, flags=re.I)
    t = re.sub(r"<br\s*/?>", "\n", t, flags=re.I)
    t = html.unescape(re.sub(r"<[^>]+>", "", t))
    t = t.replace("**", "")
    return "\n".join(join_cjk(p) for p in t.split("\n") if p.strip())


def parse_pipe_row(line: str) -> list[str]:
    """``| a | b |`` → ``["a", "b"]`` (cell texts cleaned)."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [_cell(c) for c in re.split(r"(?<!\\)\|", s)]


def _is_table_line(line: str) -> bool:
    return line.lstrip().startswith("|")


def extract_text(text: str, progress: ProgressCallback | None = None) -> Extracted:
    """Tables and narrative lines of a text/Markdown disclosure."""
    lines = fix_radicals(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    raws: list[RawTable] = []
    narrative: list[TextLine] = []
    head = [ln.strip().replace("**", "") for ln in lines if ln.strip()][:HEAD_LINES]
    pre: dict[str, list[str] | str | None] = {"label": None, "title": [], "unit": None}
    in_preamble = False
    title_done = False
    bold_title = False
    i = 0
    total = len(lines)
    while i < total:
        raw_line = lines[i]
        line = raw_line.strip()
        if not line:
            i += 1
            continue
        if _is_table_line(line):
            block = []
            while i < total and _is_table_line(lines[i].strip()):
                if not _SEPARATOR.match(lines[i].strip()):
                    block.append(parse_pipe_row(lines[i]))
                i += 1
            title_parts = pre["title"] if isinstance(pre["title"], list) else []
            title = join_cjk(" ".join(title_parts)) or None
            raws.append(
                RawTable(
                    grid=[list(r) for r in block],
                    label=pre["label"] if isinstance(pre["label"], str) else None,
                    title=title,
                    unit=pre["unit"] if isinstance(pre["unit"], str) else None,
                )
            )
            pre = {"label": None, "title": [], "unit": None}
            in_preamble = title_done = bold_title = False
            emit(progress, Progress(stage="page", done=i, total=total, tables=len(raws)))
            continue
        i += 1
        clean = line.replace("**", "").strip()
        if _NOTE.match(clean) and raws and not in_preamble:
            raws[-1].note = join_cjk(clean)
            continue
        label = table_label(clean)
        if label:
            pre = {"label": label[0], "title": [label[1]] if label[1] else [], "unit": unit_of(clean)}
            in_preamble, title_done = True, bool(label[1] and is_title(label[1]))
            bold_title = False
            continue
        starts_bold = line.startswith("**")
        if not in_preamble and (is_title(clean) or (starts_bold and not line.endswith("。**"))):
            pre = {"label": None, "title": [clean], "unit": unit_of(clean)}
            in_preamble, title_done = True, is_title(clean)
            bold_title = starts_bold and not line.rstrip().endswith("**")
            continue
        if in_preamble:
            unit = unit_of(clean)
            if unit:
                pre["unit"] = unit
            elif not title_done and not _PREAMBLE.match(norm(clean)):
                assert isinstance(pre["title"], list)
                pre["title"].append(clean)
                title_done = is_title(clean) or (bold_title and line.rstrip().endswith("**"))
            continue
        narrative.append(TextLine(text=clean, page=None))
    tables = assemble_tables(raws)
    emit(progress, Progress(stage="tables", done=total, total=total, tables=len(tables), rows=sum(len(t.rows) for t in tables)))
    return Extracted(tables=tables, lines=narrative, pages=None, head_lines=head)
