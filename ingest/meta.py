"""Who published a disclosure, for which year, and what kind it is.

The cover of a 部门预算/部门决算 disclosure names the issuer and the year, on one
line or two, sometimes letter-spaced ("示 例 市 北 城 区 司 法 局")::

    重庆市南岸区经济和信息化委员会
    2024 年部门预算情况说明

When the cover says too little, the table titles do ("2024年XX部门收支总表").
:func:`looks_like_disclosure` tells a disclosure from any other readable file.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.model import Extracted, Table, TextLine

__all__ = ["DocumentMeta", "document_meta", "looks_like_disclosure"]

log = logging.getLogger(__name__)

KINDS = ("部门预算", "部门决算", "单位预算", "单位决算")

_YEAR = r"(?P<year>20\d{2})\s*年度?"
_KIND = r"(?P<unit>部门|单位)?(?P<kind>预算|决算)"
# "<issuer>2024年部门预算…" and "2024年<issuer>部门预算…"
_ISSUER_FIRST = re.compile(rf"^(?P<issuer>.*?){_YEAR}{_KIND}")
_YEAR_FIRST = re.compile(rf"^{_YEAR}(?P<issuer>.+?){_KIND}")
_ORG_END = re.compile(
    r"(委员会|人民政府|政府|办公室|办事处|管理局|局|厅|委|办|部|处|署|中心|院|所|站|馆|队|社|会|校|学|园|团|室|庭|台|司)$"
)
_PLACE_END = re.compile(r"(省|自治区|市|区|县|州|盟|旗|镇|乡|街道)$")
# where the issuer's name stops inside a table title
_TABLE_NAMES = (
    "财政拨款收支总表", "部门收支总表", "部门收入总表", "部门支出总表", "收入支出决算总表",
    "收入决算表", "支出决算表", "财政拨款收入支出决算", "一般公共预算", "政府性基金",
    "国有资本经营", "“三公”", "三公", "政府采购", "部门整体绩效", "整体绩效", "项目绩效",
    "机关运行经费", "国有资产", "收支总表", "收入总表", "支出总表", "基本支出", "项目支出",
)
_NARRATIVE_WORDS = ("预算", "决算", "收入", "支出", "三公", "功能分类", "经济分类", "财政拨款",
                    "基本支出", "项目支出", "一般公共预算", "政府性基金")


@dataclass(frozen=True)
class DocumentMeta:
    """Title, issuer, year and kind (部门预算 | 部门决算 | 单位预算 | 单位决算) of one disclosure."""

    title: str
    issuer: str | None
    year: int | None
    kind: str | None


def _squeeze(text: str) -> str:
    """Drop all whitespace: letter-spaced titles and "2024 年" become one word."""
    return re.sub(r"\s+", "", text)


def _kind(unit: str | None, kind: str | None, text: str) -> str:
    k = kind or ("决算" if "决算" in text else "预算")
    return f"{unit or ('单位' if '单位' + k in text else '部门')}{k}"


def _issuer_above(above: list[str]) -> str | None:
    """The issuer printed on the one to three lines above the year line, if they name one."""
    for k in range(len(above), 0, -1):
        parts = above[-k:]
        name = "".join(parts)
        if len(name) > 40 or not _ORG_END.search(name) or re.search(r"[。；，:：]|20\d{2}", name):
            continue
        if k == 1 or (k == 2 and _PLACE_END.search(parts[0])) or re.search(r"[省市区县州旗]", parts[0]):
            return name
    return None


def _from_cover(head_lines: list[str]) -> DocumentMeta | None:
    """Read the cover: the first line naming a year and 预算/决算, with any issuer lines above it."""
    lines = [_squeeze(h) for h in head_lines[:12]]
    lines = [h for h in lines if h]
    for i, line in enumerate(lines):
        m = _ISSUER_FIRST.search(line) or _YEAR_FIRST.search(line)
        if not m or len(line) > 60:
            continue
        issuer = m.group("issuer").strip("：:，,。 ")
        title = line
        if not issuer and i > 0:
            # issuer on the line(s) just above: "重庆市南岸区经济和信息化委员会" / "2024 年部门预算…"
            # (a name split after its place, "重庆市南岸区" / "经济和信息化委员会", or a
            # letter-spaced name wrapped anywhere, "示例市南江区卫生健康" / "委员会")
            issuer = _issuer_above(lines[max(0, i - 3):i]) or ""
            title = issuer + line
        kind = _kind(m.group("unit"), m.group("kind"), line)
        return DocumentMeta(title, issuer or None, int(m.group("year")), kind)
    return None


def _issuer_from_titles(titles: Iterable[str]) -> tuple[str | None, int | None, str | None]:
    """The issuer most table titles name, their year, and the kind they imply."""
    issuers: Counter[str] = Counter()
    years: Counter[int] = Counter()
    kinds: Counter[str] = Counter()
    for raw in titles:
        t = _squeeze(raw)
        m = re.match(_YEAR, t)
        if m:
            years[int(m.group("year"))] += 1
            t = t[m.end():]
        cut = min((t.find(n) for n in _TABLE_NAMES if t.find(n) > 0), default=-1)
        if cut > 0:
            name = t[:cut]
            for suffix in ("部门", "单位"):
                if name.endswith(suffix) and len(name) > len(suffix) + 1:
                    name = name[: -len(suffix)]
            if _ORG_END.search(name):
                issuers[name] += 1
        kinds["决算" if "决算" in t else "预算"] += 1
    issuer = issuers.most_common(1)[0][0] if issuers else None
    year = years.most_common(1)[0][0] if years else None
    kind = kinds.most_common(1)[0][0] if kinds else None
    return issuer, year, kind


def _year_from_lines(lines: list[TextLine]) -> int | None:
    years: Counter[int] = Counter()
    for ln in lines[:80]:
        for y in re.findall(r"(20\d{2})\s*年", ln.text):
            years[int(y)] += 1
    return max(years) if years else None


def document_meta(head_lines: list[str], tables: list[Table], lines: list[TextLine]) -> DocumentMeta:
    """Title, issuer, year and kind, from the cover, else the table titles, else the narrative."""
    cover = _from_cover(head_lines)
    t_issuer, t_year, t_kind = _issuer_from_titles(t.title for t in tables)
    if cover and cover.issuer:
        if t_issuer and t_issuer != cover.issuer:
            log.debug("cover names %s, table titles name %s", cover.issuer, t_issuer)
        return cover
    issuer = t_issuer
    year = (cover.year if cover else None) or t_year or _year_from_lines(lines)
    if cover:
        kind = cover.kind
        title = f"{issuer}{cover.title}" if issuer and not cover.title.startswith(issuer) else cover.title
    else:
        kind = f"部门{t_kind}" if t_kind else ("部门决算" if any("决算" in h for h in head_lines) else "部门预算")
        title = f"{issuer or ''}{year or ''}{'年' if year else ''}{kind}"
    log.debug("cover unclear; title %s from table titles", title)
    return DocumentMeta(title, issuer, year, kind)


def looks_like_disclosure(extracted: Extracted) -> bool:
    """Budget tables found, or a narrative that talks like a budget disclosure."""
    for t in extracted.tables:
        if t.role:
            return True
        words = _squeeze(t.title + "".join(t.columns))
        coded = sum(1 for r in t.rows if r.code and r.code.isdigit())
        if re.search(r"预算|决算", words) and (coded or re.search(r"收入|支出|三公", words)):
            return True
    text = _squeeze("".join(ln.text for ln in extracted.lines) + "".join(extracted.head_lines))
    found = {w for w in _NARRATIVE_WORDS if w in text}
    has_money = bool(re.search(r"\d(?:\.\d+)?万?元", text))
    return bool(found & {"预算", "决算"}) and len(found) + has_money >= 4
