"""Table lookup: find the row (or column) a question names and read its figure, with citation.

Items are resolved by classification code (2150517, 30101, "208类"), by the
official row names printed in the document, and by the vocabulary's concepts
(everyday words such as 招待 → 公务接待费). When an item stands in several
tables, the table is chosen by :attr:`Table.role` (一般公共预算支出表 for 功能分类
codes, 基本支出表 for 经济分类 codes, the 三公 table for 三公 items, …).

    >>> tables = DocTables(doc)                                   # doctest: +SKIP
    >>> lookup_figure(doc, "公务接待费").figures[0].value         # doctest: +SKIP
    Decimal('4.0')
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from assistant.answer import Citation, Figure, Source
from assistant.vocabulary import Concept, Vocabulary, load_vocabulary, normalize
from ingest.model import Cell, Document, Row, Table

__all__ = [
    "DocTables",
    "Item",
    "LookupResult",
    "base_role",
    "is_final",
    "Match",
    "cite",
    "current_column",
    "doc_name",
    "figure",
    "find_matches",
    "has_numbers",
    "unit_lists",
    "lookup_figure",
    "prev_column",
]

log = logging.getLogger(__name__)

FUNC_ROLES = ("gpb_exp", "dept_exp", "dept_income", "fund_exp", "fin_summary", "dept_summary")
ECON_ROLES = ("gpb_basic", "gpb_exp", "dept_exp")
NAME_ROLES = ("sangong", "gpb_exp", "gpb_basic", "dept_exp", "dept_summary", "fin_summary", "dept_income",
              "fund_exp", "procurement")
GENERIC = {"合计", "小计", "总计", "收入合计", "支出合计", "本年收入合计", "本年支出合计", "一、本年收入", "一、本年支出",
           "二、上年结转", "二、结转下年", "上年结转", "结转下年", "收入总计", "支出总计"}
_GENERIC_KEYS = frozenset(normalize(g) for g in GENERIC)  # normalised once, not per row and question
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）][、.]?|\d+[、.](?!\d))")
_CODE = re.compile(r"(?<![\d.])(\d{3}|\d{5}|\d{7})(?![\d.])(?!\s*(?:元|万|亿|吨|名|个|人|辆|条|家|%|％|年|月|日|天|所|件|户|次))")
_YEAR_COL = re.compile(r"(20\d\d)")


def base_role(role: str | None) -> str:
    """The role a 决算 table shares with its 预算 counterpart: ``f_gpb_exp`` → ``gpb_exp``."""
    r = role or ""
    return r[2:] if r.startswith("f_") else r


def is_final(doc: Document) -> bool:
    """True for final accounts (部门决算 / 单位决算)."""
    return bool(doc.kind and "决算" in doc.kind)


def doc_name(doc: Document) -> str:
    """The document's name as cited: the file stem of its source."""
    return Path(doc.source).stem or doc.doc_id


@lru_cache(maxsize=1 << 14)
def _name_key(name: str) -> str:
    """A row name as looked up: without its ordinal, normalised (computed once per name)."""
    return normalize(strip_ordinal(name))


def strip_ordinal(name: str) -> str:
    """``2.公务接待费`` → ``公务接待费``; ``（1）公务用车购置费`` → ``公务用车购置费``."""
    out = name.strip()
    while (m := _ORDINAL.match(out)) and len(out) > m.end():
        out = out[m.end():].strip()
    return out


@dataclass
class Item:
    """A lookup target: a table row, or one column of a one-row table (三公 in one row)."""

    table: Table
    name: str
    values: dict[str, Cell]
    code: str | None = None
    row: Row | None = None
    page: int | None = None
    transposed: bool = False
    side: str | None = None
    carryover: bool = False
    unit: bool = False  # a row of a per-unit table (局机关 / 综合执法大队), named by its short forms

    @property
    def key(self) -> str:
        return _name_key(self.name)

    def is_total(self) -> bool:
        return self.key in _GENERIC_KEYS or self.key.endswith("合计")


