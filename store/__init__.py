"""The store layer: ingest writes it, the assistant reads it.

``store.config`` is the settings registry, ``store.passage`` the passage type
vector search returns, ``store.local`` the local store (SQLite + embedded
Chroma). Nothing here imports ``assistant`` at import time.
"""

from store.config import Settings, load_settings
from store.local import DocumentInfo, Store, StoreWriter
from store.passage import Passage

__all__ = ["DocumentInfo", "Passage", "Settings", "Store", "StoreWriter", "load_settings"]
