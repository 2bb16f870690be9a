"""From printed table grids to :class:`~ingest.model.Table` objects, whatever the source.

A reader (PDF or text) hands over :class:`RawTable` pieces: the cell grid of one
printed table on one page, with the label (表一, 表1-1, 附表3), title, unit and
备注 line it found around it. This module is the source-independent chain:

    pieces → logical tables (a piece without label/title continues the one before)
           → header rows vs body rows → column names and roles
           → Row objects (codes, names, values; split rows joined; two sides)
           → or, for form-like tables, fields + indicator rows.

Every step is a small pure function so that each rule can be tested alone.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .model import DASHES, Cell, Row, Table, code_level, parse_amount

__all__ = [
    "RawTable",
    "assemble_tables",
    "column_names",
    "fix_radicals",
    "header_paths",
    "join_cjk",
    "norm",
    "role_of",
    "split_header",
    "table_label",
]

log = logging.getLogger(__name__)

CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》〈〉〔〕【】"
_CJK_GAP = re.compile(rf"(?<=[{CJK}])[ \t\u3000]+(?=[{CJK}])")
_LABEL = re.compile(r"^(附表\s*\d+(?:\s*[-－—]\s*\d+)?|表\s*[一二三四五六七八九十]+(?:\s*[-－—]\s*[一二三四五六七八九十\d]+)?|表\s*\d+(?:\s*[-－—]\s*\d+)?)(?![\d一二三四五六七八九十])\s*(.*)$")
_TITLE_END = re.compile(r"表\s*([（(][^）)]{0,20}[）)])?\s*$")
_UNIT = re.compile(r"单\s*位\s*[：:]\s*(千元|万元|元)")
_CODE = re.compile(r"^\d{3,7}$")
_CODE_NAME = re.compile(r"^(\d{3}|\d{5}|\d{7})\s*([^\d\s.,%年月日元万千百（(].*)$")
_TOTAL = re.compile(r"^(合计|总计|小计|收入合计|支出合计|收入总计|支出总计|本年收入合计|本年支出合计)$")
_LEAD = re.compile(r"^(其中[：:])")

ROLE_RULES: list[tuple[str, tuple[str, ...]]] = [
    ("sangong", ("三公",)),
    ("perf_project", ("项目绩效", "项目支出绩效")),
    ("perf_overall", ("整体绩效",)),
    ("procurement", ("政府采购",)),
    ("fin_summary", ("财政拨款收支总表", "财政拨款收入支出")),
    ("dept_summary", ("收支总表", "收入支出决算总表", "收入支出总表")),
    ("gpb_basic", ("基本支出",)),
    ("gpb_exp", ("一般公共预算财政拨款支出", "一般公共预算支出")),
    ("fund_exp", ("政府性基金",)),
    ("soe_exp", ("国有资本经营预算",)),
    ("dept_income", ("收入总表", "收入决算表", "收入预算表")),
    ("dept_exp", ("支出总表", "支出决算表", "支出预算表")),
]

FIELD_LABELS = {
    "项目名称", "项目编码", "项目代码", "主管部门", "实施单位", "项目单位", "项目属性", "项目类型",
    "项目期", "当年预算", "年度预算", "预算金额", "资金总额", "年度资金总额", "项目资金", "资金来源",
    "项目概况", "项目简介", "立项依据", "当年绩效目标", "年度绩效目标", "年度目标", "总体目标",
    "部门(单位)名称", "部门（单位）名称", "部门名称", "单位名称", "部门支出预算数",
    "当年整体绩效目标", "整体绩效目标", "部门职能职责概述",
}
INDICATOR_HEADS = {
    "指标名称", "指标", "指标权重", "指标性质", "指标值", "计量单位", "度量单位", "是否核心",
    "一级指标", "二级指标", "三级指标", "指标方向", "目标值", "指标内容", "权重", "分值",
}
_INDICATOR_NAME = ("三级指标", "指标名称", "指标内容", "指标")


# Kangxi radicals (U+2F00–U+2FDF) and compatibility ideographs (U+F900–U+FAFF) that some
# fonts' ToUnicode maps give instead of the ordinary character; NFKC maps them back.
# The radicals supplement (U+2E80–U+2EFF) has no NFKC mapping: the common ones are listed.
_RADICALS = {
    "⺠": "民", "⺮": "竹", "⻄": "西", "⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻓": "长",
    "⻔": "门", "⻘": "青", "⻝": "食", "⻢": "马", "⻥": "鱼", "⻦": "鸟", "⻩": "黄", "⻬": "齐",
    "⻮": "齿", "⻰": "龙", "⻳": "龟", "⻛": "风", "⻚": "页", "⻜": "飞", "⻨": "麦", "⻤": "鬼",
}


def fix_radicals(text: str) -> str:
    """Replace radical / compatibility code points with the ordinary characters ("⽀出" → "支出")."""
    return "".join(
        unicodedata.normalize("NFKC", ch) if 0x2F00 <= ord(ch) <= 0x2FDF or 0xF900 <= ord(ch) <= 0xFAFF else _RADICALS.get(ch, ch)
        for ch in text
    )


def norm(text: str | None) -> str:
    """The text with all whitespace removed (how names and header cells compare)."""
    return re.sub(r"\s+", "", text or "")


def join_cjk(text: str | None) -> str:
    """Drop whitespace between CJK characters ("示 例 市" → "示例市"), keep other spaces."""
    t = _CJK_GAP.sub("", (text or "").strip())
    return re.sub(r"[ \t]+", " ", t)


def table_label(line: str) -> tuple[str, str] | None:
    """``("表一", rest)`` when a line starts with a table label, else None."""
    m = _LABEL.match(line.strip())
    if not m:
        return None
    rest = m.group(2).strip()
    if rest and not (is_title(rest) or (len(rest) <= 40 and not re.search(r"[。，,；;：:]", rest))):
        return None
    return norm(m.group(1)).replace("－", "-").replace("—", "-"), rest


def is_title(line: str) -> bool:
    """A table title: short, ends with 表 or 表（…）, no sentence punctuation."""
    s = norm(line).strip("*")
    return bool(s) and len(s) <= 80 and "。" not in s and bool(_TITLE_END.search(s))


def unit_of(line: str) -> str | None:
    m = _UNIT.search(line)
    return m.group(1) if m else None


def role_of(title: str) -> str | None:
    """Table role from title keywords; 决算 tables get an ``f_`` prefix."""
    t = norm(title)
    for role, keys in ROLE_RULES:
        if any(k in t for k in keys):
            return f"f_{role}" if "决算" in t else role
    return None


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


# -- header --------------------------------------------------------------------


def _is_code(s: str) -> bool:
    return bool(_CODE.match(s))


def _is_body_row(row: list[str | None]) -> bool:
    cells = [norm(c) for c in row if c]
    if not cells:
        return False
    if cells[0] in ("栏次", "行次"):
        return False
    others = [c for c in cells[1:] if parse_amount(c) is None and c not in DASHES]
    if (_TOTAL.match(cells[0]) and not others) or any(_is_code(c) for c in cells[:3]):
        return True
    return any(parse_amount(c) is not None for c in cells)


def split_header(grid: list[list[str | None]]) -> int:
    """How many leading rows of a table's grid are header rows."""
    for i, row in enumerate(grid):
        if _is_body_row(row):
            return i
    return len(grid)


