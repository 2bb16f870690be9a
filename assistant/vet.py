"""The last check of an answer against the kind of figure its question asks for.

A question that asks how many (几辆车, 几家单位, how many) is answered by a count, one that
asks how much by an amount, and one that asks a rate (…率达到多少) by a rate. An answer that found something else (the cost of the cars for their
number, a contact person's name for a salary) is not the answer: it is declined, and what was
found is kept in the text as what the document says nearby. Which figure a question wants is read
from the question's own measure words, the same for every document.
"""

from __future__ import annotations

import re

from assistant.answer import Answer, Figure

__all__ = ["vet", "vet_listed"]

# the units a count is stated in
_MEASURE = r"(?:辆|家(?!庭)|人(?!员|民|大)|名(?!称)|台|套|处(?!理)|所|个(?!人)|项(?!目|支出)|份|位|条|间|栋|架|艘)"
# "几辆" / "多少个" asks a count; "哪几个" asks which, "多少个百分点" a rate
_COUNT_ASKED = re.compile(rf"(?<![哪那这])(?:几|多少)(?!个百分点){_MEASURE}|\bhow many\b(?!\s+times)", re.I)
# "有多少在编职工": people counted by what they are, without a measure word
_PEOPLE_COUNTED = re.compile(r"(?:几|多少)(?:个|名)?(?:在编|在职|实有|编制内|退休|离退休|正式)?(?:教职工|职工|员工|干部|工作人员|编制|公务员)"
                             r"(?!经费|工资|支出|费|补助|补贴|缴费|保险|的)")
_COUNT_STATED = re.compile(rf"\d+\s*{_MEASURE}|没有|无|未|\b\d+\s+[a-z]", re.I)
_COUNT_UNITS = set("辆家人名台套处所个项份位条间栋架艘")
# "多少钱" / "是多少" asks an amount (a count or a share asks otherwise)
_AMOUNT_ASKED = re.compile(r"多少(?:钱|经费|资金|预算|万元|元)?(?![辆家人名台套处所个项份位条间栋架艘倍]|百分|个百分点)|"
                           r"\bhow much\b", re.I)
# "…接听率要达到多少" asks a rate: a sum of money found for it is not the answer
_RATE_ASKED = re.compile(r"[\u4e00-\u9fff]{1,8}率(?:要|应|需)?(?:达到|是|为|定|有)?(?:了)?多少|百分之几|百分比是多少")
_MONEY_UNITS = {"元", "万元", "亿元"}
_NOT_AMOUNT = re.compile(r"百分之|占比|比例|比重|几成|share|percent|什么|哪|为什么|为何|原因|why|what|which", re.I)
# what a cited place adds to a text: page numbers, table numbers, section numbers
_PLACES = re.compile(r"第\s*\d+\s*页|p\.\s*\d+|[表附]表?\s*\d+|[（(][^（）()]*[）)]|\d+\s*[、.．]")


def _states_count(ans: Answer) -> bool:
    if any(f.unit in _COUNT_UNITS or (len(f.unit) == 1 and f.unit in _COUNT_UNITS) for f in ans.figures):
        return True
    return bool(_COUNT_STATED.search(_PLACES.sub("", ans.text)))


def _states_number(ans: Answer) -> bool:
    return bool(ans.figures) or bool(re.search(r"\d", _PLACES.sub("", ans.text)))


# what a count counts, by its measure word: cars are not bodies, people are not cars
_KIND_OF = {**dict.fromkeys("辆架艘", "vehicle"), **dict.fromkeys("人名位", "person"),
            **dict.fromkeys("个家所处项份条间栋台套", "thing")}


def _counts_other_things(question: str, ans: Answer) -> bool:
    """True when the question counts one kind of thing (几个单位) and every count the answer
    states is of another kind (0 辆)."""
    asked = _COUNT_ASKED.search(question)
    word = asked.group(0)[-1] if asked and asked.group(0)[-1] in _KIND_OF else None
    if word is None:
        return False
    stated = {f.unit for f in ans.figures if f.unit in _KIND_OF} | set(
        re.findall(rf"\d+\s*({'|'.join(_KIND_OF)})", _PLACES.sub("", ans.text)))
    kinds = {_KIND_OF[u] for u in stated}
    if not kinds:
        return False
    if word == "个":  # 个 counts anything (个编制 are people), but not cars unless cars are asked
        return kinds == {"vehicle"} and "车" not in question
    if _KIND_OF[word] == "vehicle":
        return "vehicle" not in kinds
    if _KIND_OF[word] == "person":
        return kinds == {"vehicle"}
    return kinds <= {"vehicle", "person"}  # 几家 / 几所: bodies, not cars or people


