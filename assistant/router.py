"""What a question asks: its parts, its intent (lookup, change, share, reason, count …) and refusals.

:func:`classify` reads the wording only (no document): it is a pure function,
unit-tested without any model. :func:`split_parts` cuts multi-part questions
("…是多少？实际有多少人？") into parts answered one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import logging

from assistant.vocabulary import Vocabulary, normalize

log = logging.getLogger(__name__)

__all__ = ["Intent", "classify", "split_parts", "years_named"]

_YEAR = re.compile(r"(?<!\d)(20\d\d|19\d\d)\s*年?(?!\d)")


@dataclass
class Intent:
    """The reading of one question part."""

    text: str
    share: bool = False  # 占…的比例 / 百分比
    pct_change: bool = False  # 增长/下降了百分之多少
    change: bool = False  # 比上年增减多少 / 有变化吗
    prev_year: bool = False  # the previous year's amount
    reason: bool = False
    count: str | None = None  # unit asked for: 个 / 名 / 辆 / 条 …
    yes_no: bool = False
    classify: bool = False  # 属于基本支出还是项目支出
    add: bool = False  # 加起来 / 合计 / 一共 (of several items)
    definition: bool = False  # 什么是 / 什么意思
    listing: bool = False  # 哪些 / 都有什么
    who: bool = False
    phone: bool = False
    which_year: bool = False  # 从哪一年
    in_yuan: bool = False  # amounts asked in 元
    in_wan: bool = False  # amounts asked in 万元 (of a table in 元)
    wants_actual: bool = False  # 实有 / 实际有
    full: bool = False  # 满员 / 满编
    breakdown: bool = False  # 主要用在哪 / 构成
    max_weight: bool = False  # 权重最高
    excluded: tuple[str, ...] = ()  # 不含 X
    years: tuple[int, ...] = ()
    which_item: bool = False  # 哪项经费增加了 (the item is asked from its reason)
    compare: bool = False  # A 比 B 多/少多少 (two figures of one year)
    times: bool = False  # A 是 B 的几倍 (two figures of one year, one over the other)
    covers: bool = False  # X 包括哪些开支 (the definition lists what X covers)
    final_accounts: bool = False  # 决算
    user_numbers: bool = False  # the question gives numbers to compute with


def years_named(text: str) -> list[int]:
    """Years the question names, except the 截至…年底 date of a snapshot."""
    out = []
    for m in _YEAR.finditer(text):
        before = text[max(0, m.start() - 3):m.start()]
        if re.search(r"截[至止]|到", before):
            continue
        out.append(int(m.group(1)))
    return out


def split_parts(question: str) -> list[str]:
    """Cut a multi-part question at ？/?/；/。 (and "，另外"), keeping parts with content."""
    parts = [p.strip(" ，,、") for p in re.split(r"[？?；;。]|[，,](?=另外|还有|以及|同时|其中|有的话|分别)"
                                                 r"|[，,](?=[^，,]{1,8}又[^，,]{0,6}(?:多少|几))", question)]
    parts = [p for p in parts if len(normalize(p)) >= 2]
    # "X预算数是多少，决算数多少，执行率多少": a clause that asks another column or version of the
    # same item, after a clause that has asked already, is a part of its own
    parts = [c.strip(" ，,、") for p in parts for c in _cut_versions(p)]
    out: list[str] = []
    for p in parts:
        # "保留两位小数" / "用万元表示" instructs the part before it; it is not a question of its own
        if out and _INSTRUCTION.match(p.strip("（）() ")) and not re.search(r"多少|几|吗|什么|哪", p):
            out[-1] = f"{out[-1]}，{p}"
        else:
            out.append(p)
    return out or [question.strip()]


_ASKS = re.compile(r"多少|几|百分之|吗|是否")
_VERSION_CLAUSE = re.compile(r"[，,、](?=(?:最后|最终|实际|决算|执行|年初预算|全年预算|调整预算|预算数|完成|执行率)"
                             r"[^，,、]{0,12}(?:多少|几|百分之|比例))")


def _cut_versions(part: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in _VERSION_CLAUSE.finditer(part):
        if _ASKS.search(part[start:m.start()]):
            out.append(part[start:m.start()])
            start = m.end()
    return out + [part[start:]]


_INSTRUCTION = re.compile(r"^(请)?(保留|精确到|四舍五入|取整|取\S{1,2}位|用|以|按|换算成|折合成?|单位[用为是]?|结果|"
                          r"给(?:个|出|我)?(?:百分比|比例|具体数字?|数字))")


_MONEY_PERSON = re.compile(r"(人员|人头|个人|人)(经费|费用?|支出|工资|补助|家庭)")
_MONEY_WORDS = r"钱|经费|费用?|资金|元|预算|支出|工资|补助|补贴|拨款|收入|金额|数额|开支|花|投入|安排"
_COUNT = re.compile(r"(?:几|多少)\s*(个|名|辆|条|人次|人|家|项|所|件|户|批次|批|分(?![钟之]))")  # (分: a score)


def classify(text: str, vocab: Vocabulary | None = None) -> Intent:
    """The intent of one question part, from its wording."""
    t = normalize(text)
    it = Intent(text=text)
    it.years = tuple(years_named(text))
    it.share = bool(re.search(r"占.{0,24}(比例|比重|百分比|百分之|份额|%)|比例|比重|占比|百分比|是.{1,24}的百分之|"
                              r"占(?!用|地)[^，,。；;？?]{1,24}?的?(?:多少|几成)", t)) and not re.search(
        r"增长|下降|减少|增加|同比|变化", t.split("占")[0] if "占" in t else t)
    it.pct_change = bool(re.search(r"(增长|下降|减少|增加|降低|变化|变动|增减|涨|升|降|多|少)(了)?(百分之|多少%|几%|百分比|的比例|幅度|率)|增长率|增减率|增幅|降幅|同比.*百分", t))
    if it.pct_change:
        it.share = False
    it.change = (not it.pct_change) and bool(
        re.search(r"比(上年|去年|上一年|20\d\d年?|前一年)|[和与跟同较](上年|去年|上一年|20\d\d年?)(相)?比"
                  r"|同比|变化|增减|多了还是少了|增加了?多少|减少了?多少|增长了?多少|下降了?多少|少了多少|多了多少|差多少"
                  r"|(?:涨|降|升)了?多少|(?:怎么|怎样|如何)变|变了多少|变动", t))
    it.reason = bool(re.search(r"为什么|为啥|为何|原因|怎么会|何故|why", t))
    # 人员经费 / 人头费 / 人员支出 are money, not head counts
    tc = _MONEY_PERSON.sub("钱", t)
    m = _COUNT.search(tc)
    it.count = m.group(1) if m else None
    if it.count is None and not re.search(r"钱|经费|费用?|资金|元|预算|支出|工资|补助", tc) and re.search(r"(多少|几).{0,6}(人员|编制|干部|职工|人)|(编制|人员|人数).{0,4}(多少|几)", tc):
        it.count = "名"
    if it.count is None and not re.search(_MONEY_WORDS, tc):
        # "有多少司法所" / "多少学校": 多少 straight before a noun that is not an amount counts things
        m = re.search(r"多少(?!钱|万|元|亿|千|倍|成|年|月|天|号|比例|百分|占|的)([\u4e00-\u9fff]{2,8})", tc)
        noun = m.group(1) if m else ""
        if m and not re.match(r"(增加|减少|增长|下降|变化|差|多|少|合计|一共|总共|预算|支出)", noun) and not re.search(
                r"[费金款税额资]", noun) and not (vocab is not None and vocab.find_concepts(noun)):
            it.count = "个"
    if it.count == "人":
        it.count = "名"
    it.yes_no = bool(re.search(r"是不是|是否|有没有|有无|吗$|吗|么$|([\u4e00-\u9fff])不\1", t)) and not re.search(r"多少|几", t)
    it.classify = bool(re.search(r"还是", t))
    it.add = bool(re.search(r"加起来|加在一起|合起来|一共|总共|合计|共计|总和|之和|相加", t))
    it.definition = bool(re.search(r"什么是|是什么意思|什么意思|指什么|含义|定义|是指", t))
    it.listing = bool(re.search(r"哪些|哪几|都有什么|有什么|包括什么|包含哪|干什么|干啥|做什么|用来|用于|用在|花在|什么名称|什么性质|什么工作", t))
    it.who = bool(re.search(r"谁|联系人|哪位", t))
    # 打电话、上网的开销 is the 邮电费, not the contact number
    it.phone = bool(re.search(r"电话|联系方式|热线|号码", t)) and not re.search(r"开销|花销|费|钱", t)
    it.which_year = bool(re.search(r"哪一年|哪年|什么时候|何时", t))
    it.in_yuan = bool(re.search(r"(多少|几)元|以元|按元|用元|单位[为是]?元|in\s*yuan|(?<![万亿千])元[计为]|(折合|换算|折算|转换)成?元", t)) and "万元" not in t
    it.in_wan = bool(re.search(r"(多少|几)万元?|万元[计为]|(折合|换算|折算|转换)成?.{0,4}万元|[用以按]万元|in\s*(10,?000|ten\s*thousand)\s*yuan", t))
    it.wants_actual = bool(re.search(r"实有|实际有|实际在编|实际人数|实际在岗", t))
    it.full = bool(re.search(r"满员|满编|缺编|空编|缺员|编满", t))
    it.breakdown = bool(re.search(r"用在哪|用于哪|花在哪|构成|明细|由哪些|包括哪些", t))
    it.max_weight = bool(re.search(r"(权重|分值)(最高|最大|最多)", t))
    it.excluded = tuple(re.findall(r"(?:不含|不包括|除去|除了)([\u4e00-\u9fff]{2,12}?)(?:[)）]|以外|之外|外|的|$)", t))
    it.final_accounts = "决算" in t
    nums = re.findall(r"\d+(?:\.\d+)?\s*(?:吨|元/|万元|元|个|名|辆|%|人)", t)
    it.user_numbers = len(nums) >= 2 and bool(re.search(r"按|如果|假设|计算|推算", t))
    it.which_item = bool(re.search(r"(哪项|哪一项|哪个|哪类|(?<!为)什么)(经费|支出|费用|收入|项目|开支)?.{0,6}(增加|减少|多了|少了|下降|上升|增长|降低|变化)", t))
    it.compare = bool(re.search(r"比(?!上年|去年|上一年|前一年|20\d\d).{1,16}?(多|少|高|低)[\u4e00-\u9fff]{0,4}?(多少|几)", t)) or bool(
        re.search(r"比(?!上年|去年|上一年|前一年|20\d\d).{1,16}?(?:还|更)(?:多|少|高|低|大|小)", t)) or (
        bool(re.search(r"差(距|额)?(是|了)?多少|相差", t))  # "比上年是增是减，差多少": the change's amount
        and not (it.change and re.search(r"(?:比|较|与)(?:上年|去年|上一年|前一年|20\d\d)", t)))
    # "A是B的几倍": two figures of one year, the first over the second (of a year: a change)
    it.times = bool(re.search(r"(?:是|为|相当于|有)(?!上年|去年|上一年|前一年|20\d\d).{1,16}?的(?:几|多少)倍", t))
    it.compare = it.compare or it.times
    it.covers = bool(re.search(r"(包括|包含|涵盖|含有|含)(了)?(哪些|什么|哪几)|都有哪些(开支|费用|支出)|指的?是什么|指哪些|反映(哪些|什么)", t))
    # the year itself is compared with the document's year by the caller
    # (上年结转 / 上年结余 are rows of this year's tables, not last year)
    it.prev_year = bool(re.search(r"上年(?!结转|结余)|去年|上一年|前一年", t)) and not it.change and not it.pct_change
    return it
