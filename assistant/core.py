"""The assistant facade: one question in, one cited :class:`~assistant.answer.Answer` out.

    >>> a = Assistant([doc])                                   # doctest: +SKIP
    >>> a.ask("经信委今年招待客人花多少钱？").text                # doctest: +SKIP
    '2024年公务接待费 4.00 万元（表四 一般公共预算三公经费支出表，第11页）。'

Figures come from parsed table rows (lookup), from the sentences of the
narrative, or from arithmetic over those; the text states nothing else. When
the loaded documents do not hold the answer the answer says so (found false).
"""

from __future__ import annotations

import copy
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

import jieba

from assistant.across import answer_across, doc_label, documents_answer
from assistant.answer import Answer, Citation, Figure
from assistant import arithmetic as ar
from assistant.arithmetic import fmt
from assistant.compose import amount, polar_lead, refusal, where
from assistant.english import is_english, to_chinese
from assistant.english_issuers import EnglishIssuer, replace_english_issuers
from assistant.handlers import AMOUNT_WORDS, INSIDE_BEFORE, Part
from assistant.library import DEFAULT_VIEWS, Library, NarrativeByDoc, ScopeEntry, TablesByDoc
from assistant.understand.followon import AGAINST_BEFORE, follow_on, subject_of
from assistant.lookup import figure, find_matches
from assistant.router import classify, split_parts
from assistant.search import Passage
from assistant.understand.normalise import normalise
from assistant.understand.plan import MAX_LISTED, Across, Plan, plan_across
from assistant.vet import vet, vet_listed
from assistant.understand.scope import (Mention, is_place, abbreviates, Scope, body_names, doc_forms, english_scope_words,
                                         resolve_scope)
from assistant.vocabulary import load_vocabulary, normalize
from assistant.within import (count_children, count_level_rows, list_children, rank_rows, rank_units, read_ranking,
                              read_threshold, threshold_answer)
from ingest.errors import QuestionError
from ingest.model import Document

__all__ = ["Assistant", "PassageSearch"]

log = logging.getLogger(__name__)


_REASON = re.compile(r"为什么|为啥|什么原因|原因是|原因何在|怎么会|why", re.I)
_REASON_GRAMMAR = re.compile(
    r"为什么|为啥|什么原因|原因是什么|原因是|原因何在|怎么会|的原因|主要是|"
    r"(?:和|与|跟)?(?:比|较|相比|同比)(?:上年|去年|上一年|前一年|\d{4}年)?(?:相比)?|"
    r"(?:增加|减少|增长|下降|上升|降低|压减|涨|降|多|少|变化)(?:了)?(?:这么多|那么多|很多|不少)?|"
    r"了|呢|吗|[？?。，,]")


def _stated_before(part: str, before: str) -> bool:
    """True when the answer before already states, with its figure, what ``part`` asks for
    ("…全年预算多少？" after "…全年预算 321.02 万元")."""
    asked = re.sub(r"(?:是|有|为)?(?:多少|几)[个项名辆]?|请问|那么?|呢|吗|[？?，,。\s]", "", part)
    return len(asked) >= 2 and bool(re.search(re.escape(asked) + r"\s*[\d.,]+\s*(?:万元|元|亿元|%)", before))


# a reason asked, and words that ask of every body
_WHY = re.compile(r"为什么|为啥|什么原因|原因是|何故|怎么会")
_EVERY_BODY = re.compile(r"这些|那些|各|哪(?:个|家|些)|谁|每|所有|全部")


# one body's part of a total just added over several ("乙局占当中多大比例")
_PART_OF_SUM = re.compile(r"^(?:那么?)?[\u4e00-\u9fff]{2,20}?(?:在|)(?:这里面|里面|其中|当中|里头|中)?的?(?:大概|大约)?"
                          r"(?:占|所占)了?(?:这里面|里面|其中|当中|这当中)?的?(?:几成|多少|百分之几|多大比例|多大比重|比例|比重|百分比)")


# a part asking an amount and naming nothing ("投入多少？")
_VERSION_WORD = re.compile(r"(?:年初|全年|调整后?|当年)?预算数?|决算数?|实际(?:支出|数)?|执行数")
_MONEY_SAID = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元)")  # an amount a quoted sentence states
_BARE_AMOUNT = re.compile(r"^(?:[\u4e00-\u9fff]{1,4}的话[，,]?|如果[^，,]{1,8}[，,]?)?(?:那|这|它|其)?(?:一共|总共|大概|大约)?(?:覆盖|涉及|花|用|安排|投入|包括|包含|是)?了?"
                          r"(?:多少钱|多少资金|多少金额|多少|几万块?钱?)(?:呢|啊)?[？?。]?$")


# a part asking whose document it is ("2023年那份文件是哪个部门的")
_WHOSE_DOC = re.compile(r"(?:材料|文件|文档|报告|这份|那份)[^，,。？?]{0,4}(?:是|属于)?(?:哪个|哪家|什么)(?:部门|单位|机关)")
_FIGURE_ASKED = re.compile(r"多少|几|金额|经费|支出|收入|预算数|决算数")
# a part asking only the code of the row the part before read ("…多少钱？科目编码是啥？")
_CODE_ONLY = re.compile(r"^(?:那|它|其|这项|该项|对应)?的?(?:功能|经济)?(?:分类)?(?:科目)?(?:编码|代码|编号)(?:是|为)?(?:多少|啥|什么|几)?[？?。]?$")


# a unit's name right after a place: 农业技术推广中心, 第一人民医院, 综合执法大队
_UNIT_BODY = re.compile(r"(?![和与及跟同、的是在])(?:(?![和与及跟、的])[\u4e00-\u9fff]){2,10}?(?:中心|医院|卫生院|站|所|大队|支队|学校|幼儿园|馆)(?![\u4e00-\u9fff]{0,1}(?:长|里|内|属|员))")
_COUNT_UNITS = ("辆", "个", "人", "名", "家", "台", "套", "项", "所")
_MONEY_ASKED = re.compile(r"钱|经费|费用|资金|拨款|收入|支出|元|比例|占|预算|决算")