# a project the question names by its own name ("调度席位扩容项目", "市商务发展专项")
# (专项 ends a name only where the name ends: "专项普查" opens an item, it does not close one)
_PROJECT = re.compile(r"([\u4e00-\u9fff]{4,24})(?:项目|专项(?=$|[^\u4e00-\u9fff]|的|是|有|预算|安排|花|多少|一共|总共|共|今年|加|合|各|分别))"
                      r"(?!支出|经费|资金|的?(?:个数|数量))")


def _other_project(question: str, ans: Answer) -> str | None:
    """The project a question names when every figure the answer states is a table row that
    shares no part of its name (the class 卫生健康支出 for a named project): None otherwise."""
    m = _PROJECT.search(question)
    if m is None or not ans.figures:
        return None
    name = re.split(r"的|里(?!程)", m.group(1))[-1]
    name = re.sub(r"(?:这|那)?[几两一二三四五六七八九十\d]+个$", "", name)  # "…这四个专项": the name before the count
    if len(name) < 4:
        return None
    # a unit's project ("某某服务中心设备更新项目") is told by its words after the unit: the
    # unit's own row shares the unit's name, not the project's
    own = re.split(r"中心|医院|学校|学院|委员会|委|局|站|所|院|队|馆|办", name)[-1]
    key = own if len(own) >= 4 else name
    grams = {key[i:i + 3] for i in range(len(key) - 2)}
    read = [f for f in ans.figures if not f.formula]  # (a sum or share is judged by the rows it was worked from)
    if not read:
        return None
    for f in read:
        if f.source is None or not f.source.table or f.unit not in _MONEY_UNITS or "绩效" in (
                f.source.table_title or ""):
            return None  # a narrative figure or a target is judged where it is found
        said = (f.label or "") + (f.source.row or "") + (f.source.table_title or "")
        if any(g in said for g in grams):
            return None
    return name


# a carry-over asked for itself (not a total said to include or leave it out: "含上年结转",
# "不含结转", "not counting the carry-over")
_CARRY_ASKED = re.compile(r"结转|carry-?over|carried (?:over|forward)", re.I)
_CARRY_WITH = re.compile(r"(?:含|包括|包含|加上|连同|算上|不算|除去|扣除|剔除)[^，,。？?]{0,6}结转|"
                         r"including|not counting|excluding|without|apart from|except", re.I)


def _other_than_carryover(question: str, ans: Answer) -> bool:
    """True when a carry-over is asked for itself and every figure found is some other row (a
    fund's whole total)."""
    if not _CARRY_ASKED.search(question) or _CARRY_WITH.search(question) or not ans.figures:
        return False

    def names_it(f: Figure) -> bool:
        said = (f.label or "") + ((f.source.row or "") + (f.source.column or "") if f.source else "")
        return "结转" in said or any("结转" in (o.label or "") for o in f.operands or ())
    return not any(names_it(f) for f in ans.figures)


# a share that may pass 100% (a growth, a completion rate, one figure against another)
_NOT_A_PART = re.compile(r"增长|增加|下降|减少|完成|执行|相当于|是.{0,30}的(?:百分之|几)|倍")


# a performance target or indicator asked ("某项目的绩效指标有哪些")
_TARGET_ASKED = re.compile(r"绩效目标|绩效指标|目标值|performance target", re.I)


# a body named after a row of the tables: the 司法 row is not the 司法所 (a unit of the department)
_UNIT_SUFFIX = r"(?:所(?!属|有|需|得|以|在|谓)|站|队)"


def _unit_named_after_row(question: str, ans: Answer) -> str | None:
    """The unit a question names as a row's name and a suffix of bodies (司法所, 水文站), when
    every amount the answer states is that row itself: None otherwise."""
    found = None
    for f in ans.figures:
        if f.unit not in _MONEY_UNITS:
            continue
        row = re.sub(r"^[一二三四五六七八九十\d]+[、.．]\s*|（[^）]*）$|\s", "", (f.source.row if f.source else None) or "")
        m = re.search(re.escape(row) + _UNIT_SUFFIX, question) if len(row) >= 2 and not f.formula else None
        if m is None:
            return None
        found = m.group(0)
    return found


# a person's name asked ("检察长叫什么名字"): no amount answers it
_PERSON_ASKED = re.compile(r"(?:长|主任|书记|负责人|领导|主席|主管|联系人|干部)(?:的)?(?:叫什么|名字|姓名|是谁|是哪位)|"
                           r"\bwho (?:is|heads|leads|runs)\b|\bname of the (?:head|director|chief)", re.I)
# a unit of the department, as a row of a table by unit (…中心, …医院, 本级)
_UNIT_ROW = re.compile(r"(?:中心|医院|卫生院|学校|中学|小学|学院|幼儿园|馆|站|所|队|院|局|委员会|办公室|本级)$")
_ASKING = re.compile(r"的|有|是|为|多少|几|钱|预算数?|决算数?|安排了?|花了?|用了?|一共|总共|合计|共计|今年|去年|本年|全年|"
                     r"20\d\d年度?|经费|资金|支出|费用|总额|大概|大约|呢|吗|[？?。，,\s]")


