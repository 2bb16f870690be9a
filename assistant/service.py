"""Wiring: settings → store → documents, hybrid search, optional chat model → Assistant."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from assistant.config import Settings
from assistant.store import Store
from ingest.errors import StoreError

if TYPE_CHECKING:
    from assistant.core import Assistant

__all__ = ["ensure_sample", "load_assistant"]


def load_assistant(settings: Settings, require_documents: bool = True) -> Assistant:
    """An Assistant over every document in the store at ``settings.data_dir``: the registry is read
    now, each document's body when a question is first about it."""
    import jieba

    from assistant.core import Assistant
    from assistant.llm import load_llm
    from assistant.search import HybridSearch

    jieba.setLogLevel(logging.WARNING)  # its dictionary-loading messages are not ours to show
    from store.servers import store_location

    from ingest.model import Document

    store = Store(settings)
    store.check_model()
    infos = store.list_documents()
    if require_documents and not infos:
        raise StoreError(
            f"the store in {store_location(settings)} holds no documents; ingest one first: "
            "python -m ingest data/samples/nanan-jxw-2024.pdf"
        )
    # the registry: what scoping reads of each document; a body is read when a question is about it
    registry = [Document(doc_id=i.doc_id, title=i.title, issuer=i.issuer, year=i.year, kind=i.kind, unit=None,
                         source=i.name, pages=i.pages) for i in infos]
    search = HybridSearch(store, lambda: [d for d in (store.document(i.doc_id) for i in infos) if d])
    if infos:
        search.warm()  # load the embedding model and open Chroma now, not on the first question
    return Assistant(registry=registry, load=store.document, search=search, llm=load_llm(settings.llm))


def ensure_sample(settings: Settings, progress=None) -> bool:  # type: ignore[no-untyped-def]
    """Ingest the bundled sample disclosure when the store is empty; True if it did."""
    from ingest.pipeline import ingest_paths

    if not Store(settings).is_empty():
        return False
    ingest_paths([settings.sample_pdf], settings, progress=progress)
    return True
