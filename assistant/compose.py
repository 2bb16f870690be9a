"""Answer wording: concise sentences that state each figure with its unit and where it stands.

Chinese by default ("2024年公务接待费预算 4.00 万元（表四 三公经费支出表，第11页）。");
English when the question is English. Only figures that carry a source (or a
formula over cited operands) are ever put into words here.
"""

from __future__ import annotations

import re

from assistant.answer import Citation, Figure, Source
from assistant.arithmetic import fmt

__all__ = ["amount", "where", "figure_sentence", "refusal", "quote_short", "short_title", "polar_lead"]


_ISSUER_END = re.compile(r"委员会|局|院|中心|办公室|政府|学校|管理处|部|所|站|队|馆|会")
_TABLE_HEAD = re.compile(r"部门|财政拨款|一般公共预算|政府性基金|国有资本|政府采购|项目|整体|[“\"]?三公|收入|支出|基本支出|机关运行|预算|决算")


def short_title(title: str | None) -> str:
    """``2024年重庆市…委员会一般公共预算“三公”经费支出表`` → ``一般公共预算“三公”经费支出表``."""
    if not title:
        return ""
    t = re.sub(r"^\s*20\d\d\s*年?", "", title)
    if _TABLE_HEAD.match(t):  # no issuer printed: 部门收支总表, 政府性基金预算支出预算表
        return t
    for m in _ISSUER_END.finditer(t):
        if _TABLE_HEAD.match(t[m.end():]):
            return t[m.end():]
    m = re.search(r"(委员会|局|院|中心|办公室|政府|学校|管理处|部|所)(?=[^委局院心室府校处部所]*表)", t)
    return t[m.end():] if m else t


def amount(fig: Figure) -> str:
    """``4.00 万元`` / ``40.00%`` / ``20 名``."""
    if fig.unit == "%":
        return f"{fmt(fig.value, '%')}%"
    return f"{fmt(fig.value, fig.unit)} {fig.unit}".rstrip()


def _src_text(s: Source, lang: str) -> str:
    if s.table:
        title = short_title(s.table_title)
        name = f"{s.table} {title}".strip() if lang == "zh" else f"{s.table}{' ' + title if title else ''}"
    else:
        name = f"说明“{s.section}”" if lang == "zh" else f"narrative section “{s.section}”"
    if s.page:
        return f"{name}，第{s.page}页" if lang == "zh" else f"{name}, p. {s.page}"
    return name


def where(figs: list[Figure] | Figure, lang: str = "zh") -> str:
    """``（表四 三公经费支出表，第11页）`` naming every distinct source once."""
    if isinstance(figs, Figure):
        figs = [figs]
    seen: list[str] = []
    for f in figs:
        for leaf in _leaves(f):
            if leaf.source:
                t = _src_text(leaf.source, lang)
                if t not in seen:
                    seen.append(t)
    if not seen:
        return ""
    return ("（" + "；".join(seen) + "）") if lang == "zh" else (" (" + "; ".join(seen) + ")")


def _leaves(f: Figure) -> list[Figure]:
    if f.operands:
        out: list[Figure] = []
        for o in f.operands:
            out.extend(_leaves(o))
        return out
    return [f]


def figure_sentence(label: str, fig: Figure, lang: str = "zh", year: int | None = None, zero_note: bool = False) -> str:
    """One figure in words, with its place in the document."""
    if lang == "en":
        val = amount(fig)
        if fig.unit in ("万元", "亿元", "千元") and fig.value:
            scale = {"万元": 10000, "亿元": 100000000, "千元": 1000}[fig.unit]
            val += f" ({fig.value * scale:,.0f} yuan)"
        if zero_note and fig.value == 0:
            val = f"0 {fig.unit} (none budgeted; the cell is empty)"
        return f"{label}{' (' + str(year) + ')' if year else ''}: {val}{where(fig, 'en')}."
    y = f"{year}年" if year and not label.startswith(str(year)) else ""
    if zero_note and fig.value == 0:
        return f"{y}{label}为 0 {fig.unit}，即未安排{where(fig)}。"
    return f"{y}{label} {amount(fig)}{where(fig)}。"


def refusal(reason: str, lang: str = "zh") -> str:
    """The plain statement that the documents do not answer the question."""
    if lang == "en":
        return f"The loaded document does not say this ({reason})."
    return f"文件中没有这方面的内容：{reason}。"


def quote_short(text: str, limit: int = 160) -> str:
    """A quote trimmed to ``limit`` characters (never mid-number)."""
    t = text.strip()
    if len(t) <= limit:
        return t
    cut = t[:limit]
    m = re.search(r"[，,；;、][^，,；;、]*$", cut)
    return (cut[: m.start()] if m and m.start() > limit // 2 else cut) + "…"


def citation_of(fig: Figure, quote: str | None = None) -> Citation | None:
    """A citation for a figure's source."""
    s = fig.source
    if s is None:
        return None
    return Citation(document=s.document, table=s.table, section=s.section, code=s.code, row=s.row, page=s.page,
                    quote=quote, column=s.column)


# a question whether something is there at all ("有没有安排…", "Does it plan to buy any…"), not
# whether an amount passes a mark or moved (those are answered by their own stages)
_POLAR_ZH = re.compile(r"有没有|有无|是否(?:有|安排|列|打算|计划)|打不打算|会不会|要不要|买没买|有.{1,20}吗")
_POLAR_EN = re.compile(r"^\s*(?:does|do|did|will|is\s+there|are\s+there|has|have)\b", re.I)
_NOT_POLAR = re.compile(r"超过|多于|少于|高于|低于|不到|达到|比|增|减|涨|降|变化|一样|相同|"
                        r"\b(?:more|less|fewer|exceed|above|below|increase|decrease|rise|fall|higher|lower|change)", re.I)
_ANSWERED = re.compile(r"^\s*(?:（[^）]*）)?\s*(?:有|没有|是|不是|否|未|yes|no)\b", re.I)


def polar_lead(question: str, text: str, figures: list[Figure], lang: str) -> str:
    """``text`` led by 有/没有 (Yes/No) when the question asks whether an amount is there at all
    and the answer states one figure: 0 is 没有, anything else 有."""
    if not figures or _NOT_POLAR.search(question) or _ANSWERED.match(text):
        return text
    if not (_POLAR_EN.match(question) if lang == "en" else _POLAR_ZH.search(question)):
        return text
    if any(f.unit not in ("元", "万元", "千元", "亿元") for f in figures[:1]):
        return text
    yes = figures[0].value != 0
    if lang == "en":
        return ("Yes. " if yes else "No. ") + text
    return ("有。" if yes else "没有。") + text
