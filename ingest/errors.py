"""Errors raised by ingest and the assistant; the CLI and the chat show ``str(error)``.

    BudgetQAError              every error this project raises on purpose
    ├── InputError             the file given cannot be read as a disclosure
    │   ├── NotAPDF            not a PDF (nor a text/Markdown disclosure)
    │   ├── EmptyFile          zero bytes
    │   ├── CorruptPDF         truncated or damaged
    │   ├── EncryptedPDF       needs a password
    │   ├── ScannedPDF         pages without a text layer
    │   ├── NotADisclosure     readable, but no budget tables or budget narrative
    │   └── LimitExceeded      over a limit: file size, page count, time per page or per document
    ├── StoreError             the local store is missing, locked or built by another model
    └── QuestionError          an empty or unusable question

Each message is one line: what is wrong, and what to do about it. The chat
shows :func:`message_zh`, the same facts in Chinese (a LimitExceeded carries its
own Chinese line, since it names figures).
"""

from __future__ import annotations

__all__ = [
    "BudgetQAError",
    "CorruptPDF",
    "EmptyFile",
    "EncryptedPDF",
    "InputError",
    "LimitExceeded",
    "NotADisclosure",
    "NotAPDF",
    "QuestionError",
    "ScannedPDF",
    "StoreError",
    "message_zh",
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


class LimitExceeded(InputError):
    """A file over one of the ingest limits (``ingest.limits``); ``zh`` is the chat's line, ``{name}`` for the file."""

    def __init__(self, message: str, zh: str) -> None:
        super().__init__(message)
        self.zh = zh


class StoreError(BudgetQAError):
    pass


class QuestionError(BudgetQAError):
    pass


_ZH: dict[type[BudgetQAError], str] = {
    EmptyFile: "{name}是空文件（0 字节）。请上传预算公开文件本身。",
    NotAPDF: "{name}不是 PDF 文件。请上传带文字层的部门预算或决算 PDF，或其 .txt / .md 文本。",
    CorruptPDF: "{name}已损坏或不完整，无法读取。请重新下载原文件后再上传。",
    EncryptedPDF: "{name}已加密（需要密码）。请另存一份未加密的副本后再上传。",
    ScannedPDF: "{name}是扫描件，没有文字层。请先做 OCR 文字识别，再上传识别后的文件。",
    NotADisclosure: "{name}看起来不是部门预算或决算公开文件（没有找到预算表格或预算说明）。请上传部门预算或决算文件。",
    QuestionError: "问题是空的。请输入一个关于预算的问题，例如：2024年“三公”经费预算是多少？",
}


def message_zh(error: BudgetQAError, name: str | None = None) -> str:
    """The error in Chinese for the chat, naming the file where there is one."""
    zh = getattr(error, "zh", None)
    if isinstance(zh, str):
        return zh.format(name=f"“{name}”" if name else "文件")
    for cls in type(error).__mro__:
        template = _ZH.get(cls)  # type: ignore[arg-type]
        if template is not None:
            return template.format(name=f"“{name}”" if name else "文件")
    return str(error)
