"""Score answers against a gold question set, by the shared scoring rules.

Everything here is a pure function of a :class:`~eval.gold.GoldItem` and an
answer object (one parsed line of an answer file). The readings below are the
precise form of the rules in the evaluation README.

Text normalisation
    ``norm(s)`` = NFKC, all whitespace removed, casefolded. NFKC turns
    full-width digits, ``％``, ``，`` and ``（）`` into their ASCII forms.

Numbers stated in the answer text
    Read from the NFKC text (whitespace kept): ``1,234.5`` (comma groups of
    exactly three digits, so ``5,615.72`` and ``5，615.72`` are 5615.72) or
    ``1234.5``. Signs are not read: direction is carried by words, so
    ``-2953.67`` states 2953.67 (figures and expected values also compare by
    magnitude). The unit is what follows, after optional spaces:

    * money: ``亿元``, ``万元``, ``千元``, ``元``; a lone ``亿``/``万`` counts as
      ``亿元``/``万元`` when no other CJK character follows it (``约4万，``);
    * percent: ``%`` (also ``百分之`` before the number);
    * other: a known counting or measuring word (名, 个, 个工作日, 辆, 条, 家,
      吨, 人次, 人, 年, 件, 所, 项, 个百分点 …, see ``_OTHER_UNITS``), or
      百/千/万/亿 followed by a CJK character other than 元 (``3万人``);
    * bare: anything else.

    Table references written with digits (``表3``, ``表1-2``) are not numbers.

    Chinese numerals (两辆, 四万元) are not read; a stated zero written in words
    is covered by the negation rule below.

Matching an expected value ``v`` (unit ``u``, tolerance ``t``)
    Candidates are every ``figures`` entry (its ``unit`` classified as above,
    ``""`` = bare) and every number in the text. A candidate states ``v`` when
    ``| |c| - |v| | <= t`` (plus 1e-9 for float noise), where ``c`` is

    * ``u`` is money: a money candidate converted into ``u`` (元, 千元, 万元,
      亿元 = 1, 1e3, 1e4, 1e8 元), or a bare candidate taken as already in ``u``;
    * ``u`` is ``%``, a count or any other unit (including ``""``): any
      candidate that is not money, by its value (units are not compared).

    Each expected value is checked on its own; one stated number may meet two
    equal expected values. ``v == 0`` is also met when the normalised text
    contains 没有, 无, 未安排, 未列, 为零 or 零.

must_mention
    Each term must occur in ``norm(answer)``. ``a|b`` accepts either. A term
    (or alternative) that is exactly a direction word also accepts its
    synonyms (``_SYNONYMS``); terms that merely contain one (人员增加) do not.

Padding
    The answer fails when it states more than ``max(6, 3 × len(expected))``
    distinct money amounts. Money amounts are the money-unit numbers of the
    text plus the ``figures`` whose unit is money; bare numbers, percentages
    and counts are not money. Two amounts are the same when their magnitudes in
    万元, rounded to 6 decimals, are equal (so ``4万元``, ``4.00 万元`` and
    ``40000元`` are one amount).

Outcome of a wrong answer (``Score.outcome``; reported, not part of correctness)
    ``correct``; ``wrong``: a found answer to an unanswerable question, or a
    found answer to an answerable one that states a number where an expected
    value is not met, is padded, or states the opposite direction word (增加
    where 减少 is due); ``refused``: ``found`` false on an answerable question;
    ``incomplete``: any other failure (a term missing, no number stated, no
    answer line). Wrong answers are the worse failure and are listed first.

Citation hit (reported only; ``None`` for unanswerable questions or questions
without sources)
    A gold source ``表X[#N]:<target>`` is hit by a citation whose ``table``
    names the same table: the leading table id (``表`` + numerals/digits +
    ``-n`` parts) of both sides is equal after NFKC and whitespace removal; a
    ``#N`` instance on both sides must be equal, on one side only it is
    ignored (``表十一`` hits ``表十一#3``). Then, for a target of digits only (a
    classification code), the citation's ``code`` or ``row`` equals it, or its
    ``quote`` contains it as a whole number; for any other target (a row or
    column name), after ``norm`` plus removing quote marks and a leading
    ordinal marker (一、 / (一) / 1. / (1)), the citation's ``row`` equals it or
    contains it, or the ``quote`` contains it. A gold source ``说明:<heading>``
    is hit by a citation whose ``section``, normalised the same way, contains
    the heading or is contained in it (the shorter side at least 2 characters).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from eval.gold import GoldItem

__all__ = [
    "Mention",
    "OUTCOMES",
    "Score",
    "SetScore",
    "citation_hit",
    "extract_mentions",
    "money_amounts",
    "norm",
    "percentile",
    "score_answer",
    "score_set",
]

Kind = Literal["money", "percent", "other", "bare"]

_MONEY_IN_YUAN: dict[str, float] = {"元": 1.0, "千元": 1e3, "万元": 1e4, "亿元": 1e8, "万": 1e4, "亿": 1e8}
_OTHER_UNITS = (
    "个工作日 个百分点 人次 批次 平方米 公里 千克 公斤 小时 分钟 工作日 "
    "名 个 辆 条 家 吨 人 年 月 日 天 件 所 项 次 批 户 台 套 间 座 处 位 岁 倍 期 类 款 页 张 份 亩 米 周 届 场 篇 本 册 箱 宗 栋"
).split()
_NUMBER = r"(\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"
_NUMBER_RE = re.compile(r"(?<![\d.])" + _NUMBER)
_MONEY_AFTER_RE = re.compile(r"\s*(亿元|万元|千元|元|亿(?![\u4e00-\u9fff])|万(?![\u4e00-\u9fff]))")
_PERCENT_AFTER_RE = re.compile(r"\s*%")
_OTHER_AFTER_RE = re.compile(
    r"\s*(" + "|".join(sorted(_OTHER_UNITS, key=len, reverse=True)) + r"|[百千万亿](?=[\u4e00-\u9fff]))"
)
_TABLE_REF_RE = re.compile(r"表\s*\d+(?:\s*-\s*\d+)*")
_ZERO_WORDS = ("没有", "无", "未安排", "未列", "为零", "零")
_DOWN = ("减少", "下降", "降低", "压减", "缩减", "少了")
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "减少": _DOWN,
    "下降": _DOWN,
    "增加": ("增加", "增长", "上升", "提高", "多了"),
    "没有": ("没有", "无", "未", "为零"),
    "持平": ("持平", "没有变化", "无变化", "不变", "相同"),
}
_OPPOSITE: dict[str, tuple[str, ...]] = {
    "减少": _SYNONYMS["增加"], "下降": _SYNONYMS["增加"],
    "增加": _DOWN,
    "持平": _DOWN + _SYNONYMS["增加"],
}
OUTCOMES = ("correct", "wrong", "refused", "incomplete")
_QUOTES_RE = re.compile(r"[“”\"‘’'「」『』]")
_ORDINAL_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)[、.]?|\d+[、.](?!\d))")
_TABLE_ID_RE = re.compile(r"^(表[\d一二三四五六七八九十百零〇]+(?:-\d+)*)(?:#(\d+))?")
_EPS = 1e-9


def norm(text: str) -> str:
    """NFKC, no whitespace, casefolded: the form every text comparison uses."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _norm_name(text: str) -> str:
    """Row, column or heading name: ``norm`` without quote marks and leading ordinals."""
    out = _QUOTES_RE.sub("", norm(text))
    while True:
        stripped = _ORDINAL_RE.sub("", out, count=1)
        if stripped == out or not stripped:
            return out
        out = stripped


