"""The plan of an answer: what a question asks of which documents, as one small typed value.

    question ─ normalise ─► text ─ resolve_scope ─► Scope ─ operation over documents ─► Plan

A :class:`Plan` says which documents are in scope (and how the question named them), what is
done across them (:class:`Across`: one document's own answer, the same item for each, a
comparison, a change across years, a ranking, a sum, or asking back) and the question each
document is asked (``item``: the question without the words that chose documents or named the
operation). ``python -m assistant ask --explain`` prints it.

The words read here are grammar (谁, 哪个, 多多少, 最多, 一共, 增长率 …), never items: items are
found by each document's own answering, from its row names and codes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from assistant.understand.normalise import Normalised
from assistant.understand.scope import NEGATED_KIND, READING_NOTE, Scope

__all__ = ["SUM_WORDS", "TIMES", "Across", "Plan", "item_question", "plan_across"]

MAX_LISTED = 12  # more documents than this for an unnamed question: ask which were meant
MAX_ACROSS = 60  # more documents than this are not read one by one (ranked, added, searched for the item)

_DIFF = re.compile(r"多多少|少多少|差多少|相差|差距|差额|高多少|低多少|高出|多出|少了多少|多了多少|差了多少")
_WHICH = re.compile(r"谁|哪(?:个|家|一个|些)")
_MOST = re.compile(r"最(?:多|少|高|低|大|小)|第[二三四五六七八九2-9](?:多|少|高|低|大|小)|排名|排序|排行|排(?:个|一下)?队|从高到低|从低到高|从大到小|从小到大|前\d+")
_HIGHER = re.compile(r"[多少高低大小]")
# each document's change against its own year before ("各自和前一年比", "都减了，各减多少")
_OWN_CHANGE = re.compile(r"各自.{0,4}(?:上一年|上年|去年|前一年)|(?:上一年|上年|去年|前一年).{0,6}分别|"
                         r"都比(?:上一年|上年|去年|前一年|\s*20\d\d\s*年)|(?:上一年|上年|去年|前一年|比\s*20\d\d\s*年).{0,8}各(?:是|自|有)?(?:少了|多了|增|减|降|涨|变)|"
                         r"各(?:自)?比(?:上一年|上年|去年|前一年)|"
                         r"(?:和|与|跟)\s*20\d\d\s*年?\s*(?:相)?比[，,]?\s*各(?:减少|增加|少了|多了|降|涨|变)")
_SHARE_OF_OTHER = re.compile(r"相当于.{0,30}?(?:百分之|%|比例|几成|几倍|多少倍)|是.{1,30}?的(?:百分之|几成)")
_ORDER = re.compile(r"排名|排序|排行|排(?:个|一下)?(?:队|序)|从高到低|从低到高|从大到小|从小到大")  # the documents put in order
SUM_WORDS = re.compile(r"一共|合计|总共|加(?:起来|[在到]?一(?:起|块儿?)|总)|合(?:起来|在一起)|总和|共计")
TIMES = re.compile(r"几倍|多少倍|倍数")
# 比 that compares, not 比例 / 比率 / 比重 (a share, followed by what is said of it); 比 before a
# name that opens with 重 (比重庆市…) compares
_BI = r"比(?![例率])(?!重(?:是|为|有|多少|大约|约|占|的|达|了|[，,。？?]|$))"
_CHANGE = re.compile(rf"增|减|变化|涨|降|多了|少了|{_BI}|相比|对比")
_RATE = re.compile(r"增长率|增幅|降幅|增速|百分之|%|幅度|百分比")
WHICH_BODIES = re.compile(r"(?:有)?哪(?:些|几个|几家)(?:部门|单位)?|哪(?:个|家)(?:部门|单位)")
_REASON = re.compile(r"为什么|为啥|原因|怎么会|why", re.I)
# a question about the documents themselves: how many, which ones (no figure of theirs asked)
_ABOUT_DOCS = re.compile(r"(?:几|多少)份|哪(?:几|些|一)?份|(?:文件|材料|文档)(?:有|是)?(?:哪些|哪几)|"
                         r"(?:几|多少)(?:个|家)(?:部门|单位)的(?:材料|文件|文档|报告)|(?:材料|文件|文档|报告)是哪(?:个|家)(?:部门|单位)的|"
                         r"(?:库里|载入|加载|上传)[^，,。？?]{0,12}(?:几|多少|哪些|哪几)|"
                         r"how many (?:of the )?(?:loaded )?(?:documents|files|disclosures)|which (?:of the )?(?:loaded )?(?:documents|files|disclosures)", re.I)
_FIGURE_WORDS = re.compile(r"经费|支出|收入|费|钱|金额|元|数额|预算数|决算数|合计|总额|拨款|采购|资产|人员|编制|"
                           r"(?<!\d)(?:\d{3}|\d{5}|\d{7})(?!\d)|“[^”]{2,}”|补助|补贴|工资|公积金|津贴|科目|"
                           r"spend|spent|cost|amount|expenditure|income|budgeted", re.I)
_GROUP_WORDS = re.compile(r"[这那]几[个家]|[这那]些|各个?部门|各单位|所有|几个部门|各家|每个部门|每个单位|几家|"
                          r"[两二三四五六七八九十\d]+(?:家|个部门|个单位|份)")

# grammar around the item in a question across documents
_FILLER = re.compile(
    r"谁家的?|谁的|谁|哪(?:个|家|一个)(?:部门|单位)?的?|各自|分别|各是|都是|各有|各|这几个部门的?|这些部门的?|"
    r"所有部门的?|几个部门的?|这几家的?|(?:和|与|跟|同|及|以及|还有|、|，|,)(?=\s*$)|"
    r"多多少|少多少|相差多少|差多少|差距有?多大|差额|高多少|低多少|多出多少|少了多少|多了多少|差了多少|"
    r"最(?:多|少|高|低|大|小)|排名|排序|排行|排(?:个|一下)?[队序]|(?:怎么|如何)排|按|从高到低|从低到高|从大到小|从小到大|前\d+(?:名|个|位)?|"
    r"一共|合计|总共|加(?:起来|在一起|到一起|总)|合(?:起来|在一起)|总和|共计|"
    r"(?:增长|增加|下降|减少|降低|变化)了?(?:百分之几|多少%|几个百分点|多少个百分点|多少)|百分之几|"
    r"增长率|增幅|降幅|增速|是?的?(?:几|多少)倍|倍数|一年的?|"
    r"(?:压缩|压减|缩减|削减|缩小|扩大|上涨|上升|涨|降)了?(?:多少|百分之几)?|"
    r"增加了?多少|减少了?多少|增长了?多少|下降了?多少|变化了?多少|增减(?:了|情况)?|有什么变化|变化|"
    r"相比|对比|比较|" + _BI + r"|(?:有)?哪(?:些|几个|几家)(?:部门|单位)?|哪(?:个|家)(?:部门|单位)|安排了")
_GRAMMAR = re.compile(r"(?:是|有|多了|少了|还是|增加|减少|增|减|变化|差|多少|比|和|与|跟|的|了|呢|吗|各|是否|多|少|高|低)+")
_SCOPE_ONLY = re.compile(r"(?:只看|只算|仅看|看|的|预算|决算|部门|单位|文件|材料|里|中|这|那|几|个|份|两|[（）()\s]|"
                         r"[\u4e00-\u9fff]{1,4}?(?:省|市|区|县))+")  # and places left of a department's name
_DOC_COUNT = re.compile(r"(?:有)?(?<![这那哪])(?:几|多少)(?:份|家|个部门|个单位)")
_ITEM_NAMED = re.compile(r"\d{3,7}|费|支出|收入|预算数|决算数|经费|资金|拨款|总额|总计|合计")  # a clause that names an item
AMOUNT = re.compile(r"费|支出|收入|预算数|决算数|金额|钱|经费|资金|拨款|元")
_DEPARTMENTS = re.compile(r"(?:各个?|每个|所有|这几个|这些|几个|各家|那几份|这几份|几份|这些|那些)(?:部门|单位|家|材料|文件)的?"
                          r"(?:[（(][^）)]*[）)])?")
_CONNECT = re.compile(r"^[和与跟同及、，,的]+|[和与跟同及、，,]+$")
_YEARS = re.compile(r"(?<!\d)20\d\d(?!\d)\s*年?(?:度)?|今年|本年|当年|去年|上年|上一年|前年|明年|下一年")
_ASK = re.compile(r"多少|几|是否|吗|什么|哪|怎么|为什么|如何|呢|\?|？")


class Across(str, Enum):
    """What is done across the documents in scope."""

    ONE = "one-document"  # one document answers on its own
    EACH = "each"  # the same question for each document, one row each
    COMPARE = "compare"  # two or more issuers' figures compared (谁多, 多多少)
    CHANGE = "change"  # one issuer's documents of several years (增减, 增长率)
    RANK = "rank"  # the documents ranked by their figure
    SUM = "sum"  # the figures added over the documents
    DOCS = "documents"  # the loaded documents themselves, counted and named (决算报告共几份)
    CLARIFY = "clarify"  # too many documents for a question that names none
    DECLINE = "decline"  # no loaded document can answer


@dataclass(frozen=True)
class Plan:
    """What a question asks of which documents (printed by ``ask --explain``)."""

    question: str
    text: str
    normalised: tuple[str, ...]
    scope: Scope
    across: Across
    item: str
    rate: bool = False  # a change asked as a rate (增长率 / 百分之几)
    descending: bool = True  # a ranking from the largest

    def explain(self, names: dict[str, str] | None = None) -> str:
        """The plan as a few lines a person can check."""
        names = {k: v for k, v in (names or {}).items() if v}
        lines = [f"question:   {self.question}"]
        if self.text != self.question:
            lines.append(f"normalised: {self.text}  ({', '.join(self.normalised) or 'typo repaired'})")
        for typed, name in self.scope.repaired:
            lines.append(f"repaired:   {typed} → {name}")
        for m in self.scope.mentions:
            lines.append(f"issuer:     “{m.text}” → " + "; ".join(names.get(i, i) for i in m.doc_ids))
        if self.scope.years:
            lines.append("years:      " + ", ".join(str(y) for y in self.scope.years))
        if self.scope.kind:
            lines.append(f"kind:       {self.scope.kind}")
        lines.append("documents:  " + ("; ".join(names.get(i, i) for i in self.scope.doc_ids) or "none"))
        lines.append(f"operation:  {self.across.value}" + (" (rate)" if self.rate else ""))
        if self.scope.why:
            lines.append(f"declined:   {self.scope.why}")
        lines.append(f"asked of each document: {self.item}")
        return "\n".join(lines)


def item_question(text: str, scope: Scope, across: Across,
                  printed: Callable[[str], bool] | None = None) -> str:
    """The question each document is asked: the words that chose documents (issuer mentions, and
    the years when they chose among an issuer's documents) and the operation's grammar removed.
    Asked of one document, a name that document prints (``printed``) stays: it reads it itself."""
    q = re.sub(r"[（(]?" + NEGATED_KIND.pattern + r"[)）]?", "", text)  # 不算决算: a scope word, not an item
    for m in sorted(scope.mentions, key=lambda m: -m.start):
        end = m.start + len(m.text)
        if m.start < 0 or q[m.start:end] != m.text:
            continue  # named outside the question's text (an English place read for scoping)
        if re.match(r"机关|本级", q[end:end + 2]):
            continue  # 市场监管局机关: a unit of the department, kept
        if across is Across.ONE and printed is not None and printed(m.text):
            continue
        # the place said before the name (普陀区社工部, 东湖区城管局) goes with it
        start = m.start
        before = re.search(r"[\u4e00-\u9fff]{2,7}?(?:省|市|区|县)的?$", q[:m.start])  # (西江区的统计局)
        if before:
            lead = re.match(r"^[的和与及跟、是在]+", before.group(0))
            if len(before.group(0)) - (lead.end() if lead else 0) >= 3:
                start = before.start() + (lead.end() if lead else 0)
        q = q[:start] + q[end:]
    q = re.sub(r"(?:^|(?<=[，,]))[\d一二两三四五六七八九十]+(?:个|份|家)(?:单位|部门|文件|材料)?的?", "", q)  # "两个文旅委的"
    # "库里这些预决算中": the documents themselves, not an item
    q = re.sub(r"(?:已经|已)?(?:加载|载入|上传|导入)了?的?(?:这|那)?(?:[几两二三四五六七八九十\d]+份)?"
               r"(?:预决算|预算|决算|文件|材料)?(?:里|中|当中)?[，,]?的?", "", q)
    q = re.sub(r"(?:这|那)?(?:[几两二三四五六七八九十\d]+份)?(?:预决算(?:里|中|当中)?|(?:预算(?:和|与|及|、)?决算|"
               r"决算(?:和|与|及|、)?预算)(?:里|中|当中))[，,]?的?", "", q)  # (年初预算和决算各多少: the columns asked)
    if len(scope.doc_ids) > 1:  # a bracketed note on how to read one of them ("（X用它的决算数）")
        q = READING_NOTE.sub("", q)
    if len(scope.doc_ids) > 1:  # "某市那几份文件的": the documents themselves, not an item
        q = re.sub(r"(?:[\u4e00-\u9fff]{2,4}[市区县])?(?:(?:这|那)[几两二三四五六七八九十\d]+(?:份|家|个)"
                   r"(?:预算|决算|文件|材料|单位|部门)?|[两二三四五六七八九十\d]+(?:份|家|个)"
                   r"(?:预算|决算|文件|材料|单位|部门))(?:里|中)?的?", "", q)
    if len(scope.doc_ids) > 1:
        own = "\x00"  # "和各自上一年比": each document against its own year before, asked as 上年
        if across is Across.EACH and _OWN_CHANGE.search(q):  # "都比上年少了": 上年 is each one's own
            q = re.sub(r"(?<=[比较])(?:上一年|上年|去年|前一年|\s*20\d\d\s*年度?)", own, q)
            q = re.sub(r"都(?=比)", "", q)
        q = _YEARS.sub("", re.sub(r"(?:各自|自己|本身)的?(?:上一年|上年|去年|前一年)", own, q)).replace(own, "上年")
        q = _DEPARTMENTS.sub("", q)  # "各部门的": the documents themselves, not units inside one
        q = re.sub(r"(?:分别|各自)(?=的?(?:占|是|为|有|支出|收入|预算|总额|合计))", "", q)  # each document, asked alone
        if re.search(r"决算", q) and re.search(r"(?<!公共)(?<!基金)(?<!经营)预算", q):
            # "2023年预算和2026年决算比": each document gives its own kind of figure
            q = re.sub(r"(?<!公共)(?<!基金)(?<!经营)(?:预算|决算)数?(?:和|与|跟|及)?", "", q)
    q = re.sub(r"[（(][、，,\s和与及]*[)）]", "", q)  # brackets left empty once the names inside are taken out
    # "X、Y和Z的…" with the names taken out (not "…，和Y的X比": a comparison's 和 stays)
    q = re.sub(r"^[、，,\s和与及跟]+|(?:[，,]\s*)?(?:[和与及跟、]\s*)+(?=(?:的|各|分别|都)(?![^，,。？?]*比))", "", q)
    if across is Across.ONE or (across in (Across.EACH, Across.CLARIFY) and not WHICH_BODIES.search(q)):
        return re.sub(r"^[的，,\s]+", "", q).strip() or text  # the same question, of each document
    # "加载的决算有几份？它们的支出合计…": the count of documents is answered from the registry, the
    # item is in the other clauses
    clauses = [c for c in re.split(r"(?<=[？?])", q) if c.strip()]
    if len(clauses) > 1:
        q = "".join(c for c in clauses if not _DOC_COUNT.search(c) or AMOUNT.search(_DOC_COUNT.sub("", c)))
    q = re.sub(r"它们的?|他们的?|这些的?", "", q)
    # "那几个区级单位里，X…": the bodies in scope, named as a group, are not part of the item
    q = re.sub(r"(?:[那这]?(?:\d+|几)个)?(?:[区市县省]级)?(?:单位|部门)(?:里面|里|中|当中|之中)[，,]?", "", q)
    # "哪些单位公布了X": which documents print X, asked of each as X
    q = re.sub(r"(?:公布|公开|披露|列出|列示|发布|报告)(?:了|过)?(?=[^，,。？?]{2,}|[，,。？?]|$)", "", q) if WHICH_BODIES.search(text) else q
    q = _FILLER.sub("", q)
    q = re.sub(r"的{2,}", "的", q)
    if across in (Across.CHANGE, Across.COMPARE):
        # the item is named once; the other clauses only compare ("和…比，是多了还是少了？")
        chunks = [c.strip(" 的") for c in re.split(r"[，,；;？?。]", q)]
        chunks = [c for c in chunks if len(re.findall(r"[\u4e00-\u9fff]", c)) >= 2 and not _GRAMMAR.fullmatch(c)
                  and not _SCOPE_ONLY.fullmatch(c)]
        if len(chunks) > 1 and re.search(r"(?:里面|里头|当中|之中|里|中)$", chunks[0]):
            chunks = [chunks[0] + chunks[1]] + chunks[2:]  # "“三公”经费里，公务接待费…": the item inside
        if chunks:
            # the clause that names an amount (not "同样是街道办，…" before it)
            first = next((c for c in chunks if _ITEM_NAMED.search(c)), chunks[0])
            q = re.sub(r"(?:和|与|跟|同)[^，,]{0,16}?比$|比$", "", first)
    q = _CONNECT.sub("", q.strip(" ？?。.!！"))
    q = re.sub(r"(?:各是|各有|是|有|为)?多少钱?(?:[？?，,]\s*)*$", "", q).strip(" ？?，,")
    q = re.sub(r"(?:更|还)?[多少高低大小]$", "", q) if _WHICH.search(text) or _DIFF.search(text) else q
    q = re.sub(r"^[的是在]+", "", q)
    if len(re.findall(r"[\u4e00-\u9fff]", q)) < 2:
        q = "收支总计"
    else:  # a bare 支出 / 收入 across documents: the department's whole expenditure / income
        q = re.sub(r"^总?(支出|收入)(?=是|多少|$)", r"本年\1合计", q)
    if not _ASK.search(q):
        q += "是多少"
    return q


def _place_of_several(scope: Scope, issuers: dict[str, str]) -> bool:
    """True when the question's one name is a place (云溪区) whose bodies in scope are several:
    "云溪区的X加起来" adds them, as a list of their names would."""
    if len(scope.mentions) != 1 or not re.fullmatch(r"[\u4e00-\u9fff]{1,8}?(?:省|市|区|县|街道|镇|乡)", scope.mentions[0].text):
        return False
    return len({issuers.get(i, i) for i in scope.mentions[0].doc_ids}) >= 2


def plan_across(norm: Normalised, text: str, scope: Scope, issuers: dict[str, str],
                years_of: dict[str, int | None] | None = None,
                printed: Callable[[str, str], bool] | None = None) -> Plan:
    """The plan for ``text`` (the normalised question) over ``scope``; ``issuers`` maps each
    document in scope to its issuer, so documents of one issuer are told from several issuers,
    ``years_of`` to its year; ``printed(doc_id, name)`` says whether a document prints a name."""
    years_of = years_of or {}
    ids = scope.doc_ids
    if scope.why or not ids:
        return Plan(norm.original, text, norm.changes, scope, Across.DECLINE, text)
    groups = {issuers.get(i, i) for i in ids}
    # issuers the question names one by one: one name that fits two issuers (经信委 of a city and
    # of a district) is one ambiguous name, answered for each, not two issuers to add or compare
    named_groups = {issuers.get(i, i) for m in scope.mentions for i in m.doc_ids} if len(scope.mentions) >= 2 else (
        {issuers.get(i, i) for m in scope.mentions for i in m.doc_ids[:1]})
    # "两个商务委": a count before a name that fits several issuers names all of them
    if len(scope.mentions) == 1 and re.search(r"[两二三四五六七八九十\d]+(?:个|家|份)" + re.escape(scope.mentions[0].text), text):
        named_groups = {issuers.get(i, i) for i in scope.mentions[0].doc_ids}
    elif len(scope.mentions) == 1 and re.search(r"各|分别", text) and SUM_WORDS.search(text):
        # "X各是多少？加起来呢？": each of the issuers the name fits, and then all of them added
        named_groups = {issuers.get(i, i) for i in scope.mentions[0].doc_ids}
    rate = bool(_RATE.search(text))
    if (_ABOUT_DOCS.search(text) or _ABOUT_DOCS.search(norm.original)) and not _FIGURE_WORDS.search(text) \
            and not _FIGURE_WORDS.search(norm.original):  # (an English question is also read as asked)
        return Plan(norm.original, text, norm.changes, scope, Across.DOCS, text)
    if len(ids) == 1:
        across = Across.ONE
    elif len(groups) == 1 and _REASON.search(text):
        # why an issuer's figure changed: its latest document explains against the year before
        latest = max(ids, key=lambda i: years_of.get(i) or 0)
        scope = Scope((latest,), scope.mentions, scope.years, scope.kind, scope.why, scope.repaired)
        across = Across.ONE
    elif _OWN_CHANGE.search(text) and (len(groups) >= 2 or len(ids) >= 2 and re.search(r"各|分别", text)):
        across = Across.EACH  # "各自和前一年比，增减多少": each document's own change, side by side
    elif len(groups) == 1 and len(ids) >= 2 and len(scope.years) >= 2 and SUM_WORDS.search(text) \
            and not _CHANGE.search(text):
        across = Across.SUM  # one issuer's figures of the years named, added (两年合计)
    elif len(groups) == 1 and len(ids) == 2 and TIMES.search(text):
        across = Across.COMPARE  # "2018年是2017年的几倍": one issuer's two years, one over the other
    elif len(groups) == 1 and len(ids) >= 2 and _CHANGE.search(text):
        across = Across.CHANGE
    elif len(named_groups) >= 2 and _SHARE_OF_OTHER.search(text):
        across = Across.COMPARE  # "A的X相当于B的Y的百分之几": one document's figure over another's
    elif _MOST.search(text) and (_WHICH.search(text) or not scope.mentions or len(named_groups) >= 3
                                 or _ORDER.search(text)):
        across = Across.RANK
    elif SUM_WORDS.search(text) and (len(named_groups) >= 2 or _GROUP_WORDS.search(text) or _place_of_several(scope, issuers)
                                     or (not scope.mentions and len(groups) >= 2 and not WHICH_BODIES.search(text))):
        across = Across.SUM  # named departments added, or every document in scope (2023年的预算加起来)
    elif len(named_groups) >= 2 and (_DIFF.search(text) or (_WHICH.search(text) and _HIGHER.search(text))
                                     or re.search(_BI, text) or TIMES.search(text)):
        across = Across.COMPARE
    elif _place_of_several(scope, issuers) and _WHICH.search(text) and re.search(r"更|比较|相比", text) \
            and _HIGHER.search(text):
        # "东湖区那两个单位，哪个更大": the place's bodies compared (ranked, when more than two)
        across = Across.COMPARE if len(groups) == 2 else Across.RANK
    elif all(m.text.isascii() for m in scope.mentions) and len(groups) == 2 and _WHICH.search(text) and (
            _DIFF.search(text) or _HIGHER.search(text)):
        across = Across.COMPARE  # "只看2024年的预算，哪个部门的…多，多多少": the two in scope
    else:
        across = Across.EACH
    descending = not re.search(r"(?:最|第[二三四五六七八九2-9])(?:少|低|小)|从低到高|从小到大", text)
    one = scope.doc_ids[0]
    item = item_question(text, scope, across, (lambda name: printed(one, name)) if printed else None)
    return Plan(norm.original, text, norm.changes, scope, across, item, rate=rate, descending=descending)
