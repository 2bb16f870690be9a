"""Form-like tables: 绩效目标表 (fields such as 项目名称 / 当年预算 and an indicator block).

A form is recognised by its field labels or by an indicator header row
(一级指标 / 二级指标 / 三级指标 / 指标值 …). :func:`parse_form` returns the fields
(label → value, amounts as numbers) and the indicator rows; :func:`form_table`
makes the :class:`~ingest.model.Table`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .columns import Line, join_cjk, norm, role_of
from .model import Cell, Row, Table, parse_amount

__all__ = ["FIELD_LABELS", "INDICATOR_HEADS", "form_table", "is_form", "parse_form"]

FIELD_LABELS = {
    "项目名称", "项目编码", "项目代码", "主管部门", "实施单位", "项目单位", "项目属性", "项目类型",
    "项目期", "当年预算", "年度预算", "预算金额", "资金总额", "年度资金总额", "项目资金", "资金来源",
    "项目概况", "项目简介", "立项依据", "当年绩效目标", "年度绩效目标", "年度目标", "总体目标",
    "部门(单位)名称", "部门（单位）名称", "部门名称", "单位名称", "部门支出预算数",
    "当年整体绩效目标", "整体绩效目标", "部门职能职责概述",
}
INDICATOR_HEADS = {
    "指标名称", "指标", "指标权重", "指标性质", "指标值", "计量单位", "度量单位", "是否核心",
    "一级指标", "二级指标", "三级指标", "指标方向", "目标值", "指标内容", "权重", "分值",
}
_INDICATOR_NAME = ("三级指标", "指标名称", "指标内容", "指标")



def _empty(values: dict[str, Cell]) -> bool:
    return all(not v.text for v in values.values())


def _is_indicator_header(cells: list[str]) -> bool:
    return sum(1 for c in cells if norm(c) in INDICATOR_HEADS) >= 3


def is_form(lines: list[Line]) -> bool:
    """A form-like table: field labels (项目名称, 部门(单位)名称 …) or an indicator block."""
    if any(_is_indicator_header(ln.cells) for ln in lines):
        return True
    # a grid whose name column is headed 单位名称 / 项目名称 (三公 by unit, 项目支出表) is not a
    # form: its rows carry two or more amounts each
    amount_rows = sum(1 for ln in lines if sum(parse_amount(norm(c)) is not None for c in ln.cells) >= 2)
    if amount_rows >= 2 and amount_rows >= len(lines) // 2:
        return False
    return any(
        next((norm(c) for c in ln.cells if norm(c)), "") in FIELD_LABELS and not _heading_row(ln.cells)
        for ln in lines
    )


_HEADINGS = ("金额", "预算数", "决算数", "合计")


def _heading_row(cells: list[str]) -> bool:
    """A grid's column-heading row ("项目名称 | 金额 | 功能科目名称 | 金额"), not a form's field."""
    texts = [norm(c) for c in cells if norm(c)]
    heads = sum(1 for t in texts if t in _HEADINGS or t.endswith("名称"))
    return heads >= 2 and not any(parse_amount(t) is not None for t in texts)


def _field_value(label: str, text: str) -> Any:
    text = "\n".join(p.strip() for p in text.strip().split("\n") if p.strip())
    if any(k in label for k in ("预算", "金额", "资金", "数")):
        amount = parse_amount(text)
        if amount is not None:
            return amount
    return text


def parse_form(lines: list[Line]) -> tuple[dict[str, Any], list[str], list[Row]]:
    """Fields (label → value) and indicator rows of a 绩效目标表."""
    fields: dict[str, Any] = {}
    head = next((i for i, ln in enumerate(lines) if _is_indicator_header(ln.cells)), len(lines))
    for ln in lines[:head]:
        cells = ln.cells
        first = next((j for j, c in enumerate(cells) if norm(c)), None)
        labels = [
            j for j, c in enumerate(cells)
            if norm(c) in FIELD_LABELS or (j == first and len(norm(c)) <= 12 and not re.search(r"\d", c))
        ]
        for k, j in enumerate(labels):
            end = labels[k + 1] if k + 1 < len(labels) else len(cells)
            value = next((cells[x] for x in range(j + 1, end) if norm(cells[x])), "")
            fields.setdefault(norm(cells[j]), _field_value(norm(cells[j]), value))
    columns: list[str] = []
    rows: list[Row] = []
    if head < len(lines):
        header = [norm(c) for c in lines[head].cells]
        name_col = next((header.index(n) for n in _INDICATOR_NAME if n in header), 1)
        value_cols = [c for c in range(name_col + 1, len(header)) if header[c]]
        columns = [header[c] for c in value_cols]
        for ln in lines[head + 1:]:
            cells = [norm(c) for c in ln.cells]
            if cells[: len(header)] == header or _is_indicator_header(ln.cells):
                continue
            name = cells[name_col] if name_col < len(cells) else ""
            values = {header[c]: Cell.of(cells[c] if c < len(cells) else "") for c in value_cols}
            if name or not _empty(values):
                rows.append(Row(name=name, values=values, page=ln.page))
    return fields, columns, rows


def form_table(parts: Sequence[Any], lines: list[Line]) -> Table:
    """A stitched form-like table → Table with fields and indicator rows."""
    main = parts[0]
    fields, columns, rows = parse_form(lines)
    title = join_cjk(main.title or "")
    role = role_of(title) or ("perf_project" if "项目名称" in fields else "perf_overall")
    return table_of_parts(parts, columns=columns, rows=rows, role=role, fields=fields)


def table_of_parts(parts: Sequence[Any], **fields: Any) -> Table:
    """A Table stitched from its page parts: label, title, unit and pages from the parts, the last
    note printed under any of them; ``fields`` gives the rest (columns, rows, role …)."""
    main = parts[0]
    title = join_cjk(main.title or "")
    return Table(
        table_id=main.label or title,
        title=title,
        unit=main.unit or "",
        page=main.page,
        page_end=parts[-1].page,
        note=next((p.note for p in reversed(parts) if p.note), None),
        **fields,
    )


