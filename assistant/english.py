"""Questions in English: detection, a Chinese reading of the question, and English wording.

The lookup works on Chinese budget terms, so an English question is first read
into Chinese with the vocabulary (concept English names → official names,
English phrases → Chinese question words). The answer keeps the same figures
and citations and is worded in English, naming each item in Chinese as well
(公务接待费 official reception) so that the printed name can be found in the
document.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from assistant.vocabulary import Vocabulary, load_vocabulary

__all__ = ["is_english", "to_chinese", "EN"]

_LATIN = re.compile(r"[A-Za-z]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def is_english(text: str) -> bool:
    """True when the question is written mostly in Latin letters."""
    latin = len(_LATIN.findall(text))
    cjk = len(_CJK.findall(text))
    return latin >= 6 and latin > 2 * cjk


GLOSSARY = Path(__file__).resolve().parent / "data" / "glossary_en.json"
_AUX = re.compile(r"^\s*(how|what|which|where|when|who)\b(.*?)\b(does|do|did|will|would|can)\b", re.I)
# "What share/percentage of <whole> goes to / is <part>?" → "<part>占<whole>的比例"
_SHARE = re.compile(r"\b(?:percentage|percent|share|proportion|part|fraction)\s+of\s+(?:the\s+)?(.+?)\s+"
                    r"(?:goes|go|went|is\s+spent|is\s+allocated|is\s+budgeted|is\s+used|are\s+spent|was\s+spent|"
                    r"is|are|was|were|does)\s*"
                    r"(?:to|on|for)?\s+(?:the\s+)?(.+?)\s*$", re.I)
_SHARE_OF = re.compile(r"\b(?:percentage|percent|share|proportion)\s+(?:of\s+(?:the\s+)?(?:.+?)\s+)?does\s+(.+?)\s+"
                       r"(?:take\s+up|account\s+for|make\s+up|represent)\s+(?:in|of)?\s*(?:the\s+)?(.*?)\s*$", re.I)

_GREW = re.compile(r"^(?:by\s+)?how\s+much\s+(?:did\s+)?(?:the\s+)?(.+?)\s+(grow|increase|rise|go\s+up|fall|decrease|drop|"
                   r"decline|go\s+down)\b(.*)$")
_SPENT_SHARE = re.compile(r"\b(?:percentage|percent|share|proportion)\s+of\s+(?:the\s+)?((?:[a-z-]+\s+){0,3}?budget)\s+"
                          r"(?:for|of|on)\s+(?:the\s+)?(.+?)\s+(?:was|were|did|has|had)\b.*?\b(?:actually\s+)?spen[dt]\b")
_SPENT_LESS = re.compile(r"\bhow\s+much\s+(less|more)\s+(?:was|were|did)\s+(?:\S+\s+)?spen[dt]\s+(?:on\s+)?(?:the\s+)?(.+?)"
                         r"\s+than\s+(?:was\s+|were\s+)?((?:[a-z-]+\s+){0,2}?budget(?:ed)?)")
_LESS_THAN_BUDGET = re.compile(r"\bhow\s+much\s+(less|more)\s+than\s+(?:was\s+)?((?:[a-z-]+\s+){0,2}?budget(?:ed)?)\s+"
                               r"(?:was|were|did)\s+(?:\S+\s+)?spen[dt]\s+(?:on\s+)?(?:the\s+)?(.+?)$")
_WHICH_MORE = re.compile(r"\bwhich\b[^,:]*?\b(?:higher|more|larger|bigger|greater|lower|less|smaller)\b(?P<measure>[^,:]*)[,:]\s*"
                         r"(?:the\s+)?(.+?)\s+or\s+(?:the\s+)?(.+?)\s*(?:,|\band\b|\bby how much\b|[?？]|$)")
_LARGER_THAN = re.compile(r"\bhow\s+much\s+(?:larger|bigger|higher|more|greater)\s+is\s+(?:the\s+)?(?:\S+\s+)?"
                          r"(?:budget\s+)?(?:for\s+)?(?:the\s+)?(.+?)\s+than\s+(?:that\s+)?(?:for\s+)?(?:the\s+)?(.+?)\s*$")
_TIMES_LARGER = re.compile(r"\b(?:roughly\s+|about\s+)?how\s+many\s+times\s+(?:larger|bigger|greater|higher|more)\s+"
                           r"(?:is|was|are)\s+(?:the\s+)?(.+?)\s+than\s+(?:that\s+of\s+)?(?:the\s+)?(.+?)\s*$")
_ABOVE_BELOW = re.compile(r"\b(?:did|was|were)\s+(?:the\s+)?(?:spending|expenditure)\s+on\s+(?:the\s+)?(.+?)\s+"
                          r"(?:in\s+\d{4}\s+)?(?:come\s+in\s+)?(?:above|over|below|under)\b")
_FALL_SHORT = re.compile(r"\bby\s+how\s+much\s+did\s+(?:the\s+)?(.+?)\s+(?:fall\s+short\s+of|exceed|overrun)\s+"
                         r"(?:the\s+|its\s+)?((?:[a-z-]+\s+){0,2}?budget)")


def _budget_column(phrase: str) -> str:
    """The 决算 table's budget column an English phrase names."""
    if re.search(r"adjust|revis", phrase):
        return "调整预算数"
    if re.search(r"full[- ]year|annual|whole[- ]year", phrase):
        return "全年预算数"
    if re.search(r"initial|beginning|original|start", phrase):
        return "年初预算数"
    return "预算数"


