"""Answers that relate two figures: differences (two rows, two columns, two units), shares on one
basis, and arithmetic on numbers the question gives."""

from __future__ import annotations

import logging
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from assistant import arithmetic as ar
from assistant.answer import Citation, Figure
from assistant.compose import amount, short_title, where
from assistant.lookup import Item, Match, base_role, cell_value, cite, current_column, figure, find_matches, strip_ordinal
from assistant.narrative import MONEY_UNITS, pick_figures
from assistant.parts import HandlerBase, Part
from assistant.router import Intent, classify
from assistant.table_answers import _SPENT_IN, with_column
from assistant.vocabulary import normalize
from ingest.model import Cell

if TYPE_CHECKING:
    from ingest.model import Document

log = logging.getLogger(__name__)

# versions of one amount (预算数 / 决算数 / a year's column), as against its parts (基本支出 / 项目支出)
_VERSION = re.compile(r"预算|决算|执行|20\d\d|上年|本年")


class ComparisonAnswers(HandlerBase):
    """Differences, shares and user arithmetic, each operand cited."""

    def _total_with_columns(self, p: str, doc: Document, name: str, it: Intent, concept: Any = None) -> Item | None:
        """The total row of the table titled by ``name`` that prints the columns asked: "一般公共预算
        财政拨款支出，调整预算数和决算数相差多少" reads the 合计 of 一般公共预算财政拨款支出决算表."""
        tables = self.a.tables[doc.doc_id]
        spent = _SPENT_IN.get(concept.id) if concept is not None else None  # 一般公共预算 → its expenditure table
        for t in doc.tables:
            tot = tables.total_item(t)
            named = normalize(name) in normalize(t.title or "") or (spent and base_role(t.role) == spent)
            if tot is not None and named and len(self._columns(p, tot, it)) >= 2:
                return tot
        return None

    def compare(self, p: str, doc: Document, it: Intent, matches: list[Match], lang: str) -> Part | None:
        """"X里基本支出比项目支出少多少" (two columns of one row) / "A比B多多少" (two rows): the
        difference, with its direction word."""
        item_ms = [m for m in matches if m.items and not (m.concept and m.concept.kind == "column")]
        pair: list[tuple[Figure, Citation]] = []
        # two columns of the first item's row, in any table printing that row (表二 / 表八 / 收入总表)
        two_cols = next((x for x in item_ms[0].items if len(self._columns(p, x, it)) >= 2), None) if item_ms else None
        if two_cols is None and len(item_ms) == 1:
            two_cols = self._total_with_columns(p, doc, item_ms[0].label, it, item_ms[0].concept)
        if two_cols is not None:
            item = two_cols
            cols = self._columns(p, item, it)[:2]  # in the order the question names them
            base = item_ms[0].label if item.is_total() else strip_ordinal(item.name)
            for c in cols:
                pair.append((figure(doc, item, c, label=with_column(base, c, item.table)), cite(doc, item, c)))
        elif len(item_ms) == 1:
            return None
        elif len(item_ms) >= 2:
            for m in item_ms[:2]:
                x = m.items[0]
                # a column both rows print and the question names (两个单位的公务用车运行费)
                asked = [c for c in self._columns(p, x, it) if all(c in o.items[0].values for o in item_ms[:2])]
                col = asked[0] if asked else current_column(x, doc.year)
                if col is None:
                    return None
                label = strip_ordinal(x.name)
                pair.append((figure(doc, x, col, label=with_column(label, col, x.table) if asked else label),
                             cite(doc, x, col)))
        else:
            # "人员经费比公用经费多多少": two columns of a table's total row
            cols = self._column_only(matches, doc)
            if len(cols) < 2 or cols[0][0].table is not cols[1][0].table:
                return None
            for x, col, label in cols[:2]:
                pair.append((figure(doc, x, col, label=label), cite(doc, x, col)))
        (fa, ca), (fb, cb) = pair
        if it.times and fb.value != 0:
            r = ar.ratio(fa, fb, f"{fa.label}是{fb.label}的倍数")
            text = (f"{fa.label} {amount(fa)}，{fb.label} {amount(fb)}，前者是后者的 {r.value} 倍（{r.formula}）"
                    f"{where([fa, fb], lang)}。" if lang != "en" else
                    f"{fa.label} {amount(fa)} is {r.value} times {fb.label} {amount(fb)} ({r.formula}){where([fa, fb], lang)}.")
            return Part(text, True, [r, fa, fb], [ca, cb], "arithmetic", matches)
        d = ar.difference(fa, fb, "差额")
        word = "多" if d.value > 0 else "少" if d.value < 0 else "相等"
        dd = Figure(abs(d.value), d.unit, "差额", None, d.formula, d.operands)
        if lang == "en":
            rel = "more than" if d.value > 0 else "less than" if d.value < 0 else "the same as"
            text = (f"{fa.label} {amount(fa)} is {amount(dd)} {rel} {fb.label} {amount(fb)} "
                    f"({d.formula}){where([fa, fb], lang)}.")
        elif d.value == 0:
            text = f"{fa.label} {amount(fa)}，与{fb.label}相等{where([fa, fb], lang)}。"
        else:
            text = (f"{fa.label} {amount(fa)}，{fb.label} {amount(fb)}，{fa.label}比{fb.label}{word}了 {amount(dd)}"
                    f"（{d.formula}）{where([fa, fb], lang)}。")
            rest = self._rest_of_row(two_cols, [ca.column, cb.column], abs(d.value)) if two_cols is not None else None
            if rest:
                text += f"差额即{'、'.join(rest)}列的数。"
        return Part(text, True, [dd, fa, fb], [ca, cb], "arithmetic", matches)

    @staticmethod
    def _rest_of_row(item: Item, used: list[str | None], diff: Decimal) -> list[str]:
        """The other columns of a row that make up a difference between its total and one part
        (合计 − 一般公共预算拨款收入 = 其他收入): named so the difference says what money it is."""
        if not any(re.match(r"^(合计|总计)", c or "") for c in used):
            return []
        rest = [c for c in item.values if c not in used and not re.match(r"^(合计|总计)", c)
                and cell_value(item, c) != 0]
        return rest if rest and sum(cell_value(item, c) for c in rest) == diff else []

    # -- shares and user arithmetic -------------------------------------------------------------
    def _amount_of(self, text: str, doc: Document, fallback_total: bool) -> tuple[Figure, Citation | None] | None:
        tables = self.a.tables[doc.doc_id]
        ms = find_matches(text, tables)
        items = [m for m in ms if m.items]
        if items and "支出" in text and items[0].concept and items[0].concept.id in _SPENT_IN:
            # "一般公共预算支出": the total of the fund's expenditure table, not its income row
            spent = tables.tables(_SPENT_IN[items[0].concept.id])
            tot = tables.total_item(spent[0]) if spent else None
            if tot is not None:
                col = current_column(tot, doc.year)
                label = re.sub(r"(预算)?表$", "", short_title(tot.table.title)) or items[0].label
                # "一般公共预算基本支出": the fund's total read in the column named with it
                named = [m.concept for m in ms if m.concept and m.concept.kind == "column"]
                in_col = next((c for c in tot.values for n in named
                               if re.sub(r"(小计|合计)$", "", c) in n.names), None) if named else None
                if in_col is not None:
                    col, label = in_col, items[0].label + named[0].names[0]
                return figure(doc, tot, col, label=label), cite(doc, tot, col)
        if items and not (len(items) > 1 and items[0].items[0].is_total()):
            item = items[0].items[0]
            cols = self._columns(text, item, classify(text))
            col = cols[0] if cols else current_column(item, doc.year)
            label = strip_ordinal(item.name) if not item.is_total() else self._total_label(items[0], item)
            f = figure(doc, item, col, label=with_column(label, col, item.table) if cols else label)
            return f, cite(doc, item, col)
        if len(items) > 1:
            item = items[1].items[0]
            col = current_column(item, doc.year)
            return figure(doc, item, col), cite(doc, item, col)
        co = self._column_only(ms, doc)
        if co:
            item, col, label = co[0]
            return figure(doc, item, col, label=label), cite(doc, item, col)
        # a whole the question names (政府采购预算) that only the narrative states comes before the
        # department's total, which stands for a whole named only as 总额 / 全部支出
        named = re.sub(r"20\d\d年?|预算|决算|支出|收入|总额|总计|合计|总|全部|整个|部门|单位|的|了|里|中", "",
                       normalize(text))
        if fallback_total and len(named) >= 2:
            picks = pick_figures(self.a.narrative, text, doc_ids=[doc.doc_id], units=MONEY_UNITS)
            if picks and picks[0].score > 6:
                return self._nfig(picks[0])
        if fallback_total:
            for m in find_matches("部门预算总额", tables):
                if m.items:
                    item = m.items[0]
                    col = current_column(item, doc.year)
                    return figure(doc, item, col, label="支出总额"), cite(doc, item, col)
        picks = pick_figures(self.a.narrative, text, doc_ids=[doc.doc_id], units=MONEY_UNITS)
        if picks and picks[0].score > 6:
            return self._nfig(picks[0])
        return None

    def _same_basis(self, doc: Document, part: tuple[Figure, Citation | None],
                    whole: tuple[Figure, Citation | None]) -> tuple[Figure, Citation | None]:
        """The part read from a table whose grand total is the whole, when the part was found in
        another table: 项目支出 of 支出总表 (all funds) against the department's total expenditure,
        not 项目支出 of the 一般公共预算 table. Unchanged when no such table prints the part."""
        fa, ca = part
        fb, cb = whole
        if ca is None or cb is None or not ca.table or ca.table == cb.table or not ca.column:
            return part
        tables = self.a.tables[doc.doc_id]

        def totals_to_whole(t: Any) -> Item | None:
            tot = tables.total_item(t)
            return tot if tot is not None and any(cell_value(tot, c) == fb.value for c in t.columns) else None

        own = next((t for t in doc.tables if t.key == ca.table), None)
        if own is not None and totals_to_whole(own) is not None:
            return part  # the part's own table adds up to the whole: the same basis already
        for t in doc.tables:
            if t.key == ca.table or (t.unit or doc.unit) != fb.unit:
                continue
            tot = totals_to_whole(t)
            if tot is None:
                continue
            part_total = normalize(ca.row or "") in {normalize(tot.name), "合计", "总计"} or ca.row is None
            # the column of the part's name; for a row of its own (not a column of the total), else
            # the column in which the table's total is the whole
            col = ca.column if ca.column in t.columns else None if part_total else next(
                (c for c in t.columns if cell_value(tot, c) == fb.value), None)
            if col is None:
                continue
            item = tot if part_total else next(
                (x for x in tables.items if x.table is t and not x.carryover
                 and ((ca.code and x.code == ca.code) or (not ca.code and x.key == normalize(ca.row or "")))), None)
            if item is not None and (item.values.get(col) or Cell("", None)).value is not None:
                return figure(doc, item, col, label=fa.label), cite(doc, item, col)
        return part

    def _item_of(self, doc: Document, c: Citation | None) -> Item | None:
        """The table item a citation points at."""
        if c is None or not c.table:
            return None
        return next((x for x in self.a.tables[doc.doc_id].items if x.table.key == c.table
                     and strip_ordinal(x.name) == c.row and (c.code is None or x.code == c.code)), None)

    def _column_of(self, text: str, doc: Document, a: tuple[Figure, Citation | None], it: Intent
                   ) -> tuple[Figure, Citation] | None:
        """Another column of ``a``'s row, when ``text`` names a column of it and no item of its own."""
        item = self._item_of(doc, a[1])
        if item is None or any(m.items for m in find_matches(text, self.a.tables[doc.doc_id])):
            return None
        # only another version of the same amount (预算数 / 决算数 / a year), not a part of it (项目支出)
        cols = [c for c in self._columns(text, item, it) if c != a[1].column and _VERSION.search(c)]
        if not cols or not _VERSION.search(a[1].column or ""):
            return None
        base = a[0].label
        asked = re.sub(r"(合计|小计)$", "", a[1].column or "")
        if asked and base.endswith(asked):
            base = base[: -len(asked)]
        return figure(doc, item, cols[0], label=with_column(base, cols[0], item.table)), cite(doc, item, cols[0])

    def share(self, p: str, doc: Document, it: Intent, lang: str) -> Part | None:
        a = b = None
        of = re.search(r"^(.+?)是(.+?)的(百分之|百分比|比例)", p) if "占" not in p else None
        if "占" in p or of:
            left, right = p.split("占", 1) if of is None else (of.group(1), of.group(2))
            clauses = re.split(r"[，,；;]", left)  # "全部资金算在内，项目支出…占": the clause of 占
            scope = re.match(r"^(.+?)(?:里面|里头|当中|之中|里|中)$", clauses[-2].strip()) if len(clauses) > 1 else None
            left = clauses[-1] if len(normalize(clauses[-1])) >= 2 else left
            right = re.split(r"[，,；;（(]", right)[0]  # "…占多少，保留两位小数"
            right = re.sub(r"^了", "", right)  # "占了百分之几"
            right = re.sub(r"^比(?=多少|几|是|为|有|$)", "", right)  # "占比多少": 占比 is the share, not 占 + 比
            right = re.sub(r"的?(比例|比重|百分比|百分之|份额|占比).*$", "", right)
            right = re.sub(r"的?(?:多少|几成)$", "", right)  # "占支出总计的多少"
            if not normalize(re.sub(r"多大|多少|几|是|为|有", "", right)) and not scope:
                # "基本支出里公用经费占比": the whole is named before 里 in the same clause
                within = re.match(r"^(.+?)(?:里面|里头|当中|之中|里)(.+)$", left)
                if within:
                    right, left = within.group(1), within.group(2)
            if scope and not normalize(re.sub(r"多大|多少|几", "", right)):
                right = scope.group(1)  # "一般公共预算支出里，项目支出占多少": the whole is named first
            inside = re.search(r"^(.*?)在(.+?)(?:中|里|里面|当中|之中)$", left)
            if inside and not normalize(re.sub(r"多大|多少|几", "", right)):
                left, right = inside.group(1), inside.group(2)  # "X在Y里占多大比重"
            a = self._amount_of(left, doc, False) if normalize(left) else None
            b = self._column_of(right, doc, a, it) if a else None  # "决算数占预算数": two columns of one row
            b = b or (self._amount_of(right, doc, True) if a else None)
        if not a or not b:
            # "What share of total spending is basic expenditure?" / "基本支出在总支出中的比重": two
            # amounts named in any order; the part is the smaller one
            named = [m for m in find_matches(p, self.a.tables[doc.doc_id])
                     if m.items or (m.concept and m.concept.kind == "column")]
            amounts = [x for x in (self._amount_of(m.label, doc, False) for m in named) if x]
            uniq = []
            for x in amounts:  # one amount named twice (总支出 / 全部支出) is one amount
                if all(x[0].label != y[0].label and x[0].value != y[0].value for y in uniq):
                    uniq.append(x)
            if len(uniq) != 2:
                return None
            a, b = sorted(uniq, key=lambda x: x[0].value)
        (fa, ca), (fb, cb) = self._same_basis(doc, a, b), b
        if not fb.value:  # a whole of 0 has no shares: said, never divided
            text = (f"{fb.label} is 0 ({amount(fb)}), so no share of it can be computed{where(fb, lang)}." if lang == "en"
                    else f"{fb.label}为 {amount(fb)}，无法计算占比{where(fb, lang)}")
            return Part(text, False, [fb], [c for c in (cb,) if c], "refusal")
        s = ar.share(fa, fb, f"{fa.label}占{fb.label}的比例")
        if lang == "en":
            text = (f"{fa.label} ({amount(fa)}) is {ar.fmt(s.value, '%')}% of {fb.label} ({amount(fb)}); "
                    f"{s.formula}{where(s, lang)}.")
        else:
            text = (f"{fa.label} {amount(fa)} 占{fb.label} {amount(fb)} 的 {ar.fmt(s.value, '%')}%（{s.formula}）"
                    f"{where(s, lang)}。")
        return Part(text, True, [s, fa, fb], [c for c in (ca, cb) if c], "arithmetic")

    def user_arithmetic(self, p: str, doc: Document, lang: str) -> Part | None:
        nums = re.findall(r"(\d+(?:\.\d+)?)\s*(元/[\u4e00-\u9fff]|吨|万元|元|个|名|辆|人)", p)
        if len(nums) < 2:
            return None
        figs = []
        for v, u in nums[:2]:
            src = self._perf_source(doc, Decimal(v), u)
            figs.append(Figure(Decimal(v), u, u, src))
        want = "万元" if "万元" in p else "元"
        res = ar.product(figs[0], figs[1], want, "计算结果")
        cits = [Citation(document=f.source.document, table=f.source.table, row=f.source.row, page=f.source.page)
                for f in figs if f.source]
        text = f"按 {amount(figs[0])} × {amount(figs[1])} 计算，为 {ar.fmt(res.value, want)} {want}（{res.formula}）{where(figs, lang)}。"
        return Part(text, True, [res] + figs, cits, "arithmetic")

