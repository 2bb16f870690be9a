from decimal import Decimal as D

from assistant import arithmetic as ar
from assistant.answer import Figure


def f(v: str, unit: str = "万元") -> Figure:
    return Figure(D(v), unit, "x")


def test_share() -> None:
    s = ar.share(f("969.72"), f("5615.72"))
    assert s.value == D("17.27") and s.unit == "%" and len(s.operands) == 2


def test_previous_from_change() -> None:
    assert ar.previous_from_change(f("5615.72"), f("2953.67"), "减少", "上年").value == D("8569.39")
    assert ar.previous_from_change(f("102.44"), f("5.3"), "增加", "上年").value == D("97.14")


def test_pct_change_and_convert() -> None:
    assert ar.pct_change(f("5615.72"), f("8569.39")).value == D("-34.47")
    assert ar.convert(f("4"), "元").value == D("40000")


def test_product_to_wanyuan() -> None:
    r = ar.product(Figure(D(1000), "吨", "q"), Figure(D(240), "元/吨", "p"), "万元", "r")
    assert r.value == D(24) and r.unit == "万元"
