"""Which documents a question is about: issuer (in any of its forms), year, kind.

The vocabulary of this stage is the loaded documents themselves: each document offers its
issuer's full name, the name without its region (上海市普陀区商务委员会 → 商务委员会) and the
short forms ingest derived from it (``Document.aliases``: 商务委, 卫健局, 万里街道 …). A
question's mention of any of these, exactly or by a homophone typo, names that document.

* Several documents of one issuer are told apart by year (2025年; 今年/去年/明年 counted from
  the issuer's latest loaded year) and by kind (决算 / 实际 / 执行 against 预算; 单位 against 部门).
* A question naming no issuer is about every loaded document that remains after the year and
  kind filters; the answering stage then gives each document's figure, never the first one's.
* A department the question names that no loaded document is about (known from the project's
  vocabulary of department words) leaves the scope empty, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from assistant.understand.normalise import HomophoneIndex, readings

__all__ = ["BODY", "NEGATED_KIND", "DocRef", "Mention", "Scope", "abbreviates", "body_names", "doc_forms", "resolve_scope",
           "strip_region"]

# 省/自治区, 市/州/盟, 区/县/旗 prefixes of an issuer's name, and the party/government prefixes
# that stand before a department's own name (中共…区委社会工作部, …人民政府万里街道办事处)
_REGION = re.compile(
    r"^(?:中共)?(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,7}?(?:市|自治州|地区|盟))?"
    r"(?:[\u4e00-\u9fff]{1,6}?(?:区|县|旗|市)(?!委员会|政府办|人民政府$))?")
_GOVERNMENT = re.compile(r"^(?:区委|市委|县委|人民政府|政府)(?=[\u4e00-\u9fff]{3,})")
_FINAL = re.compile(r"决算|实际(?:支出|花|用|发生)|执行(?:数|情况)|花掉|用掉|final accounts?|actual(?:ly)? spen",
                    re.I)
_BUDGET = re.compile(r"预算(?!执行)|budget", re.I)
_UNIT_KIND = re.compile(r"单位预算|单位决算|本级|unit(?:'s)? (?:budget|final)", re.I)
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?:\s*年|(?=\D|$))")
# a government body as questions name one: a run of characters ending in an organisation word
BODY = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:委员会|委|局|厅|检察院|法院|街道办事处|街道|办公室|府办)"
                  r"(?![\u4e00-\u9fff]{0,1}(?:长|里|内|属|员|事|法)|本部|本级)")  # (街道本部: the body's own office)
_BODY_CUT = re.compile(r"[比和与的是在跟同及或对向给了吗呢把被从、，,\d]|年度?(?=[\u4e00-\u9fff])")
NOT_A_NAME = re.compile(r"^(?:为啥|为什么|为何|怎么|咋|听说|据说|请问|问一下|想问|想知道|知道|看看|查一下|纳入|列入|包括|包含|属于|隶属|这个|那个|这|那|本|该|贵|全|我|你|他|各|"
                        r"哪个?|什么|整个|咱|们|的|在|是|和|与|谁|年|"
                        r"[一二两三四五六七八九十几\d]+(?:份|个|家|所|位))+")  # 两份某局的材料: a count, not a name
_RELATIVE = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "上一年": -1, "前年": -2,
             "明年": 1, "下一年": 1}


class DocRef(Protocol):
    """What scoping reads of a document (``ingest.model.Document`` has all of it)."""

    doc_id: str
    issuer: str | None
    title: str
    year: int | None
    kind: str | None


@dataclass(frozen=True)
class Mention:
    """A span of the question naming one issuer, and the documents of that issuer (``start`` is
    -1 for a name read from an English question's own words)."""

    text: str
    start: int
    doc_ids: tuple[str, ...]
    unit: bool = False  # a unit a document names inside the issuer's department, not an issuer


@dataclass(frozen=True)
class Scope:
    """The documents a question is about, and how the question said so."""

    doc_ids: tuple[str, ...]
    mentions: tuple[Mention, ...] = ()
    years: tuple[int, ...] = ()
    kind: str | None = None  # "决算" | "预算" | None
    why: str | None = None  # the reason when no loaded document can answer
    repaired: tuple[tuple[str, str], ...] = field(default=())  # homophone typos fixed (typed, name)

    @property
    def named(self) -> bool:
        return bool(self.mentions)


def strip_region(name: str) -> str:
    """The issuer's own name without its region and government prefixes."""
    core = _REGION.sub("", name, count=1)
    core = _GOVERNMENT.sub("", core, count=1)
    return core if len(core) >= 2 else name


def doc_forms(doc: DocRef) -> list[str]:
    """Every form of the document's issuer a question may use, longest first."""
    issuer = (doc.issuer or "").strip()
    forms = {issuer, strip_region(issuer)} if issuer else set()
    if issuer:  # the lowest region with the name (南岸区经济和信息化委员会)
        places = re.findall(r"[\u4e00-\u9fff]+?(?:省|自治区|市|自治州|地区|盟|区|县|旗)",
                            _REGION.match(issuer).group(0))  # type: ignore[union-attr]
        core = strip_region(issuer)
        if len(places) > 1 and core != issuer:
            forms.add(places[-1] + core)
    forms.update(a for a in (getattr(doc, "aliases", None) or []) if a)
    # 办事处 / 委员会 / 人民 are often left out when people speak
    forms.update(f[2:] for f in list(forms) if f.startswith("人民") and len(f) >= 5)
    for f in list(forms):
        for long, short in (("办事处", ""), ("委员会", "委")):
            if f.endswith(long) and len(f) - len(long) >= 2:
                forms.add(f[: -len(long)] + short)
    return sorted((f for f in forms if len(f) >= 2), key=len, reverse=True)


def _forms_of(d: DocRef) -> list[str]:
    """A document's issuer forms: precomputed on it (``forms``) or derived here."""
    forms = getattr(d, "forms", None)
    return forms if forms is not None else doc_forms(d)


def body_names(q: str) -> list[tuple[str, int]]:
    """The government bodies a question names (规划资源局, 税务局), with where each starts."""
    out = []
    for m in BODY.finditer(q):
        name = _BODY_CUT.split(m.group(0))[-1]
        name = NOT_A_NAME.sub("", name)
        if len(name) >= 3:
            out.append((name, m.end() - len(name)))
    return out


def abbreviates(short: str, name: str) -> bool:
    """True when ``short`` is a spoken shortening of ``name``: it keeps the name's first character
    and its organisation ending, and its characters stand in the name in order (规划资源局 of
    规划和自然资源局, 卫健局 of 卫生健康局, 区府办 of 区政府办公室, 商务委 of 商务委员会). A
    shortening that names a region names the name's own (lowest) region: 重庆市经信委 is not
    重庆市南岸区经济和信息化委员会."""
    if len(short) < 3 or len(short) >= len(name) or short[0] != name[0]:
        return False
    said = _REGION.match(short).group(0)  # type: ignore[union-attr]
    if said and not _REGION.match(name).group(0).endswith(said):  # type: ignore[union-attr]
        return False
    ends = short[-1] == name[-1] or (name.endswith("委员会") and short.endswith("委")) or (
        name.endswith("办公室") and short.endswith("办")) or (name.endswith("办事处") and short.endswith("街道"))
    it = iter(name)
    return ends and all(ch in it for ch in short)


def abbreviates_by_sound(short: str, name: str) -> bool:
    """A spoken shortening with one character typed as another of the same sound (规化资源局 of
    规划和自然资源局): the characters of ``short`` matched in order to characters of ``name`` by
    their pinyin, and the shortening so spelled is :func:`abbreviates`. In a three-character
    shortening only the middle character may be swapped (规化局 of 规划局; 水务局 is another body
    than 税务局, not a typo of it)."""
    if len(short) < 3 or len(short) >= len(name):
        return False
    out, j, swapped = [], 0, 0
    for ch in short:
        k = next((i for i in range(j, len(name)) if name[i] == ch), None)
        if k is None:
            k = next((i for i in range(j, len(name)) if readings(name[i]) & readings(ch)), None)
            swapped += 1
            if len(short) == 3 and len(out) != 1:
                return False
        if k is None:
            return False
        out.append(name[k])
        j = k + 1
    return 0 < swapped <= 1 and abbreviates("".join(out), name)


_PLACE_END = "省市区县州"
_NOT_PLACE = set("这那本该全我各每此其个哪某两几和与及跟同或的在是比对向了吗呢把被从委局院厅处办一二三四五六七八九十份家位")


def region_before(q: str, start: int) -> list[str]:
    """The place a question names just before an issuer's name (浙江省 of 浙江省人民检察院,
    普陀区 of 普陀区商务委): the two- and three-character forms with their 省/市/区/县 ending;
    empty when none stands there (本市, 这个区 and 全市 are not places)."""
    if start < 3 or q[start - 1] not in _PLACE_END:
        return []
    out = []
    for n in (3, 4):
        head = q[start - n:start - 1] if start >= n else ""
        if len(head) == n - 1 and all("\u4e00" <= ch <= "\u9fff" and ch not in _NOT_PLACE
                                      and ch not in _PLACE_END for ch in head):
            out.append(head + q[start - 1])
    return out


def _other_region(q: str, m: Mention, docs: Sequence[DocRef]) -> str | None:
    """The place named before mention ``m`` when it is none of its documents' (浙江省 before
    检察院 with only 江苏省人民检察院 loaded), else None."""
    places = region_before(q, m.start)
    if not places and m.text[:1] in _PLACE_END:  # 浙江 + 省人民检察院
        places = region_before(q, m.start + 1)
    if not places:
        return None
    names = [(d.issuer or "") + " " + (getattr(d, "region", None) or "") for d in docs if d.doc_id in m.doc_ids]
    if any(p in n for p in places for n in names):
        return None
    return places[0]


def district_of(issuer: str) -> str | None:
    """The district (区 / 县 / 旗) an issuer's name begins with, when it has one (云溪区 of
    示例市云溪区统计局); None for a city's or province's own departments."""
    places = re.findall(r"[\u4e00-\u9fff]+?(?:省|自治区|市|自治州|地区|盟|区|县|旗)",
                        _REGION.match(issuer).group(0))  # type: ignore[union-attr]
    return places[-1] if len(places) >= 2 and places[-1][-1] in "区县旗" else None


def city_of(issuer: str) -> str | None:
    """The city (市) a district's issuer belongs to (示例市 of 示例市云溪区统计局); None for a city's
    or province's own departments (their city is their issuer's own place, matched as a form)."""
    places = re.findall(r"[\u4e00-\u9fff]+?(?:省|自治区|市|自治州|地区|盟|区|县|旗)",
                        _REGION.match(issuer).group(0))  # type: ignore[union-attr]
    cities = [p for p in places[:-1] if p.endswith("市") and len(p) >= 3]
    return cities[-1] if len(places) >= 2 and places[-1][-1] in "区县旗" and cities else None


def is_place(text: str) -> bool:
    """A mention that is only a place (Chongqing, 重庆市), not a department's name."""
    if text.isascii():
        return True
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,8}?(?:省|自治区|市|自治州|地区|盟|区|县|旗)", text))


