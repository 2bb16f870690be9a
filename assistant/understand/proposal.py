"""A chat model may propose a plan, never a figure.

When a chat model is configured (``BUDGET_QA_LLM``) and the rules find no answer, the model is
shown the question, the loaded documents and the operations a plan may take, and asked for a
plan in the typed form of :class:`ProposedPlan` (LangChain's Pydantic output parser reads its
reply). The proposal is then checked against the loaded documents — every document it names is
loaded, the operation is one of :class:`~assistant.understand.plan.Across`, the item is a row
name or code that those documents print — and only then executed by the same code as any plan,
so every figure still comes from a table row. A reply that is prose, names a row no document
has, or makes up an operation changes nothing.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from assistant.understand.plan import Across, Plan
from assistant.understand.scope import Scope

__all__ = ["ProposedPlan", "propose_plan", "validate_proposal"]

log = logging.getLogger(__name__)

_OPERATIONS = [a.value for a in Across if a not in (Across.CLARIFY, Across.DECLINE)]

SYSTEM_PROMPT = (
    "You turn a question about Chinese government budget disclosures into a plan. You never answer "
    "the question and never state a number. Reply with one JSON object only, with the keys "
    "documents (a list of document ids from the list given), operation (one of: "
    + ", ".join(_OPERATIONS) + ") and item (the budget item asked about, written exactly as a row "
    "name or code of the documents' tables, e.g. 公务接待费 or 2010301)."
)


class ProposedPlan(BaseModel):
    """The typed form a model's plan must take."""

    documents: list[str] = Field(description="ids of the loaded documents the question is about")
    operation: str = Field(description="one of " + ", ".join(_OPERATIONS))
    item: str = Field(description="a row name or code printed in those documents' tables")


def _parse(reply: str) -> ProposedPlan | None:
    """The plan a reply states, or None when it states none (prose, broken JSON, wrong fields)."""
    from langchain_core.exceptions import OutputParserException
    from langchain_core.output_parsers import PydanticOutputParser

    m = re.search(r"\{.*\}", reply, re.S)
    if m is None:
        return None
    try:
        return PydanticOutputParser(pydantic_object=ProposedPlan).parse(m.group(0))
    except (OutputParserException, ValidationError, json.JSONDecodeError):
        return None


def validate_proposal(p: ProposedPlan, doc_ids: Iterable[str], names_of: dict[str, set[str]]) -> str | None:
    """Why the proposal cannot be executed, or None when it can. ``names_of`` maps each loaded
    document to the row names and codes its tables print."""
    loaded = set(doc_ids)
    if not p.documents or any(d not in loaded for d in p.documents):
        return f"documents not loaded: {[d for d in p.documents if d not in loaded] or 'none named'}"
    if p.operation not in _OPERATIONS:
        return f"unknown operation {p.operation!r}"
    if p.operation == Across.ONE.value and len(p.documents) != 1:
        return "one-document plan names several documents"
    item = p.item.strip()
    if not item or any(item not in names_of.get(d, set()) for d in p.documents):
        return f"item {item!r} is not a row of every named document"
    return None


def propose_plan(llm: Any, rule_plan: Plan, documents: list[tuple[str, str]],
                 names_of: dict[str, set[str]], timeout_s: float) -> Plan | None:
    """A plan proposed by ``llm`` for ``rule_plan``'s question and checked against the documents,
    or None. ``documents`` lists (doc id, label) of the loaded documents."""
    from langchain_core.messages import HumanMessage, SystemMessage

    from assistant.llm import invoke

    listing = "\n".join(f"- {i}: {label}" for i, label in documents)
    reply = invoke(llm, [SystemMessage(SYSTEM_PROMPT),
                         HumanMessage(f"Documents:\n{listing}\n\nQuestion: {rule_plan.question}")],
                   timeout_s, "plan proposal")
    if reply is None:
        return None
    proposal = _parse(reply)
    if proposal is None:
        log.info("model plan dropped: the reply states no plan")
        return None
    problem = validate_proposal(proposal, [i for i, _ in documents], names_of)
    if problem:
        log.info("model plan dropped: %s", problem)
        return None
    scope = Scope(tuple(proposal.documents))
    return Plan(rule_plan.question, rule_plan.text, rule_plan.normalised, scope, Across(proposal.operation),
                f"{proposal.item.strip()}是多少", rate=rule_plan.rate, descending=rule_plan.descending)
