"""Who published a disclosure, for which year, what kind it is, and the names people use for it.

The cover of a 部门预算/部门决算 disclosure names the issuer and the year, on one
line or several, sometimes letter-spaced ("示 例 市 北 城 区 司 法 局"), sometimes
with the year on its own line ("重庆市商务委员会 年部门预算情况说明" / "2026")::

    重庆市南岸区经济和信息化委员会
    2024 年部门预算情况说明

    上海市普陀区2025年区级单位预算
    预算单位：上海市普陀区商务委员会

A labelled line (``预算主管部门：`` / ``预算单位：`` / ``编制部门：`` / ``单位名称：``)
names the issuer outright; a title that names only a place (``上海市普陀区2025年区级
部门预算``) gives the region and level, and the issuer is on the label or the line
after it. When the cover says too little, the table titles do ("2024年XX部门收支总表").

:func:`split_issuer` separates the region (上海市普陀区) from the body's own name, and
:func:`short_forms` makes the short names people use from the name by rule: the name
without its region, and the abbreviation made of the first character of each word
with the organisation's suffix shortened (卫生健康委员会 → 卫健委).
:func:`looks_like_disclosure` tells a disclosure from any other readable file.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ingest.model import Extracted, Table, TextLine

__all__ = ["DocumentMeta", "document_meta", "level_of", "looks_like_disclosure", "short_forms", "split_issuer"]

log = logging.getLogger(__name__)

KINDS = ("部门预算", "部门决算", "单位预算", "单位决算")

_LEVEL = r"(?:省|市|区|县|州|旗|乡|镇|街道|中央|本)级"
_YEAR = r"(?P<year>20\d{2})\s*年度?"
_KIND = rf"(?P<level>{_LEVEL})?(?P<unit>部门|单位)?(?P<kind>预算|决算)"
# "<issuer>2024年部门预算…" and "2024年<issuer>部门预算…"
_ISSUER_FIRST = re.compile(rf"^(?P<issuer>.*?){_YEAR}{_KIND}")
_YEAR_FIRST = re.compile(rf"^{_YEAR}(?P<issuer>.+?){_KIND}")
_YEAR_ONLY = re.compile(r"^(20\d{2})(年度?)?$")
_NO_YEAR_TITLE = re.compile(rf"(?<!\d)年度?{_KIND}")
_LABEL = re.compile(r"^(?P<label>预算主管部门|主管部门|预算单位|编制部门|编制单位|单位名称|部门名称|填报单位)[：:](?P<name>.+)$")
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
    """Title, issuer, year and kind (部门预算 | 部门决算 | 单位预算 | 单位决算) of one disclosure,
    with the issuer's region (上海市普陀区), the budget's level (区级) and the issuer's short forms."""

    title: str
    issuer: str | None
    year: int | None
    kind: str | None
    region: str | None = None
    level: str | None = None
    aliases: tuple[str, ...] = field(default=())


def _squeeze(text: str) -> str:
    """Drop all whitespace: letter-spaced titles and "2024 年" become one word."""
    return re.sub(r"\s+", "", text)


def _kind(unit: str | None, kind: str | None, text: str) -> str:
    k = kind or ("决算" if "决算" in text else "预算")
    return f"{unit or ('单位' if '单位' + k in text else '部门')}{k}"


def _is_org(name: str) -> bool:
    return (2 <= len(name) <= 40 and bool(_ORG_END.search(name)) and not _PLACE_END.search(name)
            and not re.search(r"[。；，,:：、（）()]|20\d{2}", name))


def _joins_name(part: str) -> bool:
    """A cover line that can open an issuer's name printed over several lines."""
    return bool(re.search(r"[省市区县州旗]", part) or part.startswith("中共"))


def _issuer_above(above: list[str], tail: str = "") -> str | None:
    """The issuer printed on the one to three lines above the year line (``tail`` is the year
    line's own text before the year), if they name one."""
    for k in range(len(above), 0, -1):
        parts = above[-k:]
        name = "".join(parts) + tail
        if len(name) > 40 or not _ORG_END.search(name) or re.search(r"[。；，:：]|20\d{2}", "".join(parts)):
            continue
        if (k == 1 and not tail) or (k == 2 and _PLACE_END.search(parts[0])) or _joins_name(parts[0]):
            return name
    return None


