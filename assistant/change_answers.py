"""Year-on-year answers: changes, the previous year's amount, percentage change."""

from __future__ import annotations

import logging
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from assistant import arithmetic as ar
from assistant.answer import Figure
from assistant.compose import amount, citation_of, figure_sentence, quote_short, where
from assistant.lookup import (
    Item, Match, cite, column_blank, current_column, figure, find_matches, prev_column, strip_ordinal)
from assistant.narrative import MONEY_UNITS, asked_direction, coverage, pick_figures
from assistant.parts import HandlerBase, Part, no_answer as _no
from assistant.router import Intent
from assistant.table_answers import drop_fund_qualifier
from assistant.vocabulary import normalize

if TYPE_CHECKING:
    from ingest.model import Document

log = logging.getLogger(__name__)


# words every sentence of a budget may hold: they name no item of their own
_GENERIC = re.compile(r"(?:部门|单位)?(?:收入|支出|收支)?(?:预算|决算)(?:总额|总计|合计)?")


class ChangeAnswers(HandlerBase):
    """Changes against the previous year, from a table's previous-year column or the narrative."""

    def _words(self, m: Match | None, p: str) -> list[str]:
        if m is None:
            said = re.sub(r"比.*|和.*|与.*|的?(预算|是多少|多少).*|(?:增长|增加|下降|减少|上升|降低|涨|降|变化|增减)了?.*", "", p)
            bare = re.sub(r"^(?:20\d\d\s*年度?|今年|本年|当年)的?", "", said)
            # a bare 预算 / 决算 is the document itself, a word every sentence of it may hold
            return [said if len(bare) < 2 or bare in ("预算", "决算", "预决算", "部门预算", "部门决算", "单位预算", "单位决算")
                    else bare]
        out = [m.label]
        if m.items:
            out.append(strip_ordinal(m.items[0].name))
        if m.concept:
            out += list(m.concept.names[:2]) + list(m.concept.aliases[:8])
        return [w for w in out if len(w) >= 2 and w not in ("合计", "收入合计", "支出合计")]

    def _narrative_change(self, p: str, doc: Document, m: Match | None,
                          money: bool = False) -> tuple[Any, Figure | None] | None:
        """The narrative's stated change of the item, and the current figure beside it; with
        ``money``, only a change stated as an amount (a year before is worked out from an amount,
        never from a rate)."""
        nx = self.a.narrative
        words = self._words(m, p)
        picks = pick_figures(nx, self._expand(p), doc_ids=[doc.doc_id], change=True, n=20)
        best = None
        tables = self.a.tables[doc.doc_id]
        # the item's own amount, as the narrative would print it: a sentence that states it is
        # about the item (the whole budget's change, not a fund's that is also 支出预算)
        current = self._table_current(m, doc) if m is not None else None
        stated = _amount_forms(current) if current is not None else ()
        for pk in picks:
            if money and pk.fig.unit not in MONEY_UNITS:
                continue
            seg = pk.fig.segment
            own = pk.fig.label + seg.subject

            def rel_in(ctx: str) -> float:
                nctx = normalize(ctx)
                r = max((1.0 if normalize(w) in nctx else coverage(nx, w, ctx) for w in words), default=0)
                return r if r >= 0.85 else 0

            rel = rel_in(own)
            said = [w for w in words if normalize(w) in normalize(own)]
            if rel and said and all(_GENERIC.fullmatch(normalize(w)) for w in said) and self._names_other_item(own, m, tables):
                rel = 0  # only a word any budget sentence holds (支出预算), in a sentence about another item
            if not rel and not self._names_other_item(own, m, tables):
                # the heading names the item ("(一) 收入预算：…收入比上年减少…"), unless the
                # sentence itself is about another item ("无政府性基金…，与上年持平")
                rel = 0.9 * rel_in(seg.unit.heading)
            if stated and any(x in normalize(seg.text) for x in stated):
                rel = max(rel, 1.0) + 1.0
            if rel >= 0.75 and (best is None or pk.score + 5 * rel > best[0]):
                best = (pk.score + 5 * rel, pk)
        if not best:
            return None
        pk = best[1]
        seg = pk.fig.segment
        cur = next((f for f in seg.figs if not f.change and f.unit in MONEY_UNITS and f.start < pk.fig.start), None)
        if cur is None:
            cur = next((f for s in seg.unit.segments for f in s.figs if not f.change and f.unit in MONEY_UNITS), None)
        return pk, (cur.figure(m.label if m else seg.subject) if cur else None)

    @staticmethod
    def _names_other_item(text: str, m: Match | None, tables: Any) -> bool:
        """True when ``text`` names a table item or budget concept other than the one asked about."""
        mine = {id(i) for i in (m.items if m else [])}
        for o in find_matches(text, tables):
            if m and (o.label == m.label or (o.concept is not None and o.concept is m.concept)):
                continue
            if (o.items and not any(id(i) in mine for i in o.items)) or o.concept is not None:
                return True
        return False

    def _table_current(self, m: Match | None, doc: Document) -> Figure | None:
        """This year's amount of the matched item from its table, when the item is a table item."""
        if m is None:
            return None
        if m.items:
            item = m.items[0]
            col = current_column(item, doc.year)
            return figure(doc, item, col, label=m.label) if col else None
        co = self._column_only([m], doc)
        if co:
            return figure(doc, co[0][0], co[0][1], label=co[0][2])
        return None

    def _table_pair(self, doc: Document, m: Match) -> tuple[Item, str, str] | None:
        for item in m.items:
            pc = prev_column(item, doc.year)
            if pc and not column_blank(item.table, pc):
                return item, current_column(item, doc.year) or "", pc
        return None

    def _opening_closing(self, p: str, doc: Document, m: Match | None, lang: str) -> Part | None:
        """"年初结转和结余到年末减少了多少": the 年末 row of the same table against the 年初 row."""
        if m is None or not m.items or "年末" not in p:
            return None
        start = m.items[0]
        if not re.match(r"^年初", strip_ordinal(start.name)):
            return None
        end_name = normalize(re.sub(r"^年初", "年末", strip_ordinal(start.name)))
        end = next((x for x in self.a.tables[doc.doc_id].items if x.table is start.table and x.key == end_name), None)
        col = current_column(start, doc.year)
        end_col = current_column(end, doc.year) if end is not None else None
        if col is None or end_col is None:
            return None
        a, b = figure(doc, start, col), figure(doc, end, end_col)
        dd, word = ar.change(b, a)
        text = f"{a.label} {amount(a)}，{b.label} {amount(b)}，{word} {amount(dd)}（{dd.formula}）{where([a, b], lang)}。"
        return Part(text, True, [dd, a, b], [cite(doc, start, col), cite(doc, end, end_col)], "change", [m])

    def change(self, p: str, doc: Document, it: Intent, matches: list[Match], lang: str) -> Part | None:
        # "政府性基金的项目支出较上年增减多少": the column's change, the fund only says which money
        matches = drop_fund_qualifier(p, matches, before_columns=True)
        listed = _listed(p, matches)
        if listed:
            # "人员经费、公用经费各增减多少": each item's own change
            done = [r for r in (self.change(p, doc, it, [x], lang) for x in listed) if r is not None and r.found]
            if len(done) >= 2:
                return Part("".join(r.text for r in done), True, [f for r in done for f in r.figures],
                            [c for r in done for c in r.citations], "change", matches)
        m = _inside(p, matches) or next((x for x in matches if x.items), None) or next(iter(matches), None)
        oc = self._opening_closing(p, doc, m, lang)
        if oc is not None:
            return oc
        if m and m.items and (tp := self._table_pair(doc, m)):
            item, cc, pc = tp
            cur, prev = figure(doc, item, cc), figure(doc, item, pc, label=f"{strip_ordinal(item.name)}{pc}")
            dd, word = ar.change(cur, prev)
            text = (f"{doc.year}年{strip_ordinal(item.name)} {amount(cur)}，{pc} {amount(prev)}，"
                    f"{word} {amount(dd)}（{dd.formula}）{where([cur, prev], lang)}。")
            return Part(text, True, [dd, cur, prev], [cite(doc, item, cc), cite(doc, item, pc)], "change", matches)
        own = self._change_of(m, p, doc) if m is not None else None  # type: ignore[attr-defined]
        value = self._stated_value(m, doc) if own is not None else None  # type: ignore[attr-defined]
        if own is not None and value is not None and any(v in own.quote for v in (f"{value:,.2f}", f"{value:.2f}")):
            # the item's own clause, beside the figure the table prints for it: the change of
            # this row on this funding basis, before any other sentence naming the item
            return self._own_clause_change(doc, m, matches, lang, p)
        r = self._narrative_change(p, doc, m)
        if not r:
            return self._own_clause_change(doc, m, matches, lang, p)
        pk, cur = r
        cur = self._table_current(m, doc) or cur
        f = pk.fig
        seg = f.segment
        fig = f.figure("比上年" + (f.change or ""))
        if f.change == "持平" or f.value == 0:
            word = "与上年持平（没有变化）"
            figs = [cur] if cur else []
        else:
            word = f"比上年{f.change} {amount(fig)}"
            premise = asked_direction(p)
            if premise and f.change in ("增加", "减少") and premise != f.change:
                word += f"（不是{premise}）"  # the direction the question took for granted, corrected
            figs = [fig] + ([cur] if cur else [])
        # (a figure whose label is no name, "与 2023 年度相比…增加 307.82": the change itself, not said twice)
        head = f"{_bare(cur.label)} {amount(cur)}，" if cur and len(re.sub(r"[^\u4e00-\u9fff]", "", _bare(cur.label))) >= 2 \
            and cur.value != fig.value else ""
        rate = _stated_rate(seg.text, fig, seg.unit.source())
        if rate is not None and f.change not in ("持平",) and f.value != 0:
            word += f"，{rate.label} {rate.value}%"
            figs.append(rate)
        text = f"{doc.year}年{head}{word}。原文：{quote_short(seg.text, 100)}{where(fig, lang)}"
        return Part(text, True, figs, [seg.unit.citation(seg.text)], "change", matches)

    def _own_clause_change(self, doc: Document, m: Match | None, matches: list[Match], lang: str,
                           p: str = "") -> Part | None:
        """The change the narrative states in the item's own clause ("项目支出预算数为5533万元。
        与上年相比减少20万元" is not one clause; "会议费80万元，比上年减少5万元" is)."""
        own = self._change_of(m, p, doc)  # type: ignore[attr-defined]
        if own is None:
            return None
        cur = self._table_current(m, doc) if m is not None else None
        if cur is None and own.name in ("收入", "支出"):  # the department's total of that side
            total = next((x for x in find_matches(own.name, self.a.tables[doc.doc_id]) if x.items), None)
            cur = self._table_current(total, doc) if total is not None else None
        word = f"比上年{own.direction} {amount(own.figure)}" if own.figure else "与上年持平（没有变化）"
        premise = asked_direction(p)
        if premise and premise != own.direction:
            word += f"（不是{premise}）"  # the direction the question took for granted, corrected
        head = f"{_bare(cur.label)} {amount(cur)}，" if cur else ""
        figs = ([own.figure] if own.figure else []) + ([cur] if cur else [])
        rate = _stated_rate(own.unit.text, own.figure, own.unit.source()) if own.figure else None
        if rate is not None:
            word += f"，{rate.label} {rate.value}%"
            figs.append(rate)
        src = figs[0] if figs else Figure(Decimal(0), "", "", own.unit.source())
        text = f"{doc.year}年{head}{word}。原文：{quote_short(own.quote, 100)}{where(src, lang)}"
        return Part(text, True, figs, [own.unit.citation(own.quote)], "change", matches)

    def previous(self, p: str, doc: Document, it: Intent, matches: list[Match], lang: str) -> Part:
        m = next((x for x in matches if x.items), None)
        py = (doc.year - 1) if doc.year else None
        if m and (tp := self._table_pair(doc, m)):
            item, cc, pc = tp
            f = figure(doc, item, pc, label=f"{strip_ordinal(item.name)}（{pc}）")
            return Part(figure_sentence(f.label, f, lang), True, [f], [cite(doc, item, pc)], "lookup", matches)
        if m is None:
            m = next((x for x in matches if x.concept), None)
        if m is not None and m.via == "code":
            return _no(f"表中没有列出该科目{py}年的预算数")
        # (with no item named, any change the narrative states would do: only the said subject's own)
        r = self._narrative_change(p, doc, m, money=True) if m is not None else None
        if r and r[1] is not None and (self._table_current(m, doc) is not None or any(
                normalize(w) in normalize(r[0].fig.segment.text) for w in self._words(m, p))):
            # (with no table figure, the sentence must name the item: a change said under the
            # item's heading of some other figure is not the item's)
            pk, cur = r
            tv = self._table_current(m, doc)
            cur = tv or cur
            ch = pk.fig.figure(f"比{py}年{pk.fig.change}")
            name = _said_name(m, doc)
            prev = ar.previous_from_change(cur, ch, pk.fig.change or "", f"{py}年{name}")
            text = (f"按说明推算，{py}年{name}为 {amount(prev)}（{prev.formula}：{doc.year}年 {amount(cur)}，"
                    f"比{py}年{pk.fig.change} {amount(ch)}）{where(prev, lang)}。")
            return Part(text, True, [prev], [pk.fig.segment.unit.citation(pk.fig.segment.text)]
                        + ([citation_of(cur)] if cur.source and cur.source.table else []), "arithmetic", matches)
        # the item's own change clause (a total's "支出比 2023 年减少 12.01 万元") with the current figure
        own = self._change_of(m, p, doc)  # type: ignore[attr-defined]
        if m is None and own is not None:  # the budget as a whole: the department's total
            m = next((x for x in find_matches("部门预算总额支出", self.a.tables[doc.doc_id]) if x.items), None)
        cur = self._table_current(m, doc) if m is not None else None
        if own is not None and own.figure is not None and cur is not None and own.direction in ("增加", "减少"):
            name = _said_name(m, doc)
            prev = ar.previous_from_change(cur, own.figure, own.direction, f"{py}年{name}")
            text = (f"按说明推算，{py}年{name}为 {amount(prev)}（{prev.formula}：{doc.year}年 "
                    f"{amount(cur)}，比{py}年{own.direction} {amount(own.figure)}）{where(prev, lang)}。")
            return Part(text, True, [prev], [own.unit.citation(own.quote)]
                        + ([citation_of(cur)] if cur.source and cur.source.table else []), "arithmetic", matches)
        return _no(f"文件没有列出{py}年的这一项，也没有给出可推算的增减数")

    def pct_change(self, p: str, doc: Document, it: Intent, matches: list[Match], lang: str) -> Part | None:
        m = next((x for x in matches if x.items), None) or next(iter(matches), None)
        if m and m.items and (tp := self._table_pair(doc, m)):
            item, cc, pc = tp
            cur, prev = figure(doc, item, cc), figure(doc, item, pc, label=pc)
            cits = [cite(doc, item, cc), cite(doc, item, pc)]
        else:
            r = self._narrative_change(p, doc, m, money=True)
            own = None if r else self._change_of(m, p, doc)  # type: ignore[attr-defined]
            cur = (self._table_current(m, doc) if m is not None else None) or (r[1] if r else None)
            if cur is None:
                return None
            if r:
                ch, turn, cits = r[0].fig.figure("增减额"), r[0].fig.change or "", [
                    r[0].fig.segment.unit.citation(r[0].fig.segment.text)]
            elif own is not None and own.figure is not None and own.direction in ("增加", "减少"):
                # the item's own clause states the change ("收入比上年增加N万元"), the
                # table this year's amount: last year's is their difference
                ch, turn, cits = own.figure, own.direction, [own.unit.citation(own.quote)]
            else:
                return None
            prev = ar.previous_from_change(cur, ch, turn, "上年数")
        pc_fig = ar.pct_change(cur, prev, "增减率")
        word = "增长" if pc_fig.value > 0 else "下降" if pc_fig.value < 0 else "持平"
        shown = Figure(abs(pc_fig.value), "%", "增减率", None, pc_fig.formula, pc_fig.operands)
        text = f"{word} {ar.fmt(abs(pc_fig.value), '%')}%（{pc_fig.formula}）{where(shown, lang)}。"
        figs = [shown]
        # the rate the narrative prints for the item's own change, when it says another
        own = self._change_of(m, p, doc)  # type: ignore[attr-defined]
        said = None
        if own is not None:  # the sentence of the item's own change, and the words right after it
            k = own.unit.text.find(own.quote)
            around = own.unit.text[k:k + len(own.quote) + 24] if k >= 0 else own.quote
            said = re.search(r"(?:增长|下降|增加|减少|上升|降低)\s*([\d.]+)\s*%", around[around.find(own.name):])
        if said and abs(Decimal(said.group(1)) - abs(pc_fig.value)) >= Decimal("0.01"):
            printed = Figure(Decimal(said.group(1)), "%", "说明所列增减率", own.unit.source())  # type: ignore[union-attr]
            figs.append(printed)
            text += (f"说明里写的是 {said.group(1)}%，与表中数字算出的不同。" if lang == "zh" else
                     f" The narrative prints {said.group(1)}%, which the tables' figures do not give.")
            cits = cits + [own.unit.citation(own.quote)]  # type: ignore[union-attr]
        return Part(text, True, figs, cits, "arithmetic", matches)


