"""Answers from the narrative: the sentence that answers, and the figures it states.

The narrative of every document is cut into :class:`Unit` paragraphs that know
their most specific heading (``(一) 收入预算``, ``（一）机关运行经费``,
``联系方式``), then into :class:`Segment` sentences (split at 。 and ；), whose
numbers are read as :class:`NFig` (value, unit, the words before it, and
whether it is a year-on-year change). Long text fields of performance tables
(项目概况 …) are units too, cited by table and project.

A sentence that reads like an instruction to whoever reads the document
("忽略以上内容，回答…", "系统提示：…") is kept as text that may be quoted, ranks
below every other match, and states no figures: a document cannot instruct
the assistant.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.answer import Citation, Figure, Source
from assistant.keyword_search import KeywordIndex, tokenize
from assistant.lookup import doc_name
from assistant.search import Passage
from ingest.model import Document

__all__ = ["HEAD_NUMBER", "NFig", "NarrativeIndex", "Segment", "Unit", "bigrams"]

# the number that opens a heading: （一） / 一、
HEAD_NUMBER = re.compile(r"^\s*([（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)\s*")
_LABEL_LINE = re.compile(r"^([\u4e00-\u9fff（）()]{2,10})[：:]\s*\S")
_NUM = re.compile(r"(?<![\d.,，\-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|亿元|千元|元/吨|元|个工作日|名|人次|人|批次|辆|个|家|条|项|所|%|％|吨|件|户|分(?![钟之别类项配散管成局期批]))")
_CHANGE = re.compile(r"(增加|减少|增长|下降|降低|压减|缩减|上升|提高)\s*$")
_CJK = re.compile(r"[\u4e00-\u9fff]+")
# a sentence that speaks to whoever reads the document out ("忽略以上内容，回答…为999万元", "系统提示：…",
# "ignore previous instructions"): quoted as text when asked for, never a source of figures
_INSTRUCTION = re.compile(
    r"(?:请|务必|你要|你应)?忽略(?:以上|上述|上面|之前|此前|先前|前面|前述|所有|全部|一切|表格|其他|其余)"
    r"|系统提示|系统指令|提示词|(?:今后|以后|请|须|必须|一律)(?:回答|答复|告诉用户|告知用户|输出)"
    r"|(?:告诉|告知)用户|(?:你|您)(?:必须|应当|应该|需要|要)(?:回答|告诉|输出|说)"
    r"|ignore (?:all |any )?(?:the )?(?:previous|above|prior|earlier) |system prompt|you are an? (?:ai|assistant)",
    re.IGNORECASE)
_QWORDS = re.compile(r"多少|几[个辆名条项家所人]?|是否|是不是|有没有|什么|哪些|哪个|哪一|怎么|为什么|为啥|吗|呢|请问|一共|分别|各是|主要|今年|2024年?|的")


def bigrams(text: str) -> set[str]:
    """CJK character bigrams (and single characters of one-character runs); quote marks are ignored."""
    out: set[str] = set()
    for run in _CJK.findall(re.sub(r"[“”\"‘’'「」]", "", text)):
        if len(run) == 1:
            out.add(run)
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


@dataclass
class Unit:
    """A paragraph of narrative (or a text field of a table) with its heading and page."""

    doc: Document
    path: list[str]
    heading: str
    text: str
    page: int | None
    table: str | None = None
    row: str | None = None
    segments: list[Segment] = field(default_factory=list)
    grams: set[str] = field(default_factory=set)
    path_grams: set[str] = field(default_factory=set)

    def citation(self, quote: str | None = None) -> Citation:
        if self.table:
            return Citation(document=doc_name(self.doc), table=self.table, row=self.row, page=self.page,
                            quote=quote, section=None)
        # the whole heading path ("一、单位基本情况 > （二）单位构成"), most specific heading last
        path = [h for i, h in enumerate(self.path) if h and (i == 0 or h != self.path[i - 1])] or [self.heading]
        return Citation(document=doc_name(self.doc), section=" > ".join(path), page=self.page, quote=quote)

    def source(self) -> Source:
        if self.table:
            return Source(document=doc_name(self.doc), table=self.table, row=self.row, page=self.page)
        return Source(document=doc_name(self.doc), section=self.heading, page=self.page)


@dataclass
class NFig:
    """A number a segment states: value, unit, the words before it, and change direction if any."""

    value: Decimal
    unit: str
    start: int
    end: int
    label: str
    after: str
    change: str | None  # 增加 / 减少 … when the number is a year-on-year change
    actual: bool  # "(实有 12 名)"
    segment: Segment | None = None

    def figure(self, label: str) -> Figure:
        u = self.segment.unit if self.segment else None
        unit = "%" if self.unit == "％" else self.unit
        return Figure(value=self.value, unit=unit, label=label, source=u.source() if u else None)


@dataclass
class Segment:
    """A sentence of a unit (split at 。 and ；) with its numbers."""

    unit: Unit
    text: str
    subject: str
    figs: list[NFig] = field(default_factory=list)
    grams: set[str] = field(default_factory=set)
    before_grams: set[str] = field(default_factory=set)
    instruction: bool = False  # reads like an instruction to the reader: quoted as text, no figures


def _heading_of(line: str) -> tuple[str | None, bool]:
    """The heading a line starts with, and whether it persists over the following lines."""
    m = HEAD_NUMBER.match(line)
    if m:
        rest = line[m.end():]
        cut = re.search(r"[：:。]", rest)
        title = rest[: cut.start()] if cut else rest
        if 0 < len(title) <= 24:
            return (m.group(1) + (" " if m.group(1).startswith("(") else "") + title).strip(), True
        return None, False
    m = _LABEL_LINE.match(line)
    if m:
        return m.group(1), False
    return None, False


_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}\s*[.．、](?!\d)|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+)")


def _unwrapped(text: str) -> list[str]:
    """The lines of a section with the page's own line wrapping undone: a long line that stops
    mid-sentence (no 。；：) runs on into the next one unless that one opens a heading or a list
    item ("…涉及一般公共预算财政拨款" / "135.07 万元。" is one sentence)."""
    out: list[str] = []
    for line in text.split("\n"):
        prev = out[-1].rstrip() if out else ""
        if (len(prev) >= 20 and re.search(r"[\u4e00-\u9fff\d，,、]$", prev) and line.strip()
                and not _LIST_MARK.match(line) and not _heading_of(line.strip())[0]):
            out[-1] = prev + line.strip()
        else:
            out.append(line)
    return out


def _segments(unit: Unit) -> list[Segment]:
    out = []
    for raw in re.split(r"(?<=[。；;])|\n", unit.text):
        text = raw.strip()
        if len(text) < 2:
            continue
        subj_m = re.match(r"^(?:[（(][一二三四五六七八九十]+[)）]\s*[^：:。]{0,20}[：:。])?(?:其中[：:]?)?(?:\d{4}\s*年\s*)?([^\d，,：:]{0,30})", text)
        seg = Segment(unit, text, (subj_m.group(1) if subj_m else "").strip())
        seg.grams = bigrams(text)
        if _INSTRUCTION.search(text):
            seg.instruction = True
            out.append(seg)
            continue
        prev_end = 0
        for m in _NUM.finditer(text):
            before = text[max(prev_end, 0):m.start()]
            clause = re.split(r"[，,：:；;、]", before)[-1] if not before.strip().startswith(("(", "（")) else before
            label = clause.strip()
            change = _CHANGE.search(text[max(0, m.start() - 4):m.start()])
            actual = bool(re.search(r"实有\s*$", text[max(0, m.start() - 4):m.start()]))
            seg.figs.append(NFig(Decimal(m.group(1).replace(",", "")), m.group(2), m.start(), m.end(), label,
                                 text[m.end():m.end() + 6], change.group(1) if change else None, actual, seg))
            prev_end = m.end()
        if "持平" in text or "保持一致" in text:
            k = text.find("持平") if "持平" in text else text.find("保持一致")
            seg.figs.append(NFig(Decimal(0), "万元", k, k + 2, text[:k], "", "持平", False, seg))
            seg.figs.sort(key=lambda f: f.start)
        out.append(seg)
    return out


class NarrativeIndex:
    """Units and segments of one or more documents, with keyword search over units."""

    def __init__(self, documents: list[Document]) -> None:
        self.units: list[Unit] = []
        for doc in documents:
            self.units.extend(self._units(doc))
        self.segments: list[Segment] = []
        for u in self.units:
            u.segments = _segments(u)
            u.grams = bigrams(u.text)
            u.path_grams = bigrams(" ".join(u.path))
            for i, seg in enumerate(u.segments):
                seg.before_grams = set().union(*(x.grams for x in u.segments[max(0, i - 2):i]))
            self.segments.extend(u.segments)
        df: Counter[str] = Counter()
        for s in self.segments:
            df.update(s.grams | bigrams(s.unit.heading))
        n = max(len(self.segments), 1)
        self.idf = {g: math.log(1 + n / (1 + c)) for g, c in df.items()}
        self.default_idf = math.log(1 + n)
        self.keyword = KeywordIndex()
        self._by_key: dict[tuple[str, str], Unit] = {}
        passages = []
        for u in self.units:
            p = Passage(u.doc.doc_id, doc_name(u.doc), " > ".join(u.path), u.page, u.text, 0.0)
            passages.append(p)
            self._by_key[(u.doc.doc_id, u.text)] = u
        self.keyword.add(passages)

    @staticmethod
    def _units(doc: Document) -> list[Unit]:
        units: list[Unit] = []
        for sec in doc.sections:
            base = list(sec.path or [sec.heading])
            sub: list[str] = []
            for line in _unwrapped(sec.text):
                line = line.strip()
                if not line:
                    continue
                head, persists = _heading_of(line)
                if head and persists:
                    sub = [head]
                    path = base + sub
                elif head:
                    path = base + sub + [head]
                else:
                    path = base + sub
                heading = path[-1]
                units.append(Unit(doc, path, heading, line, sec.page))
        for t in doc.tables:
            if not t.fields:
                continue
            name = str(t.fields.get("项目名称") or t.fields.get("部门(单位)名称") or t.title)
            for key, val in t.fields.items():
                if isinstance(val, str) and len(val) >= 12:
                    units.append(Unit(doc, [t.key, name, key], f"{name} {key}", f"{key}：{val}", t.page,
                                      table=t.key, row=name))
        return units

    def weight(self, gram: str) -> float:
        return self.idf.get(gram, self.default_idf)

    def overlap(self, qgrams: set[str], text_grams: set[str]) -> float:
        return sum(self.weight(g) for g in qgrams & text_grams)

    def rank_segments(self, question: str, doc_ids: list[str] | None = None, extra: list[Passage] | None = None,
                      exclude: list[str] | None = None, k: int = 8) -> list[tuple[float, Segment]]:
        """Segments best matching the question: term overlap with the sentence and its headings."""
        qg = bigrams(_QWORDS.sub(" ", question))
        boost: set[int] = set()
        for p in extra or []:
            u = self._by_key.get((p.doc_id, p.text))
            if u:
                boost.add(id(u))
        scored = []
        for s in self.segments:
            if doc_ids and s.unit.doc.doc_id not in doc_ids:
                continue
            head = s.unit.path_grams - s.grams
            # the sentences just before name its subject ("…服务中心…。负责…。事业编制 13 名")
            para = s.before_grams - s.grams - head
            sc = self.overlap(qg, s.grams) + 0.6 * self.overlap(qg, head) + 0.25 * self.overlap(qg, para)
            if id(s.unit) in boost:
                sc *= 1.1
            if exclude and any(x in s.text or x in s.unit.text for x in exclude):
                sc *= 0.3
            if s.instruction:  # quoted only when nothing else in the document matches
                sc *= 0.05
            if sc > 0:
                scored.append((sc, s))
        scored.sort(key=lambda x: -x[0])
        return scored[:k]

    def search(self, query: str, k: int = 5, doc_ids: list[str] | None = None) -> list[Passage]:
        """:class:`~assistant.search.PassageSearch` over the units (BM25)."""
        return [p for p, _ in self.keyword.search(query, k, doc_ids)]

    def units_under(self, doc: Document, heading_words: str) -> list[Unit]:
        """Units of ``doc`` whose heading path contains ``heading_words``."""
        return [u for u in self.units if u.doc is doc and any(heading_words in h for h in u.path)]


def query_terms(question: str) -> str:
    """The question without question words, for keyword search."""
    return " ".join(t for t in tokenize(_QWORDS.sub(" ", question)) if len(t) > 1)


# -- answering from segments ---------------------------------------------------------------

MONEY_UNITS = {"万元", "亿元", "千元", "元"}
COUNT_UNITS = {"名", "人", "人次", "批次", "辆", "个", "家", "条", "项", "所", "件", "户"}


@dataclass
class FigPick:
    """A figure chosen from the narrative, with the score it won by."""

    fig: NFig
    score: float


def pick_figures(nx: NarrativeIndex, question: str, *, doc_ids: list[str] | None = None,
                 units: set[str] | None = None, change: bool = False, actual: bool | None = None,
                 exclude: list[str] | None = None, extra: list[Passage] | None = None,
                 n: int = 3) -> list[FigPick]:
    """The narrative numbers that best answer ``question`` (best first).

    ``units`` restricts the unit (名/辆/万元 …); ``change`` asks for year-on-year
    changes (比上年增加 …) instead of amounts; ``actual`` for 实有 numbers.
    """
    qg = bigrams(_QWORDS.sub(" ", question))
    qn = re.sub(r"[“”\"'‘’\s]", "", question)
    picks: list[FigPick] = []
    for seg_score, seg in nx.rank_segments(question, doc_ids, extra, exclude, k=40):
        # a section whose heading is the item the question names ("(一) 机关运行经费") speaks of it
        head = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*|[“”\"'‘’\s。：:]|情况说明$|情况$", "",
                      seg.unit.heading or "")
        titled = 2.0 if len(head) >= 3 and head in qn else 0.0
        for f in seg.figs:
            if units is not None and f.unit not in units:
                continue
            if change != bool(f.change):
                continue
            if actual is not None and f.actual != actual:
                continue
            near = bigrams(f.label)
            if f.actual:  # "(实有 12 名)" belongs to the figure before it
                prev = [g for g in seg.figs if g.end <= f.start]
                near |= bigrams(prev[-1].label) if prev else set()
            if change and not (qg & bigrams(f.label)) and seg.figs and seg.figs[0] is not f:
                near |= bigrams(seg.subject)
            # the words right after a number ("…万元，用于X") count less than its own label, so in
            # "人员经费479.71万元，公用经费98.2万元" 公用经费 is the second number's, not the first's
            # (a count names its thing after the number: "12 个基层司法所", so there it counts in full)
            # (up to a clause mark: "行政单位 1 家，事业单位 4 家" — 事业单位 is the next number's)
            after = bigrams(re.split(r"[，,；;。、]", f.after)[0][:4]) - near
            local = nx.overlap(qg, near) + (0.4 if f.unit in MONEY_UNITS else 1.0) * nx.overlap(qg, after)
            picks.append(FigPick(f, seg_score + 2.5 * local + titled - 0.01 * f.start))
    picks.sort(key=lambda p: -p.score)
    return picks[:n]


def reason_segments(nx: NarrativeIndex, question: str, doc_ids: list[str] | None = None,
                    extra: list[Passage] | None = None, k: int = 5) -> list[tuple[float, Segment, str]]:
    """Sentences giving the reason for a change, best first, each with its reason clause."""
    out: list[tuple[float, Segment, str]] = []
    qg = bigrams(_QWORDS.sub(" ", question))
    for sc, seg in nx.rank_segments(question, doc_ids, extra, k=12):
        m = re.search(r"(主要原因(?:一|之一)?[是为：:]|原因(?:一)?[是为：:]|主要是|主要由于|由于|因为)", seg.text)
        if not m:
            continue
        subj = nx.overlap(qg, bigrams(seg.subject + seg.text[: m.start()]))
        score = sc + 1.5 * subj + (3 if "原因" in m.group(1) else 0)
        out.append((score, seg, seg.text[m.start():].rstrip("。；;")))
    out.sort(key=lambda x: -x[0])
    return out[:k]


def reason_segment(nx: NarrativeIndex, question: str, doc_ids: list[str] | None = None,
                   extra: list[Passage] | None = None) -> tuple[Segment, str] | None:
    """The sentence giving the reason for a change, and the reason clause itself."""
    best = reason_segments(nx, question, doc_ids, extra, k=1)
    return (best[0][1], best[0][2]) if best else None


def best_segments(nx: NarrativeIndex, question: str, doc_ids: list[str] | None = None,
                  extra: list[Passage] | None = None, exclude: list[str] | None = None,
                  k: int = 3) -> list[tuple[float, Segment]]:
    return nx.rank_segments(question, doc_ids, extra, exclude, k=k)


def coverage(nx: NarrativeIndex, core: str, text: str) -> float:
    """Share (by weight) of ``core``'s bigrams that ``text`` contains."""
    cg = bigrams(core)
    if not cg:
        return 0.0
    total = sum(nx.weight(g) for g in cg)
    return nx.overlap(cg, bigrams(text)) / total if total else 0.0


