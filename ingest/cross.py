"""Totals that must agree between the tables of one disclosure (``cross_table`` checks).

Only what the genre makes equal is compared. Tables are found by role
(:func:`ingest.columns.role_of`). A table's total is its total row (合计 / 总计,
wherever it is printed) in its total column, which is 总计 in some templates and
合计 or 本年支出合计 in others. Figures are converted to one unit before comparing
(a 三公 table in 万元 against a basic-expenditure table in 元), and the tolerance is
the coarser table's printed step. Budgets (部门预算):

* 基本支出表 total = 一般公共预算支出表 基本支出 (both 一般公共预算, both 基本支出);
* 财政拨款收支总表 支出 一般公共预算 / 政府性基金预算 = those tables' totals;
* 部门收支总表 = 收入总表 = 支出总表; 财政拨款收入 = the 收入总表's 拨款 columns;
* 收入总表 and 支出总表 agree code by code.

Final accounts (部门决算, ``f_`` roles):

* 收入支出决算总表 本年收入合计 = 收入决算表 total; 本年支出合计 = 支出决算表 total;
* 财政拨款收入支出决算总表 本年支出合计 (一般公共预算财政拨款) = 一般公共预算财政拨款支出决算表 决算数;
* 基本支出决算表 total (two-sided: 人员经费合计 + 公用经费合计) = the 一般公共预算财政拨款
  支出决算表's 基本支出 (never the all-funds 支出决算表's).

Not an equality: the 三公 table covers 基本支出 and 项目支出 of its funds, so its
公务用车运行费 and 公务接待费 are only at least the 30231 / 30217 rows of the
basic-expenditure table; that is checked as an inequality (``at least``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ingest.checks import (
    _coded,
    _fmt,
    _is_total,
    _name,
    _page,
    _row_label,
    _step,
    _total_row,
    _val,
    _where,
    label_of,
    _value_columns,
    status_of,
)
from ingest.model import CheckResult, Document, Row, Table

__all__ = ["cross_checks", "total_column", "unit_factor"]

_TOTAL_COLUMN_ORDER = ("总计", "合计", "本年支出合计", "本年收入合计", "决算数", "预算数", "金额")
_FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "百万元": Decimal(1000000),
            "亿元": Decimal(100000000)}


def unit_factor(unit: str | None) -> Decimal:
    """元 per one of ``unit`` (万元 → 10000); 1 when the unit is not known."""
    return _FACTORS.get(_name(unit or "").replace("单位：", "").replace("单位:", ""), Decimal(1))


def total_column(t: Table | None, side: str | None = None) -> str | None:
    """The column that holds a table's (or one side's) totals: 总计, 合计, 决算数 …"""
    if t is None:
        return None
    cols = t.column_groups.get(side, []) if t.column_groups and side else t.columns
    return next((c for name in _TOTAL_COLUMN_ORDER for c in cols if _name(c) == name), None)


def _by_role(doc: Document, *roles: str) -> Table | None:
    return next((t for r in roles for t in doc.tables if t.role == r), None)


def _total_row_of(t: Table, side: str | None = None, prefer: tuple[str, ...] = ()) -> Row | None:
    rows = [r for r in t.rows if side is None or r.side == side]
    for name in prefer:
        hit = next((r for r in rows if _name(r.name) == name), None)
        if hit is not None:
            return hit
    if side:
        tots = [r for r in rows if _is_total(r)]
        return tots[-1] if tots else None
    return _total_row(rows)


def _total(t: Table | None, col: str | None, side: str | None = None, prefer: tuple[str, ...] = ()) -> Decimal | None:
    """The printed total of a table (its 合计/总计 row, or the side's named or last total) in ``col``."""
    if t is None or col is None or col not in t.columns:
        return None
    row = _total_row_of(t, side, prefer)
    return _val(row, col) if row is not None else None


def _compare(a: Table, ra: Row | None, subject: str, va: Decimal, b: Table, rb: Row | None, what: str,
             vb: Decimal, at_least: bool = False) -> CheckResult:
    """Figure ``va`` of table ``a`` against ``vb`` of table ``b``, in one unit; ``at_least``: va ≥ vb only."""
    page_a, page_b = _where(a, ra), _where(b, rb)
    fa, fb = unit_factor(a.unit), unit_factor(b.unit)
    step = max(_step(a) * fa, _step(b) * fb)
    diff = va * fa - vb * fb
    status = "ok" if at_least and diff >= 0 else status_of(diff, step)
    units = fa != fb
    shown_a = f"{_fmt(va, _step(a))}{' ' + a.unit if units else ''}"
    shown_b = f"{_fmt(vb, _step(b))}{' ' + b.unit if units else ''}"
    relation = "at least " if at_least else ""
    msg = (f"{label_of(a)} {subject}{_page(page_a)}: printed {shown_a}, "
           f"{relation}{label_of(b)} {what}{_page(page_b)} {shown_b}")
    if status != "ok":
        msg += f" ({status})"
    return CheckResult("cross_table", status, a.key, msg, expected=vb * fb / fa, actual=va,
                       page=page_a if isinstance(page_a, int) else None)


def _pair(a: Table | None, ca: str | None, b: Table | None, cb: str | None, sa: str | None = None,
          sb: str | None = None, prefer_a: tuple[str, ...] = (), prefer_b: tuple[str, ...] = ()) -> Iterator[CheckResult]:
    va, vb = _total(a, ca, sa, prefer_a), _total(b, cb, sb, prefer_b)
    if a is None or b is None or va is None or vb is None:
        return
    ra, rb = _total_row_of(a, sa, prefer_a), _total_row_of(b, sb, prefer_b)
    la = f"{sa + ' ' if sa else ''}{_name(ra.name) if ra else '合计'}"
    lb = f"{sb + ' ' if sb else ''}{_name(rb.name) if rb else '合计'}"
    yield _compare(a, ra, f"{la} {ca}", va, b, rb, f"{lb} {cb}", vb)


def _basic_total(basic: Table) -> tuple[Decimal, str, Row | None] | None:
    """A 基本支出表's total: its 合计 row, or 人员经费合计 + 公用经费合计 when printed two-sided."""
    sides = list(basic.column_groups or {})
    if len(sides) == 2:
        tots = [_total_row_of(basic, s) for s in sides]
        cols = [total_column(basic, s) for s in sides]
        named = [_name(r.name) for r in tots if r]
        # two halves (人员经费 | 公用经费), however the reader named the sides
        if all(tots) and all(cols) and ("收入" not in sides or all("经费" in n for n in named)):
            total = sum((_val(r, c) for r, c in zip(tots, cols, strict=True) if r and c), Decimal(0))
            return total, "+".join(named), tots[-1]
        return None
    col = total_column(basic)
    row = _total_row_of(basic)
    value = _total(basic, col)
    return (value, f"合计 {col}", row) if value is not None else None


def _basic_vs_spending(basic: Table | None, spent: Table | None) -> Iterator[CheckResult]:
    if basic is None or spent is None or "基本支出" not in spent.columns:
        return
    got = _basic_total(basic)
    row = _total_row_of(spent)
    other = _total(spent, "基本支出")
    if got is not None and other is not None:
        yield _compare(basic, got[2], got[1], got[0], spent, row, "合计 基本支出", other)


def _budget(doc: Document) -> Iterator[CheckResult]:
    fin, gpb, basic = _by_role(doc, "fin_summary"), _by_role(doc, "gpb_exp"), _by_role(doc, "gpb_basic")
    fund, summ = _by_role(doc, "fund_exp"), _by_role(doc, "dept_summary")
    inc, exp = _by_role(doc, "dept_income"), _by_role(doc, "dept_exp")
    yield from _basic_vs_spending(basic, gpb)
    yield from _pair(fin, "一般公共预算", gpb, total_column(gpb), "支出")
    yield from _pair(fin, "政府性基金预算", fund, total_column(fund), "支出")
    yield from _pair(summ, total_column(summ, "收入"), inc, total_column(inc), "收入")
    yield from _pair(summ, total_column(summ, "支出"), exp, total_column(exp), "支出")
    yield from _pair(inc, total_column(inc), exp, total_column(exp))
    if fin is not None and inc is not None:
        fin_in = _total(fin, total_column(fin, "收入") or (fin.column_groups or {}).get("收入", ["预算数"])[0], "收入")
        cols = [c for c in inc.columns if re.search(r"(一般公共预算|政府性基金预算|国有资本经营预算)拨款", c)]
        inc_row = _total_row(inc.rows)
        fin_row = _total_row_of(fin, "收入")
        if fin_in is not None and inc_row is not None and cols:
            yield _compare(fin, fin_row, "收入合计", fin_in, inc, inc_row,
                           "合计 财政拨款收入", sum((_val(inc_row, c) for c in cols), Decimal(0)))
    ci, ce = total_column(inc), total_column(exp)
    if inc is not None and exp is not None and ci and ce:
        spent = {r.code: r for r in _coded(exp)}
        for r in _coded(inc):
            if r.code in spent:
                s = spent[r.code]
                yield _compare(inc, r, f"{_row_label(r)} {ci}", _val(r, ci), exp, s, f"{_row_label(s)} {ce}",
                               _val(s, ce))
    yield from _sangong_vs_basic(_by_role(doc, "sangong"), basic)


def _final(doc: Document) -> Iterator[CheckResult]:
    summ, inc, exp = _by_role(doc, "f_dept_summary"), _by_role(doc, "f_dept_income"), _by_role(doc, "f_dept_exp")
    fin, gpb, basic = _by_role(doc, "f_fin_summary"), _by_role(doc, "f_gpb_exp"), _by_role(doc, "f_gpb_basic")
    yield from _pair(summ, total_column(summ, "收入"), inc, total_column(inc), "收入", prefer_a=("本年收入合计",))
    yield from _pair(summ, total_column(summ, "支出"), exp, total_column(exp), "支出", prefer_a=("本年支出合计",))
    gp_col = next((c for c in (fin.column_groups or {}).get("支出", []) if "一般公共预算" in c), None) if fin else None
    spent_col = "决算数" if gpb is not None and "决算数" in gpb.columns else total_column(gpb)
    yield from _pair(fin, gp_col, gpb, spent_col, "支出", prefer_a=("本年支出合计",))
    # the basic-expenditure table is 一般公共预算财政拨款: only that table's 基本支出 equals it
    yield from _basic_vs_spending(basic, gpb)
    yield from _sangong_vs_basic(_by_role(doc, "f_sangong"), basic)


def _sangong_vs_basic(sg: Table | None, basic: Table | None) -> Iterator[CheckResult]:
    """三公 公务用车运行费 ≥ 30231 and 公务接待费 ≥ 30217 of the basic-expenditure table.

    The 三公 figures cover 基本支出 and 项目支出, the basic table only 基本支出: the
    genre makes them no equality, only a lower bound."""
    if sg is None or basic is None:
        return
    for code, label, words in (("30231", "公务用车运行维护费", ("运行",)), ("30217", "公务接待费", ("接待",))):
        item = _sangong_item(sg, words)
        row = next((r for r in _coded(basic) if r.code == code), None)
        if item is None or row is None:
            continue
        col = total_column(basic, row.side) if row.side else total_column(basic)
        if col is None or row.value(col) is None:
            continue
        value, name, where = item
        yield _compare(sg, where, name, value, basic, row, f"{code} {label}", _val(row, col), at_least=True)


def _sangong_item(t: Table, words: tuple[str, ...]) -> tuple[Decimal, str, Row] | None:
    """An item of a 三公 table (its 决算数 in final accounts, this year's figure in budgets),
    printed as a column (items as columns) or as a row (items as rows)."""
    if not t.rows:
        return None
    cols = [c for c in t.columns if any(w in c for w in words) and "购置" not in c and "小计" not in c]
    if cols:
        col = next((c for c in cols if "决算" in c), cols[0])
        row = _total_row(t.rows) or t.rows[0]
        value = row.value(col)
        name = "公务用车运行费" if "运行" in words else "公务接待费"
        return (value, name, row) if value is not None else None
    row = next((r for r in t.rows if any(w in r.name for w in words) and "购置" not in r.name), None)
    years = sorted((c for c in t.columns if re.match(r"\d{4}\s*年", c) and not re.search(r"增减|上年", c)),
                   reverse=True)
    amount = years[0] if years else next((c for c in t.columns if _name(c) == "决算数"), None)
    amount = amount or next(iter(_value_columns(t)), None)
    if row is None or not amount or row.value(amount) is None:
        return None
    return row.value(amount), ("公务用车运行费" if "运行" in words else "公务接待费"), row


def cross_checks(doc: Document) -> list[CheckResult]:
    """Every cross-table check the document's tables allow."""
    return [*_budget(doc), *_final(doc)]
