"""Dispatch: each part of a question goes to the handler its intent calls for.

:class:`Handlers` combines the answer mixins (tables, changes, narrative,
performance targets); :meth:`Handlers.answer_part` reads the part's intent
(:func:`assistant.router.classify`) and the items it names, then picks one.
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from assistant import arithmetic as ar
from assistant.change_answers import ChangeAnswers
from assistant.comparisons import ComparisonAnswers
from assistant.compose import amount, figure_sentence, where
from assistant.lookup import (Match, cell_value, cite, current_column, figure, find_matches, has_numbers, is_final,
                              strip_ordinal, unit_lists)
from assistant.narrative_answers import NarrativeAnswers
from assistant.parts import Part, no_answer as _no
from assistant.performance import PerformanceAnswers
from assistant.router import classify, years_named
from assistant.table_answers import TableAnswers, drop_fund_qualifier
from assistant.understand.scope import NOT_A_NAME
from assistant.vocabulary import normalize

if TYPE_CHECKING:
    from ingest.model import Document


log = logging.getLogger(__name__)

__all__ = ["Handlers", "Part"]


_UNIT_TYPES = ("中心", "学院", "学校", "研究所", "中学", "小学", "幼儿园", "医院", "站", "队", "馆", "所", "院")
_MONEY_WORDS = re.compile(r"钱|经费|费|预算|支出|拨款|资金|[万千]?元|花|开支|工资|收入")
_STAFF_WORDS = re.compile(r"编制|人数|几名|多少名|多少人|几个人|实有|职责|负责|性质|科室|干什么|做什么|承担|退休人员(?!.{0,6}费)")


_MONEY_END = re.compile(r"(经费|费用|资金|支出|开支|补贴|补助|费|金|款)$")


def _covered(w: str, words: frozenset[str]) -> bool:
    """True when ``w`` is a run of known words of two or more characters (overlaps allowed)."""
    n = len(w)
    cover = [False] * n
    for i in range(n - 1):
        for j in range(n, i + 1, -1):
            if w[i:j] in words:
                for k in range(i, j):
                    cover[k] = True
                break
    return all(cover)


def _under_parent(p: str, matches: list[Match]) -> list[Match]:
    """"教育管理事务下面的行政运行和一般行政管理事务": a coded item that the question names as the
    parent of others only places them (行政运行 under 20501, not under 20101); it is not asked itself."""
    n = normalize(p)
    # "一般公共预算财政拨款里，X…": a fund named as the place of another item only places it
    out = [m for m in matches if not (
        m.concept is not None and m.concept.id in ("gpb_income", "fund_income", "soe_income")
        and re.match(r"^的?(里面|里|中|之中|当中|下)", n[m.end:m.end + 3])
        and any(o is not m and o.items and o.start > m.start for o in matches))]
    coded = [m for m in out if m.items and m.items[0].code]
    for parent in coded:
        code = parent.items[0].code or ""
        follows = n[parent.end:parent.end + 4]
        kids = [m for m in coded if m is not parent and m.start > parent.start
                and any((x.code or "").startswith(code) and x.code != code for x in m.items)]
        if not kids or not re.match(r"^的?(下面|下的|下属|里面|里的|中的|里|中|下|之下|项下)", follows):
            continue
        for k in kids:
            k.items[:] = [x for x in k.items if (x.code or "").startswith(code)] or k.items
        out = [m for m in out if m is not parent]
    return out


# a government body by its name: 税务局, 西江区税务局, 卫生健康委员会 (two or more characters before)
_BODY = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:委员会|局|厅)(?![\u4e00-\u9fff]{0,1}(?:长|里|内|属))")


_ITEM_END = re.compile(r"(费|金|款|馆|站|所|队|园|中心|学校|中学|小学|医院)$")
_ITEM_NEXT = re.compile(r"(经费|费用?|资金|补贴|补助|预算|支出|建设|购置|采购|工资|奖金|拨款|专项|项目|慰问|津贴)")


def _short_unit(name: str) -> str:
    """``示例市东湖区教师进修学院`` → ``教师进修学院`` (the region dropped)."""
    return re.sub(r"^(?:[\u4e00-\u9fff]{1,6}?[省市])?(?:[\u4e00-\u9fff]{1,6}?[区县市旗])?", "", name.strip()) or name


def _names_unit(q: str, short: str) -> bool:
    """True when the question names the unit: its short name, or a shortening ending in its type
    (服务中心 for 中小企业服务中心, 资助中心 for 学生资助管理中心)."""
    if short in q:
        return True
    kind = next((k for k in _UNIT_TYPES if short.endswith(k)), None)
    if kind is None:
        return False
    for m in re.finditer(re.escape(kind), q):
        head = q[max(0, m.start() - 6):m.start()]
        for i in range(len(head) - 1):
            tail = head[i:]
            if len(tail) >= 2 and all(ch in short[:-len(kind)] for ch in tail):
                return True
    return False


# words of a question that asks for an amount (not about the department itself)
AMOUNT_WORDS = re.compile(r"多少|几|金额|钱|费|支出|预算|决算|经费|资金|拨款|收入|元|比例|占")

# "其中X呢": a part of the item the part before named
INSIDE_BEFORE = re.compile(r"^(?:其中|里面|这里面|当中)")
# "…比2025年多了多少？(照这么算)2025年(大概)是多少？": a year alone, asking the item before in that year
_YEAR_ALONE = re.compile(r"(?:照这么算|按这么算|照这样算|这样算|照此|按此|那么?|那)?[，,]?\s*"
                         r"(?:20\d\d\s*年度?|去年|上年|上一年|前一年)(?:的)?(?:大概|大约|约)?(?:是|有|为)?(?:多少|几)?[？?]?")


class Handlers(TableAnswers, ComparisonAnswers, ChangeAnswers, NarrativeAnswers, PerformanceAnswers):
    """Answers one question part against one document (tables, narrative, arithmetic)."""

    def __init__(self, owner: Any) -> None:
        self.a = owner
        self.vocab = owner.vocab

    # -- refusals -----------------------------------------------------------------------
    def refusal_reason(self, q: str, doc: Document) -> str | None:
        reason = self.vocab.unanswerable_reason(q, self._doc_text(doc))
        if reason:
            return reason
        reason = (self._other_department(q, doc) or self._sub_unit_money(q, doc) or self._unknown_entity(q, doc)
                  or self._inside_a_row(q, doc))
        if reason:
            return reason
        if not any(has_numbers(t) for t in doc.tables) and re.search(r"多少|超过|不到|比.{0,12}?(?:多|少|增|减|降)|how much", q, re.I) \
                and not re.search(r"几|how many|单位是", q, re.I):
            # a blank form (样表, cells "XX"): an empty cell is not 0, it is not filled in
            return "这份文件的表格没有填写任何数字（是空白样表），没有可给出的金额"
        years = years_named(q)
        if doc.year and years:
            bad = [y for y in years if y not in (doc.year, doc.year - 1)]
            if bad:
                return f"载入的是{doc.year}年的文件，没有{bad[0]}年的数据"
        if "决算" in q and doc.kind and not is_final(doc):
            return f"载入的是{doc.kind}，不是决算，没有决算数"
        version = re.search(r"年初预算|调整预算|全年预算", q) if is_final(doc) else None
        if version and not any(version.group(0) in c for t in doc.tables for c in t.columns) \
                and version.group(0) not in self._doc_text(doc):
            return f"这份决算只列出决算数，没有列出{version.group(0)}数"
        return None

    # -- entities the documents do not cover ------------------------------------------------
    def _doc_text(self, doc: Document) -> str:
        """Everything the document prints (narrative, table titles, row names, form fields), normalised."""
        memo: dict[str, str] = self.__dict__.setdefault("_doc_text_memo", {})
        if doc.doc_id not in memo:
            parts = [u.text for u in self.a.narrative.units if u.doc is doc]
            parts += [u.heading for u in self.a.narrative.units if u.doc is doc]
            for t in doc.tables:
                parts += [t.title or "", *t.columns, *(r.name or "" for r in t.rows)]
                parts += [str(v) for v in (t.fields or {}).values()]
                parts += [str(c.text or "") for r in t.rows for c in r.values.values() if c is not None]
            parts += [doc.issuer or "", doc.title or ""]
            memo[doc.doc_id] = normalize(" ".join(parts))
        return memo[doc.doc_id]

    def sub_units(self, doc: Document) -> list[str]:
        """The units the department's budget covers besides the department itself (from 单位构成):
        short names without the region (中小企业服务中心, 教师进修学院 …)."""
        memo: dict[str, list[str]] = self.__dict__.setdefault("_sub_unit_memo", {})
        if doc.doc_id in memo:
            return memo[doc.doc_id]
        names: list[str] = []
        for u in self.a.narrative.units:
            if u.doc is not doc:
                continue
            m = re.search(r"单位有[：:](.+?)(?:。|$)", u.text)
            if m:
                names += [re.sub(r"[（(][^）)]*[)）]", "", x).strip() for x in re.split(r"[、，,；;]", m.group(1))]
            names += re.findall(r"下属(?:事业|行政)?单位([\u4e00-\u9fff]{4,40}?)(?:属|是|为|，|,|主要)", u.text)
            # "下设二级预算单位14个，分别是：A，B，…": the units listed after the count
            for listed in re.findall(r"(?:下设|所属|下属)[^。：:]{0,12}?单位\s*\d*\s*[个家]?\s*[，,]?\s*(?:分别是|分别为|包括|有)[：:]?"
                                     r"([^。]+)", u.text):
                names += [re.sub(r"\s*[（(][^）)]*[)）]", "", x).strip() for x in re.split(r"[、，,；;]", listed)
                          if 4 <= len(x.strip()) <= 40]
            # "2. 某区某某服务中心，不单列预算": a unit the department covers, not broken out
            names += re.findall(r"([\u4e00-\u9fff（）()]{4,40}?)\s*[，,]?\s*(?:不单列预算|不单独编制预算|未单独编制预算|不单独列示)",
                                re.sub(r"^\s*\d+\s*[.、．]\s*", "", u.text))
            if re.search(r"预算单位|单位构成|事业单位\d*家|具体包括", u.text):
                # "具体包括：1. 某局本部…2. 某区某某服务中心，不单列预算。"
                names += [x for x in re.findall(r"(?:^|[。；;：:\s])\d+\s*[.、．]\s*([\u4e00-\u9fff（）()]{4,40}?)(?=[，,。；;：:]|$)",
                                                u.text) if not re.search(r"本部|机关|本级", x)]
        for t in unit_lists(doc):  # a printed list of the units (序号, 单位名称, 备注), no amounts in it
            names += [r.name for r in t.rows if r.name and not re.search(r"本级|机关|本部", r.name)]
        own = _short_unit(doc.issuer or "")
        out: list[str] = []
        for n in names:
            short = _short_unit(n)
            if len(short) >= 3 and short != own and short not in out and normalize(short) not in normalize(own):
                out.append(short)
        memo[doc.doc_id] = out
        return out

    def _sub_unit_money(self, q: str, doc: Document) -> str | None:
        """A sub-unit's own money: the tables are for the whole department, so no figure answers it
        (unless a row or project is named after the unit)."""
        n = normalize(q)
        if not _MONEY_WORDS.search(n) or _STAFF_WORDS.search(n):
            return None
        for short in self.sub_units(doc):
            if not _names_unit(n, normalize(short)):
                continue
            key = normalize(short)
            tables = self.a.tables[doc.doc_id]
            if any(key in it.key for it in tables.items) or any(
                    key in normalize(str(t.fields.get("项目名称", ""))) for t in doc.tables if t.fields):
                return None
            return f"{doc.kind or '部门预算'}的表按整个部门列示，没有单独列出{short}的经费"
        # a body the question names that the document mentions (a unit it covers, such as a branch procuratorate)
        # but that is not the issuer, and that no row or project is named after
        from assistant.understand.scope import abbreviates, body_names

        text = self._doc_text(doc)
        issuer = normalize(doc.issuer or "")
        for name, _ in body_names(q):
            key = normalize(name)
            if len(key) < 5 or key not in text or key in issuer or abbreviates(name, doc.issuer or "") or any(
                    normalize(f) == key for f in (getattr(doc, "aliases", None) or [])):
                continue
            if _STAFF_WORDS.search(n) or any(key in it.key for it in self.a.tables[doc.doc_id].items):
                continue
            return f"文件按整个部门列示，没有单独列出{name}的经费"
        return None

    def _inside_a_row(self, q: str, doc: Document) -> str | None:
        """Something inside a row that the row does not break out ("委托业务费里，办X要花多少"):
        the tables print the row's total only, so no figure answers for the thing inside it."""
        if not re.search(r"多少|几|金额|数额", q):
            return None
        p = self._strip_department(q, doc)
        m = re.search(r"([\u4e00-\u9fff“”（）()]{2,20}?)(?:里面|里头|当中|之中|里)[，,]?\s*(.+)$", p)
        if not m:
            return None
        tables = self.a.tables[doc.doc_id]
        # (a named whole: a row, or a concept narrower than the budget itself — 政府采购, not 预算)
        outer = [x for x in find_matches(m.group(1), tables) if x.items and (x.via in ("name", "code") or (
            x.via == "concept" and x.concept is not None and x.concept.kind != "total"))]
        if not outer:
            return None
        inner = re.split(r"[？?；;。]", m.group(2))[0]  # this question only, not the next one
        if re.search(r"哪|什么|最|几项|几个|多少项|占|比例|比重|基本支出|项目支出|人员|公用|决算|预算数|"
                     r"编码|代码|科目|名称|编号|超过|不到|不足|多于|少于|高于|低于|达到|几成|[一二三四五六七八九半]成|%|百分|"
                     r"货物|工程|服务", inner):  # (the procurement table's own categories)
            return None  # a ranking, a share or a column of the row: answered from the row itself
        core = re.sub(r"具体|大概|一共|总共|要|花|用于|用在|安排了?|是|为|了|的|办|开|搞|给|有|多少钱?|几|钱|费用|"
                      r"[？?，,。\s]", "", inner)
        if len(core) < 2 or any(x.items or x.concept for x in find_matches(inner, tables)):
            return None
        return f"文件只列出{outer[0].label}的总数，没有单独列出其中“{core}”的金额"

    def _unknown_entity(self, q: str, doc: Document) -> str | None:
        """A noun of an amount question that neither the document nor the vocabulary ever uses
        (校车, 教师节慰问金 …): the item is not in the disclosure, so no figure may stand for it."""
        if not re.search(r"多少|几|金额|数额|总额", q):
            return None
        import jieba.posseg as pseg

        text = self._doc_text(doc)
        known = self.vocab.known_words()
        p = self._strip_department(q, doc)
        pos = 0
        for w, flag in pseg.lcut(p):
            start, pos = pos, pos + len(w)
            w = normalize(w)
            if len(w) < 2 or not flag.startswith("n") or not re.fullmatch(r"[\u4e00-\u9fff]+", w) or re.search(
                    r"[一二三四五六七八九十两]", w) or re.fullmatch(r"[大小]?[类款项]|[大小]项|大?科目", w):
                # (大类 / 小项: the levels of the classification, not an item)
                continue
            # only the noun that names the item asked for: it ends in a money word, or one follows it
            after = re.sub(r"^的", "", p[pos:pos + 5])
            if not (_ITEM_END.search(w) or _ITEM_NEXT.match(after)):
                continue
            # the noun with the characters before it (陪 + 餐费 = 陪餐费) may be the known word
            wider = [normalize(p[max(0, start - k):pos]) for k in (1, 2, 3) if start - k >= 0]
            if any(self._word_known(x, text, known) for x in [w, *wider] if re.fullmatch(r"[\u4e00-\u9fff]+", x)):
                continue
            return f"文件没有提到“{w}”"
        return None

    def _word_known(self, w: str, text: str, known: frozenset[str]) -> bool:
        """True when the document or the vocabulary covers the noun ``w``: printed anywhere in the
        document, a vocabulary word (or part of one), an English phrase's Chinese, or made of
        vocabulary words and a money ending (修理费 = 修理 + 费, 车辆油费 = 车辆 + 油费)."""
        if w in text or w in known or any(w in k for k in known if len(k) > len(w)):
            return True
        stem = _MONEY_END.sub("", w)
        if len(stem) >= 2 and stem != w and (stem in text or stem in known or any(
                stem in k for k in known if len(k) > len(stem))):
            return True
        return _covered(stem if len(stem) >= 2 else w, self._covering_words())

    def _covering_words(self) -> frozenset[str]:
        """The vocabulary's known words and every row name and column of the loaded documents
        (normalised, built once), for covering compound nouns by words the tables print."""
        memo = self.__dict__.get("_covering_memo")
        if memo is None:
            words: set[str] = set()
            for d in self.a.documents():
                for t in d.tables:
                    words.update(normalize(strip_ordinal(r.name or "")) for r in t.rows)
                    words.update(normalize(c) for c in t.columns)
            memo = self.vocab.known_words() | frozenset(x for x in words if len(x) >= 2)
            self.__dict__["_covering_memo"] = memo
        return memo

    # -- the part loop -----------------------------------------------------------------
    def answer_part(self, p: str, doc: Document, lang: str, ctx: Part | None, whole: str) -> Part:
        res = self._answer_part(p, doc, lang, ctx, whole)
        if not res.subject:
            res.subject = re.sub(r"(是|有)?(多少|几)[个名辆条人]?|实际|实有|[？?]|请问|分别|各", "", self._strip_department(p, doc))
        return res

    def _answer_part(self, p: str, doc: Document, lang: str, ctx: Part | None, whole: str) -> Part:
        p = self._strip_department(p, doc)
        # "…，按说明里的增减推一下": how to work it out, not a change asked
        p = _HOW_WORKED.sub("", p) or p
        # "购置新的公务用车" names the row 公务用车购置费: the object before the verb, as rows are named
        p = _BUY_THING.sub(lambda m: f"{m.group(2)}{m.group(1) if m.group(1) != '买' else '购置'}", p)
        # "X在Y里是不是超过了八成": X's share of Y, against the bar
        p = _SHARE_OVER.sub(lambda m: f"{m.group(1)}占的比例{m.group(2)}{m.group(3)}", p)
        asked = p  # as the part was asked, before the item of the part before is put in front
        it = classify(p, self.vocab)
        tables = self.a.tables[doc.doc_id]
        matches = drop_fund_qualifier(p, find_matches(p, tables))  # 财政拨款里的X: X is asked
        if ctx is not None and INSIDE_BEFORE.match(p) and "采购" not in p \
                and re.search(r"货物|工程|服务", p) and "政府采购" in ctx.text:
            # "采购总额多少？其中工程类呢？": the procurement categories of the part before
            p = "政府采购" + INSIDE_BEFORE.sub("", p)
            matches = drop_fund_qualifier(p, find_matches(p, tables))
        inside = self._row_of_table_before(p, ctx, tables) if ctx is not None else None
        if inside is not None:  # "采购总额多少？其中工程类呢？": the 工程 row of that table
            matches = [inside]
        if ctx and re.match(r"^(?:实际|最后|最终|后来|结果|决算|执行)", p) and any(m.items for m in ctx.matches):
            # "…调整预算数多少？执行了多少？": 支出 / 收入 alone is the item before, as it was spent
            matches = [m for m in matches if normalize(m.label) not in ("支出", "收入", "经费", "预算", "决算", "花")
                       and not (m.via == "concept" and m.concept is not None and m.concept.kind == "total")]
        only_columns = bool(matches) and all(m.concept and m.concept.kind == "column" and not m.items for m in matches)
        # "…收入预算总共多少？比上年是增是减，差多少？": a change of the item before
        of_before = bool(ctx and (it.change or it.pct_change) and not any(m.items or m.concept for m in matches)
                                and (any(m.items for m in ctx.matches) or ctx.subject))
        # "X是干什么用的？今年留了多少？": an amount of the item the part before explained
        if ctx and not any(m.items or m.concept for m in matches) and not ctx.figures \
                and re.search(r"多少|几万", p) and not any(m.items for m in ctx.matches):
            told = [m for m in find_matches(ctx.subject or "", self.a.tables[doc.doc_id]) if m.items and m.via == "name"]
            if told:
                ctx = Part(ctx.text, ctx.found, ctx.figures, ctx.citations, ctx.route, told, ctx.subject)
                of_before = True
        if ctx and of_before or ctx and not [m for m in matches if m.items or (m.concept and m.concept.kind != "column")] \
                and not self._perf_tables(p, doc) and (
                    re.match(r"^(属于|是|其中|实有|实际|主要|那|它|分别|各|占|比|最后|最终|后来|结果)", p)
                    or (only_columns and any(m.items for m in ctx.matches))  # "…合计多少？人员经费、公用经费呢？"
                    # "…比2025年多了多少？2025年是多少？": a year alone asks the item before in that year
                    or _YEAR_ALONE.fullmatch(p.strip())
                    or (len(re.sub(r"是|有|多少|几[个名辆条人]?|吗|呢|[？?]|的|还|要|今年", "", p)) <= 4
                        # (a column named after a part about no item, 基本支出是多少 after its definition,
                        # is asked of the department as a whole)
                        and not (only_columns and not any(m.items for m in ctx.matches)))):
            # "…是多少？属于基本支出还是项目支出？": the part speaks of the item before
            matches = [m for m in ctx.matches if m.items] + matches
            # the item named before, without the column it was asked in ("预算数多少？决算数呢？")
            named = "".join(m.label for m in ctx.matches if m.items and not (m.concept and m.concept.kind == "column"))
            subject = ctx.subject or ""
            if _YEAR_ALONE.fullmatch(p.strip()) and not named:
                # a year alone after a change: the thing that changed, without its own year and change
                subject = re.sub(r"20\d\d\s*年度?|今年|本年|的|[比较与和跟].*$", "", subject)
            p = (named or subject or "".join(m.label for m in ctx.matches)) + p
            it = classify(p, self.vocab)
        if it.excluded:  # "收入合计，不含年初结转和结余": what is left out is not asked
            matches = [m for m in matches if not any(normalize(m.label) in normalize(x) for x in it.excluded)]
        matches, why = self._unit_rows(p, matches, it)
        if why:
            return _no(why)
        matches = _under_parent(p, matches)
        if ctx and re.match(r"^其中", p) and matches and all(m.concept and m.concept.id == "gpb_income" for m in matches) \
                and any("一般公共预算" in (f.label or "") for f in ctx.figures):
            return Part("", True, [], [], "lookup")  # "其中一般公共预算拨款多少": stated with the item before
        prev = it.prev_year or bool(doc.year and (doc.year - 1) in it.years and not it.change and not it.pct_change)
        if prev and is_final(doc) and "去年" in p and not re.search(r"上年|上一年|前一年|前年", p) \
                and (doc.year - 1) not in it.years:
            prev = False  # final accounts are read the year after: 去年 is the year they account for
        if it.user_numbers:
            r = self.user_arithmetic(p, doc, lang)
            if r:
                return r
        named = [m for m in matches if m.items or (m.concept and m.concept.kind != "column")] or (
            [m for m in ctx.matches if m.items] if ctx else [])  # (年初预算 names a column, not the item)
        done = self.completion(p, doc, [m for m in named if m.items], lang) or self.said_completion(p, doc, named, lang)
        if done is not None:
            return done
        if it.which_item and (it.change or it.reason or it.pct_change):
            r = self.effect_reason(p, doc, lang)
            if r:
                return r
        if it.compare and not it.pct_change:
            r = self.compare(p, doc, it, matches, lang)
            if r:
                return r
        if it.covers:
            r = self.covers(p, doc, lang)
            if r:
                return r
        if (it.share or it.pct_change) and re.search(r"绩效|指标|目标值", p) and "绩效目标管理" not in p:
            # "…绩效目标里X增长率定了多少": an indicator's target, not a rate to work out
            perf = self._perf_tables(p, doc)
            r = self.performance(p, doc, it, perf, lang) if perf else None
            if r:
                return r
        if it.share:
            each = re.match(r"^(?:各自?|分别|都|它们|两者|二者)+(?=占)", asked)
            before: list[str] = []
            if each and ctx:  # the items the part before stated, else the items it named
                before = list(dict.fromkeys(re.sub(r"^20\d\d年(?:度)?", "", f.label) for f in ctx.figures
                                            if f.unit in ("万元", "元", "亿元") and not f.formula))
                before = before or [m.label for m in ctx.matches if m.items]
            if each and before:
                # "基本支出和项目支出各花了多少？各占总支出的多少？": each item before, its share
                shares = [self.share(label + asked[each.end():], doc, it, lang) for label in before]
                done = [x for x in shares if x is not None and x.found]
                if done:
                    return Part("".join(x.text for x in done), True, [f for x in done for f in x.figures],
                                [c for x in done for c in x.citations], "arithmetic", matches)
            return _against_bar(asked, self.share(p, doc, it, lang)) or _no("没有找到计算比例所需的数")
        if it.pct_change:
            return self.pct_change(p, doc, it, matches, lang) or _no("文件没有给出计算增减率所需的上年数")
        if prev:
            return self.previous(p, doc, it, matches, lang)
        if it.reason:
            said = self.reason(p, doc, lang)
            if said is None and not any(m.items or m.concept for m in matches):
                # "为何较上年增长" naming nothing: the department's whole budget (its total,
                # then its spending, then its income), as the narrative states their change
                said = next((r for w in ("收入支出总计", "支出", "收入")
                             if (r := self.reason(w + p, doc, lang)) is not None), None)
            return said or self.change_without_reason(p, doc, matches, lang, whole) \
                or _no("文件没有说明原因")
        if it.change:
            return self.change(p, doc, it, matches, lang) or _no("文件没有说明这一项和上年比的变化")
        perf = self._perf_tables(p, doc)
        if perf and not any(m.via == "code" for m in matches) and "绩效目标管理" not in p:
            r = self.performance(p, doc, it, perf, lang)
            if r:
                return r
        if it.yes_no and re.search(r"负责|职责|职能|承担|主管|归.{1,8}管|管不管", p) and not _MONEY_WORDS.search(p):
            # "农村水利是不是水利局负责的工作": the responsibilities, not the 水利 row
            r = self.narrative(p, doc, it, lang, whole)
            if r is not None and r.found:
                return r
        prose = self.target_text(p, doc, matches, lang) if "绩效目标管理" not in p else None
        if prose is not None:
            return prose
        covered = self.budget_scope(p, doc, lang) if not it.count else None
        if covered is not None:
            return covered
        table_named = [m for m in matches if m.items]
        if it.yes_no and self._topic(p) and not self._topic_is_item(p, table_named):
            # "基本支出是否设定了绩效目标": whether the narrative topic is there (of the item named),
            # not the item's amount
            r = self.narrative(p, doc, it, lang, whole)
            if r is not None and r.found:
                return r
        if it.yes_no and not it.classify:
            inc = self.inclusion(p, doc, lang)
            if inc:
                return inc
        cat = self._procurement_category(p, doc, lang)
        if cat:
            return cat
        table_items = [m for m in matches if m.items or (m.concept and m.concept.kind in ("column", "sum"))]
        # a narrative topic (公车, 编制 …) goes to the narrative, unless money is asked of a table item
        money = bool(re.search(r"钱|费|经费|预算|资金|[多少几]万?元", p)) and self._topic_is_item(p, table_items)
        topic = self._topic(p) and not any(m.via in ("code", "name") for m in matches) and not money
        if it.breakdown and not any(m.items for m in matches):
            it.breakdown = False
            it.listing = True
        if topic and not (it.count or it.definition or it.who or it.phone or it.reason) \
                and re.search(r"多少|金额|几万|钱|安排|预算|支出", p):
            titled = self._titled_total(p, doc, lang)  # "机关运行经费" of a table titled so
            if titled is not None:
                return titled
        if (it.count or it.definition or it.who or it.phone or it.which_year or it.full or topic
                or (it.yes_no and not table_items) or (it.listing and not it.breakdown)) or not table_items:
            r = self.narrative(p, doc, it, lang, whole)
            if r is not None:
                return r
            if not table_items:
                return _no("文件没有给出这一项")
        return self.table(p, doc, it, matches, lang)

    def _other_department(self, q: str, doc: Document) -> str | None:
        """A government body the question names (西江区税务局) that the document never mentions and
        the vocabulary does not know as the document's own department: another department's data."""
        text = self._doc_text(doc)
        for m in _BODY.finditer(normalize(q)):
            name = re.split(r"[比和与的是在跟同及或对向给了吗呢把被从]", m.group(0))[-1]  # "…大队比局" is not a name
            name = NOT_A_NAME.sub("", name)  # (听说这个局: the loaded one, said so)
            if len(name) < 3 or self.vocab.departments_named(name):
                continue
            core = re.sub(r"^.{1,6}?[省市区县]", "", name)  # 西江区税务局 → 税务局
            if name in text or (len(core) >= 3 and core in text):
                continue
            return f"载入的文件是{doc.issuer or doc.title}的，没有{name}的数据"
        return None

    def _strip_department(self, p: str, doc: Document) -> str:
        """The part without the names of its department: the document's own issuer forms
        (普陀区委社会工作部, 社工部: their words are not row names) and the vocabulary's."""
        from assistant.understand.scope import doc_forms

        for f in doc_forms(doc):
            if len(f) >= 3 and f in p and AMOUNT_WORDS.search(p.replace(f, "")):  # 职责 questions keep it
                p = re.sub(re.escape(f) + r"(?!机关|本级)", "", p)
        for key in self.vocab.departments_named(p):
            for w in sorted(self.vocab.department_words(key), key=len, reverse=True):
                # "市场监管局机关" names a unit of the department: kept
                p = re.sub(re.escape(w) + r"(?!机关|本级)", "", p, flags=re.I)
        return p or " "

    def _procurement_row_category(self, p: str, doc: Document, lang: str) -> Part | None:
        """"X属于哪类采购" / "X是货物还是服务": the category column of the procurement row X names."""
        if not re.search(r"哪类|哪一类|什么类|类别|类型|还是|属于|哪种", p):
            return None
        tables = self.a.tables[doc.doc_id]
        n = normalize(p)
        rows = [x for x in tables.items if x.table.role == "procurement" and x.row is not None and x.row.category
                and not x.is_total() and x.key and x.key in n]
        if not rows:
            return None
        x = max(rows, key=lambda r: len(r.key))
        col = current_column(x, doc.year) or "总计"
        f = figure(doc, x, col)
        cat = x.row.category
        if lang == "en":
            text = f"{strip_ordinal(x.name)} is a {cat} (goods/works/services) procurement item: {amount(f)}{where(f, lang)}."
        else:
            text = f"{strip_ordinal(x.name)}属于{cat}类采购，预算 {amount(f)}{where(f, lang)}。"
        return Part(text, True, [f], [cite(doc, x, col)], "lookup")

    def _procurement_category(self, p: str, doc: Document, lang: str) -> Part | None:
        named = self._procurement_row_category(p, doc, lang)
        if named:
            return named
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
        if not items:  # a table that heads each category with a row of its own (三、服务C)
            items = [x for x in tables.items if x.table is t and not x.is_total()
                     and re.sub(r"[A-Za-z]+$", "", normalize(strip_ordinal(x.name))) == m.group(1)]
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

    @staticmethod
    def _row_of_table_before(p: str, ctx: Part, tables: Any) -> Match | None:
        """"其中X的呢": the row of the table the part before answered from whose printed name is X
        (一、货物A / 三、服务C of a 政府采购 table), when exactly one row of it is so named."""
        if not INSIDE_BEFORE.match(p):
            return None
        before = [it for m in ctx.matches for it in m.items[:1]]
        if not before:
            return None
        t = before[0].table
        n = normalize(p)
        rows = [it for it in tables.items if it.table is t and not it.is_total()
                and len(key := re.sub(r"[A-Za-z]+$", "", normalize(strip_ordinal(it.name)))) >= 2 and key in n]
        if len(rows) != 1:
            return None
        it = rows[0]
        return Match([it], strip_ordinal(it.name), 0, len(p), "name")

    def _titled_total(self, p: str, doc: Document, lang: str) -> Part | None:
        """The total of the one table whose title names the topic the question asks an amount of
        (一般公共预算机关运行经费支出预算表 for 机关运行经费), when exactly one table is so titled."""
        n = normalize(p)
        words = [normalize(w) for w in self.vocab.narrative_topics if len(w) >= 4 and normalize(w) in n]
        if not words:
            return None
        tables = self.a.tables[doc.doc_id]
        titled = [t for t in doc.tables if any(w in normalize(t.title or "") for w in words)]
        if len(titled) != 1:
            return None
        tot = tables.total_item(titled[0])
        if tot is None:
            return None
        label = next(w for w in words if w in normalize(titled[0].title or ""))
        own = [c for c in tot.values if label in normalize(c)]
        if own:  # a table of several items (三公经费和机关运行经费): the topic's own column
            col: str | None = own[0]
        elif re.search(r"和|及|与|、", re.sub(r"一般公共预算|财政拨款", "", titled[0].title or "")):
            return None  # the total is of something else as well
        else:
            col = current_column(tot, doc.year)
        if col is None or cell_value(tot, col) is None:
            return None
        f = figure(doc, tot, col, label=label)
        return Part(figure_sentence(label, f, lang), True, [f], [cite(doc, tot, col)], "lookup")

    def _topic_is_item(self, p: str, table_items: list[Any]) -> bool:
        """True when every narrative topic word of ``p`` is part of a table item it names (公车 in
        "公车的运行维护花多少钱"), so that a money question goes to the table."""
        n = normalize(p)
        spans = [(m.start, m.end) for m in table_items if m.items]
        hits = [(k, k + len(w)) for w in map(normalize, self.vocab.narrative_topics) if w and (k := n.find(w)) >= 0]
        return bool(spans) and bool(hits) and all(any(s <= a < e or a <= s < b for s, e in spans) for a, b in hits)

    def _topic(self, p: str) -> bool:
        n = normalize(p)
        return any(normalize(t) in n for t in self.vocab.narrative_topics)



