"""The plain RAG pipeline of the tutorials, measured by its retrieval ceiling.

Pages of text (pdfplumber ``extract_text``), split by LangChain's
``RecursiveCharacterTextSplitter``, embedded with the same model into a
throw-away Chroma collection, and the top-k chunks retrieved per question.

The *ceiling* of a question is met when everything the answer must state
appears in those k chunks: every expected figure in one of its printed forms
(``5,615.72`` / ``5615.72``; ``4.00`` / ``4``), or, for questions whose answer
is words, every ``must_mention`` term. An LLM reading the chunks can do no
better than this; unanswerable questions are left out.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

__all__ = ["BaselineResult", "baseline_ceiling", "printed_forms"]


@dataclass
class BaselineResult:
    k: int
    chunk_size: int
    n: int = 0
    hits: int = 0
    per_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [hits, total]

    @property
    def ceiling(self) -> float | None:
        return self.hits / self.n if self.n else None

    def per_type_rates(self) -> dict[str, float]:
        return {t: h / n for t, (h, n) in self.per_type.items() if n}


def printed_forms(value: float) -> set[str]:
    """How a document may print an amount: with or without separators and trailing zeros."""
    d = Decimal(str(value))
    forms = {f"{d:,.2f}", f"{d:.2f}", f"{d:,.1f}", f"{d:.1f}", format(d.normalize(), "f")}
    if d == d.to_integral_value():
        forms |= {f"{int(d):,}", str(int(d))}
    return {f for f in forms if f not in ("0", "0.0", "0.00")} or {"0"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _pages_text(path: Path) -> list[tuple[int, str]]:
    import pdfplumber

    if path.suffix.lower() != ".pdf":
        return [(1, path.read_text("utf-8"))]
    with pdfplumber.open(path) as pdf:
        return [(i, page.extract_text() or "") for i, page in enumerate(pdf.pages, 1)]


def _met(gold: Any, chunks_text: str) -> bool:
    text = _norm(chunks_text)
    if gold.expected:
        for ev in gold.expected:
            if ev.value == 0:
                continue  # a zero is printed as a blank cell; nothing to look for
            if not any(_norm(f) in text for f in printed_forms(ev.value)):
                return False
        return True
    terms = [t.split("|") for t in gold.must_mention]
    return all(any(_norm(a) in text for a in alts) for alts in terms)


def baseline_ceiling(golds: Sequence[Any], docs: Sequence[Path], embedding_model: str,
                     k: int = 5, chunk_size: int = 500, chunk_overlap: int = 50) -> BaselineResult:
    """Build the tutorial pipeline over ``docs`` and measure its top-k retrieval ceiling."""
    import chromadb
    from langchain_chroma import Chroma
    from langchain_core.documents import Document as LCDocument
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from assistant.embeddings import load_embedder

    pages = [LCDocument(page_content=text, metadata={"source": p.name, "page": n})
             for p in docs for n, text in _pages_text(p) if text.strip()]
    splitter = RecursiveCharacterTextSplitter(chunk_size=chunk_size, chunk_overlap=chunk_overlap)
    chunks = splitter.split_documents(pages)
    result = BaselineResult(k=k, chunk_size=chunk_size)
    with tempfile.TemporaryDirectory(prefix="budget-qa-baseline-") as tmp:
        client = chromadb.PersistentClient(path=tmp, settings=chromadb.Settings(anonymized_telemetry=False))
        store = Chroma(collection_name="baseline", embedding_function=load_embedder(embedding_model),
                       client=client, collection_metadata={"hnsw:space": "cosine"})
        store.add_documents(chunks)
        for g in golds:
            if not g.answerable:
                continue
            found = store.similarity_search(g.question, k=k)
            ok = _met(g, "\n".join(d.page_content for d in found))
            result.n += 1
            result.hits += ok
            bucket = result.per_type.setdefault(g.type, [0, 0])
            bucket[0] += ok
            bucket[1] += 1
    return result