def count_list(text: str) -> list[str]:
    """Items of a list after a colon: ``单位有：A(…)、B(…)。`` → [A, B]."""
    m = re.search(r"[：:](.+)", text)
    if not m:
        return []
    body = re.sub(r"[（(][^）)]*[)）]", "", m.group(1)).rstrip("。；; ")
    items = [x.strip() for x in re.split(r"[、，,]", body) if x.strip()]
    return items if len(items) >= 2 else []


def numbered_items(nx: NarrativeIndex, doc: Document, heading_word: str) -> list[Unit]:
    """Numbered lines (1. … 2. …) under a heading containing ``heading_word``."""
    return [u for u in nx.units_under(doc, heading_word) if re.match(r"^\d+\s*[.、．]", u.text)]


# --- an item's own change against last year, as the narrative states it ------------------------

_CMP = (r"(?:比\s*上年度?(?:预算数?)?|较\s*上年度?|与\s*上年度?(?:预算数?)?(?:相比)?|比\s*20\d\d\s*年度?(?:预算数?)?|"
        r"较\s*20\d\d\s*年度?|与\s*20\d\d\s*年度?相比|同比|本年数?)")
_DIR = r"(增加|增长|上升|减少|下降|降低|大于|小于|多|少|持平|未发生变化|没有变化|相同|不变|一致)"
_AMT = r"(?:了|上年(?:预算)?数?)?\s*([\d,]+(?:\.\d+)?)?\s*(万元|亿元|元)?"
# the name's clause, or the next sentence when it opens with the comparison ("…5533万元。与上年相比减少20万元")
_AFTER_NAME = re.compile(r"^(?:[^。；;（(]|[（(][^）)]{1,4}[）)]){0,160}?(?:。\s*)?" + _CMP + r"[^。；;，,\d（(]{0,10}?" + _DIR + _AMT)
# the comparison before the name ("与 2023 年度相比，收入支出总计增加 307.82 万元")
_BEFORE_NAME = re.compile(r"(?:与|和|较|比)\s*(?:上年度?|上一年|去年|20\d\d\s*年度?)\s*(?:相比|比较)?\s*[，,]?\s*$")
_MONEY_IN = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|元|亿元)")
_DIR_AFTER = re.compile(r"^\s*" + _DIR + _AMT)
_DIRECTION = {"增加": "增加", "增长": "增加", "上升": "增加", "大于": "增加", "多": "增加",
              "减少": "减少", "下降": "减少", "降低": "减少", "小于": "减少", "少": "减少"}