@dataclass
class Match:
    """Something a question names: the candidate items (best table first) and how it was found."""

    items: list[Item]
    label: str
    start: int
    end: int
    via: str  # code | name | concept
    concept: Concept | None = None
    fund: str | None = None  # the table role of the fund a qualifier named (一般公共预算的项目支出: gpb_exp)


@dataclass
class LookupResult:
    """The answer of :func:`lookup_figure`: figures with citations, or why there is none."""

    figures: list[Figure] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    message: str = ""

    @property
    def found(self) -> bool:
        return bool(self.figures)


_UNIT_NAME = re.compile(r"(机关|本级|大队|支队|中队|中心|所|站|院|馆|队|局|委员会|学校|幼儿园)$")
_REGION = re.compile(r"^(?:[\u4e00-\u9fff]{1,5}?[省市州盟区县旗])+(?=[\u4e00-\u9fff]{3})")


def _transposed(table: Table) -> bool:
    """Tables whose items are columns: one row per year / kind of figure (三公 in one row)."""
    if not table.rows or len(table.rows) > 3 or len(table.columns) < 3:
        return False
    if table.role == "sangong" and len(table.rows) == 1 and not table.rows[0].code:
        return True  # a one-row 三公 budget table prints its items as columns, whatever its row is called
    return all(re.search(r"预算|决算|执行|金额|数$", r.name or "") and not r.code for r in table.rows)


class DocTables:
    """Every item of a document's tables, indexed by code and by normalised name."""

    def __init__(self, doc: Document, vocab: Vocabulary | None = None) -> None:
        self.doc = doc
        self.vocab = vocab or load_vocabulary()
        self.items: list[Item] = []
        for table in doc.tables:
            self.items.extend(self._table_items(table))
        self.by_code: dict[str, list[Item]] = {}
        self.by_name: dict[str, list[Item]] = {}
        for it in self.items:
            if it.code:
                self.by_code.setdefault(it.code, []).append(it)
            if it.key and not it.is_total():
                self.by_name.setdefault(it.key, []).append(it)
        for table in doc.tables:
            self._index_unit_rows([it for it in self.items if it.table is table])
        self.names_longest_first = sorted(self.by_name, key=len, reverse=True)
        # long printed names (projects) also as said without their leading place: 某市X中心Y项目
        # is asked as X中心Y项目
        self.unplaced = [(short, name) for name in self.names_longest_first if len(name) >= 12
                         and len(short := re.sub(r"^[\u4e00-\u9fff]{1,4}?[省市区县](?!场|级|属)", "", name)) >= 8
                         and short != name]

    def _index_unit_rows(self, items: list[Item]) -> None:
        """A table with one row per unit (示例市临川区市场监督管理局机关, …综合执法大队): each row is
        also found by the short forms people use (局机关, 综合执法大队, 执法大队)."""
        units = [it for it in items if not it.code and not it.is_total() and _UNIT_NAME.search(it.key)]
        if len(units) < 2:
            return
        forms: dict[str, list[Item]] = {}
        for it in units:
            rest = _REGION.sub("", it.key)
            cands = {rest[-k:] for k in range(4, len(rest) + 1)}
            own = re.search(r"(局|委员会|委)(机关|本级)$", rest)
            if own:
                cands.add(own.group(0))  # 局机关 (机关 alone is also 机关运行经费)
            # 第一人民医院 is said 一医院, and with its level 市一医院 / 区人民医院 区医院
            bare = re.sub(r"第|人民", "", rest)
            if bare != rest and len(bare) >= 3:
                level = re.search(r"[市区县](?=" + re.escape(rest) + r"$)", it.key)
                cands.update({bare} | ({level.group(0) + bare} if level else set()))
            for f in cands:
                forms.setdefault(f, []).append(it)
        for f, its in forms.items():
            if len(its) == 1 and f not in self.by_name:
                its[0].unit = True
                self.by_name[f] = its

    @staticmethod
    def _table_items(table: Table) -> list[Item]:
        if table.role and table.role.startswith("perf"):
            return []
        if not has_amounts(table):
            return []  # a list with no amount in it (单位构成: 序号, 单位名称, 备注) states no figure
        if _transposed(table):
            return [
                Item(table, col, {r.name: r.values.get(col, Cell("", None)) for r in table.rows},
                     page=table.rows[0].page or table.page, transposed=True)
                for col in table.columns
            ]
        out: list[Item] = []
        carry: dict[str | None, bool] = {}
        for r in table.rows:
            if re.search(r"上年结转|结转下年|年初结转", r.name or ""):
                # the rows after a carry-over include it; an empty one (nothing carried) changes nothing
                carry[r.side] = any(c is not None and c.value for c in r.values.values())
            elif re.match(r"^[一二三四五六七八九十]+、", r.name or ""):
                carry[r.side] = False
            out.append(Item(table, r.name, r.values, code=r.code, row=r, page=r.page or table.page,
                            side=r.side, carryover=carry.get(r.side, False)))
        return out

    def tables(self, role: str) -> list[Table]:
        return [t for t in self.doc.tables if base_role(t.role) == role]

    def table_by_id(self, table_id: str) -> Table | None:
        tid = normalize(table_id)
        return next((t for t in self.doc.tables if normalize(t.table_id) == tid), None)

    def total_item(self, table: Table, side: str | None = None) -> Item | None:
        """The 合计 row (or 合计 column of a one-row table) of ``table``."""
        cands = [it for it in self.items if it.table is table and it.is_total() and not it.carryover
                 and (side is None or it.side in (side, None))]
        for pref in ("合计", "收入合计", "本年收入合计", "支出合计", "本年支出合计", "总计"):
            for it in cands:
                if it.key == pref:
                    return it
        return cands[0] if cands else None


