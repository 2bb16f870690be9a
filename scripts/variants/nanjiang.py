"""示例市南江区卫生健康委员会 2024 年部门预算 (invented).

Narrative first, tables after (表一…表六), 单位：元 everywhere (the narrative too,
with thousands separators). A letter-spaced cover line; tables without outer
left/right borders; a 功能分类 table with names only (indented, no codes); a table
drawn with four stroked segments per cell that runs over a page break without
repeating its header, with one row printed across the break; an economic table
with 部门 301/30101 codes beside 政府 501/50101 codes, drawn with doubled inner
lines; 三公 items as rows with 2023/2024 columns and 增减额; vehicle and reception
counts; empty values as blank, "-", "/" and 0.00; bare page numbers ("7").
"""

from __future__ import annotations

from decimal import Decimal

from .codes import ECON, FUNCTION, GOV_ECON, column_sum, tree
from .common import D, Doc, Page, TRow, TSpec, narrative_html, yuan

ISSUER = "示例市南江区卫生健康委员会"
YEAR = 2024
MARKDOWN = False

# 项: basic, project
ITEMS = {
    "2080501": (D("905600.00"), D(0)),
    "2080505": (D("688421.76"), D(0)),
    "2100101": (D("4812350.00"), D(0)),
    "2100102": (D(0), D("650000.00")),
    "2100401": (D("2356780.50"), D("420000.00")),
    "2100409": (D(0), D("1800000.00")),
    "2101101": (D("301250.40"), D(0)),
    "2101102": (D("156880.20"), D(0)),
    "2101199": (D("24000.00"), D(0)),
    "2210201": (D("512306.64"), D(0)),
}
CAR_BUY = D("200000.00")  # 公务用车购置 (project 2100102 pays it)
# 部门经济分类 → (政府经济分类, amount); 30299 balances to the 基本支出 total
ECON_ITEMS = {
    "30101": ("50101", D("2150000.00")), "30102": ("50101", D("1980000.00")), "30103": ("50101", D("210000.00")),
    "30108": ("50102", D("688421.76")), "30110": ("50102", D("458130.60")), "30113": ("50103", D("512306.64")),
    "30201": ("50201", D("420000.00")), "30216": ("50203", D("60000.00")), "30217": ("50206", D("25000.00")),
    "30231": ("50208", D("96000.00")), "30299": ("50299", D(0)),
    "30302": ("50905", D("905600.00")), "30305": ("50901", D("24000.00")),
}
CLASS_GOV = {"301": "501", "302": "502", "303": "509"}
SANGONG = [  # name, 2023, 2024
    ("1.因公出国（境）费", D(0), D(0)),
    ("2.公务接待费", D("30000.00"), D("25000.00")),
    ("3.公务用车购置及运行维护费", D("96000.00"), D("296000.00")),
    ("（1）公务用车购置费", "-", CAR_BUY),
    ("（2）公务用车运行维护费", D("96000.00"), D("96000.00")),
]
COUNTS = [("公务用车保有量", "辆", 8, 9), ("当年购置", "辆", 0, 1), ("国内公务接待批次", "批次", 40, 35),
          ("国内公务接待人次", "人次", 320, 280)]


