"""Arithmetic on cited figures only: sums, differences, shares, percentage change, unit conversion.

Every result is a derived :class:`~assistant.answer.Figure` whose ``formula``
shows the computation and whose ``operands`` are the cited figures it used.

    >>> from decimal import Decimal as D
    >>> a = Figure(D("4"), "万元", "公务接待费"); b = Figure(D("10"), "万元", "三公经费")
    >>> share(a, b).value
    Decimal('40.00')
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from assistant.answer import Figure

__all__ = [
    "MONEY",
    "convert",
    "difference",
    "fmt",
    "pct_change",
    "previous_from_change",
    "product",
    "share",
    "total",
]

MONEY: dict[str, Decimal] = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
TWO = Decimal("0.01")


def fmt(value: Decimal, unit: str = "") -> str:
    """Money with 2 decimals and thousands separators off; counts as integers; % with 2 decimals."""
    if unit in MONEY or unit == "%":
        return f"{value.quantize(TWO, ROUND_HALF_UP)}"
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def convert(fig: Figure, unit: str) -> Figure:
    """The same amount in another money unit (万元 → 元 …); other units are returned unchanged."""
    if fig.unit == unit or fig.unit not in MONEY or unit not in MONEY:
        return fig
    value = fig.value * MONEY[fig.unit] / MONEY[unit]
    value = value.normalize() if value != value.to_integral_value() else value.quantize(Decimal(1))
    return Figure(value, unit, fig.label, fig.source, f"{fmt(fig.value, fig.unit)} {fig.unit} = {fmt(value, unit)} {unit}",
                  (fig,))


def _same_unit(figs: list[Figure]) -> list[Figure]:
    unit = figs[0].unit
    return [convert(f, unit) if f.unit != unit else f for f in figs]


def total(figs: list[Figure], label: str) -> Figure:
    """Sum of figures (converted to the first figure's unit)."""
    figs = _same_unit(figs)
    value = sum((f.value for f in figs), Decimal(0))
    formula = " + ".join(fmt(f.value, f.unit) for f in figs)
    return Figure(value, figs[0].unit, label, None, formula, tuple(figs))


def difference(a: Figure, b: Figure, label: str) -> Figure:
    """``a − b`` (same unit)."""
    a, b = _same_unit([a, b])
    return Figure(a.value - b.value, a.unit, label, None, f"{fmt(a.value, a.unit)} - {fmt(b.value, b.unit)}", (a, b))


def change(new: Figure, old: Figure, label: str = "增减额") -> tuple[Figure, str]:
    """``new − old`` as an amount without sign, and its direction word (增加 / 减少 / 持平)."""
    d = difference(new, old, label)
    word = "增加" if d.value > 0 else "减少" if d.value < 0 else "持平"
    return Figure(abs(d.value), d.unit, label, None, d.formula, d.operands), word


def share(part: Figure, whole: Figure, label: str = "占比") -> Figure:
    """``part ÷ whole × 100`` in %, 2 decimals."""
    part, whole = _same_unit([part, whole])
    if whole.value == 0:
        raise ZeroDivisionError(f"{whole.label} is 0; no share can be computed")
    value = (part.value / whole.value * 100).quantize(TWO, ROUND_HALF_UP)
    return Figure(value, "%", label, None, f"{fmt(part.value, part.unit)} ÷ {fmt(whole.value, whole.unit)} × 100", (part, whole))


def ratio(a: Figure, b: Figure, label: str = "倍数") -> Figure:
    """``a ÷ b`` in 倍, 2 decimals ("A是B的几倍")."""
    a, b = _same_unit([a, b])
    if b.value == 0:
        raise ZeroDivisionError(f"{b.label} is 0; no ratio can be computed")
    value = (a.value / b.value).quantize(TWO, ROUND_HALF_UP)
    return Figure(value, "倍", label, None, f"{fmt(a.value, a.unit)} ÷ {fmt(b.value, b.unit)}", (a, b))


def pct_change(current: Figure, previous: Figure, label: str = "增减率") -> Figure:
    """``(current − previous) ÷ previous × 100`` in %, 2 decimals (sign = direction)."""
    current, previous = _same_unit([current, previous])
    if previous.value == 0:
        raise ZeroDivisionError(f"{previous.label} is 0; no percentage change can be computed")
    value = ((current.value - previous.value) / previous.value * 100).quantize(TWO, ROUND_HALF_UP)
    formula = f"({fmt(current.value, current.unit)} - {fmt(previous.value, previous.unit)}) ÷ {fmt(previous.value, previous.unit)} × 100"
    return Figure(value, "%", label, None, formula, (current, previous))


def previous_from_change(current: Figure, change: Figure, direction: str, label: str) -> Figure:
    """The previous year's amount a stated change implies: current − increase, or current + decrease."""
    if change.unit not in MONEY or current.unit not in MONEY:
        raise ValueError(f"a year before is worked out from amounts, not from {change.unit or current.unit}")
    current, change = _same_unit([current, change])
    if direction in ("减少", "下降", "降低", "压减", "缩减"):
        return Figure(current.value + change.value, current.unit, label, None,
                      f"{fmt(current.value, current.unit)} + {fmt(change.value, change.unit)}", (current, change))
    return Figure(current.value - change.value, current.unit, label, None,
                  f"{fmt(current.value, current.unit)} - {fmt(change.value, change.unit)}", (current, change))


def product(a: Figure, b: Figure, unit: str, label: str) -> Figure:
    """``a × b``, stated in ``unit`` (e.g. 吨 × 元/吨 → 元, then converted to 万元)."""
    value = a.value * b.value
    base = b.unit.split("/")[0] if "/" in b.unit else (a.unit.split("/")[0] if "/" in a.unit else unit)
    raw = Figure(value, base, label, None, f"{fmt(a.value)} × {fmt(b.value)}", (a, b))
    if base in MONEY and unit in MONEY and base != unit:
        conv = raw.value * MONEY[base] / MONEY[unit]
        return Figure(conv.normalize(), unit, label, None,
                      f"{fmt(a.value)} × {fmt(b.value)} ÷ {MONEY[unit] / MONEY[base]:f}", (a, b))
    return raw
