"""Build the blind gold question sets in tests/data/blind/ from the documents' truth files.

    .venv/bin/python scripts/build_blind.py           # write the seven sets
    .venv/bin/python scripts/build_blind.py --check   # exit 1 if a written file is not current
    .venv/bin/python scripts/build_blind.py --show    # also print every place a referenced row occurs

One set of 16 questions per document (three in ``../shared/corpus/``, four in
``tests/pdfs/``), in the gold format of ``../shared/eval/README.md``. The questions
were written blind: from the documents' truth files and the gold format only,
without reading the answering code (``assistant/``), the tests, or the other
question sets (heldout, unseen, fresh). They are for measuring, not for tuning.

Every question holds its text and *pointers* into the truth file: a table row
(by code, or by name for rows without a code) and a column, or a number read out of
a narrative section by a regular expression. The expected values, formulas and
sources are computed from those pointers; nothing is typed in by hand. Where the same
figure is printed in more than one place, the question lists those places under
``also`` and the build asserts that they agree (to the precision printed) before
naming them as sources. Where a figure differs between tables (all funds vs
一般公共预算), the question says which one it means and the note names the other.

Per document: 5 colloquial lookups (with multi-part, loose-name and one yes/no
question), 2 by code, 3 in English (lookup, share, comparison), 1 amount in the
other unit, 2 arithmetic, 1 narrative, 2 unanswerable.

Tolerances: 0.01 in the expected unit for money and percentages, 0 for counts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from goldkit import ROOT, N, Q, S, T, V, build_sets, main

SHARED = ROOT.parent / "shared" / "corpus"
PDFS = ROOT / "tests" / "pdfs"
OUT = ROOT / "tests" / "data" / "blind"

BUCKETS = {
    "口语": "a table row asked in everyday words: multi-part, loose name, or yes/no",
    "编码": "a row asked by its classification code, in unusual phrasing",
    "英文": "a question in English (must_mention empty): lookup, share, comparison",
    "换算单位": "an amount asked in the other unit (元 ↔ 万元), expected in the asked unit",
    "计算": "a sum of two named rows, a share or a difference",
    "说明文字": "something the narrative states: a count or a duty",
    "无法回答": "the disclosure does not contain the answer",
}

PLAN = {"口语": 5, "编码": 2, "英文": 3, "换算单位": 1, "计算": 2, "说明文字": 1, "无法回答": 2}


# --------------------------------------------------------------------------- the questions

SETS: dict[str, dict] = {}
# 重庆市南岸区经济和信息化委员会 2024年部门预算 (real) — tables and narrative in 万元
SETS["nanan-jxw-2024"] = dict(short="nanan", dir=SHARED, questions=[
    Q("口语", "multi", "南岸区经信委今年给职工交的住房公积金是多少？职业年金呢？",
      [V("{0}", (T("表三", "30113", "总计"),), "万元"), V("{0}", (T("表三", "30109", "总计"),), "万元")],
      must=["住房公积金", "职业年金"],
      also=[T("表二", "2210201", "总计"), T("表八", "2210201", "总计")],
      sources=["表二:2080506"]),
    Q("口语", "lookup", "中小企业那个专项今年安排了多少钱？",
      [V("{0}", (T("表二", "2150805", "总计"),), "万元")], must=["中小企业"],
      also=[T("表八", "2150805", "总计"), T("表七", "2150805", "总计")],
      note="Loose name for 2150805 中小企业发展专项 (not 21508 支持中小企业发展和管理支出, which prints the same 1000)."),
    Q("口语", "yes_no", "经信委2024年有没有安排买公车的钱？",
      [V("{0}", (N("四、", r"公务用车购置费 ([\d.]+) 万元"),), "万元")], must=["购置"],
      sources=["表四:公务用车购置费", "说明:五、其他重要事项的情况说明"],
      note="表四 leaves 公务用车购置费 blank; the narrative states 0 万元 and 购置车辆 0 辆. "
           "A plain negation (没有/未安排) meets the expected 0."),
    Q("口语", "lookup", "经信委今年工会经费给了多少？",
      [V("{0}", (T("表三", "30228", "总计"),), "万元")], must=["工会"]),
    Q("口语", "multi", "工业和信息产业监管这一款今年一共多少？基本支出、项目支出各多少？",
      [V("{0}", (T("表二", "21505", "总计"),), "万元"), V("{0}", (T("表二", "21505", "基本支出"),), "万元"),
       V("{0}", (T("表二", "21505", "项目支出"),), "万元")],
      must=["工业和信息产业监管"], also=[T("表八", "21505", "总计"), T("表七", "21505", "总计")]),

    Q("编码", "code_lookup", "科目代码2111001对应的是什么支出，多少钱？",
      [V("{0}", (T("表二", "2111001", "总计"),), "万元")], must=["能源节约利用"],
      also=[T("表八", "2111001", "总计"), T("表七", "2111001", "总计")]),
    Q("编码", "code_lookup", "经济分类里编号30239是啥？今年预算多少？",
      [V("{0}", (T("表三", "30239", "总计"),), "万元")], must=["其他交通费用"]),

    Q("英文", "lookup",
      "How much has the Nan'an District Economy and Information Technology Commission budgeted for the "
      "manufacturing sector in 2024?",
      [V("{0}", (T("表二", "21502", "总计"),), "万元")],
      also=[T("表八", "21502", "总计"), T("表七", "21502", "总计")],
      note="21502 制造业 (all of it 2150299 其他制造业支出)."),
    Q("英文", "arithmetic",
      "What share of the commission's 2024 general public budget spending goes to project expenditure? "
      "Give the percentage to two decimals.",
      [V("{0}/{1}*100", (T("表二", "合计", "项目支出"), T("表二", "合计", "总计")), "%")],
      sources=["说明:三、部门预算情况说明"]),
    Q("英文", "arithmetic",
      "Which is budgeted higher in 2024, basic salaries or bonuses, and by how much?",
      [V("{0}-{1}", (T("表三", "30103", "总计"), T("表三", "30101", "总计")), "万元")],
      note="奖金 exceeds 基本工资."),

    Q("换算单位", "lookup", "经信委今年的办公费是多少元？",
      [V("{0}*10000", (T("表三", "30201", "总计"),), "元")], must=["办公费"]),

    Q("计算", "arithmetic", "行政单位医疗和事业单位医疗两项加起来今年多少？",
      [V("{0}+{1}", (T("表二", "2101101", "总计"), T("表二", "2101102", "总计")), "万元")],
      sources=["表八:2101101", "表八:2101102"]),
    Q("计算", "arithmetic", "基本支出里日常公用经费占多大比例？（保留两位小数）",
      [V("{0}/{1}*100", (T("表三", "合计", "日常公用经费"), T("表三", "合计", "总计")), "%")],
      must=["公用经费"]),

    Q("说明文字", "count", "南岸区经信委内设几个科室？行政编制多少名？",
      [V("{0}", (N("一、", r"内设(\d+)个科室", unit="个"),), "个", nd=0),
       V("{0}", (N("一、", r"行政编制(\d+)名", unit="名"),), "名", nd=0)],
      must=["科室", "行政编制"]),

    Q("无法回答", "unanswerable", "经信委2023年“产业发展”（2150517）预算是多少？", answerable=False,
      note="表二 has a 2023年预算数 column but it is blank for every row; the narrative gives only "
           "2023 totals by difference, not this row."),
    Q("无法回答", "unanswerable", "经信委今年给新认定的专精特新企业的奖励资金安排了多少？", answerable=False,
      note="专精特新 appears only as a performance target (新增专精特新企业 ≥20 家); no amount is broken out "
           "for it inside 产业发展/中小企业发展专项."),
])

# 示例市东湖区教育委员会 2024年部门预算 — tables and narrative in 万元
SETS["shili-donghu-jiaowei-2024"] = dict(short="donghu", dir=SHARED, questions=[
    Q("口语", "multi", "东湖教委今年小学教育安排了多少？初中呢？",
      [V("{0}", (T("表二", "2050202", "总计"),), "万元"), V("{0}", (T("表二", "2050203", "总计"),), "万元")],
      must=["小学", "初中"],
      also=[T("表八", "2050202", "总计"), T("表七", "2050202", "总计")], sources=["表八:2050203"]),
    Q("口语", "lookup", "彩票公益金今年给教育用了多少？",
      [V("{0}", (T("表五", "2296004", "总计"),), "万元")], must=["彩票公益金"],
      also=[T("表八", "2296004", "总计"), T("表七", "2296004", "总计"),
            N("三、", r"用于教育事业的彩票公益金 ([\d.]+) 万元")]),
    Q("口语", "yes_no", "教委今年有出国（境）的预算吗？",
      [V("{0}", (T("表四", "1.因公出国（境）费", "2024年预算数"),), "万元")], must=["出国"],
      also=[N("四、", r"因公出国（境）费用 ([\d.]+) 万元")],
      note="表四 prints 0.00; a plain negation (没有/未安排) meets the expected 0."),
    Q("口语", "multi", "教委的公车加油维修这些今年预算多少？比去年少了多少？",
      [V("{0}", (T("表四", "（2）公务用车运行维护费", "2024年预算数"),), "万元"),
       V("{0}-{1}", (T("表四", "（2）公务用车运行维护费", "2023年预算数"),
                     T("表四", "（2）公务用车运行维护费", "2024年预算数")), "万元")],
      must=["公务用车|公车", "减少"],
      also=[T("表三", "30231", "总计"), N("四、", r"公务用车运行维护费 ([\d.]+) 万元")],
      sources=["说明:四、“三公”经费情况说明"]),
    Q("口语", "lookup", "学前那块今年给了多少钱？",
      [V("{0}", (T("表二", "2050201", "总计"),), "万元")], must=["学前"],
      also=[T("表八", "2050201", "总计"), T("表七", "2050201", "总计")]),

    Q("编码", "code_lookup", "2050904是哪一项？今年安排了多少？",
      [V("{0}", (T("表二", "2050904", "总计"),), "万元")], must=["教学设施"],
      also=[T("表八", "2050904", "总计"), T("表七", "2050904", "总计")]),
    Q("编码", "code_lookup", "经济科目30213，对应什么费用，预算多少钱？",
      [V("{0}", (T("表三", "30213", "总计"),), "万元")], must=["维修"]),

    Q("英文", "lookup", "How much is budgeted for senior high school education in Donghu in 2024?",
      [V("{0}", (T("表二", "2050204", "总计"),), "万元")],
      also=[T("表八", "2050204", "总计"), T("表七", "2050204", "总计")]),
    Q("英文", "arithmetic",
      "What percentage of the education commission's total 2024 budget, counting all funding sources, "
      "is project expenditure? Two decimals, please.",
      [V("{0}/{1}*100", (T("表八", "合计", "项目支出"), T("表八", "合计", "总计")), "%")],
      note="All funds (表八, incl. 260 政府性基金); the 一般公共预算 share (表二 10441.5/11989.5) would be 87.09."),
    Q("英文", "change",
      "Compared with 2023, how much more was allocated to preschool education in 2024?",
      [V("{0}-{1}", (T("表二", "2050201", "总计"), T("表二", "2050201", "2023年预算数")), "万元")]),

    Q("换算单位", "lookup", "教委今年的差旅费合多少元？",
      [V("{0}*10000", (T("表三", "30211", "总计"),), "元")], must=["差旅"]),

    Q("计算", "arithmetic", "教育管理事务下面的行政运行和一般行政管理事务，两项合计多少？",
      [V("{0}+{1}", (T("表二", "2050101", "总计"), T("表二", "2050102", "总计")), "万元")],
      sources=["表八:2050101", "表八:2050102"]),
    Q("计算", "arithmetic", "城市中小学教学设施今年比2023年少安排了多少？",
      [V("{0}-{1}", (T("表二", "2050904", "2023年预算数"), T("表二", "2050904", "总计")), "万元")],
      must=["教学设施"], sources=["说明:三、部门预算情况说明"]),

    Q("说明文字", "narrative", "教委下面的学生资助管理中心主要负责什么？", must=["资助政策", "资金管理"],
      texts=[S("一、", ("学生资助管理中心", "学生资助政策落实", "资助资金管理"))]),

    Q("无法回答", "unanswerable", "教委2023年的差旅费预算是多少？", answerable=False,
      note="Only 表二 (function classes) and 表四 (三公) print 2023 figures; 表三 (economic classes) has none."),
    Q("无法回答", "unanswerable", "东湖区第一中学2024年的预算是多少？", answerable=False,
      note="Schools are not budget units of this disclosure (教委, 教师进修学院, 学生资助管理中心 only)."),
])

# 示例市北城区司法局 2024年部门预算 — tables and narrative in 万元
SETS["shili-beicheng-sifaju-2024"] = dict(short="beicheng", dir=SHARED, questions=[
    Q("口语", "multi", "司法局今年普法宣传给了多少钱？社区矫正呢？",
      [V("{0}", (T("表2-1", "2040605", "总计"),), "万元"), V("{0}", (T("表2-1", "2040610", "总计"),), "万元")],
      must=["普法", "社区矫正"], also=[T("表1-2", "2040605", "总计"), T("表1-1", "2040605", "总计")],
      sources=["表1-2:2040610"]),
    Q("口语", "lookup", "法律援助这些公共法律服务，今年预算多少？",
      [V("{0}", (T("表2-1", "2040607", "总计"),), "万元")], must=["公共法律服务"],
      also=[T("表1-2", "2040607", "总计"), T("表1-1", "2040607", "总计")]),
    Q("口语", "yes_no", "司法局今年打算买车吗？花多少？",
      [V("{0}", (T("表3", "2024年预算数", "公务用车购置费", src="公务用车购置费"),), "万元")], must=["购置"],
      also=[N("二、", r"公务用车购置费 ([\d.]+) 万元"), T("表5", "执法执勤用车", "总计")],
      note="Yes: one 执法执勤用车 replaces a vehicle past its service life."),
    Q("口语", "multi", "司法局今年开会的钱和培训的钱各是多少？",
      [V("{0}", (T("表2-2", "30215", "总计"),), "万元"), V("{0}", (T("表2-2", "30216", "总计"),), "万元")],
      must=["会议", "培训"]),
    Q("口语", "lookup", "司法所那些基层业务今年有多少经费？",
      [V("{0}", (T("表2-1", "2040604", "总计"),), "万元")], must=["基层司法"],
      also=[T("表1-2", "2040604", "总计"), T("表1-1", "2040604", "总计")]),

    Q("编码", "code_lookup", "2040650这个代码代表什么？钱是多少？",
      [V("{0}", (T("表2-1", "2040650", "总计"),), "万元")], must=["事业运行"],
      also=[T("表1-2", "2040650", "总计"), T("表1-1", "2040650", "总计")]),
    Q("编码", "code_lookup", "经济分类30112的名称和金额告诉我一下",
      [V("{0}", (T("表2-2", "30112", "总计"),), "万元")], must=["其他社会保障缴费"]),

    Q("英文", "lookup", "How much is allocated to rule-of-law development in the justice bureau's 2024 budget?",
      [V("{0}", (T("表2-1", "2040612", "总计"),), "万元")],
      also=[T("表1-2", "2040612", "总计"), T("表1-1", "2040612", "总计")],
      note="2040612 法治建设."),
    Q("英文", "arithmetic",
      "What share of the 2024 'three public expenses' budget is for purchasing vehicles? Two decimals.",
      [V("{0}/{1}*100", (T("表3", "2024年预算数", "公务用车购置费", src="公务用车购置费"),
                          T("表3", "2024年预算数", "合计", src="合计")), "%")],
      sources=["说明:二、“三公”经费情况说明"]),
    Q("英文", "arithmetic",
      "Which gets more money in 2024, administrative operation or public legal services, and how much more?",
      [V("{0}-{1}", (T("表2-1", "2040601", "总计"), T("表2-1", "2040607", "总计")), "万元")],
      note="2040601 行政运行 exceeds 2040607 公共法律服务."),

    Q("换算单位", "lookup", "司法局公务接待费今年是多少元？",
      [V("{0}*10000", (T("表3", "2024年预算数", "公务接待费", src="公务接待费"),), "元")], must=["接待"],
      also=[T("表2-2", "30217", "总计"), N("二、", r"公务接待费 ([\d.]+) 万元")]),

    Q("计算", "arithmetic", "基本工资和津贴补贴合计多少？",
      [V("{0}+{1}", (T("表2-2", "30101", "总计"), T("表2-2", "30102", "总计")), "万元")]),
    Q("计算", "arithmetic", "基本支出里人员经费比日常公用经费多多少？",
      [V("{0}-{1}", (T("表2-2", "合计", "人员经费"), T("表2-2", "合计", "日常公用经费")), "万元")]),

    Q("说明文字", "count", "截至2023年底司法局一共有几辆车？其中执勤执法用车几辆？",
      [V("{0}", (N("五、", r"共有车辆 (\d+) 辆", unit="辆"),), "辆", nd=0),
       V("{0}", (N("五、", r"共有车辆 \d+ 辆，其中一般公务用车 \d+ 辆、执勤执法用车 (\d+) 辆", unit="辆"),),
         "辆", nd=0)],
      must=["执勤执法"]),

    Q("无法回答", "unanswerable", "司法局2023年的普法宣传预算是多少？", answerable=False,
      note="No table prints 2023 figures by row; the narrative gives 2023 only for totals and 三公."),
    Q("无法回答", "unanswerable", "司法局今年每件法律援助案件的补贴标准是多少钱？", answerable=False,
      note="The narrative says the 补贴标准 was raised (+24 万元 in total) and 表6 targets ≥900 cases, "
           "but no per-case standard is stated."),
])

# 示例市南江区卫生健康委员会 2024年部门预算 — tables and narrative in 元
SETS["shili-nanjiang-wjw-2024"] = dict(short="nanjiang", dir=PDFS, questions=[
    Q("口语", "multi", "卫健委今年奖金安排了多少？津贴补贴呢？",
      [V("{0}", (T("表四", "30103", "合计"),), "元"), V("{0}", (T("表四", "30102", "合计"),), "元")],
      must=["奖金", "津贴"]),
    Q("口语", "lookup", "疾控那块今年总共多少钱？",
      [V("{0}", (T("表三", "2100401", "合计"),), "元")], must=["疾病预防控制|疾控"],
      also=[T("表二", "疾病预防控制机构", "合计")]),
    Q("口语", "yes_no", "卫健委今年有因公出国的预算吗？",
      [V("{0}", (T("表五", "1.因公出国（境）费", "2024年预算数"),), "元")], must=["出国"],
      also=[N("四、", r"因公出国（境）费 (\d+) 元")],
      note="表五 prints 0.00; a plain negation meets the expected 0."),
    Q("口语", "lookup", "卫健委今年给职工交住房公积金要多少？",
      [V("{0}", (T("表四", "30113", "合计"),), "元")], must=["公积金"],
      also=[T("表三", "2210201", "合计"), T("表二", "住房公积金", "合计")]),
    Q("口语", "multi", "公共卫生这一块今年一共安排多少？其中项目支出多少？",
      [V("{0}", (T("表三", "21004", "合计"),), "元"), V("{0}", (T("表三", "21004", "项目支出"),), "元")],
      must=["公共卫生"], also=[T("表二", "公共卫生", "合计")]),

    Q("编码", "code_lookup", "2100102是个什么科目？今年多少钱？",
      [V("{0}", (T("表三", "2100102", "合计"),), "元")], must=["一般行政管理事务"],
      also=[T("表二", "一般行政管理事务", "合计")]),
    Q("编码", "code_lookup", "经济科目30305对应的是哪一项，预算多少？",
      [V("{0}", (T("表四", "30305", "合计"),), "元")], must=["生活补助"]),

    Q("英文", "lookup",
      "How much is budgeted in 2024 for the routine administrative operation of the Nanjiang health commission?",
      [V("{0}", (T("表三", "2100101", "合计"),), "元")], also=[T("表二", "行政运行", "合计")],
      note="2100101 行政运行."),
    Q("英文", "arithmetic",
      "What percentage of the 2024 'three public expenses' budget is for running and maintaining official "
      "vehicles? Round to two decimals.",
      [V("{0}/{1}*100", (T("表五", "（2）公务用车运行维护费", "2024年预算数"), T("表五", "合计", "2024年预算数")), "%")],
      sources=["说明:四、“三公”经费预算情况说明"]),
    Q("英文", "change",
      "How does the 2024 budget for official hospitality compare with 2023: by how much did it go down?",
      [V("{0}-{1}", (T("表五", "2.公务接待费", "2023年预算数"), T("表五", "2.公务接待费", "2024年预算数")), "元")],
      also=[], sources=["说明:四、“三公”经费预算情况说明"],
      note="表五 增减额 prints −5,000.00."),

    Q("换算单位", "lookup", "卫健委行政单位离退休今年安排多少万元？",
      [V("{0}/10000", (T("表三", "2080501", "合计"),), "万元")], must=["万元"],
      also=[T("表二", "行政单位离退休", "合计"), T("表四", "30302", "合计")]),

    Q("计算", "arithmetic", "机关事业单位基本养老保险缴费和职工基本医疗保险缴费加起来多少？",
      [V("{0}+{1}", (T("表四", "30108", "合计"), T("表四", "30110", "合计")), "元")]),
    Q("计算", "arithmetic", "项目支出里重大公共卫生服务占多大比例？（保留两位小数）",
      [V("{0}/{1}*100", (T("表三", "2100409", "项目支出"), T("表三", "合计", "项目支出")), "%")],
      must=["重大公共卫生"]),

    Q("说明文字", "count", "2024年卫健委计划国内公务接待多少批次、多少人次？",
      [V("{0}", (N("四、", r"计划国内公务接待 (\d+) 批次", unit="批次"),), "批次", nd=0),
       V("{0}", (N("四、", r"批次、(\d+) 人次", unit="人次"),), "人次", nd=0)],
      must=["批次", "人次"], sources=["表六:国内公务接待批次", "表六:国内公务接待人次"]),

    Q("无法回答", "unanswerable", "卫健委2023年的办公费预算是多少？", answerable=False,
      note="Only 表五 (三公) prints 2023 figures; 表四 has no 2023 column."),
    Q("无法回答", "unanswerable", "南江区疾控中心今年采购疫苗的钱是多少？", answerable=False,
      note="No procurement table and no vaccine line; 疾病预防控制机构 is not broken down."),
])

# 示例市西江区财政局 2023年度部门决算 — tables in 元, narrative in 万元
SETS["shili-xijiang-czj-final-2023"] = dict(short="xijiang", dir=PDFS, questions=[
    Q("口语", "multi", "西江财政局2023年基本工资花了多少？奖金呢？",
      [V("{0}", (T("附表6", "30101", "合计"),), "元"), V("{0}", (T("附表6", "30103", "合计"),), "元")],
      must=["基本工资", "奖金"]),
    Q("口语", "lookup", "财政委托的那些业务，2023年实际支出多少？",
      [V("{0}", (T("附表3", "2010608", "本年支出合计"),), "元")], must=["财政委托"],
      also=[T("附表5", "2010608", "决算数")],
      note="附表2 (收入决算表) prints 1,199,567.89 as income for this row; the question asks spending."),
    Q("口语", "yes_no", "财政局2023年有没有花钱买公车？",
      [V("{0}", (T("附表7", "合计", "决算数公务用车购置费", src="公务用车购置费"),), "元")], must=["购置"],
      note="附表7 prints 0.00; a plain negation meets the expected 0."),
    Q("口语", "lookup", "2023年财政局职业年金缴了多少？",
      [V("{0}", (T("附表6", "30109", "合计"),), "元")], must=["职业年金"],
      also=[T("附表3", "2080506", "本年支出合计"), T("附表5", "2080506", "决算数")]),
    Q("口语", "multi", "一般公共预算财政拨款里，一般行政管理事务年初预算多少？最后决算花了多少？",
      [V("{0}", (T("附表5", "2010602", "年初预算数"),), "元"), V("{0}", (T("附表5", "2010602", "决算数"),), "元")],
      must=["年初预算", "决算"],
      note="附表3 (all funds, incl. 48,000.00 其他收入) prints 856,300.00; the question names the 一般公共预算 table."),

    Q("编码", "code_lookup", "2101101这个科目2023年决算是多少，是什么支出？",
      [V("{0}", (T("附表3", "2101101", "本年支出合计"),), "元")], must=["行政单位医疗"],
      also=[T("附表5", "2101101", "决算数")]),
    Q("编码", "code_lookup", "经济分类代码30217对应什么？决算多少？",
      [V("{0}", (T("附表6", "30217", "合计"),), "元")], must=["公务接待"],
      also=[T("附表7", "合计", "决算数公务接待费", src="公务接待费")]),

    Q("英文", "lookup", "How much other income (not from fiscal appropriations) did the finance bureau receive in 2023?",
      [V("{0}", (T("附表1", "八、其他收入", "金额", side="收入"),), "元")],
      also=[T("附表2", "合计", "其他收入"), N("三、", r"其他收入 ([\d.]+) 万元")]),
    Q("英文", "arithmetic",
      "What share of the bureau's total 2023 expenditure (all funds) was project expenditure? Two decimals.",
      [V("{0}/{1}*100", (T("附表3", "合计", "项目支出"), T("附表3", "合计", "本年支出合计")), "%")],
      sources=["说明:四、支出决算情况说明"]),
    Q("英文", "arithmetic",
      "Did spending on official receptions in 2023 come in above or below budget, and by how much?",
      [V("{0}-{1}", (T("附表7", "合计", "预算数公务接待费", src="公务接待费"),
                      T("附表7", "合计", "决算数公务接待费", src="公务接待费")), "元")],
      note="Below budget."),

    Q("换算单位", "lookup", "2023年财政局工资福利支出一共多少万元？",
      [V("{0}/10000", (T("附表6", "301", "合计"),), "万元")], must=["万元"]),

    Q("计算", "arithmetic", "社会保障和就业支出加上住房保障支出，2023年决算一共多少？",
      [V("{0}+{1}", (T("附表3", "208", "本年支出合计"), T("附表3", "221", "本年支出合计")), "元")],
      sources=["附表5:208", "附表5:221"]),
    Q("计算", "arithmetic", "信息化建设的调整预算数和决算数差了多少？",
      [V("{0}-{1}", (T("附表5", "2010607", "调整预算数"), T("附表5", "2010607", "决算数")), "元")],
      must=["信息化"]),

    Q("说明文字", "count", "2023年财政局国内公务接待了多少批次、多少人次？",
      [V("{0}", (N("八、", r"国内公务接待 (\d+) 批次", unit="批次"),), "批次", nd=0),
       V("{0}", (N("八、", r"批次、(\d+) 人次", unit="人次"),), "人次", nd=0)],
      must=["批次", "人次"]),

    Q("无法回答", "unanswerable", "财政局2023年办公费的年初预算是多少？", answerable=False,
      note="附表6 (economic classes) prints only 决算; 年初预算数 exists only by function class in 附表5."),
    Q("无法回答", "unanswerable", "西江区财政局2022年度的支出决算总额是多少？", answerable=False,
      note="The 2023 决算 prints no 2022 figures."),
])

# 示例市东岭区水利局 2023年度部门决算 — tables and narrative in 万元
SETS["shili-dongling-slj-final-2023"] = dict(short="dongling", dir=PDFS, questions=[
    Q("口语", "multi", "水利局2023年水费花了多少？电费呢？",
      [V("{0}", (T("表6", "30205", "决算数"),), "万元"), V("{0}", (T("表6", "30206", "决算数"),), "万元")],
      must=["水费", "电费"]),
    Q("口语", "lookup", "水利工程建设这块2023年一共花了多少钱（所有资金来源算在一起）？",
      [V("{0}", (T("表3", "2130305", "合计"),), "万元")], must=["水利工程建设"],
      note="All funds (表3 支出决算表). 表5 (一般公共预算财政拨款) prints 1265.48; 表2 income prints 1255.00."),
    Q("口语", "yes_no", "水利局2023年有没有因公出国（境）的花销？",
      [V("{0}", (N("五、", r"因公出国（境）费(\d+)万元"),), "万元")], must=["出国"],
      sources=["表7:因公出国（境）费"],
      note="表7 leaves the row blank; the narrative states 0万元. A plain negation meets the expected 0."),
    Q("口语", "lookup", "水利局2023年发的津贴补贴是多少？",
      [V("{0}", (T("表6", "30102", "决算数"),), "万元")], must=["津贴"]),
    Q("口语", "multi", "水利行业业务管理全年预算是多少？实际决算多少？",
      [V("{0}", (T("表5", "2130304", "全年预算数"),), "万元"), V("{0}", (T("表5", "2130304", "合计"),), "万元")],
      must=["水利行业业务管理"], sources=["表3:2130304"]),

    Q("编码", "code_lookup", "2080506对应哪个科目？决算支出多少？",
      [V("{0}", (T("表3", "2080506", "合计"),), "万元")], must=["职业年金"],
      also=[T("表5", "2080506", "合计")]),
    Q("编码", "code_lookup", "经济分类30201是什么？2023年花了多少？",
      [V("{0}", (T("表6", "30201", "决算数"),), "万元")], must=["办公费"]),

    Q("英文", "lookup", "How much did the Dongling water resources bureau spend on administrative operation in 2023?",
      [V("{0}", (T("表3", "2130301", "合计"),), "万元")], also=[T("表5", "2130301", "合计")],
      note="2130301 行政运行."),
    Q("英文", "arithmetic",
      "What percentage of the full-year budget for the 'three public expenses' was actually spent in 2023? "
      "Two decimals.",
      [V("{0}/{1}*100", (T("表7", "合计", "决算数"), T("表7", "合计", "全年预算数")), "%")],
      sources=["说明:五、“三公”经费财政拨款支出决算情况说明"]),
    Q("英文", "arithmetic",
      "How much less than its full-year budget did the bureau spend on flood control in 2023?",
      [V("{0}-{1}", (T("表5", "2130314", "全年预算数"), T("表5", "2130314", "合计")), "万元")],
      note="2130314 防汛."),

    Q("换算单位", "lookup", "水利局2023年公务接待费是多少元？",
      [V("{0}*10000", (T("表7", "3.公务接待费", "决算数"),), "元")], must=["接待"],
      also=[T("表6", "30217", "决算数"), N("五、", r"公务接待费([\d.]+)万元")]),

    Q("计算", "arithmetic", "基本工资和奖金加起来2023年花了多少？",
      [V("{0}+{1}", (T("表6", "30101", "决算数"), T("表6", "30103", "决算数")), "万元")]),
    Q("计算", "arithmetic", "人员经费占基本支出的比重是多少？（两位小数）",
      [V("{0}/{1}*100", (T("表6", "人员经费合计", "决算数"), T("表5", "合计", "基本支出")), "%")],
      must=["人员经费"], sources=["说明:四、一般公共预算财政拨款基本支出决算情况说明"]),

    Q("说明文字", "narrative", "东岭区水利局主要负责哪些工作？", must=["水资源", "防汛"],
      texts=[S("一、", ("水资源管理", "水利工程建设与运行管理", "防汛抗旱"))]),

    Q("无法回答", "unanswerable", "水利局2022年的防汛支出决算是多少？", answerable=False,
      note="The 2023 决算 prints no 2022 figures."),
    Q("无法回答", "unanswerable", "2023年水利工程建设具体建了哪几座水库？", answerable=False,
      note="Only amounts by function class are given; no project list."),
])

# 示例市临川区市场监督管理局 2024年部门预算 — tables in 元, narrative in 万元
SETS["shili-linchuan-scjg-2024"] = dict(short="linchuan", dir=PDFS, questions=[
    Q("口语", "multi", "临川区市场监管局机关今年公车运行费多少？执法大队呢？",
      [V("{0}", (T("附表2-4", "示例市临川区市场监督管理局机关", "公务用车运行费"),), "元"),
       V("{0}", (T("附表2-4", "示例市临川区市场监管综合执法大队", "公务用车运行费"),), "元")],
      must=["机关", "执法大队"],
      note="附表2-4 breaks the 三公 budget down by unit; 总计 公务用车运行费 is 108,000.00."),
    Q("口语", "lookup", "食品安全那块今年一共给了多少钱（其他资金也算上）？",
      [V("{0}", (T("附表1-3", "2013816", "合计"),), "元")], must=["食品安全"],
      also=[T("附表1-2", "2013816", "合计")],
      note="All funds (附表1-3); 附表2-2 (一般公共预算 only) prints 1,863,400.00."),
    Q("口语", "yes_no", "市场监管局今年有没有安排公务用车购置费？",
      [V("{0}", (N("四、", r"公务用车购置费(\d+)万元"),), "万元")], must=["购置"],
      sources=["附表2-4:总计"],
      note="附表2-4 leaves 公务用车购置费 blank; the narrative states 0万元. A plain negation meets the expected 0."),
    Q("口语", "lookup", "局里今年出差的钱预算多少？",
      [V("{0}", (T("附表2-3", "30211", "合计"),), "元")], must=["差旅"]),
    Q("口语", "lookup", "药品这块今年预算多少钱？",
      [V("{0}", (T("附表2-2", "2013812", "合计"),), "元")], must=["药品"],
      also=[T("附表1-3", "2013812", "合计"), T("附表1-2", "2013812", "合计"),
            T("附表3-1", "药品医疗器械监督检查", "合计")],
      note="2013812 药品事务; the matching project is 药品医疗器械监督检查 (same amount)."),

    Q("编码", "code_lookup", "2013801对应哪个功能科目？钱有多少？",
      [V("{0}", (T("附表1-3", "2013801", "合计"),), "元")], must=["行政运行"],
      also=[T("附表2-2", "2013801", "合计"), T("附表1-2", "2013801", "合计")]),
    Q("编码", "code_lookup", "30228这个经济科目是干什么的？今年多少？",
      [V("{0}", (T("附表2-3", "30228", "合计"),), "元")], must=["工会"]),

    Q("英文", "lookup", "How much is budgeted in 2024 to procure testing equipment for the rapid-test vehicle?",
      [V("{0}", (T("附表3-2", "快检车检测设备", "合计"),), "元")]),
    Q("英文", "arithmetic",
      "What share of the bureau's 2024 government procurement budget is for food sampling and testing "
      "services? Two decimals.",
      [V("{0}/{1}*100", (T("附表3-2", "食品抽检检测服务", "合计"), T("附表3-2", "总计", "合计")), "%")]),
    Q("英文", "arithmetic",
      "How much larger is the 2024 budget for basic salaries than for allowances and subsidies?",
      [V("{0}-{1}", (T("附表2-3", "30101", "合计"), T("附表2-3", "30102", "合计")), "元")]),

    Q("换算单位", "lookup", "市场监管局今年的培训费是多少万元？",
      [V("{0}/10000", (T("附表2-3", "30216", "合计"),), "万元")], must=["万元"]),

    Q("计算", "arithmetic", "执法记录仪和平台软件开发两项采购加起来多少钱？",
      [V("{0}+{1}", (T("附表3-2", "执法记录仪", "合计"), T("附表3-2", "平台软件开发", "合计")), "元")]),
    Q("计算", "arithmetic", "食品抽检检测服务的采购预算里，一般公共预算拨款比其他资金多多少？",
      [V("{0}-{1}", (T("附表3-2", "食品抽检检测服务", "一般公共预算拨款"),
                      T("附表3-2", "食品抽检检测服务", "其他资金")), "元")]),

    Q("说明文字", "narrative", "预算说明里，今年一般公共预算基本支出是多少万元？人员经费和公用经费各多少万元？",
      [V("{0}", (N("三、", r"基本支出([\d.]+)万元"),), "万元"),
       V("{0}", (N("三、", r"人员经费([\d.]+)万元"),), "万元"),
       V("{0}", (N("三、", r"公用经费([\d.]+)万元"),), "万元")],
      must=["人员经费", "公用经费"], also=[T("附表2-3", "总计", "合计")],
      sources=["附表2-3:总计"]),

    Q("无法回答", "unanswerable", "市场监管局2023年的“三公”经费预算是多少？", answerable=False,
      note="附表2-4 and the narrative give 2024 only; no 2023 三公 figure is printed."),
    Q("无法回答", "unanswerable", "综合执法大队今年的差旅费预算是多少？", answerable=False,
      note="Only the 三公 table (附表2-4) is broken down by unit; 附表2-3 差旅费 is the whole department."),
])


def build(show: bool = False) -> dict[Path, str]:
    return build_sets(SETS, PLAN, BUCKETS, "bl", OUT, PDFS, show=show, one_yes_no=True)


if __name__ == "__main__":
    sys.exit(main(__doc__.splitlines()[0], build, OUT, "scripts/build_blind.py"))
