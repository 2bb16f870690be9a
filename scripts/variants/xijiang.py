"""示例市西江区财政局 2023 年度部门决算 (invented).

Tables first (附表1…附表9), narrative after. Tables in 元 with thousands
separators, narrative in 万元. 决算 layouts: 收入支出决算总表 two-sided with 行次,
年初/年末结转和结余, 年初预算数 / 调整预算数 / 决算数, 栏次 rows, 类/款/项 columns
(合计 spanning the code cells), totals first and last, a 三公 table with one row
under a three-level header, empty 政府性基金 / 国有资本经营 tables, a table split
over two pages with its header repeated, letter-spaced titles and "- n -" page
numbers at the foot of full pages.
"""

from __future__ import annotations

from decimal import Decimal

from .codes import ECON, FUNCTION, column_sum, tree
from .common import D, Doc, Page, TRow, TSpec, narrative_html, wan

ISSUER = "示例市西江区财政局"
YEAR = 2023
MARKDOWN = True  # also write the Markdown text form

# 项: basic, project (财政拨款), project (其他收入), 年初预算数, 调整预算数
ITEMS: dict[str, tuple[Decimal, Decimal, Decimal, Decimal, Decimal]] = {
    "2010601": (D("3215480.36"), D(0), D(0), D("3180000.00"), D("3215480.36")),
    "2010602": (D(0), D("808300.00"), D("48000.00"), D("760000.00"), D("830000.00")),
    "2010607": (D(0), D("412650.50"), D(0), D("450000.00"), D("450000.00")),
    "2010608": (D(0), D("1234567.89"), D(0), D("1200000.00"), D("1300000.00")),
    "2080501": (D("625400.00"), D(0), D(0), D("610000.00"), D("625400.00")),
    "2080505": (D("386512.32"), D(0), D(0), D("380000.00"), D("386512.32")),
    "2080506": (D("154604.93"), D(0), D(0), D("152000.00"), D("154604.93")),
    "2101101": (D("198766.40"), D(0), D(0), D("195000.00"), D("198766.40")),
    "2210201": (D("289934.76"), D(0), D(0), D("285000.00"), D("289934.76")),
}
CARRY_IN = D("185000.00")  # 年初结转和结余 (财政拨款)
CARRY_USED = D("35000.00")  # spent on 2010608 out of the carry-over
OTHER_IN = D("48000.00")  # 其他收入

# 基本支出 by 部门经济分类 (人员经费 = 301 + 303, 公用经费 = 302)
ECON_ITEMS = {
    "30101": D("1020000.00"), "30102": D("1168300.00"), "30103": D("85000.00"), "30108": D("386512.32"),
    "30109": D("154604.93"), "30110": D("198766.40"), "30113": D("289934.76"),
    "30201": D("312000.00"), "30211": D("96540.00"), "30217": D("18650.00"), "30228": D("52800.00"),
    "30231": D("64320.00"), "30299": D("397870.36"),
    "30302": D("625400.00"),
}
SANGONG_BUDGET = [D("110000.00"), D(0), D("80000.00"), D(0), D("80000.00"), D("30000.00")]
SANGONG_FINAL = [D("82970.00"), D(0), D("64320.00"), D(0), D("64320.00"), D("18650.00")]
CARS, RECEPTIONS, GUESTS = 5, 23, 186


def _fin(code: str) -> Decimal:
    b, p, _o, _i, _a = ITEMS[code]
    return b + p


def _split_lead(r: TRow) -> list[str]:
    c = r.code or ""
    if not c:
        return ["合计", "", "", ""]
    return [c[:3], c[3:5], c[5:7], r.name]


