"""The local store, re-exported from the store layer (:mod:`store.local`) so that
``from assistant.store import Store`` keeps working."""

from store.local import (  # noqa: F401
    COLLECTION,
    SCHEMA_VERSION,
    DocumentInfo,
    Store,
    StoreWriter,
    document_from_json,
    document_to_json,
    open_chroma,
)

__all__ = ["COLLECTION", "SCHEMA_VERSION", "DocumentInfo", "Store", "StoreWriter",
           "document_from_json", "document_to_json", "open_chroma"]