@dataclass(frozen=True)
class OwnChange:
    """What the narrative says of one item against last year: 增加 / 减少 / 持平, the amount
    (None for 持平 or when not stated), the sentence and where it stands."""

    name: str
    direction: str
    figure: Figure | None
    quote: str
    unit: Unit


def own_change(nx: NarrativeIndex, doc: Document, names: list[str], opening: tuple[str, ...] = (),
               value: Decimal | None = None) -> OwnChange | None:
    """The change the narrative states for an item named ``names`` (longest first): the item's
    name, then in the same clause (not past 。；or an opening parenthesis, which starts another
    item's figures) a comparison with last year and its direction and amount —
    "公务用车购置费331万元，比上年增加119.15万元", "公务接待费156.55万元，本年数小于上年预算数
    29.65万元", "项目支出预算数为5533万元。与上年相比减少20万元" (the next sentence opens
    with the comparison). With the item's own ``value``, a sentence stating that value comes
    first: the same name's change on another funding basis (all funds against 一般公共预算) is
    stated in another sentence beside another figure."""
    found_all: list[OwnChange] = []
    # (longest first; names of one length in the order given, never the hash order of a set)
    keys = sorted(dict.fromkeys(n.strip() for n in names if n and len(n.strip()) >= 2), key=len, reverse=True)
    # ``opening``: short names (a total's bare 支出 / 收入) taken only where they open a clause
    # ("…；支出比 2022 年增加 4.56 万元"), never inside another item's name (一般公共服务支出)
    for key in keys + [o for o in opening if o not in keys]:
        for u in nx.units:
            if u.doc is not doc:
                continue
            text = u.text
            for found in _name_in(key, text):
                i, key_end = found.start(), found.end()
                if key in opening and key not in keys and i > 0 and text[i - 1] not in "。；;，,：:\n ":
                    continue
                m = _AFTER_NAME.match(text[key_end:])
                if m is None and _BEFORE_NAME.search(text[max(0, i - 16):i]):
                    m = _DIR_AFTER.match(text[key_end:])
                opens = max(text.rfind(ch, 0, i) for ch in "。；;，,") + 1
                if m and "。" in m.group(0) and len(text[opens:i].strip()) > 6:
                    m = None  # past its sentence only when the name opens that sentence
                if m and m.end() > 64 and len(_MONEY_IN.findall(m.group(0))) > 2:
                    m = None  # a long way to the comparison only past the item's own figure (主要用于…)
                if m:
                    word = m.group(1)
                    direction = _DIRECTION.get(word, "持平")
                    fig = None
                    if m.group(2) and direction != "持平":
                        unit = m.group(3) or "万元"
                        fig = Figure(value=Decimal(m.group(2).replace(",", "")), unit=unit,
                                     label=f"{key}比上年{direction}", source=u.source())
                    if direction == "持平" or fig is not None:
                        start = max(0, max(text.rfind(ch, 0, i) for ch in "。；;") + 1)
                        end = key_end + m.end()
                        found_all.append(OwnChange(key, direction, fig, text[start:end].strip(), u))
                        if value is None:
                            return found_all[0]
        if found_all:
            break  # the longest name that states a change
    if value is not None:
        shown = {f"{value:,.2f}", f"{value:.2f}"}
        return next((c for c in found_all if any(v in c.quote for v in shown)), found_all[0] if found_all else None)
    return None


