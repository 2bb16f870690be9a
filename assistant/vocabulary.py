"""The budget vocabulary the assistant owns, read from ``assistant/data/vocabulary.json``.

A :class:`Concept` is one budget item as people ask about it: its official
names as printed in disclosure tables (``names``), the words people actually
use (``aliases``, e.g. 招待 / 请客 → 公务接待费), English wording (``en``) and
the table roles to look in first. The file also holds the national
classification subject names (功能分类 类, 经济分类 款/项), department words,
English phrases and the kinds of facts a budget disclosure never gives.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["Concept", "ConceptHit", "Vocabulary", "load_vocabulary", "normalize"]

DATA = Path(__file__).resolve().parent / "data" / "vocabulary.json"

_QUOTES = re.compile(r"[“”\"‘’'「」『』《》]")


@lru_cache(maxsize=1 << 16)  # called ~1,000 times a question, mostly on the same row and item names
def normalize(text: str) -> str:
    """NFKC, whitespace and quote marks removed, ASCII letters lower-cased."""
    t = unicodedata.normalize("NFKC", text)
    t = _QUOTES.sub("", t)
    return re.sub(r"\s+", "", t).lower()


@dataclass(frozen=True)
class Concept:
    """One budget item: official names, everyday aliases, English words, table roles."""

    id: str
    kind: str  # row | column | total | total_of_role | sangong_total | sum | narrative
    names: tuple[str, ...]
    aliases: tuple[str, ...]
    en: tuple[str, ...]
    roles: tuple[str, ...]
    side: str | None = None
    note: str | None = None
    # (word, concept id): when the word stands shortly before, the item is that concept instead
    # (修理费 of a 公车 is the 公务用车运行维护费, not the 维修（护）费 of buildings)
    context: tuple[tuple[str, str], ...] = ()
    after: tuple[tuple[str, str], ...] = ()  # words right after the hit that name another concept
    # words that name the concept only when the question names nothing else ("一共花了多少" is the
    # department total, "人员经费一共花了多少" is not)
    weak: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConceptHit:
    """A concept found in a question, with the span of the words that named it."""

    concept: Concept
    start: int
    end: int
    word: str


@dataclass
class Vocabulary:
    """Lookup helpers over the vocabulary data."""

    concepts: list[Concept]
    columns: dict[str, dict[str, Any]]
    function_classes: dict[str, str]
    economic_classes: dict[str, str]
    departments: dict[str, list[str]]
    english: dict[str, str]
    narrative_topics: list[str]
    # (question pattern, reason, document pattern that lifts the refusal when the document has the fact)
    unanswerable: list[tuple[re.Pattern[str], str, re.Pattern[str] | None]]
    generic_words: frozenset[str] = frozenset()
    _alias_index: list[tuple[str, Concept]] = field(default_factory=list)

    def __post_init__(self) -> None:
        pairs: list[tuple[str, Concept]] = []
        for c in self.concepts:
            words = {*c.names, *c.aliases}
            # 及 joins two costs in a printed name; people say 和 or 与 (购置及运行费 / 购置和运行费),
            # and shorten 公务用车 to 公车 or 公务车
            words |= {w.replace("及", j) for w in words if "及" in w for j in ("和", "与")}
            words |= {w.replace("公务用车", short) for w in words if "公务用车" in w for short in ("公车", "公务车")}
            words |= {w.replace("公车", "公务车") for w in words if "公车" in w}
            # a verb and 车 (养车, 修车, 买车) said of the official car: 养公车, 修公务车
            words |= {w[0] + x + "车" for w in words if len(w) == 2 and w.endswith("车") for x in ("公", "公务")}
            for word in words:
                w = normalize(word)
                if len(w) >= 2 and w not in ("合计", "收入合计", "支出合计", "本年收入合计"):
                    pairs.append((w, c))
        pairs.sort(key=lambda p: -len(p[0]))
        self._alias_index = pairs

    def known_words(self) -> frozenset[str]:
        """Every Chinese word the vocabulary knows: item names, aliases, phrases, generic nouns."""
        cached = self.__dict__.get("_known")
        if cached is None:
            words = set(self.generic_words) | set(self.narrative_topics)
            for c in self.concepts:
                words.update(normalize(w) for w in (*c.names, *c.aliases))
            words.update(normalize(w) for w in self.english.values())
            words.update(self.function_classes.values())
            words.update(self.economic_classes.values())
            for ws in self.departments.values():
                words.update(normalize(w) for w in ws)
            cached = frozenset(w for w in words if w)
            self.__dict__["_known"] = cached
        return cached

    def concept(self, cid: str) -> Concept | None:
        return next((c for c in self.concepts if c.id == cid), None)

    def find_concepts(self, question: str) -> list[ConceptHit]:
        """Concepts named in ``question`` (normalised), longest words first, no overlaps."""
        q = normalize(question)
        taken = [False] * len(q)
        hits: list[ConceptHit] = []
        found: list[tuple[int, int, str, Concept]] = []
        for word, c in self._alias_index:
            start = q.find(word)
            while start >= 0:
                found.append((-len(word), start, word, c))
                start = q.find(word, start + 1)
        found.sort(key=lambda f: (f[0], f[1]))
        for neg_len, start, word, c in found:
            end = start - neg_len
            if not any(taken[start:end]):
                for i in range(start, end):
                    taken[i] = True
                hits.append(ConceptHit(c, start, end, word))
        hits.sort(key=lambda h: h.start)
        if len(hits) > 1:
            hits = [h for h in hits if h.word not in h.concept.weak] or hits
        for i, h in enumerate(hits):
            # the words before the hit within its own clause ("买公车和公车运行": the 买 is the
            # first item's), and the words right after it ("公车日常运行")
            before = re.split(r"[和与及、，,；;]", q[max(0, h.start - 8):h.start])[-1]
            after = q[h.end:h.end + 4]
            for near, cid in h.concept.context:
                other = self.concept(cid)
                if other is not None and normalize(near) in before:
                    hits[i] = ConceptHit(other, h.start, h.end, h.word)
                    break
            else:
                for word, cid in h.concept.after:
                    other = self.concept(cid)
                    if other is not None and after.startswith(normalize(word)):
                        hits[i] = ConceptHit(other, h.start, h.end, h.word)
                        break
        return hits

    def code_name(self, code: str) -> str | None:
        """The national subject name of a classification code, where the vocabulary knows it."""
        return self.function_classes.get(code) or self.economic_classes.get(code)

    def departments_named(self, question: str) -> list[str]:
        """Department keys (经信委, 教委 …) whose words appear in ``question``."""
        q = normalize(question)
        return [k for k, words in self.departments.items() if any(normalize(w) in q for w in words)]

    def department_words(self, key: str) -> list[str]:
        return self.departments.get(key, [])

    def unanswerable_reason(self, question: str, doc_text: str | None = None) -> str | None:
        """Why a question asks for a kind of fact budget disclosures never give, or None.

        A pattern with ``unless_doc`` does not apply to a document whose text matches it (接待批次
        where the 决算 narrative states them, 实际支出 of a 决算)."""
        for pattern, reason, unless in self.unanswerable:
            if pattern.search(question):
                if unless is not None and doc_text is not None and unless.search(doc_text):
                    continue
                return reason
        return None


def _concept(d: dict[str, Any]) -> Concept:
    return Concept(
        id=d["id"],
        kind=d.get("kind", "row"),
        names=tuple(d.get("names", ())),
        aliases=tuple(d.get("aliases", ())),
        en=tuple(d.get("en", ())),
        roles=tuple(d.get("roles", ())),
        side=d.get("side"),
        note=d.get("ambiguous"),
        context=tuple((c["near"], c["concept"]) for c in d.get("context", ()) if "near" in c),
        after=tuple((c["after"], c["concept"]) for c in d.get("context", ()) if "after" in c),
        weak=tuple(normalize(w) for w in d.get("weak", ())),
    )


@lru_cache(maxsize=4)
def load_vocabulary(path: str | None = None) -> Vocabulary:
    """Read the vocabulary file (cached)."""
    data = json.loads(Path(path or DATA).read_text(encoding="utf-8"))
    return Vocabulary(
        concepts=[_concept(c) for c in data["concepts"]],
        columns=data.get("columns", {}),
        function_classes=data.get("function_classes", {}),
        economic_classes=data.get("economic_classes", {}),
        departments=data.get("departments", {}),
        english=data.get("english", {}),
        narrative_topics=list(data.get("narrative_topics", [])),
        unanswerable=[(re.compile(u["pattern"]), u["reason"],
                       re.compile(u["unless_doc"]) if u.get("unless_doc") else None)
                      for u in data.get("unanswerable", [])],
        generic_words=frozenset(data.get("generic_words", [])),
    )