def _role_rank(item: Item, roles: tuple[str, ...]) -> int:
    r = base_role(item.table.role)
    return roles.index(r) if r in roles else len(roles) + (0 if r else 1)


def order_items(items: list[Item], roles: tuple[str, ...], side: str | None = None) -> list[Item]:
    """Items sorted by the preferred table roles; carry-over rows and the wrong side last."""
    return sorted(items, key=lambda it: (it.carryover, side is not None and it.side not in (side, None),
                                         _role_rank(it, roles), it.code is None))


_SPENDING = re.compile(r"支出|花|用了|用掉|开支|spen[dt]|expenditure|outlay")


def total_side(question: str) -> str:
    """The side of a two-sided summary table a total question asks for: 支出 when it speaks of
    spending only (总支出, 一共花了多少), else 收入 (the budget total as printed first)."""
    q = normalize(question)
    return "支出" if _SPENDING.search(q) and "收入" not in q else "收入"


def _concept_items(c: Concept, tables: DocTables, side_hint: str = "收入") -> list[Item]:
    keys = dict.fromkeys(normalize(strip_ordinal(n)) for n in c.names)  # (in the concept's order)
    if c.kind in ("total", "total_of_role", "sangong_total"):
        out = []
        for role in c.roles:
            for t in tables.tables(role):
                side = side_hint if role in ("dept_summary", "fin_summary") else None
                # a 三公 table that also prints 会议费/培训费 has its own “三公”经费小计 beside 合计
                own = [x for x in tables.items if x.table is t and re.search(r"三公.*(?:小计|合计)", x.key)]
                # a 三公 table of one row named for itself (财政拨款“三公”经费, 预算数/决算数 beside
                # each other) has that row as its total
                own = own or [x for x in tables.items if x.table is t and "三公" in x.key and not x.carryover]
                it = own[0] if c.kind == "sangong_total" and own else tables.total_item(t, side)
                if it:
                    out.append(it)
        return out
    items = [it for k in keys for it in tables.by_name.get(k, [])]
    return order_items(items, c.roles or NAME_ROLES, c.side)