def _merge_lines(lines: list[str]) -> list[str]:
    """Rejoin a cover title the PDF printed in pieces: a year on its own line beside
    "…年部门预算", "社会工作部2024年度" / "部门决算", "2026年" / "广州市…部门预算"."""
    out = list(lines)
    i = 0
    while i < len(out):
        m = _YEAR_ONLY.match(out[i])
        if m and not m.group(2):  # a bare "2026": put it before the "年" that lacks it
            for j in (i - 1, i + 1):
                if 0 <= j < len(out) and not re.search(r"20\d{2}", out[j]) and (t := _NO_YEAR_TITLE.search(out[j])):
                    out[j] = out[j][: t.start()] + m.group(1) + out[j][t.start():]
                    del out[i]
                    i = max(0, i - 1)
                    break
            else:
                i += 1
            continue
        if i + 1 < len(out) and re.search(r"20\d{2}年度?$", out[i]) and re.match(rf"^{_KIND}", out[i + 1]):
            out[i : i + 2] = [out[i] + out[i + 1]]
            continue
        if i + 1 < len(out) and m and re.search(rf"{_KIND}", out[i + 1]) and not re.search(r"20\d{2}", out[i + 1]):
            out[i : i + 2] = [out[i] + out[i + 1]]
            continue
        i += 1
    return out


def _labelled(lines: list[str]) -> tuple[str, str] | None:
    for line in lines:
        m = _LABEL.match(line)
        if m and _is_org(m.group("name").strip("。 ")):
            return m.group("label"), m.group("name").strip("。 ")
    return None


def _from_cover(head_lines: list[str]) -> DocumentMeta | None:
    """Read the cover: the first line naming a year and 预算/决算, the issuer on it, on a label,
    on the lines above it, or (after a title naming only a place) on the line below it."""
    lines = _merge_lines([h for h in (_squeeze(x) for x in head_lines[:12]) if h])
    label = _labelled(lines)
    for i, line in enumerate(lines):
        m = _ISSUER_FIRST.search(line) or _YEAR_FIRST.search(line)
        if not m or len(line) > 60 or _LABEL.match(line):
            continue
        prefix = m.group("issuer").strip("：:，,。 ")
        region = None
        if prefix and _PLACE_END.search(prefix) and not _is_org(prefix):
            region, prefix = prefix, ""  # 上海市普陀区2025年区级部门预算: the place, not the issuer
        issuer = prefix
        above = lines[max(0, i - 3):i]
        if m.re is _ISSUER_FIRST and above and not region:
            # the name may start on the line(s) above: "中共上海市普陀区委" / "社会工作部2024年度部门决算"
            longer = _issuer_above(above, prefix)
            if longer and (not prefix or _joins_name(above[-1]) or _PLACE_END.search(above[-1])):
                issuer = longer
        if label:
            issuer = label[1]
        elif region and i + 1 < len(lines) and _is_org(lines[i + 1]):
            issuer = lines[i + 1]
        if region and issuer and not issuer.startswith(region):
            issuer = region + issuer if not split_issuer(issuer)[0] else issuer
        text = line
        if issuer and issuer not in line:
            text = issuer + (line[len(region):] if region and line.startswith(region) else line[m.start("year"):] if m.re is _ISSUER_FIRST else line)
        unit = m.group("unit") or ("单位" if label and label[0] == "预算单位" else None)
        kind = _kind(unit, m.group("kind"), line)
        level = m.group("level")
        if level is None and issuer:
            level = level_of(split_issuer(issuer)[0])
        return DocumentMeta(text, issuer or None, int(m.group("year")), kind,
                            region=split_issuer(issuer)[0] if issuer else region, level=level,
                            aliases=tuple(short_forms(issuer)) if issuer else ())
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
        if "预算单位" in t or "单位预算" in t or "单位决算" in t:
            kinds["单位"] += 1
    issuer = issuers.most_common(1)[0][0] if issuers else None
    year = years.most_common(1)[0][0] if years else None
    kind = None
    if kinds:
        k = "决算" if kinds["决算"] > kinds["预算"] else "预算"
        kind = ("单位" if kinds["单位"] * 2 > kinds["决算"] + kinds["预算"] else "部门") + k
    return issuer, year, kind


def _year_from_lines(lines: list[TextLine]) -> int | None:
    years: Counter[int] = Counter()
    for ln in lines[:80]:
        for y in re.findall(r"(20\d{2})\s*年", ln.text):
            years[int(y)] += 1
    return max(years) if years else None