def build() -> Doc:
    basic_total = sum((v[0] for v in ITEMS.values()), Decimal(0))
    assert basic_total == sum(ECON_ITEMS.values(), Decimal(0))
    e_fin = sum((_fin(c) for c in ITEMS), Decimal(0))
    e_all = e_fin + OTHER_IN
    r_fin = e_fin - CARRY_USED
    carry_out = CARRY_IN - CARRY_USED
    total = r_fin + OTHER_IN + CARRY_IN
    assert total == e_all + carry_out

    # 附表1 收入支出决算总表 (two-sided, 行次)
    by_class = {c: sum((_fin(k) + ITEMS[k][2] for k in ITEMS if k.startswith(c)), Decimal(0)) for c in ("201", "208", "210", "221")}

    def inc(name: str, no: str, v: object) -> TRow:
        return TRow(name, [v], lead=[name, no], side="收入")  # type: ignore[list-item]

    def exp(name: str, no: str, v: object) -> TRow:
        return TRow(name, [v], lead=[name, no], side="支出")  # type: ignore[list-item]

    t1 = TSpec(
        "附表1", "f_dept_summary", "收入支出决算总表", "元",
        [[("收入", 3, 1), ("支出", 3, 1)], [("项目", 1, 1), ("行次", 1, 1), ("金额", 1, 1), ("项目", 1, 1), ("行次", 1, 1), ("金额", 1, 1)]],
        ["金额"], column_groups={"收入": ["金额"], "支出": ["金额"]}, spaced_title=True,
        pairs=[
            (inc("一、一般公共预算财政拨款收入", "1", r_fin), exp("一、一般公共服务支出", "13", by_class["201"])),
            (inc("二、政府性基金预算财政拨款收入", "2", None), exp("二、社会保障和就业支出", "14", by_class["208"])),
            (inc("三、国有资本经营预算财政拨款收入", "3", None), exp("三、卫生健康支出", "15", by_class["210"])),
            (inc("四、上级补助收入", "4", None), exp("四、住房保障支出", "16", by_class["221"])),
            (inc("五、事业收入", "5", None), None),
            (inc("六、经营收入", "6", None), None),
            (inc("七、附属单位上缴收入", "7", None), None),
            (inc("八、其他收入", "8", OTHER_IN), None),
            (inc("本年收入合计", "9", r_fin + OTHER_IN), exp("本年支出合计", "17", e_all)),
            (inc("使用非财政拨款结余", "10", "-"), exp("结余分配", "18", D(0))),
            (inc("年初结转和结余", "11", CARRY_IN), exp("年末结转和结余", "19", carry_out)),
            (inc("总计", "12", total), exp("总计", "20", total)),
        ],
    )

    # 附表2 收入决算表 / 附表3 支出决算表 (one code column, 合计 first)
    income = {c: [_fin(c) + o - (CARRY_USED if c == "2010608" else 0), _fin(c) - (CARRY_USED if c == "2010608" else 0), o or None]
              for c, (b, p, o, _i, _a) in ITEMS.items()}
    inc_tree = tree({c: [v[0], v[1], v[2]] for c, v in income.items()}, 3)
    leaves2 = [v for c, v in inc_tree if len(c) == 3]
    t2 = TSpec(
        "附表2", "f_dept_income", "收入决算表", "元",
        [[("项目", 2, 1), ("本年收入合计", 1, 2), ("财政拨款收入", 1, 2), ("其他收入", 1, 2)], [("科目编码", 1, 1), ("科目名称", 1, 1)]],
        ["本年收入合计", "财政拨款收入", "其他收入"],
        rows=[TRow("合计", [column_sum(leaves2, i) for i in range(3)], lead=["合计", ""])]
        + [TRow(FUNCTION[c], v, code=c) for c, v in inc_tree],
    )
    exp_tree = tree({c: [b + p + o, b or None, (p + o) or None] for c, (b, p, o, _i, _a) in ITEMS.items()}, 3)
    leaves3 = [v for c, v in exp_tree if len(c) == 3]
    t3 = TSpec(
        "附表3", "f_dept_exp", "支出决算表", "元",
        [[("项目", 2, 1), ("本年支出合计", 1, 2), ("基本支出", 1, 2), ("项目支出", 1, 2)], [("科目编码", 1, 1), ("科目名称", 1, 1)]],
        ["本年支出合计", "基本支出", "项目支出"],
        rows=[TRow("合计", [column_sum(leaves3, i) for i in range(3)], lead=["合计", ""])]
        + [TRow(FUNCTION[c], v, code=c) for c, v in exp_tree],
    )

    # 附表4 财政拨款收入支出决算总表 (two-sided, 支出 side with three columns)
    fin_class = {c: sum((_fin(k) for k in ITEMS if k.startswith(c)), Decimal(0)) for c in ("201", "208", "210", "221")}

    def fexp(name: str, no: str, v: Decimal) -> TRow:
        return TRow(name, [v, v, None], lead=[name, no], side="支出")

    t4 = TSpec(
        "附表4", "f_fin_summary", "财政拨款收入支出决算总表", "元",
        [[("收入", 3, 1), ("支出", 5, 1)],
         [("项目", 1, 1), ("行次", 1, 1), ("金额", 1, 1), ("项目", 1, 1), ("行次", 1, 1), ("小计", 1, 1),
          ("一般公共预算财政拨款", 1, 1), ("政府性基金预算财政拨款", 1, 1)]],
        ["金额", "小计", "一般公共预算财政拨款", "政府性基金预算财政拨款"],
        column_groups={"收入": ["金额"], "支出": ["小计", "一般公共预算财政拨款", "政府性基金预算财政拨款"]},
        pairs=[
            (inc("一、一般公共预算财政拨款", "1", r_fin), fexp("一、一般公共服务支出", "8", fin_class["201"])),
            (inc("二、政府性基金预算财政拨款", "2", None), fexp("二、社会保障和就业支出", "9", fin_class["208"])),
            (None, fexp("三、卫生健康支出", "10", fin_class["210"])),
            (None, fexp("四、住房保障支出", "11", fin_class["221"])),
            (inc("本年收入合计", "3", r_fin), fexp("本年支出合计", "12", e_fin)),
            (inc("年初财政拨款结转和结余", "4", CARRY_IN), fexp("年末财政拨款结转和结余", "13", carry_out)),
            (inc("总计", "5", r_fin + CARRY_IN), fexp("总计", "14", e_fin + carry_out)),
        ],
    )

    # 附表5 一般公共预算财政拨款支出决算表: 类/款/项 columns, 年初预算数 / 调整预算数 / 决算数
    gp_tree = tree({c: [i, a, _fin(c)] for c, (b, p, o, i, a) in ITEMS.items()}, 3)
    leaves5 = [v for c, v in gp_tree if len(c) == 3]
    rows5 = [TRow("合计", [column_sum(leaves5, i) for i in range(3)])] + [TRow(FUNCTION[c], v, code=c) for c, v in gp_tree]
    t5 = TSpec(
        "附表5", "f_gpb_exp", "一般公共预算财政拨款支出决算表", "元",
        [[("项目", 4, 1), ("年初预算数", 1, 2), ("调整预算数", 1, 2), ("决算数", 1, 2)],
         [("类", 1, 1), ("款", 1, 1), ("项", 1, 1), ("科目名称", 1, 1)]],
        ["年初预算数", "调整预算数", "决算数"], rows=rows5, lead=_split_lead, lead_width=4,
        lanci=["栏次", "1", "2", "3"], spaced_title=True, parts=[(0, 15, True), (15, len(rows5), True)],
    )

    # 附表6 一般公共预算财政拨款基本支出决算表 (部门经济分类, 合计 last)
    def econ_vals(code: str, v: Decimal) -> list[Decimal | str | None]:
        people = code.startswith(("301", "303"))
        return [v, v if people else None, v if not people else "-"]

    econ_tree = tree({c: [v] for c, v in ECON_ITEMS.items()}, 1)
    rows6 = [TRow(ECON[c], econ_vals(c, v[0]), code=c) for c, v in econ_tree]  # type: ignore[arg-type]
    people = sum((v for c, v in ECON_ITEMS.items() if c.startswith(("301", "303"))), Decimal(0))
    rows6.append(TRow("合计", [basic_total, people, basic_total - people], lead=["", "合计"]))
    t6 = TSpec(
        "附表6", "f_gpb_basic", "一般公共预算财政拨款基本支出决算表", "元",
        [[("科目编码", 1, 2), ("科目名称", 1, 2), ("决算数", 3, 1)], [("合计", 1, 1), ("人员经费", 1, 1), ("公用经费", 1, 1)]],
        ["合计", "人员经费", "公用经费"], rows=rows6,
    )

    # 附表7 三公: one row under a three-level header
    heads = ["合计", "因公出国（境）费", "公务用车购置及运行费小计", "公务用车购置费", "公务用车运行费", "公务接待费"]
    cols7 = [f"预算数{h}" for h in heads] + [f"决算数{h}" for h in heads]
    group = [("合计", 1, 2), ("因公出国（境）费", 1, 2), ("公务用车购置及运行费", 3, 1), ("公务接待费", 1, 2)]
    t7 = TSpec(
        "附表7", "f_sangong", "一般公共预算财政拨款“三公”经费支出决算表", "元",
        [[("预算数", 6, 1), ("决算数", 6, 1)], group + group,
         [("小计", 1, 1), ("公务用车购置费", 1, 1), ("公务用车运行费", 1, 1)] * 2],
        cols7, rows=[TRow("合计", [*SANGONG_BUDGET, *SANGONG_FINAL], lead=[])], lead_width=0,
        lanci=None, note=f"注：2023年末公务用车保有量{CARS}辆；国内公务接待{RECEPTIONS}批次、{GUESTS}人次。",
    )
    t7.header.append([(str(k), 1, 1) for k in range(1, 13)])  # the column numbers under the header

    # 附表8 / 附表9: empty tables
    t8 = TSpec(
        "附表8", "f_fund_exp", "政府性基金预算财政拨款收入支出决算表", "元",
        [[("项目", 4, 1), ("年初结转和结余", 1, 2), ("本年收入", 1, 2), ("本年支出", 3, 1), ("年末结转和结余", 1, 2)],
         [("类", 1, 1), ("款", 1, 1), ("项", 1, 1), ("科目名称", 1, 1), ("小计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)]],
        ["年初结转和结余", "本年收入", "本年支出小计", "基本支出", "项目支出", "年末结转和结余"],
        rows=[TRow("合计", [None] * 6, lead=["", "", "", "合计"])], lead_width=4,
        note="注：本单位2023年度无政府性基金预算财政拨款收入、支出，故本表为空表。",
    )
    t9 = TSpec(
        "附表9", "f_soe_exp", "国有资本经营预算财政拨款支出决算表", "元",
        [[("科目编码", 1, 1), ("科目名称", 1, 1), ("本年支出合计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)]],
        ["本年支出合计", "基本支出", "项目支出"],
        rows=[TRow("合计", [D(0), D(0), D(0)], lead=["", "合计"])],
        note="注：本单位2023年度无国有资本经营预算财政拨款支出，故本表以0.00列示。",
    )

    # -- narrative, in 万元 ------------------------------------------------------------
    s = sections(r_fin, e_fin, e_all, total, carry_out, basic_total, people, by_class, gp_tree)
    facts = {
        "收入总计": {"value": float(wan(total)), "unit": "万元", "section": s[1][0]},
        "本年收入合计": {"value": float(wan(r_fin + OTHER_IN)), "unit": "万元", "section": s[1][0]},
        "一般公共预算财政拨款支出决算数": {"value": float(wan(e_fin)), "unit": "万元", "section": s[4][0]},
        "公务用车保有量": {"value": CARS, "unit": "辆", "section": s[6][0]},
        "国内公务接待批次": {"value": RECEPTIONS, "unit": "批次", "section": s[6][0]},
        "国内公务接待人次": {"value": GUESTS, "unit": "人次", "section": s[6][0]},
    }
    blocks = narrative_html(s)
    cover = (f'<div class="cover1">{ISSUER}</div><div class="cover2">{YEAR} 年度部门决算</div>'
             '<div class="part">部门决算公开表</div>')
    pages = [
        Page([cover, (t1, 0)]),
        Page([(t2, 0), (t3, 0)]),
        Page([(t4, 0), (t5, 0)]),
        Page([(t5, 1), (t6, 0)]),
        Page([(t7, 0), (t8, 0), (t9, 0)], land=True),
        Page(blocks[:5]),
        Page(blocks[5:]),
    ]
    return Doc(f"shili-xijiang-czj-final-{YEAR}", ISSUER, YEAR, "部门决算", f"{ISSUER}{YEAR}年度部门决算", pages, s, facts=facts)


def sections(r_fin: Decimal, e_fin: Decimal, e_all: Decimal, total: Decimal, carry_out: Decimal,
             basic: Decimal, people: Decimal, by_class: dict[str, Decimal],
             gp_tree: list[tuple[str, list[Decimal | None]]]) -> list[tuple[str, str]]:
    gp = dict(gp_tree)
    adjusted = gp["201"][1] + gp["208"][1] + gp["210"][1] + gp["221"][1]  # type: ignore[operator]
    rate = (e_fin / adjusted * 100).quantize(D("0.01"))
    b = ITEMS["2080501"]
    return [
        ("一、部门基本情况",
         "示例市西江区财政局是区政府工作部门，主要负责全区财政收支管理、预算编制和执行、国有资产管理及财政监督等工作。\n"
         "纳入本部门2023年度部门决算编制范围的单位为局机关本级，内设8个科室，行政编制36名。"),
        ("二、收入支出决算总体情况说明",
         f"2023 年度收入总计 {wan(total)} 万元，支出总计 {wan(total)} 万元。其中本年收入合计 {wan(r_fin + OTHER_IN)} 万元，"
         f"年初结转和结余 {wan(CARRY_IN)} 万元；本年支出合计 {wan(e_all)} 万元，年末结转和结余 {wan(carry_out)} 万元。"),
        ("三、收入决算情况说明",
         f"本年收入合计 {wan(r_fin + OTHER_IN)} 万元，其中：一般公共预算财政拨款收入 {wan(r_fin)} 万元，"
         f"其他收入 {wan(OTHER_IN)} 万元，主要是代理业务手续费收入。"),
        ("四、支出决算情况说明",
         f"本年支出合计 {wan(e_all)} 万元，其中：基本支出 {wan(basic)} 万元，项目支出 {wan(e_all - basic)} 万元。"
         "项目支出主要用于财政信息化建设和财政委托业务。"),
        ("五、财政拨款收入支出决算总体情况说明",
         f"2023 年度财政拨款收入 {wan(r_fin)} 万元，财政拨款支出 {wan(e_fin)} 万元，"
         f"年末财政拨款结转和结余 {wan(carry_out)} 万元。"),
        ("六、一般公共预算财政拨款支出决算情况说明",
         f"2023 年度一般公共预算财政拨款支出决算数为 {wan(e_fin)} 万元，完成调整预算的 {rate}%。"
         f"其中：社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）决算数为 {wan(b[0])} 万元，"
         f"年初预算数为 {wan(b[3])} 万元，主要原因是当年新增退休人员。"),
        ("七、一般公共预算财政拨款基本支出决算情况说明",
         f"2023 年度一般公共预算财政拨款基本支出 {wan(basic)} 万元，其中：人员经费 {wan(people)} 万元，"
         f"公用经费 {wan(basic - people)} 万元。"),
        ("八、“三公”经费财政拨款支出决算情况说明",
         f"2023 年度“三公”经费财政拨款支出决算数为 {wan(SANGONG_FINAL[0])} 万元，完成预算的 "
         f"{(SANGONG_FINAL[0] / SANGONG_BUDGET[0] * 100).quantize(D('0.01'))}%。其中：因公出国（境）费 0 万元；"
         f"公务用车运行维护费 {wan(SANGONG_FINAL[4])} 万元，年末公务用车保有量 {CARS} 辆；"
         f"公务接待费 {wan(SANGONG_FINAL[5])} 万元，国内公务接待 {RECEPTIONS} 批次、{GUESTS} 人次。"),
        ("九、其他重要事项的情况说明",
         f"2023 年度机关运行经费支出 {wan(basic - people)} 万元。本部门无政府性基金预算和国有资本经营预算财政拨款收支。"),
    ]