def find_matches(question: str, tables: DocTables) -> list[Match]:
    """Items the question names, in question order: codes, printed names, then vocabulary concepts."""
    q = normalize(question)
    taken = [False] * len(q)
    matches: list[Match] = []

    def claim(s: int, e: int) -> bool:
        if any(taken[s:e]):
            return False
        for i in range(s, e):
            taken[i] = True
        return True

    for m in _CODE.finditer(q):
        code = m.group(1)
        items = tables.by_code.get(code)
        if items and claim(m.start(), m.end()):
            roles = ECON_ROLES if code[0] in "35" else FUNC_ROLES
            matches.append(Match(order_items(items, roles), code, m.start(), m.end(), "code"))
            # the printed name right after a code names the same row
            nm = normalize(strip_ordinal(items[0].name))
            j = q.find(nm, m.end())
            if 0 <= j <= m.end() + 2:
                claim(j, j + len(nm))
    for short, name in tables.unplaced:
        start = q.find(short)
        if start >= 0 and claim(start, start + len(short)):
            items = tables.by_name[name]
            matches.append(Match(order_items(items, NAME_ROLES), name, start, start + len(short), "name"))
    concept_hits = tables.vocab.find_concepts(question)
    side_hint = total_side(question)

    def inside_longer_word(s: int, e: int) -> bool:
        # 水电费 names the 水费 + 电费 concept, not the 电费 row printed inside it
        return any(h.start <= s and e <= h.end and h.end - h.start > e - s and normalize(h.word) not in tables.by_name
                   for h in concept_hits)

    for name in tables.names_longest_first:
        if len(name) < 2:
            continue
        start = q.find(name)
        while start >= 0:
            if inside_longer_word(start, start + len(name)):
                start = q.find(name, start + len(name))
                continue
            items = tables.by_name[name]
            if all(it.carryover for it in items) and "结转" not in q:
                break
            if claim(start, start + len(name)):
                codes = [it.code for it in items if it.code]
                roles = (ECON_ROLES if codes and codes[0][0] in "35" else FUNC_ROLES) if codes else NAME_ROLES
                # (the concept the whole printed name is a word of, not one inside it: 通信 in
                # 无线电及信息通信监管 is not that row's concept)
                concept = next((h.concept for h in tables.vocab.find_concepts(name)
                                if h.end - h.start >= len(name) - 1), None)
                if concept and concept.roles:
                    roles = concept.roles + NAME_ROLES
                    items = items + [it for it in _concept_items(concept, tables, side_hint) if it not in items]
                matches.append(Match(order_items(items, roles, concept.side if concept else None),
                                     name, start, start + len(name), "name", concept))
            start = q.find(name, start + len(name))
    for hit in concept_hits:
        if any(taken[hit.start:hit.end]):
            continue
        items = _concept_items(hit.concept, tables, side_hint)
        start = hit.start
        others = [it for it in items if normalize(it.name or "").startswith("其他")]
        if q[max(0, hit.start - 2):hit.start] == "其他" and others and not any(taken[hit.start - 2:hit.start]):
            # "其他社保": the concept's row printed as 其他… (其他社会保障缴费), not all of it
            items, start = others, hit.start - 2
        if hit.concept.kind in ("column", "narrative", "sum") or items:
            claim(start, hit.end)
            matches.append(Match(items, q[start:hit.end] if start != hit.start else hit.word, start, hit.end,
                                 "concept", hit.concept))
    cue = _CUE.search(q)
    # a loose name is looked for after 那块/那些 …, or in an amount question that names nothing else
    # (not when the question names a known item this document's tables do not print: 政府采购 told
    # only by the narrative is not some row with 采购 in its name)
    if cue or (not matches and not concept_hits and re.search(r"多少|几|金额|钱", q)):
        pm = _partial_name(q, cue, tables)
        if pm is not None:
            # "司法所那些基层业务": the loose name outranks the shorter row name (司法) inside it
            inside = (cue.start(), cue.end()) if cue else (pm.start, pm.end)
            covered = [m for m in matches if inside[0] <= m.start < inside[1] and m.items]
            if all(normalize(m.label) in pm.label and len(m.label) < len(pm.label) for m in covered):
                matches = [m for m in matches if m not in covered
                           and not (m.concept and m.concept.kind == "total" and m.concept.weak)]
                matches.append(pm)
    # "收支总表里的某一项": the whole named as the container of another item is not asked
    inner = [h for h in concept_hits if not any(m.start <= h.start < m.end for m in matches)]
    # (a row of the income side, 财政拨款里X, is such a whole as well: the fund the item is paid from)
    matches = [m for m in matches if not (
        (m.concept is not None and m.concept.kind in ("total", "sangong_total", "total_of_role")
         or m.via == "name" and bool(m.items) and all(it.side == "收入" for it in m.items))
        and (held := re.match(r"(?:的?(?:预算|决算)数?)?(?:里|中|当中|里面|里头)的?[，,]?", q[m.end:m.end + 7]))
        and (any(h.start >= m.end and h.start - m.end <= held.end() + 1 for h in inner)
             or any(o is not m and o.start >= m.end and o.start - m.end <= held.end() + 1 for o in matches)))]
    # "一共支出多少" / "收入总共多少": a side alone, with or without a word of totalling, is the
    # department's total of that side
    if not matches:
        # (实际 marks the 决算 figures asked, as the scope reads it, not an item)
        bare = re.sub(r"20\d\d年度?|今年|去年|本年|全年|一共|总共|共计|合计|总计|加起来|全部|实际上?|的|了|是|有|多少钱?|几|"
                      r"(?:打算|准备|预计|计划)(?=花|用|支出|安排)|"
                      r"[啊呀呢吗哦][？?]?$|[？?，,。\s]", "", q)
        # (安排, the budget's own verb, names the whole budget as 预算 does when a word of the whole
        # goes with it: "总共安排多少资金"; "安排多少" alone leans on an item said before)
        arranged = bare in ("安排", "安排资金", "安排预算") and bool(re.search(r"一共|总共|共计|合计|全部", q))
        if bare in ("支出", "收入", "花", "花钱", "用钱", "预算", "决算", "部门预算", "部门决算", "预算总额", "决算总额") \
                or arranged:
            total = tables.vocab.concept("dept_total")
            side = "收入" if arranged or bare in ("收入", "预算", "部门预算", "预算总额") else "支出"
            items = _concept_items(total, tables, side) if total is not None else []
            if items:
                k = max(q.find(bare), 0)
                matches.append(Match(items, f"{side}总额", k, k + len(bare), "concept", total))
    # a table the question names ("表5里", "支出决算表里") is read first
    named = _tables_named(q, tables)
    if named:
        for m in matches:
            m.items.sort(key=lambda it: it.table not in named)
    elif "收入" in q and not _SPENDING.search(q):
        # a unit's income: a row printed in several tables is read in an income table first
        for m in matches:
            if m.concept is None and len({id(it.table) for it in m.items}) > 1:
                m.items.sort(key=lambda it: "收入" not in (it.table.title or ""))
    matches.sort(key=lambda m: m.start)
    out: list[Match] = []
    for m in matches:  # two words for one item (部门预算 … 总支出) are one match
        if m.items and any(o.items and o.items[0] is m.items[0] for o in out):
            continue
        out.append(m)
    return out