def _places_narrow(mentions: list[Mention], q: str = "") -> list[Mention]:
    """A place named beside a department of that place narrows, it names no issuer of its own:
    "Chongqing … Commission of Economy and Information Technology" is one issuer, not every
    loaded issuer of 重庆. A department named in a bracketed note ("某市那几家单位…（其中X局取决算
    数）") does not narrow the place."""
    notes = [(b.start(), b.end()) for b in re.finditer(r"[（(][^）)]*[)）]", q) if READING_NOTE.fullmatch(b.group(0))]
    places = [m for m in mentions if is_place(m.text) and not m.text.isascii()]
    if len(places) == 1:
        # "东湖区的财政局和教委" / "东湖区两家（财政局、教委）": a department name
        # that fits issuers of several places is the one of the place named
        here = set(places[0].doc_ids)
        mentions = [Mention(o.text, o.start, tuple(i for i in o.doc_ids if i in here), o.unit)
                    if o is not places[0] and not is_place(o.text) and here & set(o.doc_ids)
                    and not set(o.doc_ids) <= here and not any(s <= o.start < e for s, e in notes) else o
                    for o in mentions]
    out = []
    for m in mentions:
        inner = [o for o in mentions if o is not m and not is_place(o.text) and set(o.doc_ids) <= set(m.doc_ids)
                 and not any(s <= o.start < e for s, e in notes)]
        if is_place(m.text) and inner:
            continue
        out.append(m)
    return out