def _more_than_the_unit(question: str, ans: Answer) -> str | None:
    """What a question asks of a unit beyond the unit itself ("某中心的科研经费": 科研), when every
    amount the answer states is that unit's own row with nothing of it: None otherwise."""
    found = None
    for f in ans.figures:
        if f.unit not in _MONEY_UNITS:
            continue
        row = re.sub(r"^[一二三四五六七八九十\d]+[、.．]\s*|\s", "", (f.source.row if f.source else None) or "")
        at = question.find(row) if len(row) >= 4 and _UNIT_ROW.search(row) and not f.formula else -1
        if at < 0:
            return None
        rest = _ASKING.sub("", question[at + len(row):])
        said = (f.label or "") + ((f.source.column or "") + (f.source.table_title or "") if f.source else "")
        if len(rest) < 2 or any(rest[i:i + 2] in said for i in range(len(rest) - 1)):
            return None
        found = f"{row}的{rest}"
    return found


def _declined(ans: Answer, why: str, zh: str, en: str) -> Answer:
    """``ans`` declined: what is missing said first, what was found kept as what is nearby."""
    ans.text = f"{zh}。相关的内容：{ans.text}" if ans.language != "en" else f"{en}. What it says nearby: {ans.text}"
    ans.found = False
    ans.route = f"{ans.route}:declined-{why}"
    return ans


def vet_listed(question: str, ans: Answer) -> Answer:
    """``ans``, one document's answer in a listing across documents, declined when it states
    another row than the project the question names (the measure a question asks is checked on
    the listing as a whole, by :func:`vet`)."""
    project = _other_project(question, ans) if ans.found else None
    if project is None:
        return ans
    return _declined(ans, "project", f"文件没有列出“{project}”这个项目的数",
                     f"The loaded document does not list the project {project}")


def vet(question: str, ans: Answer) -> Answer:
    """``ans``, or the same answer declined when it does not state the kind of figure asked."""
    if not ans.found:
        return ans
    if not vet_listed(question, ans).found:
        return ans  # (declined in place: a named project answered with another row)
    if _TARGET_ASKED.search(question) and ans.figures and "绩效" not in ans.text and "目标" not in ans.text:
        # a performance target asked, and what was found is an amount with no target in it
        return _declined(ans, "target", "文件没有给出所问的绩效目标",
                         "The loaded document does not state this performance target")
    if "占" in question and not _NOT_A_PART.search(question) and any(
            f.unit == "%" and f.formula and f.value > 100 for f in ans.figures[:1]):
        # a part of a whole is never more than all of it: the whole found is not the one asked
        return _declined(ans, "share", "没有找到所问的整体（算出的占比超过100%，所取的总额不是它）",
                         "The loaded document does not give the whole this is a share of")
    if _other_than_carryover(question, ans):
        return _declined(ans, "carryover", "文件没有给出所问的结转数",
                         "The loaded document does not give this carry-over")
    if _PERSON_ASKED.search(question) and ans.figures and all(f.unit in _MONEY_UNITS for f in ans.figures):
        return _declined(ans, "person", "文件没有给出所问的人", "The loaded document does not name this person")
    beyond = _more_than_the_unit(question, ans)
    if beyond is not None:
        return _declined(ans, "unit-item", f"文件没有分列“{beyond}”（找到的是这个单位的总数）",
                         f"The loaded document does not break out {beyond}")
    unit = _unit_named_after_row(question, ans)
    if unit is not None:
        return _declined(ans, "unit", f"文件没有分列“{unit}”的数字（表中的同名科目是整个部门的）",
                         f"The loaded document does not break out {unit}")
    if _PEOPLE_COUNTED.search(question) and not _states_count(ans) or _COUNT_ASKED.search(question) and (
            not _states_count(ans) or _counts_other_things(question, ans)):
        what = "数量" if ans.language == "zh" else "number"
    elif (_RATE_ASKED.search(question) and ans.figures and all(f.unit in _MONEY_UNITS for f in ans.figures)
          and "%" not in ans.text):
        what = "比率" if ans.language == "zh" else "rate"
    elif (_AMOUNT_ASKED.search(question) and not _COUNT_ASKED.search(question)
          and not _NOT_AMOUNT.search(question) and not _states_number(ans)):
        what = "金额" if ans.language == "zh" else "amount"
    else:
        return ans
    if ans.language == "en":
        ans.text = f"The loaded document does not give this {what}. What it says nearby: {ans.text}"
    else:
        ans.text = f"文件没有给出所问的{what}。相关的内容：{ans.text}"
    ans.found = False
    kind = {"数量": "count", "number": "count", "比率": "rate", "rate": "rate"}.get(what, "amount")
    ans.route = f"{ans.route}:declined-{kind}"
    return ans
