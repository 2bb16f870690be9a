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

__all__ = ["ExpenditureItem", "cjk_font", "comparison_chart", "comparison_values", "expenditure_chart", "expenditure_items"]

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


MONEY_UNITS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}


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


def comparison_values(bars: list[tuple[str, Decimal, str]]) -> tuple[str, list[tuple[str, Decimal]]] | None:
    """The unit a comparison chart plots in and each bar's value in it: money amounts in the unit
    most of them are printed in (万元 rather than 元 once an amount reaches a million 元); bars of
    another unit are left out when there are money amounts. None when fewer than two bars are left."""
    money = [(label, value, unit) for label, value, unit in bars if unit in MONEY_UNITS]
    if len(money) >= 2:
        units = [u for _, _, u in money]
        unit = max(set(units), key=lambda u: (units.count(u), MONEY_UNITS[u]))
        if unit == "元" and max(abs(v) * MONEY_UNITS[u] for _, v, u in money) >= 1_000_000:
            unit = "万元"  # 189,767,551 元 reads as 18,976.76 万元, as the disclosures print them
        return unit, [(label, value * MONEY_UNITS[u] / MONEY_UNITS[unit]) for label, value, u in money]
    same = {u for _, _, u in bars}
    if len(bars) < 2 or len(same) != 1:
        return None
    return next(iter(same)), [(label, value) for label, value, _ in bars]


def comparison_chart(bars: list[tuple[str, Decimal, str]], *, item: str = "", width_in: float = 6.4,
                     dpi: int = 110) -> Image.Image | None:
    """A horizontal bar chart of figures read from several documents: ``(label, value, unit)``
    each, the label naming the document (and the item). Money amounts are converted to one unit
    first (the unit most of them are printed in; 元 tables against 万元 tables); bars of another
    unit (a %) are left out; ``item`` (what every bar is) names the axis. None when fewer than two
    bars are left."""
    import matplotlib
    from matplotlib.figure import Figure

    converted = comparison_values(bars)
    if converted is None:
        return None
    unit, values = converted
    values = values[:16]
    with _MPL_LOCK:
        font = cjk_font()
    rc = {"font.family": "sans-serif", "axes.unicode_minus": False}
    if font:
        rc["font.sans-serif"] = [font, "DejaVu Sans"]

    def label(text: str, n: int) -> str:
        return textwrap.fill(text, 18) if font else f"#{n}"

    with _MPL_LOCK, matplotlib.rc_context(rc):
        ordered = list(reversed(values))  # the first on top
        lines = sum(label(t, 0).count("\n") + 1 for t, _ in ordered)
        fig = Figure(figsize=(width_in, 0.9 + 0.3 * lines + 0.12 * len(ordered)), dpi=dpi,
                     layout="constrained")
        ax = fig.add_subplot()
        names = [label(t, len(ordered) - i) for i, (t, _) in enumerate(ordered)]
        ax.barh(range(len(ordered)), [float(v) for _, v in ordered], color="#3b7dd8", height=0.6)
        ax.set_yticks(range(len(ordered)), names)
        top = max(float(v) for _, v in ordered)
        for y, (_, v) in enumerate(ordered):
            ax.text(float(v), y, f" {v:,.2f}", va="center", fontsize=8)
        ax.set_xlim(min(0.0, min(float(v) for _, v in ordered)), (top if top > 0 else 1.0) * 1.3)
        ax.spines[["top", "right"]].set_visible(False)
        ax.ticklabel_format(axis="x", style="plain", useOffset=False)
        ax.tick_params(axis="y", labelsize=8)
        ax.tick_params(axis="x", labelsize=7)
        ax.set_xlabel(f"{item}（{unit}）" if font else unit, fontsize=8)
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
    buf.seek(0)
    return Image.open(buf).convert("RGB")