def _mentions(q: str, docs: Sequence[DocRef]) -> list[Mention]:
    """Spans of ``q`` that name loaded issuers: longest form first, spans never overlap. A form
    is found as printed, or as a spoken shortening of it (:func:`abbreviates`)."""
    found: dict[tuple[int, int], set[str]] = {}
    bodies = body_names(q)
    for d in docs:
        forms = _forms_of(d)
        for f in forms:
            i = q.find(f)
            while i >= 0:
                found.setdefault((i, i + len(f)), set()).add(d.doc_id)
                i = q.find(f, i + 1)
        for name, start in bodies:
            if any(abbreviates(name, f) or abbreviates_by_sound(name, f) for f in forms):
                found.setdefault((start, start + len(name)), set()).add(d.doc_id)

    # "街道办的…" / "两个街道办": the kind of body itself, every loaded 街道办事处 (a street's own
    # name before it, 万里街道办, is found above as that issuer's form)
    for k in re.finditer(r"街道办(?:事处)?", q):
        if k.start() and re.match(r"[\u4e00-\u9fff]", q[k.start() - 1]) and q[k.start() - 1] not in "的个家些各两几":
            continue
        for d in docs:
            if (d.issuer or "").endswith("街道办事处"):
                found.setdefault((k.start(), k.end()), set()).add(d.doc_id)
    # a district named alone (云溪区的几份材料): every document of an issuer in it, unless the
    # district begins a body's name the question gives (云溪区财政局: that body, loaded or not)
    body_starts = {start for _, start in bodies}
    for d in docs:
        # the district, and the city above it (某市这几家单位: every loaded body of that city)
        district = district_of(d.issuer or "")
        for place in (district, city_of(d.issuer or "")):
            if not place:
                continue
            i = q.find(place)
            while i >= 0:
                if i not in body_starts:
                    found.setdefault((i, i + len(place)), set()).add(d.doc_id)
                i = q.find(place, i + 1)
        # the district said without 区 / 县 ("东湖那个", "白沙的"): its bodies, where a pointing
        # word, 的 or the end of a clause follows the name
        if district and district[-1] in "区县" and len(district) >= 3:
            for m in re.finditer(re.escape(district[:-1]) + r"(?=[的那这两几]|[，,。？?和与跟]|$)", q):
                if m.start() not in body_starts:
                    found.setdefault((m.start(), m.end()), set()).add(d.doc_id)
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    issuer_of = {d.doc_id: d.issuer or "" for d in docs}
    for (s, e), ids in sorted(found.items(), key=lambda kv: (-(kv[0][1] - kv[0][0]), kv[0][0])):
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        order = [d.doc_id for d in docs if d.doc_id in ids]
        # "某区环保局" with two 环保局 loaded: the one of the place said right before the name
        places = region_before(q, s)
        here = [i for i in order if any(p in issuer_of[i] for p in places)]
        if places and here and len(here) < len(order):
            order = here
        out.append(Mention(q[s:e], s, tuple(order)))
    return sorted(out, key=lambda m: m.start)