def header_paths(header: list[list[str | None]], ncols: int) -> list[list[str]]:
    """Each column's merged-header path, top to bottom ("2024年预算数" > "基本支出").

    ``None`` cells are covered by a merged cell. Covered or empty cells take the
    text of the cell on their left when that cell heads a group (its own column
    has text below it) and this column has text below too; otherwise they are
    covered from above (part of a taller cell) or simply empty.
    """
    rows = [[join_cjk(c).replace("\n", "") if c else "" for c in (r + [None] * ncols)[:ncols]] for r in header]
    rows = [r for r in rows if not (r and norm(r[0]) in ("栏次", "行次"))]
    h = len(rows)

    def below(r: int, c: int) -> bool:
        return any(rows[k][c] for k in range(r + 1, h))

    filled = [list(r) for r in rows]
    for r in range(h):
        for c in range(1, ncols):
            if rows[r][c] or not below(r, c):
                continue
            k = c - 1
            while k >= 0 and not rows[r][k]:
                k -= 1
            if k >= 0 and below(r, k) and filled[r][c - 1]:
                filled[r][c] = filled[r][c - 1]
    paths = []
    for c in range(ncols):
        p: list[str] = []
        for r in range(h):
            t = norm(filled[r][c])
            if t and (not p or p[-1] != t):
                p.append(t)
        paths.append(p)
    return paths