@dataclass(frozen=True)
class Mention:
    """A number stated in an answer: magnitude, kind and the unit as written."""

    value: float
    kind: Kind
    unit: str = ""


def _classify(unit: str) -> Kind:
    u = unicodedata.normalize("NFKC", unit).strip()
    if u in _MONEY_IN_YUAN:
        return "money"
    if u == "%":
        return "percent"
    return "bare" if not u else "other"


def extract_mentions(text: str) -> list[Mention]:
    """Every number in ``text`` with the kind of unit that follows it."""
    t = _TABLE_REF_RE.sub("表", unicodedata.normalize("NFKC", text))
    out: list[Mention] = []
    for match in _NUMBER_RE.finditer(t):
        value = abs(float(match.group(1).replace(",", "")))
        rest = t[match.end():]
        if m := _MONEY_AFTER_RE.match(rest):
            out.append(Mention(value, "money", m.group(1)))
        elif _PERCENT_AFTER_RE.match(rest) or t[: match.start()].rstrip().endswith("百分之"):
            out.append(Mention(value, "percent", "%"))
        elif m := _OTHER_AFTER_RE.match(rest):
            out.append(Mention(value, "other", m.group(1)))
        else:
            out.append(Mention(value, "bare"))
    return out


def _figure_mentions(figures: Iterable[Mapping[str, Any]]) -> list[Mention]:
    out = []
    for fig in figures:
        unit = str(fig.get("unit") or "")
        out.append(Mention(abs(float(fig["value"])), _classify(unit), unicodedata.normalize("NFKC", unit).strip()))
    return out


