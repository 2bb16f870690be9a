"""示例市东岭区水利局 2023 年度部门决算 (invented).

Tables in 万元 with every total printed last (表1…表8), narrative after. 收入支出决算总表
and 财政拨款收入支出决算总表 are two-sided without 行次; 收入决算表 / 支出决算表 with one
code column and 合计 as the total column; a 基本支出决算表 printed two-sided with
经济分类 codes on both sides (人员经费 | 公用经费, each side closed by its own
合计 row); a 三公 table with items as rows and 全年预算数 / 决算数 columns; an
empty 政府性基金 table; and 支出决算表 closing its page with the page number
printed on the same line as its 合计 figures, just right of the table.
"""

from __future__ import annotations

from decimal import Decimal

from .codes import ECON, FUNCTION, column_sum, tree
from .common import D, Doc, Page, TRow, TSpec, narrative_html, num, plain

ISSUER = "示例市东岭区水利局"
YEAR = 2023
MARKDOWN = False

# 项: basic, project (财政拨款), project (其他收入), 全年预算数 (一般公共预算)
ITEMS: dict[str, tuple[Decimal, Decimal, Decimal, Decimal]] = {
    "2080505": (D("62.35"), D(0), D(0), D("62.35")),
    "2080506": (D("24.94"), D(0), D(0), D("25.00")),
    "2101101": (D("31.18"), D(0), D(0), D("31.50")),
    "2130301": (D("412.67"), D(0), D(0), D("420.00")),
    "2130304": (D(0), D("86.20"), D(0), D("90.00")),
    "2130305": (D(0), D("1265.48"), D("35.00"), D("1300.00")),
    "2130306": (D(0), D("318.75"), D(0), D("330.00")),
    "2130314": (D(0), D("142.06"), D(0), D("150.00")),
    "2210201": (D("46.77"), D(0), D(0), D("46.77")),
}
CARRY_IN = D("120.00")  # 年初财政拨款结转和结余
CARRY_USED = D("45.48")  # spent on 2130305 out of the carry-over
OTHER_IN = D("35.00")
PEOPLE = {"30101": D("148.60"), "30102": D("96.31"), "30103": D("12.40"), "30107": D("38.52"),
          "30108": D("62.35"), "30109": D("24.94"), "30110": D("31.18"), "30113": D("46.77"), "30302": D("18.64")}
PUBLIC = {"30201": D("22.46"), "30205": D("3.18"), "30206": D("9.72"), "30211": D("4.35"), "30213": D("6.90"),
          "30217": D("1.86"), "30226": D("8.15"), "30228": D("6.72"), "30231": D("12.60"), "30299": D("22.26")}
# 因公出国（境）费, 公务用车购置及运行费, 其中 购置费, 其中 运行费, 公务接待费: (全年预算数, 决算数)
SANGONG = [("1.因公出国（境）费", D(0), D(0)), ("2.公务用车购置及运行费", D("15.00"), D("12.60")),
           ("（1）公务用车购置费", D(0), D(0)), ("（2）公务用车运行费", D("15.00"), D("12.60")),
           ("3.公务接待费", D("2.50"), D("1.86"))]


def _fin(code: str) -> Decimal:
    b, p, _o, _y = ITEMS[code]
    return b + p