def _years(q: str, docs: Sequence[DocRef]) -> tuple[int, ...]:
    """Years the question names; 今年/去年/明年 count from the latest year among ``docs``."""
    years = [int(y) for y in _YEAR.findall(q)]
    latest = max((d.year for d in docs if d.year), default=None)
    if latest is not None:
        # "和各自上一年比": each document's own year before, not one year for all
        own = re.sub(r"(?:各自|自己|本身)的?(?:上一年|上年|去年|前一年)", "", q)
        years += [latest + delta for word, delta in _RELATIVE.items() if word in own]
    return tuple(dict.fromkeys(years))


def english_scope_words(text: str) -> list[str]:
    """The kind words of an English question in the Chinese the scope reads (unit budget →
    单位预算, final accounts → 决算)."""
    out = []
    if _UNIT_KIND.search(text) and re.search(r"[A-Za-z]", text):
        out.append("单位预算")
    if re.search(r"final accounts?|actual(?:ly)? spen", text, re.I):
        out.append("决算")
    return out


NEGATED_KIND = re.compile(r"(?:不算|不含|不包括|不包含|除了|除去|不是|不看|不要|排除|去掉)[^，,。；;？?]{0,4}?(?:决算|预算)")


# a bracketed note on how to read one of the documents ("（X局取决算数）")
READING_NOTE = re.compile(r"[（(][^）)]*(?:用|看|按|取)[^）)]*[)）]")
# both kinds named as alternatives, or as kinds of document each read its own way
_BOTH_KINDS = re.compile(r"(?:预算|决算)(?:文件|材料|报告)|(?:预算|决算)\S{0,6}?(?:或|或者|还是)\S{0,8}?(?:预算|决算)|"
                         r"预决算|预算(?:和|与|及|、)?决算|决算(?:和|与|及|、)?预算|哪(?:个|些|份)是(?:预算|决算)|"
                         r"(?:预算|决算)[^，,。？?]{0,6}(?:几|多少)份[^。？?]{0,4}?(?:预算|决算)")
