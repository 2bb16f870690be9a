"""The parsed form of a budget disclosure, shared by ingest, the store and the assistant.

A :class:`Document` holds everything one disclosure says: its metadata, its
tables (with rows, columns and the page each starts on) and its narrative
(sections with their heading path and page). Amounts are kept as printed
(``Cell.text``) and as a number (``Cell.value``), in the table's own unit, so
that a blank cell, a printed ``0.00`` and a ``-`` stay distinguishable.

``Document.to_truth_dict()`` writes the shape of ``shared/corpus/*.truth.json``;
``Document.from_truth_dict()`` reads it back (used by tests and to load a
document without parsing its PDF).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = [
    "Cell",
    "CheckResult",
    "Chunk",
    "Document",
    "Extracted",
    "Row",
    "Section",
    "Table",
    "TextLine",
    "parse_amount",
]

# Printed forms that mean "nothing here" but are not a blank cell.
DASHES = {"-", "—", "－", "–", "——", "/", "／", "…"}
_AMOUNT = re.compile(r"^[（(]?[-−－]?[\d,，]*\.?\d+[）)]?%?$")


def parse_amount(text: str | None) -> Decimal | None:
    """The number a printed cell states, or None when it states none.

    Thousands separators and spaces are dropped; ``(12.3)`` and ``（12.3）`` are
    negative; ``-``/``—``/``/`` and words are None (the printed text is kept
    in :class:`Cell`). A trailing ``%`` is dropped: the column says it is a rate.
    """
    if text is None:
        return None
    s = re.sub(r"\s+", "", str(text))
    if not s or s in DASHES or not _AMOUNT.match(s):
        return None
    negative = s.startswith(("(", "（")) and s.endswith((")", "）"))
    s = s.strip("()（）%").replace(",", "").replace("，", "").replace("−", "-").replace("－", "-")
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return -value if negative else value


@dataclass(frozen=True)
class Cell:
    """One value cell: the text as printed and the number it states (None if none)."""

    text: str
    value: Decimal | None

    @classmethod
    def of(cls, text: str | None) -> Cell:
        t = "" if text is None else str(text).strip()
        return cls(t, parse_amount(t))

    def to_json(self) -> float | int | str | None:
        """The truth-file form: a number, the printed text when it is not a number, or null."""
        if self.value is not None:
            v = self.value
            return int(v) if v == v.to_integral_value() and "." not in self.text else float(v)
        return self.text or None


@dataclass
class Row:
    """One table row. ``values`` maps each column name to its cell."""

    name: str
    values: dict[str, Cell]
    code: str | None = None
    page: int | None = None
    parent_code: str | None = None
    level: int | None = None  # 1 = 类 (208 / 301), 2 = 款, 3 = 项; None for rows without a code
    side: str | None = None  # 收入 | 支出 for two-sided tables
    category: str | None = None  # 货物 / 工程 / 服务 in procurement tables

    def value(self, column: str) -> Decimal | None:
        cell = self.values.get(column)
        return cell.value if cell else None


@dataclass
class Table:
    """One table as printed: id (表二, 表1-1, 附表3), title, unit, header and rows."""

    table_id: str
    title: str
    unit: str
    page: int | None
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    page_end: int | None = None
    role: str | None = None  # fin_summary | gpb_exp | gpb_basic | sangong | fund_exp | dept_summary | ...
    column_groups: dict[str, list[str]] | None = None  # two-sided tables: {"收入": [...], "支出": [...]}
    header_rows: list[list[str]] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)  # form-like tables: 项目名称, 当年预算, ...
    seq: int | None = None  # repeated tables (项目绩效目标表): 1, 2, ...
    note: str | None = None  # 备注 line under the table
    column_paths: dict[str, list[str]] = field(default_factory=dict)  # column -> merged header path

    @property
    def key(self) -> str:
        """Unique within a document: ``表十一#3`` for repeated tables, else the table id."""
        return f"{self.table_id}#{self.seq}" if self.seq else self.table_id


@dataclass
class TextLine:
    """A line of narrative text with the page it stands on (1-based)."""

    text: str
    page: int | None
    size: float | None = None  # font size where known (PDF), for heading detection
    bold: bool = False
    x0: float | None = None  # left and right ends of the line on the page (PDF), for paragraph breaks
    x1: float | None = None


@dataclass
class Section:
    """A narrative section: its heading path (一、… > （一）… > 1.…), text and first page."""

    heading: str
    text: str
    page: int | None
    path: list[str] = field(default_factory=list)  # headings from the top level down, this one last


@dataclass
class Chunk:
    """A retrieval-sized piece of narrative, never cutting a sentence."""

    chunk_id: str
    text: str
    section: str  # the heading path joined with " > "
    page: int | None


@dataclass
class CheckResult:
    """One arithmetic check of the document against itself."""

    kind: str  # parent_sum | cross_table | side_total
    status: str  # ok | rounding | warning
    table: str
    message: str
    expected: Decimal | None = None
    actual: Decimal | None = None
    page: int | None = None  # the page of the printed figure


