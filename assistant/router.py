"""What a question asks: its parts, its intent (lookup, change, share, reason, count …) and refusals.

:func:`classify` reads the wording only (no document): it is a pure function,
unit-tested without any model. :func:`split_parts` cuts multi-part questions
("…是多少？实际有多少人？") into parts answered one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import logging

from assistant.vocabulary import Vocabulary, load_vocabulary, normalize

log = logging.getLogger(__name__)

__all__ = ["Intent", "classify", "split_parts", "years_named"]

_YEAR = re.compile(r"(?<!\d)(20\d\d|19\d\d)\s*年?(?!\d)")


@dataclass
class Intent:
    """The reading of one question part."""

    text: str
    share: bool = False  # 占…的比例 / 百分比
    pct_change: bool = False  # 增长/下降了百分之多少
    change: bool = False  # 比上年增减多少 / 有变化吗
    prev_year: bool = False  # the previous year's amount
    reason: bool = False
    count: str | None = None  # unit asked for: 个 / 名 / 辆 / 条 …
    yes_no: bool = False
    classify: bool = False  # 属于基本支出还是项目支出
    add: bool = False  # 加起来 / 合计 / 一共 (of several items)
    definition: bool = False  # 什么是 / 什么意思
    listing: bool = False  # 哪些 / 都有什么
    who: bool = False
    phone: bool = False
    which_year: bool = False  # 从哪一年
    in_yuan: bool = False  # amounts asked in 元
    wants_actual: bool = False  # 实有 / 实际有
    full: bool = False  # 满员 / 满编
    breakdown: bool = False  # 主要用在哪 / 构成
    max_weight: bool = False  # 权重最高
    excluded: tuple[str, ...] = ()  # 不含 X
    years: tuple[int, ...] = ()
    final_accounts: bool = False  # 决算
    user_numbers: bool = False  # the question gives numbers to compute with


def years_named(text: str) -> list[int]:
    """Years the question names, except the 截至…年底 date of a snapshot."""
    out = []
    for m in _YEAR.finditer(text):
        before = text[max(0, m.start() - 3):m.start()]
        if re.search(r"截[至止]|到", before):
            continue
        out.append(int(m.group(1)))
    return out


def split_parts(question: str) -> list[str]:
    """Cut a multi-part question at ？/?/；/。 (and "，另外"), keeping parts with content."""
    parts = [p.strip(" ，,、") for p in re.split(r"[？?；;。]|[，,](?=另外|还有|以及|同时|其中|有的话|分别)", question)]
    parts = [p for p in parts if len(normalize(p)) >= 2]
    return parts or [question.strip()]


_COUNT = re.compile(r"(?:几|多少)\s*(个|名|辆|条|人次|人|家|项|所|件|户|批)")


def classify(text: str, vocab: Vocabulary | None = None) -> Intent:
    """The intent of one question part, from its wording."""
    t = normalize(text)
    it = Intent(text=text)
    it.years = tuple(years_named(text))
    it.share = bool(re.search(r"占.{0,24}(比例|比重|百分比|百分之|份额|%)|比例|比重|占比|百分比", t)) and not re.search(
        r"增长|下降|减少|增加|同比|变化", t.split("占")[0] if "占" in t else t)
    it.pct_change = bool(re.search(r"(增长|下降|减少|增加|降低|变化|变动|增减)(了)?(百分之|多少%|几%|百分比|的比例|幅度|率)|增长率|增减率|增幅|降幅|同比.*百分", t))
    if it.pct_change:
        it.share = False
    it.change = (not it.pct_change) and bool(
        re.search(r"比(上年|去年|上一年|20\d\d年?|前一年)|和(上年|去年|上一年|20\d\d年?)(相)?比|与(上年|去年|上一年|20\d\d年?)(相)?比"
                  r"|同比|变化|增减|多了还是少了|增加了?多少|减少了?多少|增长了?多少|下降了?多少|少了多少|多了多少|差多少", t))
    it.reason = bool(re.search(r"为什么|为啥|原因|怎么会|何故|why", t))
    m = _COUNT.search(t)
    it.count = m.group(1) if m else None
    if it.count is None and re.search(r"(多少|几).{0,6}(人员|编制|干部|职工|人)|(编制|人员|人数).{0,4}(多少|几)", t):
        it.count = "名"
    if it.count == "人":
        it.count = "名"
    it.yes_no = bool(re.search(r"是不是|是否|有没有|有无|吗$|吗|么$", t)) and not re.search(r"多少|几", t)
    it.classify = bool(re.search(r"还是", t))
    it.add = bool(re.search(r"加起来|加在一起|合起来|一共|总共|合计|共计|总和|之和|相加", t))
    it.definition = bool(re.search(r"什么是|是什么意思|什么意思|指什么|含义|定义|是指", t))
    it.listing = bool(re.search(r"哪些|哪几|都有什么|有什么|包括什么|包含哪|干什么|做什么|用来|用于|用在|花在|什么名称|什么性质|什么工作", t))
    it.who = bool(re.search(r"谁|联系人|哪位", t))
    it.phone = bool(re.search(r"电话|联系方式|热线|号码", t))
    it.which_year = bool(re.search(r"哪一年|哪年|什么时候|何时", t))
    it.in_yuan = bool(re.search(r"(多少|几)元|以元|按元|单位[为是]?元|in\s*yuan|(?<![万亿千])元[计为]", t)) and "万元" not in t
    it.wants_actual = bool(re.search(r"实有|实际有|实际在编|实际人数|实际在岗", t))
    it.full = bool(re.search(r"满员|满编|缺编|空编|缺员|编满", t))
    it.breakdown = bool(re.search(r"用在哪|用于哪|花在哪|构成|明细|由哪些|包括哪些", t))
    it.max_weight = bool(re.search(r"(权重|分值)(最高|最大|最多)", t))
    it.excluded = tuple(re.findall(r"(?:不含|不包括|除去|除了)([\u4e00-\u9fff]{2,12}?)(?:[)）]|以外|之外|外|的|$)", t))
    it.final_accounts = "决算" in t
    nums = re.findall(r"\d+(?:\.\d+)?\s*(?:吨|元/|万元|元|个|名|辆|%|人)", t)
    it.user_numbers = len(nums) >= 2 and bool(re.search(r"按|如果|假设|计算|推算", t))
    # the year itself is compared with the document's year by the caller
    it.prev_year = bool(re.search(r"上年|去年|上一年|前一年", t)) and not it.change and not it.pct_change
    return it


# -- dispatch: each part of a question goes to the handler its intent calls for ----------------

from dataclasses import field  # noqa: E402
from decimal import Decimal  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

from assistant import arithmetic as ar  # noqa: E402
from assistant.answer import Citation, Figure, Source  # noqa: E402
from assistant.compose import amount, citation_of, figure_sentence, quote_short, where  # noqa: E402
from assistant.lookup import (  # noqa: E402
    Item, Match, cite, column_blank, current_column, doc_name, figure, find_matches, prev_column, strip_ordinal)
from assistant.narrative import (  # noqa: E402
    MONEY_UNITS, bigrams, count_list, coverage, numbered_items, pick_figures, reason_segment)

if TYPE_CHECKING:
    from ingest.model import Document


@dataclass
class Part:
    """The answer to one part of a question."""

    text: str
    found: bool
    figures: list[Figure] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    route: str = ""
    matches: list[Match] = field(default_factory=list)
    subject: str = ""


def _no(text: str) -> Part:
    return Part(text, False, route="refusal")


_NARRATIVE_SYNONYMS = {"买": "购置", "购买": "购置", "现有": "共有", "现在": "共有", "目前": "共有", "一共": "共有",
                       "公车": "公务用车 车辆", "实际": "实有", "人数": "编制", "内设": "科室", "部门": "科室",
                       "花在": "用于", "用在": "用于", "干什么": "用于", "负责": "职责"}
_COUNT_UNITS = {"个": {"个"}, "名": {"名", "人"}, "辆": {"辆"}, "条": {"条"}, "人次": {"人次"}, "家": {"家"},
                "项": {"项", "个"}, "所": {"所"}, "件": {"件"}, "户": {"户"}, "批": {"批"}}


class Handlers:
    """Answers one question part against one document (tables, narrative, arithmetic)."""

    def __init__(self, owner: Any) -> None:
        self.a = owner
        self.vocab = owner.vocab

    # -- refusals -----------------------------------------------------------------------
    def refusal_reason(self, q: str, doc: Document) -> str | None:
        reason = self.vocab.unanswerable_reason(q)
        if reason:
            return reason
        years = years_named(q)
        if doc.year and years:
            bad = [y for y in years if y not in (doc.year, doc.year - 1)]
            if bad:
                return f"载入的是{doc.year}年的文件，没有{bad[0]}年的数据"
        if "决算" in q and doc.kind and "决算" not in doc.kind:
            return f"载入的是{doc.kind}，不是决算，没有决算数"
        if "预算" in q and doc.kind and "决算" in doc.kind and "年初预算" not in q and "预算数" not in q:
            return None
        return None

    # -- the part loop -----------------------------------------------------------------
    def answer_part(self, p: str, doc: Document, lang: str, ctx: Part | None, whole: str) -> Part:
        res = self._answer_part(p, doc, lang, ctx, whole)
        if not res.subject:
            res.subject = re.sub(r"(是|有)?(多少|几)[个名辆条人]?|实际|实有|[？?]|请问|分别|各", "", self._strip_department(p, doc))
        return res

    def _answer_part(self, p: str, doc: Document, lang: str, ctx: Part | None, whole: str) -> Part:
        p = self._strip_department(p, doc)
        it = classify(p, self.vocab)
        tables = self.a.tables[doc.doc_id]
        matches = find_matches(p, tables)
        if ctx and not [m for m in matches if m.items or (m.concept and m.concept.kind != "column")] \
                and not self._perf_tables(p, doc) and (
                    re.match(r"^(属于|是|其中|实有|实际|主要|那|它|分别|各|占|比)", p)
                    or len(re.sub(r"是|有|多少|几[个名辆条人]?|吗|呢|[？?]|的|还|要|今年", "", p)) <= 4):
            # "…是多少？属于基本支出还是项目支出？": the part speaks of the item before
            matches = [m for m in ctx.matches if m.items] + matches
            p = (ctx.subject or "".join(m.label for m in ctx.matches)) + p
            it = classify(p, self.vocab)
        prev = it.prev_year or bool(doc.year and (doc.year - 1) in it.years and not it.change and not it.pct_change)
        if it.user_numbers:
            r = self.user_arithmetic(p, doc, lang)
            if r:
                return r
        if it.share:
            return self.share(p, doc, it, lang) or _no("没有找到计算比例所需的数")
        if it.pct_change:
            return self.pct_change(p, doc, it, matches, lang) or _no("文件没有给出计算增减率所需的上年数")
        if prev:
            return self.previous(p, doc, it, matches, lang)
        if it.reason:
            return self.reason(p, doc, lang) or _no("文件没有说明原因")
        if it.change:
            return self.change(p, doc, it, matches, lang) or _no("文件没有说明这一项和上年比的变化")
        perf = self._perf_tables(p, doc)
        if perf and not any(m.via == "code" for m in matches) and "绩效目标管理" not in p:
            r = self.performance(p, doc, it, perf, lang)
            if r:
                return r
        cat = self._procurement_category(p, doc, lang)
        if cat:
            return cat
        table_items = [m for m in matches if m.items or (m.concept and m.concept.kind in ("column", "sum"))]
        topic = self._topic(p) and not any(m.via in ("code", "name") for m in matches)
        if it.breakdown and not any(m.items for m in matches):
            it.breakdown = False
            it.listing = True
        if (it.count or it.definition or it.who or it.phone or it.which_year or it.full or topic
                or (it.yes_no and not table_items) or (it.listing and not it.breakdown)) or not table_items:
            r = self.narrative(p, doc, it, lang, whole)
            if r is not None:
                return r
            if not table_items:
                return _no("文件没有给出这一项")
        return self.table(p, doc, it, matches, lang)

    def _strip_department(self, p: str, doc: Document) -> str:
        for key in self.vocab.departments_named(p):
            for w in sorted(self.vocab.department_words(key), key=len, reverse=True):
                p = re.sub(re.escape(w), "", p, flags=re.I)
        return p or " "

    def _procurement_category(self, p: str, doc: Document, lang: str) -> Part | None:
        m = re.search(r"(货物|工程|服务)(类|采购)?", p)
        if not m or "采购" not in p and not re.search(r"(货物|工程|服务)类", p):
            return None
        tabs = [t for t in doc.tables if t.role == "procurement"]
        rows = [(t, r) for t in tabs for r in t.rows if r.category == m.group(1)]
        if not tabs:
            return None
        t = tabs[0]
        tables = self.a.tables[doc.doc_id]
        items = [x for x in tables.items if x.row is not None and any(x.row is r for _, r in rows)]
        if not items:
            tot = tables.total_item(t)
            if tot is None or not any(r.category for r in t.rows):
                return None
            return Part(f"政府采购中没有{m.group(1)}类项目（{t.key}）。", True, [], [cite(doc, tot, None)], "lookup")
        figs = [figure(doc, x, current_column(x, doc.year) or "总计") for x in items]
        tot = ar.total(figs, f"{m.group(1)}类合计") if len(figs) > 1 else figs[0]
        names = "、".join(f"{f.label} {amount(f)}" for f in figs[:5])
        head = "有。" if re.search(r"有没有|是否有|有无", p) else ""
        text = f"{head}政府采购{m.group(1)}类 {amount(tot)}：{names}{where(figs, lang)}。"
        return Part(text, True, ([tot] if len(figs) > 1 else []) + figs, [cite(doc, x, current_column(x, doc.year)) for x in items],
                    "lookup")

    def _topic(self, p: str) -> bool:
        n = normalize(p)
        return any(normalize(t) in n for t in self.vocab.narrative_topics)

    # -- table answers --------------------------------------------------------------------
    def _columns(self, p: str, item: Item, it: Intent) -> list[str]:
        n = normalize(p)
        cols = [c for c in item.values if len(c) >= 2 and normalize(re.sub(r"[（(].*", "", c)) in n
                and normalize(c) not in ("合计", "总计")]
        for col, d in self.vocab.columns.items():
            if col in item.values and col not in cols and any(normalize(a) in n for a in d.get("aliases", [])):
                cols.append(col)
        if "总计" in n and "总计" in item.values and cols:
            cols.insert(0, "总计")
        if it.classify:
            return []
        return [c for c in cols if c in item.values]

    def _column_only(self, matches: list[Match], doc: Document) -> list[tuple[Item, str]]:
        tables = self.a.tables[doc.doc_id]
        cols = [m.concept for m in matches if m.concept and m.concept.kind == "column"]
        if any(c.id in ("personnel", "public_use") for c in cols):
            cols = [c for c in cols if c.id not in ("basic",)]
        out = []
        for c in cols:
            for role in c.roles:
                for t in tables.tables(role):
                    tot = tables.total_item(t)
                    name = next((n for n in c.names if tot and n in tot.values), None)
                    if tot and name:
                        out.append((tot, name))
                        break
                if len(out) and out[-1][1] in c.names:
                    break
        return out

    def table(self, p: str, doc: Document, it: Intent, matches: list[Match], lang: str) -> Part:
        tables = self.a.tables[doc.doc_id]
        item_ms = [m for m in matches if m.items or (m.concept and m.concept.kind == "sum")]
        if len(item_ms) > 1:
            specific = [m for m in item_ms if not m.items or not m.items[0].is_total()]
            item_ms = specific or item_ms
        figs: list[Figure] = []
        cits: list[Citation] = []
        lines: list[str] = []
        if not item_ms:
            for item, col in self._column_only(matches, doc):
                f = figure(doc, item, col, label=col)
                figs.append(f)
                cits.append(cite(doc, item, col))
                lines.append(self._say(col, f, it, lang, doc))
        for m in item_ms:
            if m.concept and m.concept.kind == "sum" and not m.items:
                r = self._sum_concept(m, doc, it, lang)
                if r:
                    figs += r.figures
                    cits += r.citations
                    lines.append(r.text)
                continue
            item = m.items[0]
            label = strip_ordinal(item.name) if not item.is_total() else self._total_label(m, item)
            cols = self._columns(p, item, it) or [current_column(item, doc.year)]
            for col in cols:
                if col is None:
                    continue
                f = figure(doc, item, col, label=label if len(cols) == 1 else f"{label}{col}")
                figs.append(f)
                cits.append(cite(doc, item, col))
                lines.append(self._say(f.label, f, it, lang, doc))
            if it.classify or (m.via == "code" and len(item_ms) == 1 and not self._columns(p, item, it)):
                lines.append(self._split(item, doc, lang))
            if (it.breakdown or (m.concept and m.concept.note)) and len(item_ms) == 1:
                extra = self._children(item, doc, lang, m)
                if extra:
                    lines.append(extra[0])
                    figs += extra[1]
                    cits += extra[2]
        if not figs:
            return _no("表中没有找到这一项")
        if it.add and len(figs) >= 2:
            tot = ar.total(figs, "合计")
            figs.insert(0, tot)
            lines.append(("合计 " if lang == "zh" else "Total: ") + f"{amount(tot)}（{tot.formula}）。")
        if it.in_yuan:
            figs = [ar.convert(f, "元") for f in figs]
            lines = [self._say(f.label, f, it, lang, doc) for f in figs]
        return Part("".join(lines) if lang == "zh" else " ".join(lines), True, figs, cits, "lookup", item_ms)

    def _total_label(self, m: Match, item: Item) -> str:
        if m.concept and m.concept.id == "sangong":
            return "“三公”经费合计"
        if m.concept and m.concept.kind == "total":
            return "部门预算总额（收入合计）"
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
            items = [x for x in tables.by_name.get(normalize(name), []) if x.table.role in m.concept.roles]
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

    # -- narrative answers ------------------------------------------------------------------
    def _extra(self, p: str, doc: Document) -> list[Any]:
        if self.a.search is None:
            return []
        try:
            return self.a.search.search(p, 5, [doc.doc_id])
        except Exception:  # the hybrid store is optional here; keyword ranking still answers
            log.warning("narrative search failed", exc_info=True)
            return []

    def _expand(self, p: str, concepts: bool = True) -> str:
        extra = [v for k, v in _NARRATIVE_SYNONYMS.items() if k in p]
        if concepts:
            hits = self.vocab.find_concepts(p)
            extra += [h.concept.names[0] for h in hits if h.concept.names and h.concept.kind != "total"]
        return p + " " + " ".join(extra)

    def _nfig(self, pick: Any, label: str | None = None) -> tuple[Figure, Citation]:
        f = pick.fig
        fig = f.figure(label or (f.label or f.segment.subject or "数"))
        return fig, f.segment.unit.citation(quote_short(f.segment.text, 120))

    def narrative(self, p: str, doc: Document, it: Intent, lang: str, whole: str) -> Part | None:
        nx = self.a.narrative
        ids = [doc.doc_id]
        q = self._expand(p)
        extra = self._extra(p, doc)
        if it.who or it.phone:
            key = "联系方式|电话" if it.phone else "联系人"
            for sc, seg in nx.rank_segments(q + " " + key.replace("|", " "), ids, extra, k=6):
                if re.search(key, seg.text):
                    return Part(seg.text.strip("。") + where([Figure(Decimal(0), "", "", seg.unit.source())], lang) + "。",
                                True, [], [seg.unit.citation(seg.text)], "narrative")
        if it.full:
            picks = pick_figures(nx, q + " 编制", doc_ids=ids, units={"名", "人"}, exclude=list(it.excluded), n=6)
            quota = next((x for x in picks if not x.fig.actual), None)
            if quota:
                seg = quota.fig.segment
                act = next((g for g in seg.figs if g.actual and g.start > quota.fig.start), None)
                if act:
                    f1, c1 = self._nfig(quota, quota.fig.label)
                    f2 = act.figure("实有")
                    full = act.value >= quota.fig.value
                    verdict = ("已满员" if full else f"未满员（空缺 {ar.fmt(quota.fig.value - act.value)} 名）")
                    return Part(f"{quota.fig.label} {amount(f1)}，实有 {amount(f2)}，{verdict}{where(f1, lang)}。",
                                True, [f1, f2], [c1], "narrative")
        if it.which_year:
            for sc, seg in nx.rank_segments(q, ids, extra, k=5):
                m = re.search(r"(19|20)\d\d\s*年(起|开始|以来)?", seg.text)
                if m:
                    y = Decimal(m.group(0)[:4])
                    fig = Figure(y, "年", "年份", seg.unit.source())
                    return Part(f"{m.group(0)}：{quote_short(seg.text, 120)}{where(fig, lang)}", True, [fig],
                                [seg.unit.citation(seg.text)], "narrative")
        if it.count:
            r = self._count(p, q, doc, it, lang, extra)
            if r:
                return r
        if it.definition:
            for sc, seg in nx.rank_segments(q, ids, extra, k=8):
                if any("名词解释" in h or "名词" in h for h in seg.unit.path):
                    return self._quote(seg, lang, seg.unit.text)
        if it.yes_no:
            return self._yes_no(p, q, doc, lang, extra)
        if re.search(r"多少|几", p) and not it.listing:
            picks = pick_figures(nx, q, doc_ids=ids, units=MONEY_UNITS, exclude=list(it.excluded), extra=extra)
            if picks and picks[0].score > 6:
                f, c = self._nfig(picks[0])
                seg = picks[0].fig.segment
                return Part(f"{quote_short(seg.text, 110)}{where(f, lang)}", True, [f], [c], "narrative")
            return None
        ranked = nx.rank_segments(q, ids, extra, list(it.excluded), k=5)
        if it.listing:
            ranked = sorted(ranked, key=lambda x: -(x[0] + (6 if re.search(r"用于|包括|负责|有：|职责是|[：:].+、", x[1].text) else 0)))
        if ranked and ranked[0][0] > 6:
            return self._quote(ranked[0][1], lang)
        return None

    def _quote(self, seg: Any, lang: str, text: str | None = None) -> Part:
        body = quote_short(text or seg.text, 200)
        figs = [f.figure(f.label or seg.subject) for f in seg.figs if body.find(f"{f.value}") >= 0 and f.change != "持平"][:5]
        src = Figure(Decimal(0), "", "", seg.unit.source())
        return Part(f"{body.rstrip('。')}{where(src, lang)}。", True, figs, [seg.unit.citation(body)], "narrative")

    def _count(self, p: str, q: str, doc: Document, it: Intent, lang: str, extra: list[Any]) -> Part | None:
        nx = self.a.narrative
        if it.count == "条" and re.search(r"职责|职能", p):
            items = numbered_items(nx, doc, "职")
            if items:
                u = items[0]
                fig = Figure(Decimal(len(items)), "条", "职能职责条数", u.source())
                return Part(f"职能职责共列了 {len(items)} 条（第1条：{quote_short(u.text, 40)}）{where(fig, lang)}。",
                            True, [fig], [u.citation(u.text)], "count")
        units = _COUNT_UNITS.get(it.count or "", {it.count or ""})
        q = self._expand(p, concepts=False)
        picks = pick_figures(nx, q, doc_ids=[doc.doc_id], units=units, actual=True if it.wants_actual else None,
                             exclude=list(it.excluded), extra=extra, n=8)
        if it.add and picks and not it.wants_actual:
            key = re.sub(r"^(其中|共有|本部门)", "", picks[0].fig.label)[-4:]
            same = [x for x in picks if not x.fig.actual and key and key in x.fig.label]
            if "编制" in p:
                same = [x for x in picks if not x.fig.actual and "编制" in x.fig.label]
            seen, uniq = set(), []
            for x in same:
                if id(x.fig) not in seen:
                    seen.add(id(x.fig))
                    uniq.append(x)
            if len(uniq) >= 2:
                parts = [self._nfig(x) for x in uniq]
                tot = ar.total([f for f, _ in parts], key)
                shown = "、".join(f"{f.label} {amount(f)}" for f, _ in parts)
                return Part(f"合计 {amount(tot)}（{tot.formula}）：{shown}{where(tot, lang)}。", True,
                            [tot] + [f for f, _ in parts], [c for _, c in parts], "arithmetic")
        if not it.wants_actual:
            picks = [x for x in picks if not x.fig.actual] or picks
        if not re.search(r"购置|买|新增|计划|安排", p):  # holdings, not purchases, unless purchases are asked
            picks = [x for x in picks if "购置" not in x.fig.segment.text] or picks
        list_seg = None
        if re.search(r"单位", p) and not re.search(r"科室", p):
            for sc, seg in nx.rank_segments(q + " 单位有", [doc.doc_id], extra, k=5):
                if count_list(seg.text) and "单位" in seg.text:
                    list_seg = seg
                    break
        if list_seg is not None:
            items = count_list(list_seg.text)
            fig = Figure(Decimal(len(items)), it.count or "个", "个数", list_seg.unit.source())
            return Part(f"共 {len(items)} {it.count or '个'}：{'、'.join(items)}{where(fig, lang)}。", True, [fig],
                        [list_seg.unit.citation(list_seg.text)], "count")
        if picks and picks[0].score > (0 if it.count in ("辆", "条", "所", "家") else 3):
            f, c = self._nfig(picks[0])
            seg = picks[0].fig.segment
            return Part(f"{quote_short(seg.text, 100)}{where(f, lang)}", True, [f], [c], "count")
        return None

    def _yes_no(self, p: str, q: str, doc: Document, lang: str, extra: list[Any]) -> Part | None:
        nx = self.a.narrative
        core = re.sub(r"是不是|是否|有没有|吗|呢|包括|包含|负责|的职责|职责|经信委|委员会|局|的|[？?]", " ", p)
        for k in self.vocab.departments:
            core = core.replace(k, " ")
        best = None
        for sc, seg in nx.rank_segments(q, [doc.doc_id], extra, k=6):
            cov = coverage(nx, core, seg.text + seg.unit.heading)
            if best is None or cov > best[0]:
                best = (cov, seg)
        if best is None:
            return None
        cov, seg = best
        body = quote_short(seg.text, 160)
        src = Figure(Decimal(0), "", "", seg.unit.source())
        if cov >= 0.6:
            neg = re.search(r"(无|没有|未)(使用|安排)?", seg.text) and not re.search(r"(无|没有|未)", p)
            head = "否" if neg else "是"
            figs = [f.figure(f.label or seg.subject) for f in seg.figs][:3]
            return Part(f"{head}。{body.rstrip('。')}{where(src, lang)}。", True, figs, [seg.unit.citation(body)], "yes_no")
        return Part(f"文件没有列出这一项。最接近的内容是：{body.rstrip('。')}{where(src, lang)}。", True, [],
                    [seg.unit.citation(body)], "yes_no")

    # -- changes, previous year, reasons ------------------------------------------------------
    def reason(self, p: str, doc: Document, lang: str) -> Part | None:
        r = reason_segment(self.a.narrative, self._expand(p), [doc.doc_id], self._extra(p, doc))
        if not r:
            return None
        seg, clause = r
        figs = [f.figure(f.label or seg.subject) for f in seg.figs if f.change and f.change != "持平"][:4]
        ch = next((f for f in seg.figs if f.change), None)
        lead = f"{seg.subject}{'比上年' + ch.change + ' ' + amount(ch.figure('')) if ch and ch.change != '持平' else ''}，" if seg.subject else ""
        text = f"{lead}{clause}{where(Figure(Decimal(0), '', '', seg.unit.source()), lang)}。"
        return Part(text, True, figs, [seg.unit.citation(seg.text)], "reason")

    def _words(self, m: Match | None, p: str) -> list[str]:
        if m is None:
            return [re.sub(r"比.*|和.*|与.*|的?(预算|是多少|多少).*", "", p)]
        out = [m.label]
        if m.items:
            out.append(strip_ordinal(m.items[0].name))
        if m.concept:
            out += list(m.concept.names[:2]) + list(m.concept.aliases[:8])
        return [w for w in out if len(w) >= 2 and w not in ("合计", "收入合计", "支出合计")]

    def _narrative_change(self, p: str, doc: Document, m: Match | None) -> tuple[Any, Figure | None] | None:
        nx = self.a.narrative
        words = self._words(m, p)
        picks = pick_figures(nx, self._expand(p), doc_ids=[doc.doc_id], change=True, n=8)
        best = None
        for pk in picks:
            seg = pk.fig.segment
            ctx = pk.fig.label + seg.subject + seg.unit.heading
            nctx = normalize(ctx)
            rel = max((1.0 if normalize(w) in nctx else coverage(nx, w, ctx) for w in words), default=0)
            rel = rel if rel >= 0.85 else 0
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
            return figure(doc, co[0][0], co[0][1], label=co[0][1])
        return None

    def _table_pair(self, doc: Document, m: Match) -> tuple[Item, str, str] | None:
        for item in m.items:
            pc = prev_column(item, doc.year)
            if pc and not column_blank(item.table, pc):
                return item, current_column(item, doc.year) or "", pc
        return None

    def change(self, p: str, doc: Document, it: Intent, matches: list[Match], lang: str) -> Part | None:
        m = next((x for x in matches if x.items), None) or next(iter(matches), None)
        if m and m.items and (tp := self._table_pair(doc, m)):
            item, cc, pc = tp
            cur, prev = figure(doc, item, cc), figure(doc, item, pc, label=f"{strip_ordinal(item.name)}{pc}")
            d = ar.difference(cur, prev, "增减额")
            word = "增加" if d.value > 0 else "减少" if d.value < 0 else "持平"
            text = (f"{doc.year}年{strip_ordinal(item.name)} {amount(cur)}，{pc} {amount(prev)}，"
                    f"{word} {ar.fmt(abs(d.value), d.unit)} {d.unit}（{d.formula}）{where([cur, prev], lang)}。")
            dd = Figure(abs(d.value), d.unit, "增减额", None, d.formula, d.operands)
            return Part(text, True, [dd, cur, prev], [cite(doc, item, cc), cite(doc, item, pc)], "change", matches)
        r = self._narrative_change(p, doc, m)
        if not r:
            return None
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
            figs = [fig] + ([cur] if cur else [])
        head = f"{cur.label} {amount(cur)}，" if cur else ""
        text = f"{doc.year}年{head}{word}。原文：{quote_short(seg.text, 100)}{where(fig, lang)}"
        return Part(text, True, figs, [seg.unit.citation(seg.text)], "change", matches)

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
        r = self._narrative_change(p, doc, m)
        if r and r[1] is not None:
            pk, cur = r
            tv = self._table_current(m, doc)
            cur = tv or cur
            ch = pk.fig.figure(f"比{py}年{pk.fig.change}")
            prev = ar.previous_from_change(cur, ch, pk.fig.change or "", f"{py}年{m.label if m else ''}")
            text = (f"按说明推算，{py}年{m.label if m else ''}为 {amount(prev)}（{prev.formula}：{doc.year}年 {amount(cur)}，"
                    f"比{py}年{pk.fig.change} {amount(ch)}）{where(prev, lang)}。")
            return Part(text, True, [prev], [pk.fig.segment.unit.citation(pk.fig.segment.text)]
                        + ([citation_of(cur)] if cur.source and cur.source.table else []), "arithmetic", matches)
        return _no(f"文件没有列出{py}年的这一项，也没有给出可推算的增减数")

    def pct_change(self, p: str, doc: Document, it: Intent, matches: list[Match], lang: str) -> Part | None:
        m = next((x for x in matches if x.items), None) or next(iter(matches), None)
        if m and m.items and (tp := self._table_pair(doc, m)):
            item, cc, pc = tp
            cur, prev = figure(doc, item, cc), figure(doc, item, pc, label=pc)
            cits = [cite(doc, item, cc), cite(doc, item, pc)]
        else:
            r = self._narrative_change(p, doc, m)
            if not r or r[1] is None:
                return None
            pk, cur = r
            cur = self._table_current(m, doc) or cur
            ch = pk.fig.figure("增减额")
            prev = ar.previous_from_change(cur, ch, pk.fig.change or "", "上年数")
            cits = [pk.fig.segment.unit.citation(pk.fig.segment.text)]
        pc_fig = ar.pct_change(cur, prev, "增减率")
        word = "增长" if pc_fig.value > 0 else "下降" if pc_fig.value < 0 else "持平"
        shown = Figure(abs(pc_fig.value), "%", "增减率", None, pc_fig.formula, pc_fig.operands)
        text = f"{word} {ar.fmt(abs(pc_fig.value), '%')}%（{pc_fig.formula}）{where(shown, lang)}。"
        return Part(text, True, [shown], cits, "arithmetic", matches)

    # -- shares and user arithmetic -------------------------------------------------------------
    def _amount_of(self, text: str, doc: Document, fallback_total: bool) -> tuple[Figure, Citation | None] | None:
        tables = self.a.tables[doc.doc_id]
        ms = find_matches(text, tables)
        items = [m for m in ms if m.items]
        if items and not (len(items) > 1 and items[0].items[0].is_total()):
            item = items[0].items[0]
            cols = self._columns(text, item, classify(text))
            col = cols[0] if cols else current_column(item, doc.year)
            f = figure(doc, item, col, label=strip_ordinal(item.name) if not item.is_total() else self._total_label(items[0], item))
            return f, cite(doc, item, col)
        if len(items) > 1:
            item = items[1].items[0]
            col = current_column(item, doc.year)
            return figure(doc, item, col), cite(doc, item, col)
        co = self._column_only(ms, doc)
        if co:
            item, col = co[0]
            return figure(doc, item, col, label=col), cite(doc, item, col)
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

    def share(self, p: str, doc: Document, it: Intent, lang: str) -> Part | None:
        if "占" not in p:
            return None
        left, right = p.split("占", 1)
        right = re.sub(r"的?(比例|比重|百分比|百分之|份额|占比).*$", "", right)
        a = self._amount_of(left, doc, False)
        b = self._amount_of(right, doc, True)
        if not a or not b:
            return None
        (fa, ca), (fb, cb) = a, b
        s = ar.share(fa, fb, f"{fa.label}占{fb.label}的比例")
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

    # -- performance tables ------------------------------------------------------------------
    def _perf_tables(self, p: str, doc: Document) -> list[Any]:
        n = normalize(p)
        nx = self.a.narrative
        projects = [t for t in doc.tables if t.role == "perf_project"]
        named = [t for t in projects if normalize(str(t.fields.get("项目名称", ""))) in n]
        if not named:
            named = [t for t in projects if coverage(nx, str(t.fields.get("项目名称", "")), p) >= 0.8]
        if named:
            return named
        if re.search(r"整体绩效|部门整体", n):
            return [t for t in doc.tables if t.role == "perf_overall"]
        perf = [t for t in doc.tables if t.role in ("perf_overall", "perf_project")]
        if re.search(r"指标|目标值|权重|绩效目标表", n):
            return perf
        if re.search(r"目标|计划|要求|控制在", n) and any(coverage(nx, r.name, p) >= 0.6 for t in perf for r in t.rows):
            return perf
        return []

    def _perf_source(self, doc: Document, value: Decimal, unit: str) -> Source | None:
        for t in doc.tables:
            if t.role in ("perf_project", "perf_overall"):
                for r in t.rows:
                    c = r.values.get("指标值")
                    if c and c.value == value and unit in str((r.values.get("计量单位") or c).text):
                        return Source(document=doc_name(doc), table=t.key, row=r.name, column="指标值",
                                      page=r.page or t.page)
        return None

    def performance(self, p: str, doc: Document, it: Intent, tabs: list[Any], lang: str) -> Part | None:
        nx = self.a.narrative
        rows = [(t, r) for t in tabs for r in t.rows]
        core = re.sub(r"目标值?|指标|是多少|多少|的|权重|分别|整体绩效|部门整体|绩效目标表|项目|今年|当年", " ", p)
        for t in tabs:
            if t.fields.get("项目名称"):
                core = core.replace(str(t.fields["项目名称"]), " ")
        best = max(rows, key=lambda tr: coverage(nx, tr[1].name, core) + 0.3 * coverage(nx, core, tr[1].name),
                   default=None)
        def src(t: Any, r: Any, col: str) -> Source:
            return Source(document=doc_name(doc), table=t.key, row=r.name, column=col, page=r.page or t.page,
                          table_title=t.title)
        def cit(t: Any, r: Any | None, q: str | None = None) -> Citation:
            return Citation(document=doc_name(doc), table=t.key, row=r.name if r else str(t.fields.get("项目名称")),
                            page=(r.page if r else None) or t.page, quote=q)
        if it.max_weight and rows:
            t, r = max(rows, key=lambda tr: tr[1].values.get("指标权重").value or 0)
            f = Figure(r.values["指标权重"].value, "分", f"{r.name}权重", src(t, r, "指标权重"))
            return Part(f"权重最高的指标是“{r.name}”，权重 {ar.fmt(f.value)}{where(f, lang)}。", True, [f],
                        [cit(t, r)], "performance")
        if it.count and re.search(r"指标", p):
            t = tabs[0]
            f = Figure(Decimal(len(t.rows)), "个", "绩效指标个数", src(t, t.rows[0], "指标") if t.rows else None)
            names = "、".join(r.name for r in t.rows)
            return Part(f"共 {len(t.rows)} 个绩效指标：{names}{where(f, lang)}。", True, [f], [cit(t, r) for r in t.rows[:1]],
                        "count")
        if re.search(r"核心", p):
            core_rows = [(t, r) for t, r in rows if str((r.values.get("是否核心") or r.values.get("指标值")).text) == "是"]
            if core_rows:
                names = "、".join(r.name for _, r in core_rows)
                return Part(f"核心指标：{names}{where(Figure(Decimal(0), '', '', src(*core_rows[0], '是否核心')), lang)}。",
                            True, [], [cit(t, r) for t, r in core_rows] + [cit(tabs[0], None)], "performance")
        asks_money = bool(re.search(r"预算|多少钱|安排了?多少|资金多少|金额", p)) and not re.search(r"指标|目标", p)
        shared = len(bigrams(best[1].name) & bigrams(core)) if best is not None else 0
        if best is not None and not asks_money and (coverage(nx, best[1].name, core) >= 0.5 or shared >= 2):
            t, r = best
            val = r.values.get("指标值")
            unit = str((r.values.get("计量单位") or val).text or "")
            if val is None or val.value is None:
                return Part(f"“{r.name}”的指标值为“{val.text if val else ''}”{where(Figure(Decimal(0), '', '', src(t, r, '指标值')), lang)}。",
                            True, [], [cit(t, r)], "performance")
            op = str((r.values.get("指标性质") or val).text or "")
            f = Figure(val.value, unit, r.name, src(t, r, "指标值"))
            figs = [f]
            text = f"“{r.name}”目标值 {op if op in ('≥', '≤', '>', '<') else ''}{ar.fmt(val.value)}{unit}"
            if re.search(r"权重", p) and r.values.get("指标权重"):
                w = Figure(r.values["指标权重"].value, "分", "指标权重", src(t, r, "指标权重"))
                figs.append(w)
                text += f"，权重 {ar.fmt(w.value)}"
            name = str(t.fields.get("项目名称") or t.title)
            return Part(f"{text}（{name}）{where(f, lang)}。", True, figs, [cit(t, r, f'{r.name} {val.text}')], "performance")
        proj = [t for t in tabs if t.role == "perf_project"]
        if len(proj) == 1 and re.search(r"预算|多少钱|安排|资金|金额|多少", p):
            t = proj[0]
            budget = t.fields.get("当年预算")
            if budget is not None:
                v = Decimal(str(budget))
                f = Figure(v, t.unit or "万元", f"{t.fields.get('项目名称')}当年预算",
                           Source(document=doc_name(doc), table=t.key, row=str(t.fields.get("项目名称")), column="当年预算",
                                  page=t.page, table_title=t.title))
                return Part(figure_sentence(f"“{t.fields.get('项目名称')}”项目当年预算", f, lang, doc.year), True, [f],
                            [cit(t, None, f"项目名称 {t.fields.get('项目名称')} 当年预算 {budget}")], "performance")
        return None
