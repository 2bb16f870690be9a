"""Narrative search: dense embeddings in Chroma fused by rank with Chinese keyword search.

Dense retrieval (the store's Chroma collection, e5 query/passage embeddings)
finds paraphrases; keyword retrieval (BM25 over jieba words and character
bigrams) finds exact terms such as 民用爆破器材 or 62989435. The two ranked
lists are fused by reciprocal rank (RRF, k=60), which needs no score
calibration between them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from store.passage import Passage  # the store layer's type, re-exported here

if TYPE_CHECKING:
    from ingest.model import Document
    from store.local import Store

__all__ = ["HybridSearch", "Passage", "PassageSearch", "passages_of", "rrf_fuse"]

RRF_K = 60


class PassageSearch(Protocol):
    def search(self, query: str, k: int, doc_ids: list[str] | None = None) -> list[Passage]: ...


def passages_of(documents: Sequence[Document]) -> list[Passage]:
    """Every narrative chunk of the documents, as passages (score 0)."""
    return [
        Passage(d.doc_id, Path(d.source).stem, c.section, c.page, c.text, 0.0)
        for d in documents
        for c in d.chunks
    ]


def rrf_fuse(ranked_lists: Sequence[Sequence[Passage]], k: int) -> list[Passage]:
    """Reciprocal-rank fusion of several ranked lists; the score is the fused score."""
    scores: dict[tuple[str, str], float] = {}
    first: dict[tuple[str, str], Passage] = {}
    for ranked in ranked_lists:
        for rank, p in enumerate(ranked):
            key = (p.doc_id, p.text)
            scores[key] = scores.get(key, 0.0) + 1.0 / (RRF_K + rank + 1)
            first.setdefault(key, p)
    order = sorted(scores, key=lambda key: -scores[key])[:k]
    return [replace(first[key], score=scores[key]) for key in order]


class HybridSearch:
    """Chroma (dense) + keyword index (BM25), fused by rank."""

    def __init__(self, store: Store | None,
                 documents: Sequence[Document] | Callable[[], Sequence[Document]], keyword: Any = None) -> None:
        """``documents`` (or a function giving them, called on the first keyword search) feed
        the keyword index; the store's vectors are searched as they are."""
        self.store = store
        self._documents = documents
        self._keyword = keyword
        self._lock = threading.Lock()

    @property
    def keyword(self) -> Any:
        """The keyword index over every document's narrative chunks, built on first use."""
        with self._lock:
            if self._keyword is None:
                from assistant.keyword_search import KeywordIndex

                docs = self._documents() if callable(self._documents) else self._documents
                index = KeywordIndex()
                index.add(passages_of(docs))
                self._keyword = index
            return self._keyword

    def search(self, query: str, k: int, doc_ids: list[str] | None = None) -> list[Passage]:
        depth = max(k * 3, 10)
        sparse = [p for p, _score in self.keyword.search(query, depth, doc_ids)]
        dense = self._dense(query, depth, doc_ids) if self.store is not None else []
        return rrf_fuse([dense, sparse], k)

    def warm(self) -> None:
        """Run one vector search so that the embedding model is loaded and the store's vectors
        are open (the keyword index is built on the first search that needs it)."""
        import logging

        try:
            if self.store is not None:
                self._dense("预算", 1, None)
        except Exception:  # a broken vector store shows on the first real question instead
            logging.getLogger(__name__).warning("warming the narrative search failed", exc_info=True)

    def _dense(self, query: str, k: int, doc_ids: list[str] | None) -> list[Passage]:
        """The store's vector search (thread-safe, its segment handles kept open by the store)."""
        return self.store.search_vectors(query, k, doc_ids)  # type: ignore[union-attr]