def column_names(paths: list[list[str]]) -> list[str]:
    """The lowest header cell of each column, made unique the way the disclosures read.

    A 小计 column is named after its group ("公务用车购置及运行费小计"); two
    columns with the same lowest name get their group's name in front.
    """
    names = [p[-1] if p else "" for p in paths]
    counts: dict[str, int] = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1
    out = []
    for n, p in zip(names, paths, strict=True):
        if n and len(p) > 1 and (n == "小计" or counts[n] > 1):
            n = p[-2] + n
        out.append(n)
    return out


def column_roles(names: list[str], body: list[list[str]]) -> list[str]:
    """code | lei | kuan | xiang | name | category | skip | value, one per column."""
    roles = []
    for n in names:
        if n in ("类", "款", "项"):
            roles.append({"类": "lei", "款": "kuan", "项": "xiang"}[n])
        elif "编码" in n or "代码" in n:
            roles.append("code")
        elif n in ("序号", "行次", "栏次") or n.endswith(("编号", "行次", "栏次")):
            roles.append("skip")
        elif "类别" in n or "品目" in n:
            roles.append("category")
        elif "名称" in n or n in ("项目", "科目", "采购项目", "收入项目", "支出项目") or n.endswith("科目"):
            roles.append("name")
        elif not n:
            roles.append("")
        else:
            roles.append("value")
    # Columns without a header, or a lone "name" column holding codes: read the cells.
    for c, role in enumerate(roles):
        cells = [norm(r[c]) for r in body if c < len(r) and norm(r[c])]
        codes = sum(1 for s in cells if _is_code(s))
        if role in ("", "name") and cells and codes >= max(1, len(cells) // 2) and "code" not in roles:
            roles[c] = "code"
            if role == "name" and c + 1 < len(roles) and roles[c + 1] in ("", "value") and "name" not in roles:
                roles[c + 1] = "name"
        elif role == "":
            texts = sum(1 for s in cells if parse_amount(s) is None)
            roles[c] = "name" if cells and texts > len(cells) // 2 and "name" not in roles else ("value" if cells else "skip")
    return roles


# -- rows ----------------------------------------------------------------------


@dataclass
class _Line:
    cells: list[str]
    page: int | None


class _SplitCode:
    """Builds codes from separate 类 / 款 / 项 cells, carrying the printed parts down."""

    def __init__(self) -> None:
        self.lei = ""
        self.kuan = ""

    def code(self, lei: str, kuan: str, xiang: str) -> str | None:
        lei, kuan, xiang = norm(lei), norm(kuan), norm(xiang)
        if not (lei or kuan or xiang) or not all(x.isdigit() for x in (lei, kuan, xiang) if x):
            return None
        if lei:
            self.lei, self.kuan = lei[:3], ""
            if len(lei) > 3:
                self.kuan = lei[3:5]
        if kuan:
            self.kuan = kuan[-2:]
        if xiang:
            return self.lei + self.kuan + xiang[-2:] if self.kuan else None
        if kuan:
            return self.lei + self.kuan
        return self.lei


def _clean_name(s: str) -> str:
    return _LEAD.sub("", norm(s))


def _row_from_cells(cells: list[str], roles: list[str], names: list[str], split: _SplitCode) -> tuple[str | None, str, str | None, dict[str, Cell]]:
    code: str | None = None
    name_parts: list[str] = []
    category = None
    values: dict[str, Cell] = {}
    lkx = {"lei": "", "kuan": "", "xiang": ""}
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
            lkx[role] = text
        elif role == "name":
            name_parts.append(text)
        elif role == "skip" and _TOTAL.match(norm(text)):
            name_parts.insert(0, norm(text))
        elif role == "category":
            category = norm(text) or None
        elif role == "value":
            values[names[c]] = Cell.of(norm(text))
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
    split = _SplitCode()
    rows: list[Row] = []
    fallback_name = ""
    if "name" not in roles and "code" not in roles:
        roots = {p[0] for p, ro in zip(paths, roles, strict=False) if p and ro == "value" and len(p) > 1}
        fallback_name = roots.pop() if len(roots) == 1 else "合计"
    for ln in lines:
        code, name, category, values = _row_from_cells(ln.cells, roles, names, split)
        if not code and not name and _empty(values):
            continue
        if not code and not name:
            name = fallback_name
        rows.append(Row(name=name, values=values, code=code, page=ln.page, category=category))
    rows = _join_split_rows(rows)
    _set_parents(rows)
    return rows


def build_two_sided(lines: list[_Line], roles: list[str], names: list[str], paths: list[list[str]]) -> tuple[list[Row], dict[str, list[str]]]:
    """Body lines of a 收支总表 (收入 and 支出 side by side) → one row list with sides."""
    starts = [i for i, r in enumerate(roles) if r == "name"]
    bounds = [*starts, len(roles)]
    parts: list[tuple[str, range]] = []
    defaults = ["收入", "支出"]
    for k, s in enumerate(starts[:2]):
        top = paths[s][0] if paths[s] else ""
        side = "收入" if "收入" in top else "支出" if "支出" in top else defaults[k]
        parts.append((side, range(s if k else 0, bounds[k + 1])))
    groups: dict[str, list[str]] = {}
    rows: list[Row] = []
    for side, rng in parts:
        sub_names = [names[c] for c in rng]
        sub_roles = [roles[c] for c in rng]
        groups[side] = [n for n, ro in zip(sub_names, sub_roles, strict=True) if ro == "value"]
        for ln in lines:
            cells = [ln.cells[c] if c < len(ln.cells) else "" for c in rng]
            code, name, category, values = _row_from_cells(cells, sub_roles, sub_names, _SplitCode())
            if name or not _empty(values):
                rows.append(Row(name=name, values=values, code=None, page=ln.page, side=side))
    return rows, groups


# -- form-like tables (绩效目标表) ---------------------------------------------


def _is_indicator_header(cells: list[str]) -> bool:
    return sum(1 for c in cells if norm(c) in INDICATOR_HEADS) >= 3


def is_form(lines: list[_Line]) -> bool:
    """A form-like table: field labels (项目名称, 部门(单位)名称 …) or an indicator block."""
    for ln in lines:
        first = next((norm(c) for c in ln.cells if norm(c)), "")
        if first in FIELD_LABELS or _is_indicator_header(ln.cells):
            return True
    return False


def _field_value(label: str, text: str) -> Any:
    text = "\n".join(p.strip() for p in text.strip().split("\n") if p.strip())
    if any(k in label for k in ("预算", "金额", "资金", "数")):
        amount = parse_amount(text)
        if amount is not None:
            return amount
    return text


def parse_form(lines: list[_Line]) -> tuple[dict[str, Any], list[str], list[Row]]:
    """Fields (label → value) and indicator rows of a 绩效目标表."""
    fields: dict[str, Any] = {}
    head = next((i for i, ln in enumerate(lines) if _is_indicator_header(ln.cells)), len(lines))
    for ln in lines[:head]:
        cells = ln.cells
        first = next((j for j, c in enumerate(cells) if norm(c)), None)
        labels = [
            j for j, c in enumerate(cells)
            if norm(c) in FIELD_LABELS or (j == first and len(norm(c)) <= 12 and not re.search(r"\d", c))
        ]
        for k, j in enumerate(labels):
            end = labels[k + 1] if k + 1 < len(labels) else len(cells)
            value = next((cells[x] for x in range(j + 1, end) if norm(cells[x])), "")
            fields.setdefault(norm(cells[j]), _field_value(norm(cells[j]), value))
    columns: list[str] = []
    rows: list[Row] = []
    if head < len(lines):
        header = [norm(c) for c in lines[head].cells]
        name_col = next((header.index(n) for n in _INDICATOR_NAME if n in header), 1)
        value_cols = [c for c in range(name_col + 1, len(header)) if header[c]]
        columns = [header[c] for c in value_cols]
        for ln in lines[head + 1:]:
            cells = [norm(c) for c in ln.cells]
            if cells[: len(header)] == header or _is_indicator_header(ln.cells):
                continue
            name = cells[name_col] if name_col < len(cells) else ""
            values = {header[c]: Cell.of(cells[c] if c < len(cells) else "") for c in value_cols}
            if name or not _empty(values):
                rows.append(Row(name=name, values=values, page=ln.page))
    return fields, columns, rows


# -- stitching and assembly --------------------------------------------------------


def _map_columns(part: RawTable, main: RawTable, ncols: int) -> list[list[str]]:
    """The part's rows laid onto the main piece's columns (by x-overlap when known)."""
    width = max((len(r) for r in part.grid), default=0)
    if part.col_x and main.col_x and width != ncols:
        target = []
        for x0, x1 in part.col_x:
            overlaps = [min(x1, b1) - max(x0, b0) for b0, b1 in main.col_x]
            best = max(range(len(overlaps)), key=overlaps.__getitem__)
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
    return [
        _Line([c or "" for c in row], pg)
        for p in parts
        for row, pg in zip(p.grid, p.pages(), strict=False)
    ]


def _header_like(row: list[str], header_cells: set[str]) -> bool:
    cells = [norm(c) for c in row if norm(c)]
    return bool(cells) and all(c in header_cells for c in cells)


def grid_table(parts: list[RawTable]) -> Table:
    """A stitched grid table (one or more pieces) → Table with columns and rows."""
    main = parts[0]
    ncols = max((len(r) for r in main.grid), default=0)
    h = split_header(main.grid)
    header = main.grid[:h]
    paths = header_paths(header, ncols)
    names = column_names(paths)
    header_cells = {norm(c) for r in header for c in r if c} | {""}
    lines = [_Line([c or "" for c in (r + [None] * ncols)[:ncols]], pg) for r, pg in zip(main.grid[h:], main.pages()[h:], strict=False)]
    for part in parts[1:]:
        rows = _map_columns(part, main, ncols)
        pages = part.pages()
        k = 0
        while k < len(rows) and header and _header_like(rows[k], header_cells) and not _is_body_row(rows[k]):
            k += 1
        lines += [_Line(r, pg) for r, pg in zip(rows[k:], pages[k:], strict=False)]
    lowest = [p[-1] if p else "" for p in paths]
    roles = column_roles(lowest, [ln.cells for ln in lines])
    if roles.count("name") >= 2:  # two sides: each side names its own columns
        names = lowest
    names = [n or f"列{c + 1}" for c, n in enumerate(names)]
    groups = None
    if roles.count("name") >= 2:
        rows, groups = build_two_sided(lines, roles, names, paths)
        columns = list(dict.fromkeys(c for cols in groups.values() for c in cols))
    else:
        rows = build_rows(lines, roles, names, paths)
        columns = [n for n, ro in zip(names, roles, strict=True) if ro == "value"]
    title = join_cjk(main.title or "")
    return Table(
        table_id=main.label or title,
        title=title,
        unit=main.unit or "",
        page=main.page,
        page_end=parts[-1].page,
        columns=columns,
        rows=rows,
        role=role_of(title),
        column_groups=groups,
        header_rows=[[join_cjk(c).replace("\n", "") if c else "" for c in (r + [None] * ncols)[:ncols]] for r in header],
        note=next((p.note for p in reversed(parts) if p.note), None),
        column_paths={n: p for n, p, ro in zip(names, paths, roles, strict=True) if ro == "value" and len(p) > 1},
    )


def form_table(parts: list[RawTable]) -> Table:
    """A stitched form-like table → Table with fields and indicator rows."""
    main = parts[0]
    fields, columns, rows = parse_form(_lines_of(parts))
    title = join_cjk(main.title or "")
    role = role_of(title) or ("perf_project" if "项目名称" in fields else "perf_overall")
    return Table(
        table_id=main.label or title,
        title=title,
        unit=main.unit or "",
        page=main.page,
        page_end=parts[-1].page,
        columns=columns,
        rows=rows,
        role=role,
        fields=fields,
        note=next((p.note for p in reversed(parts) if p.note), None),
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
    """Group pieces into logical tables: a piece with no label and no title continues the last."""
    groups: list[list[RawTable]] = []
    for raw in raws:
        lift_caption_rows(raw)
        if groups and not raw.label and not raw.title:
            groups[-1].append(raw)
        else:
            groups.append([raw])
    return groups


def assemble_tables(raws: list[RawTable], default_unit: str = "万元") -> list[Table]:
    """Pieces in reading order → the document's tables (ids, units, seq numbers)."""
    tables: list[Table] = []
    titles: dict[str, str] = {}
    unit = default_unit
    for parts in stitch(raws):
        main = parts[0]
        if not main.label and main.title:
            main.label = titles.get(norm(main.title))
        if main.label and main.title:
            titles.setdefault(norm(main.title), main.label)
        unit = main.unit or unit
        main.unit = unit
        try:
            table = form_table(parts) if is_form(_lines_of(parts)) else grid_table(parts)
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