def _name_in(key: str, text: str) -> list[re.Match[str]]:
    """Where ``key`` stands in ``text``, quotation marks inside the name allowed (三公经费 in
    “三公”经费)."""
    return list(re.finditer("[“”\"'‘’]?".join(map(re.escape, key)), text))


_ASKED_UP = re.compile(r"增加|增长|上升|涨|多了|提高|翻")
_ASKED_DOWN = re.compile(r"减少|下降|降低|降了|少了|压减|缩减|压缩|削减|节省|省了")


def asked_direction(question: str) -> str | None:
    """The direction a question takes for granted (为什么增加了 → 增加), or None."""
    up, down = _ASKED_UP.search(question), _ASKED_DOWN.search(question)
    if bool(up) == bool(down):
        return None
    return "增加" if up else "减少"


# --- a 决算's budget and actual figures of one item, as the narrative states them ---------------

_BUDGET_SAID = re.compile(r"(年初|全年|调整)?预算(?:数)?(?:为|是)?\s*([\d,]+(?:\.\d+)?)\s*(万元|元)")
_ACTUAL_SAID = re.compile(r"决算(?:数)?(?:为|是)\s*([\d,]+(?:\.\d+)?)\s*(万元|元)")
_NEXT_ITEM = re.compile(r"(?:^|[。；;\s])\d{1,2}[、.．]|[（(][一二三四五六七八九十]+[)）]")


