"""The expenditure structure of a disclosure as a chart (matplotlib, PNG).

The bars are the 功能分类 类 rows (three-digit codes such as 208 社会保障和就业支出)
of the 一般公共预算财政拨款支出表 (table role ``gpb_exp``), column 总计; when a
document has no such table, the 部门支出总表 (``dept_exp``) is used.

Chinese labels need a CJK font: Noto Sans CJK (Debian ``fonts-noto-cjk``) or
another installed CJK font is used when there is one; without one the chart is
still drawn, with the codes as labels, so it never fails for want of a font.
"""

from __future__ import annotations

import io
import textwrap
import threading
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from PIL import Image

from ingest.model import Document, Table

__all__ = ["ExpenditureItem", "cjk_font", "expenditure_chart", "expenditure_items"]

ROLES = ("gpb_exp", "dept_exp")
TOTAL_COLUMNS = ("总计", "合计", "预算数", "决算数")
_CJK_NAMES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Noto Sans CJK JP",
    "Noto Serif CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback",
    "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "AR PL UMing CN",
)
_CJK_FILE_HINTS = ("notosanscjk", "notoserifcjk", "sourcehansans", "wqy", "droidsansfallback",
                   "simhei", "msyh", "pingfang", "uming", "ukai")


@dataclass(frozen=True)
class ExpenditureItem:
    code: str
    name: str
    value: Decimal


def _total_column(table: Table) -> str | None:
    for name in TOTAL_COLUMNS:
        if name in table.columns:
            return name
    for name in table.columns:  # e.g. "2024年预算数 总计" in a merged header
        if any(t in name for t in TOTAL_COLUMNS):
            return name
    return None


def expenditure_items(document: Document) -> tuple[Table | None, list[ExpenditureItem]]:
    """The table used and its 类-level rows with their 总计, largest first."""
    table, _column, items = _expenditure(document)
    return table, items


def _expenditure(document: Document) -> tuple[Table | None, str, list[ExpenditureItem]]:
    for role in ROLES:
        for table in document.tables:
            if table.role != role:
                continue
            column = _total_column(table)
            if column is None:
                continue
            items = [
                ExpenditureItem(r.code, r.name, r.value(column))  # type: ignore[arg-type]
                for r in table.rows
                if r.code and len(r.code) == 3 and r.code.isdigit()
                and r.value(column) is not None and r.value(column) > 0
                and (r.side in (None, "支出"))
            ]
            if items:
                items.sort(key=lambda i: i.value, reverse=True)
                return table, column, items
    return None, "", []


# matplotlib's rc settings (and its font manager) are process-wide: one chart at a time
_MPL_LOCK = threading.RLock()


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The name of an installed CJK font matplotlib can use, or None."""
    from matplotlib import font_manager

    def known() -> set[str]:
        return {f.name for f in font_manager.fontManager.ttflist}

    names = known()
    for name in _CJK_NAMES:
        if name in names:
            return name
    # fonts installed after matplotlib built its cache: add them now
    try:
        paths = font_manager.findSystemFonts()
    except Exception:
        paths = []
    for path in paths:
        flat = path.replace("-", "").replace("_", "").lower()
        if any(h in flat for h in _CJK_FILE_HINTS):
            try:
                font_manager.fontManager.addfont(path)
            except Exception:
                continue
    names = known()
    for name in _CJK_NAMES:
        if name in names:
            return name
    return next((n for n in sorted(names) if "CJK" in n), None)


def expenditure_chart(document: Document, *, width_in: float = 6.4, dpi: int = 110) -> Image.Image | None:
    """A horizontal bar chart of the document's 类-level expenditure, or None without data."""
    import matplotlib
    from matplotlib.figure import Figure

    table, column, items = _expenditure(document)
    if not items:
        return None
    with _MPL_LOCK:
        font = cjk_font()
    unit = table.unit if table and table.unit else (document.unit or "")
    total = sum((i.value for i in items), Decimal(0))

    def label(i: ExpenditureItem) -> str:
        return f"{i.code} {i.name}" if font else i.code

    rc = {"font.family": "sans-serif", "axes.unicode_minus": False}
    if font:
        rc["font.sans-serif"] = [font, "DejaVu Sans"]
    with _MPL_LOCK, matplotlib.rc_context(rc):
        height = 1.2 + 0.45 * len(items)
        fig = Figure(figsize=(width_in, height), dpi=dpi, layout="constrained")
        ax = fig.add_subplot()
        ordered = list(reversed(items))  # largest on top
        ax.barh([label(i) for i in ordered], [float(i.value) for i in ordered], color="#3b7dd8")
        for y, i in enumerate(ordered):
            share = float(i.value / total * 100) if total else 0.0
            ax.text(float(i.value), y, f" {i.value:,.2f}（{share:.1f}%）" if font
                    else f" {i.value:,.2f} ({share:.1f}%)", va="center", fontsize=8)
        ax.set_xlim(0, float(max(i.value for i in items)) * 1.45)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", labelsize=8)
        ax.tick_params(axis="x", labelsize=7)
        if font:
            year = f"{document.year}年" if document.year else ""
            who = textwrap.fill(f"{document.issuer or document.title or ''}{year}", 24)
            ax.set_title(f"{who}支出结构（功能分类·类）", fontsize=9)
            where = f"{table.table_id} {column}" if table else ""
            ax.set_xlabel(f"{where}（{unit}）" if unit else where, fontsize=8)
        else:
            ax.set_title(f"{document.year or ''} expenditure by function ({unit})", fontsize=9)
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
    buf.seek(0)
    return Image.open(buf).convert("RGB")
