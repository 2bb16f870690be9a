"""Narrative search: dense embeddings in Chroma fused by rank with Chinese keyword search.

Dense retrieval (the store's Chroma collection, e5 query/passage embeddings)
finds paraphrases; keyword retrieval (BM25 over jieba words and character
bigrams) finds exact terms such as 民用爆破器材 or 62989435. The two ranked
lists are fused by reciprocal rank (RRF, k=60), which needs no score
calibration between them.
"""

from __future__ import annotations

from collections.abc import Sequence
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

    def __init__(self, store: Store | None, documents: Sequence[Document], keyword: Any = None) -> None:
        from assistant.keyword_search import KeywordIndex

        self.store = store
        self.keyword = keyword if keyword is not None else KeywordIndex()
        if keyword is None:
            self.keyword.add(passages_of(documents))

    def search(self, query: str, k: int, doc_ids: list[str] | None = None) -> list[Passage]:
        depth = max(k * 3, 10)
        sparse = [p for p, _score in self.keyword.search(query, depth, doc_ids)]
        dense = self._dense(query, depth, doc_ids) if self.store is not None else []
        return rrf_fuse([dense, sparse], k)

    def warm(self) -> None:
        """Run one search so that the embedding model is loaded and Chroma is open."""
        import logging

        try:
            self.search("预算", 1)
        except Exception:  # a broken vector store shows on the first real question instead
            logging.getLogger(__name__).warning("warming the narrative search failed", exc_info=True)

    def _dense(self, query: str, k: int, doc_ids: list[str] | None) -> list[Passage]:
        """The store's vector search, with the Chroma handle kept open while the store's
        generation stays the same (opening it costs about 10 ms a question)."""
        store = self.store
        if not hasattr(store, "chroma") or not hasattr(store, "current"):
            return store.search_vectors(query, k, doc_ids)
        gen = store.current
        if gen is None:
            return []
        if getattr(self, "_chroma_gen", None) != gen:
            self._chroma = store.chroma()
            self._chroma_gen = gen
        flt: dict[str, Any] = {"kind": "chunk"}
        if doc_ids:
            flt = {"$and": [{"kind": "chunk"}, {"doc_id": {"$in": list(doc_ids)}}]}
        hits = self._chroma.similarity_search_with_score(query, k=k, filter=flt)
        return [
            Passage(doc_id=d.metadata["doc_id"], document=d.metadata.get("document", ""),
                    section=d.metadata.get("section", ""), page=d.metadata.get("page") or None,
                    text=d.page_content, score=float(score))
            for d, score in hits
        ]
