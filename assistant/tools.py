"""LangChain tools over the assistant: lookup_figure, search_narrative, compute.

    >>> tools = make_tools(assistant, doc_ids=["b067184912969b73"])     # doctest: +SKIP
    >>> tools[0].invoke({"item": "公务接待费", "document": "商务委 2025"})  # doctest: +SKIP

Every tool takes a document scope: ``document`` names it as a question would (a document id,
the issuer in any of its forms, a year, a kind: "商务委 2025年 决算"), within the scope the
tools were made with (``doc_ids``, e.g. the chat's selection). A lookup with several documents
in scope returns each document's figures, labelled; it never falls back to the first document.
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


def _scope(assistant: Any, bound: list[str] | None, document: str | None) -> list[Any]:
    """The documents a tool call is about: ``document`` read as a question's scope would be,
    within the ``bound`` ids (all loaded documents when None)."""
    docs = [d for d in assistant.documents() if not bound or d.doc_id in bound]
    if not document:
        return docs
    exact = [d for d in docs if d.doc_id == document.strip()]
    if exact:
        return exact
    plan = assistant.plan(document + " ", [d.doc_id for d in docs])
    return [d for d in docs if d.doc_id in plan.scope.doc_ids] if plan.scope.named or plan.scope.years else []


def make_tools(assistant: Any, doc_ids: list[str] | None = None) -> list[BaseTool]:
    """The three tools, bound to one :class:`~assistant.core.Assistant` and a document scope."""
    from assistant.across import doc_label

    def lookup(item: str, column: str | None = None, previous_year: bool = False,
               document: str | None = None) -> str:
        """Look up a budget table figure by code (2150517), name or everyday word (招待), in the
        documents named by ``document`` (issuer, year, kind or id; all in scope when empty);
        returns each document's figures with citations."""
        docs = _scope(assistant, doc_ids, document)
        if not docs:
            return json.dumps({"found": False, "message": f"no loaded document matches {document!r}"
                               if document else "no document loaded"}, ensure_ascii=False)
        out = []
        for doc in docs:
            res = lookup_figure(assistant.document(doc.doc_id), item, column=column, previous=previous_year,
                                tables=assistant.tables[doc.doc_id])
            out.append({"document": doc_label(doc), "doc_id": doc.doc_id, "found": res.found,
                        "message": res.message, "figures": [f.to_json() for f in res.figures],
                        "citations": [c.to_json() for c in res.citations]})
        if len(out) == 1:
            return json.dumps(out[0], ensure_ascii=False)
        return json.dumps({"found": any(o["found"] for o in out), "documents": out}, ensure_ascii=False)

    def search(query: str, k: int = 5, document: str | None = None) -> str:
        """Search the narrative (说明) of the documents named by ``document`` (all in scope when
        empty); returns passages with document, section and page."""
        docs = _scope(assistant, doc_ids, document)
        if not docs:
            return json.dumps([], ensure_ascii=False)
        ids = [d.doc_id for d in docs]
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