def build() -> Doc:
    basic = sum((v[0] for v in ITEMS.values()), Decimal(0))
    people, public = sum(PEOPLE.values(), Decimal(0)), sum(PUBLIC.values(), Decimal(0))
    assert basic == people + public, (basic, people + public)
    e_fin = sum((_fin(c) for c in ITEMS), Decimal(0))
    e_all = e_fin + OTHER_IN
    r_fin = e_fin - CARRY_USED
    carry_out = CARRY_IN - CARRY_USED
    total = r_fin + OTHER_IN + CARRY_IN
    classes = ("208", "210", "213", "221")
    by_class = {c: sum((_fin(k) + ITEMS[k][2] for k in ITEMS if k.startswith(c)), Decimal(0)) for c in classes}
    fin_class = {c: sum((_fin(k) for k in ITEMS if k.startswith(c)), Decimal(0)) for c in classes}
    cls_names = {"208": "社会保障和就业支出", "210": "卫生健康支出", "213": "农林水支出", "221": "住房保障支出"}

    def inc(name: str, v: object, cols: int = 1) -> TRow:
        return TRow(name, [v] + [None] * (cols - 1), lead=[name], side="收入")  # type: ignore[list-item]

    def exp(name: str, *v: object) -> TRow:
        return TRow(name, list(v), lead=[name], side="支出")  # type: ignore[arg-type]

    t1 = TSpec(
        "表1", "f_dept_summary", "收入支出决算总表", "万元",
        [[("收入", 2, 1), ("支出", 2, 1)], [("项目", 1, 1), ("决算数", 1, 1), ("项目", 1, 1), ("决算数", 1, 1)]],
        ["决算数"], column_groups={"收入": ["决算数"], "支出": ["决算数"]}, fmt=plain,
        pairs=[
            (inc("一、一般公共预算财政拨款收入", r_fin), exp(f"一、{cls_names['208']}", by_class["208"])),
            (inc("二、政府性基金预算财政拨款收入", None), exp(f"二、{cls_names['210']}", by_class["210"])),
            (inc("三、事业收入", None), exp(f"三、{cls_names['213']}", by_class["213"])),
            (inc("四、其他收入", OTHER_IN), exp(f"四、{cls_names['221']}", by_class["221"])),
            (inc("本年收入合计", r_fin + OTHER_IN), exp("本年支出合计", e_all)),
            (inc("年初结转和结余", CARRY_IN), exp("年末结转和结余", carry_out)),
            (inc("总计", total), exp("总计", total)),
        ],
    )

    def coded(cols: dict[str, list[Decimal | None]], width: int) -> tuple[list[TRow], list[Decimal | None]]:
        tr = tree(cols, width)
        tops = [v for c, v in tr if len(c) == 3]
        return [TRow(FUNCTION[c], v, code=c) for c, v in tr], [column_sum(tops, i) for i in range(width)]

    used = {c: (CARRY_USED if c == "2130305" else D(0)) for c in ITEMS}
    rows2, tot2 = coded({c: [_fin(c) + o - used[c], (_fin(c) - used[c]) or None, o or None]
                         for c, (b, p, o, y) in ITEMS.items()}, 3)
    t2 = TSpec(
        "表2", "f_dept_income", "收入决算表", "万元",
        [[("科目编码", 1, 1), ("科目名称", 1, 1), ("本年收入合计", 1, 1), ("财政拨款收入", 1, 1), ("其他收入", 1, 1)]],
        ["本年收入合计", "财政拨款收入", "其他收入"], fmt=plain,
        rows=rows2 + [TRow("合计", tot2, lead=["", "合计"])],
    )
    rows3, tot3 = coded({c: [b + p + o, b or None, (p + o) or None] for c, (b, p, o, y) in ITEMS.items()}, 3)
    t3 = TSpec(
        "表3", "f_dept_exp", "支出决算表", "万元",
        [[("科目编码", 1, 1), ("科目名称", 1, 1), ("合计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)]],
        ["合计", "基本支出", "项目支出"], fmt=plain, inline_page_no=True,
        rows=rows3 + [TRow("合计", tot3, lead=["", "合计"])],
    )

    def fexp(name: str, v: Decimal) -> TRow:
        return exp(name, v, v, None)

    t4 = TSpec(
        "表4", "f_fin_summary", "财政拨款收入支出决算总表", "万元",
        [[("收入", 2, 1), ("支出", 4, 1)],
         [("项目", 1, 1), ("决算数", 1, 1), ("项目", 1, 1), ("小计", 1, 1), ("一般公共预算财政拨款", 1, 1),
          ("政府性基金预算财政拨款", 1, 1)]],
        ["决算数", "小计", "一般公共预算财政拨款", "政府性基金预算财政拨款"], fmt=plain,
        column_groups={"收入": ["决算数"], "支出": ["小计", "一般公共预算财政拨款", "政府性基金预算财政拨款"]},
        pairs=[
            (inc("一、一般公共预算财政拨款", r_fin), fexp(f"一、{cls_names['208']}", fin_class["208"])),
            (inc("二、政府性基金预算财政拨款", None), fexp(f"二、{cls_names['210']}", fin_class["210"])),
            (None, fexp(f"三、{cls_names['213']}", fin_class["213"])),
            (None, fexp(f"四、{cls_names['221']}", fin_class["221"])),
            (inc("本年收入合计", r_fin), fexp("本年支出合计", e_fin)),
            (inc("年初财政拨款结转和结余", CARRY_IN), fexp("年末财政拨款结转和结余", carry_out)),
            (inc("总计", r_fin + CARRY_IN), fexp("总计", e_fin + carry_out)),
        ],
    )
    rows5, tot5 = coded({c: [_fin(c), b or None, p or None] for c, (b, p, o, y) in ITEMS.items()}, 3)
    t5 = TSpec(
        "表5", "f_gpb_exp", "一般公共预算财政拨款支出决算表", "万元",
        [[("科目编码", 1, 2), ("科目名称", 1, 2), ("全年预算数", 1, 2), ("决算数", 3, 1)],
         [("合计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)]],
        ["全年预算数", "合计", "基本支出", "项目支出"], fmt=plain,
        rows=[TRow(r.name, [dict(tree({c: [v[3]] for c, v in ITEMS.items()}, 1))[r.code or ""][0], *r.values], code=r.code)
              for r in rows5]
        + [TRow("合计", [sum((v[3] for v in ITEMS.values()), Decimal(0)), *tot5], lead=["", "合计"])],
    )

    # 表6: 人员经费 | 公用经费 side by side, 经济分类 codes on both sides, each side's 合计 last
    def side_rows(items: dict[str, Decimal], side: str) -> list[TRow]:
        return [TRow(ECON[c], [v[0]], code=c, side=side) for c, v in tree({c: [x] for c, x in items.items()}, 1)]

    left, right = side_rows(PEOPLE, "人员经费"), side_rows(PUBLIC, "公用经费")
    n = max(len(left), len(right))
    pairs6: list[tuple[TRow | None, TRow | None]] = [
        (left[i] if i < len(left) else None, right[i] if i < len(right) else None) for i in range(n)
    ]
    pairs6.append((TRow("人员经费合计", [people], lead=["", "人员经费合计"], side="人员经费"),
                   TRow("公用经费合计", [public], lead=["", "公用经费合计"], side="公用经费")))
    t6 = TSpec(
        "表6", "f_gpb_basic", "一般公共预算财政拨款基本支出决算表", "万元",
        [[("人员经费", 3, 1), ("公用经费", 3, 1)],
         [("科目编码", 1, 1), ("科目名称", 1, 1), ("决算数", 1, 1)] * 2],
        ["决算数"], column_groups={"人员经费": ["决算数"], "公用经费": ["决算数"]}, fmt=plain, pairs=pairs6,
    )

    sg = [TRow(n_, [a or None, b or None], lead=[n_]) for n_, a, b in SANGONG]
    tops = [r for r in sg if r.name[0].isdigit()]
    sg.append(TRow("合计", [column_sum([r.values for r in tops], i) for i in range(2)], lead=["合计"]))  # type: ignore[misc]
    t7 = TSpec(
        "表7", "f_sangong", "一般公共预算财政拨款“三公”经费支出决算表", "万元",
        [[("项目", 1, 1), ("全年预算数", 1, 1), ("决算数", 1, 1)]],
        ["全年预算数", "决算数"], lead_width=1, fmt=plain, rows=sg,
        note="注：2023年末公务用车保有量4辆；国内公务接待15批次、96人次。",
    )
    t8 = TSpec(
        "表8", "f_fund_exp", "政府性基金预算财政拨款收入支出决算表", "万元",
        [[("科目编码", 1, 1), ("科目名称", 1, 1), ("年初结转和结余", 1, 1), ("本年收入", 1, 1), ("本年支出", 1, 1),
          ("年末结转和结余", 1, 1)]],
        ["年初结转和结余", "本年收入", "本年支出", "年末结转和结余"], fmt=plain,
        rows=[TRow("合计", [None] * 4, lead=["", "合计"])],
        note="注：本单位2023年度无政府性基金预算财政拨款收入、支出，故本表为空表。",
    )

    s = sections(total, r_fin, e_fin, e_all, carry_out, basic, people, public, by_class)
    facts = {
        "收入总计": {"value": float(total), "unit": "万元", "section": s[1][0]},
        "本年支出合计": {"value": float(e_all), "unit": "万元", "section": s[1][0]},
        "基本支出": {"value": float(basic), "unit": "万元", "section": s[3][0]},
        "公务用车保有量": {"value": 4, "unit": "辆", "section": s[4][0]},
    }
    blocks = narrative_html(s)
    cover = (f'<div class="cover1">{ISSUER}</div><div class="cover2">{YEAR} 年度部门决算</div>'
             '<div class="part">第二部分 部门决算表</div>')
    pages = [
        Page([cover, (t1, 0)]),
        Page([(t2, 0), (t3, 0)]),
        Page([(t4, 0), (t5, 0)]),
        Page([(t6, 0), (t7, 0), (t8, 0)]),
        Page(blocks),
    ]
    return Doc(f"shili-dongling-slj-final-{YEAR}", ISSUER, YEAR, "部门决算", f"{ISSUER}{YEAR}年度部门决算", pages, s,
               facts=facts, table_unit="万元")


def sections(total: Decimal, r_fin: Decimal, e_fin: Decimal, e_all: Decimal, carry_out: Decimal, basic: Decimal,
             people: Decimal, public: Decimal, by_class: dict[str, Decimal]) -> list[tuple[str, str]]:
    return [
        ("一、部门基本情况",
         "示例市东岭区水利局负责全区水资源管理、水利工程建设与运行管理、防汛抗旱和农村水利等工作。"
         "纳入2023年度部门决算编制范围的单位为局机关本级。"),
        ("二、收入支出决算总体情况说明",
         f"2023年度收入总计{num(total)}万元，支出总计{num(total)}万元。本年收入合计{num(r_fin + OTHER_IN)}万元，"
         f"本年支出合计{num(e_all)}万元，年末结转和结余{num(carry_out)}万元。"),
        ("三、财政拨款收入支出决算总体情况说明",
         f"2023年度财政拨款收入{num(r_fin)}万元，财政拨款支出{num(e_fin)}万元，其中农林水支出"
         f"{num(by_class['213'] - OTHER_IN)}万元，主要用于水利工程建设和防汛。"),
        ("四、一般公共预算财政拨款基本支出决算情况说明",
         f"2023年度一般公共预算财政拨款基本支出{num(basic)}万元，其中：人员经费{num(people)}万元，"
         f"公用经费{num(public)}万元。"),
        ("五、“三公”经费财政拨款支出决算情况说明",
         "2023年度“三公”经费财政拨款支出决算数为14.46万元，完成全年预算的82.63%。其中：因公出国（境）费0万元；"
         "公务用车运行费12.6万元，年末公务用车保有量4辆；公务接待费1.86万元，国内公务接待15批次、96人次。"),
    ]