# a why-question that names nothing of its own ("原因是什么？", "为什么？")
_BARE_WHY = re.compile(r"^(?:那么?|请问)?(?:主要)?(?:(?:什么|啥)?原因|理由)(?:是什么|是啥|何在|呢)?[？?。]?$|^(?:那么?)?(?:为什么|为何)(?:呢|会这样)?[？?。]?$")


# a part asking the rows under the row just read ("它下面有哪些款？")
_ITS_PARTS = re.compile(r"^(?:那|它|其)?(?:下面|下边|下头|下级|里面|其中)?(?:又)?(?:分成|分为|分了|包括|包含|有)了?(?:哪几|哪些|几)(?:个)?(?:项|款|类|小项|科目)"
                        r"[^？?。]*$")
# a part asking what the thing just stated is ("这个指的是什么钱？", "这是什么意思？")
_WHAT_IS_IT = re.compile(r"^(?:那么?)?(?:这个|这笔钱|这项|该项|这|它)(?:钱|经费)?(?:具体)?(?:指的?是|是指|是)(?:什么|啥)(?:钱|意思|经费|东西)?(?:呢)?[？?。]?$")


# "还有多少没花出去": what is left of a budget after the spending, asked right after both were stated
_UNSPENT = re.compile(r"(?:还剩|剩下?了?|结余了?)多少|多少(?:钱)?(?:没|未)(?:花|用|使用|支出)|(?:没|未)(?:花|用|使用|支出)(?:出去|完|掉)?的?(?:有|是)?多少")
# a part asking the difference of the two amounts the part before stated ("各多少元？差了多少元？")
_BARE_DIFF = re.compile(r"^(?:那么?|两者|二者|之间|它们)?(?:相差|差了?|差距|差额)(?:是|有)?(?:多少|几)(?:万元|元|亿元)?(?:呢)?[？?。]?$")


def _item_before(ctx: Part, asked_before: str) -> str:
    """The item the part before named and its answer read (a row or a concept), or ''."""
    said = normalize(asked_before)
    return next((x.label for x in ctx.matches if (x.items or x.concept) and x.label and x.label in said), "")


def _not_loaded(name: str, scope: Scope, docs: Sequence[Document]) -> Scope:
    """``scope`` declined: the body ``name`` is not among the loaded documents, which are listed."""
    have = "、".join(dict.fromkeys(doc_label(d) for d in docs))
    return Scope((), scope.mentions, scope.years, scope.kind, repaired=scope.repaired,
                 why=f"载入的文件是{have}，没有{name}的数据")


def _difference_of(a: Figure, b: Figure, asked: str, lang: str, ctx: Part) -> Part:
    """The difference of two stated amounts, the larger first, in the unit the part asks."""
    big, small = (a, b) if ar.convert(a, "元").value >= ar.convert(b, "元").value else (b, a)
    unit = next((u for u in ("亿元", "万元", "元") if u in asked), big.unit)
    d = ar.difference(ar.convert(big, unit), ar.convert(small, unit), f"{big.label}与{small.label}之差")
    text = (f"{big.label}比{small.label}多 {amount(d)}（{d.formula}）。" if lang == "zh" else
            f"{big.label} exceeds {small.label} by {amount(d)} ({d.formula}).")
    return Part(text, True, [d], ctx.citations[:2], "arithmetic", ctx.matches)


class PassageSearch(Protocol):
    """Narrative search (the hybrid store, or the in-memory keyword index)."""

    def search(self, query: str, k: int, doc_ids: list[str] | None = None) -> list[Passage]: ...


# a count the question itself gives (70辆, 496人) and a per-unit figure asked of it
_GIVEN_COUNT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(辆|人|名|个|所|家|户|座|台)(?!次|民币)")
_PER_UNIT = re.compile(r"每(?:辆车?|人|名|个人?|所|家|户|座|台)的?|人均|平均每?\S{0,2}?的?(?=[\u4e00-\u9fff])|平均")


