"""The documents an assistant answers from.

Every loaded document has a registry entry: what scoping reads of it (issuer, its forms, year,
kind, region) — a :class:`~ingest.model.Document` without tables or narrative is enough. A
document's body (tables, narrative) is loaded only when a question is about it, into a
:class:`DocView`: its tables indexed for lookup, its own narrative index and the handlers that
answer from them. Views are kept in a bounded least-recently-used cache, so memory follows the
documents people ask about, not the documents loaded; a store of a thousand disclosures keeps a
thousand registry entries and a few dozen views.

Each document answers from its own tables and narrative only (its narrative index weighs words
by that document alone), so loading another department's disclosure never changes the answer
about this one.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from assistant.handlers import Handlers
from assistant.lookup import DocTables, strip_ordinal
from assistant.narrative import NarrativeIndex
from assistant.search import Passage
from assistant.understand.normalise import HomophoneIndex
from assistant.understand.scope import doc_forms
from assistant.vocabulary import Vocabulary, normalize
from ingest.model import Document

__all__ = ["DocView", "Library", "ScopeEntry"]

DEFAULT_VIEWS = 72  # more than MAX_ACROSS, so one question across documents never evicts its own


class DocView:
    """One document as the answering code reads it (the owner its :class:`Handlers` read from)."""

    def __init__(self, doc: Document, vocab: Vocabulary, search: Any, forms: list[str]) -> None:
        self.doc = doc
        self.vocab = vocab
        self.search = search
        self.tables = {doc.doc_id: DocTables(doc, vocab)}
        self.narrative = NarrativeIndex([doc])
        self.handlers = Handlers(self)
        self.row_names = {x for t in doc.tables for r in t.rows for x in (strip_ordinal(r.name or ""), r.code) if x}
        self.row_names.update(strip_ordinal(c) for t in doc.tables for c in t.columns if c)
        self._forms = forms
        self._homophones: HomophoneIndex | None = None

    @property
    def homophones(self) -> HomophoneIndex:
        """The names this document prints (rows, its issuer's forms) and the vocabulary's words by
        their sound, built on first use (only questions about few documents repair typos)."""
        if self._homophones is None:
            names = set(self._forms) | {strip_ordinal(r.name or "") for t in self.doc.tables for r in t.rows}
            names.update(self.vocab.known_words())
            self._homophones = HomophoneIndex(n for n in names if n)
        return self._homophones

    def documents(self) -> list[Document]:
        return [self.doc]


class ScopeEntry:
    """A document as scoping sees it: its registry fields and every form of its issuer."""

    def __init__(self, doc: Document, aliases: list[str]) -> None:
        self.doc_id, self.issuer, self.title = doc.doc_id, doc.issuer, doc.title
        self.year, self.kind, self.aliases = doc.year, doc.kind, aliases
        self.forms: list[str] = doc_forms(self)  # every form, longest first


def _readings(name: str) -> list[str]:
    """``name`` in pinyin without tones, every reading of its polyphones (长宁 → zhangning and
    changning: a place is read as its people say it, which the default reading may not be)."""
    from itertools import islice, product

    from pypinyin import Style, pinyin

    each = pinyin(name, style=Style.NORMAL, heteronym=True)
    return ["".join(p) for p in islice(product(*each), 16)]


def _romanised(region: str) -> list[str]:
    """The places of a document's region as English questions write them, in pinyin without
    tones (示例市东岭区 → Dongling, Shili; 上海市普陀区 → Putuo, Shanghai)."""
    out = []
    for place in re.findall(r"[\u4e00-\u9fff]+?(?:省|市|区|县|自治州|州|旗)", region):
        core = re.sub(r"(?:省|市|区|县|自治州|州|旗)$", "", place)
        if len(core) >= 2:
            for word in _readings(core):
                out += [word.capitalize(), word]
    return out


def _romanised_name(issuer: str, region: str) -> list[str]:
    """The own name of a 街道 / 镇 / 乡 issuer in pinyin (…万里街道办事处 → Wanli), as English
    questions write it; nothing for other issuers (their names are what they are in charge of)."""
    name = issuer[len(region):] if region and issuer.startswith(region) else issuer
    name = re.sub(r"^.*?人民政府", "", name)
    m = re.fullmatch(r"([\u4e00-\u9fff]{2,4}?)(?:街道办事处|街道|镇人民政府|镇|乡人民政府|乡)", name)
    if not m:
        return []
    return [w for word in _readings(m.group(1)) for w in (word.capitalize(), word)]


class Library:
    """The registry of loaded documents and their lazily loaded views (thread-safe)."""

    def __init__(self, refs: Sequence[Document], load: Callable[[str], Document | None], vocab: Vocabulary,
                 search: Any = None, views: int = DEFAULT_VIEWS) -> None:
        self.refs = list(refs)
        self.by_id = {d.doc_id: d for d in self.refs}
        self._load = load
        self.vocab = vocab
        self.search = search
        self._max_views = max(1, views)
        self._views: OrderedDict[str, DocView] = OrderedDict()
        self._lock = threading.Lock()
        self.dept_docs: dict[str, set[str]] = {}  # a vocabulary department → the documents it names
        self.scoped = {d.doc_id: ScopeEntry(d, self._aliases(d)) for d in self.refs}
        self.forms_index = HomophoneIndex(f for e in self.scoped.values() for f in e.forms if not f.isascii())

    def _aliases(self, d: Document) -> list[str]:
        """The document's issuer forms and the vocabulary's department words that name it
        (经信委 for 经济和信息化委员会), and its places in pinyin for English questions."""
        forms = [f for f in doc_forms(d) if len(f) >= 3 or f == (d.issuer or "")]
        issuer = normalize(d.issuer or d.title or "")
        for key, words in self.vocab.departments.items():
            if any(len(w) >= 2 and normalize(w) in issuer for w in words):
                forms += [w for w in words if re.search(r"[\u4e00-\u9fff]", w)]
                self.dept_docs.setdefault(key, set()).add(d.doc_id)
        forms += _romanised(d.region or "") + _romanised_name(d.issuer or "", d.region or "")
        return sorted(dict.fromkeys(forms), key=len, reverse=True)

    def view(self, doc_id: str) -> DocView:
        """The document's answering context, loaded on first use and kept while it is asked about."""
        with self._lock:
            v = self._views.get(doc_id)
            if v is not None:
                self._views.move_to_end(doc_id)
                return v
        doc = self._load(doc_id)
        if doc is None:
            raise KeyError(doc_id)
        v = DocView(doc, self.vocab, self.search, self.scoped[doc_id].forms if doc_id in self.scoped else [])
        with self._lock:
            v = self._views.setdefault(doc_id, v)
            self._views.move_to_end(doc_id)
            while len(self._views) > self._max_views:
                self._views.popitem(last=False)
        return v

    def document(self, doc_id: str) -> Document:
        return self.view(doc_id).doc

    def loaded(self) -> list[str]:
        """The documents whose views are in memory now."""
        with self._lock:
            return list(self._views)


class TablesByDoc:
    """``assistant.tables[doc_id]``: the document's indexed tables, loaded on first use."""

    def __init__(self, library: Library) -> None:
        self._library = library

    def __getitem__(self, doc_id: str) -> DocTables:
        return self._library.view(doc_id).tables[doc_id]

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._library.by_id


class NarrativeByDoc:
    """Keyword search over the narrative of the documents asked (each document's own index)."""

    def __init__(self, library: Library) -> None:
        self._library = library

    def search(self, query: str, k: int = 5, doc_ids: list[str] | None = None) -> list[Passage]:
        ids = doc_ids or [d.doc_id for d in self._library.refs]
        hits = [p for i in ids for p in self._library.view(i).narrative.search(query, k, [i])]
        return sorted(hits, key=lambda p: -p.score)[:k]