@dataclass
class Document:
    """A whole disclosure."""

    doc_id: str
    title: str
    issuer: str | None
    year: int | None
    kind: str | None  # 部门预算 | 部门决算 | 单位预算 | 单位决算
    unit: str | None  # the tables' unit (万元 / 元)
    source: str  # file name it was read from
    pages: int | None
    tables: list[Table] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    checks: list[CheckResult] = field(default_factory=list)
    sha256: str | None = None
    region: str | None = None  # the issuer's place: 上海市普陀区, 重庆市, 江苏省
    level: str | None = None  # 省级 | 市级 | 区级 | 县级 … as the cover states it, else as the region implies
    aliases: list[str] = field(default_factory=list)  # short forms of the issuer: 商务委员会, 商务委, 普陀区商务委 …

    def __post_init__(self) -> None:
        """Region, level and short forms follow from the issuer's name when not given."""
        if self.issuer and (self.region is None or self.level is None or not self.aliases):
            from ingest.meta import level_of, short_forms, split_issuer

            if self.region is None:
                self.region = split_issuer(self.issuer)[0]
            if self.level is None:
                self.level = level_of(self.region)
            if not self.aliases:
                self.aliases = short_forms(self.issuer)

    @property
    def units(self) -> dict[str, str]:
        """The unit of each table (元 / 万元), by table key, in table order."""
        return {t.key: t.unit for t in self.tables}

    # -- the shape of shared/corpus/*.truth.json ---------------------------------

    def to_truth_dict(self) -> dict[str, Any]:
        tables = []
        for t in self.tables:
            rows = []
            for r in t.rows:
                d: dict[str, Any] = {}
                if t.column_groups:
                    d["side"] = r.side
                d["code"] = r.code
                d["name"] = r.name
                if r.category is not None or t.role == "procurement":
                    d["category"] = r.category
                d["values"] = {c: cell.to_json() for c, cell in r.values.items()}
                d["page"] = r.page
                d["parent_code"] = r.parent_code
                rows.append(d)
            td: dict[str, Any] = {
                "table_id": t.table_id,
                "role": t.role,
                "title": t.title,
                "unit": t.unit,
                "page": t.page,
                "page_end": t.page_end,
                "columns": t.columns,
                "rows": rows,
                "header_rows": t.header_rows,
            }
            if t.column_groups:
                td["column_groups"] = t.column_groups
            if t.fields:
                td["fields"] = {k: _json_field(v) for k, v in t.fields.items()}
            if t.seq:
                td["seq"] = t.seq
            if t.note:
                td["note"] = t.note
            tables.append(td)
        return {
            "doc_id": self.doc_id,
            "issuer": self.issuer,
            "region": self.region,
            "level": self.level,
            "aliases": self.aliases,
            "title": self.title,
            "doc_type": self.kind,
            "year": self.year,
            "unit": self.unit,
            "pages": self.pages,
            "source": self.source,
            "sha256": self.sha256,
            "narrative": {
                "sections": [
                    {"heading": s.heading, "text": s.text, "page": s.page, "path": s.path}
                    for s in self.sections
                ]
            },
            "tables": tables,
            "checks": [
                {
                    "kind": c.kind,
                    "status": c.status,
                    "table": c.table,
                    "message": c.message,
                }
                for c in self.checks
            ],
        }

    @classmethod
    def from_truth_dict(cls, data: dict[str, Any], source: str | None = None) -> Document:
        tables = []
        for td in data.get("tables", []):
            rows = []
            for rd in td.get("rows", []):
                values = {c: _cell_from_json(v) for c, v in rd.get("values", {}).items()}
                rows.append(
                    Row(
                        name=rd.get("name") or "",
                        values=values,
                        code=rd.get("code"),
                        page=rd.get("page"),
                        parent_code=rd.get("parent_code"),
                        level=code_level(rd.get("code")),
                        side=rd.get("side"),
                        category=rd.get("category"),
                    )
                )
            tables.append(
                Table(
                    table_id=td["table_id"],
                    title=td.get("title") or "",
                    unit=td.get("unit") or data.get("unit") or "万元",
                    page=td.get("page"),
                    page_end=td.get("page_end"),
                    columns=list(td.get("columns") or []),
                    rows=rows,
                    role=td.get("role"),
                    column_groups=td.get("column_groups"),
                    header_rows=td.get("header_rows") or [],
                    fields=dict(td.get("fields") or {}),
                    seq=td.get("seq"),
                    note=td.get("note"),
                )
            )
        sections = [
            Section(s["heading"], s["text"], s.get("page"), s.get("path") or [s["heading"]])
            for s in data.get("narrative", {}).get("sections", [])
        ]
        return cls(
            doc_id=data["doc_id"],
            title=data.get("title") or "",
            issuer=data.get("issuer"),
            year=data.get("year"),
            kind=data.get("doc_type"),
            unit=data.get("unit"),
            source=source or data.get("source") or data["doc_id"],
            pages=data.get("pages"),
            tables=tables,
            sections=sections,
            sha256=data.get("sha256"),
            region=data.get("region"),
            level=data.get("level"),
            aliases=list(data.get("aliases") or []),
        )


@dataclass
class Extracted:
    """What a reader (PDF or text) finds before the document is assembled.

    ``lines`` is the narrative in reading order, with table cells, table titles,
    unit lines, 备注 lines, running headers/footers and page numbers left out.
    ``head_lines`` are the first lines of the document (cover/title), kept
    whether or not they are narrative, for reading the title, issuer and year.
    """

    tables: list[Table]
    lines: list[TextLine]
    pages: int | None
    head_lines: list[str] = field(default_factory=list)


def code_level(code: str | None) -> int | None:
    """类/款/项 level of a 功能分类 (3/5/7 digits) or 经济分类 (3/5 digits) code."""
    if not code or not code.isdigit():
        return None
    return {3: 1, 5: 2, 7: 3}.get(len(code))


def _cell_from_json(v: Any) -> Cell:
    if v is None:
        return Cell("", None)
    if isinstance(v, bool):
        return Cell(str(v), None)
    if isinstance(v, (int, float)):
        d = Decimal(str(v))
        return Cell(str(v), d)
    return Cell.of(str(v))


def _json_field(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, Cell):
        return v.to_json()
    return v
