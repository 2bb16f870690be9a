"""Arithmetic checks of a disclosure against itself. Nothing is ever corrected.

Each check compares a printed figure with the sum it should equal:

* ``parent_sum``: a 类/款 row against its 款/项 rows (功能分类 and 经济分类 codes),
  合计 against the 类 rows, and, in tables whose rows are numbered instead of
  coded (收支总表 sides, row-shaped 三公 tables), a numbered row against its items;
* ``row_sum``: within a row, 总计 against its parts (基本支出 + 项目支出,
  人员经费 + 日常公用经费, the income sources, a 小计 against its columns), and
  增减额 against the difference of the two years;
* ``side_total``: 收入合计 against 支出合计 in two-sided tables;
* ``cross_table``: totals that must agree between tables, found by role
  (:mod:`ingest.cross`).

A difference under half the printed step is ``ok``; up to one step it is
``rounding`` (the published figures are rounded one by one; the real seed document
has three 0.01 slips, a 元 table printed in whole yuan has 1-yuan ones); anything
larger is a ``warning``. The step is the table's printed precision: 0.01 where the
figures show two decimals, 1 where a 元 table prints whole yuan. Every check gives
one :class:`CheckResult`, whose message a budget officer can verify in one line:
table, row, column, page, the printed figure and the figure it should equal.

A subtotal is never added to its own parts: a 小计 column (公务用车购置及运行费 小计 over
购置费 and 运行费, 财政拨款 合计 over its funds) is found by the header path it
shares with its parts, or failing that by the columns after it that add up to it.
``side_total`` compares 收入 with 支出 only in the tables that balance them (收支总表),
never the 人员经费 and 公用经费 halves of a two-sided 基本支出 table.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from decimal import Decimal

from ingest.model import Cell, CheckResult, Document, Row, Table
from ingest.narrative import marker_level

__all__ = ["run_checks", "status_of"]

log = logging.getLogger(__name__)

OK_WITHIN = Decimal("0.005")
ROUNDING_WITHIN = Decimal("0.01") + Decimal("1e-9")
CENT = Decimal("0.01")
# tables whose two sides balance: 收入合计 = 支出合计
_BALANCED_ROLES = {"dept_summary", "fin_summary", "f_dept_summary", "f_fin_summary"}

_NOT_ADDITIVE = re.compile(r"率|%|％|性质|计量|权重|指标|序号|行次|栏次|类别|编码|代码|名称|科目$|形式|方式|目标|用途$|说明|备注")
_COMPARISON = re.compile(r"\d{4}\s*年|上年|增减|比上年|变动")
_TOTAL_NAMES = {"合计", "总计"}
# roles whose columns split a total into parts (总计 = the other amount columns)
_ROW_SUM_ROLES = {"gpb_exp", "gpb_basic", "fund_exp", "dept_exp", "dept_income", "procurement",
                  "fin_summary", "sangong"}
_ROW_SUM_ROLES |= {f"f_{r}" for r in _ROW_SUM_ROLES}  # the 决算 forms of the same tables
# a column that holds the row's total (决算 tables: 本年收入合计 / 本年支出合计)
_TOTAL_COLUMNS = _TOTAL_NAMES | {"本年收入合计", "本年支出合计"}
_SKIP_ROLES = {"perf_overall", "perf_project"}
# budget columns printed beside the 决算数 in a 决算 table: not parts of its total
_BUDGET_COLUMN = re.compile(r"(全年|年初|调整)预算数?$")


def status_of(diff: Decimal, step: Decimal = CENT, within: Decimal | None = None) -> str:
    """ok (under half a printed step: < 0.005 for 0.01), rounding (≤ one step, or ``within``
    when many rounded figures add up) or warning."""
    d = abs(diff)
    if d < step / 2:
        return "ok"
    return "rounding" if d <= (within or step) + Decimal("1e-9") else "warning"


def step_of(t: Table) -> Decimal:
    """The table's printed precision: 0.01 when its figures show two decimals, 1 for whole yuan."""
    decimals = 0
    for r in t.rows:
        for c, cell in r.values.items():
            if cell.value is None or _NOT_ADDITIVE.search(c):
                continue
            text = cell.text.replace(",", "").replace("，", "")
            if "." in text:
                decimals = max(decimals, len(text.rsplit(".", 1)[1].rstrip("%)）")))
    return Decimal(1).scaleb(-min(decimals, 4)) if decimals else Decimal(1)


