"""From printed table grids to :class:`~ingest.model.Table` objects, whatever the source.

A reader (PDF or text) hands over :class:`RawTable` pieces: the cell grid of one
printed table on one page, with the label (表一, 表1-1, 附表3), title, unit and
备注 line it found around it. This module is the source-independent chain:

    pieces → logical tables (a piece without label/title continues the one before)
           → header rows vs body rows → column names and roles   (ingest.columns)
           → Row objects (codes, names, values; split rows joined; two sides)
           → or, for form-like tables, fields + indicator rows    (ingest.forms)

Every step is a small pure function so that each rule can be tested alone.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .columns import (
    _CODE_NAME,
    _LEAD,
    _TOTAL,
    Line,
    SplitCode,
    _is_body_row,
    _is_code,
    column_names,
    column_roles,
    fix_radicals,
    header_paths,
    is_title,
    join_cjk,
    norm,
    role_of,
    split_header,
    table_label,
    unit_of,
)
from .forms import form_table, is_form, table_of_parts
from .model import Cell, Row, Table, code_level, parse_amount

__all__ = [
    "RawTable",
    "assemble_tables",
    "contents_numbers",
    "column_names",
    "fix_radicals",
    "header_paths",
    "is_title",
    "join_cjk",
    "norm",
    "role_of",
    "split_header",
    "table_label",
    "unit_of",
]

log = logging.getLogger(__name__)

_Line = Line
_SplitCode = SplitCode  # the name the unit tests use


@dataclass
class RawTable:
    """One printed table on one page (or one Markdown table), before stitching.

    ``grid`` holds cell texts row by row; ``None`` marks a cell covered by a merged
    cell (PDF). ``row_pages`` gives the page each row is printed on. ``col_x``
    (PDF only) gives each column's x-extent, used to map continuation columns.
    """

    grid: list[list[str | None]]
    page: int | None = None
    row_pages: list[int | None] = field(default_factory=list)
    label: str | None = None
    title: str | None = None
    unit: str | None = None
    note: str | None = None
    col_x: list[tuple[float, float]] | None = None

    def pages(self) -> list[int | None]:
        return self.row_pages or [self.page] * len(self.grid)


# -- rows ----------------------------------------------------------------------

_BRACKET_CODE = re.compile(r"^[\[【［](\d{3,7})[\]】］](.+)$")
# "人员经费合计": a side's total that names the side; 收入/支出 totals (本年收入合计) do not
_SIDE_TOTAL = re.compile(r"^(?!.*(?:收入|支出|结转|结余))(.{2,8}?)(?:合计|总计)$")


def _clean_name(s: str) -> str:
    return _LEAD.sub("", norm(s))


def _row_from_cells(cells: list[str], roles: list[str], names: list[str], split: SplitCode) -> tuple[str | None, str, str | None, dict[str, Cell]]:
    code: str | None = None
    name_parts: list[str] = []
    category = None
    values: dict[str, Cell] = {}
    lkx = {"lei": "", "kuan": "", "xiang": ""}
    levels: list[tuple[int, str]] = []
    for c, role in enumerate(roles):
        text = cells[c] if c < len(cells) else ""
        if role == "code":
            s = norm(text)
            m = _CODE_NAME.match(s)
            if _is_code(s):
                code = s
            elif m:
                code, rest = m.group(1), m.group(2)
                name_parts.append(rest)
            elif s:
                name_parts.append(s)
        elif role in lkx:
            if norm(text) and not norm(text).isdigit():  # 合计 printed across the code cells
                name_parts.append(text)
            else:
                lkx[role] = text
        elif role in ("name", "subname"):
            m = _BRACKET_CODE.match(norm(text))
            if m and code is None:  # "[30101]基本工资": the code printed in brackets before the name
                code, text = m.group(1), m.group(2)
            name_parts.append(text)
        elif role == "skip" and _TOTAL.match(norm(text)):
            name_parts.insert(0, norm(text))
        elif role == "category":
            category = norm(text) or None
        elif role == "value":
            values[names[c]] = Cell.of(norm(text))
        elif role == "level":
            levels.append((c, text))
    if levels:  # the row's name is its most specific level; the levels before it stay as text
        deepest = max((c for c, t in levels if norm(t)), default=None)
        for c, t in levels:
            if c == deepest:
                name_parts.append(t)
            if c != levels[-1][0]:
                values[names[c]] = Cell.of("" if c == deepest else norm(t))
    if any(lkx.values()):
        code = split.code(lkx["lei"], lkx["kuan"], lkx["xiang"]) or code
    return code, _clean_name("".join(name_parts)), category, values


def _empty(values: dict[str, Cell]) -> bool:
    return all(not v.text for v in values.values())


def _join_split_rows(rows: list[Row]) -> list[Row]:
    """Join a row printed across a page break or wrapped into a row of its own.

    (a) a row with a name but no code, followed by a row with a code and no
        values (the code and the rest of the name went to the next page);
    (b) a row with only a name (no code, no values) after a coded row: the
        end of the previous row's wrapped name.
    Only in tables whose rows carry codes.
    """
    if not any(r.code for r in rows):
        return rows
    out: list[Row] = []
    i = 0
    while i < len(rows):
        r = rows[i]
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if (
            nxt is not None and not r.code and r.name and not _TOTAL.match(r.name) and nxt.code
            and _empty(nxt.values) and (not _empty(r.values) or r.page != nxt.page)
        ):
            values = {k: (v if v.text else nxt.values.get(k, v)) for k, v in r.values.items()}
            out.append(Row(name=r.name + nxt.name, values=values, code=nxt.code, page=r.page, category=r.category))
            i += 2
            continue
        if out and not r.code and r.name and _empty(r.values) and not _TOTAL.match(r.name) and out[-1].code:
            out[-1].name += r.name
            i += 1
            continue
        out.append(r)
        i += 1
    return out


def _set_parents(rows: list[Row]) -> None:
    seen: list[str] = []
    for r in rows:
        r.level = code_level(r.code)
        if r.code:
            r.parent_code = next((p for p in reversed(seen) if len(p) < len(r.code) and r.code.startswith(p)), None)
            seen.append(r.code)


def build_rows(lines: list[_Line], roles: list[str], names: list[str], paths: list[list[str]]) -> list[Row]:
    """Body lines → rows of a one-sided table."""
    split = SplitCode()
    rows: list[Row] = []
    fallback_name = ""
    if "name" not in roles and "code" not in roles:
        # a header cell over every figure column ("2024年预算数") names the one row; a group over
        # some of them (公务用车购置及运行费 over 小计 / 购置费 / 运行费) does not
        tops = [p[0] if p and len(p) > 1 else "" for p, ro in zip(paths, roles, strict=False) if ro == "value"]
        fallback_name = tops[0] if tops and tops[0] and len(set(tops)) == 1 else "合计"
    for ln in lines:
        code, name, category, values = _row_from_cells(ln.cells, roles, names, split)
        if not code and not name and _empty(values):
            continue
        if not code and not name and "level" in roles:
            # no level printed: the row sits under a name cell merged down from the row above
            # (物业管理服务 over its 部门集中采购 and 分散自行组织 rows), or it is a 品目大类 row
            name = _clean_name(category) if category else (rows[-1].name if rows else "")
        if not code and not name:
            name = fallback_name
        rows.append(Row(name=name, values=values, code=code, page=ln.page, category=category))
    if not rows and fallback_name and lines:  # one row of blank cells under the header (a template, a 三公 of nothing)
        _, _, _, values = _row_from_cells(lines[0].cells, roles, names, split)
        rows.append(Row(name=fallback_name, values=values, page=lines[0].page))
    rows = _join_split_rows(rows)
    _set_parents(rows)
    return rows


def build_two_sided(lines: list[_Line], roles: list[str], names: list[str], paths: list[list[str]]) -> tuple[list[Row], dict[str, list[str]]]:
    """Body lines of a 收支总表 (收入 and 支出 side by side) → one row list with sides.

    Sides are 收入 / 支出, or the group headers themselves when those name
    something else (基本支出决算表: 人员经费 | 公用经费). A side that prints
    经济分类 codes keeps them in ``Row.code`` with the name alone in ``Row.name``
    (never "30101基本工资"): truth files of the corpus kind give two-sided rows no
    code, and :mod:`ingest.rowmatch` then matches them by name.
    """
    starts = [i for i, r in enumerate(roles) if r == "name"]
    # a side whose rows carry codes (基本支出决算表: 人员经费 | 公用经费) starts at its code column
    starts = [s - 1 if s > 0 and roles[s - 1] == "code" else s for s in starts]
    bounds = [*starts, len(roles)]
    parts: list[tuple[str, range]] = []
    defaults = ["收入", "支出"]
    tops = [paths[s][0] if paths[s] and len(paths[s]) > 1 else "" for s in starts[:2]]
    for k, s in enumerate(starts):
        if k >= 2:  # a third list (支出 by 功能分类 and by 支出用途): the side its header names, else the last
            top = paths[s][0] if paths[s] and len(paths[s]) > 1 else ""
            side = "收入" if "收入" in top else "支出" if "支出" in top else parts[-1][0]
            parts.append((side, range(s, bounds[k + 1])))
            continue
        top = tops[k]
        side = "收入" if "收入" in top else "支出" if "支出" in top else defaults[k]
        if top and len(set(tops)) == 2 and not any(w in "".join(tops) for w in ("收入", "支出")):
            side = top  # 人员经费 | 公用经费: the sides are named by their group headers
        parts.append((side, range(s if k else 0, bounds[k + 1])))
    groups: dict[str, list[str]] = {}
    rows: list[Row] = []
    by_line: dict[int, Row] = {}  # the last row made from each body line
    for side, rng in parts:
        sub_names = [names[c] for c in rng]
        sub_roles = [roles[c] for c in rng]
        cols = groups.setdefault(side, [])
        cols += [n for n, ro in zip(sub_names, sub_roles, strict=True) if ro == "value" and n not in cols]
        for i, ln in enumerate(lines):
            cells = [ln.cells[c] if c < len(ln.cells) else "" for c in rng]
            code, name, category, values = _row_from_cells(cells, sub_roles, sub_names, SplitCode())
            prev = by_line.get(i)
            if prev is not None and prev.side == side and not name and not code and prev.name and _empty(prev.values):
                # "当年支出小计" merged across the 功能分类 list; its figure under the 支出用途 list
                prev.values = {**prev.values, **{k: v for k, v in values.items() if v.text}}
                continue
            if name or not _empty(values):
                row = Row(name=name, values=values, code=code, page=ln.page, side=side)
                rows.append(row)
                by_line[i] = row
    if not any(tops):  # no group header: a side's own total row names it (人员经费合计 | 公用经费合计)
        named = {}
        for side, _ in parts:
            totals = [r.name for r in rows if r.side == side and not r.code and _SIDE_TOTAL.match(r.name)]
            heads = {_SIDE_TOTAL.match(t).group(1) for t in totals}  # type: ignore[union-attr]
            if len(heads) == 1:
                named[side] = heads.pop()
        if len(named) == len(parts) and len(set(named.values())) == len(parts):
            for r in rows:
                r.side = named.get(r.side or "", r.side)
            groups = {named[s]: cols for s, cols in groups.items()}
    for side in groups:  # codes printed on a side (301 > 30101) nest within that side
        _set_parents([r for r in rows if r.side == side])
    return rows, groups


# -- stitching and assembly --------------------------------------------------------


def _map_columns(part: RawTable, main: RawTable, ncols: int) -> list[list[str]]:
    """The part's rows laid onto the main piece's columns (by x-overlap when known)."""
    width = max((len(r) for r in part.grid), default=0)
    if part.col_x and main.col_x and width != ncols:
        target = []
        # a main column that the rows just before the break leave under a merge from the left
        tail = main.grid[-3:]
        covered = [j > 0 and bool(tail) and all(j < len(r) and r[j] is None for r in tail) for j in range(len(main.col_x))]
        for x0, x1 in part.col_x:
            overlaps = [min(x1, b1) - max(x0, b0) for b0, b1 in main.col_x]
            best = max(range(len(overlaps)), key=overlaps.__getitem__)
            while best > 0 and covered[best] and overlaps[best - 1] > 0:
                best -= 1  # its text belongs to the merged cell's own column
            target.append(best if overlaps[best] > 0 else None)
        out = []
        for r in part.grid:
            row = [""] * ncols
            for j, c in enumerate(r):
                t = target[j] if j < len(target) else None
                if t is not None and c:
                    row[t] = (row[t] + c) if row[t] else c
            out.append(row)
        return out
    return [[(r[j] or "") if j < len(r) else "" for j in range(ncols)] for r in part.grid]


def _lines_of(parts: list[RawTable]) -> list[_Line]:
    """All pieces' rows; a continuation ruled into other columns is laid onto the first piece's."""
    main = parts[0]
    ncols = max((len(r) for r in main.grid), default=0)
    out = [_Line([c or "" for c in row], pg) for row, pg in zip(main.grid, main.pages(), strict=False)]
    for p in parts[1:]:
        width = max((len(r) for r in p.grid), default=0)
        rows = _map_columns(p, main, ncols) if width < ncols and p.col_x and main.col_x else [[c or "" for c in r] for r in p.grid]
        out += [_Line(row, pg) for row, pg in zip(rows, p.pages(), strict=False)]
    return out


def _header_like(row: list[str], header_cells: set[str]) -> bool:
    cells = [norm(c) for c in row if norm(c)]
    return bool(cells) and all(c in header_cells for c in cells)


def _total_in_header(header: list[list[str | None]], ncols: int) -> tuple[list[list[str | None]], list[str] | None]:
    """A 合计 row printed on the header's last row: (header without it, the 合计 line).

    Some 决算 templates print the 合计 row's label in the code/name columns of the
    row that also holds a group's sub-headings (合计 | 基本支出 | 项目支出 under
    本年支出). The label is a row, not a heading: it leaves the header, and the row
    keeps the cells under columns that have no sub-heading there.
    """
    while header and not any(norm(c) for c in header[-1]):
        header = header[:-1]  # blank rows of a table without figures
    if len(header) < 2:
        return header, None
    last = [c for c in (header[-1] + [None] * ncols)[:ncols]]
    first = norm(last[0])
    if not _TOTAL.match(first):
        return header, None
    above = header_paths(header[:-1], ncols)
    roles = column_roles([p[-1] if p else "" for p in above], [])
    if roles[0] not in ("code", "name", "lei"):
        return header, None
    label_cols = {c for c in range(ncols) if roles[c] in ("code", "name", "lei", "kuan", "xiang")}
    line = []
    head_row: list[str | None] = []
    for c, cell in enumerate(last):
        if c in label_cols:
            line.append(first if c == 0 else "")
            head_row.append("" if cell is not None else None)
        elif norm(cell) and parse_amount(norm(cell)) is None:
            line.append("")  # a sub-heading of a group, not a figure of the row
            head_row.append(cell)
        else:
            line.append(cell or "")
            head_row.append("")
    return [*header[:-1], head_row], line


_NAMES = ("name", "subname", "level")
_ITEM_START = re.compile(r"^([一二三四五六七八九十]{1,3}、|\d{1,2}[.、．]|[（(][\d一二三四五六七八九十]{1,2}[）)])")


def _join_page_tails(lines: list[_Line], starts: list[int], roles: list[str]) -> list[_Line]:
    """The end of a name carried over a page break ("十七、国土海洋气象等支" | "出").

    A continuation page whose first line holds only name text, no figure and no code,
    and does not start an item of its own (一、 / 1. / （一）/ 合计) ends the name
    printed on the last line of the page before; the two lines become one.
    """
    out = list(lines)
    for i in sorted(starts, reverse=True):
        if i <= 0 or i >= len(out):
            continue
        ln, prev = out[i], out[i - 1]
        filled = [c for c, t in enumerate(ln.cells) if norm(t)]
        if not filled or any(c >= len(roles) or roles[c] not in _NAMES for c in filled):
            continue
        texts = [norm(ln.cells[c]) for c in filled]
        if any(_ITEM_START.match(t) or _TOTAL.match(t) or _CODE_NAME.match(t) for t in texts):
            continue
        if not all(c < len(prev.cells) and norm(prev.cells[c]) for c in filled):
            continue
        cells = list(prev.cells)
        for c in filled:
            cells[c] = cells[c] + ln.cells[c]
        out[i - 1] = _Line(cells, prev.page)
        del out[i]
    return out


def grid_table(parts: list[RawTable]) -> Table:
    """A stitched grid table (one or more pieces) → Table with columns and rows."""
    main = parts[0]
    ncols = max((len(r) for r in main.grid), default=0)
    h = split_header(main.grid)
    while h > 1 and not any(norm(c) for c in main.grid[h - 1]):
        h -= 1  # blank rows after the header of a table without figures are its (empty) body
    header = main.grid[:h]
    header, total_line = _total_in_header(header, ncols)
    paths = header_paths(header, ncols)
    names = column_names(paths)
    header_cells = {norm(c) for r in header for c in r if c} | {""}
    lines = [_Line([c or "" for c in (r + [None] * ncols)[:ncols]], pg) for r, pg in zip(main.grid[h:], main.pages()[h:], strict=False)]
    if total_line is not None:
        lines.insert(0, _Line(total_line, main.pages()[h - 1] if h else main.page))
    starts: list[int] = []  # where each continuation page's lines begin
    for part in parts[1:]:
        rows = _map_columns(part, main, ncols)
        pages = part.pages()
        k = 0
        while k < len(rows) and header and _header_like(rows[k], header_cells) and not _is_body_row(rows[k]):
            k += 1
        starts.append(len(lines))
        lines += [_Line(r, pg) for r, pg in zip(rows[k:], pages[k:], strict=False)]
    lowest = [p[-1] if p else "" for p in paths]
    roles = column_roles(lowest, [ln.cells for ln in lines])
    lines = _join_page_tails(lines, starts, roles)
    named = [c for c, ro in enumerate(roles) if ro == "name"]
    if len(named) >= 2 and "value" not in roles[named[0]: named[-1]]:
        # name columns side by side with no figures between them are levels of one list
        # (政府采购: 专项名称 | 经济科目 | 采购物品名称), not the two sides of a 收支总表
        for c in named:
            roles[c] = "level"
    if roles.count("name") >= 2:  # two sides: each side names its own columns
        names = lowest
    names = [n or f"列{c + 1}" for c, n in enumerate(names)]
    groups = None
    if roles.count("name") >= 2:
        rows, groups = build_two_sided(lines, roles, names, paths)
        columns = list(dict.fromkeys(c for cols in groups.values() for c in cols))
    else:
        rows = build_rows(lines, roles, names, paths)
        last_level = max((c for c, ro in enumerate(roles) if ro == "level"), default=-1)
        columns = [n for c, (n, ro) in enumerate(zip(names, roles, strict=True)) if ro == "value" or (ro == "level" and c != last_level)]
    return table_of_parts(
        parts,
        columns=columns,
        rows=rows,
        role=role_of(join_cjk(main.title or "")),
        column_groups=groups,
        header_rows=[[join_cjk(c).replace("\n", "") if c else "" for c in (r + [None] * ncols)[:ncols]] for r in header],
        column_paths={n: p for n, p, ro in zip(names, paths, roles, strict=True) if ro == "value" and len(p) > 1},
    )


def lift_caption_rows(raw: RawTable) -> None:
    """Move label / title / unit lines printed as the grid's first rows onto the piece."""
    while raw.grid:
        cells = [c for c in raw.grid[0] if c and c.strip()]
        if len(cells) != 1 or len(cells[0]) > 80:
            break
        text = cells[0]
        label, unit = table_label(text), unit_of(text)
        if label:
            raw.label = raw.label or label[0]
            raw.title = raw.title or (label[1] or None)
        elif unit and len(norm(text)) <= 30:
            raw.unit = raw.unit or unit
        elif is_title(text) and not raw.title:
            raw.title = join_cjk(text)
        else:
            break
        raw.grid.pop(0)
        if raw.row_pages:
            raw.row_pages.pop(0)