_THAT_PART = "那一块|这一块|那块|这块|那个|这个|那些|这些|那部分|这部分|方面"
_CUE = re.compile(rf"([\u4e00-\u9fff]{{2,12}}?)的?(?:{_THAT_PART})")
_NOT_NAME = {"今年", "去年", "明年", "上年", "上一年", "前一年", "本年", "同比", "预算", "多少", "安排", "经费", "一共", "总共", "其他", "资金", "实际", "支出",
             "部门", "单位", "单位的", "花了", "给了", "用了", "钱", "具体", "专门", "相关", "有关"}


_WORD_ENDS = re.compile(r"$|[^\u4e00-\u9fff]|安排|有|多少|是|的|花|用|预算|经费|支出|一共|总共|那|这|今年|去年|明年|了|给|共")


def _partial_name(q: str, cue: re.Match[str] | None, tables: DocTables) -> Match | None:
    """A row named loosely: "学前那块" → 学前教育, "财政委托的那些业务" → 财政委托业务支出. The words of
    the phrase before 那块/那个/那些 (or of the whole question when it has no such phrase) must all be
    in one row's name, or in rows whose common parent is that row."""
    import jieba

    # the phrase around 那些/那块: "司法所那些基层业务" → 司法, 基层, 业务
    tail = re.match(r"[\u4e00-\u9fff]{0,8}?(?=今年|去年|明年|有|多少|安排|预算|经费|花|给|用|一共|总共|是|的|$)",
                    q[cue.end():]) if cue else None
    span = cue.group(0) + (tail.group(0) if tail else "") if cue else q
    generic = tables.vocab.generic_words
    words = [w for w in jieba.lcut(re.sub(_THAT_PART, " ", span))
             if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w) and w not in generic and w not in _NOT_NAME]
    if not cue:
        # the start of a row name printed in the question ("今年初中安排了多少" → 初中教育), however
        # the words are cut
        best = max(((k, it) for it in tables.items if not it.is_total() and not it.unit
                    for k in range(len(it.key), 1, -1) if it.key[:k] in q and it.key[:k] not in generic
                    and it.key[:k] not in _NOT_NAME
                    # a year that heads a column name (2024年…预算数) names no item
                    and len(re.sub(r"[\d年度\s]", "", it.key[:k])) >= 2
                    # two characters head a row only where the question's own word ends with them
                    # ("初中安排了多少" → 初中教育; not 绩效 of "绩效自评" → 绩效工资)
                    and (k >= 3 or _WORD_ENDS.match(q[q.find(it.key[:k]) + k:]))), key=lambda x: x[0], default=None)
        if best is not None:
            words = [best[1].key[:best[0]]]
    if not words or (not cue and len(words) > 2):
        return None
    for need in (words, words[:1]):
        rows = [it for it in tables.items if not it.is_total() and not it.unit and all(w in it.key for w in need)]
        keys = {it.key for it in rows}
        if len(keys) == 1:
            break
        coded = sorted((it for it in rows if it.code), key=lambda it: len(it.code or ""))
        if coded and all((it.code or "").startswith(coded[0].code or "") for it in coded):
            rows = [it for it in rows if it.key == coded[0].key]  # the coded parent of every coded candidate
            break
        rows = []
    if not rows:
        return None
    w = need[0]
    start = q.find(w)
    codes = [it.code for it in rows if it.code]
    roles = (ECON_ROLES if codes and codes[0][0] in "35" else FUNC_ROLES) if codes else NAME_ROLES
    return Match(order_items(rows, roles), rows[0].key, start, start + len(w), "name")


