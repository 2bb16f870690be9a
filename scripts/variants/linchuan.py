"""示例市临川区市场监督管理局 2024 年部门预算 (invented).

Another region's template: tables numbered 附表1-1…附表3-2 with the label on the
title line, names and order unlike the corpus (收支预算总表, 收入预算总表, 支出预算总表,
财政拨款收支预算总表, 一般公共预算支出预算表, 一般公共预算基本支出预算表, “三公” by unit,
empty 政府性基金 / 国有资本经营 tables, 项目支出预算表 with project names as rows,
政府采购预算表), amounts in 元 with two decimals and thousands separators, every
one-sided table opening with its 总计 row, 合计 sub-rows heading the project groups.
Narrative first, in 万元.
"""

from __future__ import annotations

from decimal import Decimal

from .codes import ECON, FUNCTION, column_sum, tree
from .common import D, Doc, Page, TRow, TSpec, narrative_html, wan

ISSUER = "示例市临川区市场监督管理局"
YEAR = 2024
MARKDOWN = True

# 项: basic, project (一般公共预算), project (其他资金)
ITEMS: dict[str, tuple[Decimal, Decimal, Decimal]] = {
    "2013801": (D("6842315.28"), D(0), D(0)),
    "2013804": (D(0), D("356000.00"), D(0)),
    "2013812": (D(0), D("248500.00"), D(0)),
    "2013816": (D(0), D("1863400.00"), D("120000.00")),
    "2080505": (D("812604.16"), D(0), D(0)),
    "2080506": (D("325041.66"), D(0), D(0)),
    "2101101": (D("406302.08"), D(0), D(0)),
    "2210201": (D("609453.12"), D(0), D(0)),
}
ECON_ITEMS = {
    "30101": D("3314480.00"), "30102": D("1628350.00"), "30103": D("193040.00"), "30107": D("886520.00"),
    "30108": D("812604.16"), "30109": D("325041.66"), "30110": D("406302.08"), "30113": D("609453.12"),
    "30201": D("286400.00"), "30211": D("98600.00"), "30216": D("64000.00"), "30217": D("42000.00"),
    "30228": D("115525.28"), "30231": D("108000.00"), "30299": D("98400.00"),
    "30302": D("7000.00"),
}
# 项目名称, group, 一般公共预算, 其他资金
PROJECTS = [
    ("食品安全抽检监测经费", "经常性项目", D("1263400.00"), D("120000.00")),
    ("市场主体登记注册服务", "经常性项目", D("356000.00"), D(0)),
    ("药品医疗器械监督检查", "经常性项目", D("248500.00"), D(0)),
    ("智慧市场监管平台建设", "一次性项目", D("600000.00"), D(0)),
]
# 单位, 因公出国（境）费, 购置费, 运行费, 接待费
SANGONG = [("示例市临川区市场监督管理局机关", D(0), D(0), D("84000.00"), D("32000.00")),
           ("示例市临川区市场监管综合执法大队", D(0), D(0), D("24000.00"), D("10000.00"))]
PURCHASES = [("执法记录仪", "货物", D("96000.00"), D(0)), ("快检车检测设备", "货物", D("420000.00"), D(0)),
             ("食品抽检检测服务", "服务", D("860000.00"), D("120000.00")), ("平台软件开发", "服务", D("450000.00"), D(0))]


def _sum(vals: list[Decimal]) -> Decimal:
    return sum(vals, Decimal(0))