def document_meta(head_lines: list[str], tables: list[Table], lines: list[TextLine]) -> DocumentMeta:
    """Title, issuer, year, kind, region, level and short forms, from the cover, else the
    table titles, else the narrative."""
    cover = _from_cover(head_lines)
    t_issuer, t_year, t_kind = _issuer_from_titles(t.title for t in tables)
    if cover and cover.issuer:
        if t_issuer and t_issuer != cover.issuer:
            log.debug("cover names %s, table titles name %s", cover.issuer, t_issuer)
        if t_kind and t_kind.startswith("单位") and cover.kind and not re.search(r"(部门|单位)(预算|决算)", cover.title):
            return DocumentMeta(cover.title, cover.issuer, cover.year, "单位" + cover.kind[2:], cover.region,
                                cover.level, cover.aliases)
        return cover
    issuer = t_issuer
    year = (cover.year if cover else None) or t_year or _year_from_lines(lines)
    if cover:
        kind = cover.kind
        title = f"{issuer}{cover.title}" if issuer and not cover.title.startswith(issuer) else cover.title
    else:
        kind = t_kind or ("部门决算" if any("决算" in h for h in head_lines) else "部门预算")
        title = f"{issuer or ''}{year or ''}{'年' if year else ''}{kind}"
    log.debug("cover unclear; title %s from table titles", title)
    region = split_issuer(issuer)[0] if issuer else (cover.region if cover else None)
    level = (cover.level if cover else None) or level_of(region)
    return DocumentMeta(title, issuer, year, kind, region, level, tuple(short_forms(issuer)) if issuer else ())


# -- the issuer's region, level and short forms ----------------------------------------

# words that end like a place but are not one (社区 in 社区卫生服务中心, 城市 in 城市管理局)
_NOT_PLACES = {"社区", "园区", "小区", "街区", "景区", "校区", "山区", "市区", "林区", "牧区", "城区",
               "城市", "都市", "超市", "开发区"}
_PLACE = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,7}?(?:自治区|自治州|自治县|省|市|区|县|州|盟|旗)")
_LEVELS = {"省": "省级", "自治区": "省级", "市": "市级", "区": "区级", "县": "县级", "自治县": "县级",
           "旗": "县级", "州": "州级", "自治州": "州级", "盟": "州级"}


def _place_tokens(text: str, whole: str | None = None) -> list[str]:
    """The places a name opens with (上海市, 普陀区), while what follows still names a body
    (or, with ``whole`` unset, up to the end of ``text``)."""
    out: list[str] = []
    pos = 0
    while pos < len(text):
        m = _PLACE.match(text, pos)
        if not m or m.group() in _NOT_PLACES:
            break
        end = m.end()
        if m.group().endswith("州") and end < len(text) and text[end] in "市区县" and (end + 1 < len(text) or whole is None):
            end += 1  # 广州 + 市: the place is 广州市
        if whole is not None:
            tail = text[end:]
            if not tail or not (_ORG_END.search(tail) or tail.startswith("委")):
                break
        out.append(text[pos:end])
        pos = end
    return out


def split_issuer(issuer: str | None) -> tuple[str | None, str]:
    """(region, the body's own name): 上海市普陀区商务委员会 → (上海市普陀区, 商务委员会).

    Places are read from the front (省/市/区/县 …) while the rest still names a body;
    a party organ's 中共…区委 keeps its 区委: 中共上海市普陀区委社会工作部 →
    (上海市普陀区, 区委社会工作部). A national body (中华人民共和国财政部) has no region.
    """
    if not issuer:
        return None, issuer or ""
    for nation in ("中华人民共和国", "中国"):
        if issuer.startswith(nation) and len(issuer) > len(nation) + 1:
            return None, issuer[len(nation):]
    party = issuer.startswith("中共")
    rest = issuer[2:] if party else issuer
    places = _place_tokens(rest, rest)
    if not places:
        return None, issuer
    region = "".join(places)
    body = rest[len(region):]
    if party and body.startswith("委"):
        body = region[-1] + body  # 普陀区 + 委社会工作部 → 区委社会工作部
    return region, body


def level_of(region: str | None) -> str | None:
    """省级 / 市级 / 区级 / 县级 … from the last place of a region (上海市普陀区 → 区级)."""
    if not region:
        return None
    m = re.search(r"(自治区|自治州|自治县|省|市|区|县|州|盟|旗)$", region)
    return _LEVELS.get(m.group(1)) if m else None


# organisation suffixes and their short form in an abbreviation (longest first)
_SUFFIXES = (("委员会", "委"), ("办公室", "办"), ("办事处", "办"), ("管理局", "局"), ("事务局", "局"),
             ("局", "局"), ("部", "部"), ("厅", "厅"), ("院", "院"), ("委", "委"), ("办", "办"))