def _states(mention: Mention, value: float, unit: str, tolerance: float) -> bool:
    """Whether one stated number meets one expected value (see module docstring)."""
    target = abs(value)
    unit = unicodedata.normalize("NFKC", unit).strip()
    if _classify(unit) == "money":
        if mention.kind == "money":
            found = mention.value * _MONEY_IN_YUAN[mention.unit] / _MONEY_IN_YUAN[unit]
        elif mention.kind == "bare":
            found = mention.value
        else:
            return False
    elif mention.kind == "money":
        return False
    else:
        found = mention.value
    return abs(found - target) <= tolerance + _EPS * max(1.0, target)


def money_amounts(text: str, figures: Iterable[Mapping[str, Any]]) -> set[float]:
    """Distinct money amounts stated in text and figures, as 万元 magnitudes."""
    mentions = extract_mentions(text) + _figure_mentions(figures)
    return {round(m.value * _MONEY_IN_YUAN[m.unit] / 1e4, 6) for m in mentions if m.kind == "money"}


def _term_present(term: str, text_norm: str) -> bool:
    for alt in term.split("|"):
        alt_norm = norm(alt)
        if not alt_norm:
            continue
        if any(norm(word) in text_norm for word in _SYNONYMS.get(alt_norm, (alt_norm,))):
            return True
    return False


def _split_source(source: str) -> tuple[str, str]:
    head, _, tail = source.replace("：", ":").partition(":")
    return head.strip(), tail.strip()


def _table_key(table: str) -> tuple[str, str | None]:
    t = norm(table)
    m = _TABLE_ID_RE.match(t)
    return (m.group(1), m.group(2)) if m else (t, None)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _hits_source(source: str, citation: Mapping[str, Any]) -> bool:
    head, target = _split_source(source)
    if norm(head) == "说明":
        section = _norm_name(_text(citation.get("section")))
        heading = _norm_name(target)
        if not section or not heading or min(len(section), len(heading)) < 2:
            return False
        return heading in section or section in heading
    if not citation.get("table"):
        return False
    gold_table, gold_n = _table_key(head)
    cit_table, cit_n = _table_key(_text(citation.get("table")))
    if gold_table != cit_table or (gold_n and cit_n and gold_n != cit_n):
        return False
    quote = _text(citation.get("quote"))
    t = norm(target)
    if t.isdigit():
        if t in (norm(_text(citation.get("code"))), norm(_text(citation.get("row")))):
            return True
        return re.search(rf"(?<!\d){t}(?!\d)", unicodedata.normalize("NFKC", quote)) is not None
    quote = _norm_name(quote)
    name = _norm_name(target)
    row = _norm_name(_text(citation.get("row")))
    return bool(name) and ((bool(row) and name in row) or name in quote)


def citation_hit(gold: GoldItem, citations: Iterable[Mapping[str, Any]]) -> bool | None:
    """Whether some citation names a place one of the gold sources names."""
    if not gold.answerable or not gold.sources:
        return None
    cits = [c for c in citations if isinstance(c, Mapping)]
    return any(_hits_source(s, c) for s in gold.sources for c in cits)


@dataclass(frozen=True)
class Score:
    """The verdict on one answer; ``reasons`` names every rule it failed."""

    id: str
    type: str
    question: str
    answerable: bool
    correct: bool
    reasons: list[str]
    citation_hit: bool | None
    latency_ms: float | None
    found: bool | None
    outcome: str = ""  # one of OUTCOMES; see the module docstring