def stitch(raws: list[RawTable]) -> list[list[RawTable]]:
    """Group pieces into logical tables: a piece with no label and no title continues the last,
    unless pages without any table lie between them (a table of its own after some narrative)."""
    groups: list[list[RawTable]] = []
    for raw in raws:
        lift_caption_rows(raw)
        last_page = max((p for p in groups[-1][-1].pages() if p is not None), default=None) if groups else None
        gap = raw.page is not None and last_page is not None and raw.page - last_page > 1
        if groups and not raw.label and not raw.title and not gap:
            groups[-1].append(raw)
        else:
            groups.append([raw])
    return groups


_CONTENTS_ENTRY = re.compile(r"^\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.．、]\s*(\S.*?)[\s.…·]*\d{0,3}\s*$")
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def _entry_number(s: str) -> int:
    """1 from "1", 12 from "十二"."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(ones, 0)
    return _CN_DIGITS.get(s, 0)


def contents_numbers(lines: list[str]) -> dict[str, str]:
    """Table numbers a 目录 gives titles that are printed without a label.

    "1. 2025年部门财务收支预算总表" … "9．…预算表": title (whitespace removed) → "1";
    "一、收入支出决算总表" … "九、…决算表" → "一".
    Kept only when the entries number three or more tables 1, 2, 3 … in order.
    """
    entries: list[tuple[str, str]] = []
    for line in lines:
        m = _CONTENTS_ENTRY.match(line)
        if m and is_title(m.group(2)):
            entries.append((m.group(1), norm(m.group(2))))
    numbered: dict[str, str] = {}
    expect = 1
    for num, title in entries:
        if _entry_number(num) == expect:
            numbered.setdefault(title, num)
            expect += 1
        elif _entry_number(num) == 1:  # a second list (a later 目录 or a repeat): start again
            expect = 2
            numbered.setdefault(title, num)
    return numbered if len(set(numbered.values())) >= 3 else {}


def _contents_label(contents: dict[str, str], title: str) -> str | None:
    t = norm(title)
    if t in contents:
        return contents[t]
    # a title printed without its year ("部门“三公”经费…表" for "2024年部门“三公”经费…表")
    hits = {n for c, n in contents.items() if len(t) >= 6 and len(c) >= 6 and (c.endswith(t) or t.endswith(c))}
    return hits.pop() if len(hits) == 1 else None


def assemble_tables(raws: list[RawTable], default_unit: str = "万元", contents: dict[str, str] | None = None) -> list[Table]:
    """Pieces in reading order → the document's tables (ids, units, seq numbers).

    ``contents`` (from :func:`contents_numbers`) numbers tables printed with a
    title but no label, as the document's 目录 does.
    """
    tables: list[Table] = []
    titles: dict[str, str] = {}
    unit = default_unit
    for parts in stitch(raws):
        main = parts[0]
        if not main.label and main.title:
            main.label = titles.get(norm(main.title)) or (_contents_label(contents, main.title) if contents else None)
            numbered = _CONTENTS_ENTRY.match(main.title)
            if not main.label and numbered and is_title(numbered.group(2)):
                main.label = numbered.group(1)  # "四、财政拨款收支预算总表": the title's own number
        if main.label and main.title:
            titles.setdefault(norm(main.title), main.label)
        unit = main.unit or unit
        main.unit = unit
        try:
            lines = _lines_of(parts)
            table = form_table(parts, lines) if is_form(lines) else grid_table(parts)
        except Exception:  # one unreadable table must not lose the others
            log.exception("table %s on page %s could not be read", main.label or main.title, main.page)
            continue
        if not table.table_id:
            table.table_id = f"表@{main.page}" if main.page else f"表{len(tables) + 1}"
        if table.rows or table.fields or table.columns:
            tables.append(table)
    counts: dict[str, int] = {}
    for t in tables:
        counts[t.table_id] = counts.get(t.table_id, 0) + 1
    seen: dict[str, int] = {}
    for t in tables:
        if counts[t.table_id] > 1:
            seen[t.table_id] = seen.get(t.table_id, 0) + 1
            t.seq = seen[t.table_id]
    return tables


def amount_field(value: Any) -> Decimal | None:
    """A field value as a number when it is one (for callers reading 当年预算 etc.)."""
    return value if isinstance(value, Decimal) else parse_amount(str(value)) if value is not None else None
