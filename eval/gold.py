"""Read and validate gold question sets and answer files (JSON Lines).

A gold line (see the evaluation README) looks like::

    {"id": "dev-022", "question": "…", "type": "lookup", "answerable": true,
     "expected": {"values": [{"value": 4, "unit": "万元"}], "tolerance": 0.01},
     "must_mention": ["公务接待"], "sources": ["表四:公务接待费"],
     "formula": null, "notes": "…"}

An answer line carries ``id``, ``answer``, ``found``, ``figures``, ``citations``
and ``latency_ms`` (``question`` is optional). A figure needs a numeric
``value``; its ``unit`` is a string, or null/absent for a bare number.

Every line is checked. The first problem raises :class:`GoldFormatError`
(answer files: :class:`AnswerFormatError`, a subclass) whose message names the
file, the 1-based line number and what is wrong, for example::

    Q.jsonl:17: expected.values[0].value is 'abc', not a number

Blank lines are skipped (they still count for line numbers). Keys other than
the required ones are kept out of the dataclass and ignored. ``expected`` may
be null on any line: narrative answers have no figure, and unanswerable
questions have nothing to expect. A non-null ``expected`` on an unanswerable
line is accepted and ignored by scoring.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.errors import BudgetQAError

__all__ = [
    "QUESTION_TYPES",
    "AnswerFormatError",
    "ExpectedValue",
    "GoldFormatError",
    "GoldItem",
    "load_answers",
    "load_gold",
]

QUESTION_TYPES: frozenset[str] = frozenset(
    {
        "lookup",
        "code_lookup",
        "aggregate",
        "narrative",
        "change",
        "reason",
        "arithmetic",
        "performance",
        "count",
        "yes_no",
        "unanswerable",
        "multi",
    }
)

_GOLD_KEYS = ("id", "question", "type", "answerable", "expected", "must_mention", "sources")
_ANSWER_KEYS = ("id", "answer", "found", "figures", "citations", "latency_ms")
_CITATION_TEXT_KEYS = ("document", "table", "section", "code", "row", "quote")


class GoldFormatError(BudgetQAError):
    """A gold or answer file cannot be read; the message is ``file:line: what is wrong``."""


class AnswerFormatError(GoldFormatError):
    """An answer file is malformed."""


@dataclass(frozen=True)
class ExpectedValue:
    """One figure a correct answer must state."""

    value: float
    unit: str


@dataclass(frozen=True)
class GoldItem:
    """One validated gold question."""

    id: str
    question: str
    type: str
    answerable: bool
    expected: tuple[ExpectedValue, ...] | None
    tolerance: float
    must_mention: tuple[str, ...]
    sources: tuple[str, ...]
    formula: str | None = None
    notes: str | None = None


def _is_number(value: Any) -> bool:
    """True for finite JSON numbers (bool is not a number here)."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def _show(value: Any) -> str:
    """Render an offending value for an error message, shortened."""
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