def _fmt(v: Decimal | None, step: Decimal = CENT) -> str:
    """A figure as the table prints it: whole yuan where the table prints no decimals."""
    if v is None:
        return "blank"
    if step >= 1 and v == v.to_integral_value():
        return f"{int(v)}"
    return f"{v:.2f}" if v == v.quantize(Decimal("0.01")) else f"{v.normalize()}"


def _name(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _val(row: Row, col: str) -> Decimal:
    v = row.value(col)
    return v if v is not None else Decimal(0)


def _any_value(rows: list[Row], col: str) -> bool:
    return any(r.value(col) is not None for r in rows)


def _page(page: int | str | None) -> str:
    if not page:
        return ""
    return f" ({page})" if isinstance(page, str) else f" (p. {page})"


def _where(t: Table, row: Row | None) -> int | str | None:
    """The page a row is printed on: its own, else its table's (one page, or the range)."""
    if row is not None and row.page:
        return row.page
    if t.page and t.page_end and t.page_end != t.page:
        return f"pp. {t.page}-{t.page_end}"
    return t.page


def label_of(t: Table) -> str:
    """How a message names a table: its id as printed (表二, 附表3), 表9 for a bare number from a 目录."""
    return f"表{t.key}" if re.fullmatch(r"[0-9一二三四五六七八九十]+(#\d+)?", t.key) else t.key


def _check(kind: str, table: str, subject: str, printed: Decimal, total: Decimal, what: str,
           step: Decimal = CENT, page: int | str | None = None, terms: int = 1, label: str | None = None) -> CheckResult:
    """One comparison, in one line: table, row and column (page): printed figure, what it should equal.

    ``terms`` rounded figures make up ``total``: each printed figure, the total's too, may be
    half a step off what it rounds, so their sum may be off by up to (terms + 1) / 2 steps."""
    status = status_of(printed - total, step, max(step, step * (terms + 1) / 2))
    msg = f"{label or table} {subject}{_page(page)}: printed {_fmt(printed, step)}, {what} {_fmt(total, step)}"
    if status != "ok":
        msg += f" ({status})"
    return CheckResult(kind, status, table, msg, expected=total, actual=printed,
                       page=page if isinstance(page, int) else None)


_STEPS: dict[int, Decimal] = {}


def _step(t: Table) -> Decimal:
    if id(t) not in _STEPS:
        _STEPS[id(t)] = step_of(t)
    return _STEPS[id(t)]


def _tcheck(t: Table, row: Row, kind: str, subject: str, printed: Decimal, total: Decimal | list[Decimal],
            what: str) -> CheckResult:
    """A check within table ``t`` of a figure printed on ``row`` against a figure or the sum of
    parts: its page, and the table's step as tolerance (more parts, more rounding)."""
    parts = total if isinstance(total, list) else [total]
    return _check(kind, t.key, subject, printed, sum(parts, Decimal(0)), what, _step(t), _where(t, row),
                  terms=sum(1 for v in parts if v), label=label_of(t))


def _value_columns(t: Table, side: str | None = None) -> list[str]:
    cols = t.column_groups.get(side, []) if t.column_groups and side else t.columns
    return [c for c in cols if not _NOT_ADDITIVE.search(c)]


def _row_label(r: Row) -> str:
    return f"{r.code} {_name(r.name)}" if r.code else _name(r.name)


def _total_row(rows: list[Row]) -> Row | None:
    return next((r for r in rows if not r.code and _name(r.name) in _TOTAL_NAMES), None)


# -- within one table ------------------------------------------------------------


def _coded(t: Table, rows: list[Row] | None = None) -> list[Row]:
    seen: set[str] = set()
    out = []
    for r in t.rows if rows is None else rows:
        if r.code and r.code.isdigit() and r.code not in seen:
            seen.add(r.code)
            out.append(r)
    return out


def _children(parent: Row, coded: list[Row]) -> list[Row]:
    if any(r.parent_code for r in coded):
        return [r for r in coded if r.parent_code == parent.code]
    assert parent.code is not None
    below = [r for r in coded if r.code and r.code != parent.code and r.code.startswith(parent.code)]
    if not below:
        return []
    step = min(len(r.code or "") for r in below)
    return [r for r in below if len(r.code or "") == step]


def _code_sums(t: Table, rows: list[Row] | None = None, side: str | None = None) -> Iterator[CheckResult]:
    rows = t.rows if rows is None else rows
    coded = _coded(t, rows)
    if not coded:
        return
    cols = [c for c in _value_columns(t, side) if _any_value(rows, c)]
    where = f"{side} " if side else ""
    for parent in coded:
        kids = _children(parent, coded)
        if not kids:
            continue
        for c in cols:
            yield _tcheck(t, parent, "parent_sum", f"{where}{_row_label(parent)} {c}", _val(parent, c),
                         [_val(k, c) for k in kids], "children sum")
    tots = [r for r in rows if _is_total(r)]
    total = tots[-1] if side and tots else _total_row(rows)
    if total is not None:
        shortest = min(len(r.code or "") for r in coded)
        tops = [r for r in coded if len(r.code or "") == shortest]
        for c in cols:
            yield _tcheck(t, total, "parent_sum", f"{where}{_name(total.name)} {c}", _val(total, c),
                         [_val(r, c) for r in tops], "sum of 类 rows")


def _marked_sums(t: Table, rows: list[Row], cols: list[str], side: str | None) -> Iterator[CheckResult]:
    """Numbered rows (一、/1. above （一）/（1）) and 合计 rows of a table without codes."""
    levels = [marker_level(_name(r.name)) for r in rows]
    marked = [lv for lv in levels if lv is not None]
    top = min(marked) if marked else None
    where = f"{side} " if side else ""
    # a numbered row against the items under it
    for i, r in enumerate(rows):
        if top is None or levels[i] != top:
            continue
        under = []
        for j in range(i + 1, len(rows)):
            lv = levels[j]
            if _is_total(rows[j]) or (lv is not None and lv <= top):
                break
            under.append(j)
        if not under:
            continue
        kids = [rows[j] for j in under if levels[j] == levels[under[0]]]
        for c in cols:
            if r.value(c) is None and not any(k.value(c) is not None for k in kids):
                continue
            yield _tcheck(t, r, "parent_sum", f"{where}{_name(r.name)} {c}", _val(r, c),
                         _top_items(t, kids, c, _val(r, c)), "items sum")
    # totals against the rows they close (totals printed first close the rows after them)
    base = [r for i, r in enumerate(rows) if not _is_total(r) and (top is None or levels[i] == top)]
    totals = [r for r in rows if _is_total(r)]
    if top is None and totals and cols and len(base) > 1:
        nested = _nest_by_sums(rows, cols[0]) or _nest_greedy(rows, cols[0], _step(t))
        if nested is not None:  # names only, no markers: the hierarchy the sums show
            yield from _nested_sums(t, rows, cols, nested, where)
            base = [r for i, r in enumerate(rows) if not _is_total(r) and nested[i] is None]
    if _headed_groups(rows):
        yield from _headed_sums(t, rows, cols, where)
        return
    prev: Row | None = None
    for tot in totals:
        pos = rows.index(tot)
        if prev is None and not any(rows.index(b) < pos for b in base):
            segment = [b for b in base if rows.index(b) > pos]
        else:
            start = rows.index(prev) if prev is not None else -1
            segment = [b for b in base if start < rows.index(b) < pos]
            if prev is not None and top is not None:
                # after 本年收入合计 come unnumbered lines (年初结转和结余 …) that 总计 adds
                segment += [r for i, r in enumerate(rows) if start < i < pos and levels[i] is None and not _is_total(r)]
        if not segment and prev is None:
            continue  # a lone 合计 row (one-row 三公 table): nothing to add up
        for c in cols:
            expected = [_val(b, c) for b in segment]
            if prev is not None and rows.index(prev) < pos:
                expected.append(_val(prev, c))
            yield _tcheck(t, tot, "parent_sum", f"{where}{_name(tot.name)} {c}", _val(tot, c), expected, "items sum")
        prev = tot


def _top_items(t: Table, kids: list[Row], col: str, whole: Decimal) -> list[Decimal]:
    """The figures of the items that add up to ``whole``: all of them, or, when unnumbered items
    are printed with their own sub-items (an 经济科目 row above its goods), the top ones the
    figures nest into. A subtotal is never added to its own parts."""
    flat = [_val(k, col) for k in kids]
    if status_of(whole - sum(flat, Decimal(0)), _step(t)) == "ok" or len(kids) < 3 or any(
            marker_level(_name(k.name)) is not None for k in kids):
        return flat
    closing = Row(name="合计", values={col: Cell(str(whole), whole)})
    nested = _nest_by_sums([*kids, closing], col) or _nest_greedy([*kids, closing], col, _step(t))
    if nested is None:
        return flat
    return [_val(k, col) for i, k in enumerate(kids) if nested[i] is None]


def _headed_groups(rows: list[Row]) -> bool:
    """总计 first, then groups each opened by its own 合计 row (project groups, units)."""
    if len(rows) < 4 or not (_is_total(rows[0]) and _is_total(rows[1])):
        return False
    # a group head may stand alone when it heads nothing (政府性基金小计 left blank)
    return all(not _is_total(rows[i + 1]) or not any(v.value for v in rows[i].values.values())
               for i in range(1, len(rows) - 1) if _is_total(rows[i]))


def _headed_sums(t: Table, rows: list[Row], cols: list[str], where: str) -> Iterator[CheckResult]:
    heads = [i for i in range(1, len(rows)) if _is_total(rows[i])]
    for k, h in enumerate(heads):
        items = rows[h + 1: heads[k + 1] if k + 1 < len(heads) else len(rows)]
        for c in cols:
            yield _tcheck(t, rows[h], "parent_sum", f"{where}{_name(rows[h].name)} {c}", _val(rows[h], c),
                         [_val(r, c) for r in items], "items sum")
    for c in cols:
        yield _tcheck(t, rows[0], "parent_sum", f"{where}{_name(rows[0].name)} {c}", _val(rows[0], c),
                     [_val(rows[h], c) for h in heads], "group totals sum")


def _nest_greedy(rows: list[Row], col: str, step: Decimal) -> list[int | None] | None:
    """Two levels read by the figures, for tables too long to search: a row followed by rows that
    add up to it is their parent (a unit over its economic classes). None unless the top rows
    then add up to the table's total."""
    body = [i for i, r in enumerate(rows) if not _is_total(r)]
    totals = [r for r in rows if _is_total(r)]
    if not totals or not body or body != list(range(body[0], body[-1] + 1)):
        return None
    parent: list[int | None] = [None] * len(rows)
    tops: list[int] = []
    i, end = body[0], body[-1] + 1
    while i < end:
        whole, acc, j = _val(rows[i], col), Decimal(0), i + 1
        while j < end and whole and abs(acc) < abs(whole) and status_of(whole - acc, step) == "warning":
            acc += _val(rows[j], col)
            j += 1
        tops.append(i)
        if whole and j > i + 1 and status_of(whole - acc, step) != "warning":
            for k in range(i + 1, j):
                parent[k] = i
            i = j
        else:
            i += 1
    top_sum = sum((_val(rows[k], col) for k in tops), Decimal(0))
    if status_of(_val(totals[-1], col) - top_sum, step, step * (len(tops) + 1) / 2) == "warning":
        return None
    return parent if any(p is not None for p in parent) else None


def _nest_by_sums(rows: list[Row], col: str) -> list[int | None] | None:
    """Parent index of each row of a names-only table, as its figures in ``col`` imply.

    A row followed by rows that add up to it is their parent (类 → 款 → 项 printed
    as indented names). Returns None when no such nesting makes the top rows add up
    to the table's total; the flat check then reports the difference.
    """
    body = [i for i, r in enumerate(rows) if not _is_total(r)]
    totals = [r for r in rows if _is_total(r)]
    if not totals or len(body) > 60 or body != list(range(body[0], body[-1] + 1)):
        return None
    vals = [_val(r, col) for r in rows]
    end = body[-1] + 1
    memo: dict[tuple[int, Decimal], tuple[int, tuple[tuple[int, int], ...]] | None] = {}

    def run(i: int, target: Decimal) -> tuple[int, tuple[tuple[int, int], ...]] | None:
        """Siblings from row i adding up to target: (index after them, child→parent links)."""
        if abs(target) < OK_WITHIN and i > body[0]:
            return i, ()
        if i >= end:
            return None
        key = (i, target)
        if key in memo:
            return memo[key]
        memo[key] = None
        v = vals[i]
        for as_parent in (True, False):
            links: tuple[tuple[int, int], ...] = ()
            j = i + 1
            if as_parent:
                kids = run(i + 1, v) if v != 0 else None
                if kids is None or kids[0] == i + 1:
                    continue
                j = kids[0]
                links = tuple((c, i) for c in range(i + 1, j) if c not in {a for a, _ in kids[1]}) + kids[1]
            rest = run(j, target - v)
            if rest is not None:
                memo[key] = (rest[0], links + rest[1])
                return memo[key]
        return None

    found = run(body[0], _val(totals[-1], col))
    if found is None or found[0] != end:
        return None
    parent: list[int | None] = [None] * len(rows)
    for child, par in found[1]:
        parent[child] = par
    return parent


def _nested_sums(t: Table, rows: list[Row], cols: list[str], parent: list[int | None], where: str) -> Iterator[CheckResult]:
    for i, r in enumerate(rows):
        kids = [rows[c] for c, p in enumerate(parent) if p == i]
        if not kids:
            continue
        for c in cols:
            yield _tcheck(t, r, "parent_sum", f"{where}{_name(r.name)} {c}", _val(r, c),
                         [_val(k, c) for k in kids], "items sum")


def _is_total(r: Row) -> bool:
    n = _name(r.name)
    return not r.code and (n in _TOTAL_NAMES or (n.endswith(("合计", "总计", "小计")) and marker_level(n) is None))


def _is_subtotal_column(t: Table, c: str) -> bool:
    """小计 columns, and 合计 columns heading a group (财政拨款 > 合计 | 一般公共预算 | …)."""
    path = t.column_paths.get(c) or []
    return "小计" in c or _name(c).endswith("合计") or (len(path) > 1 and _name(path[-1]) in ("小计", "合计"))


def _subtotals(t: Table, rows: list[Row], parts: list[str], total_col: str | None = None) -> dict[str, list[str]]:
    """Each subtotal column among ``parts`` and the columns it adds up, nested ones left to their own.

    First by the header: a 小计 under 公务用车购置及运行费 adds the other columns under that
    heading. Else by the figures: the columns after it (those not already another
    subtotal's) that add up to it on every row, or, when it disagrees with them, the
    columns whose leaving out makes the table's total add up. Else by the name
    (基本支出小计 over 基本支出…).
    """
    subs = [c for c in parts if _is_subtotal_column(t, c)]
    found: dict[str, list[str]] = {}
    paths = {c: t.column_paths.get(c) or [] for c in parts}
    for c in subs:
        group = paths[c][:-1]
        if group:
            kids = [p for p in parts if p != c and len(paths[p]) > len(group) and paths[p][: len(group)] == group]
            if len(kids) >= 2:
                found[c] = kids
    for c in found:  # a nested subtotal keeps its own parts
        for other, kids in found.items():
            if other != c and c in kids:
                found[other] = [k for k in kids if k not in found[c]]
    claimed = {k for kids in found.values() for k in kids}
    for c in reversed(subs):
        if c in found:
            continue
        after = [p for p in parts[parts.index(c) + 1:] if p not in claimed]
        kids = _adding_up(t, rows, c, after)
        if kids is None and total_col is not None:
            for k in range(2, min(len(after), 4) + 1):
                rest = [p for p in parts if p not in after[:k] and p not in claimed]
                if _adds_up(t, rows, total_col, rest) or _adding_up(t, rows, total_col, rest):
                    kids = after[:k]
                    break
        if kids is None:
            stem = c.replace("小计", "")[:3]
            named = [p for p in after if stem and p.startswith(stem) and "小计" not in p]
            kids = named if len(named) >= 2 else None
        if kids:
            found[c] = kids
            claimed |= set(kids)
    return found


def _adds_up(t: Table, rows: list[Row], whole: str, parts: list[str]) -> bool:
    step = _step(t)
    return all(status_of(_val(r, whole) - sum((_val(r, p) for p in parts), Decimal(0)), step) != "warning"
               for r in rows if r.value(whole) is not None)


def _adding_up(t: Table, rows: list[Row], whole: str, after: list[str]) -> list[str] | None:
    """The shortest run (two or more) of the columns ``after`` that add up to ``whole`` on every row."""
    shown = [r for r in rows if r.value(whole) is not None]
    if not shown or not any(_val(r, whole) for r in shown):
        return None
    step = _step(t)
    for k in range(2, min(len(after), 8) + 1):
        kids = after[:k]
        if all(status_of(_val(r, whole) - sum((_val(r, p) for p in kids), Decimal(0)), step) != "warning"
               for r in shown):
            return kids
    return None


def _row_sums(t: Table, rows: list[Row], cols: list[str]) -> Iterator[CheckResult]:
    """总计 against its parts within each row; 增减额 against the two years."""
    total_col = next((c for c in cols if _name(c) in _TOTAL_COLUMNS), None)
    if total_col is not None:
        if t.role in _ROW_SUM_ROLES:
            parts = [c for c in cols if c != total_col and not _COMPARISON.search(c) and not _BUDGET_COLUMN.search(c)]
            group = t.column_paths.get(total_col, [])[:-1]
            if group:  # 决算数 > 合计 | 基本支出 | 项目支出: the parts are the total's siblings
                parts = [c for c in parts if t.column_paths.get(c, [])[: len(group)] == group]
        else:
            group = []
            parts = [c for c in ("基本支出", "项目支出") if c in cols]
        sub_parts = _subtotals(t, rows, parts, total_col)
        inner = {p for ps in sub_parts.values() for p in ps}
        # a subtotal whose parts were not found is left out, never added to its own parts
        outer = [p for p in parts if p not in inner and (p in sub_parts or not _is_subtotal_column(t, p))]
        if not group and len(outer) > 2 and not _adds_up(t, rows, total_col, outer):
            # without a header to say so, the columns after the parts (机关运行经费 beside the
            # 三公 items) are not parts when the total is the sum of the ones before them
            outer = _adding_up(t, rows, total_col, outer) or outer
        groups = [(total_col, outer)] + list(sub_parts.items())
        for whole, pieces in groups:
            if len(pieces) < 2 or not _any_value(rows, whole) or not any(_any_value(rows, p) for p in pieces):
                continue  # parts that state no figure (text columns read as amounts) check nothing
            for r in rows:
                if r.value(whole) is None and not any(r.value(p) is not None for p in pieces):
                    continue
                yield _tcheck(t, r, "row_sum", f"{_row_label(r)} {whole}", _val(r, whole),
                             [_val(r, p) for p in pieces], "+".join(pieces))
    years = sorted((int(m.group(1)), c) for c in cols if (m := re.match(r"(\d{4})\s*年", c)))
    change = next((c for c in cols if _name(c) in ("增减额", "增减", "增减数")), None)
    if change and len(years) == 2:
        (_, old), (_, new) = years
        for r in rows:
            if r.value(change) is None and r.value(new) is None and r.value(old) is None:
                continue
            yield _tcheck(t, r, "row_sum", f"{_row_label(r)} {change}", _val(r, change),
                         _val(r, new) - _val(r, old), f"{new}-{old}")


def _table_checks(t: Table) -> Iterator[CheckResult]:
    if t.role in _SKIP_ROLES or t.fields:
        return
    sides = [s for s in (t.column_groups or {}) if any(r.side == s for r in t.rows)]
    if sides:
        totals: list[tuple[str, Row, str]] = []
        for side in sides:
            rows = [r for r in t.rows if r.side == side]
            all_cols = _value_columns(t, side)
            cols = [c for c in all_cols if _any_value(rows, c)]
            if _coded(t, rows):
                yield from _code_sums(t, rows, side)
            else:
                yield from _marked_sums(t, rows, cols, side)
            yield from _row_sums(t, rows, all_cols)
            tots = [r for r in rows if _is_total(r)]
            if tots and cols:
                totals.append((side, tots[-1], cols[0]))
        balanced = t.role in _BALANCED_ROLES or (
            t.role not in {"gpb_basic", "f_gpb_basic"} and not any("经费" in _name(r.name) for _s, r, _c in totals))
        if balanced and len(totals) == 2 and {s for s, _r, _c in totals} == {"收入", "支出"}:
            (sa, ra, ca), (sb, rb, cb) = totals
            yield _tcheck(t, ra, "side_total", f"{sa} {_name(ra.name)} {ca}", _val(ra, ca), _val(rb, cb),
                         f"{sb} {_name(rb.name)}")
        return
    cols = [c for c in _value_columns(t) if _any_value(t.rows, c)]
    if _coded(t):
        yield from _code_sums(t)
    else:
        yield from _marked_sums(t, t.rows, cols, None)
    yield from _row_sums(t, t.rows, _value_columns(t))


def run_checks(doc: Document) -> list[CheckResult]:
    """Every arithmetic check the document's tables allow, in table order, then across tables."""
    results: list[CheckResult] = []
    _STEPS.clear()
    for t in doc.tables:
        results.extend(_table_checks(t))
    from ingest.cross import cross_checks

    results.extend(cross_checks(doc))
    bad = [r for r in results if r.status != "ok"]
    log.debug("%d checks, %d not ok", len(results), len(bad))
    return results
