"""Answers across documents: each document answers the plan's item on its own, then the figures
are listed, compared, ranked, added or followed across years here.

Every figure keeps the document, table, row and page it came from; a derived figure (a
difference, a growth rate, a sum) carries its operands. Amounts of different units (元 tables
against 万元 tables) are converted before any arithmetic, into the smallest unit among them, so
that no precision is lost; a 决算's actual figures and a 预算's budget figures are labelled with
their document's kind and never silently mixed (a comparison across kinds says so).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from assistant.answer import Answer, Citation, Figure, Source
from assistant.arithmetic import fmt
from assistant.compose import amount, refusal, where
from assistant.within import CN_DIGIT, read_threshold
from assistant.understand.plan import MAX_ACROSS, MAX_LISTED, SUM_WORDS, TIMES, WHICH_BODIES, Across, Plan
from assistant.lookup import doc_name
from ingest.model import Document

__all__ = ["DocAnswer", "answer_across", "doc_label"]

_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:亿元|万元|千元|元)")  # an amount as an answer's text states it
_COUNT_DOCS = re.compile(r"(?<![这那哪])(?:几|多少)(家|个部门|个单位|份)")  # a count of the documents themselves
_HIGHEST = re.compile(r"最(?:高|多|大)")
_LOWEST = re.compile(r"最(?:低|少|小)")
_OP_WORD = {Across.COMPARE: "比较", Across.CHANGE: "计算变化", Across.RANK: "排序", Across.SUM: "合计"}
_OP_WORD_EN = {Across.COMPARE: "comparison", Across.CHANGE: "change", Across.RANK: "ranking", Across.SUM: "total"}
_MONEY = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}


def doc_label(doc: Document) -> str:
    """``上海市普陀区商务委员会 2025年部门预算`` — how answers name a document."""
    who = doc.issuer or doc_name(doc)
    when = f"{doc.year}年" if doc.year else ""
    return f"{who} {when}{doc.kind or ''}".strip()


@dataclass(frozen=True)
class DocAnswer:
    doc: Document
    answer: Answer

    @property
    def figure(self) -> Figure | None:
        """The answer's primary figure: what it computed (a share, a difference), else the first
        money amount it states, else its first figure."""
        figs = self.answer.figures if self.answer.found else []
        derived = [f for f in figs if f.formula]
        money = [f for f in figs if f.unit in _MONEY]
        return (derived or money or figs or [None])[0]


def _most_specific(docs: list[Document], item: str, coverage: Callable[[str, Document], int]) -> list[Document]:
    """The documents whose own rows name the most of ``item`` (all of them when none names any)."""
    scores = [coverage(item, d) for d in docs]
    best = max(scores, default=0)
    return [d for d, s in zip(docs, scores) if s == best] if best > 0 else docs


def _years_for(plan: Plan, doc: Document) -> tuple[int, ...]:
    """The years the question asks of ``doc``: a year said right after one issuer's name
    ("A局（2023年）和B委") is that issuer's, not every document's."""
    if not plan.scope.years:
        return ()
    out: list[int] = []
    for y in re.finditer(r"(?<!\d)(20\d\d)(?!\d)", plan.text):
        # (a year in brackets right after a name: "A局（2023年）和B委"; a year after the last of
        # several names joined by 和 is said of all of them)
        # (or right after one of several names that stands alone: "A局2023年的X比B委多多少")
        owners = [m for m in plan.scope.mentions if m.start >= 0
                  and 0 <= y.start() - (m.start + len(m.text)) <= 1
                  and (plan.text[m.start + len(m.text):y.start()] in ("（", "(")
                       or (y.start() == m.start + len(m.text)
                           and len({i for o in plan.scope.mentions for i in o.doc_ids[:1]}) >= 2
                           and not re.search(r"[和与及、]$", plan.text[:m.start])
                           and not re.match(r"年度?[和与及、]", plan.text[y.end():])))]
        if owners and not any(doc.doc_id in m.doc_ids for m in owners):
            continue
        out.append(int(y.group(1)))
    said = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", plan.text)]
    relative = [y for y in plan.scope.years if y not in said]
    # "都比上一年少了": the year before is each document's base of comparison, not a year asked
    base = re.sub(r"[比较](?:上一年|上年|去年|前一年)|(?:与|和|跟)(?:上一年|上年|去年)相?比", "", plan.text)
    words = r"今年|本年|当年|去年|上年|上一年|前年|明年|下一年"
    # several issuers named, or none (each loaded document is asked against its own year before)
    several = len({i for m in plan.scope.mentions for i in m.doc_ids[:1]}) >= 2 or not plan.scope.mentions
    if relative and several and re.search(words, plan.text) and not re.search(words, base):
        relative = []  # (one issuer's "比上一年" chooses its document of the year before: kept)
    return tuple(dict.fromkeys(out + relative))


def _off_year(doc: Document, years: tuple[int, ...], lang: str) -> Answer | None:
    """A refusal for a document of another year than the ones asked (its figures are not the
    asked year's), or None."""
    if not years or doc.year is None or doc.year in years:
        return None
    asked = "、".join(str(y) for y in years)
    text = (f"载入的{doc_label(doc)}不是{asked}年的" if lang == "zh" else
            f"{doc_label(doc)} is not of {asked}")
    return Answer("", text, False, route="refusal", language=lang)


def one_per_issuer(docs: list[Document]) -> list[Document]:
    """For figures compared or added across issuers: each issuer's latest document in scope, its
    部门 document before a 单位 one of the same year (the department's covers its units)."""
    best: dict[str, Document] = {}
    for d in docs:
        key = d.issuer or d.doc_id
        cur = best.get(key)
        rank = ((d.year or 0), not (d.kind or "").startswith("单位"))
        if cur is None or rank > ((cur.year or 0), not (cur.kind or "").startswith("单位")):
            best[key] = d
    return [d for d in docs if best.get(d.issuer or d.doc_id) is d]


def _in_unit(f: Figure, unit: str) -> Decimal:
    return f.value * _MONEY[f.unit] / _MONEY[unit]


def _common_unit(figs: list[Figure]) -> str | None:
    units = {f.unit for f in figs}
    if units <= set(_MONEY):
        return min(units, key=lambda u: _MONEY[u])
    return next(iter(units)) if len(units) == 1 else None


def _labelled(f: Figure, label: str) -> Figure:
    src = f.source
    return Figure(f.value, f.unit, f"{label} {f.label}".strip(), src, f.formula, f.operands)


def _line(da: DocAnswer, lang: str, full: bool = False) -> str:
    """One document's row of a listing: its whole answer when ``full``, else its primary figure."""
    f = da.figure
    label = doc_label(da.doc)
    if full and da.answer.found:
        return f"- {label}：{da.answer.text}" if lang == "zh" else f"- {label}: {da.answer.text}"
    if f is None:
        text = da.answer.text if da.answer.found else "文件没有给出这一项"
        return f"- {label}：{text}" if lang == "zh" else f"- {label}: {text}"
    sep = "：" if lang == "zh" else ": "
    return f"- {label}{sep}{f.label} {amount(f)}{where(f, lang)}"


def _derived(value: Decimal, unit: str, label: str, formula: str, operands: tuple[Figure, ...]) -> Figure:
    return Figure(value, unit, label, None, formula, operands)


def _pct(new: Decimal, old: Decimal) -> Decimal:
    return ((new - old) / old * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def answer_across(plan: Plan, docs: list[Document], ask_one: Callable[[str, Document], Answer],
                  lang: str, coverage: Callable[[str, Document], int] | None = None) -> Answer:
    """The answer to ``plan`` over ``docs`` (the documents in scope, in scope order).

    ``coverage`` measures how much of the item a document's own rows name (the longest printed
    name or code the question contains): for a question that names no department, documents
    that print the item are kept and documents that only print a part of it (a question about
    the 基本支出 of a row only one department prints finds 基本支出 everywhere, the row in one
    document) drop out. One document left answers on its own."""
    # more than MAX_ACROSS documents are not read one by one for a question that names no
    # department (each would be loaded): it is asked back below
    # ("哪些单位公布了X": every document is asked, X told in a narrative counts as well)
    if coverage is not None and not plan.scope.named and len(docs) <= MAX_ACROSS and plan.across in (
            Across.EACH, Across.RANK, Across.SUM) and not (plan.across is Across.EACH and WHICH_BODIES.search(plan.question)):
        docs = _most_specific(docs, plan.item, coverage)
    if not plan.scope.named and (len(docs) > MAX_ACROSS or (plan.across is Across.EACH and len(docs) > MAX_LISTED)):
        names = "；".join(doc_label(d) for d in docs[:20])
        text = (f"有{len(docs)}份文件都可能回答这个问题，请说明是哪个部门或哪一年：{names}" if lang == "zh" else
                f"{len(docs)} documents could answer this; please name the department or year: {names}")
        return Answer(plan.question, text, False, route="across:clarify", language=lang)
    if plan.across in (Across.COMPARE, Across.SUM) and len({d.issuer or d.doc_id for d in docs}) > 1:
        docs = one_per_issuer(docs)  # (one issuer's years added or compared stay: 两年合计, 是上年的几倍)
    if len(docs) == 1 and plan.across is Across.EACH:
        one = _off_year(docs[0], _years_for(plan, docs[0]), lang) or ask_one(plan.item, docs[0])
        one.question = plan.question
        if one.found:
            one.text = f"（{doc_label(docs[0])}）{one.text}"
        return one
    # which bodies' X went up (or down) on their year before, asked as a list or as a count
    turn = _TURN_ASKED.search(plan.question) if plan.across is Across.EACH and (
        WHICH_BODIES.search(plan.question) or _COUNT_DOCS.search(plan.question)) else None
    item = plan.item
    if turn:  # "哪些单位的X比上年增加了": each document's own change of X, then the ones that went that way
        item = re.sub(r"(?:比|较|和|与)?(?:上年|去年|上一年|前一年)?(?:相比)?(?:有所)?(?:增加|减少|增长|下降|上升|降低|压缩|压减|多|少)了?.*$",
                      "", plan.item) + "比上年增减多少"
    results = [DocAnswer(d, _off_year(d, _years_for(plan, d), lang) or ask_one(item, d)) for d in docs]
    found = [r for r in results if r.answer.found]
    if plan.across is Across.EACH and not plan.scope.named and len(found) == 1 and all(
            r.answer.route.endswith("declined-project") for r in results if r not in found):
        # a project only one document lists, asked with no body named: that document's answer
        one = found[0].answer
        one.question, one.text = plan.question, f"（{doc_label(found[0].doc)}）{one.text}"
        return one
    if turn and found:
        went = _turn_listing(turn, results, lang)
        if went is not None:
            return went
    if not found:  # each document's refusal is already worded: the first one stands for all
        reason = next((r.answer.text for r in results if r.answer.text), "")
        return Answer(plan.question, reason or refusal("没有找到相关的数字或说明", lang), False,
                      route=f"across:{plan.across.value}", language=lang)
    with_figs = [r for r in found if r.figure is not None]
    op = plan.across
    given = _GIVEN_AMOUNT.search(plan.question) if op is Across.EACH and _WHICH_ONE.search(plan.question) else None
    if given and with_figs:
        return _which_is(plan, given, results, with_figs, lang)
    # a total, ranking, comparison or change needs every document's figure: with one missing, the
    # figures found are listed and nothing is computed from them (a sum of two of three documents,
    # or the "largest" of the rest, would be a wrong figure stated as right)
    lacking = [r for r in results if r.figure is None] if op in (
        Across.COMPARE, Across.CHANGE, Across.RANK, Across.SUM) else []
    if op in (Across.COMPARE, Across.CHANGE, Across.RANK, Across.SUM) and (len(with_figs) < 2 or lacking):
        op = Across.EACH
    if op is Across.RANK and _HIGHEST.search(plan.text) and _LOWEST.search(plan.text) and len(with_figs) > 2 \
            and not re.search(r"列出|列一下|列全|\blist\b", plan.question):  # "…，列出各自金额": every one
        # "最高和最低的分别是哪家": those two, not the whole list
        unit = _common_unit([r.figure for r in with_figs])  # type: ignore[misc]
        if unit in _MONEY:
            ordered = sorted(with_figs, key=lambda r: _in_unit(r.figure, unit))  # type: ignore[arg-type]
            ends = [ordered[-1], ordered[0]]
            results = [r for r in results if r in ends]
            found, with_figs = [r for r in found if r in ends], ends
    over = _threshold_listing(plan, with_figs, lang) if op in (Across.EACH, Across.RANK) and len(with_figs) >= 2 else None
    if over is not None:
        return over
    counted = _COUNT_DOCS.search(plan.question)
    count_head, count_figs = "", []
    if counted and with_figs:
        # "有几家安排了…": the documents whose figure is not 0, counted and named
        word = {"家": "家", "份": "份"}.get(counted.group(1), "个")
        nonzero = [r for r in with_figs if r.figure.value != 0]  # type: ignore[union-attr]
        count_figs = [Figure(Decimal(len(nonzero)), word, "文件数", None)]
        names = "、".join(doc_label(r.doc) for r in nonzero)
        count_head = (f"共{len(nonzero)}{word}（数额不为0）：{names}。" if lang == "zh" else
                      f"{len(nonzero)} of them (figure not 0): {names}. ")
        if op is Across.SUM and re.search(r"(?:一共|总共|共)(?:有)?(?:几|多少)(?:家|个|份)", plan.question):
            op = Across.EACH  # "一共几家": a count, not a sum
    # a listing states each document's whole answer while that stays short (at most six amounts in
    # all, what a reader takes in at a glance), else each document's primary figure
    top = ranked_count(_asked(plan)) if op is Across.RANK else None
    if top and top < len(with_figs):  # only the ranked ones are listed
        unit0 = _common_unit([r.figure for r in with_figs])  # type: ignore[misc]
        if unit0 in _MONEY:
            kept = sorted(with_figs, key=lambda r: _in_unit(r.figure, unit0), reverse=plan.descending)[:top]  # type: ignore[arg-type]
            results = [r for r in results if r in kept]
            found, with_figs = [r for r in found if r in kept], [r for r in with_figs if r in kept]
    full = op is Across.EACH and len({a for r in found for a in _AMOUNT.findall(r.answer.text)}) <= 6
    lines = [_line(r, lang, full) for r in results]
    derived: list[Figure] = []
    head = ""
    if op is not Across.EACH:
        figs = [_labelled(r.figure, doc_label(r.doc)) for r in with_figs]  # type: ignore[arg-type]
        unit = _common_unit(figs)
        asked_unit = re.search(r"(万元|亿元|(?<![万亿])元)", plan.question)
        if unit in _MONEY and asked_unit:  # "差多少万元": the result in the unit asked
            unit = asked_unit.group(1)
        if unit is None or unit not in _MONEY and op not in (Across.RANK, Across.CHANGE, Across.COMPARE, Across.SUM):
            op = Across.EACH  # (counts of one kind, 辆 against 辆, are compared and added as well)
        else:
            head, derived = _compute(op, plan, with_figs, figs, unit, lang)
    if op is Across.EACH:
        head = "各文件分别是：" if lang == "zh" else "Document by document:"
        if WHICH_BODIES.search(plan.question) and found and len(found) < len(results):
            # "哪些单位…": the ones that give it, named first
            names = "、".join(doc_label(r.doc) for r in found)
            head = (f"{len(found)}份文件给出了这一项：{names}；其余{len(results) - len(found)}份没有。" if lang == "zh" else
                    f"{len(found)} of {len(results)} documents give it: {names}.") + "\n" + head
        same = [r.figure for r in with_figs]
        if len(same) >= 2 and len({(f.value, f.unit) for f in same}) == 1:  # type: ignore[union-attr]
            head += "（各文件的数字相同）" if lang == "zh" else " (the figures are the same)"
    kinds = {r.doc.kind for r in with_figs}
    if op in (Across.COMPARE, Across.CHANGE, Across.RANK, Across.SUM) and len(
            {("决算" in (k or "")) for k in kinds}) > 1:
        head += ("（注意：其中既有预算数也有决算数）" if lang == "zh" else " (note: budget and actual figures mixed)")
    figures: list[Figure] = derived + [_labelled(r.figure, doc_label(r.doc)) for r in with_figs]  # type: ignore[arg-type]
    if op is Across.EACH:
        for r in found:
            if r.figure is None or full:
                figures += [_labelled(f, doc_label(r.doc)) for f in r.answer.figures if f is not r.figure]
    citations: list[Citation] = []
    for r in found:
        citations += [c for c in r.answer.citations if c not in citations]
    if lacking:
        names = "、".join(doc_label(r.doc) for r in lacking)
        head = (f"{names}没有给出这一项，无法{_OP_WORD[plan.across]}；找到的是：" if lang == "zh" else
                f"{names} does not give this item, so no {_OP_WORD_EN[plan.across]} can be made; found:")
        count_head = ""
    text = count_head + head + "\n" + "\n".join(lines)
    return Answer(plan.question, text, not lacking, count_figs + figures, citations,
                  route=f"across:{op.value}" + (":incomplete" if lacking else ""), language=lang)


# "哪个单位的X是5.05万元？": the documents whose figure is the amount said
_WHICH_ONE = re.compile(r"哪(?:个|家|一家|一个|些|几家)|谁|\bwhich\b", re.I)
_GIVEN_AMOUNT = re.compile(r"(?:是|为|正好|刚好|恰好|等于|达到?|有)\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元)")


def _which_is(plan: Plan, given: re.Match[str], results: list[DocAnswer], with_figs: list[DocAnswer],
              lang: str) -> Answer:
    """The documents whose figure equals the amount the question states (to the digits said)."""
    said, unit = given.group(1).replace(",", ""), given.group(2)
    value = Decimal(said)
    half = Decimal(1).scaleb(-len(said.partition(".")[2])) / 2  # half of the last digit said
    hits = [r for r in with_figs if r.figure.unit in _MONEY  # type: ignore[union-attr]
            and abs(_in_unit(r.figure, unit) - value) <= half]  # type: ignore[arg-type]
    amount = f"{said} {unit}"
    if not hits:
        text = (f"载入的{len(results)}份文件中，没有哪一份的这一项是 {amount}。" if lang == "zh" else
                f"None of the {len(results)} loaded documents has {amount} for this item.")
        return Answer(plan.question, text + "\n" + "\n".join(_line(r, lang) for r in with_figs), False,
                      route="across:which", language=lang)
    names = "、".join(doc_label(r.doc) for r in hits)
    text = (f"这一项是 {amount} 的是{names}。" if lang == "zh" else f"{names}: {amount}.")
    figures = [_labelled(r.figure, doc_label(r.doc)) for r in hits]  # type: ignore[arg-type]
    citations: list[Citation] = []
    for r in hits:
        citations += [c for c in r.answer.citations if c not in citations]
    return Answer(plan.question, text + "\n" + "\n".join(_line(r, lang) for r in hits), True, figures, citations,
                  route="across:which", language=lang)


def _compute(op: Across, plan: Plan, rows: list[DocAnswer], figs: list[Figure], unit: str,
             lang: str) -> tuple[str, list[Figure]]:
    """The sentence and derived figures of a comparison, change, ranking or sum."""
    values = [(_in_unit(f, unit) if unit in _MONEY else f.value) for f in figs]
    labels = [doc_label(r.doc) for r in rows]
    zh = lang == "zh"

    def money(v: Decimal) -> str:
        return f"{fmt(v, unit)} {unit}"

    if op is Across.SUM:
        total = sum(values, Decimal(0))
        formula = " + ".join(fmt(v, unit) for v in values)
        d = _derived(total, unit, "合计", formula, tuple(figs))
        return (f"{len(values)}份文件合计 {money(total)}（{formula}）。" if zh else
                f"Together: {money(total)} ({formula})."), [d]
    if op is Across.RANK and _HIGHEST.search(plan.text) and _LOWEST.search(plan.text):
        hi = max(range(len(values)), key=lambda i: values[i])
        lo = min(range(len(values)), key=lambda i: values[i])
        return (f"最高的是{labels[hi]} {money(values[hi])}；最低的是{labels[lo]} {money(values[lo])}。" if zh else
                f"Highest: {labels[hi]} {money(values[hi])}; lowest: {labels[lo]} {money(values[lo])}."), []
    if op is Across.RANK:
        order = sorted(range(len(values)), key=lambda i: values[i], reverse=plan.descending)
        top = ranked_count(_asked(plan))
        if top and top < len(order):  # "最高的三家": those, in order
            order = order[:top]
        ranked = "；".join(f"{n}. {labels[i]} {money(values[i])}" for n, i in enumerate(order, 1))
        text = (f"从{'高到低' if plan.descending else '低到高'}排列：{ranked}。" if zh else f"Ranked: {ranked}.")
        nth = nth_place(_asked(plan))
        if nth and nth <= len(order):  # "第二多的是谁": that place, after the ones above it
            i = order[nth - 1]
            return (f"排第{nth}的是{labels[i]}：{money(values[i])}。前{len(order)}位：{ranked}。" if zh else
                    f"In place {nth}: {labels[i]}: {money(values[i])}. First {len(order)}: {ranked}."), []
        if top and not top_n(_asked(plan)) and len(values) > 1:  # "谁最多": the one asked, then the next
            i = order[0]
            word = ("最高" if plan.descending else "最低") if zh else ("highest" if plan.descending else "lowest")
            text = (f"{word}的是{labels[i]}：{money(values[i])}。前{len(order)}位：{ranked}。" if zh else
                    f"The {word} is {labels[i]}: {money(values[i])}. First {len(order)}: {ranked}.")
        if SUM_WORDS.search(plan.question) and unit in _MONEY:  # "加起来一共多少？哪个最多？"
            head, total = _compute(Across.SUM, plan, rows, figs, unit, lang)
            return head + text, total
        return text, []
    if op is Across.CHANGE:
        order = sorted(range(len(rows)), key=lambda i: (rows[i].doc.year or 0))
        i0, i1 = order[0], order[-1]
        old, new = values[i0], values[i1]
        diff = new - old
        y0, y1 = rows[i0].doc.year, rows[i1].doc.year
        word = "增加" if diff > 0 else "减少" if diff < 0 else "持平"
        out = [_derived(abs(diff), unit, f"{y1}年比{y0}年{word}", f"{fmt(new, unit)} − {fmt(old, unit)}",
                        (figs[i1], figs[i0]))]
        text = (f"{y1}年比{y0}年{word}" + (f" {money(abs(diff))}" if diff else "") if zh else
                f"{y1} against {y0}: {'up' if diff > 0 else 'down' if diff < 0 else 'unchanged'}"
                + (f" {money(abs(diff))}" if diff else ""))
        if old:
            pct = _pct(new, old)
            out.append(_derived(abs(pct), "%", "增长率" if pct >= 0 else "下降率",
                                f"({fmt(new, unit)} − {fmt(old, unit)}) ÷ {fmt(old, unit)} × 100", (figs[i1], figs[i0])))
            text += (f"，{'增长' if pct >= 0 else '下降'} {fmt(abs(pct), '%')}%" if zh else
                     f", {fmt(abs(pct), '%')}%")
        return text + ("。" if zh else "."), out
    if len(values) == 2 and plan.rate and re.search(r"相当于|是.{1,30}?的(?:百分之|几成)", plan.question):
        # "A的X相当于B的Y的百分之几": the first named over the second, as the question orders them
        first = _first_named(plan, rows)
        a, b = first, 1 - first
        if values[b]:
            pct = (values[a] / values[b] * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            d = _derived(pct, "%", f"{labels[a]}占{labels[b]}的比例", f"{fmt(values[a], unit)} ÷ {fmt(values[b], unit)} × 100",
                         (figs[a], figs[b]))
            return (f"{labels[a]} {money(values[a])} 相当于{labels[b]} {money(values[b])} 的 {fmt(pct, '%')}%"
                    f"（{d.formula}）。" if zh else
                    f"{labels[a]} ({money(values[a])}) is {fmt(pct, '%')}% of {labels[b]} ({money(values[b])})."), [d]
    # COMPARE: the largest against each other
    order = sorted(range(len(values)), key=lambda i: values[i], reverse=True)
    top, second = order[0], order[1]
    diff = values[top] - values[second]
    if len(values) == 2:
        if diff == 0:
            same = [_derived(Decimal("1.00"), "倍", f"{labels[0]}是{labels[1]}的倍数", f"{fmt(values[0], unit)} ÷ "
                             f"{fmt(values[1], unit)}", (figs[0], figs[1]))] if (TIMES.search(plan.question) or TIMES.search(plan.text)) else []
            # "A是不是比B还多？": not so, they are the same (both none when both are 0)
            claimed = "不是：" if _CLAIMED_ORDER.search(plan.question) or re.search(r"是不是|是否", plan.question) else ""
            none = "（两者都没有安排）" if values[top] == 0 else ""
            return (f"{claimed}两者相同，都是 {money(values[top])}{none}{'（1 倍）' if same else ''}。" if zh else
                    f"Both are {money(values[top])}."), same
        d = _derived(diff, unit, f"{labels[top]}比{labels[second]}多", f"{fmt(values[top], unit)} − "
                     f"{fmt(values[second], unit)}", (figs[top], figs[second]))
        gap = f"{fmt(diff, unit)} 个百分点" if unit == "%" else money(diff)  # shares differ in points
        text = (f"{labels[top]}更多，比{labels[second]}多 {gap}。" if zh else
                f"{labels[top]} is higher, by {fmt(diff, unit)} points." if unit == "%" else
                f"{labels[top]} is higher, by {money(diff)}.")
        claim = _CLAIMED_ORDER.search(plan.question)
        if claim and zh:
            # "A应该比B高吧？": the premise said back, and corrected when the figures say otherwise
            first = _first_named(plan, rows)
            said_higher = (claim.group(1) or claim.group(2)) in "高多大"
            if (first == top) != said_higher:
                text = f"不是：{labels[first]}比{labels[1 - first]}{'低' if said_higher else '高'}。" + text
            else:
                text = "是的。" + text
        out = [d]
        if (TIMES.search(plan.question) or TIMES.search(plan.text)) and values[second] > 0:  # 几倍: the larger over the smaller
            times = (values[top] / values[second]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            out.append(_derived(times, "倍", f"{labels[top]}是{labels[second]}的倍数",
                                f"{fmt(values[top], unit)} ÷ {fmt(values[second], unit)}", (figs[top], figs[second])))
            text += (f"前者约是后者的 {times} 倍（{fmt(values[top], unit)} ÷ {fmt(values[second], unit)}）。" if zh else
                     f" That is {times} times as much.")
        return text, out
    ranked = "；".join(f"{labels[i]} {money(values[i])}" for i in order)
    return (f"{labels[top]}最多。{ranked}。" if zh else f"{labels[top]} is the highest. {ranked}."), []


def _first_named(plan: Plan, rows: list[DocAnswer]) -> int:
    """Which of two rows the question names first (0 or 1)."""
    where_named = {}
    for m in plan.scope.mentions:
        for i in m.doc_ids:
            where_named.setdefault(i, m.start if m.start >= 0 else 10**6)
    a, b = (where_named.get(r.doc.doc_id, 10**6) for r in rows[:2])
    return 0 if a <= b else 1


def source_document(f: Figure) -> str | None:
    """The document a figure (or the first of its operands) was read from."""
    s: Source | None = f.source
    if s is not None:
        return s.document
    return next((source_document(o) for o in f.operands if source_document(o)), None)


def documents_answer(plan: Plan, docs: list, lang: str) -> Answer:
    """The documents in scope themselves (决算报告共几份, 某年的文件是哪几份): counted, with how many
    issuers they come from, and named one per line, grouped by issuer."""
    by_issuer: dict[str, list] = {}
    for d in docs:
        by_issuer.setdefault(d.issuer or doc_name(d), []).append(d)
    n, m = len(docs), len(by_issuer)
    figures = [Figure(Decimal(n), "份", "文件数", None), Figure(Decimal(m), "个", "部门（单位）数", None)]
    lines = [f"- {doc_label(d)}" for group in by_issuer.values() for d in group]
    head = (f"共{n}份文件，来自{m}个部门（单位）" if lang == "zh" else
            f"{n} documents from {m} issuers")
    if "预算" in plan.text and "决算" in plan.text:  # both kinds named in a count of documents: each kind counted
        finals = sum(1 for d in docs if "决算" in (d.kind or ""))
        counts = [("决算", "final accounts", finals), ("预算", "budgets", n - finals)]
        figures = [Figure(Decimal(c), "份", f"{zh}文件数", None) for zh, _, c in counts] + figures
        head += ("，其中" + "、".join(f"{zh}{c}份" for zh, _, c in counts) if lang == "zh" else
                 ": " + ", ".join(f"{c} {en}" for _, en, c in counts))
    head += "：" if lang == "zh" else ":"
    return Answer(plan.question, head + "\n" + "\n".join(lines), True, figures, [], route="across:documents",
                  language=lang)


# "哪些单位的X比上年增加了？": a direction asked of each document's change against its year before
_TURN_ASKED = re.compile(r"比(?:上年|去年|上一年|前一年)(?:有所)?(增加|增长|上升|多|减少|下降|降低|压缩|压减|少)")
_STATED_TURN = re.compile(r"比(?:上年|去年|上一年|前一年|\s*20\d\d\s*年度?)\s*(增加|增长|上升|减少|下降|降低)\s*([\d,]+(?:\.\d+)?)\s*(万元|亿元|元)|"
                          r"(?:与|和|同)(?:上年|去年|上一年|前一年|\s*20\d\d\s*年度?)(?:相比)?\s*(持平)")


def _turn_listing(turn: re.Match[str], rows: list[DocAnswer], lang: str) -> Answer | None:
    """The documents whose stated change against their own year before goes the way asked, each
    with the amount; the others with theirs. None when no document states a change."""
    up = turn.group(1) in ("增加", "增长", "上升", "多")
    stated: list[tuple[DocAnswer, str, Figure | None]] = []
    for r in rows:
        m = _STATED_TURN.search(r.answer.text) if r.answer.found else None
        if m is None:
            stated.append((r, "", None))
            continue
        if m.group(4):
            stated.append((r, "持平", None))
            continue
        value = Decimal(m.group(2).replace(",", ""))
        src = next((f.source for f in r.answer.figures if f.value == value), None) or (
            r.answer.figures[0].source if r.answer.figures else None)
        stated.append((r, m.group(1), Figure(value, m.group(3), f"{doc_label(r.doc)} 比上年{m.group(1)}", src)))
    if not any(w for _, w, _ in stated):
        return None
    ups = ("增加", "增长", "上升")
    passing = [(r, w, f) for r, w, f in stated if f is not None and (w in ups) == up]
    others = [(r, w, f) for r, w, f in stated if (r, w, f) not in passing]
    said = "增加" if up else "减少"

    def one(r: DocAnswer, w: str, f: Figure | None, amount: bool = True) -> str:
        if f is not None:
            return f"{doc_label(r.doc)} {w}" + (f" {fmt(f.value, f.unit)} {f.unit}" if amount else "")
        return f"{doc_label(r.doc)} {'与上年持平' if w == '持平' else '没有给出与上年的比较'}"

    text = (f"比上年{said}的有{len(passing)}家：" + "、".join(one(*x) for x in passing) + "。" if passing
            else f"没有比上年{said}的。")
    if others:
        # (the others' direction only: their amounts were not asked)
        text += "\n其余：" + "；".join(one(*x, amount=False) for x in others) + "。"
    figures = [Figure(Decimal(len(passing)), "家", "家数", None)] + [f for _, _, f in passing if f is not None]
    cites: list[Citation] = []
    for r, _, _ in passing:
        cites += [c for c in r.answer.citations if c not in cites]
    return Answer(rows[0].answer.question, text, True, figures, cites, route="across:turn", language=lang)


def _threshold_listing(plan: Plan, rows: list[DocAnswer], lang: str) -> Answer | None:
    """"哪几家的会议费在10万元以上": the documents whose figure passes the amount the question
    names (units converted first), each with its figure; None when the question names no amount."""
    t = read_threshold(plan.question + ("" if re.search(r"[吗呢？?]$", plan.question) else "？"))
    if t is None:
        return None
    figs = [r.figure for r in rows]
    if any(f is None or f.unit not in _MONEY for f in figs):
        return None
    unit = t.unit or _common_unit(figs)  # type: ignore[arg-type]
    if unit not in _MONEY:
        return None
    passing = [r for r in rows if (_in_unit(r.figure, unit) > t.value if t.above  # type: ignore[arg-type]
                                   else _in_unit(r.figure, unit) < t.value)]  # type: ignore[arg-type]
    word = "超过" if t.above else "不到"
    limit = f"{fmt(t.value, unit)}{unit}"
    names = "、".join(f"{doc_label(r.doc)} {fmt(_in_unit(r.figure, unit), unit)} {unit}" for r in passing)  # type: ignore[arg-type]
    text = (f"{word}{limit}的有{len(passing)}家：{names}。" if passing else f"没有{word}{limit}的。") if lang == "zh" else (
        f"{len(passing)} {'above' if t.above else 'below'} {limit}: {names}." if passing else f"None {'above' if t.above else 'below'} {limit}.")
    figures = [Figure(Decimal(len(passing)), "家", "家数", None)] + [_labelled(r.figure, doc_label(r.doc)) for r in passing]  # type: ignore[arg-type]
    cites: list[Citation] = []
    for r in passing:
        cites += [c for c in r.answer.citations if c not in cites]
    return Answer(plan.question, text, True, figures, cites, route="across:threshold", language=lang)


_ONE_MOST = re.compile(r"(?:谁|哪(?:个|家|一个|一家|份|位|些))[^，,。？?]{0,16}最(?:多|高|大|少|低|小)|最(?:多|高|大|少|低|小)的是(?:谁|哪)|\bwhich\b[^?]*\b(?:most|highest|largest|least|lowest|smallest)\b", re.I)
_ALL_IN_ORDER = re.compile(r"排名|排序|排行|排(?:个|一下)?(?:队|序)|从高到低|从低到高|从大到小|从小到大|依次|列出|\brank|\border\b", re.I)


# a comparison the question takes for granted ("A应该比B高吧", "A是不是比B多")
_CLAIMED_ORDER = re.compile(r"比[^，,。？?]{1,24}?(高|多|大|低|少|小)(?:一些|点|些)?(?:吧|吗|是吧|对吧|对不对)|"
                            r"(?:应该|肯定|是不是|是否)[^，,。？?]{0,24}比[^，,。？?]{1,24}?(高|多|大|低|少|小)")


_NTH = re.compile(r"第\s*([二三四五六七八九2-9])\s*(?:多|高|大|少|低|小)")


def _asked(plan: Plan) -> str:
    """The question as typed and as understood (an English question's Chinese reading), for the
    words that shape a ranking."""
    return plan.question if plan.text == plan.question else f"{plan.question} {plan.text}"


def nth_place(question: str) -> int | None:
    """The place a ranking asks for ("第二多" → 2), or None."""
    m = _NTH.search(question)
    if not m:
        return None
    d = m.group(1)
    return int(d) if d.isdigit() else CN_DIGIT[d]


def ranked_count(question: str) -> int | None:
    """How many of a ranking are stated: the number asked (:func:`top_n`), or down to the place
    asked (第二多); for "谁最多", asked without asking for the order, the first three; else all (None)."""
    n = top_n(question) or nth_place(question)
    if n:
        return n
    if _ONE_MOST.search(question) and not _ALL_IN_ORDER.search(question) and not SUM_WORDS.search(question):
        return 3  # the one asked, with the two after it for scale: not every document's amount
    return None


def top_n(question: str) -> int | None:
    """How many a ranking asks for (前三, 最高的三家, top 3), or None."""
    m = re.search(r"前\s*(\d+|[一二两三四五六七八九十])|最(?:高|多|大|低|少|小)的\s*(\d+|[一二两三四五六七八九十])\s*(?:家|个|位|份|名)"
                  r"|\btop\s+(\d+)", question, re.I)
    if not m:
        return None
    g = next(x for x in m.groups() if x)
    return int(g) if g.isdigit() else CN_DIGIT[g]
