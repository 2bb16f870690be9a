"""LangChain tools over the assistant: lookup_figure, search_narrative, compute.

    >>> tools = make_tools(assistant)                          # doctest: +SKIP
    >>> tools[0].invoke({"item": "公务接待费"})                  # doctest: +SKIP
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool

from assistant import arithmetic as ar
from assistant.answer import Figure
from assistant.lookup import lookup_figure

__all__ = ["make_tools"]


def _doc(assistant: Any, doc_id: str | None) -> Any:
    docs = assistant.documents()
    return next((d for d in docs if d.doc_id == doc_id), docs[0]) if docs else None


def make_tools(assistant: Any) -> list[BaseTool]:
    """The three tools, bound to one :class:`~assistant.core.Assistant`."""

    def lookup(item: str, column: str | None = None, previous_year: bool = False, doc_id: str | None = None) -> str:
        """Look up a budget table figure by code (2150517), name or everyday word (招待); returns figures with citations."""
        doc = _doc(assistant, doc_id)
        if doc is None:
            return json.dumps({"found": False, "message": "no document loaded"}, ensure_ascii=False)
        res = lookup_figure(doc, item, column=column, previous=previous_year, tables=assistant.tables[doc.doc_id])
        return json.dumps({"found": res.found, "message": res.message,
                           "figures": [f.to_json() for f in res.figures],
                           "citations": [c.to_json() for c in res.citations]}, ensure_ascii=False)

    def search(query: str, k: int = 5, doc_id: str | None = None) -> str:
        """Search the narrative (说明) of the loaded disclosures; returns passages with section and page."""
        ids = [doc_id] if doc_id else None
        backend = assistant.search or assistant.narrative
        passages = backend.search(query, k, ids)
        return json.dumps([{"document": p.document, "section": p.section, "page": p.page, "text": p.text}
                           for p in passages], ensure_ascii=False)

    def compute(operation: str, values: list[float], unit: str = "万元") -> str:
        """Arithmetic on cited figures: operation = sum | difference | share | pct_change | convert:<unit>."""
        try:
            figs = [Figure(Decimal(str(v)), unit, f"x{i + 1}") for i, v in enumerate(values)]
        except InvalidOperation:
            return json.dumps({"error": "values must be numbers"})
        try:
            if operation == "sum":
                out = ar.total(figs, "sum")
            elif operation == "difference" and len(figs) == 2:
                out = ar.difference(figs[0], figs[1], "difference")
            elif operation == "share" and len(figs) == 2:
                out = ar.share(figs[0], figs[1], "share")
            elif operation == "pct_change" and len(figs) == 2:
                out = ar.pct_change(figs[0], figs[1], "pct_change")
            elif operation.startswith("convert:") and figs:
                out = ar.convert(figs[0], operation.split(":", 1)[1])
            else:
                return json.dumps({"error": f"unknown operation {operation!r} for {len(figs)} values"})
        except ZeroDivisionError as e:
            return json.dumps({"error": str(e)})
        return json.dumps({"value": float(out.value), "unit": out.unit, "formula": out.formula}, ensure_ascii=False)

    return [
        StructuredTool.from_function(lookup, name="lookup_figure"),
        StructuredTool.from_function(search, name="search_narrative"),
        StructuredTool.from_function(compute, name="compute"),
    ]