_FUNCTION_WORDS = {"和", "与", "及", "的", "暨"}


def _words(text: str) -> list[str]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return [w for w in jieba.lcut(text, HMM=False) if w and w not in _FUNCTION_WORDS]


def _sub_words(word: str) -> list[str]:
    """A compound word's parts when it is two dictionary words (自然资源 → 自然, 资源)."""
    import jieba

    if len(word) != 4:
        return [word]
    parts = [w for w in jieba.cut_for_search(word) if len(w) == 2]
    return [word[:2], word[2:]] if word[:2] in parts and word[2:] in parts else [word]


def _abbreviations(body: str) -> list[str]:
    """卫生健康委员会 → 卫健委, 经济和信息化委员会 → 经信委, 商务委员会 → 商务委,
    规划和自然资源局 → 规资局 (and 规自资局), 社会工作部 → 社工部."""
    suffix = next(((s, short) for s, short in _SUFFIXES if body.endswith(s) and len(body) > len(s)), None)
    if suffix is None:
        return []
    core = body[: -len(suffix[0])]
    words = _words(core)
    if not words:
        return []
    if len(words) == 1 and len(_sub_words(words[0])) == 1:
        return [core + suffix[1]] if suffix[1] != suffix[0] else []
    first = "".join(w[0] for w in words)
    # a compound word of two (自然资源) is cut to its head's initial (资) or to both initials (自资)
    head = "".join(_sub_words(w)[-1][0] for w in words)
    both = "".join("".join(p[0] for p in _sub_words(w)) for w in words)
    out = []
    for a in (both, head, first):
        if len(a) >= 2 and a + suffix[1] not in out:
            out.append(a + suffix[1])
    return out


def short_forms(issuer: str | None) -> list[str]:
    """The short names people use for an issuer, made by rule from its name (never from a list).

    上海市普陀区商务委员会 → 商务委员会, 普陀区商务委员会, 区商务委员会, 商务委, 普陀区商务委, 区商务委;
    江苏省人民检察院 → 人民检察院, 检察院, 省检察院 …; 上海市普陀区人民政府万里街道办事处 →
    万里街道办事处, 万里街道办, 万里街道, 普陀区万里街道 …; …人民政府办公室 → 区政府办公室, 区府办.
    The full name itself is not among them.
    """
    if not issuer:
        return []
    region, body = split_issuer(issuer)
    places = _place_tokens(region or "")
    last = places[-1] if places else None
    tier = re.search(r"(省|市|区|县|州|旗|盟)$", last).group(1) if last else None
    bodies = [body]
    party = ""
    if tier and body.startswith(tier + "委") and len(body) > 3:  # 区委社会工作部
        party = body[:2]
        bodies.append(body[2:])
    if body.startswith("人民政府") and len(body) > 4:
        office = body[4:]
        if re.search(r"(街道|镇|乡)(办事处)?$", office):  # 万里街道办事处 → 万里街道
            town = re.sub(r"办事处$", "", office)
            bodies = [office, town + "办", town] if office != town else [office]
        elif tier:  # 人民政府办公室 → 区政府办公室, 区府办
            bodies = [tier + "政府" + office, "政府" + office]
            short = dict(_SUFFIXES).get(next((s for s, _ in _SUFFIXES if office.endswith(s)), ""), "")
            if short:
                bodies.append(tier + "府" + short)
    elif body.startswith("人民") and _ORG_END.search(body) and len(body) > 4:  # 人民检察院 → 检察院
        bodies.append(body[2:])
    forms: list[str] = []

    def add(*names: str) -> None:
        for n in names:
            if n and n != issuer and n not in forms and len(n) >= 2:
                forms.append(n)

    for b in bodies:
        add(b)
        if last and tier and b.startswith(tier):  # 区委社会工作部 → 普陀区委社会工作部
            add(last + b[len(tier):])
        elif last and not party:
            add(last + b)
            if tier:
                add(tier + b)
    for b in bodies:
        inner = b[len(party):] if party and b.startswith(party) else b
        if (re.search(r"(街道|镇|乡)(办事处|办)?$", inner) or "政府" in inner or "府" in inner[:2]
                or (inner.startswith("人民") and len(bodies) > 1) or (party and inner == b)):
            continue
        for a in _abbreviations(inner):
            if len(set(a[:-1])) < len(a[:-1]):  # 农业农村局 → 农农局 says nothing
                continue
            add(a)
            if party:
                add(party + a)
            elif tier:
                add(tier + a)
            if last:
                add(last + (party[-1:] if party else "") + a if party else last + a)
    return forms


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
