"""Answers read from table rows: figures by item and column, their parts, sums, funding scopes, per-unit rows."""

from __future__ import annotations

import logging
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from assistant import arithmetic as ar
from assistant.answer import Citation, Figure
from assistant.compose import amount, figure_sentence, where
from assistant.lookup import (
    DocTables, Item, Match, base_role, cell_value, cite, current_column, figure, is_final, strip_ordinal)
from assistant.parts import HandlerBase, Part, no_answer as _no
from assistant.router import Intent
from assistant.vocabulary import normalize

if TYPE_CHECKING:
    from ingest.model import Document

log = logging.getLogger(__name__)

# where an income item is spent: its expenditure table
_SPENT_IN = {"fund_income": "fund_exp", "gpb_income": "gpb_exp", "soe_income": "soe_exp", "dept_total": "dept_exp"}


def _drop_qualifiers(p: str, ms: list[Match]) -> list[Match]:
    """Drop a subtotal named only as the owner of a more specific item of the same table: in
    "公车一年的油费、修理费" 公车 (公务用车购置及运行费小计) qualifies 油费 (公务用车运行费)."""
    n = normalize(p)
    out = []
    for m in ms:
        it = m.items[0] if m.items else None
        sub = it is not None and m.via == "concept" and normalize(it.name).endswith("小计")
        owned = sub and any(
            o is not m and o.items and o.items[0].table is it.table and o.start >= m.end
            and not re.search(r"[和与及、,，]|还有|以及|加上", n[m.end:o.start]) for o in ms)
        if not owned:
            out.append(m)
    return out or ms


def drop_fund_qualifier(p: str, ms: list[Match], before_columns: bool = False) -> list[Match]:
    """"一般公共预算安排的委托业务费" / "财政拨款的机关运行经费": a fund named just before another item
    says which money the item is paid from; it is not asked for itself."""
    n = normalize(p)
    out = []
    for m in ms:
        fund = m.concept is not None and m.concept.id in ("fund_income", "gpb_income", "soe_income") \
            and m.via in ("concept", "name", "fund")
        # (a column after a fund, 一般公共预算基本支出, is read in that fund's table unless ``before_columns``)
        owns = fund and any(o is not m and (o.items or (o.concept and (before_columns or o.concept.kind != "column")))
                            and o.start >= m.end
                            and re.fullmatch(r"(?:财政)?(?:拨款)?(?:安排|支出|资金)?(?:的|中的|里的|里|中)?", n[m.end:o.start])
                            for o in ms)
        if not owns:
            out.append(m)
            continue
        for o in ms:  # the column after the fund is read in that fund's table
            if o is not m and o.start >= m.end and o.concept is not None and o.concept.kind == "column" and not o.items:
                o.fund = _SPENT_IN.get(m.concept.id)  # type: ignore[union-attr]
                break
    return out


_ALL_FUNDS = re.compile(r"总共|一共|全部|所有|合计|总计|总额|全口径|各类资金|各项资金")


def _scope(table: Any) -> str:
    """The funding scope a table reports: 全部资金 (支出总表) or 一般公共预算."""
    return "全部资金" if base_role(table.role) == "dept_exp" else "一般公共预算"


def with_column(label: str, column: str, table: Any = None) -> str:
    """A row label with the column it is read in: “三公”经费合计 + 决算数合计 → “三公”经费决算数; the
    合计 under a 决算数 header is 决算数."""
    path = (getattr(table, "column_paths", None) or {}).get(column)
    if path and len(path) > 1 and path[-1] in ("合计", "小计", "总计"):
        column = path[-2]
    strip = re.compile(r"(合计|小计)$")
    if strip.sub("", column).startswith(strip.sub("", label)):
        return strip.sub("", column)  # the column already names the item (公务接待费预算数)
    if strip.sub("", label).endswith(strip.sub("", column)):
        return strip.sub("", label)  # the label already names the column (一般公共预算基本支出)
    return f"{strip.sub('', label)}{strip.sub('', column)}"