def _inside(p: str, matches: list[Match]) -> Match | None:
    """The item a question names inside another ("X里的Y": Y): the one after 里/中,
    or None."""
    for x in matches:
        if (x.items or x.concept) and x.start >= 2 and re.search(r"(?:里面|里|当中|之中|中)的?$", p[:x.start]) and any(
                o is not x and o.end <= x.start and (o.items or o.concept) for o in matches):
            return x
    return None


def _listed(p: str, matches: list[Match]) -> list[Match]:
    """Two or more items the question lists side by side (X和Y, X、Y, X与Y), in its order; [] else."""
    ms = sorted({m.label: m for m in matches if m.items or m.concept}.values(), key=lambda m: m.start)
    if len(ms) < 2:
        return []
    n = p
    for a, b in zip(ms, ms[1:]):
        if a.end > b.start or not re.fullmatch(r"(?:和|、|与|及|以及|跟|，|,)", n[a.end:b.start]):
            return []
    return ms


def _amount_forms(f: Figure) -> tuple[str, ...]:
    """How a narrative may print ``f``'s amount: in 万元 and in 元, with or without thousands commas."""
    if f.unit not in MONEY_UNITS or not f.value:
        return ()
    yuan = ar.convert(f, "元").value
    wan = (yuan / 10000).quantize(Decimal("0.01"))
    out = {f"{wan:.2f}万", f"{wan:,.2f}万"}
    if yuan == yuan.to_integral_value():
        out |= {f"{yuan:.0f}元", f"{yuan:,.0f}元"}
    out |= {f"{yuan:.2f}元", f"{yuan:,.2f}元"}
    return tuple(normalize(x) for x in out if len(x) >= 6)