class _Line:
    """Helper that raises errors located at one line of one file."""

    def __init__(self, label: str, lineno: int, error: type[GoldFormatError]) -> None:
        self.label = label
        self.lineno = lineno
        self.error = error

    def fail(self, what: str) -> GoldFormatError:
        return self.error(f"{self.label}:{self.lineno}: {what}")

    def require(self, obj: dict[str, Any], keys: tuple[str, ...]) -> None:
        missing = [key for key in keys if key not in obj]
        if missing:
            raise self.fail("missing key " + ", ".join(repr(key) for key in missing))

    def string(self, value: Any, name: str, *, empty: bool = False) -> str:
        if not isinstance(value, str):
            raise self.fail(f"{name} is {_show(value)}, not a string")
        if not empty and not value.strip():
            raise self.fail(f"{name} is empty")
        return value

    def optional_string(self, value: Any, name: str) -> str | None:
        return None if value is None else self.string(value, name, empty=True)

    def number(self, value: Any, name: str) -> float:
        if not _is_number(value):
            raise self.fail(f"{name} is {_show(value)}, not a number")
        return float(value)

    def boolean(self, value: Any, name: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(f"{name} is {_show(value)}, not true or false")
        return value

    def array(self, value: Any, name: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(f"{name} is {_show(value)}, not a list")
        return value

    def obj(self, value: Any, name: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"{name} is {_show(value)}, not an object")
        return value


def _read_lines(path: Path, label: str, error: type[GoldFormatError]):
    """Yield (line number, parsed JSON object) for every non-blank line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error(f"{label}: no such file") from None
    except UnicodeDecodeError as exc:
        raise error(f"{label}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise error(f"{label}: cannot read ({exc.strerror or exc})") from None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        line = _Line(label, lineno, error)
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise line.fail(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(obj, dict):
            raise line.fail(f"a line must be a JSON object, got {_show(obj)}")
        yield line, obj


def _expected(line: _Line, raw: Any) -> tuple[tuple[ExpectedValue, ...] | None, float]:
    if raw is None:
        return None, 0.0
    exp = line.obj(raw, "expected")
    if "values" not in exp:
        raise line.fail("missing key 'expected.values'")
    values = line.array(exp["values"], "expected.values")
    if not values:
        raise line.fail("expected.values is empty (use \"expected\": null when no figure is expected)")
    if "tolerance" not in exp:
        raise line.fail("missing key 'expected.tolerance'")
    tolerance = line.number(exp["tolerance"], "expected.tolerance")
    if tolerance < 0:
        raise line.fail(f"expected.tolerance is {_show(exp['tolerance'])}, must not be negative")
    out: list[ExpectedValue] = []
    for i, item in enumerate(values):
        name = f"expected.values[{i}]"
        entry = line.obj(item, name)
        if "value" not in entry:
            raise line.fail(f"{name} has no 'value'")
        if "unit" not in entry:
            raise line.fail(f"{name} has no 'unit'")
        out.append(
            ExpectedValue(
                value=line.number(entry["value"], f"{name}.value"),
                unit=line.string(entry["unit"], f"{name}.unit", empty=True).strip(),
            )
        )
    return tuple(out), tolerance


def _strings(line: _Line, raw: Any, name: str) -> tuple[str, ...]:
    items = line.array(raw, name)
    return tuple(line.string(item, f"{name}[{i}]") for i, item in enumerate(items))


def load_gold(path: str | Path) -> list[GoldItem]:
    """Read a gold question set; raise :class:`GoldFormatError` at the first bad line."""
    label = str(path)
    items: list[GoldItem] = []
    seen: dict[str, int] = {}
    for line, obj in _read_lines(Path(path), label, GoldFormatError):
        line.require(obj, _GOLD_KEYS)
        item_id = line.string(obj["id"], "id")
        if item_id in seen:
            raise line.fail(f"duplicate id {item_id!r} (first on line {seen[item_id]})")
        qtype = line.string(obj["type"], "type")
        if qtype not in QUESTION_TYPES:
            allowed = ", ".join(sorted(QUESTION_TYPES))
            raise line.fail(f"type is {_show(qtype)}, not one of {allowed}")
        expected, tolerance = _expected(line, obj["expected"])
        sources = _strings(line, obj["sources"], "sources")
        for i, source in enumerate(sources):
            if ":" not in source and "：" not in source:
                raise line.fail(
                    f"sources[{i}] is {_show(source)}, not '表N:<code or row>' or '说明:<section>'"
                )
        seen[item_id] = line.lineno
        items.append(
            GoldItem(
                id=item_id,
                question=line.string(obj["question"], "question"),
                type=qtype,
                answerable=line.boolean(obj["answerable"], "answerable"),
                expected=expected,
                tolerance=tolerance,
                must_mention=_strings(line, obj["must_mention"], "must_mention"),
                sources=sources,
                formula=line.optional_string(obj.get("formula"), "formula"),
                notes=line.optional_string(obj.get("notes"), "notes"),
            )
        )
    if not items:
        raise GoldFormatError(f"{label}: no questions in the file")
    return items


def _figure(line: _Line, raw: Any, name: str) -> None:
    fig = line.obj(raw, name)
    if "value" not in fig:
        raise line.fail(f"{name} has no 'value'")
    line.number(fig["value"], f"{name}.value")
    if fig.get("unit") is not None:
        line.string(fig["unit"], f"{name}.unit", empty=True)


def _citation(line: _Line, raw: Any, name: str) -> None:
    cit = line.obj(raw, name)
    for key in _CITATION_TEXT_KEYS:
        value = cit.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise line.fail(f"{name}.{key} is {_show(value)}, not a string or null")
    page = cit.get("page")
    if page is not None and not _is_number(page):
        raise line.fail(f"{name}.page is {_show(page)}, not a number or null")


def load_answers(path: str | Path) -> list[dict[str, Any]]:
    """Read an answer file; raise :class:`AnswerFormatError` at the first bad line.

    Returns the parsed objects unchanged (validated, not copied into a dataclass),
    so scoring sees exactly what the answering side wrote.
    """
    label = str(path)
    answers: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, obj in _read_lines(Path(path), label, AnswerFormatError):
        line.require(obj, _ANSWER_KEYS)
        answer_id = line.string(obj["id"], "id")
        if answer_id in seen:
            raise line.fail(f"duplicate id {answer_id!r} (first on line {seen[answer_id]})")
        line.string(obj["answer"], "answer", empty=True)
        line.boolean(obj["found"], "found")
        for i, fig in enumerate(line.array(obj["figures"], "figures")):
            _figure(line, fig, f"figures[{i}]")
        for i, cit in enumerate(line.array(obj["citations"], "citations")):
            _citation(line, cit, f"citations[{i}]")
        latency = line.number(obj["latency_ms"], "latency_ms")
        if latency < 0:
            raise line.fail(f"latency_ms is {_show(obj['latency_ms'])}, must not be negative")
        if "question" in obj and obj["question"] is not None:
            line.string(obj["question"], "question", empty=True)
        seen[answer_id] = line.lineno
        answers.append(obj)
    if not answers:
        raise AnswerFormatError(f"{label}: no answers in the file")
    return answers