_HOW_WORKED = re.compile(r"[，,]?\s*(?:请)?(?:按|根据|照|用)(?:照)?(?:说明|文件|表)?(?:里|中|上)?(?:的|给的|写的)?"
                         r"(?:增减|增加额|减少额|变化|增减额|增长额)?(?:数)?(?:来)?(?:推|算|倒推|推算|估算)(?:一下|出来|算)?[。.]?$")
# buying a thing, said verb first ("购置新的公务用车", "买了办公设备")
_BUY_THING = re.compile(r"(购置|购买|买|添置)了?(?:新的|新|一批|一些)?(公务用车|公车|车辆|办公设备|专用设备|信息网络设备)")
# a share asked against a bar: "X在Y里是不是超过了八成"
_SHARE_OVER = re.compile(r"(在[^，,。？?]{1,24}?(?:里面|里头|当中|之中|里|中))[，,]?(?:是不是|有没有|是否)?"
                         r"(超过|达到|高于|不到|不足|低于)了?([一二三四五六七八九]成|一半|\d+(?:\.\d+)?%)")
_BAR = re.compile(r"(超过|达到|高于|不到|不足|低于)了?([一二三四五六七八九]成|一半|过半|\d+(?:\.\d+)?%)")
_TENTHS = {"一": 10, "二": 20, "三": 30, "四": 40, "五": 50, "六": 60, "七": 70, "八": 80, "九": 90}


def _against_bar(asked: str, part: Part | None) -> Part | None:
    """A share answered with the verdict on the bar the question set (超过八成 → 80%)."""
    bar = _BAR.search(asked)
    pct = next((f for f in part.figures if f.unit == "%"), None) if part is not None and part.found else None
    if bar is None or pct is None:
        return part
    word, level = bar.groups()
    limit = Decimal(50) if level in ("一半", "过半") else Decimal(_TENTHS[level[0]]) if level.endswith("成") \
        else Decimal(level.rstrip("%"))
    above = pct.value > limit if word in ("超过", "高于") else pct.value >= limit
    said = f"{level}（{limit.normalize():f}%）" if not level.endswith("%") else level
    if word in ("不到", "不足", "低于"):
        verdict = (f"是，不到{said}。" if pct.value < limit else
                   f"不是，{'超过' if pct.value > limit else '正好是'}{said}。")
    else:
        verdict = f"{'是，' if above else '没有，'}{'超过' if above else '没有超过'}{said}。"
    return Part(verdict + part.text, True, part.figures, part.citations, part.route, part.matches, part.subject)
