"""Real national classification codes used by the variant documents, and tree sums."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

# 支出功能分类科目 (类 / 款 / 项)
FUNCTION = {
    "201": "一般公共服务支出", "20106": "财政事务", "2010601": "行政运行", "2010602": "一般行政管理事务",
    "2010607": "信息化建设", "2010608": "财政委托业务支出",
    "208": "社会保障和就业支出", "20805": "行政事业单位养老支出", "2080501": "行政单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出", "2080506": "机关事业单位职业年金缴费支出",
    "210": "卫生健康支出", "21001": "卫生健康管理事务", "2100101": "行政运行", "2100102": "一般行政管理事务",
    "21004": "公共卫生", "2100401": "疾病预防控制机构", "2100409": "重大公共卫生服务",
    "21011": "行政事业单位医疗", "2101101": "行政单位医疗", "2101102": "事业单位医疗",
    "2101199": "其他行政事业单位医疗支出",
    "221": "住房保障支出", "22102": "住房改革支出", "2210201": "住房公积金",
}

# 部门预算支出经济分类科目
ECON = {
    "301": "工资福利支出", "30101": "基本工资", "30102": "津贴补贴", "30103": "奖金",
    "30108": "机关事业单位基本养老保险缴费", "30109": "职业年金缴费", "30110": "职工基本医疗保险缴费",
    "30113": "住房公积金",
    "302": "商品和服务支出", "30201": "办公费", "30211": "差旅费", "30216": "培训费", "30217": "公务接待费",
    "30228": "工会经费", "30231": "公务用车运行维护费", "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助", "30302": "退休费", "30305": "生活补助",
}

# 政府预算支出经济分类科目
GOV_ECON = {
    "501": "机关工资福利支出", "50101": "工资奖金津补贴", "50102": "社会保障缴费", "50103": "住房公积金",
    "502": "机关商品和服务支出", "50201": "办公经费", "50203": "培训费", "50206": "公务接待费",
    "50208": "公务用车运行维护费", "50299": "其他商品和服务支出",
    "509": "对个人和家庭的补助", "50901": "社会福利和救助", "50905": "离退休费",
}


def parents(code: str) -> list[str]:
    """"2080501" → ["208", "20805"]; "30101" → ["301"]."""
    return [code[:n] for n in (3, 5) if n < len(code)]


def tree(leaves: dict[str, list[Decimal | None]], width: int) -> list[tuple[str, list[Decimal | None]]]:
    """Leaves (code → values) with their 类/款 rows summed in, in code order (parents first)."""
    sums: dict[str, list[Decimal | None]] = {}

    def add(code: str, vals: list[Decimal | None]) -> None:
        cur = sums.setdefault(code, [None] * width)
        for i, v in enumerate(vals):
            if v is not None:
                cur[i] = (cur[i] or Decimal(0)) + v

    for code, vals in leaves.items():
        add(code, vals)
        for p in parents(code):
            add(p, vals)
    return sorted(sums.items(), key=lambda kv: (kv[0][:3], kv[0][:5] if len(kv[0]) >= 5 else "", len(kv[0]), kv[0]))


def column_sum(rows: list[list[Decimal | None]], i: int) -> Decimal | None:
    vals = [r[i] for r in rows if r[i] is not None]
    return sum(vals, Decimal(0)) if vals else None


def blank_zero(v: Decimal | None, as_: Callable[[Decimal], object] | None = None) -> Decimal | None:
    return None if v is None or v == 0 else v

# 农林水 codes of the water-resources variant
FUNCTION.update({
    "213": "农林水支出", "21303": "水利", "2130301": "行政运行", "2130304": "水利行业业务管理",
    "2130305": "水利工程建设", "2130306": "水利工程运行与维护", "2130314": "防汛",
    "20805": "行政事业单位养老支出", "21011": "行政事业单位医疗",
})
ECON.update({"30107": "绩效工资", "30205": "水费", "30206": "电费", "30213": "维修（护）费", "30226": "劳务费"})

# 市场监督管理 codes of the market-regulation variant
FUNCTION.update({
    "20138": "市场监督管理事务", "2013801": "行政运行", "2013804": "市场主体管理",
    "2013812": "药品事务", "2013816": "食品安全监管",
})
