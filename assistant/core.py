"""The assistant facade: one question in, one cited :class:`~assistant.answer.Answer` out.

    >>> a = Assistant([doc])                                   # doctest: +SKIP
    >>> a.ask("经信委今年招待客人花多少钱？").text                # doctest: +SKIP
    '2024年公务接待费 4.00 万元（表四 一般公共预算三公经费支出表，第11页）。'

Figures come from parsed table rows (lookup), from the sentences of the
narrative, or from arithmetic over those; the text states nothing else. When
the loaded documents do not hold the answer the answer says so (found false).
"""

from __future__ import annotations

import logging
import re
import time
from typing import Protocol

import jieba

from assistant.answer import Answer, Citation, Figure
from assistant.compose import refusal
from assistant.english import is_english, to_chinese
from assistant.handlers import Handlers, Part
from assistant.lookup import DocTables
from assistant.narrative import NarrativeIndex
from assistant.router import split_parts
from assistant.search import Passage
from assistant.vocabulary import load_vocabulary, normalize
from ingest.errors import QuestionError
from ingest.model import Document

__all__ = ["Assistant", "PassageSearch"]

log = logging.getLogger(__name__)


class PassageSearch(Protocol):
    """Narrative search (the hybrid store, or the in-memory keyword index)."""

    def search(self, query: str, k: int, doc_ids: list[str] | None = None) -> list[Passage]: ...


class Assistant:
    """Answers questions about loaded budget disclosures, with exact cited figures."""

    def __init__(self, documents: list[Document], search: PassageSearch | None = None, llm: object = None) -> None:
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        import jieba.posseg as pseg

        pseg.lcut("预算")  # load the part-of-speech model now, not on the first question
        self._docs = list(documents)
        self.vocab = load_vocabulary()
        self.tables = {d.doc_id: DocTables(d, self.vocab) for d in self._docs}
        self.narrative = NarrativeIndex(self._docs)
        self.search = search
        self.llm = llm
        self.handlers = Handlers(self)

    def documents(self) -> list[Document]:
        """The loaded documents."""
        return list(self._docs)

    # -- document choice -------------------------------------------------------------------

    def _select(self, q: str, doc_ids: list[str] | None) -> tuple[Document | None, str | None]:
        docs = [d for d in self._docs if not doc_ids or d.doc_id in doc_ids]
        if not docs:
            return None, "没有载入可回答的文件"
        named = self.vocab.departments_named(q)
        if named:
            hit = [d for d in docs if any(normalize(w) in normalize(d.issuer or d.title)
                                          for k in named for w in self.vocab.department_words(k))]
            if not hit:
                have = "、".join(sorted({d.issuer or d.title for d in docs}))
                return None, f"载入的文件是{have}的，没有问到的部门的数据"
            docs = hit
        if len(docs) > 1:
            years = [int(y) for y in re.findall(r"(20\d\d)年", q)]
            by_year = [d for d in docs if d.year in years]
            docs = by_year or docs
            qn = normalize(q)
            scored = sorted(docs, key=lambda d: -sum(1 for w in re.findall(r"[\u4e00-\u9fff]{2}", d.issuer or "")
                                                     if w in qn))
            docs = scored
        return docs[0], None

    # -- asking ----------------------------------------------------------------------------

    def ask(self, question: str, doc_ids: list[str] | None = None) -> Answer:
        """Answer one question (Chinese or English); ``doc_ids`` restricts the documents."""
        if question is None or not str(question).strip():
            raise QuestionError(
                "the question is empty; type a question about the budget, e.g. 2024年三公经费预算是多少？")
        t0 = time.perf_counter()
        lang = "en" if is_english(question) else "zh"
        try:
            q = to_chinese(question, self.vocab) if lang == "en" else str(question).strip()
            doc, why = self._select(q, doc_ids)
            if doc is None:
                ans = Answer(question, refusal(why or "", lang), False, route="refusal", language=lang)
            else:
                ans = self._answer(question, q, doc, lang)
        except Exception:  # a fault in the answering code never becomes a guessed figure or a crash
            log.exception("answering failed for %r", question)
            ans = Answer(question, refusal("这个问题没能算出答案（内部错误，已记录）", lang), False,
                         route="error", language=lang)
        if self.llm is not None and ans.found:
            from assistant.llm import reword

            ans.text = reword(self.llm, question, ans)
        ans.latency_ms = (time.perf_counter() - t0) * 1000
        return ans

    @staticmethod
    def _follow_up(p: str, before: str, ctx: Part | None) -> str:
        """"小学教育安排了多少？初中呢？": the part before, asked of the new subject."""
        m = re.match(r"^(?:那么?|还有)?(.{1,14}?)呢$", p.strip())
        if not m or not before or ctx is None:
            return p
        named = next((x.label for x in ctx.matches if x.items and x.label in normalize(before)), None)
        if named is None:
            return p
        nb = normalize(before)
        return nb.replace(named, normalize(m.group(1)), 1)

    def _answer(self, original: str, q: str, doc: Document, lang: str) -> Answer:
        h = self.handlers
        why = h.refusal_reason(q, doc)
        if why:
            return Answer(original, refusal(why, lang), False, route="refusal", language=lang)
        parts = split_parts(q)
        results: list[Part] = []
        ctx: Part | None = None
        asked_before = ""
        for p in parts:
            p = self._follow_up(p, asked_before, ctx)
            res = h.answer_part(p, doc, lang, ctx, q)
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