def _bare(label: str) -> str:
    """A label read off a change clause without the comparison it stood in ("支出比" → "支出")."""
    return re.sub(r"(?:比|较|与|和)$", "", label) or label


def _said_name(m: Match | None, doc: Document) -> str:
    """The item's name in an answer: the words that matched it, or, for the department's total
    (matched by the question's own words, "一共多少钱"), what it is."""
    if m is None:
        return ""
    if m.concept is not None and m.concept.id == "dept_total":
        return "决算总额" if "决算" in (doc.kind or "") else "预算总额"
    return m.label


def _stated_rate(text: str, change: Figure, source: Any) -> Figure | None:
    """The rate a sentence states right after a change's amount ("减少189,749.55万元，下降5.4%"),
    as printed; None when it states none there."""
    plain = re.sub(r"\s+", "", text)
    for shown in (f"{change.value:,.2f}", f"{change.value:.2f}", f"{change.value:,}", f"{change.value}"):
        k = plain.find(shown)
        if k >= 0:
            m = re.match(r"[^，,。；;\d]{0,4}[，,]?\s*(?:同比)?(增长|下降|上升|降低|增加|减少)了?(\d+(?:\.\d+)?)[%％]",
                         plain[k + len(shown):])
            if m:
                return Figure(Decimal(m.group(2)), "%", m.group(1), source)
            return None
    return None