def _with_parent(label: str, item: Item, tables: DocTables) -> str:
    """A 项 whose name the document prints under several 款 (一般行政管理事务, 事业运行) named with
    its 款 first ("宣传事务 一般行政管理事务"): the name alone does not say which it is."""
    key = normalize(label)
    parents = {x.code[:5] for x in tables.items if x.code and len(x.code) == 7 and normalize(strip_ordinal(x.name)) == key}
    if len(parents) < 2:
        return label
    parent = next((x for x in tables.by_code.get(item.code[:5], []) if x.name), None)  # type: ignore[index]
    return f"{strip_ordinal(parent.name)} {label}" if parent is not None else label


class TableAnswers(HandlerBase):
    """Table lookups: the item's figure in the right column, its split, its main children."""

    def _columns(self, p: str, item: Item, it: Intent) -> list[str]:
        # "（含其他资金）" says what a total includes; it does not ask for that column
        n = normalize(re.sub(r"[（(](?:含|包括|包含|不含|不包括)[^）)]*[)）]|(?<!不)(?:含|包括|包含)[\u4e00-\u9fff]{2,8}在内", "", p))
        found: dict[str, int] = {}  # column → where the question names it

        def take(col: str, forms: list[str]) -> None:
            nonlocal n
            for f in forms:
                k = n.find(f) if len(f) >= 2 else -1
                if k >= 0:
                    found[col] = k
                    n = n[:k] + "#" * len(f) + n[k + len(f):]  # "调整预算数" is not also "预算数"
                    return

        # names as printed, longest first; "决算数" names the sub-column "决算数合计", "年初预算" names "年初预算数"
        for c in sorted(item.values, key=len, reverse=True):
            base = normalize(re.sub(r"[（(].*", "", c))
            if base in ("合计", "总计"):
                take(c, [base + "数"])  # "合计数" names the column; 合计 alone names the row
                continue
            forms = [base]
            if re.search(r"..(收入|支出)$", base) and len(base) >= 6:
                forms.append(base[:-2])  # "一般公共预算拨款" names 一般公共预算拨款收入
            if base.endswith("数") and len(base) >= 4:
                forms.append(base[:-1])
            sub = re.match(r"^(.{2,}?)(合计|小计)$", base)
            if sub and sub.group(1) not in item.values:
                forms.append(sub.group(1))
            take(c, forms)
        # a header group names its total sub-column: 决算数 over 合计 / 基本支出 / 项目支出 → 合计
        for col, path in (item.table.column_paths or {}).items():
            if col in item.values and col not in found and normalize(path[-1]) in ("合计", "小计", "总计"):
                take(col, [normalize(x) for x in path[:-1] if len(normalize(x)) >= 2])
        for col, d in self.vocab.columns.items():
            if col in item.values and col not in found:
                take(col, sorted((normalize(a) for a in d.get("aliases", [])), key=len, reverse=True))
        # an everyday word for a column's item: 接待费 → the column 公务接待费 of a per-unit 三公 table
        for h in self.vocab.find_concepts(n):
            col = next((c for c in item.values if c not in found and normalize(c) in
                        {normalize(x) for x in h.concept.names}), None)
            if col is not None and h.concept.kind == "row":
                found[col] = h.start
        cols = sorted(found, key=found.__getitem__)
        if "总计" in normalize(p) and "总计" in item.values and cols:
            cols.insert(0, "总计")
        if it.classify:
            return []
        return [c for c in cols if c in item.values]

    def _column_only(self, matches: list[Match], doc: Document) -> list[tuple[Item, str, str]]:
        """(item, column, label) for each column concept the question names alone (人员经费): the
        total row read in that column, or the row closing that group where no table has the column."""
        tables = self.a.tables[doc.doc_id]
        # one concept named twice ("人头费，也就是人员经费") is one column
        cols = list({m.concept.id: m.concept for m in matches if m.concept and m.concept.kind == "column"}.values())
        funds = {m.concept.id: m.fund for m in matches if m.concept and m.fund}
        if any(c.id in ("personnel", "public_use") for c in cols):
            cols = [c for c in cols if c.id not in ("basic",)]
        out = []
        for c in cols:
            own = funds.get(c.id)  # (一般公共预算的项目支出: that fund's table first)
            for role in ([own] if own in c.roles else []) + [r for r in c.roles if r != own]:
                for t in tables.tables(role):
                    tot = tables.total_item(t)
                    name = next((n for n in c.names if tot and n in tot.values), None)
                    if tot and name:
                        out.append((tot, name, name))
                        break
                if len(out) and out[-1][2] in c.names:
                    break
            else:
                # no table prints it as a column: a row of that name closes the group instead
                # (人员经费合计 / 公用经费合计 under the 基本支出 table's 301 … 310 rows)
                keys = [normalize(n + sfx) for n in c.names for sfx in ("合计", "小计", "")]
                row = next((x for k in keys for x in tables.items
                            if x.key == k and base_role(x.table.role) in c.roles), None)
                col = current_column(row, doc.year) if row is not None else None
                if col:
                    out.append((row, col, re.sub(r"(合计|小计)$", "", row.name or "") or c.names[0]))
        return out

    def _unit_rows(self, p: str, matches: list[Match], it: Intent) -> tuple[list[Match], str | None]:
        """Matches of a per-unit table's rows, with what else the question names folded into its
        columns ("综合执法大队的公务接待费" → that row, column 公务接待费). The second value says
        why there is no answer when the question asks the unit for something the table does not
        split by unit (综合执法大队的人员经费)."""
        n = normalize(p)
        # (a unit printed in several per-unit tables is a unit wherever it is found first)
        units = [m for m in matches if m.items and any(x.unit for x in m.items)]
        # "整个部门（含执法大队）": the unit is included in the whole, not asked on its own
        inside = [m for m in units if re.search(r"(含|包括|包含|连同)$", n[max(0, m.start - 2):m.start])]
        if inside or re.search(r"整个部门|全部门|整个局|全局|全系统|部门整体", n):
            units_gone = set(map(id, units))
            return [m for m in matches if id(m) not in units_gone], None
        if not units:
            return matches, None
        per_unit = list({id(x.table): x.table for x in units[0].items}.values())  # the tables listing it
        cols = {normalize(c) for t in per_unit for c in t.columns}

        def in_table(m: Match) -> bool:
            label = normalize(m.label)
            if any(label in c for c in cols) or any(x.table is t for x in m.items for t in per_unit):
                return True
            c = m.concept
            return c is not None and (any(normalize(n) in cols for n in c.names if n not in ("合计", "总计", "小计"))
                                      or any(base_role(t.role) in c.roles for t in per_unit) or c.kind == "total")

        others = [m for m in matches if m not in units and (m.items or m.concept)]
        missing = [m for m in others if not in_table(m)]
        if missing:
            return [], f"表中没有按单位列出{units[0].label}的{missing[0].label}"
        return units, None

    def _other_basis(self, item: Item, cands: list[Item], doc: Document) -> Item | None:
        """The same coded row in the department's all-funds expenditure table when ``item`` is from
        the 一般公共预算 table (or the reverse) and the two totals differ: both are stated."""
        if not item.code or base_role(item.table.role) not in ("gpb_exp", "dept_exp"):
            return None
        want = "dept_exp" if base_role(item.table.role) == "gpb_exp" else "gpb_exp"
        col = current_column(item, doc.year)
        for x in cands:
            if x.code == item.code and base_role(x.table.role) == want:
                xc = current_column(x, doc.year)
                if col and xc and cell_value(x, xc) != cell_value(item, col):
                    return x
        return None

    def _fund_column(self, matches: list[Match], doc: Document) -> list[Match]:
        """"一般公共预算基本支出": a fund named with an expenditure column (基本支出 / 项目支出) is the
        total row of that fund's expenditure table, read in the column, not the fund's income row."""
        # (基本支出 is a column here even where some table also prints a row of that name)
        cols = [m for m in matches if m.concept and m.concept.kind == "column"]
        funds = [m for m in matches if m.concept and m.concept.id in _SPENT_IN and m.via in ("concept", "name", "fund")]
        if not cols or not funds:
            return matches
        tables = self.a.tables[doc.doc_id]
        out = []
        converted = False
        for m in matches:
            if m in cols and m.items and converted:
                continue  # read as the fund's column, not as the row of another table
            if m in funds:
                roles = (_SPENT_IN[m.concept.id], "gpb_basic") if m.concept.id == "gpb_income" else (_SPENT_IN[m.concept.id],)
                spent = [t for r in roles for t in tables.tables(r)  # (基本支出小计 is the 基本支出 column)
                         if any(re.sub(r"(小计|合计)$", "", col) == n for col in t.columns for c in cols
                                for n in c.concept.names)]
                tot = tables.total_item(spent[0]) if spent else None
                if tot is not None:  # labelled with the column it is read in (一般公共预算基本支出)
                    m = Match([tot], m.label + cols[0].concept.names[0], m.start, m.end, "fund", m.concept)
                    converted = True
            out.append(m)
        return out

    def table(self, p: str, doc: Document, it: Intent, matches: list[Match], lang: str) -> Part:
        tables = self.a.tables[doc.doc_id]
        matches = self._fund_column(matches, doc)
        item_ms = [m for m in matches if m.items or (m.concept and m.concept.kind == "sum")]
        if len(item_ms) > 1:
            specific = [m for m in item_ms if not m.items or not m.items[0].is_total()]
            item_ms = _drop_qualifiers(p, specific or item_ms)
        figs: list[Figure] = []
        parts_of: list[Figure] = []  # an item's parts, shown beside it, never added to it
        two_scopes = False  # one item stated on two funding scopes: never a sum
        cits: list[Citation] = []
        lines: list[str] = []
        if not item_ms:
            for item, col, label in self._column_only(matches, doc):
                f = figure(doc, item, col, label=label)
                figs.append(f)
                cits.append(cite(doc, item, col))
                lines.append(self._say(label, f, it, lang, doc))
        for m in item_ms:
            if m.concept and m.concept.kind == "sum" and (not m.items or m.via == "concept"):
                r = self._sum_concept(m, doc, it, lang)
                if r:
                    figs += r.figures
                    cits += r.citations
                    lines.append(r.text)
                continue
            item = m.items[0]
            asked = self._columns(p, item, it)
            if not asked and len(m.items) > 1:
                # a column the question names (人员经费) that only another table printing the row has
                # (the same row printed there, not another item of the concept the name belongs to)
                alt = next((x for x in m.items[1:] if normalize(m.label) in x.key and any(
                    normalize(c) not in _GENERIC_COLUMNS and len(normalize(c)) >= 3 and normalize(c) in normalize(p)
                    for c in self._columns(p, x, it))), None)
                if alt is not None:
                    item, asked = alt, self._columns(p, alt, it)
            other = self._other_basis(item, m.items, doc) if len(item_ms) == 1 and not asked else None
            if other is not None and _ALL_FUNDS.search(p) and base_role(other.table.role) == "dept_exp":
                item, other = other, item  # "总共安排了多少": every fund first
                asked = self._columns(p, item, it)
            if _CODE_ASKED.search(p) and m.via != "code":
                # "X的科目编码是多少": the row's code, of the classification the question names
                kind = "2" if "功能" in p else "3" if "经济" in p else None
                coded = [x for x in m.items if x.code and (kind is None or x.code.startswith(kind))]
                if coded and (not item.code or kind and not item.code.startswith(kind)):
                    item = coded[0]
                    asked = self._columns(p, item, it)
            label = strip_ordinal(item.name) if not item.is_total() else self._total_label(m, item)
            if m.via == "code" and item.code and len(item.code) == 7:
                label = _with_parent(label, item, tables)
            if _CODE_ASKED.search(p) and m.via != "code" and item.code:
                label = f"{label}（科目编码 {item.code}）"
            version = re.search(r"年初预算|调整预算|全年预算|预算数", normalize(p)) if is_final(doc) else None
            if version and not any(_budget_version(c) for c in asked):
                # a 决算 row asked for its budget: another table printing it, or the document does not say
                alt = next((x for x in m.items[1:] if any(_budget_version(c) for c in self._columns(p, x, it))), None)
                plain = [c for c in item.values if c.endswith("预算数") and not re.search(r"年初|全年|调整|上年", c)]
                if alt is None and plain and version.group(0) in ("年初预算", "预算数") and not any(
                        re.search(r"年初|全年|调整", c) for c in item.values):
                    # a 决算 table with one budget column per group (预算数 / 决算数): that is the budget
                    alt, asked = item, [self._asked_column("预算", item, doc) or plain[0]]
                elif alt is not None:
                    asked = self._columns(p, alt, it)
                if alt is None:
                    # a table that prints the item's budget as a column of its own (公务接待费预算数
                    # beside 公务接待费决算数 in a one-row 三公 table)
                    key = normalize(label)
                    col_of = next(((x, c) for x in tables.items for c in x.values
                                   if normalize(c).startswith(key) and _budget_version(c) and "决算" not in c
                                   and x.values[c] is not None and x.values[c].value is not None), None)
                    if col_of is not None:
                        alt, asked = col_of[0], [col_of[1]]
                if alt is None:
                    if len(item_ms) > 1:
                        continue  # a qualifier (一般公共预算财政拨款里，X年初预算多少): the other item answers
                    said = self.said_budget(p, doc, m, lang)  # type: ignore[attr-defined]
                    return said or _no(f"表中没有列出{label}的{version.group(0)}")
                item = alt
            cols = asked or [self._asked_column(p, item, doc)]
            # a column the question names is named in the answer (年初预算数 / 决算数)
            named = asked and (len(cols) > 1 or len([c for c in item.values if c not in ("合计", "总计")]) > 1)
            for col in cols:
                if col is None:
                    continue
                # a total read in a named column is that column ("其中基本支出、项目支出各多少": 基本支出)
                lbl = (re.sub(r"(小计|合计)$", "", col) if item.is_total() and col not in ("合计", "总计")
                       and not re.search(r"预算|决算|上年", col) else with_column(label, col, item.table)) if named else label
                f = figure(doc, item, col, label=lbl)
                figs.append(f)
                cits.append(cite(doc, item, col))
                if col == current_column(item, doc.year):
                    cits += self._also_in(doc, item, f.value, m.items[1:])
                lines.append(self._say(f.label, f, it, lang, doc))
            if other is not None:
                # the same subject in a table of another funding scope (支出总表 / 一般公共预算支出表)
                two_scopes = True
                col = current_column(other, doc.year)
                g = figure(doc, other, col, label=f"{strip_ordinal(other.name)}（{_scope(other.table)}）")
                figs.append(g)
                cits.append(cite(doc, other, col))
                lines.append(f"按{_scope(other.table)}口径为 {amount(g)}（{other.table.key}）。" if lang == "zh"
                             else f"On the {_scope(other.table)} basis: {amount(g)} ({other.table.key}).")
            if it.classify or (m.via == "code" and len(item_ms) == 1 and not asked):
                lines.append(self._split(item, doc, lang))
            # the parts of an ambiguous everyday word (医疗 → 卫生健康支出) or of a breakdown asked;
            # the official name alone needs no parts
            if (it.breakdown or (m.concept and m.concept.note and m.via == "concept")) and len(item_ms) == 1:
                extra = self._children(item, doc, lang, m)
                if extra:
                    lines.append(extra[0])
                    figs += extra[1]
                    parts_of += extra[1]
                    cits += extra[2]
        if not figs:
            return _no("表中没有找到这一项")
        mains = [f for f in figs if not any(f is x for x in parts_of)]
        distinct = {(f.source.table, f.source.row) if f.source else id(f) for f in mains}  # columns of one row never add up
        if it.add and not two_scopes and len(distinct) >= 2 and len(distinct) == len(mains) and not any(f.operands for f in mains):
            tot = ar.total(mains, "合计")
            figs.insert(0, tot)
            lines.append(("合计 " if lang == "zh" else "Total: ") + f"{amount(tot)}（{tot.formula}）。")
        if it.in_yuan or (it.in_wan and any(f.unit == "元" for f in figs)):
            want = "元" if it.in_yuan else "万元"
            figs = [ar.convert(f, want) for f in figs]
            if want == "万元":  # stated as said (2 decimals), so the figure is the amount the text gives
                figs = [Figure(f.value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), f.unit, f.label, f.source,
                               f.formula, f.operands) if f.unit == "万元" else f for f in figs]
            lines = [self._say(f.label, f, it, lang, doc) for f in figs]
        return Part("".join(lines) if lang == "zh" else " ".join(lines), True, figs, cits, "lookup", item_ms)

    def completion(self, p: str, doc: Document, matches: list[Match], lang: str) -> Part | None:
        """"…完成了预算的百分之几" of a 决算: the actual figure ÷ the budget × 100, both read from
        the row the question (or the part before it) names."""
        if not is_final(doc) or not COMPLETION.search(p):
            return None
        for m in matches:
            for item in m.items:
                pair = completion_columns(item, p)
                if pair is None:
                    continue
                budget_col, actual_col = pair
                label = strip_ordinal(item.name) if not item.is_total() else self._total_label(m, item)
                budget = figure(doc, item, budget_col, label=f"{label}（{budget_col}）")
                actual = figure(doc, item, actual_col, label=f"{label}（{actual_col}）")
                if not budget.value:
                    continue
                rate = ar.share(actual, budget, f"{label}完成预算的比例")
                text = (f"{label}{budget_col} {amount(budget)}，{actual_col} {amount(actual)}，"
                        f"完成预算的 {ar.fmt(rate.value, '%')}%（{rate.formula}）{where([budget, actual], lang)}。")
                if lang == "en":
                    text = (f"{label}: budget ({budget_col}) {amount(budget)}, actual ({actual_col}) "
                            f"{amount(actual)}, {ar.fmt(rate.value, '%')}% of the budget ({rate.formula})"
                            f"{where([budget, actual], lang)}.")
                return Part(text, True, [budget, actual, rate],
                            [cite(doc, item, budget_col), cite(doc, item, actual_col)], "arithmetic", matches)
        return None

    @staticmethod
    def _asked_column(p: str, item: Item, doc: Document) -> str | None:
        """This year's column; in 决算 tables the 年初预算数 column when the budget (预算) is asked."""
        cur = current_column(item, doc.year)
        if "预算" in p and "决算" not in p and cur and "决算" in cur:
            return next((c for c in item.values if "预算" in c and "决算" not in c), cur)
        return cur

    def _also_in(self, doc: Document, item: Item, value: Decimal, alternatives: list[Item]) -> list[Citation]:
        """Citations of the same figure where other tables print it too (表二 and 表八 list the
        same 功能分类 row; 表一 and 表六 the same total)."""
        tables = self.a.tables[doc.doc_id]
        if item.code:
            cands = tables.by_code.get(item.code, [])
        elif item.is_total():
            cands = alternatives
        else:
            cands = tables.by_name.get(item.key, []) + alternatives
        out: list[Citation] = []
        seen = {item.table.key}
        for o in cands:
            if o is item or o.carryover or o.table.key in seen:
                continue
            oc = current_column(o, doc.year)
            if oc and cell_value(o, oc) == value and value:
                out.append(cite(doc, o, oc))
                seen.add(o.table.key)
        return out[:2]

    def _total_label(self, m: Match, item: Item) -> str:
        if m.via == "fund":
            return m.label
        if m.concept and m.concept.id == "sangong":
            return "“三公”经费合计"
        if m.concept and m.concept.kind == "total":
            if item.side == "支出":
                return f"{'决算' if 'f_' in (item.table.role or '') else '部门预算'}支出总额（{strip_ordinal(item.name)}）"
            return "部门预算总额（收入合计）" if "f_" not in (item.table.role or "") else f"决算收入总额（{strip_ordinal(item.name)}）"
        title = re.sub(r"^.*?(委员会|局|中心)", "", item.table.title or "")
        return f"{title or item.table.key}合计"

    def _say(self, label: str, f: Figure, it: Intent, lang: str, doc: Document) -> str:
        return figure_sentence(label, f, lang, doc.year, zero_note=True)

    def _split(self, item: Item, doc: Document, lang: str) -> str:
        b, pj = item.values.get("基本支出"), item.values.get("项目支出")
        if b is None or pj is None:
            return ""
        bv, pv = b.value or Decimal(0), pj.value or Decimal(0)
        if lang == "en":
            kinds = "basic expenditure (基本支出)" if pv == 0 else "project expenditure (项目支出)" if bv == 0 else "both basic and project expenditure"
            return f"It is all {kinds}." if bv == 0 or pv == 0 else f"It is {kinds}."
        if pv == 0:
            return "全部为基本支出。"
        if bv == 0:
            return "全部为项目支出。"
        return f"其中基本支出 {ar.fmt(bv, '万元')} {item.table.unit}、项目支出 {ar.fmt(pv, '万元')} {item.table.unit}。"

    def _children(self, item: Item, doc: Document, lang: str, m: Match) -> tuple[str, list[Figure], list[Citation]] | None:
        tables = self.a.tables[doc.doc_id]
        rows = [x for x in tables.items if x.table is item.table and x.code and not x.carryover]
        if item.code:
            kids = [x for x in rows if x.code != item.code and x.code.startswith(item.code)
                    and len(x.code) == max(len(y.code) for y in rows if y.code.startswith(item.code))]
        else:
            deepest = max((len(x.code) for x in rows), default=0)
            kids = [x for x in rows if len(x.code) == deepest]
        if not kids and m.concept and m.concept.id in _SPENT_IN:
            # an income (收入) item is spent through its expenditure table: 政府性基金预算 → 表五
            spent = [x for x in tables.items if base_role(x.table.role) == _SPENT_IN[m.concept.id] and x.code and not x.carryover]
            deepest = max((len(x.code) for x in spent), default=0)
            kids = [x for x in spent if len(x.code) == deepest]
        kids = [k for k in kids if current_column(k, doc.year)]
        kids.sort(key=lambda k: -(k.values.get(current_column(k, doc.year)).value or 0))
        kids = kids[:4]
        if not kids:
            return None
        figs = [figure(doc, k, current_column(k, doc.year)) for k in kids]
        cits = [cite(doc, k, current_column(k, doc.year)) for k in kids]
        parts = "、".join(f"{strip_ordinal(k.name)} {amount(f)}" for k, f in zip(kids, figs))
        note = f"（按“{m.label}”理解为{strip_ordinal(item.name)}）" if m.concept and m.concept.note else ""
        if lang == "en":
            return f"Main items: {parts}.", figs, cits
        return f"{note}主要用于：{parts}。", figs, cits

    def _sum_concept(self, m: Match, doc: Document, it: Intent, lang: str) -> Part | None:
        tables = self.a.tables[doc.doc_id]
        figs, cits = [], []
        for name in m.concept.names:
            items = [x for x in tables.by_name.get(normalize(name), []) if base_role(x.table.role) in m.concept.roles]
            if items:
                col = current_column(items[0], doc.year)
                figs.append(figure(doc, items[0], col))
                cits.append(cite(doc, items[0], col))
        if not figs:
            return None
        tot = ar.total(figs, m.label)
        shown = "、".join(f"{f.label} {amount(f)}" for f in figs[:5])
        if lang == "en":
            text = f"{m.label}: {amount(tot)} in total ({tot.formula}): {shown}{where(figs, 'en')}."
        else:
            text = f"{m.label}合计 {amount(tot)}（{tot.formula}），其中{shown}{where(figs)}。"
        return Part(text, True, [tot] + figs, cits, "arithmetic")