def build() -> Doc:
    basic = sum((b for b, _ in ITEMS.values()), Decimal(0))
    project = sum((p for _, p in ITEMS.values()), Decimal(0))
    total = basic + project
    rest = sum((v for c, (_, v) in ECON_ITEMS.items() if c != "30299"), Decimal(0))
    econ = {c: (g, v if c != "30299" else basic - rest) for c, (g, v) in ECON_ITEMS.items()}
    assert econ["30299"][1] > 0
    cls = {c: sum((b + p for k, (b, p) in ITEMS.items() if k.startswith(c)), Decimal(0)) for c in ("208", "210", "221")}

    def side(name: str, v: object, s: str) -> TRow:
        return TRow(name, [v], lead=[name], side=s)  # type: ignore[list-item]

    t1 = TSpec(
        "表一", "dept_summary", "部门收支总表", "元",
        [[("收入", 2, 1), ("支出", 2, 1)], [("项目", 1, 1), ("预算数", 1, 1), ("项目", 1, 1), ("预算数", 1, 1)]],
        ["预算数"], column_groups={"收入": ["预算数"], "支出": ["预算数"]}, style="open",
        pairs=[
            (side("一般公共预算拨款收入", total, "收入"), side("社会保障和就业支出", cls["208"], "支出")),
            (side("政府性基金预算拨款收入", "-", "收入"), side("卫生健康支出", cls["210"], "支出")),
            (side("国有资本经营预算拨款收入", "-", "收入"), side("住房保障支出", cls["221"], "支出")),
            (side("事业收入", "/", "收入"), None),
            (side("收入合计", total, "收入"), side("支出合计", total, "支出")),
        ],
    )

    ftree = tree({c: [b + p, b or None, p or None] for c, (b, p) in ITEMS.items()}, 3)
    tops = [v for c, v in ftree if len(c) == 3]
    indent = {3: "", 5: "\u3000\u3000", 7: "\u3000\u3000\u3000\u3000"}
    t2 = TSpec(
        "表二", "dept_exp", "部门支出总表", "元",
        [[("科目名称", 1, 1), ("合计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)]],
        ["合计", "基本支出", "项目支出"], style="open", lead_width=1,
        rows=[TRow("合计", [column_sum(tops, i) for i in range(3)], lead=["合计"])]
        + [TRow(FUNCTION[c], v, lead=[indent[len(c)] + FUNCTION[c]]) for c, v in ftree],
    )

    rows3 = [TRow(FUNCTION[c], [v[0], v[1] or D(0), v[2] if v[2] is not None else "-"], code=c) for c, v in ftree]
    split = next(i for i, r in enumerate(rows3) if r.code == "2101199")
    rows3[split].split_at = len("其他行政事业单位医疗")
    rows3.append(TRow("合计", [column_sum(tops, i) for i in range(3)], lead=["合计", ""]))
    t3 = TSpec(
        "表三", "gpb_exp", "一般公共预算财政拨款支出表", "元",
        [[("科目编码", 1, 1), ("科目名称", 1, 1), ("合计", 1, 1), ("基本支出", 1, 1), ("项目支出", 1, 1)]],
        ["合计", "基本支出", "项目支出"], rows=rows3, style="seg",
        parts=[(0, split + 1, False), (split + 1, len(rows3), False)],
    )

    etree = tree({c: [v] for c, (_g, v) in econ.items()}, 1)
    people_codes = ("301", "303")
    rows4 = []
    for c, (v,) in etree:  # type: ignore[misc]
        gov = CLASS_GOV.get(c) or econ[c][0]
        people = c.startswith(people_codes)
        rows4.append(TRow(ECON[c], [gov, GOV_ECON[gov], v, v if people else None, None if people else v], code=c))
    people_total = sum((v for c, (_g, v) in econ.items() if c.startswith(people_codes)), Decimal(0))
    rows4.insert(0, TRow("合计", [None, None, basic, people_total, basic - people_total], lead=["合计", ""]))
    t4 = TSpec(
        "表四", "gpb_basic", "一般公共预算财政拨款基本支出表", "元",
        [[("部门预算支出经济分类科目", 2, 1), ("政府预算支出经济分类科目", 2, 1), ("2024年预算数", 3, 1)],
         [("科目编码", 1, 1), ("科目名称", 1, 1), ("科目编码", 1, 1), ("科目名称", 1, 1), ("合计", 1, 1),
          ("人员经费", 1, 1), ("公用经费", 1, 1)]],
        ["政府预算支出经济分类科目编码", "政府预算支出经济分类科目名称", "合计", "人员经费", "公用经费"],
        rows=rows4, lead=lambda r: [r.code or "", r.name], style="seg dbl",
    )

    def dec(x: object) -> Decimal:
        return x if isinstance(x, Decimal) else Decimal(0)

    sg_rows = [TRow(n, [a, b, dec(b) - dec(a)], lead=[n]) for n, a, b in SANGONG]
    tops5 = [r for r in sg_rows if r.name[0].isdigit()]
    sg_total = [sum((dec(r.values[i]) for r in tops5), Decimal(0)) for i in range(3)]
    t5 = TSpec(
        "表五", "sangong", "一般公共预算“三公”经费支出表", "元",
        [[("项目", 1, 1), ("2023年预算数", 1, 1), ("2024年预算数", 1, 1), ("增减额", 1, 1)]],
        ["2023年预算数", "2024年预算数", "增减额"], lead_width=1,
        rows=[TRow("合计", sg_total, lead=["合计"])] + sg_rows,
    )
    t6 = TSpec(
        "表六", "sangong", "“三公”经费相关数量统计表", "元",
        [[("项目", 1, 1), ("计量单位", 1, 1), ("2023年", 1, 1), ("2024年", 1, 1)]],
        ["计量单位", "2023年", "2024年"], lead_width=1, fmt=lambda v: f"{v:.0f}",
        rows=[TRow(n, [u, D(a), D(b)], lead=[("其中：" if n == "当年购置" else "") + n]) for n, u, a, b in COUNTS],
    )

    s = sections(total, basic, project, cls, econ, sg_total, people_total)
    facts = {
        "收入预算合计": {"value": float(total), "unit": "元", "section": s[1][0]},
        "基本支出": {"value": float(basic), "unit": "元", "section": s[2][0]},
        "项目支出": {"value": float(project), "unit": "元", "section": s[2][0]},
        "三公经费预算": {"value": float(sg_total[1]), "unit": "元", "section": s[3][0]},
        "公务用车保有量": {"value": COUNTS[0][3], "unit": "辆", "section": s[3][0]},
    }
    blocks = narrative_html(s)
    cover = (f'<div class="cover1 spaced">{" ".join(ISSUER)}</div>'
             f'<div class="cover2">{YEAR} 年部门预算情况说明</div>')
    pages = [
        Page([cover, *blocks[:3]]),
        Page(blocks[3:]),
        Page([(t1, 0), (t2, 0)]),
        Page([(t3, 0)]),
        Page([(t3, 1), (t4, 0)]),
        Page([(t5, 0), (t6, 0)]),
    ]
    return Doc(f"shili-nanjiang-wjw-{YEAR}", ISSUER, YEAR, "部门预算", f"{ISSUER}{YEAR}年部门预算", pages, s,
               page_no=str, facts=facts, narrative_unit="元")


def sections(total: Decimal, basic: Decimal, project: Decimal, cls: dict[str, Decimal],
             econ: dict[str, tuple[str, Decimal]], sg: list[Decimal], people: Decimal) -> list[tuple[str, str]]:
    return [
        ("一、部门基本情况",
         "示例市南江区卫生健康委员会负责全区卫生健康事业发展规划、疾病预防控制、基层卫生和妇幼健康服务管理等工作。\n"
         "纳入本部门2024年部门预算编制范围的单位有：委机关本级、示例市南江区疾病预防控制中心，共2个预算单位。"),
        ("二、部门收支总体情况",
         f"2024 年部门收入预算 {yuan(total)} 元，全部为一般公共预算拨款收入。支出预算 {yuan(total)} 元，其中：社会保障和就业支出 "
         f"{yuan(cls['208'])} 元，卫生健康支出 {yuan(cls['210'])} 元，住房保障支出 {yuan(cls['221'])} 元。"),
        ("三、一般公共预算财政拨款支出情况",
         f"2024 年一般公共预算财政拨款支出 {yuan(total)} 元，其中：基本支出 {yuan(basic)} 元，主要用于人员工资福利和机构正常运转；"
         f"项目支出 {yuan(project)} 元，主要用于重大公共卫生服务、疾病预防控制和卫生健康管理事务。"),
        ("四、“三公”经费预算情况说明",
         f"2024 年“三公”经费预算 {yuan(sg[1])} 元，比 2023 年增加 {yuan(sg[2])} 元。其中：因公出国（境）费 0 元；"
         f"公务接待费 {yuan(D('25000.00'))} 元，比 2023 年减少 5,000.00 元；公务用车购置费 {yuan(CAR_BUY)} 元，"
         f"主要原因是更新 1 辆超过使用年限的应急保障车辆；公务用车运行维护费 {yuan(D('96000.00'))} 元，与上年持平。"
         f"年末公务用车保有量 {COUNTS[0][3]} 辆，计划国内公务接待 {COUNTS[2][3]} 批次、{COUNTS[3][3]} 人次。"),
        ("五、其他重要事项的情况说明",
         f"2024 年机关运行经费预算 {yuan(basic - people)} 元，主要用于办公费、培训费、公务接待费和公务用车运行维护费等。"),
    ]
