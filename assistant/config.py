"""The settings registry, re-exported from the store layer (:mod:`store.config`)."""

from store.config import PROJECT_ROOT, SAMPLE_PDF, SETTINGS, Setting, Settings, _coerce, load_settings

__all__ = ["PROJECT_ROOT", "SAMPLE_PDF", "SETTINGS", "Setting", "Settings", "_coerce", "load_settings"]