_RENDER_STOP = (r"for|on|of|to|in|the|a|an|its|their|budget|budgeted|spend|spent|spending|much|many|did|does|"
                r"do|is|was|were|are|what|how|which|and|or|by|as|with|under|from|have|has|had|get|gets|got")
_PRINTED_NAME = re.compile(
    rf"((?:^|\b(?:{_RENDER_STOP})\b|[,:;?])\s*)((?:(?!(?:{_RENDER_STOP})\b)[A-Za-z'-]+\s+){{0,5}}?"
    rf"(?!(?:{_RENDER_STOP})\b)[A-Za-z'-]+)\s*[(（]\s*([\u4e00-\u9fff“”\"（）()0-9]{{2,30}}?)\s*[)）]", re.I)


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """The English → Chinese glossary (all its sections in one mapping)."""
    data = json.loads(GLOSSARY.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for key, section in data.items():
        if not key.startswith(("_", "issuer_")):  # issuers' names are read by english_issuers.py
            out.update({k.lower(): v for k, v in section.items()})
    # a noun phrase said in the plural (total expenditures, personnel costs) means the same
    for k, v in list(out.items()):
        if re.search(r"(?:expenditure|cost|expense|fee|budget|payment|subsidy|allowance)$", k):
            out.setdefault(re.sub(r"y$", "ie", k) + "s" if k.endswith("y") else k + "s", v)
    return out


_PAIRS: dict[int, list[tuple[str, str]]] = {}


def _pairs(vocab: Vocabulary) -> list[tuple[str, str]]:
    if id(vocab) in _PAIRS:
        return _PAIRS[id(vocab)]
    pairs: dict[str, str] = {}
    for c in vocab.concepts:
        target = c.aliases[0] if c.kind in ("total",) and c.aliases else (c.names[0] if c.names else c.id)
        if c.kind in ("total_of_role", "sangong_total") and c.aliases:
            target = c.aliases[0]
        for e in c.en:
            pairs[e.lower()] = target
    for col, d in vocab.columns.items():
        for e in d.get("en", []):
            pairs[e.lower()] = col
    for e, zh in vocab.english.items():
        pairs[e.lower()] = zh
    pairs.update(glossary())  # the glossary's wording wins over the older phrase list
    for key, words in vocab.departments.items():
        for w in words:
            if _LATIN.search(w):
                pairs[w.lower()] = key
    _PAIRS[id(vocab)] = sorted(pairs.items(), key=lambda p: -len(p[0]))
    return _PAIRS[id(vocab)]


def _translate(low: str, vocab: Vocabulary) -> str:
    out = " " + low + " "
    for en, zh in _pairs(vocab):
        if en in out:
            out = re.sub(rf"(?<![a-z]){re.escape(en)}(?![a-z])", f" {zh} " if zh else " ", out)
    out = re.sub(r"\b(19|20)(\d\d)\b", r"\1\2年", out)
    out = re.sub(r"截至\s*(20\d\d)年", r"截至\1年底", out)
    out = re.sub(r"[A-Za-z'’-]+", " ", out)
    return re.sub(r"\s+", "", out)


def to_chinese(text: str, vocab: Vocabulary | None = None) -> str:
    """A Chinese reading of an English question (budget terms and question words).

    Codes, years and Chinese words in the question are kept as they are; a
    share question ("What share of the budget goes to education?") is put in
    the Chinese order "<part>占<whole>的比例".
    """
    vocab = vocab or load_vocabulary()
    # "What is the total budget, and how much of it is X?": two questions, read one by one (the
    # second about a part of the first: 其中)
    clauses = re.split(r",?\s+and\s+(?=(?:by\s+)?(?:how|what|which|who|why)\b)", text.strip(), flags=re.I)
    if len(clauses) > 1:
        out = []
        for c in clauses:
            part = re.match(r"\s*how\s+much\s+of\s+(?:it|that|this|them|which)\s+(?:is|are|was|goes?\s+to|is\s+for)\s+"
                            r"(?:for\s+)?(.+)$", c, re.I)
            out.append(f"其中{_translate(part.group(1).lower().rstrip(' ?？.!'), vocab)}多少" if part else to_chinese(c, vocab))
        return "？".join(out)
    # "How much did X spend (in 2025)?": X's total expenditure; "spend on Y" names Y instead
    if re.match(r"^\s*(?:how\s+much|what)\b", text, re.I) and not re.search(
            r"\bspen[dt]\s+(?:on|for)\b|\bspen[dt]\s+(?:in\s+total\s+)?on\b", text, re.I):
        text = re.sub(r"\bspen[dt]\b", "spent total expenditure", text, count=1, flags=re.I)
    # "the "three public expenses" (travel abroad, vehicles and hospitality)": the quoted term is the
    # item; the list after it only explains it
    text = re.sub(r"([\"“”'][^\"“”']{3,60}[\"“”'])\s*\([^()]*\)", r"\1", text)
    # "conference fees (会议费)": the Chinese in brackets is the item as printed;
    # the English words before it only render it
    text = _PRINTED_NAME.sub(lambda m: f"{m.group(1)} ({m.group(3)}) ", text)
    low = re.sub(r"[\s?？!]+", " ", text.lower()).strip().rstrip(".")
    low = re.sub(r"(?<=[a-z]),(?=\s)", "", low)
    # a year inside a phrase ("the total 2024 budget") is read first, the phrase after it
    low = re.sub(r"(?<!of )(?<!end of )\b((?:19|20)\d\d)\s+(?=[a-z])", "", low) if re.search(
        r"[a-z]\s+(?:19|20)\d\d\s+[a-z]", low) and not re.search(r"end\s+of\s+(?:19|20)\d\d\s", low) else low
    years = re.findall(r"\b(?:19|20)\d\d\b", text)
    if years and not re.search(r"\b(?:19|20)\d\d\b", low):
        low = f"{years[0]} {low}"
    # "How many offices does the bureau run?": the auxiliary is not a yes/no question
    low = _AUX.sub(lambda m: f"{m.group(1)}{m.group(2)}", low)
    if low.startswith("how much"):  # money "for its staff" is not a question about staff numbers
        low = re.sub(r"\b(?:for|of|to)\s+(?:its|their|the)?\s*(?:staff|employees|workers|personnel)\b", " ", low)
    # "overseas official trips", "official visits abroad": the genre's trips abroad, whatever
    # words sit between
    low = re.sub(r"\b(?:overseas|foreign|outbound|international)\s+(?:(?:official|business|work)\s+)?(?:trips?|travel|visits?)\b"
                 r"|\b(?:official\s+)?(?:trips?|travel|visits?)\s+(?:abroad|overseas)\b", "trips abroad", low)
    # "and which is second", "the second largest": a place in a ranking (第二多)
    place = {"second": "第二", "third": "第三"}
    low = re.sub(r"\bwhich\s+(?:one\s+)?(?:is|comes|ranks)\s+(?:the\s+)?(second|third)\b(?:\s+(?:highest|largest|biggest|most))?",
                 lambda m: f"{place[m.group(1)]}多的是哪个", low)
    low = re.sub(r"\b(?:the\s+)?(second|third)[\s-]+(?:highest|largest|biggest|most)\b",
                 lambda m: f"{place[m.group(1)]}多", low)
    # cars are the genre's vehicles (公务用车): "running official cars" reads as the vehicles' term
    low = re.sub(r"\bcar(s?)\b", r"vehicle\1", low)
    # "for running its official vehicles": a possessive between the words of a term is not part of it
    low = re.sub(r"\b(?:its|their)\s+(?=[a-z])", "", low)
    # "running (and maintaining) the cars", "the running costs of the vehicles", "upkeep of vehicles":
    # the vehicles' running term, whatever words sit between (not the agency's 机关运行经费)
    low = re.sub(r"\b(?:running|operating|maintaining|maintenance|upkeep)(?:\s+(?:and|or)\s+(?:running|maintaining|maintenance|operating))?"
                 r"(?:\s+(?:costs?|expenses?|fees?|spending))?\s+(?:of|for|on)?\s*(?:the\s+)?(?:official\s+)?vehicles?\b",
                 "vehicle running and maintenance", low)
    if low.startswith("how many"):  # "How many offices are there?" is a count, not a yes/no
        low = re.sub(r"\b(?:are|is)\s+there\b", " ", low)
    # budget against actual: "What share of the full-year budget for X was actually spent",
    # "How much less was spent on X than was budgeted", "By how much did X fall short of the budget"
    m = _GREW.search(low)
    if m:  # "By how much did X rise, and by what percent?" → X比上年增加多少，增长百分之几
        up = re.sub(r"\s+", " ", m.group(2)) in ("grow", "increase", "rise", "go up")
        year = re.search(r"\b((?:19|20)\d\d)\b", m.group(3))
        what = "" if re.fullmatch(r"it|that|this|they|them|those", m.group(1).strip()) else _translate(m.group(1), vocab)
        out = f"{year.group(1) + '年' if year else ''}{what}比上年{'增加' if up else '减少'}多少"
        if re.search(r"percent|percentage|\brate\b", m.group(3)):
            out += f"，{'增长' if up else '下降'}百分之几"
        return out
    m = _SPENT_SHARE.search(low)
    if m:
        col = _budget_column(m.group(1))
        return f"{_translate(low[:m.start()], vocab)}{_translate(m.group(2), vocab)}决算数占{col}的比例"
    m = _TIMES_LARGER.search(low)
    if m:  # "How many times larger is A's X than B's?" → A的X是B的几倍
        return f"{_translate(m.group(1), vocab)}是{_translate(m.group(2), vocab)}的几倍"
    m = _WHICH_MORE.search(low) or _LARGER_THAN.search(low)
    if m:  # "Which is budgeted higher, A or B, and by how much?" → A比B多多少 (the answer says which)
        measure = m.groupdict().get("measure") or ""
        measure = re.sub(r"^\s*(?:on|for|in|of)\b", "", measure).strip()
        a, b = (m.group(2), m.group(3)) if m.re is _WHICH_MORE else (m.group(1), m.group(2))
        return f"{_translate(a, vocab)}比{_translate(b, vocab)}{_translate(measure, vocab) if measure else ''}多多少"
    m = _ABOVE_BELOW.search(low)
    if m:
        return f"{_translate(m.group(1), vocab)}决算数比预算数多多少"
    m = _SPENT_LESS.search(low) or _LESS_THAN_BUDGET.search(low) or _FALL_SHORT.search(low)
    if m:
        word = "多" if m.re is not _FALL_SHORT and m.group(1) == "more" or "exceed" in m.group(0) else "少"
        if m.re is _SPENT_LESS:
            item, col = m.group(2), _budget_column(m.group(3))
        elif m.re is _LESS_THAN_BUDGET:
            item, col = m.group(3), _budget_column(m.group(2))
        else:
            item, col = m.group(1), _budget_column(m.group(2))
        return f"{_translate(low[:m.start()], vocab)}{_translate(item, vocab)}决算数比{col}{word}多少"
    m = _SHARE_OF.search(low) or _SHARE.search(low)
    if m:
        if m.re is _SHARE_OF:
            part, whole = m.group(1), m.group(2) or "total budget"
        else:
            whole, part = m.group(1), m.group(2)
        whole_zh = _translate(whole, vocab) or "部门预算总额"
        if whole_zh in ("预算", "部门预算", "支出") or re.fullmatch(r"(20\d\d年)?(预算|支出|部门预算)", whole_zh):
            whole_zh = whole_zh.replace("部门预算", "预算").replace("预算", "部门预算总额").replace("支出", "支出总额")
        return f"{_translate(low[:m.start()], vocab)}{_translate(part, vocab)}占{whole_zh}的比例" or text
    out = _translate(low, vocab)
    if re.search(r"\bhow many\s+(?:[a-z-]+\s+)?(?:units|bodies|agencies|institutions|organi[sz]ations)\b", low) \
            and not re.search(r"几|多少(?:个|家)", out):
        out = out.replace("多少", "几个", 1)  # "how many budget units": a count of bodies
    return out or text


EN: dict[str, str] = {
    "not_found": "The document does not say: {reason}.",
    "not_loaded": "No loaded document is from {dept}; the loaded disclosures are: {docs}.",
    "other_year": "The loaded disclosure covers {have}; it has no figures for {year}.",
    "final": "The loaded document is a budget (部门预算), not final accounts (决算); it has no 决算 figures.",
    "zero": "{label}: none budgeted (0 {unit}; the cell is empty in {table}).",
}