def build() -> Doc:
    basic = _sum([v[0] for v in ITEMS.values()])
    assert basic == _sum(list(ECON_ITEMS.values())), (basic, _sum(list(ECON_ITEMS.values())))
    gp = _sum([b + p for b, p, o in ITEMS.values()])
    other = _sum([o for b, p, o in ITEMS.values()])
    total = gp + other
    assert _sum([a + b for _n, _g, a, b in PROJECTS]) == total - basic
    classes = {"201": "一般公共服务支出", "208": "社会保障和就业支出", "210": "卫生健康支出", "221": "住房保障支出"}
    by_class = {c: _sum([sum(v) for k, v in ITEMS.items() if k.startswith(c)]) for c in classes}
    gp_class = {c: _sum([v[0] + v[1] for k, v in ITEMS.items() if k.startswith(c)]) for c in classes}

    def side(name: str, v: object, s: str, width: int = 1) -> TRow:
        vals = [v] if width == 1 else [v, v, None]
        return TRow(name, vals, lead=[name], side=s)  # type: ignore[arg-type]

    t11 = TSpec(
        "附表1-1", "dept_summary", "收支预算总表", "元",
        [[("收入", 2, 1), ("支出", 2, 1)], [("项目", 1, 1), ("预算数", 1, 1), ("项目", 1, 1), ("预算数", 1, 1)]],
        ["预算数"], column_groups={"收入": ["预算数"], "支出": ["预算数"]}, label_in_title=True,
        pairs=[
            (side("一、一般公共预算拨款收入", gp, "收入"), side("一、一般公共服务支出", by_class["201"], "支出")),
            (side("二、政府性基金预算拨款收入", None, "收入"), side("二、社会保障和就业支出", by_class["208"], "支出")),
            (side("三、国有资本经营预算拨款收入", None, "收入"), side("三、卫生健康支出", by_class["210"], "支出")),
            (side("四、事业收入", None, "收入"), side("四、住房保障支出", by_class["221"], "支出")),
            (side("五、其他收入", other, "收入"), None),
            (side("本年收入合计", total, "收入"), side("本年支出合计", total, "支出")),
            (side("上年结转", None, "收入"), side("年末结转", None, "支出")),
            (side("收入总计", total, "收入"), side("支出总计", total, "支出")),
        ],
    )

    def coded(leaves: dict[str, list[Decimal | None]], width: int) -> list[TRow]:
        tr = tree(leaves, width)
        tops = [v for c, v in tr if len(c) == 3]
        return [TRow("总计", [column_sum(tops, i) for i in range(width)], lead=["总计", ""])] + [
            TRow(FUNCTION[c], v, code=c) for c, v in tr]

    head = [("科目编码", 1, 1), ("科目名称", 1, 1)]
    t12 = TSpec(
        "附表1-2", "dept_income", "收入预算总表", "元",
        [head + [("合计", 1, 1), ("一般公共预算拨款收入", 1, 1), ("政府性基金预算拨款收入", 1, 1), ("其他收入", 1, 1)]],
        ["合计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "其他收入"], label_in_title=True,
        rows=coded({c: [b + p + o, b + p, None, o or None] for c, (b, p, o) in ITEMS.items()}, 4),
    )
    t13 = TSpec(
        "附表1-3", "dept_exp", "支出预算总表", "元",
        [head + [("合计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)]],
        ["合计", "基本支出", "项目支出"], label_in_title=True,
        rows=coded({c: [b + p + o, b or None, (p + o) or None] for c, (b, p, o) in ITEMS.items()}, 3),
    )
    t21 = TSpec(
        "附表2-1", "fin_summary", "财政拨款收支预算总表", "元",
        [[("收入", 2, 1), ("支出", 4, 1)],
         [("项目", 1, 1), ("预算数", 1, 1), ("项目", 1, 1), ("合计", 1, 1), ("一般公共预算", 1, 1), ("政府性基金预算", 1, 1)]],
        ["预算数", "合计", "一般公共预算", "政府性基金预算"], label_in_title=True,
        column_groups={"收入": ["预算数"], "支出": ["合计", "一般公共预算", "政府性基金预算"]},
        pairs=[
            (side("一、一般公共预算拨款", gp, "收入"), side("一、一般公共服务支出", gp_class["201"], "支出", 3)),
            (side("二、政府性基金预算拨款", None, "收入"), side("二、社会保障和就业支出", gp_class["208"], "支出", 3)),
            (None, side("三、卫生健康支出", gp_class["210"], "支出", 3)),
            (None, side("四、住房保障支出", gp_class["221"], "支出", 3)),
            (side("收入总计", gp, "收入"), side("支出总计", gp, "支出", 3)),
        ],
    )
    t22 = TSpec(
        "附表2-2", "gpb_exp", "一般公共预算支出预算表", "元",
        [head + [("合计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)]],
        ["合计", "基本支出", "项目支出"], label_in_title=True,
        rows=coded({c: [b + p, b or None, p or None] for c, (b, p, o) in ITEMS.items()}, 3),
    )
    people = _sum([v for c, v in ECON_ITEMS.items() if c.startswith(("301", "303"))])
    etree = tree({c: [v, v if c.startswith(("301", "303")) else None, None if c.startswith(("301", "303")) else v]
                  for c, v in ECON_ITEMS.items()}, 3)
    t23 = TSpec(
        "附表2-3", "gpb_basic", "一般公共预算基本支出预算表", "元",
        [[("部门预算支出经济分类科目", 2, 1), ("本年一般公共预算基本支出", 3, 1)],
         head + [("合计", 1, 1), ("人员经费", 1, 1), ("公用经费", 1, 1)]],
        ["合计", "人员经费", "公用经费"], label_in_title=True,
        rows=[TRow("总计", [basic, people, basic - people], lead=["总计", ""])]
        + [TRow(ECON[c], v, code=c) for c, v in etree],
    )
    sg_rows = [TRow(n, [a + b + c + d, None, b + c, None, c, d], lead=[n]) for n, a, b, c, d in SANGONG]
    sg_total = [column_sum([r.values for r in sg_rows], i) for i in range(6)]  # type: ignore[misc]
    t24 = TSpec(
        "附表2-4", "sangong", "一般公共预算“三公”经费支出预算表", "元",
        [[("单位名称", 1, 2), ("合计", 1, 2), ("因公出国（境）费", 1, 2), ("公务用车购置及运行费", 3, 1), ("公务接待费", 1, 2)],
         [("小计", 1, 1), ("公务用车购置费", 1, 1), ("公务用车运行费", 1, 1)]],
        ["合计", "因公出国（境）费", "公务用车购置及运行费小计", "公务用车购置费", "公务用车运行费", "公务接待费"],
        lead_width=1, label_in_title=True, rows=[TRow("总计", sg_total, lead=["总计"])] + sg_rows,
    )
    empty_head = [head + [("合计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)]]
    t25 = TSpec(
        "附表2-5", "fund_exp", "政府性基金预算支出预算表", "元", empty_head, ["合计", "基本支出", "项目支出"],
        label_in_title=True, rows=[TRow("总计", [None] * 3, lead=["总计", ""])],
        note="注：本部门2024年无政府性基金预算拨款安排的支出，故本表无数据。",
    )
    t26 = TSpec(
        "附表2-6", "soe_exp", "国有资本经营预算支出预算表", "元", empty_head, ["合计", "基本支出", "项目支出"],
        label_in_title=True, rows=[TRow("总计", [None] * 3, lead=["总计", ""])],
        note="注：本部门2024年无国有资本经营预算拨款安排的支出，故本表无数据。",
    )
    prows: list[TRow] = []
    for group in ("经常性项目", "一次性项目"):
        items = [(n, a, b) for n, g, a, b in PROJECTS if g == group]
        prows.append(TRow(f"{group}合计", [_sum([a + b for _n, a, b in items]), _sum([a for _n, a, _b in items]),
                                          _sum([b for _n, _a, b in items]) or None], lead=[f"{group}合计"]))
        prows += [TRow(n, [a + b, a, b or None], lead=[n]) for n, a, b in items]
    t31 = TSpec(
        "附表3-1", "project_exp", "项目支出预算表", "元",
        [[("项目名称", 1, 2), ("合计", 1, 2), ("资金来源", 2, 1)], [("一般公共预算拨款", 1, 1), ("其他资金", 1, 1)]],
        ["合计", "一般公共预算拨款", "其他资金"], lead_width=1, label_in_title=True,
        rows=[TRow("总计", [total - basic, gp - basic, other], lead=["总计"])] + prows,
    )
    buy = [TRow(n, [a + b, a, b or None], lead=[n, c]) for n, c, a, b in PURCHASES]
    for r, (_n, c, _a, _b) in zip(buy, PURCHASES, strict=True):
        r.category = c
    t32 = TSpec(
        "附表3-2", "procurement", "政府采购预算表", "元",
        [[("采购项目", 1, 1), ("采购类别", 1, 1), ("合计", 1, 1), ("一般公共预算拨款", 1, 1), ("其他资金", 1, 1)]],
        ["合计", "一般公共预算拨款", "其他资金"], label_in_title=True,
        rows=[TRow("总计", [column_sum([r.values for r in buy], i) for i in range(3)], lead=["总计", ""])] + buy,  # type: ignore[misc]
    )

    s = sections(total, gp, other, basic, people, sg_total)
    facts = {
        "收入预算总计": {"value": float(wan(total)), "unit": "万元", "section": s[1][0]},
        "基本支出": {"value": float(wan(basic)), "unit": "万元", "section": s[2][0]},
        "三公经费预算": {"value": float(wan(sg_total[0])), "unit": "万元", "section": s[3][0]},  # type: ignore[arg-type]
    }
    blocks = narrative_html(s)
    cover = f'<div class="cover1">{ISSUER}</div><div class="cover2">{YEAR}年部门预算</div>'
    pages = [
        Page([cover, *blocks]),
        Page([(t11, 0), (t12, 0)]),
        Page([(t13, 0), (t21, 0)]),
        Page([(t22, 0), (t23, 0)]),
        Page([(t24, 0), (t25, 0), (t26, 0), (t31, 0), (t32, 0)]),
    ]
    return Doc(f"shili-linchuan-scjg-{YEAR}", ISSUER, YEAR, "部门预算", f"{ISSUER}{YEAR}年部门预算", pages, s,
               page_no=lambda n: f"第{n}页", facts=facts)


def sections(total: Decimal, gp: Decimal, other: Decimal, basic: Decimal, people: Decimal,
             sg: list[Decimal | None]) -> list[tuple[str, str]]:
    return [
        ("一、部门职责及机构设置",
         "示例市临川区市场监督管理局负责全区市场综合监督管理、市场主体登记注册、食品药品安全监管和质量技术监督等工作。"
         "本部门预算包括局机关本级和示例市临川区市场监管综合执法大队2个单位。"),
        ("二、收支预算总体情况",
         f"2024年收入预算总计{wan(total)}万元，其中一般公共预算拨款收入{wan(gp)}万元，其他收入{wan(other)}万元。"
         f"支出预算总计{wan(total)}万元。"),
        ("三、一般公共预算支出情况",
         f"2024年一般公共预算支出{wan(gp)}万元，其中：基本支出{wan(basic)}万元（人员经费{wan(people)}万元，"
         f"公用经费{wan(basic - people)}万元）；项目支出{wan(gp - basic)}万元。"),
        ("四、“三公”经费预算情况",
         f"2024年“三公”经费预算{wan(sg[0] or D(0))}万元，其中：因公出国（境）费0万元，公务用车购置费0万元，"
         f"公务用车运行费{wan(sg[4] or D(0))}万元，公务接待费{wan(sg[5] or D(0))}万元。"),
    ]
