"""Text, code and column helpers shared by the table readers.

Cell and caption text (CJK spacing, radicals, labels 表一 / 表1-1 / 附表3, titles,
units, table roles), and the header side of a printed table: where the header
ends, each column's merged-header path and name, and what each column holds
(code, 类/款/项 part, name, value …). :class:`SplitCode` joins separate 类/款/项
cells into one code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .model import DASHES, parse_amount

__all__ = [
    "Line",
    "SplitCode",
    "column_names",
    "column_roles",
    "fix_radicals",
    "header_paths",
    "is_column_numbers",
    "is_title",
    "join_cjk",
    "norm",
    "role_of",
    "split_header",
    "table_label",
    "unit_of",
]

CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》〈〉〔〕【】"
_CJK_GAP = re.compile(rf"(?<=[{CJK}])[ \t\u3000]+(?=[{CJK}])")
_LABEL = re.compile(r"^(公开\s*\d+\s*表|附表\s*\d+(?:\s*[-－—]\s*\d+)?|表\s*[一二三四五六七八九十]+(?:\s*[-－—]\s*[一二三四五六七八九十\d]+)?|表\s*\d+(?:\s*[-－—]\s*\d+)?)(?![\d一二三四五六七八九十])\s*(.*)$")
_TITLE_END = re.compile(r"表\s*([（(][^）)]{0,20}[）)])?\s*$")
_UNIT = re.compile(r"单\s*位\s*[：:]\s*(千元|万元|元)")
_CODE = re.compile(r"^\d{3,7}$")
_CODE_NAME = re.compile(r"^(\d{3}|\d{5}|\d{7})\s*([^\d\s.,%年月日元万千百（(].*)$")
_TOTAL = re.compile(r"^(合计|总计|小计|收入合计|支出合计|收入总计|支出总计|本年收入合计|本年支出合计)$")
_LEAD = re.compile(r"^(其中[：:])")
_ITEM = re.compile(r"^(\d{1,2}[.、．](?!\d)|[一二三四五六七八九十]{1,3}、|[（(][\d一二三四五六七八九十]{1,2}[）)]).{2,}")

ROLE_RULES: list[tuple[str, tuple[str, ...]]] = [
    ("sangong", ("三公",)),
    ("perf_project", ("项目绩效", "项目支出绩效")),
    ("perf_overall", ("整体绩效",)),
    ("procurement", ("政府采购",)),
    ("fund_exp", ("政府性基金预算财政拨款收入支出",)),  # before 财政拨款收入支出 (总表)
    ("soe_exp", ("国有资本经营预算财政拨款收入支出", "国有资本经营预算财政拨款支出")),
    ("fin_summary", ("财政拨款收支总表", "财政拨款收入支出", "财政拨款收支预算总表", "财政拨款收支总体情况表")),
    ("dept_summary", ("收支总表", "收入支出决算总表", "收入支出总表", "收支预算总表", "收入支出预算总表", "收支总体情况表")),
    ("gpb_basic", ("基本支出",)),
    ("gpb_exp", ("一般公共预算财政拨款支出", "一般公共预算支出")),
    ("fund_exp", ("政府性基金",)),
    ("soe_exp", ("国有资本经营预算",)),
    ("project_exp", ("项目支出预算表", "项目支出表", "项目支出决算表", "项目支出明细表", "项目支出情况表")),
    ("dept_income", ("收入总表", "收入决算表", "收入预算表", "收入预算总表", "收入总体情况表")),
    ("dept_exp", ("支出总表", "支出决算表", "支出预算表", "支出预算总表", "支出总体情况表")),
]

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
    rest = m.group(2).strip().lstrip("：:").strip()  # 公开01表：收支预算总表
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
class Line:
    """One body line of a stitched table: its cells and the page it is printed on."""

    cells: list[str]
    page: int | None


# -- header --------------------------------------------------------------------


def _is_code(s: str) -> bool:
    return bool(_CODE.match(s))


def is_column_numbers(row: list[str | None]) -> bool:
    """A 栏次 row printed without its label: the cells read 1, 2, 3, … (blanks allowed)."""
    cells = [norm(c) for c in row if c and norm(c)]
    if cells and cells[0] in ("栏次", "行次"):
        return True
    if len(cells) < 3 or not all(c.isdigit() and len(c) <= 2 for c in cells):
        return False
    return [int(c) for c in cells] == list(range(int(cells[0]), int(cells[0]) + len(cells))) and int(cells[0]) <= 1


def _is_body_row(row: list[str | None]) -> bool:
    cells = [norm(c) for c in row if c]
    if not cells or is_column_numbers(row):
        return False
    others = [c for c in cells[1:] if parse_amount(c) is None and c not in DASHES]
    if (_TOTAL.match(cells[0]) and not others) or any(_is_code(c) for c in cells[:3]):
        return True
    if len(cells) == 1 and len(row) > 1 and norm(row[0]) == cells[0] and _ITEM.match(cells[0]):
        return True  # "1.因公出国（境）费" with its figures blank
    if len(row) > 2 and norm(row[0]) == cells[0] and _ITEM.match(cells[0]) and all(_ITEM.match(c) for c in others):
        return True  # "一、…收入 | | 二、…支出 |": both sides' items, the figures blank (a template)
    return any(parse_amount(c) is not None for c in cells)


def split_header(grid: list[list[str | None]]) -> int:
    """How many leading rows of a table's grid are header rows.

    A row that is one cell across the whole width, after a heading row that already
    names several columns, is a group row of the body (a unit's name over its
    projects), not a heading.
    """
    named = False
    for i, row in enumerate(grid):
        if _is_body_row(row):
            return i
        texts = [c for c in row if c and c.strip()]
        if named and len(row) > 2 and len(texts) == 1 and row[0] and row[0].strip() and not _TOTAL.match(norm(row[0])):
            return i
        named = named or len(texts) >= 2
    return len(grid)


def header_paths(header: list[list[str | None]], ncols: int) -> list[list[str]]:
    """Each column's merged-header path, top to bottom ("2024年预算数" > "基本支出").

    ``None`` cells are covered by a merged cell. Covered or empty cells take the
    text of the cell on their left when that cell heads a group (its own column
    has text below it) and this column has text below too; otherwise they are
    covered from above (part of a taller cell) or simply empty.
    """
    rows = [[join_cjk(c).replace("\n", "") if c else "" for c in (r + [None] * ncols)[:ncols]] for r in header]
    rows = [r for r in rows if not is_column_numbers(r)]
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
            # ... and only within one parent: a cell under another group head (公务接待费
            # printed tall beside 公务用车购置及运行维护费's sub-columns) is covered from above
            same_parent = r == 0 or filled[r - 1][c] == filled[r - 1][c - 1]
            if k >= 0 and below(r, k) and filled[r][c - 1] and same_parent:
                filled[r][c] = filled[r][c - 1]
    paths = []
    for c in range(ncols):
        p: list[str] = []
        for r in range(h):
            t = norm(filled[r][c]).replace("(", "（").replace(")", "）")  # 因公出国(境)费 as 因公出国（境）费
            t = _LEAD.sub("", t)  # "其中：基本支出" heads the 基本支出 column
            if t and (not p or p[-1] != t):
                p.append(t)
        paths.append(p)
    return paths


def _glue(group: str, name: str) -> str:
    """A group name in front of a column name, without doubling a shared part:
    "政府预算支出经济分类科目" + "科目编码" → "政府预算支出经济分类科目编码"."""
    for k in range(min(len(group), len(name)) - 1, 1, -1):
        if group.endswith(name[:k]):
            return group + name[k:]
    return group + name


def _unique(names: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1
    return counts


def _part_names(paths: list[list[str]]) -> list[str]:
    """Lowest header cells, a part printed short under its whole named in full.

    Under "公务用车购置及运行费" the parts print as "购置费" and "运行费"; they
    read "公务用车购置费" and "公务用车运行费" (the whole's words before its
    first part go in front).
    """
    def stem(n: str) -> str:
        return n[:-1] if n.endswith("费") and len(n) > 2 else n

    lowest = [p[-1] if p else "" for p in paths]
    heads: dict[tuple[str, ...], int] = {}
    for n, p in zip(lowest, paths, strict=True):
        if len(p) > 1 and n not in ("小计", "合计") and len(stem(n)) >= 2:
            k = p[-2].find(stem(n))
            if k > 0:
                key = tuple(p[:-1])
                heads[key] = min(heads.get(key, k), k)
    out = []
    for n, p in zip(lowest, paths, strict=True):
        key = tuple(p[:-1])
        if key in heads and n not in ("小计", "合计") and p[-2].find(stem(n)) > 0:
            prefix = p[-2][: heads[key]]
            n = n if n.startswith(prefix) else prefix + n
        out.append(n)
    return out


def column_names(paths: list[list[str]]) -> list[str]:
    """The lowest header cell of each column, made unique the way the disclosures read.

    A 小计 column is named after its group ("公务用车购置及运行费小计"); two
    columns with the same lowest name get their group's name in front. Under a
    three-level header where that still repeats (预算数 and 决算数 each over the
    same items), the top group goes in front instead ("决算数公务用车购置费").
    """
    lowest = _part_names(paths)
    counts = _unique(lowest)
    names = []
    for n, p in zip(lowest, paths, strict=True):
        if n == "合计" and len(p) > 1 and p[-2] in ("本年支出", "本年收入"):
            n = p[-2] + n  # 合计 under 本年支出 reads 本年支出合计, as the 支出决算表 prints it
        elif n and len(p) > 1 and (n == "小计" or counts[n] > 1):
            group = p[-2]
            if group == "小计" and len(p) > 2:  # 预算数 under 小计 under 公务用车购置及运行维护费
                group = _glue(p[-3], group)
            n = _glue(group, n)
        names.append(n)
    counts = _unique(names)
    out = []
    for n, p in zip(names, paths, strict=True):
        if n and counts[n] > 1 and len(p) > 2:
            n = _glue(p[0], n if p[-1] == "小计" else p[-1])
        out.append(n)
    return out


def column_roles(names: list[str], body: list[list[str]]) -> list[str]:
    """code | lei | kuan | xiang | name | subname | category | skip | value, one per column."""
    roles = []
    for n in names:
        if n in ("类", "款", "项"):
            roles.append({"类": "lei", "款": "kuan", "项": "xiang"}[n])
        elif "编码" in n or "代码" in n:
            roles.append("code")
        elif n in ("序号", "行次", "栏次") or n.endswith(("编号", "行次", "栏次")):
            roles.append("skip")
        elif ("类别" in n or "品目" in n) and not n.startswith("支出项目"):
            roles.append("category")
        elif "名称" in n or n in ("项目", "科目", "采购项目", "收入项目") or n.endswith("科目") or n.startswith("支出项目"):
            roles.append("name")
        elif not n:
            roles.append("")
        else:
            roles.append("value")
    # A second classification printed beside the first (部门 301… and 政府 501…: code,
    # name, code, name): the second pair is kept as text columns of the row.
    codes = [c for c, r in enumerate(roles) if r == "code"]
    for c in codes[1:]:
        if c >= 2 and roles[c - 1] == "name" and roles[c - 2] == "code":
            roles[c] = "value"
            if c + 1 < len(roles) and roles[c + 1] == "name":
                roles[c + 1] = "value"
    # A heading printed one column right of its cells (a Word table whose header rule
    # and body rule differ: 功能科目代码 over code and name, 功能科目名称 over nothing).
    def texts_in(c: int) -> list[str]:
        return [norm(r[c]) for r in body if c < len(r) and norm(r[c])]

    for c in range(1, len(roles)):
        if roles[c] == "name" and not texts_in(c) and roles[c - 1] == "" and texts_in(c - 1):
            if sum(parse_amount(s) is None and not _is_code(s) for s in texts_in(c - 1)) > len(texts_in(c - 1)) // 2:
                roles[c - 1], roles[c] = "name", "skip"
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
            left = next((roles[k] for k in range(c - 1, -1, -1) if roles[k] != "skip"), "")
            if left in ("name", "subname") and cells and texts > len(cells) // 2:
                roles[c] = "subname"  # 一般公共预算资金 | 小计: the second part of a name under one heading
                continue
            roles[c] = "name" if cells and texts > len(cells) // 2 and "name" not in roles else ("value" if cells else "skip")
    return roles


class SplitCode:
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
            self.kuan = kuan[-2:].zfill(2)  # a spreadsheet export prints 款 02 as "2"
        if xiang:
            return self.lei + self.kuan + xiang[-2:].zfill(2) if self.kuan else None
        if kuan:
            return self.lei + self.kuan
        return self.lei


