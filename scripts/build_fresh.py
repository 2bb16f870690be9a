"""Build the fresh gold question sets in tests/data/fresh/ from the test documents' truth files.

    .venv/bin/python scripts/build_fresh.py           # write the four sets
    .venv/bin/python scripts/build_fresh.py --check   # exit 1 if a written file is not current
    .venv/bin/python scripts/build_fresh.py --show    # also print every place a referenced row occurs

One set of 25 questions per test document that has a truth file
(``tests/pdfs/<slug>.truth.json``), in the gold format of ``../shared/eval/README.md``.
The questions were written from the documents and the gold format only, without
reading the answering code or the other question sets.

Every question below holds its text and *pointers* into the truth file: a table
row (by code, or by name for rows without a code) and a column, a number read out of
a narrative section by a regular expression, or a ``facts`` entry. The expected
values, formulas and sources are computed from those pointers; nothing is typed in
by hand. Where the same figure is printed in more than one place (another table, the
narrative in another unit), the question lists those places under ``also`` and the
build asserts that they agree (to the precision printed) before naming them as
sources.

Tolerances: 0.01 in the expected unit for money and percentages, 0 for counts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from goldkit import ROOT, N, Q, S, T, V, build_sets, main

PDFS = ROOT / "tests" / "pdfs"
OUT = ROOT / "tests" / "data" / "fresh"

BUCKETS = {
    "日常说法": "a table row asked in everyday words or by its official name",
    "编码": "a row asked by its classification code",
    "英文": "a question in English (must_mention empty)",
    "换算单位": "an amount asked in the other unit (元 ↔ 万元), expected in the asked unit",
    "计算": "a share, a difference, a sum or a 决算-vs-预算 comparison",
    "说明文字": "something the narrative states: a count, a duty, a reason",
    "无法回答": "the disclosure does not contain the answer",
}


# --------------------------------------------------------------------------- the questions

SETS: dict[str, dict] = {}

# 示例市南江区卫生健康委员会 2024年部门预算 — tables in 元, narrative in 元
SETS["shili-nanjiang-wjw-2024"] = dict(short="nanjiang", questions=[
    Q("日常说法", "lookup", "南江区卫健委今年给干部职工搞培训，预算安排了多少钱？",
      [V("{0}", (T("表四", "30216", "合计"),), "元")], must=["培训"]),
    Q("日常说法", "lookup", "卫健委2024年招待来访客人的钱预算是多少？",
      [V("{0}", (T("表四", "30217", "合计"),), "元")], must=["接待"],
      also=[T("表五", "2.公务接待费", "2024年预算数"),
            N("四、", r"公务接待费 ([\d,.]+) 元")]),
    Q("日常说法", "lookup", "卫健委给职工交的养老保险，今年预算多少？",
      [V("{0}", (T("表四", "30108", "合计"),), "元")], must=["养老保险"],
      also=[T("表三", "2080505", "合计"), T("表二", "机关事业单位基本养老保险缴费支出", "合计")]),
    Q("日常说法", "lookup", "单位的车子加油、保养、修理，2024年预算了多少？",
      [V("{0}", (T("表四", "30231", "合计"),), "元")], must=["公务用车|公车"],
      also=[T("表五", "（2）公务用车运行维护费", "2024年预算数"),
            N("四、", r"公务用车运行维护费 ([\d,.]+) 元")]),
    Q("日常说法", "lookup", "卫健委今年买纸笔、打印耗材这些办公开销准备花多少？",
      [V("{0}", (T("表四", "30201", "合计"),), "元")], must=["办公"]),
    Q("日常说法", "lookup", "退休老同志的退休费，卫健委今年预算是多少？",
      [V("{0}", (T("表四", "30302", "合计"),), "元")], must=["退休"],
      also=[T("表三", "2080501", "合计"), T("表二", "行政单位离退休", "合计")]),
    Q("日常说法", "lookup", "“重大公共卫生服务”这一项2024年安排了多少钱？",
      [V("{0}", (T("表三", "2100409", "合计"),), "元")], must=["重大公共卫生服务"],
      also=[T("表二", "重大公共卫生服务", "合计"), T("表三", "2100409", "项目支出")]),

    Q("编码", "code_lookup", "2100401这个科目今年一共安排了多少预算？",
      [V("{0}", (T("表三", "2100401", "合计"),), "元")], must=["疾病预防控制"],
      also=[T("表二", "疾病预防控制机构", "合计")]),
    Q("编码", "code_lookup", "支出功能分类210类里面，项目支出有多少？",
      [V("{0}", (T("表三", "210", "项目支出"),), "元")], must=["项目支出"],
      also=[T("表二", "卫生健康支出", "项目支出")]),
    Q("编码", "code_lookup", "经济分类科目30299对应的预算金额是多少？",
      [V("{0}", (T("表四", "30299", "合计"),), "元")], must=["其他商品和服务"]),

    Q("英文", "lookup",
      "How much has the Nanjiang District Health Commission budgeted in 2024 for purchasing official vehicles?",
      [V("{0}", (T("表五", "（1）公务用车购置费", "2024年预算数"),), "元")],
      also=[N("四、", r"公务用车购置费 ([\d,.]+) 元")]),
    Q("英文", "arithmetic",
      "What percentage of the health commission's total 2024 budget is basic expenditure (基本支出)? "
      "Please give it to two decimal places.",
      [V("{0}/{1}*100", (T("表二", "合计", "基本支出"), T("表二", "合计", "合计")), "%")],
      sources=["说明:三、一般公共预算财政拨款支出情况"]),
    Q("英文", "change",
      "By how much did the 2024 budget for the 'three public expenses' (三公经费) increase compared with 2023?",
      [V("{0}", (T("表五", "合计", "增减额"),), "元")],
      also=[N("四、", r"比 2023 年增加 ([\d,.]+) 元")],
      note="表五 prints the 增减额 (2024年 321,000.00 − 2023年 126,000.00)."),
    Q("英文", "lookup",
      "How much is budgeted in 2024 for employees' basic medical insurance contributions?",
      [V("{0}", (T("表四", "30110", "合计"),), "元")],
      note="30110 职工基本医疗保险缴费 (not 21011 行政事业单位医疗 482,130.60, which also holds 24,000.00 of 其他)."),

    Q("换算单位", "lookup", "卫生健康支出一共是多少万元？",
      [V("{0}/10000", (T("表三", "210", "合计"),), "万元")], must=["万元"],
      also=[T("表二", "卫生健康支出", "合计"), T("表一", "卫生健康支出", "预算数", side="支出"),
            N("二、", r"卫生健康支出 ([\d,.]+) 元")]),
    Q("换算单位", "lookup", "2024年机关运行经费预算折合多少万元？",
      [V("{0}/10000", (N("五、", r"机关运行经费预算 ([\d,.]+) 元"),), "万元")], must=["万元"],
      also=[T("表四", "合计", "公用经费")]),

    Q("计算", "arithmetic", "公务用车购置费占2024年“三公”经费预算的比例是多少（保留两位小数）？",
      [V("{0}/{1}*100", (T("表五", "（1）公务用车购置费", "2024年预算数"), T("表五", "合计", "2024年预算数")), "%")],
      must=["购置"], sources=["说明:四、“三公”经费预算情况说明"]),
    Q("计算", "arithmetic", "疾病预防控制机构的基本支出比项目支出多多少钱？",
      [V("{0}-{1}", (T("表三", "2100401", "基本支出"), T("表三", "2100401", "项目支出")), "元")],
      must=["疾病预防控制"], sources=["表二:疾病预防控制机构"]),
    Q("计算", "arithmetic", "基本工资、津贴补贴和奖金三项加起来，2024年预算一共多少？",
      [V("{0}+{1}+{2}", (T("表四", "30101", "合计"), T("表四", "30102", "合计"), T("表四", "30103", "合计")), "元")]),
    Q("计算", "arithmetic", "行政单位医疗比事业单位医疗多安排了多少？",
      [V("{0}-{1}", (T("表三", "2101101", "合计"), T("表三", "2101102", "合计")), "元")],
      sources=["表二:行政单位医疗", "表二:事业单位医疗"]),

    Q("说明文字", "reason", "2024年为什么要安排公务用车购置费？", must=["使用年限"],
      texts=[S("四、", ("公务用车购置费", "超过使用年限"))]),
    Q("说明文字", "count", "纳入南江区卫健委2024年部门预算编制范围的有几个单位？",
      [V("{0}", (N("一、", r"共(\d+)个预算单位", unit="个"),), "个", nd=0)], must=["疾病预防控制中心"],
      texts=[S("一、", ("委机关本级", "疾病预防控制中心"))]),

    Q("无法回答", "unanswerable", "南江区卫健委主任2024年的工资是多少？", answerable=False,
      note="No person is named and no individual pay is given."),
    Q("无法回答", "unanswerable", "卫健委2024年每个月的公务接待费各安排多少？", answerable=False,
      note="Only the annual figure is given; no monthly breakdown."),
    Q("无法回答", "unanswerable", "重大公共卫生服务那180万元具体交给哪几家医院承担？", answerable=False,
      note="The disclosure gives the amount only, not who carries the work out."),
])

# 示例市西江区财政局 2023年度部门决算 — tables in 元, narrative in 万元
SETS["shili-xijiang-czj-final-2023"] = dict(short="xijiang", questions=[
    Q("日常说法", "lookup", "西江区财政局2023年出差一共花了多少钱？",
      [V("{0}", (T("附表6", "30211", "合计"),), "元")], must=["差旅"]),
    Q("日常说法", "lookup", "财政局2023年花在办公用品、日常办公上的钱是多少？",
      [V("{0}", (T("附表6", "30201", "合计"),), "元")], must=["办公"]),
    Q("日常说法", "lookup", "财政局2023年给工会拨了多少钱？",
      [V("{0}", (T("附表6", "30228", "合计"),), "元")], must=["工会"]),
    Q("日常说法", "lookup", "局里的公车加油、保养这些费用2023年实际花了多少元？",
      [V("{0}", (T("附表6", "30231", "合计"),), "元")], must=["公务用车|公车"],
      also=[T("附表7", "合计", "决算数公务用车运行费", src="公务用车运行费"),
            N("八、", r"公务用车运行维护费 ([\d,.]+) 万元")],
      note="The narrative rounds it to 6.43 万元; the table prints 64,320.00 元."),
    Q("日常说法", "lookup", "财政局退休人员的退休费2023年决算是多少？",
      [V("{0}", (T("附表6", "30302", "合计"),), "元")], must=["退休"],
      also=[T("附表3", "2080501", "本年支出合计"), T("附表5", "2080501", "决算数"),
            N("六、", r"行政单位离退休（项）决算数为 ([\d,.]+) 万元")]),
    Q("日常说法", "lookup", "2023年单位给职工交的基本养老保险花了多少？",
      [V("{0}", (T("附表6", "30108", "合计"),), "元")], must=["养老保险"],
      also=[T("附表3", "2080505", "本年支出合计"), T("附表5", "2080505", "决算数")]),
    Q("日常说法", "lookup", "“信息化建设”2023年实际支出（决算数）是多少？",
      [V("{0}", (T("附表3", "2010607", "本年支出合计"),), "元")], must=["信息化建设"],
      also=[T("附表5", "2010607", "决算数")]),

    Q("编码", "code_lookup", "按一般公共预算财政拨款支出决算表，功能科目2010602的决算数是多少？",
      [V("{0}", (T("附表5", "2010602", "决算数"),), "元")], must=["一般行政管理事务"],
      note="附表3 (all funds, incl. 48,000.00 其他收入) prints 856,300.00; the question names the 一般公共预算 table."),
    Q("编码", "code_lookup", "208类支出2023年决算合计多少？",
      [V("{0}", (T("附表3", "208", "本年支出合计"),), "元")], must=["社会保障和就业"],
      also=[T("附表5", "208", "决算数"), T("附表1", "二、社会保障和就业支出", "金额", side="支出")]),
    Q("编码", "code_lookup", "经济科目编码30299那一行的决算金额是多少？",
      [V("{0}", (T("附表6", "30299", "合计"),), "元")], must=["其他商品和服务"]),

    Q("英文", "lookup",
      "How much did the Xijiang District Finance Bureau pay into the housing provident fund for its staff in 2023?",
      [V("{0}", (T("附表6", "30113", "合计"),), "元")],
      also=[T("附表3", "2210201", "本年支出合计"), T("附表5", "2210201", "决算数")]),
    Q("英文", "arithmetic",
      "What percentage of the adjusted budget for IT development (信息化建设, 2010607) was actually spent in 2023? "
      "Two decimals, please.",
      [V("{0}/{1}*100", (T("附表5", "2010607", "决算数"), T("附表5", "2010607", "调整预算数")), "%")],
      also=[], note="年初预算数 and 调整预算数 are both 450,000.00, so either reading gives the same share."),
    Q("英文", "arithmetic",
      "How much less was spent on the 'three public expenses' in 2023 than was budgeted for them?",
      [V("{0}-{1}", (T("附表7", "合计", "预算数合计"), T("附表7", "合计", "决算数合计")), "元")],
      sources=["说明:八、“三公”经费财政拨款支出决算情况说明"]),
    Q("英文", "lookup",
      "How much was carried forward at the end of 2023 (year-end carry-over and balance)?",
      [V("{0}", (T("附表1", "年末结转和结余", "金额", side="支出"),), "元")],
      also=[T("附表4", "年末财政拨款结转和结余", "小计", side="支出"),
            N("二、", r"年末结转和结余 ([\d,.]+) 万元")]),

    Q("换算单位", "lookup", "2023年行政运行支出决算是多少万元？",
      [V("{0}/10000", (T("附表3", "2010601", "本年支出合计"),), "万元")], must=["万元"],
      also=[T("附表5", "2010601", "决算数")]),
    Q("换算单位", "lookup", "财政局2023年发的津贴补贴折合多少万元？",
      [V("{0}/10000", (T("附表6", "30102", "合计"),), "万元")], must=["万元"]),

    Q("计算", "arithmetic", "2023年基本支出决算中，人员经费占多大比例？（保留两位小数）",
      [V("{0}/{1}*100", (T("附表6", "合计", "人员经费"), T("附表6", "合计", "合计")), "%")],
      must=["人员经费"], sources=["说明:七、一般公共预算财政拨款基本支出决算情况说明"]),
    Q("计算", "arithmetic", "支出决算表中，一般公共服务支出的基本支出比项目支出多多少？",
      [V("{0}-{1}", (T("附表3", "201", "基本支出"), T("附表3", "201", "项目支出")), "元")]),
    Q("计算", "arithmetic", "基本工资、津贴补贴和奖金三项2023年决算合计多少？",
      [V("{0}+{1}+{2}", (T("附表6", "30101", "合计"), T("附表6", "30102", "合计"), T("附表6", "30103", "合计")), "元")]),
    Q("计算", "arithmetic", "财政委托业务支出的决算数比年初预算多了多少？",
      [V("{0}-{1}", (T("附表5", "2010608", "决算数"), T("附表5", "2010608", "年初预算数")), "元")],
      must=["财政委托业务"]),

    Q("说明文字", "count", "西江区财政局内设多少个科室？有多少名行政编制？",
      [V("{0}", (N("一、", r"内设(\d+)个科室", unit="个"),), "个", nd=0),
       V("{0}", (N("一、", r"行政编制(\d+)名", unit="名"),), "名", nd=0)], must=["行政编制"]),
    Q("说明文字", "reason", "行政单位离退休支出的决算数比年初预算多，原因是什么？", must=["新增退休"],
      texts=[S("六、", ("行政单位离退休", "新增退休人员"))],
      sources=["附表5:2080501"]),

    Q("无法回答", "unanswerable", "财政局2023年的公务接待都安排在哪家酒店？", answerable=False,
      note="Only batches, visitors and the amount are given."),
    Q("无法回答", "unanswerable", "西江区财政局2024年的部门预算总额是多少？", answerable=False,
      note="The document is the 2023 决算; it has no 2024 budget."),
    Q("无法回答", "unanswerable", "财政局局长2023年的年薪是多少？", answerable=False,
      note="No person is named and no individual pay is given."),
])

# 示例市东岭区水利局 2023年度部门决算 — tables in 万元, narrative in 万元
SETS["shili-dongling-slj-final-2023"] = dict(short="dongling", questions=[
    Q("日常说法", "lookup", "水利局2023年出差花了多少钱？",
      [V("{0}", (T("表6", "30211", "决算数"),), "万元")], must=["差旅"]),
    Q("日常说法", "lookup", "水利局2023年房屋设备修修补补的钱花了多少？",
      [V("{0}", (T("表6", "30213", "决算数"),), "万元")], must=["维修"]),
    Q("日常说法", "lookup", "2023年水利局请人干活付的劳务费是多少？",
      [V("{0}", (T("表6", "30226", "决算数"),), "万元")], must=["劳务"]),
    Q("日常说法", "lookup", "水利局给职工交的基本养老保险2023年花了多少？",
      [V("{0}", (T("表6", "30108", "决算数"),), "万元")], must=["养老保险"],
      also=[T("表3", "2080505", "合计"), T("表5", "2080505", "合计")]),
    Q("日常说法", "lookup", "2023年给职工交的医保实际花了多少？",
      [V("{0}", (T("表6", "30110", "决算数"),), "万元")], must=["医疗"],
      also=[T("表3", "2101101", "合计"), T("表5", "2101101", "合计")]),
    Q("日常说法", "lookup", "防汛支出2023年决算数是多少？",
      [V("{0}", (T("表3", "2130314", "合计"),), "万元")], must=["防汛"],
      also=[T("表5", "2130314", "合计")]),
    Q("日常说法", "lookup", "表里“绩效工资”一项2023年的决算数是多少？",
      [V("{0}", (T("表6", "30107", "决算数"),), "万元")], must=["绩效工资"]),

    Q("编码", "code_lookup", "2130306的决算支出是多少？",
      [V("{0}", (T("表3", "2130306", "合计"),), "万元")], must=["运行与维护"],
      also=[T("表5", "2130306", "合计")]),
    Q("编码", "code_lookup", "支出决算表里，213类（全部资金）的项目支出是多少？",
      [V("{0}", (T("表3", "213", "项目支出"),), "万元")], must=["农林水"],
      note="表5 (一般公共预算财政拨款 only) prints 1812.49; the question names the 支出决算表 (all funds)."),
    Q("编码", "code_lookup", "经济分类编码30228花了多少？",
      [V("{0}", (T("表6", "30228", "决算数"),), "万元")], must=["工会"]),

    Q("英文", "arithmetic",
      "What share of the full-year budget for official vehicle running costs did the water bureau actually spend "
      "in 2023? Two decimals, please.",
      [V("{0}/{1}*100", (T("表7", "（2）公务用车运行费", "决算数"), T("表7", "（2）公务用车运行费", "全年预算数")), "%")],
      sources=["说明:五、“三公”经费财政拨款支出决算情况说明"]),
    Q("英文", "arithmetic",
      "By how much did general public budget appropriation spending in 2023 fall short of the full-year budget, "
      "in total?",
      [V("{0}-{1}", (T("表5", "合计", "全年预算数"), T("表5", "合计", "合计")), "万元")]),
    Q("英文", "lookup", "How much 'other income' (其他收入) did the water bureau receive in 2023?",
      [V("{0}", (T("表1", "四、其他收入", "决算数", side="收入"),), "万元")],
      also=[T("表2", "合计", "其他收入")]),
    Q("英文", "lookup", "What was the bureau's year-end carry-over and balance (年末结转和结余) for 2023?",
      [V("{0}", (T("表1", "年末结转和结余", "决算数", side="支出"),), "万元")],
      also=[T("表4", "年末财政拨款结转和结余", "小计", side="支出"),
            N("二、", r"年末结转和结余([\d,.]+)万元")]),

    Q("换算单位", "lookup", "2023年水利局的公务接待费是多少元？",
      [V("{0}*10000", (T("表6", "30217", "决算数"),), "元")], must=["接待"],
      also=[T("表7", "3.公务接待费", "决算数"), N("五、", r"公务接待费([\d,.]+)万元")]),
    Q("换算单位", "lookup", "基本工资2023年决算折合多少元？",
      [V("{0}*10000", (T("表6", "30101", "决算数"),), "元")], must=["基本工资"]),

    Q("计算", "arithmetic", "2023年基本支出里公用经费占比是多少？（保留两位小数）",
      [V("{0}/{1}*100", (T("表6", "公用经费合计", "决算数"), T("表5", "合计", "基本支出")), "%")],
      must=["公用经费"], also=[],
      sources=["表3:合计", "说明:四、一般公共预算财政拨款基本支出决算情况说明"]),
    Q("计算", "arithmetic", "基本工资比津贴补贴多多少？",
      [V("{0}-{1}", (T("表6", "30101", "决算数"), T("表6", "30102", "决算数")), "万元")]),
    Q("计算", "arithmetic", "2023年的水费和电费加起来一共多少？",
      [V("{0}+{1}", (T("表6", "30205", "决算数"), T("表6", "30206", "决算数")), "万元")]),
    Q("计算", "arithmetic", "水利工程运行与维护的决算数比全年预算少了多少？",
      [V("{0}-{1}", (T("表5", "2130306", "全年预算数"), T("表5", "2130306", "合计")), "万元")]),

    Q("说明文字", "count", "2023年水利局国内公务接待了多少批次、多少人次？",
      [V("{0}", (N("五、", r"国内公务接待(\d+)批次", unit="批次"),), "批次", nd=0),
       V("{0}", (N("五、", r"(\d+)人次", unit="人次"),), "人次", nd=0)],
      sources=["表7:公务接待费"]),
    Q("说明文字", "narrative", "东岭区水利局主要负责哪些工作？", must=["水资源", "防汛"],
      texts=[S("一、", ("水资源管理", "防汛抗旱"))]),

    Q("无法回答", "unanswerable", "水利工程建设项目是哪家施工单位承建的？", answerable=False,
      note="No contractor is named."),
    Q("无法回答", "unanswerable", "水利局2023年每个月的防汛支出分别是多少？", answerable=False,
      note="Only annual figures are given."),
    Q("无法回答", "unanswerable", "东岭区农业农村局2023年的决算支出是多少？", answerable=False,
      note="Another department of the same district; not in this document."),
])

# 示例市临川区市场监督管理局 2024年部门预算 — tables in 元, narrative in 万元
SETS["shili-linchuan-scjg-2024"] = dict(short="linchuan", questions=[
    Q("日常说法", "lookup", "市场监管局今年组织培训的钱预算了多少？",
      [V("{0}", (T("附表2-3", "30216", "合计"),), "元")], must=["培训"]),
    Q("日常说法", "lookup", "临川区市场监管局2024年出差的费用安排了多少？",
      [V("{0}", (T("附表2-3", "30211", "合计"),), "元")], must=["差旅"]),
    Q("日常说法", "lookup", "市场监管局今年买文具纸张这类办公开支预算多少？",
      [V("{0}", (T("附表2-3", "30201", "合计"),), "元")], must=["办公"]),
    Q("日常说法", "lookup", "临川区市场监管局整个部门（含执法大队）今年公车的油费、保养维修费一共预算多少？",
      [V("{0}", (T("附表2-3", "30231", "合计"),), "元")], must=["公务用车|公车"],
      also=[T("附表2-4", "总计", "公务用车运行费", src="公务用车运行费"),
            N("四、", r"公务用车运\s*行费([\d,.]+)万元")],
      note="附表2-4 also splits it by unit (局机关 84,000.00, 执法大队 24,000.00); the question asks for the whole department."),
    Q("日常说法", "lookup", "市场监管综合执法大队今年的接待费预算是多少？",
      [V("{0}", (T("附表2-4", "示例市临川区市场监管综合执法大队", "公务接待费"),), "元")], must=["接待"],
      note="附表2-4 breaks the 三公 budget down by unit; the 总计 row (42,000.00) is the whole department."),
    Q("日常说法", "lookup", "给职工交的职业年金今年安排了多少？",
      [V("{0}", (T("附表2-3", "30109", "合计"),), "元")], must=["职业年金"],
      also=[T("附表1-3", "2080506", "合计"), T("附表2-2", "2080506", "合计"), T("附表1-2", "2080506", "合计")]),
    Q("日常说法", "lookup", "“智慧市场监管平台建设”项目2024年预算是多少？",
      [V("{0}", (T("附表3-1", "智慧市场监管平台建设", "合计"),), "元")], must=["智慧市场监管平台"]),

    Q("编码", "code_lookup", "科目2013804今年安排了多少钱？",
      [V("{0}", (T("附表1-3", "2013804", "合计"),), "元")], must=["市场主体管理"],
      also=[T("附表2-2", "2013804", "合计"), T("附表1-2", "2013804", "合计")]),
    Q("编码", "code_lookup", "一般公共预算支出预算表中，201类的合计是多少？",
      [V("{0}", (T("附表2-2", "201", "合计"),), "元")], must=["一般公共服务"],
      also=[T("附表2-1", "一、一般公共服务支出", "一般公共预算", side="支出")],
      note="All funds (附表1-3, incl. 120,000.00 其他收入) print 9,430,215.28; the question names the 一般公共预算 table."),
    Q("编码", "code_lookup", "经济分类款30113的预算数是多少？",
      [V("{0}", (T("附表2-3", "30113", "合计"),), "元")], must=["住房公积金"],
      also=[T("附表1-3", "2210201", "合计")]),

    Q("英文", "lookup",
      "How much is earmarked in the 2024 government procurement budget for law-enforcement recorders (执法记录仪)?",
      [V("{0}", (T("附表3-2", "执法记录仪", "合计"),), "元")]),
    Q("英文", "arithmetic",
      "What share of the 2024 'three public expenses' budget belongs to the bureau's own office (局机关) rather "
      "than the enforcement brigade? Two decimals, please.",
      [V("{0}/{1}*100", (T("附表2-4", "示例市临川区市场监督管理局机关", "合计"), T("附表2-4", "总计", "合计")), "%")]),
    Q("英文", "arithmetic",
      "What is the difference between total project spending from all funding sources and project spending "
      "financed by the general public budget in 2024?",
      [V("{0}-{1}", (T("附表1-3", "总计", "项目支出"), T("附表2-2", "总计", "项目支出")), "元")],
      sources=["附表3-1:总计"]),
    Q("英文", "lookup", "How much is budgeted for retirement pay (退休费) in 2024?",
      [V("{0}", (T("附表2-3", "30302", "合计"),), "元")]),

    Q("换算单位", "lookup", "2024年人员经费是多少万元？",
      [V("{0}/10000", (T("附表2-3", "总计", "人员经费"),), "万元")], must=["万元"],
      also=[N("三、", r"人员经费([\d,.]+)万元")]),
    Q("换算单位", "lookup", "食品安全抽检监测经费（含其他资金）总共多少万元？",
      [V("{0}/10000", (T("附表3-1", "食品安全抽检监测经费", "合计"),), "万元")], must=["万元"]),

    Q("计算", "arithmetic", "2024年一般公共预算支出中，项目支出占比多少？（保留两位小数）",
      [V("{0}/{1}*100", (T("附表2-2", "总计", "项目支出"), T("附表2-2", "总计", "合计")), "%")],
      must=["项目支出"], sources=["说明:三、一般公共预算支出情况"]),
    Q("计算", "arithmetic", "局机关和综合执法大队的公务用车运行费相差多少？",
      [V("{0}-{1}", (T("附表2-4", "示例市临川区市场监督管理局机关", "公务用车运行费"),
                      T("附表2-4", "示例市临川区市场监管综合执法大队", "公务用车运行费")), "元")]),
    Q("计算", "arithmetic", "基本工资、津贴补贴和绩效工资三项加起来一共多少？",
      [V("{0}+{1}+{2}", (T("附表2-3", "30101", "合计"), T("附表2-3", "30102", "合计"),
                          T("附表2-3", "30107", "合计")), "元")]),
    Q("计算", "arithmetic", "基本支出里人员经费比公用经费多多少？",
      [V("{0}-{1}", (T("附表2-3", "总计", "人员经费"), T("附表2-3", "总计", "公用经费")), "元")],
      sources=["说明:三、一般公共预算支出情况"]),

    Q("说明文字", "count", "临川区市场监管局的部门预算包括几个单位？",
      [V("{0}", (N("一、", r"综合执法大队(\d+)个单位", unit="个"),), "个", nd=0)], must=["执法大队"],
      texts=[S("一、", ("局机关本级", "综合执法大队"))]),
    Q("说明文字", "narrative", "临川区市场监督管理局主要负责哪些工作？", must=["登记注册", "食品药品"],
      texts=[S("一、", ("市场综合监督管理", "市场主体登记注册", "食品药品安全监管"))]),

    Q("无法回答", "unanswerable", "智慧市场监管平台的软件开发是哪家公司中标的？", answerable=False,
      note="The procurement table gives amounts only, no supplier."),
    Q("无法回答", "unanswerable", "临川区市场监管局2023年的部门预算是多少？", answerable=False,
      note="The document is the 2024 budget and gives no 2023 figures."),
    Q("无法回答", "unanswerable", "临川区卫生健康委员会2024年的部门预算是多少？", answerable=False,
      note="Another department of the same district; not in this document."),
])


PLAN = {"日常说法": 7, "编码": 3, "英文": 4, "换算单位": 2, "计算": 4, "说明文字": 2, "无法回答": 3}


def build(show: bool = False) -> dict[Path, str]:
    return build_sets(SETS, PLAN, BUCKETS, "fr", OUT, PDFS, show=show)


if __name__ == "__main__":
    sys.exit(main(__doc__.splitlines()[0], build, OUT, "scripts/build_fresh.py"))
