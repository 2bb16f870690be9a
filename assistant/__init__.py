"""Answer questions about budget disclosures with exact, cited figures."""

from assistant.answer import Answer, Citation, Figure, Source
from assistant.config import Settings, load_settings
from assistant.core import Assistant
from assistant.service import load_assistant
from assistant.store import Store

__all__ = [
    "Answer",
    "Assistant",
    "Citation",
    "Figure",
    "Settings",
    "Source",
    "Store",
    "load_assistant",
    "load_settings",
]