def _tables_named(q: str, tables: DocTables) -> list[Table]:
    """Tables the (normalised) question names by id (表5, 附表2-1) or by their exact title."""
    by_id = [t for t in tables.doc.tables if t.table_id and re.search(
        rf"(?<![\d\-－]){re.escape(normalize(t.table_id))}(?![\d\-－])", q)]
    if by_id:
        return by_id
    titled = [t for t in tables.doc.tables if t.title and len(normalize(t.title)) >= 4 and normalize(t.title) in q]
    longest = max((len(normalize(t.title or "")) for t in titled), default=0)
    return [t for t in titled if len(normalize(t.title or "")) == longest]


def _col_year(col: str) -> int | None:
    m = _YEAR_COL.search(col)
    return int(m.group(1)) if m else None


def current_column(item: Item, year: int | None) -> str | None:
    """The column holding this year's amount for ``item``."""
    cols = list(item.values)
    if not cols:
        return None
    if item.table.column_groups and item.side in item.table.column_groups:
        cols = [c for c in item.table.column_groups[item.side] if c in item.values] or cols
    for pref in ("总计", "合计", "决算数", "本年决算数", "本年支出", "预算数", "本年预算数", "当年预算", "金额"):
        if pref in cols:
            return pref
    # grouped headers ("合计决算数", "合计预算数" of a 决算's one-row table): the total's actual
    # figure, else its budget; never the opening budget or last year's
    for suffix in ("决算数", "预算数"):
        for head in ("合计", "总计"):
            c = next((c for c in cols if c.startswith(head) and c.endswith(suffix)
                      and not re.search(r"上年|年初|调整|全年", c)), None)
            if c:
                return c
    if year:
        for c in cols:
            if _col_year(c) == year:
                return c
    for c in cols:
        y = _col_year(c)
        if (y is None or (year and y >= year)) and not re.search(r"增减|变动|上年|率|%|％", c):
            return c
    return cols[0]


def prev_column(item: Item, year: int | None) -> str | None:
    """The column holding the previous year's amount, if the table has one."""
    for c in item.values:
        y = _col_year(c)
        if re.search(r"结转|结余", c):
            continue  # 上年结转结余 is money carried over, not last year's figure
        if (y and year and y == year - 1) or re.search(r"上年", c):
            return c
    return None