_CODE_ASKED = re.compile(r"编码|代码|编号|科目号")
_FUND_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算")


def _budget_version(column: str) -> bool:
    """A column of budget figures (年初预算数, 全年预算, 预算数), not a fund's column
    (一般公共预算财政拨款), whose name holds 预算 as well."""
    return "预算" in _FUND_NAMES.sub("", column)


_GENERIC_COLUMNS = {"预算数", "决算数", "合计", "总计", "金额", "本年预算数", "本年决算数"}


# --- a 决算's completion rate: the actual figure against the budget --------------------------

COMPLETION = re.compile(
    r"完成率|执行率|预算执行|完成(?:了)?(?:年初|全年|调整)?(?:预算)?(?:数)?的?(?:百分之几|百分之多少|多少|比例|几成|%)|"
    r"执行(?:了)?(?:预算的)?(?:百分之几|多少比例|比例|多少)|完成了?百分之几")


def completion_columns(item: Item, asked: str) -> tuple[str, str] | None:
    """(budget column, actual column) of a 决算 row for a completion rate: the actual figure of
    the row's total, and the budget of the same group that the question names (年初 / 全年 /
    调整), else the full-year budget, else the one budget column the table prints."""
    cols = list(item.values)
    actual = next((c for c in cols if c in ("决算数", "本年决算数")), None) or next(
        (c for c in cols if c.endswith("决算数") and c.startswith(("合计", "总计"))), None)
    if actual is None:
        return None
    group = actual[: -len("决算数")]
    budgets = [c for c in cols if "预算" in c and "决算" not in c and "上年" not in c
               and (c.startswith(group) if group else True)]
    if not budgets:
        return None
    wanted = re.search(r"年初|全年|调整", asked)
    order = [wanted.group(0)] if wanted else ["全年", "调整", ""]
    for word in order:
        c = next((c for c in budgets if (word in c if word else not re.search(r"年初|全年|调整", c))), None)
        if c is not None:
            return c, actual
    return (budgets[0], actual) if not wanted else None
