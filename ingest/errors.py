"""Errors raised by ingest and the assistant; the CLI and the chat show ``str(error)``.

    BudgetQAError              every error this project raises on purpose
    ├── InputError             the file given cannot be read as a disclosure
    │   ├── NotAPDF            not a PDF (nor a text/Markdown disclosure)
    │   ├── EmptyFile          zero bytes
    │   ├── CorruptPDF         truncated or damaged
    │   ├── EncryptedPDF       needs a password
    │   ├── ScannedPDF         pages without a text layer
    │   └── NotADisclosure     readable, but no budget tables or budget narrative
    ├── StoreError             the local store is missing, locked or built by another model
    └── QuestionError          an empty or unusable question

Each message is one line: what is wrong, and what to do about it.
"""

from __future__ import annotations

__all__ = [
    "BudgetQAError",
    "CorruptPDF",
    "EmptyFile",
    "EncryptedPDF",
    "InputError",
    "NotADisclosure",
    "NotAPDF",
    "QuestionError",
    "ScannedPDF",
    "StoreError",
]


class BudgetQAError(Exception):
    """Base of every error this project raises on purpose."""


class InputError(BudgetQAError):
    pass


class NotAPDF(InputError):
    pass


class EmptyFile(InputError):
    pass


class CorruptPDF(InputError):
    pass


class EncryptedPDF(InputError):
    pass


class ScannedPDF(InputError):
    pass


class NotADisclosure(InputError):
    pass


class StoreError(BudgetQAError):
    pass


class QuestionError(BudgetQAError):
    pass