# (预决算: both; "注明哪个是决算": both, told apart; "X有几份，Y有几份": each counted)


def _kind_wanted(q: str) -> str | None:
    """决算 or 预算 as the question wants it; a kind it leaves out (不算决算) is not wanted, and a
    bracketed note on how to read one document ("（X局取决算数）") chooses none."""
    note = READING_NOTE.sub("", q)
    if note != q and not _FINAL.search(note) and not _BUDGET.search(note):
        return None
    left_out = [m.group(0)[-2:] for m in NEGATED_KIND.finditer(q)]
    q = NEGATED_KIND.sub("", q)
    if left_out and not _FINAL.search(q) and not _BUDGET.search(q):
        return "预算" if left_out[0] == "决算" else "决算"
    if _FINAL.search(q) and _BUDGET.search(q) and len(set(_YEAR.findall(q))) >= 2:
        return None  # "2023年预算数和2026年决算数": one year's budget against another's actual figures
    if (_FINAL.search(q) and _BUDGET.search(q) or "预决算" in q) and _BOTH_KINDS.search(q):
        return None  # "预算或决算都算" / "预算取预算数、决算取决算数": documents of either kind
    if _FINAL.search(q):
        return "决算"
    if _BUDGET.search(q):
        return "预算"
    return None


def _narrow(docs: list[DocRef], years: tuple[int, ...], kind: str | None, q: str) -> list[DocRef]:
    """The documents of one issuer (or of all) that the years and kind named select; a filter
    that would leave none is not applied (the answering stage says what the document lacks)."""
    if years:
        by_year = [d for d in docs if d.year in years]
        if by_year:
            docs = by_year
    if kind:
        by_kind = [d for d in docs if (d.kind or "").endswith(kind)]
        if by_kind:
            docs = by_kind
    if wants_units(q):
        units = [d for d in docs if (d.kind or "").startswith("单位")]
        docs = units or docs
    return docs


def wants_units(q: str) -> bool:
    """The question asks for 单位预算 / 单位决算 (and not for the department's own, 部门预算)."""
    q = NEGATED_KIND.sub("", q)
    return bool(_UNIT_KIND.search(q)) and not re.search(r"部门(?:预算|决算)", q)


def _by_issuer(docs: Sequence[DocRef]) -> list[list[DocRef]]:
    groups: dict[str, list[DocRef]] = {}
    for d in docs:
        groups.setdefault(d.issuer or d.title or d.doc_id, []).append(d)
    return list(groups.values())