def _fmt(value: float) -> str:
    """A number as people write it: no exponent, no trailing zeros."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def score_answer(gold: GoldItem, answer: Mapping[str, Any] | None) -> Score:
    """Score one answer (``None`` = the answer file has no line for this id)."""
    if answer is None:
        return Score(gold.id, gold.type, gold.question, gold.answerable, False,
                     ["no answer for this id"], citation_hit(gold, []), None, None, "incomplete")
    text = str(answer.get("answer") or "")
    figures = [f for f in answer.get("figures") or [] if isinstance(f, Mapping) and "value" in f]
    found = bool(answer.get("found"))
    reasons: list[str] = []
    outcome = "correct"
    if not gold.answerable:
        if found:
            reasons.append("answered a question the documents do not answer (found is true)")
            outcome = "wrong"
    else:
        if not found:
            reasons.append("refused an answerable question (found is false)")
        text_norm = norm(text)
        mentions = extract_mentions(text) + _figure_mentions(figures)
        unmet = False
        for ev in gold.expected or ():
            stated = any(_states(m, ev.value, ev.unit, gold.tolerance) for m in mentions)
            if not stated and ev.value == 0:
                stated = any(word in text_norm for word in _ZERO_WORDS)
            if not stated:
                unmet = True
                reasons.append(f"does not state {_fmt(ev.value)} {ev.unit}".rstrip()
                               + f" (±{_fmt(gold.tolerance)})")
        missing = [term for term in gold.must_mention if not _term_present(term, text_norm)]
        if missing:
            reasons.append("does not mention " + ", ".join(f"'{term}'" for term in missing))
        limit = max(6, 3 * len(gold.expected or ()))
        amounts = money_amounts(text, figures)
        padded = len(amounts) > limit
        if padded:
            reasons.append(f"padded: states {len(amounts)} distinct money amounts, at most {limit} allowed")
        if not found:
            outcome = "refused"
        elif reasons:
            opposite = any(_states_opposite(term, text_norm) for term in missing)
            outcome = "wrong" if (unmet and mentions) or padded or opposite else "incomplete"
    latency = answer.get("latency_ms")
    return Score(
        id=gold.id,
        type=gold.type,
        question=gold.question,
        answerable=gold.answerable,
        correct=not reasons,
        reasons=reasons,
        citation_hit=citation_hit(gold, answer.get("citations") or []),
        latency_ms=float(latency) if isinstance(latency, (int, float)) and not isinstance(latency, bool) else None,
        found=found,
        outcome=outcome,
    )


def _states_opposite(term: str, text_norm: str) -> bool:
    """A missing direction term (增加, 减少) whose opposite the text states instead."""
    alts = [norm(a) for a in term.split("|") if norm(a) in _OPPOSITE]
    return bool(alts) and any(norm(w) in text_norm for a in alts for w in _OPPOSITE[a])


def percentile(values: Iterable[float], q: float) -> float | None:
    """The ``q``-th percentile (0–100), linear between closest ranks; None if empty."""
    data = sorted(values)
    if not data:
        return None
    pos = (len(data) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass(frozen=True)
class SetScore:
    """Totals over one question set.

    ``per_type`` maps a question type to ``(correct, total)``. Rates are
    ``None`` when their denominator is zero.
    """

    name: str
    scores: list[Score]
    n_correct: int
    n_total: int
    per_type: dict[str, tuple[int, int]]
    refusal_correct: int
    refusal_total: int
    false_refusals: list[str]
    citation_hits: int
    citation_total: int
    latency_p50: float | None
    latency_p95: float | None
    unknown_answer_ids: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.n_correct, self.n_total)

    @property
    def refusal_accuracy(self) -> float | None:
        return _ratio(self.refusal_correct, self.refusal_total)

    @property
    def citation_rate(self) -> float | None:
        return _ratio(self.citation_hits, self.citation_total)

    @property
    def type_accuracy(self) -> dict[str, float]:
        return {t: c / n for t, (c, n) in self.per_type.items() if n}

    @property
    def failures(self) -> list[Score]:
        """Wrong answers first, then refusals, then incomplete answers; gold order within each."""
        rank = {o: i for i, o in enumerate(OUTCOMES)}
        return sorted((s for s in self.scores if not s.correct), key=lambda s: rank.get(s.outcome, len(rank)))

    @property
    def wrong(self) -> list[Score]:
        """Answers that state a figure the gold contradicts, or answer the unanswerable."""
        return [s for s in self.scores if s.outcome == "wrong"]

    @property
    def refused(self) -> list[Score]:
        """Answerable questions answered with found = false."""
        return [s for s in self.scores if s.outcome == "refused"]

    @property
    def incomplete(self) -> list[Score]:
        return [s for s in self.scores if s.outcome == "incomplete"]


def score_set(golds: Iterable[GoldItem], answers: Iterable[Mapping[str, Any]], name: str = "") -> SetScore:
    """Score every gold question against the answer with the same id.

    A question without an answer is wrong; answers whose id is not in the
    gold set are listed in ``unknown_answer_ids`` and otherwise ignored.
    """
    gold_list = list(golds)
    by_id = {str(a.get("id")): a for a in answers}
    gold_ids = {g.id for g in gold_list}
    scores = [score_answer(g, by_id.get(g.id)) for g in gold_list]
    totals: Counter[str] = Counter(s.type for s in scores)
    right: Counter[str] = Counter(s.type for s in scores if s.correct)
    unanswerable = [s for s in scores if not s.answerable]
    cited = [s for s in scores if s.citation_hit is not None]
    latencies = [s.latency_ms for s in scores if s.latency_ms is not None]
    return SetScore(
        name=name,
        scores=scores,
        n_correct=sum(s.correct for s in scores),
        n_total=len(scores),
        per_type={t: (right[t], totals[t]) for t in sorted(totals)},
        refusal_correct=sum(s.correct for s in unanswerable),
        refusal_total=len(unanswerable),
        false_refusals=[s.id for s in scores if s.answerable and s.found is False],
        citation_hits=sum(bool(s.citation_hit) for s in cited),
        citation_total=len(cited),
        latency_p50=percentile(latencies, 50),
        latency_p95=percentile(latencies, 95),
        unknown_answer_ids=sorted(i for i in by_id if i not in gold_ids),
    )
