"""Generate N varied disclosures in the text/Markdown form ingest reads, reproducible from a seed.

    .venv/bin/python scripts/gen_corpus.py --n 50 --seed 1 --out DIR

Each document is a 部门预算, 单位预算 or 部门决算 of an invented issuer
(示例市 + a district + a department kind, or a 街道办事处), for a year from 2022 to
2026, with its tables in 万元 or in 元. The layout is the seed's text form
(``../shared/corpus/nanan-jxw-2024.txt``: narrative sections, then 表一…表八 as a
label line, a title, a 单位 line and a pipe table; the 决算 titles as in
``tests/pdfs/shili-xijiang-czj-final-2023.md``), and the figures are the seed's
structure with every amount varied per document:

* the leaves are drawn once — the 功能分类 项 rows (the department's own 类/款 with
  行政运行 and one to three project items, and the 养老/医疗/住房公积金 rows every
  department has), the 三公 items, the 经济分类 款 rows of 基本支出 — each from the
  seed's figure times a per-document scale and a per-item jitter, rounded to the
  table's step (0.01 in either unit);
* every parent is then the exact sum of its children (款 of 项, 类 of 款, 合计 of 类,
  总计 = 基本支出 + 项目支出), the 经济分类 table adds up to the 基本支出 total (its
  largest free row takes the remainder), 30231/30217 equal the 三公 figures, and
  the summary tables (表一, 表六, 表七, 表八) repeat the same totals;
* the issuer and the year are written everywhere: cover, table titles, narrative;
* every third document numbers its tables 附表1…附表8 with bare bold titles, as the
  variants in ``tests/pdfs/*.md`` do.

``DIR/manifest.jsonl`` has one line per file: file, issuer, short name (the name
without its region, as a question names it), district, department, year, kind,
unit, table numbering style, tables, and the expected figures
三公经费合计, 公务接待费 and 支出总计, in the document's unit, as printed.
The same ``--seed`` and ``--n`` give byte-identical files.

``--pdf`` also prints each document through headless Chromium into ``<file>.pdf``
(ruled tables, one table a page, WenQuanYi Zen Hei or Noto Sans CJK; about 3 s
and 440 KB a document) and names it in the manifest's ``pdf``; PDFs are not
byte-reproducible (Chromium stamps them), their text and tables are.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

D = Decimal
CENT = D("0.01")

DISTRICTS = ["东湖区", "北城区", "西江区", "南岭区", "临川区", "青山区", "白沙区", "云溪区", "金水区", "石桥区",
             "丰源区", "长宁区"]
STREETS = ["龙门街道办事处", "新华街道办事处", "花园街道办事处", "滨江街道办事处", "望江街道办事处"]

CLASS_NAMES = {
    "201": "一般公共服务支出", "204": "公共安全支出", "205": "教育支出", "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出", "210": "卫生健康支出", "211": "节能环保支出", "212": "城乡社区支出",
    "213": "农林水支出", "215": "资源勘探工业信息等支出", "221": "住房保障支出", "224": "灾害防治及应急管理支出",
    "20103": "政府办公厅（室）及相关机构事务", "20105": "统计信息事务", "20106": "财政事务", "20108": "审计事务",
    "20113": "商贸事务", "20138": "市场监督管理事务", "20406": "司法", "20501": "教育管理事务", "20502": "普通教育",
    "20701": "文化和旅游", "20801": "人力资源和社会保障管理事务", "20802": "民政管理事务", "20805": "行政事业单位养老支出",
    "20828": "退役军人管理事务", "21001": "卫生健康管理事务", "21004": "公共卫生", "21011": "行政事业单位医疗",
    "21101": "环境保护管理事务", "21201": "城乡社区管理事务", "21301": "农业农村", "21505": "工业和信息产业监管",
    "22102": "住房改革支出", "22401": "应急管理事务",
}

# department: (full name, duties sentence, project items [(code, name, base 万元)])
DEPARTMENTS = [
    ("教育委员会", "负责全区教育事业的统筹规划和协调管理，推进各级各类教育发展",
     [("2050199", "其他教育管理事务支出", 320), ("2050201", "学前教育", 860), ("2050202", "小学教育", 1240)]),
    ("卫生健康委员会", "负责全区卫生健康事业发展规划、公共卫生和医疗服务管理",
     [("2100199", "其他卫生健康管理事务支出", 210), ("2100408", "基本公共卫生服务", 950)]),
    ("司法局", "负责全区法治建设、普法宣传、人民调解和社区矫正等工作",
     [("2040604", "基层司法业务", 180), ("2040605", "普法宣传", 46), ("2040610", "社区矫正", 75)]),
    ("商务委员会", "负责全区商贸流通、招商引资和对外经济合作等工作",
     [("2011308", "招商引资", 420), ("2011399", "其他商贸事务支出", 160)]),
    ("财政局", "负责全区财政收支管理、预算编制和国有资产管理等工作",
     [("2010607", "信息化建设", 260), ("2010608", "财政委托业务支出", 380)]),
    ("经济和信息化委员会", "负责全区工业和信息化发展规划、产业政策和中小企业服务等工作",
     [("2150517", "产业发展", 1324), ("2150599", "其他工业和信息产业监管支出", 198)]),
    ("市场监督管理局", "负责全区市场综合监督管理、食品安全监管和质量技术监督等工作",
     [("2013816", "食品安全监管", 198), ("2013804", "市场主体管理", 36)]),
    ("民政局", "负责全区社会救助、社区治理、养老服务和社会组织管理等工作",
     [("2080208", "基层政权建设和社区治理", 540), ("2080299", "其他民政管理事务支出", 120)]),
    ("人力资源和社会保障局", "负责全区就业创业、社会保险和人事人才管理等工作",
     [("2080109", "社会保险经办机构", 310), ("2080199", "其他人力资源和社会保障管理事务支出", 140)]),
    ("生态环境局", "负责全区生态环境保护、污染防治和环境监管执法等工作",
     [("2110199", "其他环境保护管理事务支出", 280)]),
    ("城市管理局", "负责全区市容环境卫生、城市管理综合执法等工作",
     [("2120104", "城管执法", 460), ("2120199", "其他城乡社区管理事务支出", 730)]),
    ("农业农村委员会", "负责全区农业农村发展规划、乡村振兴和农业技术推广等工作",
     [("2130108", "病虫害控制", 65), ("2130199", "其他农业农村支出", 520)]),
    ("文化和旅游发展委员会", "负责全区文化事业、文化产业和旅游业发展等工作",
     [("2070109", "群众文化", 240), ("2070199", "其他文化和旅游支出", 180)]),
    ("退役军人事务局", "负责全区退役军人服务保障、优抚安置和褒扬纪念等工作",
     [("2082850", "事业运行", 150), ("2082899", "其他退役军人事务管理支出", 220)]),
    ("应急管理局", "负责全区应急管理、安全生产监督管理和防灾减灾救灾等工作",
     [("2240106", "安全监管", 230), ("2240199", "其他应急管理支出", 110)]),
    ("审计局", "负责全区财政收支、财务收支和经济责任等审计监督工作",
     [("2010804", "审计业务", 95)]),
    ("统计局", "负责全区统计调查、统计监督和国民经济核算等工作",
     [("2010507", "专项普查活动", 130), ("2010508", "统计抽样调查", 60)]),
]
STREET_PROJECTS = [("2010350", "事业运行", 260), ("2010399", "其他政府办公厅（室）及相关机构事务支出", 640)]
RUN_CODE = {"205": "2050101", "210": "2100101", "204": "2040601", "201": None, "215": "2150501",
            "208": None, "211": "2110101", "212": "2120101", "213": "2130101", "207": "2070101", "224": "2240101"}
LEAF_NAMES = {
    "2050101": "行政运行", "2100101": "行政运行", "2040601": "行政运行", "2011301": "行政运行", "2010601": "行政运行",
    "2150501": "行政运行", "2013801": "行政运行", "2080201": "行政运行", "2080101": "行政运行", "2110101": "行政运行",
    "2120101": "行政运行", "2130101": "行政运行", "2070101": "行政运行", "2082801": "行政运行", "2240101": "行政运行",
    "2010801": "行政运行", "2010501": "行政运行", "2010301": "行政运行",
    "2080501": "行政单位离退休", "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出", "2101101": "行政单位医疗", "2101103": "公务员医疗补助",
    "2210201": "住房公积金",
}
ECON_NAMES = {
    "301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "310": "资本性支出",
    "30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费", "30109": "职业年金缴费", "30110": "职工基本医疗保险缴费",
    "30112": "其他社会保障缴费", "30113": "住房公积金", "30199": "其他工资福利支出", "30201": "办公费",
    "30205": "水费", "30206": "电费", "30207": "邮电费", "30209": "物业管理费", "30211": "差旅费", "30216": "培训费",
    "30217": "公务接待费", "30228": "工会经费", "30229": "福利费", "30231": "公务用车运行维护费", "30239": "其他交通费用",
    "30299": "其他商品和服务支出", "30305": "生活补助", "30307": "医疗费补助", "31002": "办公设备购置",
}
# the seed's 表三 figures (万元): the weights of the free 经济分类 rows
ECON_PERSONNEL = {"30101": 147.96, "30102": 75.67, "30103": 151.76, "30107": 115.63, "30110": 42.50,
                  "30112": 7.01, "30199": 5.58, "30305": 139.18, "30307": 9.40}
ECON_PUBLIC = {"30201": 29.10, "30205": 2.00, "30206": 0.20, "30207": 7.00, "30209": 3.00, "30211": 6.50,
               "30216": 2.06, "30228": 35.50, "30229": 6.88, "30239": 20.57, "30299": 21.50, "31002": 2.00}
KINDS = ["部门预算", "部门预算", "部门决算", "单位预算"]
NUMS = "一二三四五六七八九十"


def q(v: Decimal) -> Decimal:
    return v.quantize(CENT, rounding=ROUND_HALF_UP)


def money(v: Decimal | None) -> str:
    return "" if v is None or v == 0 else f"{v:,.2f}"


def wan_text(v: Decimal, unit: str) -> str:
    """A figure as the narrative writes it, in 万元: two decimals at most, trailing zeros dropped."""
    w = q(v / 10000) if unit == "元" else v
    s = f"{w:.2f}".rstrip("0").rstrip(".")
    return s


@dataclass
class Doc:
    file: str
    issuer: str
    short: str
    district: str
    department: str
    duties: str
    year: int
    kind: str
    unit: str
    style: str = "表"  # 表一 … (the seed) or 附表1 … (tests/pdfs/*.md)
    func: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)  # 项 code → (基本, 项目)
    econ: dict[str, Decimal] = field(default_factory=dict)  # 经济分类 款 → amount
    sangong: dict[str, Decimal] = field(default_factory=dict)
    prev_total: Decimal = D(0)
    prev_sangong: Decimal = D(0)

    @property
    def final(self) -> bool:
        return self.kind.endswith("决算")

    # -- sums ---------------------------------------------------------------------------

    def func_rows(self) -> list[tuple[str, str, Decimal, Decimal]]:
        """(code, name, 基本, 项目) for 类, 款 and 项 rows in code order, parents summed."""
        sums: dict[str, list[Decimal]] = {}
        for code, (b, p) in self.func.items():
            for k in (code[:3], code[:5], code):
                s = sums.setdefault(k, [D(0), D(0)])
                s[0] += b
                s[1] += p
        names = {**CLASS_NAMES, **LEAF_NAMES, **self._project_names}
        return [(c, names[c], v[0], v[1]) for c, v in sorted(sums.items(), key=lambda kv: (kv[0][:3], kv[0][:5], len(kv[0]), kv[0]))]

    _project_names: dict[str, str] = field(default_factory=dict)

    def econ_rows(self) -> list[tuple[str, str, Decimal, Decimal]]:
        """(code, name, 人员经费, 公用经费) for 类 and 款 rows."""
        sums: dict[str, list[Decimal]] = {}
        for code, v in self.econ.items():
            personnel = code[:3] in ("301", "303")
            for k in (code[:3], code):
                s = sums.setdefault(k, [D(0), D(0)])
                s[0 if personnel else 1] += v
        return [(c, ECON_NAMES[c], v[0], v[1]) for c, v in sorted(sums.items(), key=lambda kv: (kv[0][:3], len(kv[0]), kv[0]))]

    def totals(self) -> tuple[Decimal, Decimal, Decimal]:
        b = sum((v[0] for v in self.func.values()), D(0))
        p = sum((v[1] for v in self.func.values()), D(0))
        return b + p, b, p

    def classes(self) -> list[tuple[str, str, Decimal]]:
        return [(c, n, b + p) for c, n, b, p in self.func_rows() if len(c) == 3]

    def expected(self) -> dict[str, str]:
        s = self.sangong
        return {"三公经费合计": f"{sum(s.values(), D(0)):.2f}", "公务接待费": f"{s['接待']:.2f}",
                "支出总计": f"{self.totals()[0]:.2f}"}


def draw(rng: random.Random, index: int, used: set[tuple[str, str, int, str]]) -> Doc:
    while True:
        district = rng.choice(DISTRICTS)
        if rng.random() < 0.12:
            dept, duties, projects = rng.choice(STREETS), "负责辖区社区建设、城市管理、公共服务和社会治理等工作", STREET_PROJECTS
        else:
            dept, duties, projects = rng.choice(DEPARTMENTS)
        year = rng.randint(2022, 2026)
        kind = rng.choice(KINDS)
        if (district, dept, year, kind) not in used:
            used.add((district, dept, year, kind))
            break
    unit = "元" if rng.random() < 0.35 else "万元"
    issuer = f"示例市{district}{dept}"
    short = f"{district}{dept}"
    pinyin_kind = {"部门预算": "ys", "部门决算": "js", "单位预算": "dwys"}[kind]
    doc = Doc(file=f"gen-{index:04d}-{year}{pinyin_kind}.md", issuer=issuer, short=short, district=district,
              department=dept, duties=duties, year=year, kind=kind, unit=unit,
              style="附表" if index % 3 == 0 else "表")  # from the index: the seeded draws stay as they were
    factor = D(str(round(rng.lognormvariate(0, 0.6), 4)))
    to_unit = D(10000) if unit == "元" else D(1)

    def amount(base: float, spread: float = 0.35) -> Decimal:
        jitter = D(str(round(rng.uniform(1 - spread, 1 + spread), 4)))
        return q(D(str(base)) * factor * jitter * to_unit)

    # 功能分类 项: the department's 行政运行 (basic) and its projects, then the common basic rows
    first = projects[0][0]
    run = RUN_CODE.get(first[:3]) or first[:5] + "01"
    doc.func[run] = (amount(435.5), D(0))
    for code, name, base in projects:
        if code == run:
            continue
        doc._project_names[code] = name
        doc.func[code] = (D(0), amount(base, 0.5))
    if rng.random() < 0.7:
        doc.func["2080501"] = (amount(123.12), D(0))
    pension = amount(59.34)
    doc.func["2080505"] = (pension, D(0))
    doc.func["2080506"] = (q(pension / 2), D(0))
    doc.func["2101101"] = (amount(32.82), D(0))
    if rng.random() < 0.6:
        doc.func["2101103"] = (amount(3.36), D(0))
    doc.func["2210201"] = (amount(50.22), D(0))

    # 三公
    doc.sangong = {
        "出国": amount(5) if rng.random() < 0.2 else D(0),
        "购置": amount(18) if rng.random() < 0.15 else D(0),
        "运行": amount(6, 0.5),
        "接待": amount(4, 0.6),
    }

    # 经济分类 (基本支出 only): fixed rows, then the free rows share what is left by the seed's weights
    _, basic, _ = doc.totals()
    fixed = {"30108": doc.func["2080505"][0], "30109": doc.func["2080506"][0], "30113": doc.func["2210201"][0],
             "30217": doc.sangong["接待"], "30231": doc.sangong["运行"]}
    free = {**ECON_PERSONNEL, **ECON_PUBLIC}
    weights = {k: D(str(w)) * D(str(round(rng.uniform(0.7, 1.3), 3))) for k, w in free.items()}
    rest = basic - sum(fixed.values(), D(0))
    wsum = sum(weights.values(), D(0))
    econ = {k: q(rest * w / wsum) for k, w in weights.items()}
    econ["30101"] += rest - sum(econ.values(), D(0))  # the largest row takes the rounding remainder
    doc.econ = {**fixed, **econ}
    assert all(v > 0 for v in doc.econ.values()), doc.econ

    total = doc.totals()[0]
    doc.prev_total = q(total * D(str(round(rng.uniform(0.8, 1.2), 3))))
    doc.prev_sangong = q(sum(doc.sangong.values(), D(0)) * D(str(round(rng.uniform(0.8, 1.25), 3))))
    return doc


# -- rendering ---------------------------------------------------------------------------


def pipe(rows: list[list[str]]) -> list[str]:
    head, body = rows[0], rows[1:]
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in body]
    return out + [""]


def change(now: Decimal, before: Decimal, unit: str) -> str:
    d = now - before
    if d == 0:
        return "与上年持平"
    return f"{'增加' if d > 0 else '减少'} {wan_text(abs(d), unit)} 万元"


def render(doc: Doc) -> str:
    y, u, iss = doc.year, doc.unit, doc.issuer
    final = doc.final
    word = "决算" if final else "预算"
    total, basic, project = doc.totals()
    s = doc.sangong
    sg_total = sum(s.values(), D(0))
    classes = doc.classes()
    out: list[str] = ["", iss, "", f"{y} 年{doc.kind}情况说明" if not final else f"{y} 年度{doc.kind}", ""]

    def para(t: str) -> None:
        out.extend([t, ""])

    para("一、单位基本情况")
    para("(一) 职能职责")
    para(f"1.{doc.duties}。")
    para("2.贯彻执行国家和本市有关法律、法规和方针政策，拟订本区相关政策措施并组织实施。")
    para("3.完成区委和区政府交办的其他任务。")
    para("（二）单位构成")
    para(f"本部门纳入{y}年{doc.kind}编制范围的单位有：{iss}(二级预算单位)。")
    para("二、部门收支总体情况")
    cls_text = "，".join(f"{n} {wan_text(v, u)} 万元" for _, n, v in classes)
    para(f"(一) 收入{word}：{y} 年{'决算数' if final else '年初预算数'} {wan_text(total, u)} 万元，其中：一般公共预算拨款 "
         f"{wan_text(total, u)} 万元，政府性基金预算拨款 0 万元；收入比 {y - 1} 年{change(total, doc.prev_total, u)}。")
    para(f"(二) 支出{word}：{y} 年{'决算数' if final else '年初预算数'} {wan_text(total, u)} 万元，其中：{cls_text}；"
         f"支出比 {y - 1} 年{change(total, doc.prev_total, u)}。")
    para(f"三、{doc.kind}情况说明")
    para(f"{y} 年一般公共预算财政拨款收入 {wan_text(total, u)} 万元，一般公共预算财政拨款支出 {wan_text(total, u)} 万元。"
         f"其中：基本支出 {wan_text(basic, u)} 万元，主要用于保障在职人员工资福利及社会保险缴费、退休人员补助等，"
         f"保障部门正常运转的各项商品服务支出；项目支出 {wan_text(project, u)} 万元，主要用于本部门履行职能的重点工作。")
    para(f"{y} 年无使用政府性基金预算拨款安排的支出。")
    para("四、“三公”经费情况说明")
    para(f"{y} 年“三公”经费{word} {wan_text(sg_total, u)} 万元，比 {y - 1} 年{change(sg_total, doc.prev_sangong, u)}。"
         f"其中：因公出国（境）费用 {wan_text(s['出国'], u)} 万元；公务接待费 {wan_text(s['接待'], u)} 万元；"
         f"公务用车运行维护费 {wan_text(s['运行'], u)} 万元；公务用车购置费 {wan_text(s['购置'], u)} 万元。")
    para("五、其他重要事项的情况说明")
    public = sum((v for c, v in doc.econ.items() if c[:3] in ("302", "310")), D(0))
    para(f"（一）机关运行经费。{y} 年一般公共预算财政拨款运行经费 {wan_text(public, u)} 万元，主要用于办公费、邮电费、"
         "水电费、物管费、差旅费及其他商品和服务支出等。")
    para(f"（二）绩效目标设置情况。{y} 年项目支出均实行了绩效目标管理，涉及一般公共预算财政拨款 {wan_text(project, u)} 万元。")
    para("六、专业性名词解释")
    para("（一）基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。")
    para("（二）项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。")
    para(f"{doc.kind}公开联系人：王明")
    para("联系方式：023-60000000")

    def table(label: str, title: str, rows: list[list[str]], note: str | None = None) -> None:
        if doc.style == "附表":  # the variants' numbering (附表1 …) and bare bold titles
            label = f"附表{NUMS.index(label[1]) + 1}"
            head = f"**{title}**"
        else:  # the seed's: 表一 …, the year and the issuer in the title (决算 titles bare, as printed)
            head = f"{y}年{iss}{title}" if not final else f"**{title}**"
        out.extend([label, "", head, "", f"单位：{u}", ""])
        out.extend(pipe(rows))
        if note:
            out.extend([note, ""])

    year_col = f"{y}年决算数" if final else f"{y}年预算数"
    # 表一 财政拨款收支总表
    left = [["一、本年收入", money(total)], ["一般公共预算资金", money(total)], ["政府性基金预算资金", ""],
            ["国有资本经营预算资金", ""]]
    right = [["一、本年支出", money(total), money(total), "", ""]] + [[n, money(v), money(v), "", ""] for _, n, v in classes]
    n = max(len(left), len(right))
    left += [["", ""]] * (n - len(left))
    right += [["", "", "", "", ""]] * (n - len(right))
    rows1 = [["收入", "", "支出", "", "", "", ""],
             ["项目", word + "数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]]
    rows1 += [a + b for a, b in zip(left, right)]
    rows1 += [["二、上年结转", "", "二、结转下年", "", "", "", ""],
              ["收入合计", money(total), "支出合计", money(total), money(total), "", ""]]
    table("表一", "财政拨款收入支出决算总表" if final else "财政拨款收支总表", rows1)

    # 表二 一般公共预算支出表
    frows = doc.func_rows()
    rows2 = [["功能分类科目", "", year_col, "", ""], ["科目编码", "科目名称", "合计" if final else "总计", "基本支出", "项目支出"],
             ["合计", "", money(total), money(basic), money(project)]]
    rows2 += [[c, nm, money(b + p), money(b), money(p)] for c, nm, b, p in frows]
    table("表二", "一般公共预算财政拨款支出决算表" if final else "一般公共预算财政拨款支出预算表", rows2,
          "备注：本表反映当年一般公共预算财政拨款支出情况。")

    # 表三 基本支出表
    erows = doc.econ_rows()
    per = sum((a for c, _, a, _ in erows if len(c) == 3), D(0))
    pub = sum((b for c, _, _, b in erows if len(c) == 3), D(0))
    rows3 = [["经济分类科目", "", f"{y}年基本支出", "", ""], ["科目编码", "科目名称", "合计" if final else "总计", "人员经费", "公用经费" if final else "日常公用经费"],
             ["合计", "", money(per + pub), money(per), money(pub)]]
    rows3 += [[c, nm, money(a + b), money(a), money(b)] for c, nm, a, b in erows]
    table("表三", "一般公共预算财政拨款基本支出决算表" if final else "一般公共预算财政拨款基本支出预算表", rows3)

    # 表四 三公
    rows4 = [[year_col, "", "", "", "", ""], ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
             ["", "", "小计", "公务用车购置费", "公务用车运行费", ""],
             [money(sg_total), money(s["出国"]), money(s["购置"] + s["运行"]), money(s["购置"]), money(s["运行"]), money(s["接待"])]]
    table("表四", "一般公共预算财政拨款“三公”经费支出决算表" if final else "一般公共预算三公经费支出表", rows4)

    # 表五 政府性基金 (none)
    rows5 = [["科目编码", "科目名称", "本年政府性基金预算财政拨款支出", "", ""], ["", "", "总计", "基本支出", "项目支出"],
             ["合计", "", "", "", ""]]
    table("表五", "政府性基金预算财政拨款支出决算表" if final else "政府性基金预算支出表", rows5, "备注：本单位无该项收支，故本表无数据。")

    # 表六 部门收支总表
    inc = [["一般公共预算资金", money(total)], ["政府性基金预算资金", ""], ["事业收入资金", ""], ["其他收入资金", ""]]
    exp = [[nm, money(v)] for _, nm, v in classes]
    n = max(len(inc), len(exp))
    inc += [["", ""]] * (n - len(inc))
    exp += [["", ""]] * (n - len(exp))
    rows6 = [["收入", "", "支出", ""], ["项目", word + "数", "项目", word + "数"], ["合计", money(total), "合计", money(total)]]
    rows6 += [a + b for a, b in zip(inc, exp)]
    table("表六", "收入支出决算总表" if final else "部门收支总表", rows6)

    # 表七 收入总表
    rows7 = [["科目", "", "总计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "事业收入", "其他收入"],
             ["科目编码", "科目名称", "", "", "", "", ""], ["合计", "", money(total), money(total), "", "", ""]]
    rows7 += [[c, nm, money(b + p), money(b + p), "", "", ""] for c, nm, b, p in frows]
    table("表七", "收入决算表" if final else "部门收入总表", rows7)

    # 表八 支出总表
    rows8 = [["科目编码", "科目名称", "本年支出合计" if final else "总计", "基本支出", "项目支出"],
             ["合计", "", money(total), money(basic), money(project)]]
    rows8 += [[c, nm, money(b + p), money(b), money(p)] for c, nm, b, p in frows]
    table("表八", "支出决算表" if final else "部门支出总表", rows8)
    return "\n".join(out)


# -- PDF (optional) ----------------------------------------------------------------------

PDF_CSS = """
@page { size: A4; margin: 15mm 15mm; }
body { font-family: 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', sans-serif; font-size: 10.5pt; }
p { margin: 0 0 1.5mm; text-indent: 2em; line-height: 1.5; }
.cover { font-size: 18pt; text-align: center; margin: 6mm 0; text-indent: 0; }
.label { margin-top: 4mm; text-indent: 0; page-break-before: always; }
.title { font-size: 12.5pt; text-align: center; text-indent: 0; }
.unit { text-align: right; font-size: 9pt; text-indent: 0; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; page-break-inside: auto; }
tr { page-break-inside: avoid; }
td { border: 0.6pt solid #000; padding: 1.5pt 3pt; }
td.n { text-align: right; white-space: nowrap; }
"""


def to_html(text: str) -> str:
    """The text form as HTML for printing: cover lines centred, label/title/unit lines, ruled tables."""
    out: list[str] = []
    rows: list[str] = []
    k = 0

    def flush() -> None:
        if rows:
            out.append("<table>" + "".join(rows) + "</table>")
            rows.clear()

    for ln in text.split("\n"):
        s = ln.strip()
        if s.startswith("|"):
            if set(s) <= set("|-: "):
                continue
            cells = [c.strip() for c in s.strip("|").split("|")]
            rows.append("<tr>" + "".join(
                f'<td class="n">{html.escape(c)}</td>' if re.fullmatch(r"[\d,]+\.\d\d", c) else f"<td>{html.escape(c)}</td>"
                for c in cells) + "</tr>")
            continue
        flush()
        if not s:
            continue
        k += 1
        t = html.escape(s.replace("**", ""))
        if k <= 2:
            out.append(f'<p class="cover">{t}</p>')
        elif re.fullmatch(r"(附?表[一二三四五六七八九十\d]+)", s):
            out.append(f'<p class="label">{t}</p>')
        elif s.startswith("单位："):
            out.append(f'<p class="unit">{t}</p>')
        elif s.startswith("**") or re.match(r"\d{4}年示例市", s):
            out.append(f'<p class="title">{t}</p>')
        else:
            out.append(f"<p>{t}</p>")
    flush()
    return f'<html><head><meta charset="utf-8"><style>{PDF_CSS}</style></head><body>{"".join(out)}</body></html>'


def write_pdf(text: str, target: Path, chromium: str) -> None:
    """Print the text form to ``target`` with headless Chromium (one table a page, as many disclosures print)."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "doc.html"
        page.write_text(to_html(text), "utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--no-pdf-header-footer", f"--print-to-pdf={target}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)


def generate(n: int, seed: int) -> list[tuple[Doc, str]]:
    rng = random.Random(seed)
    used: set[tuple[str, str, int, str]] = set()
    return [(doc, render(doc)) for doc in (draw(rng, i, used) for i in range(1, n + 1))]


def manifest_line(doc: Doc) -> dict:
    return {"file": doc.file, "issuer": doc.issuer, "short": doc.short, "district": doc.district,
            "department": doc.department, "year": doc.year, "kind": doc.kind, "unit": doc.unit, "style": doc.style,
            "tables": 8, "expected": doc.expected()}


def write_corpus(n: int, seed: int, out: Path, chromium: str | None = None) -> list[dict]:
    """Write the N documents (and, given ``chromium``, each one's PDF) and ``manifest.jsonl``."""
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    for doc, text in generate(n, seed):
        (out / doc.file).write_text(text, "utf-8")
        line = manifest_line(doc)
        if chromium:
            line["pdf"] = doc.file[: -len(".md")] + ".pdf"
            write_pdf(text, out / line["pdf"], chromium)
        lines.append(line)
    (out / "manifest.jsonl").write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in lines), "utf-8")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--pdf", action="store_true", help="also print each document as a PDF (headless Chromium)")
    ap.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "chromium")
    args = ap.parse_args()
    lines = write_corpus(args.n, args.seed, args.out, args.chromium if args.pdf else None)
    print(f"{len(lines)} documents and manifest.jsonl in {args.out}")


if __name__ == "__main__":
    main()