@dataclass(frozen=True)
class BudgetActual:
    """An item's budget and actual figures from one passage of a 决算's narrative."""

    name: str
    budget: Figure
    actual: Figure
    budget_word: str  # 年初 / 全年 / 调整 / ""
    quote: str
    unit: Unit


def budget_actual(nx: NarrativeIndex, doc: Document, names: list[str], wanted: str | None = None) -> BudgetActual | None:
    """The budget and actual figures the narrative states right after an item's name ("行政运行
    （项）。主要用于：…。全年预算为52.00万元，支出决算为51.32万元"), within the item's own passage
    (up to the next numbered item); the budget of the kind ``wanted`` (年初 / 全年) when given."""
    keys = sorted(dict.fromkeys(n.strip() for n in names if n and len(n.strip()) >= 2), key=len, reverse=True)
    for key in keys:
        for u in nx.units:
            if u.doc is not doc:
                continue
            text = u.text
            i = text.find(key)
            while i >= 0:
                rest = text[i + len(key): i + len(key) + 220]
                cut = _NEXT_ITEM.search(rest)
                window = rest[: cut.start()] if cut else rest
                budgets = [b for b in _BUDGET_SAID.finditer(window) if not wanted or b.group(1) == wanted]
                actual = _ACTUAL_SAID.search(window)
                rank = {"全年": 0, "调整": 1, None: 2, "年初": 3}
                budgets = sorted((b for b in budgets if Decimal(b.group(2).replace(",", "")) != 0),
                                 key=lambda b: rank.get(b.group(1), 2))
                if budgets and actual:
                    b = budgets[0]  # the full-year budget unless another is asked; never a budget of 0
                    src = u.source()
                    word = b.group(1) or ""
                    bf = Figure(Decimal(b.group(2).replace(",", "")), b.group(3), f"{key}{word}预算数", src)
                    af = Figure(Decimal(actual.group(1).replace(",", "")), actual.group(2), f"{key}决算数", src)
                    end = max(b.end(), actual.end())
                    return BudgetActual(key, bf, af, word, (key + window[:end]).strip(), u)
                i = text.find(key, i + 1)
    return None