class Assistant:
    """Answers questions about loaded budget disclosures, with exact cited figures."""

    def __init__(self, documents: Sequence[Document] | None = None, search: PassageSearch | None = None,
                 llm: object = None, *, registry: Sequence[Document] | None = None,
                 load: Callable[[str], Document | None] | None = None, views: int = DEFAULT_VIEWS) -> None:
        """Answer from ``documents`` (all in memory), or from a ``registry`` of documents whose
        bodies ``load(doc_id)`` reads when a question is about them (a store's documents)."""
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        import jieba.posseg as pseg

        pseg.lcut("预算")  # load the part-of-speech model now, not on the first question
        if documents is not None:
            full = {d.doc_id: d for d in documents}
            registry, load = list(documents), full.get
        if registry is None or load is None:
            raise ValueError("give the documents, or a registry and a load function")
        self.vocab = load_vocabulary()
        self.search = search
        self.llm = llm
        self.library = Library(registry, load, self.vocab, search, views)
        self.tables = TablesByDoc(self.library)
        self.narrative = NarrativeByDoc(self.library)

    def documents(self) -> list[Document]:
        """The loaded documents as the registry holds them (issuer, year, kind, title, source;
        :meth:`document` gives one whole)."""
        return list(self.library.refs)

    def document(self, doc_id: str) -> Document:
        """One loaded document, whole (tables and narrative)."""
        return self.library.document(doc_id)

    # -- understanding: normalise, scope, plan ---------------------------------------------

    def plan(self, question: str, doc_ids: list[str] | None = None) -> Plan:
        """The plan for a question: normalised text, documents in scope, operation across them."""
        norm = normalise(question)
        text = norm.text
        prefix = ""
        inserted: list[str] = []  # issuers an English question named, put in its Chinese reading
        missing: list[str] = []  # bodies it named that no loaded document is of
        if is_english(text):
            # bodies named in English (the Yunxi District Statistics Bureau) become the Chinese
            # issuers they fit; the Chinese reading keeps budget terms; the places, years and kinds
            # that choose documents are read from the English words themselves, for scoping only
            text, inserted = replace_english_issuers(text, [
                EnglishIssuer(i, self.library.by_id[i].issuer or "", e.forms)
                for i, e in self.library.scoped.items() if not doc_ids or i in doc_ids], missing)
            places = {f for e in self.library.scoped.values() for f in e.forms if f.isascii()}
            named = [w for w in re.findall(r"[A-Za-z]+", text) if w in places]
            years = [f"{y}年" for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)]
            words = list(dict.fromkeys(named + years + english_scope_words(text)))
            prefix = " ".join(words) + " " if words else ""
            text = prefix + to_chinese(text, self.vocab)
        lib = self.library
        docs = [d for d in lib.refs if not doc_ids or d.doc_id in doc_ids]
        scoped = [lib.scoped[d.doc_id] for d in docs]
        mentioned = {k for k in self.vocab.departments_named(text)}
        in_scope = {d.doc_id for d in docs}
        ours = {k for k in mentioned if lib.dept_docs.get(k, set()) & in_scope}
        others = [self.vocab.department_words(k)[0] for k in mentioned - ours]
        text, scope = resolve_scope(text, scoped, others, lib.forms_index)
        if 0 < len(scope.doc_ids) <= MAX_LISTED:  # typos of the names these documents print
            repaired = list(scope.repaired)
            for i in scope.doc_ids:
                text, fixed = lib.view(i).homophones.repair(text)
                repaired += fixed
            scope = replace(scope, repaired=tuple(dict.fromkeys(repaired)))
        if scope.doc_ids:  # a body named beside (or instead of) the issuers found: another 街道 than the one loaded
            bodies = self._bodies(text, scope, scoped)
            units = [b.text for b in bodies if getattr(b, "unit", False)]
            unknown = [b.text for b in bodies if not b.doc_ids and not getattr(b, "unit", False)]
            if units:
                scope = Scope((), scope.mentions, scope.years, scope.kind, repaired=scope.repaired,
                              why=f"文件按整个部门列示，没有单独列出{units[0]}的经费")
            elif unknown:
                scope = _not_loaded(unknown[0], scope, docs)
            elif bodies:  # named by what the documents print of themselves: scope again with it
                scoped = [self._with_forms(d, [b.text for b in bodies if d.doc_id in b.doc_ids]) for d in scoped]
                text, scope = resolve_scope(text, scoped, others, None)
                scope = Scope(scope.doc_ids, scope.mentions, scope.years, scope.kind,
                              why=scope.why, repaired=scope.repaired)
        if not docs and not scope.why:
            scope = Scope((), why="没有载入可回答的文件")
        if missing and not inserted and not scope.mentions:
            # a body named in English that no loaded document is of: declined as a Chinese name is
            scope = _not_loaded(missing[0], scope, docs)
        if prefix and text.startswith(prefix):  # the scoping words go; the question stays as read
            text = text[len(prefix):]
            scope = Scope(scope.doc_ids, tuple(Mention(m.text, max(-1, m.start - len(prefix)), m.doc_ids)
                                               for m in scope.mentions),
                          scope.years, scope.kind, scope.why, scope.repaired)
        named = {i: m.text for m in scope.mentions for i in m.doc_ids}
        return plan_across(norm, text, scope,
                           {d.doc_id: d.issuer or named.get(d.doc_id) or d.doc_id for d in docs},
                           {d.doc_id: d.year for d in docs},
                           lambda doc_id, name: name not in inserted and self._reads_itself(doc_id, name, text))

    @staticmethod
    def _with_forms(d: ScopeEntry, extra: list[str]) -> ScopeEntry:
        """``d`` with more forms, for this question only (the shared one stays as it is)."""
        if not extra:
            return d
        out = copy.copy(d)
        out.aliases = d.aliases + extra
        out.forms = doc_forms(out)
        return out

    def _reads_itself(self, doc_id: str, name: str, question: str) -> bool:
        """True when a document can read an issuer name in a question itself: it prints the name,
        and either the question asks about the department rather than an amount (职责, 机构) or
        no row name of its own stands inside the name (检察 inside 省检察院 would be read as the
        检察 row of an amount question, so there the name is taken out of the question)."""
        view = self.library.view(doc_id)
        key = normalize(name)
        if key not in view.handlers._doc_text(view.doc):
            return False
        return not AMOUNT_WORDS.search(question) or not any(
            len(r) >= 2 and normalize(r) in key for r in view.row_names)

    def _head_text(self, doc_id: str) -> str:
        """What a document says of itself: its issuer, title and short forms; for a document whose
        issuer ingest could not read, also its table titles and first sections (the cover and the
        department's description), normalised."""
        memo: dict[str, str] = self.__dict__.setdefault("_head_memo", {})
        if doc_id not in memo:
            ref = self.library.by_id[doc_id]
            parts = [ref.issuer or "", ref.title or "", *self.library.scoped[doc_id].forms]
            if not ref.issuer:
                doc = self.library.document(doc_id)
                parts += [t.title or "" for t in doc.tables]
                parts += [f"{s.heading} {s.text[:400]}" for s in doc.sections[:3]]
            memo[doc_id] = normalize(" ".join(parts))
        return memo[doc_id]

    def _bodies(self, text: str, scope: Scope, scoped: list[ScopeEntry]) -> list[Mention]:
        """Government bodies the question names beyond the issuers already found, each with the
        documents in scope that name it of themselves (an issuer that ingest could not read),
        or with none (司法局和税务局 with no 税务局 loaded)."""
        spans = [(m.start, m.start + len(m.text)) for m in scope.mentions]
        few = len(scope.doc_ids) <= MAX_LISTED
        out = []
        for name, start in body_names(text):
            inside = [(s, e) for s, e in spans if s < start + len(name) and start < e]
            if inside and AMOUNT_WORDS.search(text) and all(start <= s and e <= start + len(name) and e - s < len(name)
                                                            for s, e in inside) \
                    and not any(name in f or abbreviates(name, f) for d in scoped for f in d.aliases) \
                    and any(normalize(name) in self.library.view(i).handlers._doc_text(self.library.document(i))
                            for i in scope.doc_ids[:MAX_LISTED]):
                # a unit the document names that holds the issuer's short form (某某铁路运输检察院
                # in a provincial 人民检察院's budget): its own money is not broken out
                out.append(Mention(name, start, (), unit=True))
                continue
            if inside:
                continue
            if any(name in f or f in name for d in scoped for f in d.aliases):
                continue
            key = normalize(name)
            own = tuple(i for i in scope.doc_ids if key in self._head_text(i))
            if not own and few and any(key in self.library.view(i).handlers._doc_text(self.library.document(i))
                                       for i in scope.doc_ids):
                continue  # a body the documents mention (a partner, a unit): not a scope
            out.append(Mention(name, start, own))
        if AMOUNT_WORDS.search(text) and len(scope.doc_ids) <= MAX_LISTED:
            # a unit named right after a loaded issuer's place (某区农业技术推广中心) that no document in scope
            # prints anywhere: its money is in no loaded document
            for place in scope.mentions:
                if place.start < 0 or not is_place(place.text):
                    continue  # (after an issuer's name, 机关 / 下属中心 are its own parts)
                m = _UNIT_BODY.match(text, place.start + len(place.text))
                name = m.group(0) if m else ""
                if not name or any(name in f or abbreviates(name, f) for d in scoped for f in d.aliases) \
                        or any(normalize(name) in self.library.view(i).handlers._doc_text(self.library.document(i))
                               for i in scope.doc_ids):
                    continue  # (the documents' text is read only for a candidate unit's name)
                out.append(Mention(place.text + name, place.start, ()))
        return out

    # -- asking ----------------------------------------------------------------------------

    def ask(self, question: str, doc_ids: list[str] | None = None, previous: str | None = None) -> Answer:
        """Answer one question (Chinese or English); ``doc_ids`` restricts the documents;
        ``previous`` is the question asked before it in the same chat, which a question that
        leans on it ("那西江区的呢？") is read with (:func:`follow_on`)."""
        if question is None or not str(question).strip():
            raise QuestionError(
                "the question is empty; type a question about the budget, e.g. 2024年三公经费预算是多少？")
        t0 = time.perf_counter()
        said = normalise(str(question)).text
        lang = "en" if is_english(said) else "zh"
        try:
            part = self._share_of_sum(said, previous, doc_ids, lang)
            if part is not None:
                part.latency_ms = (time.perf_counter() - t0) * 1000
                return part
            text = self.standalone(str(question), previous, doc_ids)
            plan = self.plan(text, doc_ids)
            ans = vet(normalise(text).text, self._execute(plan, lang))
            if ans.found and ans.route == "lookup" and len(plan.scope.doc_ids) == 1:
                ans.text = polar_lead(normalise(text).text, ans.text, ans.figures, lang)
            if text != str(question):
                ans.question = str(question)
                ans.asked_as = text
            one = plan.scope.doc_ids[0] if len(plan.scope.doc_ids) == 1 else None
            if ans.found and one and self._several(doc_ids) and doc_label(self.library.by_id[one]) not in ans.text:
                # the body the question left unsaid (or named by a short name), named in the answer
                ans.text = f"（{doc_label(self.library.by_id[one])}）{ans.text}"
            if self.llm is not None and not ans.found and plan.across is not Across.DECLINE:
                ans = self._model_plan(plan, lang, doc_ids) or ans
        except Exception:  # a fault in the answering code never becomes a guessed figure or a crash
            log.exception("answering failed for %r", question)
            ans = Answer(question, refusal("这个问题没能算出答案（内部错误，已记录）", lang), False,
                         route="error", language=lang)
        if self.llm is not None and ans.found:
            from assistant.llm import reword

            ans.text = reword(self.llm, question, ans)
        ans.latency_ms = (time.perf_counter() - t0) * 1000
        return ans

    def _mentions(self, text: str, doc_ids: list[str] | None) -> list[Mention]:
        """The loaded issuers ``text`` names, where it names them."""
        return [m for m in self.plan(text, doc_ids).scope.mentions if m.start >= 0]

    def _several(self, doc_ids: list[str] | None) -> bool:
        """True when more than one loaded document is open to the question (the chat's choice)."""
        return sum(1 for d in self.library.refs if not doc_ids or d.doc_id in doc_ids) > 1

    def _share_of_sum(self, q: str, previous: str | None, doc_ids: list[str] | None, lang: str) -> Answer | None:
        """"乙局占当中多大比例" right after a total added over several documents: X's own figure of
        that total (the one added in it) as a share of the total; None for any other question."""
        if not previous or lang != "zh" or not _PART_OF_SUM.match(q):
            return None
        mentions = self._mentions(q, doc_ids)
        if len(mentions) != 1 or len(mentions[0].doc_ids) != 1 or not q.lstrip("那么").startswith(mentions[0].text):
            return None
        before = self.ask(previous, doc_ids)
        if not before.found or before.route != "across:sum" or not before.figures or not before.figures[0].operands:
            return None
        total = before.figures[0]
        label = doc_label(self.library.by_id[mentions[0].doc_ids[0]])
        own = [f for f in before.figures[1:] if f.label.startswith(label)]
        if len(own) != 1 or own[0].value not in {o.value for o in total.operands}:
            return None
        pct = ar.share(own[0], total, f"{label}占合计的比例")
        text = (f"{label} {amount(own[0])}，占{len(total.operands)}份文件合计 {amount(total)} 的 "
                f"{fmt(pct.value, '%')}%（{pct.formula}）{where(own[0])}。")
        return Answer(q, text, True, [pct, own[0], total], before.citations, route="across:share", language=lang,
                      scope=before.scope, asked_as=f"{mentions[0].text}占（{previous.rstrip('？?')}）的比例")

    def standalone(self, question: str, previous: str | None, doc_ids: list[str] | None = None) -> str:
        """``question`` as it reads on its own after ``previous`` in the same chat (itself when it
        does not lean on it); English questions are left as they are."""
        if not previous or not str(previous).strip():
            return question
        q, before = normalise(question).text, normalise(str(previous)).text
        if is_english(q):
            # English is left as asked, but for "And the largest?" after a ranking: that
            # ranking asked again, for the other end
            q = to_chinese(q, self.vocab)
            if not re.fullmatch(r"(?:最|第[二三])(?:多|少|高|低|大|小)", q):
                return question
        # (a question before in English is read as its Chinese reading: "那最少的呢" after "which
        # one has the biggest …" asks that ranking again)
        read = before if not is_english(before) else self.plan(before, doc_ids).text
        alone = follow_on(q, read, lambda t: self._mentions(t, doc_ids))
        if alone != q:
            return alone
        if _WHY.search(q) and not _EVERY_BODY.search(q) and self._several(doc_ids) \
                and not self._mentions(q, doc_ids):
            # a reason asked with no body named, right after a question about one body (in either
            # language): a reason is one body's own, the body the chat is about
            asked = self.plan(before, doc_ids).scope.doc_ids
            if len(asked) == 1 and self.library.by_id[asked[0]].issuer:
                return f"{self.library.by_id[asked[0]].issuer}{q}"
        return question

    def _model_plan(self, plan: Plan, lang: str, doc_ids: list[str] | None) -> Answer | None:
        """The answer of a plan the chat model proposes, checked against the loaded documents, when
        the rules found none; None when the model proposes nothing usable or the rules declined
        on principle (another year, another department, a sub-unit: those refusals stand)."""
        from assistant.config import load_settings
        from assistant.understand.proposal import propose_plan

        lib = self.library
        docs = [d for d in lib.refs if (not doc_ids or d.doc_id in doc_ids)]
        if len(docs) > MAX_LISTED:  # the model chooses among the documents in scope only
            docs = [d for d in docs if d.doc_id in plan.scope.doc_ids][:MAX_LISTED]
        if any(lib.view(d.doc_id).handlers.refusal_reason(plan.text, lib.document(d.doc_id))
               for d in docs if d.doc_id in plan.scope.doc_ids):
            return None
        proposed = propose_plan(self.llm, plan, [(d.doc_id, doc_label(d)) for d in docs],
                                {d.doc_id: lib.view(d.doc_id).row_names for d in docs},
                                float(load_settings().llm_timeout_s))
        by_id = {d.doc_id: d for d in docs}
        if proposed is None or (plan.scope.years and any(
                by_id[i].year not in plan.scope.years for i in proposed.scope.doc_ids)):
            return None
        ans = self._execute(proposed, lang)
        if ans.found:
            ans.route = f"model-plan:{ans.route}"
            return ans
        return None

    def _within(self, plan: Plan, doc: Document, lang: str) -> Answer:
        """One document's answer: a ranking of its classification rows, an item against a
        threshold, or the question answered part by part."""
        units = rank_units(doc, self.tables[doc.doc_id], plan.item, lang)
        if units is not None and not self.library.view(doc.doc_id).handlers.refusal_reason(plan.item, doc):
            units.question = plan.question
            return units
        ranking = read_ranking(plan.item)
        if ranking is not None and not self.library.view(doc.doc_id).handlers.refusal_reason(plan.item, doc):
            ranked = rank_rows(doc, self.tables[doc.doc_id], ranking, lang, plan.item)
            if ranked is not None and re.search(r"最(?:多|高|大)", plan.item) and re.search(r"最(?:少|低|小)", plan.item):
                # "最多和最少的各是哪类": both ends
                other = rank_rows(doc, self.tables[doc.doc_id], replace(ranking, descending=not ranking.descending),
                                  lang, plan.item)
                if other is not None:
                    ranked.text = ranked.text + other.text
                    ranked.figures = ranked.figures + [f for f in other.figures if f not in ranked.figures]
                    ranked.citations = ranked.citations + [c for c in other.citations if c not in ranked.citations]
            if ranked is not None and re.search(r"占.{0,12}(?:百分之|比例|比重|%)|占比|百分之几", plan.item):
                self._with_shares(ranked, doc, lang)  # "最大的类占多大比重"
            if ranked is not None:
                ranked.question = plan.question
                return ranked
        per = self._per_given_count(plan, doc, lang)
        if per is not None:
            return per
        kids = count_children(doc, self.tables[doc.doc_id], plan.item, lang)
        if kids is not None:
            kids.question = plan.question
            return kids
        levels = count_level_rows(doc, self.tables[doc.doc_id], plan.item, lang)
        if levels is not None:
            levels.question = plan.question
            return levels
        threshold = read_threshold(plan.item)
        if threshold is not None:
            # the item's amount, asked plainly: the yes/no is this stage's, from that amount
            asked = re.sub(r"了?(?:有没有|没有|是不是|是否|吗|呢)|[？?]", "", plan.item.replace(threshold.clause, "")) + "是多少"
            base = self._answer(plan.question, asked, doc, lang)
            if base.found:
                judged = threshold_answer(base, threshold, lang)
                if judged is not None:
                    return judged
                return Answer(plan.question, refusal("找不到可以和这个数比较的金额", lang), False,
                              route="refusal", language=lang)
        ans = self._answer(plan.question, plan.item, doc, lang)
        if ans.found and _REASON.search(plan.item):
            ans = self._with_level(plan, doc, ans, lang)
        return ans

    def _with_shares(self, ranked: Answer, doc: Document, lang: str) -> None:
        """Each ranked row's share of its table's total (in the same column), added to ``ranked``."""
        tables = self.tables[doc.doc_id]
        added: list[Figure] = []
        for f in [x for x in ranked.figures if x.source is not None and x.unit in ("元", "万元", "亿元")]:
            t = next((t for t in doc.tables if t.key == f.source.table), None)  # type: ignore[union-attr]
            tot = tables.total_item(t) if t is not None else None
            col = f.source.column  # type: ignore[union-attr]
            if tot is None or col is None or tot.values.get(col) is None or not tot.values[col].value:
                continue
            whole = figure(doc, tot, col, label=f"{t.title or t.key}合计")  # type: ignore[union-attr]
            s = ar.share(f, whole, f"{f.label}占合计的比例")
            added.append(s)
        if added:
            ranked.figures = ranked.figures + added
            ranked.text += ("；".join(f"{s.label} {fmt(s.value, '%')}%（{s.formula}）" for s in added) + "。"
                            if lang == "zh" else " " + "; ".join(f"{s.label}: {fmt(s.value, '%')}%" for s in added) + ".")

    def _vehicles_held(self, q: str, doc: Document) -> Figure | None:
        """For "每辆车…" with no count in the question: the vehicles the document says the
        department holds (共有车辆N辆), when it states one total."""
        if not re.search(r"每辆|辆车|车辆|公车|用车", q) or re.search(r"购置|新购|买", q):
            return None
        from assistant.narrative import pick_figures

        nx = self.library.view(doc.doc_id).narrative
        picks = pick_figures(nx, "共有车辆 公务用车 辆", doc_ids=[doc.doc_id], units={"辆"}, n=12)
        held = [p.fig for p in picks if re.search(r"共有|保有|现有|共计", p.fig.label)
                and not re.search(r"购置|新增|更新", p.fig.segment.text[:p.fig.start])]
        values = {f.value for f in held}
        if len(values) != 1:
            return None  # none stated, or two totals that disagree: no count is guessed
        f = held[0]
        return f.figure(re.sub(r"^.*?(共有|保有|现有|共计)", r"\1", f.label) or "车辆数")

    def _visits_held(self, q: str, doc: Document) -> Figure | None:
        """For a reception cost per 人次 (or 批次): the count the document says the receptions came to,
        when it states one such count."""
        unit = "人次" if "人次" in q else "批次" if "批次" in q else None
        if unit is None or "接待" not in q:
            return None
        from assistant.narrative import pick_figures

        nx = self.library.view(doc.doc_id).narrative
        picks = pick_figures(nx, f"公务接待 {unit}", doc_ids=[doc.doc_id], units={unit}, n=8)
        # the total said first, not a part after 其中 (接待外宾0人次)
        held = [p.fig for p in picks if "接待" in p.fig.segment.text[:p.fig.start] and not p.fig.change
                and "其中" not in p.fig.segment.text[:p.fig.start]]
        if len({f.value for f in held}) != 1:
            return None
        return held[0].figure(f"公务接待{unit}")

    def _per_given_count(self, plan: Plan, doc: Document, lang: str) -> Answer | None:
        """"按70辆车平均，每辆车的运行维护费多少" / "编制496人，按这个算人均基本工资多少": the item's
        amount divided by the count the question itself gives (the document gives no per-unit
        figure; the division is the asker's, stated as such)."""
        q = plan.item
        given = _GIVEN_COUNT.search(q)
        if not _PER_UNIT.search(q):
            return None
        held = None
        if given is None:
            held = self._vehicles_held(q, doc)
            unit = "辆"
            if held is None:
                held = self._visits_held(q, doc)
                unit = held.unit if held is not None else unit
            if held is None:
                return None
            count = held.value
        else:
            count, unit = Decimal(given.group(1)), given.group(2)
        if count <= 0:
            return None
        clauses = [c for c in re.split(r"[，,；;]", q) if c.strip()]
        kept = [c for c in clauses if not (_GIVEN_COUNT.search(c) and not AMOUNT_WORDS.search(_GIVEN_COUNT.sub("", c)))
                and not re.fullmatch(r"\s*按(?:这个|此|这)(?:数)?(?:来)?(?:算|计算|平均)\s*", c)]
        base = _PER_UNIT.sub("", "，".join(kept))
        base = re.sub(r"按\d+(?:\.\d+)?\S{0,3}?(?:平均|算|计算)|大概|大约|约", "", base).strip("，, ")
        if len(re.findall(r"[\u4e00-\u9fff]", base)) < 3:
            return None
        whole = self._answer(plan.question, base, doc, lang)
        fig = next((f for f in whole.figures if f.unit in ("万元", "元", "亿元") and not f.formula), None)
        if not whole.found or fig is None:
            return None
        if fig.unit != "元" and fig.value / count < 1:  # less than one of the unit each: said in 元
            fig = ar.convert(fig, "元")
        value = (fig.value / count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        formula = f"{fmt(fig.value, fig.unit)} ÷ {fmt(count, '')}"
        per = Figure(value, fig.unit, f"{fig.label}每{unit}", None, formula, (fig,) + ((held,) if held else ()))
        if held is not None:  # the count the document itself gives
            text = (f"{fig.label} {amount(fig)} ÷ {fmt(count, '')} {unit} ({held.label}{where(held, lang)}) = "
                    f"{fmt(value, fig.unit)} {fig.unit} per {'vehicle' if unit == '辆' else unit}{where(fig, lang)}." if lang == "en" else
                    f"{fig.label} {amount(fig)}，按文件所列{held.label} {fmt(count, '')} {unit}"
                    f"{where(held, lang)}平均，每{unit}约 {fmt(value, fig.unit)} {fig.unit}（{formula}）{where(fig, lang)}。")
            return Answer(plan.question, text, True, [per, fig, held], whole.citations, route="arithmetic",
                          language=lang)
        if lang == "en":
            text = (f"{fig.label} {amount(fig)} ÷ {fmt(count, '')} ({unit}, the number the question gives) "
                    f"= {fmt(value, fig.unit)} {fig.unit} per {unit}{where(fig, lang)}.")
        else:
            text = (f"{fig.label} {amount(fig)}，按问题给出的 {fmt(count, '')}{unit} 平均，每{unit}约 "
                    f"{fmt(value, fig.unit)} {fig.unit}（{formula}）{where(fig, lang)}。")
        return Answer(plan.question, text, True, [per, fig], whole.citations, route="arithmetic", language=lang)

    def _with_level(self, plan: Plan, doc: Document, reason: Answer, lang: str) -> Answer:
        """A reason for a change also states the item's own figure (the change alone does not
        say how much the item is): the subject of the question is looked up and its sentence put
        first, when the reason does not state that figure already."""
        subject = _REASON_GRAMMAR.sub("", plan.item).strip(" ，,。？?")
        if len(re.findall(r"[\u4e00-\u9fff]", subject)) < 2:
            return reason
        level = self._answer(plan.question, f"{subject}是多少", doc, lang)
        fig = next((f for f in level.figures if f.unit in ("万元", "元", "亿元") and not f.formula), None)
        if not level.found or fig is None or any(f.value == fig.value and f.unit == fig.unit
                                                  for f in reason.figures):
            return reason
        figures = [fig] + [f for f in reason.figures if f != fig]
        citations = level.citations + [c for c in reason.citations if c not in level.citations]
        sep = "" if lang == "zh" else " "
        return Answer(reason.question, level.text + sep + reason.text, True, figures, citations,
                      route=reason.route, language=lang)

    def _coverage(self, question: str, doc: Document) -> int:
        """How much of the question a document's own rows name: the characters of the printed
        row names, codes and loose names found in it, and of the vocabulary's items that resolve
        to rows of its own (三公经费 printed as the 三公 table's 合计); 0 when none."""
        q = to_chinese(question, self.vocab) if is_english(question) else question
        ms = [m for m in find_matches(q, self.tables[doc.doc_id]) if m.items]
        nq = normalize(q)
        # ("财政拨款里X": the whole that holds the item asked is not named as an item of its own)
        return sum(m.end - m.start for m in ms if not (
            re.match(r"(?:里|中|当中|里面|里头)的?", nq[m.end:m.end + 3])
            and any(o.start >= m.end and o.start - m.end <= 4 for o in ms if o is not m)))

    def _execute(self, plan: Plan, lang: str) -> Answer:
        docs = [self.library.by_id[i] for i in plan.scope.doc_ids]  # registry entries
        if plan.across is Across.DECLINE or not docs:
            return Answer(plan.question, refusal(plan.scope.why or "没有找到相关的数字或说明", lang), False,
                          route="refusal", language=lang)
        if plan.across is Across.DOCS:
            if plan.scope.kind and re.search(r"其中[^，,。？?]*(?:决算|预算)", plan.text):
                # "某年的共几份？其中决算是哪份": the kind picks among them, it does not count them
                docs = [d for d in self.library.refs if (not plan.scope.years or d.year in plan.scope.years)
                        and (not plan.scope.mentions or any(d.doc_id in m.doc_ids for m in plan.scope.mentions))]
            ans = documents_answer(plan, docs, lang)
        elif plan.across is Across.ONE:
            ans = self._within(plan, self.document(docs[0].doc_id), lang)
        else:
            # (each document's answer checked as a single document's is: a named project answered
            # with a class row is that document's "not given", not a line of the listing)
            ans = answer_across(plan, docs, lambda q, d: vet_listed(normalise(q).text, self._answer(
                plan.question, q, self.document(d.doc_id), lang)), lang, coverage=self._coverage)
        said = {i: m.text for m in plan.scope.mentions for i in m.doc_ids}
        for d in docs:  # the short form the question used, beside the full name it stands for
            if d.doc_id in said and said[d.doc_id] not in doc_label(d) and not said[d.doc_id].isascii():
                ans.text = ans.text.replace(doc_label(d), f"{doc_label(d)}（{said[d.doc_id]}）")
        ans.scope = [doc_label(d) for d in docs]
        return ans

    def _follow_up(self, p: str, before: str, ctx: Part | None, doc: Document) -> str:
        """"小学教育安排了多少？初中呢？": the part before, asked of the new subject. The subject
        before is the row the answer read, else the item the part before names (a figure the
        narrative stated, 机关运行经费)."""
        # ("Y又花了多少", after a part that asked of X, is asked the same way: "Y呢")
        m = re.match(r"^(?:那么?|还有)?(.{1,14}?)呢$|^(?:那么?|而)?([\u4e00-\u9fff]{1,8}?)又(?:花了?|用了?|安排了?|是|有|为)?多少$",
                     p.strip(" ？?。"))
        if not m or not before or ctx is None or INSIDE_BEFORE.match(p.strip()):
            return p  # ("其中X呢": a part of the item before, read as such)
        named = next((x.label for x in ctx.matches if x.items and x.label in normalize(before)), None)
        nb = normalize(before)
        if named is None:
            # the words of the question before that named the item ("公车购置": its span, not its row name)
            named = next((nb[x.start:x.end] for x in find_matches(before, self.tables[doc.doc_id])
                          if (x.items or x.concept) and 0 <= x.start < x.end <= len(nb)), None)
        if not named:
            return p
        new = normalize(m.group(1) or m.group(2))
        if m.group(2) and _VERSION_WORD.fullmatch(new):
            # "X实际花了多少？年初预算又是多少？": the same item, in the version now named
            year = re.match(r"^20\d\d年度?", nb)
            return f"{year.group(0) if year else ''}{named}{new}是多少"
        if m.group(2) and len(named) > len(new):
            # "公车购置…，运行又…": the word said replaces the like part of the name, keeping
            # the rest (公车运行; 初中教育 after 小学教育), where the result names an item
            tables = self.tables[doc.doc_id]
            for cand in (named[:-len(new)] + new, new + named[len(new):]):
                asked = nb.replace(named, cand, 1)
                at = asked.find(cand)
                if any((x.items or x.concept) and x.start <= at and x.end >= at + len(cand)
                       for x in find_matches(asked, tables)):
                    return asked
        return nb.replace(named, new, 1)

    def _answer(self, original: str, q: str, doc: Document, lang: str) -> Answer:
        h = self.library.view(doc.doc_id).handlers
        why = h.refusal_reason(q, doc)
        if why:
            return Answer(original, refusal(why, lang), False, route="refusal", language=lang)
        parts = split_parts(q)
        results: list[Part] = []
        ctx: Part | None = None
        asked_before = ""
        for p in parts:
            p = self._follow_up(p, asked_before, ctx, doc)
            if ctx is not None and re.match(r"^(?:那么?|它|这笔钱?|这项|其|大约|大概|约)*占", p.strip()):
                # "X有多少？占总预算的比重是多少？": the share of the row the part before read
                read = next((f for f in ctx.figures if f.unit in ("元", "万元", "亿元") and not f.formula
                             and f.source is not None), None)
                name = _item_before(ctx, asked_before) or (
                    re.sub(r"^20\d\d年度?", "", read.label) if read is not None and read.source and read.source.table else "")
                if read is not None and len(name) >= 2:  # (the figure's own name: 基本支出, not its row 合计)
                    p = name + re.sub(r"^(?:那么?|它|这笔钱?|这项|其|大约|大概|约)*", "", p.strip())
            what = _WHAT_IS_IT.match(p.strip())
            if what and ctx is not None:  # "…花了多少？这个指的是什么钱？": what the item before is
                named = _item_before(ctx, asked_before) or (
                    re.sub(r"(?:是|有|为|花了?|用了?|安排了?|支出)?(?:多少|几).*$|^20\d\d年度?", "", asked_before).strip("，, ")
                    if asked_before else None)
                if named:
                    p = f"{named}是指什么"
            counted = next((f.unit for f in ctx.figures if f.unit in _COUNT_UNITS), None) if ctx is not None else None
            if counted and re.match(r"^(?:其中|那)", p) and not _MONEY_ASKED.search(p):
                # "共有几辆车？其中X有多少？": a part of a count is counted in the same unit
                p = re.sub(r"(多少|几)(?![个辆人家名台套项所])", rf"\1{counted}", p, count=1)
            coded = next((f for f in ctx.figures if f.source is not None and f.source.code), None) if ctx else None
            if coded is not None and _CODE_ONLY.match(p.strip()):
                name = coded.source.row or coded.label  # type: ignore[union-attr]
                res = Part(f"{name}的科目编码是 {coded.source.code}。" if lang == "zh" else  # type: ignore[union-attr]
                           f"The code of {name} is {coded.source.code}.", True, [],  # type: ignore[union-attr]
                           ctx.citations[:1] if ctx else [], "code_lookup")
            elif coded is not None and _ITS_PARTS.match(p.strip()) and (kids := list_children(
                    doc, self.tables[doc.doc_id], coded.source.table or "", coded.source.code or "",  # type: ignore[union-attr]
                    coded.source.row or coded.label, lang)) is not None:  # type: ignore[union-attr]
                # "X多少？它下面有哪些款？": the rows under the row the part before read
                res = Part(kids.text, True, kids.figures, kids.citations, "children", ctx.matches if ctx else [])
            elif ctx is not None and _BARE_DIFF.match(p.strip()) and ctx.route == "change":
                res = Part("", True, [], [], "change", ctx.matches)  # a difference asked right after a change: the change stated
            elif ctx is not None and (_BARE_DIFF.match(p.strip()) or _UNSPENT.search(p)) and len(
                    stated := [f for f in ctx.figures if f.unit in ("元", "万元", "亿元") and not f.formula]) >= 2:
                res = _difference_of(stated[0], stated[1], p, lang, ctx)
            elif _WHOSE_DOC.search(p) and not _FIGURE_ASKED.search(p):
                # "…那份材料是哪个单位的？": the document's issuer, year and kind
                res = Part(f"是{doc_label(self.library.by_id[doc.doc_id])}。" if lang == "zh" else
                           f"It is {doc_label(self.library.by_id[doc.doc_id])}.", True, [], [], "documents")
            else:
                res = h.answer_part(p, doc, lang, ctx, q)
            if results and asked_before and _BARE_WHY.match(p.strip()) and res.route != "reason":
                # "X较上年增减多少？为何？": the part before and its reason, asked as one (the
                # item's own sentence gives both); it replaces the part before when it states all of it
                both = h.answer_part(f"{asked_before.rstrip('？?。 ')}，{p}", doc, lang, ctx, q)
                if both.found and both.route == "reason":
                    said = {f.value for f in both.figures}
                    if all(f.value in said for f in results[-1].figures):
                        results.pop()
                    res = both
            if not res.found and results and results[-1].found and _BARE_AMOUNT.match(p.strip()) and (len(
                    {f.value for f in results[-1].figures if f.unit in ("元", "万元", "亿元")}) == 1 or not
                    any(f.unit in ("元", "万元", "亿元") for f in results[-1].figures)
                    and len(set(_MONEY_SAID.findall(results[-1].text))) == 1):
                # "…是否安排了X？投入多少？": the one amount the answer before stated is what is asked
                res = Part("", True, [], [], results[-1].route)
            if not res.found and results and results[-1].found and (classify(p, self.vocab).change and re.search(
                    r"比(?:上年|去年|上一年|20\d\d\s*年度?)\s*(?:增加|减少|增长|下降|持平|上升|降低)", results[-1].text)
                    or _stated_before(p, results[-1].text)):
                # "X多少？较上年呢？" where the answer before already stated X's change
                res = Part("", True, [], [], results[-1].route)
            if not res.found and ctx is not None and AGAINST_BEFORE.match(re.sub(r"^那么?", "", p.strip())) and len(
                    subject := subject_of(asked_before)) >= 2:
                # "X一共多少？比上年多还是少？": the change of the X just asked
                again = h.answer_part(subject + p.strip(), doc, lang, ctx, q)
                res = again if again.found else res
            results.append(res)
            asked_before = p
            if res.found:
                ctx = res
        found = [r for r in results if r.found]
        if not found:
            reason = next((r.text for r in results if r.text), "")
            return Answer(original, refusal(reason or "没有找到相关的数字或说明", lang), False,
                          route="refusal", language=lang)
        figures: list[Figure] = []
        citations: list[Citation] = []
        for r in found:
            for f in r.figures:
                if f not in figures:
                    figures.append(f)
            for c in r.citations:
                if c not in citations:
                    citations.append(c)
        # a part answered by the one before it ("哪项经费多了？多了多少？") is not said twice
        text = ("" if lang == "zh" else " ").join(dict.fromkeys(r.text for r in results if r.text))
        route = found[0].route if len(results) == 1 else "multi"
        return Answer(original, text, True, figures, citations, route=route, language=lang)