_NOTE_COLUMN = re.compile(r"^(?:备注|序号|说明|附注|单位名称|名称|编号|单位性质|性质|类型)$")


def has_numbers(table: Table) -> bool:
    """True when some cell of ``table`` holds a number."""
    return any(c is not None and c.value is not None for r in table.rows for c in r.values.values())


def has_amounts(table: Table) -> bool:
    """True when ``table`` can state an amount: some cell holds a number, or some column is not a
    note or a name (a blank 三公 table states zeros; a list of units with a 备注 column states none)."""
    return has_numbers(table) or any(not _NOTE_COLUMN.match(normalize(c)) for c in table.columns)


def unit_lists(doc: Document) -> list[Table]:
    """The printed lists of the units a document covers (序号, 单位名称, 备注; no amounts)."""
    out = []
    for t in doc.tables:
        heads = {normalize(h) for row in t.header_rows for h in row} | {normalize(c) for c in t.columns}
        if "单位名称" in heads and not has_amounts(t):
            out.append(t)
    return out


def column_blank(table: Table, column: str) -> bool:
    """True when every row leaves ``column`` empty (the table does not report it)."""
    if _transposed(table):
        return all(r.name != column or all(c.value is None for c in r.values.values()) for r in table.rows)
    return all((r.values.get(column) or Cell("", None)).value is None for r in table.rows)


def cell_value(item: Item, column: str) -> Decimal:
    """The amount in ``column``; an empty cell in an amount table states zero."""
    cell = item.values.get(column)
    return cell.value if cell is not None and cell.value is not None else Decimal(0)


def _page(item: Item) -> int | None:
    return item.page if item.page is not None else item.table.page


def figure(doc: Document, item: Item, column: str, label: str | None = None) -> Figure:
    """The figure in ``column`` of ``item``, with its source."""
    value = cell_value(item, column)
    col = column if not item.transposed else column
    src = Source(document=doc_name(doc), table=item.table.key, code=item.code, row=strip_ordinal(item.name),
                 column=col, page=_page(item), table_title=item.table.title or None)
    return Figure(value=value, unit=item.table.unit or doc.unit or "万元", label=label or strip_ordinal(item.name),
                  source=src)


def cite(doc: Document, item: Item, column: str | None = None) -> Citation:
    """A citation of ``item``'s row (quote = name and value as printed)."""
    quote = None
    if column:
        cell = item.values.get(column)
        quote = f"{item.code + ' ' if item.code else ''}{strip_ordinal(item.name)} {column} {cell.text if cell and cell.text else '空'}"
    return Citation(document=doc_name(doc), table=item.table.key, code=item.code, row=strip_ordinal(item.name),
                    page=_page(item), quote=quote, column=column)


def lookup_figure(doc: Document, query: str, column: str | None = None, previous: bool = False,
                  tables: DocTables | None = None) -> LookupResult:
    """Look up the item ``query`` names (code, name or everyday word) and read one column.

    ``column`` picks a column by name (基本支出, 人员经费 …); ``previous`` reads
    the previous year's column. Returns an empty result with a message when
    the item or the column is not in the document.
    """
    tables = tables or DocTables(doc)
    matches = [m for m in find_matches(query, tables) if m.items]
    if not matches:
        return LookupResult(message=f"文件的表中没有找到“{query}”")
    res = LookupResult()
    for m in matches:
        item = m.items[0]
        if column and column not in item.values:
            alt = next((it for it in m.items if column in it.values), None)
            if alt is None:
                res.message = f"{strip_ordinal(item.name)}没有“{column}”一栏"
                continue
            item = alt
        col = column or (prev_column(item, doc.year) if previous else current_column(item, doc.year))
        if col is None or (previous and column_blank(item.table, col)):
            res.message = f"{item.table.key}没有列出{strip_ordinal(item.name)}的上年数"
            continue
        res.figures.append(figure(doc, item, col))
        res.citations.append(cite(doc, item, col))
        res.items.append(item)
    return res