def resolve_scope(question: str, docs: Sequence[DocRef], other_departments: Sequence[str] = (),
                  homophones: HomophoneIndex | None = None) -> tuple[str, Scope]:
    """The question (homophone typos of issuer names repaired) and the documents it is about.

    ``other_departments`` are department words the question uses that the vocabulary knows
    (经信委, 司法局 …): when no loaded issuer is named and the question names one of those, no
    loaded document is about it. Years and kinds narrow each issuer's documents separately, so
    今年 is each issuer's own latest year.
    """
    q = question
    repaired: list[tuple[str, str]] = []
    if homophones is not None:
        q, repaired = homophones.repair(q)
    docs = list(docs)
    kind = _kind_wanted(q)
    if not docs:
        return q, Scope((), kind=kind, why="没有载入可回答的文件")
    mentions = _places_narrow(_mentions(q, docs), q)
    # a department the question sets aside ("不是南岸区的", "除了统计局") is not in scope
    negated = [m for m in mentions if re.search(r"(?:(?<!是)不是|不算|不含|不包括|除了|除去|排除|并非)$",
                                                 q[max(0, m.start - 3):m.start])]  # 是不是X: a yes/no
    left_out = {i for m in negated for i in m.doc_ids}
    mentions = [m for m in mentions if m not in negated]
    if left_out:
        docs = [d for d in docs if d.doc_id not in left_out or any(d.doc_id in m.doc_ids for m in mentions)]
    for m in mentions:
        place = _other_region(q, m, docs)
        if place:
            have = "、".join(dict.fromkeys(d.issuer or d.title for d in docs if d.doc_id in m.doc_ids))
            said = place + (m.text[1:] if m.text[:1] == place[-1] else m.text)
            return q, Scope((), years=_years(q, docs), kind=kind, repaired=tuple(repaired),
                            why=f"载入的文件里没有{said}的；载入的是{have}的文件")
    if not mentions and other_departments:
        have = "、".join(dict.fromkeys(d.issuer or d.title for d in docs))
        return q, Scope((), years=_years(q, docs), kind=kind, repaired=tuple(repaired),
                        why=f"载入的文件是{have}的，没有{other_departments[0]}的数据")
    years: list[int] = []
    if mentions:
        kept: list[Mention] = []
        for m in mentions:
            group = [d for d in docs if d.doc_id in m.doc_ids]
            ys = _years(q, group)
            years += ys
            kept.append(Mention(m.text, m.start, tuple(d.doc_id for d in _narrow(group, ys, kind, q))))
        mentions = kept
        ids = tuple(dict.fromkeys(i for m in mentions for i in m.doc_ids))
    else:
        chosen: list[DocRef] = []
        explicit = {int(y) for y in _YEAR.findall(q)}
        for group in _by_issuer(docs):
            if explicit and not any(d.year in explicit for d in group) and len(docs) > 1:
                continue  # an issuer with no document of the year asked
            ys = _years(q, group)
            years += ys
            chosen += _narrow(group, ys, kind, q)
        if wants_units(q) and any((d.kind or "").startswith("单位") for d in chosen):
            chosen = [d for d in chosen if (d.kind or "").startswith("单位")]  # 单位预算 of any issuer
        if not chosen:
            chosen = list(docs)
        if kind and any((d.kind or "").endswith(kind) for d in chosen):
            chosen = [d for d in chosen if (d.kind or "").endswith(kind)]
        ids = tuple(d.doc_id for d in chosen)
    # "单位预算不计" / "仅部门预算": a level of document set aside (or the other one alone wanted)
    level_out = re.search(r"(?:不算|不含|不包括|除了|除去|不看|不要|排除|去掉)(部门|单位)(?:预算|决算)?", q)
    level_in = re.search(r"(?:只看|只算|仅看|只要)(部门|单位)(?:预算|决算)", q)
    if level_out or level_in:
        kind_of = {d.doc_id: d.kind or "" for d in docs}
        keep = [i for i in ids if not (level_out and kind_of.get(i, "").startswith(level_out.group(1)))
                and not (level_in and not kind_of.get(i, "").startswith(level_in.group(1)))]
        ids = tuple(keep) or ids
    return q, Scope(ids, tuple(mentions), tuple(dict.fromkeys(years)), kind, repaired=tuple(repaired))
