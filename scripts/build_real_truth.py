"""Truth files for the real disclosures in shared/corpus/real, read from the PDFs.

This reading is kept apart from the project's parser on purpose: it uses only
pdfplumber's words and ruling edges, with a hand-written spec per document
(table pages, the names of the ruled columns, which columns carry the code),
so that comparing its output with the parser's finds the parser's mistakes.

How a table is read:

* rows are the bands between the table's horizontal rules (or, where a table
  has no rules, lines of words grouped by their vertical position);
* columns are the bands between its vertical rules, named in the spec; a word
  belongs to the cell that holds its centre;
* a row is kept when it has a code, a figure, or a total's name; header rows
  are dropped; codes split over 类/款/项 columns are joined.

Each table is then checked with its own arithmetic (children sum to their
parent, 基本支出 + 项目支出 = 合计, the two sides of a 收支总表 balance, totals
agree across tables) and every difference is printed.  A difference of 0.01 is
rounding; anything else is a figure as printed, listed in tests/real/README.md.

``python scripts/build_real_truth.py [slug…]`` writes tests/real/<slug>.truth.json.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import sys
from decimal import Decimal

import pdfplumber

ROOT = pathlib.Path(__file__).resolve().parents[1]
REAL = pathlib.Path(os.environ.get("BUDGET_QA_SHARED") or ROOT.parent / "shared") / "corpus" / "real"
OUT = ROOT / "tests" / "real"

NUM = re.compile(r"^-?[\d,]+(\.\d+)?$")
TOTAL_NAMES = {"合计", "总计", "收入总计", "支出总计", "本年收入合计", "本年支出合计"}

# --------------------------------------------------------------------------- reading


def _merge(xs: list[float], tol: float = 2.5) -> list[float]:
    out: list[float] = []
    for x in sorted(xs):
        if out and x - out[-1] <= tol:
            continue
        out.append(x)
    return out


def page_words(page) -> list[dict]:
    return page.extract_words(x_tolerance=1.5, y_tolerance=2)


def _dark(color) -> bool:
    if color is None:
        return True
    c = color if isinstance(color, (list, tuple)) else (color,)
    if len(c) == 4:  # CMYK
        return c[3] >= 0.5 or max(c[:3]) >= 0.5
    return max(c) <= 0.5


def rule_segments(page) -> list[dict]:
    """Visible rules: lines, and thin dark-filled or stroked rectangles (Word draws white cell
    backgrounds as rectangles too; their edges are not rules)."""
    segs = []
    for ln in page.lines:
        segs.append({"x0": ln["x0"], "x1": ln["x1"], "top": ln["top"], "bottom": ln["bottom"]})
    for r in page.rects:
        thin = r["height"] <= 2.5 or r["width"] <= 2.5
        if r.get("stroke") and not thin:
            for e in ({"x0": r["x0"], "x1": r["x1"], "top": r["top"], "bottom": r["top"]},
                      {"x0": r["x0"], "x1": r["x1"], "top": r["bottom"], "bottom": r["bottom"]},
                      {"x0": r["x0"], "x1": r["x0"], "top": r["top"], "bottom": r["bottom"]},
                      {"x0": r["x1"], "x1": r["x1"], "top": r["top"], "bottom": r["bottom"]}):
                segs.append(e)
        elif thin and ((r.get("fill") and _dark(r.get("non_stroking_color"))) or r.get("stroke")):
            segs.append({"x0": r["x0"], "x1": r["x1"], "top": r["top"], "bottom": r["bottom"]})
    if not segs:  # some producers (the Guangzhou budget) draw every rule as a thin filled path
        for c in page.curves:
            thin = c["bottom"] - c["top"] <= 2.5 or c["x1"] - c["x0"] <= 2.5
            if thin and c.get("fill") and _dark(c.get("non_stroking_color")):
                segs.append({"x0": c["x0"], "x1": c["x1"], "top": c["top"], "bottom": c["bottom"]})
    return segs


def v_rules(page, top: float, bottom: float) -> list[float]:
    xs = [(e["x0"] + e["x1"]) / 2 for e in rule_segments(page)
          if e["x1"] - e["x0"] <= 2.5 and e["bottom"] - e["top"] > 5 and e["bottom"] > top and e["top"] < bottom]
    return _merge(xs)


def h_rules(page, x0: float, x1: float) -> list[float]:
    ys = [(e["top"] + e["bottom"]) / 2 for e in rule_segments(page)
          if e["bottom"] - e["top"] <= 2.5 and e["x1"] - e["x0"] > 15 and e["x1"] > x0 + 5 and e["x0"] < x1 - 5]
    return _merge(ys, 1.5)


def bands_by_lines(words: list[dict], tol: float = 4.0) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"] + w["bottom"]) / 2):
        c = (w["top"] + w["bottom"]) / 2
        if lines and abs(c - lines[-1][-1]["_c"]) <= tol:
            lines[-1].append(w)
        else:
            lines.append([w])
        w["_c"] = c
    return lines


PUNCT = set("、，,：:。；;()（）")


def cell_text(items: list[dict]) -> str:
    """Lines of a cell top to bottom, each left to right; a line of lone punctuation (a raised 、)
    belongs to the line above it."""
    lines = [sorted(ln, key=lambda w: w["x0"]) for ln in bands_by_lines(items, 2.5)]
    merged: list[list[dict]] = []
    for ln in lines:
        if merged and all(set(w["text"]) <= PUNCT for w in ln):
            merged[-1] = sorted(merged[-1] + ln, key=lambda w: w["x0"])
        else:
            merged.append(ln)
    return "".join(w["text"] for ln in merged for w in ln).strip()


def grid(page, cols: list[float] | None, top: float, bottom: float, use_rules: bool = True,
         line_tol: float = 4.0, chars: bool = False) -> list[list[str]]:
    """The cells of the table region of one page: a list of rows of cell texts.

    With chars=True the cells are built from single characters, for PDFs whose figures in
    neighbouring columns touch and come out of word extraction as one word."""
    items = [dict(c) for c in page.chars if c["text"].strip()] if chars else page_words(page)
    words = [w for w in items if top <= (w["top"] + w["bottom"]) / 2 <= bottom]
    if not words:
        return []
    if cols is None:
        cols = v_rules(page, top, bottom)
    ys = h_rules(page, cols[0], cols[-1]) if use_rules else []
    ys = [y for y in ys if top - 30 <= y <= bottom + 30]
    rows: list[list[dict]]
    if use_rules and len(ys) >= 3:
        rows = [[] for _ in range(len(ys) + 1)]
        for w in words:
            # a character's box runs well below its glyph, so its upper part places it in a row
            c = w["top"] + 0.3 * (w["bottom"] - w["top"]) if chars else (w["top"] + w["bottom"]) / 2
            if not ys[0] < c < ys[-1]:
                continue  # title, unit line and notes lie outside the ruled area
            i = sum(1 for y in ys if y < c)
            rows[i].append(w)
        rows = [r for r in rows if r]
    else:
        rows = bands_by_lines(words, line_tol)
    out = []
    for r in rows:
        cells = [[] for _ in range(len(cols) - 1)]
        for w in r:
            c = (w["x0"] + w["x1"]) / 2
            for i in range(len(cols) - 1):
                if cols[i] <= c < cols[i + 1]:
                    cells[i].append(w)
                    break
        texts = []
        for cell in cells:
            if chars:
                texts.append(cell_text(cell) if cell else "")
                continue
            cell.sort(key=lambda w: (round(w["top"] / 4), w["x0"]))
            texts.append("".join(w["text"] for w in cell).strip())
        out.append(texts)
    return out


def number(s: str):
    s = s.replace(",", "").replace("，", "").strip()
    if s in ("", "-", "—", "/", "--"):
        return None
    if not NUM.match(s):
        return s
    d = Decimal(s)
    return int(d) if d == d.to_integral_value() and "." not in s else float(d)


def is_num(s: str) -> bool:
    return bool(s) and bool(NUM.match(s.replace(",", "")))


# --------------------------------------------------------------------------- table kinds


def not_body(name: str) -> bool:
    """Title and 编制单位 lines that fall inside a ruled frame."""
    return name.startswith("编制") or name.endswith("表") or name.startswith("单位：")


def read_coded(pdf, t: dict) -> list[dict]:
    """A table with code columns (类/款/项 or one code column), a name column and value columns.

    t["layout"] lists the ruled columns: "code" parts, "name", value column names, or None to skip.
    """
    rows: list[dict] = []
    layout = t["layout"]
    for pn in range(t["page"], t["page_end"] + 1):
        page = pdf.pages[pn - 1]
        top, bottom = t.get("region", {}).get(pn, (0, page.height))
        # continuation pages have the first page's columns (a lone 合计 row has fewer rules)
        cols = t.get("cols") or v_rules(pdf.pages[t["page"] - 1], *t.get("region", {}).get(t["page"], (0, page.height)))
        if t.get("page_cols"):  # each page rules its own columns (widths differ from page to page)
            cols = v_rules(page, top, bottom)
        cells_rows = grid(page, cols, top, bottom, use_rules=t.get("rules", True), chars=t.get("chars", False))
        for cells in cells_rows:
            if len(cells) != len(layout):
                raise SystemExit(f"{t['table_id']} p{pn}: {len(cells)} columns, layout has {len(layout)}: {cells}")
            parts = [c for c, k in zip(cells, layout) if k == "code"]
            parts = [p for p in parts if p]
            if len(parts) > 1 and any(len(p) == 1 and p.isdigit() for p in parts[1:]):
                print(f"   (note: {t['table_id']} p{pn} prints code parts {parts}; read as two-digit 款/项)")
            code = "".join(parts[:1] + [p.zfill(2) if p.isdigit() else p for p in parts[1:]])
            name = "".join(c for c, k in zip(cells, layout) if k == "name")
            vals = {k: c for c, k in zip(cells, layout) if k not in ("code", "name", None)}
            if code and not code.isdigit():
                code, name = "", code + name  # a header (类 款 项) or a total merged over code and name
            if not_body(name):
                continue
            has_num = any(is_num(v) for v in vals.values())
            if not (code or has_num or name in TOTAL_NAMES):
                if rows and name and not any(vals.values()) and t.get("wrap_names"):
                    rows[-1]["name"] += name  # a name wrapped onto its own line
                continue
            rows.append({"code": code or None, "name": name,
                         "values": {k: number(v) for k, v in vals.items()}})
    return rows


def read_two_sided(pdf, t: dict) -> list[dict]:
    """A 收支总表: income item/amount columns on the left, expenditure on the right.

    Layout keys are "<group>:name" and "<group>:<column>"; a group is a side (收入, 支出), or a side
    with a suffix ("支出#用途") when one side prints two lists next to each other.  A total whose
    label is merged across one list and whose figure sits in the next list's column is read as one row.
    """
    rows: list[dict] = []
    layout = t["layout"]  # e.g. ["收入:name", "收入:预算数", "支出:name", "支出:预算数"]
    groups = list(dict.fromkeys(k.split(":")[0] for k in layout if k))
    for pn in range(t["page"], t["page_end"] + 1):
        page = pdf.pages[pn - 1]
        top, bottom = t.get("region", {}).get(pn, (0, page.height))
        cols = t.get("cols") or v_rules(page, top, bottom)
        page_rows_seen = False
        for cells in grid(page, cols, top, bottom, use_rules=t.get("rules", True), chars=t.get("chars", False)):
            if len(cells) != len(layout):
                raise SystemExit(f"{t['table_id']} p{pn}: {len(cells)} columns, layout has {len(layout)}: {cells}")
            parts = []
            for g in groups:
                name = "".join(c for c, k in zip(cells, layout) if k == f"{g}:name")
                vals = {k.split(":", 1)[1]: c for c, k in zip(cells, layout)
                        if k and k.startswith(g + ":") and k != f"{g}:name"}
                parts.append([g, name, vals])
            for i in range(len(parts) - 1):  # a merged label: text in the name and value cells, figure next door
                g, name, vals = parts[i]
                g2, name2, vals2 = parts[i + 1]
                text = "".join(v for v in vals.values() if v and not is_num(v))
                if (g.split("#")[0] == g2.split("#")[0] and not name and not name2 and text
                        and (any(is_num(v) for v in vals2.values()) or not any(vals2.values()))
                        and not any(is_num(v) for v in vals.values())):
                    parts[i + 1][1] = text
                    parts[i][1] = ""
            for g, name, vals in parts:
                side = g.split("#")[0]
                if not name or name in t.get("header_names", ()) or not_body(name):
                    continue
                prev = [r for r in rows if r["side"] == side]
                if (pn > t["page"] and not page_rows_seen and prev and len(name) <= 3 and not any(vals.values())
                        and not ORDINAL.match(name) and not re.match(r"^\d", name)):
                    prev[-1]["name"] += name  # the rest of a name broken by the page break
                    continue
                if any(v and not is_num(v) for v in vals.values()):
                    continue  # header row
                rows.append({"side": side, "code": None, "name": name,
                             "values": {k: number(v) for k, v in vals.items()}})
            if any(p[1] for p in parts):
                page_rows_seen = True
    return rows


# --------------------------------------------------------------------------- checks


class Checker:
    def __init__(self, slug: str):
        self.slug = slug
        self.problems: list[str] = []
        self.passed: list[str] = []

    def eq(self, what: str, a, b) -> None:
        a = Decimal(str(a or 0))
        b = Decimal(str(b or 0))
        d = abs(a - b)
        if d == 0:
            return
        if d <= Decimal("0.011"):
            self.problems.append(f"ROUNDING {what}: {a} vs {b}")
        else:
            self.problems.append(f"DIFF {what}: printed {a}, computed/other {b} (diff {a - b})")

    def ok(self, what: str) -> None:
        self.passed.append(what)


def _sum(vals):
    return sum((Decimal(str(v)) for v in vals if isinstance(v, (int, float))), Decimal(0))


def check_hierarchy(ck: Checker, t: dict, levels=(3, 5, 7)) -> None:
    rows = [r for r in t["rows"] if r.get("code")]
    cols = [c for c in t["columns"] if any(isinstance(r["values"].get(c), (int, float)) for r in t["rows"])]
    n = 0
    for r in rows:
        code = r["code"]
        if len(code) not in levels[:-1]:
            continue
        nxt = levels[levels.index(len(code)) + 1]
        kids = [k for k in rows if len(k["code"]) == nxt and k["code"].startswith(code)]
        if not kids:
            continue
        for c in cols:
            n += 1
            ck.eq(f"{t['table_id']} p{t['page']} {code} {r['name']} [{c}] = sum of {len(kids)} children",
                  r["values"].get(c), _sum(k["values"].get(c) for k in kids))
    tops = [r for r in rows if len(r["code"]) == levels[0]]
    tot = [r for r in t["rows"] if not r.get("code") and r["name"] in TOTAL_NAMES]
    if tops and tot:
        for c in cols:
            n += 1
            ck.eq(f"{t['table_id']} {tot[0]['name']} [{c}] = sum of {len(tops)} top-level rows",
                  tot[0]["values"].get(c), _sum(r["values"].get(c) for r in tops))
    ck.ok(f"{t['table_id']}: {n} parent/child sums")


def check_columns(ck: Checker, t: dict, total: str, parts: list[str]) -> None:
    for r in t["rows"]:
        ck.eq(f"{t['table_id']} {r.get('code') or ''} {r['name']} [{total}] = {'+'.join(parts)}",
              r["values"].get(total), _sum(r["values"].get(p) for p in parts))
    ck.ok(f"{t['table_id']}: {total} = {' + '.join(parts)} on {len(t['rows'])} rows")


def value_of(doc: dict, table_id: str, name: str, column: str, side: str | None = None):
    for t in doc["tables"]:
        if t["table_id"] != table_id:
            continue
        for r in t["rows"]:
            if (r.get("code") == name or r["name"] == name) and (side is None or r.get("side") == side):
                return r["values"].get(column)
    raise KeyError((table_id, name, column, side))


def check_same(ck: Checker, doc: dict, a: tuple, b: tuple) -> None:
    va, vb = value_of(doc, *a), value_of(doc, *b)
    ck.eq(f"{a} = {b}", va, vb)
    ck.ok(f"{a[0]} {a[1]} [{a[2]}] = {b[0]} {b[1]} [{b[2]}]")


def check_same_rows(ck: Checker, doc: dict, ta: str, tb: str, cols: list[tuple[str, str]]) -> None:
    """Every coded row of table ta equals the row with the same code in tb, column by column."""
    A = {r["code"]: r for t in doc["tables"] if t["table_id"] == ta for r in t["rows"] if r.get("code")}
    B = {r["code"]: r for t in doc["tables"] if t["table_id"] == tb for r in t["rows"] if r.get("code")}
    if set(A) != set(B):
        ck.problems.append(f"CODES {ta} vs {tb}: only in {ta}: {sorted(set(A) - set(B))}, only in {tb}: {sorted(set(B) - set(A))}")
    for code in sorted(set(A) & set(B)):
        for ca, cb in cols:
            ck.eq(f"{ta} {code} [{ca}] = {tb} {code} [{cb}]", A[code]["values"].get(ca), B[code]["values"].get(cb))
    ck.ok(f"{ta} rows = {tb} rows ({len(A)} codes, columns {cols})")


def check_side_sum(ck: Checker, t: dict, side: str, total: str, items: list[str], col: str) -> None:
    rows = {r["name"]: r for r in t["rows"] if r.get("side") == side}
    ck.eq(f"{t['table_id']} {side} {total} [{col}] = sum of {items}", rows[total]["values"].get(col),
          _sum(rows[i]["values"].get(col) for i in items))
    ck.ok(f"{t['table_id']} {side}: {total} = sum of {len(items)} items [{col}]")


# --------------------------------------------------------------------------- documents

DOCS: dict[str, dict] = {}  # filled in below, one spec per document


def read_blocks(pdf, t: dict) -> list[dict]:
    """A table printed as two blocks side by side (code, name, figure | code, name, figure)."""
    rows: dict[str, list[dict]] = {}
    layout = t["layout"]
    blocks = sorted({k.split(":")[0] for k in layout})
    for pn in range(t["page"], t["page_end"] + 1):
        page = pdf.pages[pn - 1]
        cols = t.get("cols") or v_rules(pdf.pages[t["page"] - 1], 0, page.height)
        for cells in grid(page, cols, 0, page.height):
            if len(cells) != len(layout):
                raise SystemExit(f"{t['table_id']} p{pn}: {len(cells)} columns, layout has {len(layout)}: {cells}")
            for b in blocks:
                cell = {k.split(":")[1]: c for c, k in zip(cells, layout) if k.startswith(b + ":")}
                code, name = cell.pop("code"), cell.pop("name")
                if code and not code.isdigit():
                    code, name = "", code + name  # a total's name spans the code and name cells
                if not_body(name) or not (code or name in t.get("total_names", ())):
                    continue
                if any(v and not is_num(v) for v in cell.values()):
                    continue
                rows.setdefault(b, []).append({"code": code or None, "name": name,
                                               "values": {k: number(v) for k, v in cell.items()}})
    return [r for b in blocks for r in rows.get(b, [])]


def read_procurement(pdf, t: dict) -> list[dict]:
    """A 政府采购 list: one ruled row per line of the hierarchy 品目大类 > 专项 > 经济科目 > 采购物品.

    The row's name is its own (deepest) item; 采购组织形式 and the amount are its values; `category`
    is the 品目大类 (货物/工程/服务) it falls under; `level` says which column the name came from.
    """
    rows: list[dict] = []
    layout = t["layout"]  # e.g. ["品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"]
    levels = layout[:4]
    category = None
    for pn in range(t["page"], t["page_end"] + 1):
        page = pdf.pages[pn - 1]
        top, bottom = t["region"][pn]
        cols = t.get("cols") or v_rules(pdf.pages[t["page"] - 1], *t["region"][t["page"]])
        for cells in grid(page, cols, top, bottom):
            cell = dict(zip(layout, cells))
            if not is_num(cell[layout[-1]]) and cell[layout[-1]]:
                continue  # header
            named = [(k, cell[k]) for k in levels if cell[k]]
            if not named and is_num(cell[layout[-1]]) and rows and rows[-1]["level"] == levels[-1]:
                named = [(levels[-1], rows[-1]["name"])]  # an item cell merged over two 采购组织形式 rows
            if not named:
                continue
            level, name = named[-1]
            if name.startswith("采购品目") or name in ("类", "专项名称"):
                continue  # header cells
            if (level == levels[-1] and len(name) <= 2 and rows and rows[-1]["level"] == level
                    and len(named) == 1):  # an item cell merged over two rows, its text split between them
                rows[-1]["name"] += name
                name = rows[-1]["name"]
            m = re.match(r"^[一二三]、(货物|工程|服务)", name)
            if m:
                category = m.group(1)
            rows.append({"code": None, "name": name, "category": None if name == "合计" else category, "level": level,
                         "values": {k: (number(cell[k]) if k == layout[-1] else (cell[k] or None))
                                    for k in [layout[1]] + layout[4:]}})
    return rows


def read_income_groups(pdf, t: dict) -> list[dict]:
    """The Jiangsu 收入预算总表: a merged category cell (一般公共预算资金, 其他资金, …) beside its items,
    each group opening with 小计.  Items keep their own name; a 小计 is named after its category."""
    page = pdf.pages[t["page"] - 1]
    top, bottom = t["region"][t["page"]]
    cols = t.get("cols") or v_rules(page, top, bottom)
    bands = [c for c in grid(page, cols, top, bottom) if any(c)]
    rows: list[dict] = []
    groups: list[list] = []  # [category text, [row indexes]]
    for cat, item, amount in bands:
        if not item and cat in ("收入总计", "合计"):
            item, cat = cat, ""
        if item in ("项目名称", "") or amount == "金额":
            continue
        rows.append({"code": None, "name": item, "values": {"金额": number(amount)}})
        if item == "小计":
            groups.append(["", []])
        if groups and item != "收入总计":
            groups[-1][0] += cat
            groups[-1][1].append(len(rows) - 1)
    for cat, idx in groups:
        rows[idx[0]]["name"] = cat + "小计"
    return rows


def page_title(page, top: float = 0) -> str:
    """The table title: the first line below `top` (and near it) that names a 表."""
    words = [w for w in page_words(page) if top - 1 <= w["top"] < top + page.height * 0.4]
    for line in bands_by_lines(words):
        text = "".join(w["text"] for w in sorted(line, key=lambda w: w["x0"]))
        if "年度部门决算表" in text or "年度部门预算表" in text or re.fullmatch(r"公开\d\d表", text):
            continue  # the heading over all tables, or a table's label, not its title
        if text.endswith("表") or re.search(r"表$|表（|表\(", text):
            return text
    return ""


def read_single(pdf, t: dict) -> list[dict]:
    """A one-row table (the 三公 table): the row of figures under the header."""
    page = pdf.pages[t["page"] - 1]
    top, bottom = t.get("region", {}).get(t["page"], (0, page.height))
    cols = t.get("cols") or v_rules(page, top, bottom)
    rows = []
    for cells in grid(page, cols, top, bottom, use_rules=t.get("rules", True), chars=t.get("chars", False)):
        if len(cells) != len(t["layout"]):
            raise SystemExit(f"{t['table_id']}: {len(cells)} columns, layout has {len(t['layout'])}: {cells}")
        if all(c == "" or is_num(c) for c in cells) and any(cells):
            rows.append({"code": None, "name": t["row_name"],
                         "values": {k: number(c) for c, k in zip(cells, t["layout"]) if k}})
    if not rows:  # a blank template: the figure row is empty
        rows.append({"code": None, "name": t["row_name"], "values": {k: None for k in t["layout"] if k}})
    return rows


def build(slug: str) -> tuple[dict, Checker]:
    spec = DOCS[slug]
    path = REAL / f"{slug}.pdf"
    doc = {k: spec[k] for k in ("issuer", "title", "doc_type", "year")}
    doc = {"doc_id": slug, **doc, "fictional": False, "unit": spec["unit"]}
    tables = []
    with pdfplumber.open(path) as pdf:
        doc["pages"] = len(pdf.pages)
        for t in spec["tables"]:
            kind = t.get("kind", "coded")
            if kind == "coded":
                rows = read_coded(pdf, t)
            elif kind == "two_sided":
                rows = read_two_sided(pdf, t)
            elif kind == "procurement":
                rows = read_procurement(pdf, t)
            elif kind == "income_groups":
                rows = read_income_groups(pdf, t)
            elif kind == "blocks":
                rows = read_blocks(pdf, t)
            elif kind == "single":
                rows = read_single(pdf, t)
            elif kind == "given":
                rows = t["rows"]
            else:
                raise SystemExit(kind)
            if "fix" in t:
                rows = t["fix"](rows)
            printed = page_title(pdf.pages[t["page"] - 1], t.get("region", {}).get(t["page"], (0, 0))[0])
            if t.get("keep_title"):
                printed = t["title"]
            if printed != t["title"]:
                print(f"   (title of {t['table_id']} as printed: {printed!r}, spec says {t['title']!r}; printed kept)")
                t["title"] = printed
            out = {k: t[k] for k in ("table_id", "role", "title", "unit", "page", "page_end", "columns")}
            if kind == "two_sided":
                out["column_groups"] = t["column_groups"]
            if t.get("note"):
                out["note"] = t["note"]
            out["rows"] = rows
            tables.append(out)
    doc["tables"] = tables
    ck = Checker(slug)
    try:
        spec["checks"](ck, doc)
    except Exception as exc:  # a check that cannot run is a finding too
        ck.problems.append(f"CHECK ERROR {exc!r}")
    return doc, ck


# --------------------------------------------------------------------------- 上海市普陀区 budgets
# Nine tables numbered 1–9 in the 目录 (the tables themselves print no number), in 元
# except the 三公 table (万元).  功能分类 codes in 类/款/项 columns, 经济分类 in 类/款.

FUNC3 = ["code", "code", "code", "name"]
SANGONG_COLS = ["合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费小计", "公务用车购置费",
                "公务用车运行费", "机关运行经费预算数"]


def putuo_budget(issuer: str, year: int, pages: dict, title_prefix: str = "部门", kind: str = "部门预算",
                 income_cols=("合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"),
                 summary_exp=("预算数",), extra_checks=None, running_cost_col: str = "机关运行经费预算数") -> dict:
    y = str(year)
    P = title_prefix
    T = []

    def add(n, role, title, unit, kind_, **kw):
        a, b = pages[n]
        T.append({"table_id": str(n), "role": role, "title": title, "unit": unit, "page": a, "page_end": b,
                  "kind": kind_, **kw})

    exp1 = list(summary_exp)
    add(1, "dept_summary", f"{y}年{P}财务收支预算总表", "元", "two_sided",
        columns=["预算数"] + [c for c in exp1 if c != "预算数"], column_groups={"收入": ["预算数"], "支出": exp1},
        layout=["收入:name", "收入:预算数", "支出:name"] + [f"支出:{c}" for c in exp1],
        header_names={"本年收入", "本年支出", "项目"})
    add(2, "dept_income", f"{y}年{P}收入预算总表", "元", "coded",
        columns=list(income_cols), layout=FUNC3 + list(income_cols))
    add(3, "dept_exp", f"{y}年{P}支出预算总表", "元", "coded",
        columns=["合计", "基本支出", "项目支出"], layout=FUNC3 + ["合计", "基本支出", "项目支出"])
    fin_cols = ["预算数", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
    add(4, "fin_summary", f"{y}年{P}财政拨款收支预算总表", "元", "two_sided",
        columns=fin_cols, column_groups={"收入": ["预算数"], "支出": fin_cols[1:]},
        layout=["收入:name", "收入:预算数", "支出:name"] + [f"支出:{c}" for c in fin_cols[1:]],
        header_names={"财政拨款收入", "财政拨款支出", "项目"})
    for n, role, what in ((5, "gpb_exp", "一般公共预算"), (6, "fund_exp", "政府性基金预算"),
                          (7, "soe_exp", "国有资本经营预算")):
        add(n, role, f"{y}年{P}{what}支出功能分类预算表", "元", "coded",
            columns=["合计", "基本支出", "项目支出"], layout=FUNC3 + ["合计", "基本支出", "项目支出"])
    add(8, "gpb_basic", f"{y}年{P}一般公共预算基本支出{P if P == '部门' else P}预算经济分类预算表", "元", "coded",
        columns=["合计", "人员经费", "公用经费"], layout=["code", "code", "name", "合计", "人员经费", "公用经费"])
    sangong_cols = SANGONG_COLS[:-1] + [running_cost_col]
    add(9, "sangong", f"{y}年{P}“三公”经费和机关运行经费预算表", "万元", "single",
        columns=sangong_cols, layout=sangong_cols, row_name=f"{y}年预算数")

    def checks(ck: Checker, doc: dict) -> None:
        t = {x["table_id"]: x for x in doc["tables"]}
        check_hierarchy(ck, t["2"])
        check_columns(ck, t["2"], "合计", list(income_cols[1:]))
        for n in ("3", "5", "6", "7"):
            check_hierarchy(ck, t[n])
            check_columns(ck, t[n], "合计", ["基本支出", "项目支出"])
        check_hierarchy(ck, t["8"], levels=(3, 5))
        check_columns(ck, t["8"], "合计", ["人员经费", "公用经费"])
        s1 = {r["name"]: r for r in t["1"]["rows"]}
        inc = [r["name"] for r in t["1"]["rows"] if r["side"] == "收入" and re.match("^[一二三四五六七八九十]+、", r["name"])]
        exp = [r["name"] for r in t["1"]["rows"] if r["side"] == "支出" and r["name"] != "支出总计"]
        check_side_sum(ck, t["1"], "收入", "收入总计", inc, "预算数")
        check_side_sum(ck, t["1"], "收入", "一、财政拨款收入",
                       [r["name"] for r in t["1"]["rows"] if r["side"] == "收入" and re.match(r"^\d[.、．]", r["name"])], "预算数")
        for c in exp1:
            check_side_sum(ck, t["1"], "支出", "支出总计", exp, c)
        if len(exp1) > 1:
            for r in t["1"]["rows"]:
                if r["side"] == "支出":
                    check_columns(ck, {"table_id": "1", "rows": [r]}, exp1[0], exp1[1:])
        check_same(ck, doc, ("1", "收入总计", "预算数", "收入"), ("1", "支出总计", exp1[0], "支出"))
        inc4 = [r["name"] for r in t["4"]["rows"] if r["side"] == "收入" and r["name"] != "收入总计"]
        exp4 = [r["name"] for r in t["4"]["rows"] if r["side"] == "支出" and r["name"] != "支出总计"]
        check_side_sum(ck, t["4"], "收入", "收入总计", inc4, "预算数")
        for c in fin_cols[1:]:
            check_side_sum(ck, t["4"], "支出", "支出总计", exp4, c)
        for r in t["4"]["rows"]:
            if r["side"] == "支出":
                check_columns(ck, {"table_id": "4", "rows": [r]}, "合计", fin_cols[2:])
        check_same(ck, doc, ("4", "收入总计", "预算数", "收入"), ("4", "支出总计", "合计", "支出"))
        check_same(ck, doc, ("1", "收入总计", "预算数", "收入"), ("2", "合计", "合计"))
        check_same(ck, doc, ("2", "合计", "合计"), ("3", "合计", "合计"))
        check_same(ck, doc, ("4", "支出总计", "一般公共预算", "支出"), ("5", "合计", "合计"))
        check_same(ck, doc, ("5", "合计", "基本支出"), ("8", "合计", "合计"))
        check_same_rows(ck, doc, "2", "3", [("合计", "合计")])
        s9 = t["9"]["rows"][0]["values"]
        ck.eq("9 合计 = 因公出国 + 公务接待 + 公务用车小计", s9["合计"],
              _sum([s9["因公出国（境）费"], s9["公务接待费"], s9["公务用车购置及运行费小计"]]))
        ck.eq("9 公务用车小计 = 购置 + 运行", s9["公务用车购置及运行费小计"],
              _sum([s9["公务用车购置费"], s9["公务用车运行费"]]))
        ck.ok("9: 合计 = 因公出国 + 公务接待 + 公务用车; 小计 = 购置 + 运行")
        if extra_checks:
            extra_checks(ck, doc)

    return {"issuer": issuer, "title": f"上海市普陀区{y}年区级{kind}", "doc_type": "部门预算", "year": year,
            "unit": "元", "tables": T, "checks": checks}


DOCS["putuo-sww-2025ys"] = putuo_budget(
    "上海市普陀区商务委员会", 2025,
    {1: (9, 9), 2: (10, 11), 3: (12, 13), 4: (14, 14), 5: (15, 16), 6: (17, 17), 7: (18, 18), 8: (19, 20), 9: (21, 21)},
    extra_checks=lambda ck, doc: check_same_rows(ck, doc, "3", "5", [("合计", "合计"), ("基本支出", "基本支出"), ("项目支出", "项目支出")]))

DOCS["putuo-swwdw-2025ys"] = putuo_budget(
    "上海市普陀区商务委员会", 2025,
    {1: (9, 9), 2: (10, 11), 3: (12, 13), 4: (14, 14), 5: (15, 16), 6: (17, 17), 7: (18, 18), 8: (19, 20), 9: (21, 21)},
    title_prefix="预算单位", kind="单位预算", summary_exp=("合计", "人员经费", "公用经费", "项目支出"),
    extra_checks=lambda ck, doc: (
        check_same_rows(ck, doc, "3", "5", [("合计", "合计"), ("基本支出", "基本支出"), ("项目支出", "项目支出")]),
        check_same(ck, doc, ("1", "支出总计", "人员经费", "支出"), ("8", "合计", "人员经费")),
        check_same(ck, doc, ("1", "支出总计", "公用经费", "支出"), ("8", "合计", "公用经费"))))

SAME_3_5 = lambda ck, doc: check_same_rows(  # noqa: E731  (all the money is 一般公共预算)
    ck, doc, "3", "5", [("合计", "合计"), ("基本支出", "基本支出"), ("项目支出", "项目支出")])

DOCS["putuo-wanli-2024ys"] = putuo_budget(
    "上海市普陀区人民政府万里街道办事处", 2024,
    {1: (10, 10), 2: (11, 15), 3: (16, 20), 4: (21, 21), 5: (22, 26), 6: (27, 27), 7: (28, 28), 8: (29, 30), 9: (31, 31)},
    extra_checks=SAME_3_5, running_cost_col="2024年机关运行经费预算数")  # printed with its year here

DOCS["putuo-wanli-2025ys"] = putuo_budget(
    "上海市普陀区人民政府万里街道办事处", 2025,
    {1: (9, 9), 2: (10, 13), 3: (14, 18), 4: (19, 19), 5: (20, 24), 6: (25, 25), 7: (26, 26), 8: (27, 28), 9: (29, 29)},
    extra_checks=SAME_3_5)


# --------------------------------------------------------------------------- 上海 部门决算 (2024 template)
# Nine tables numbered 一–九 in the 目录 (not on the tables), all in 万元.  功能分类 codes in one
# column; the 基本支出 table is printed as two blocks side by side.

ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")
F_INCOME = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
F_EXP = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
F_FIN = ["决算数", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
F_SANGONG = [f"{item}{kind}" for item in ("合计", "因公出国（境）费", "公务用车购置及运行维护费小计", "公务用车购置费",
                                          "公务用车运行维护费", "公务接待费") for kind in ("预算数", "决算数")]
F_FUND = ["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"]


def empty_fund_rows() -> list[dict]:
    return [{"code": None, "name": "合计", "values": {c: None for c in F_FUND}}]


def side_rows(t: dict, side: str) -> list[dict]:
    return [r for r in t["rows"] if r.get("side") == side]


def check_final_two_sided(ck: Checker, t: dict, cols_in: list[str], cols_out: list[str],
                          in_total: str, out_total: str) -> None:
    """本年合计 = the numbered items above it; 总计 = 本年合计 + the rows between it and 总计; both 总计 equal."""
    for side, cols, total in (("收入", cols_in, in_total), ("支出", cols_out, out_total)):
        rows = side_rows(t, side)
        names = [r["name"] for r in rows]
        i, j = names.index(total), names.index("总计")
        items = [r for r in rows[:i] if ORDINAL.match(r["name"])]
        below = [r for r in rows[i + 1:j] if not ORDINAL.match(r["name"])]  # numbered sub-items are detail
        for c in cols:
            ck.eq(f"{t['table_id']} p{t['page']} {side} {total} [{c}] = sum of {len(items)} items",
                  rows[i]["values"].get(c), _sum(r["values"].get(c) for r in items))
            ck.eq(f"{t['table_id']} {side} 总计 [{c}] = {total} + {[r['name'] for r in below]}",
                  rows[j]["values"].get(c), _sum([rows[i]["values"].get(c)] + [r["values"].get(c) for r in below]))
        ck.ok(f"{t['table_id']} {side}: {total} = sum of {len(items)} items; 总计 = {total} + {len(below)} rows")
    a = [r for r in side_rows(t, "收入") if r["name"] == "总计"][0]["values"][cols_in[0]]
    b = [r for r in side_rows(t, "支出") if r["name"] == "总计"][0]["values"][cols_out[0]]
    ck.eq(f"{t['table_id']} 收入总计 = 支出总计", a, b)


def check_items_vs_classes(ck: Checker, t2: dict, side: str, col: str, tc: dict, ccol: str) -> None:
    """The numbered 类 items of a 收支总表 side against the 类 rows of a coded table, by name."""
    classes = {r["name"]: r for r in tc["rows"] if r.get("code") and len(r["code"]) == 3}
    for r in side_rows(t2, side):
        if not ORDINAL.match(r["name"]):
            continue  # totals and carry-overs
        name = ORDINAL.sub("", r["name"])
        v = r["values"].get(col)
        if name in classes:
            ck.eq(f"{t2['table_id']} {side} {r['name']} [{col}] = {tc['table_id']} {classes[name]['code']} [{ccol}]",
                  v, classes[name]["values"].get(ccol))
        elif v and name not in ("基本支出", "项目支出", "单位预留机动经费"):  # 支出用途 items, not 类
            ck.problems.append(f"MISSING {t2['table_id']} {side} {r['name']} {v}: no 类 row in {tc['table_id']}")
    ck.ok(f"{t2['table_id']} {side} items = {tc['table_id']} 类 rows [{ccol}]")


def shanghai_final(issuer: str, pages: dict, fund_given: bool = True) -> dict:
    T = []

    def add(n, role, title, kind_, **kw):
        a, b = pages[n]
        T.append({"table_id": n, "role": role, "title": title, "unit": "万元", "page": a, "page_end": b,
                  "kind": kind_, **kw})

    add("一", "f_dept_summary", "收入支出决算总表", "two_sided", columns=["决算数"],
        column_groups={"收入": ["决算数"], "支出": ["决算数"]},
        layout=["收入:name", "收入:决算数", "支出:name", "支出:决算数"], header_names={"收入", "支出", "项目"})
    add("二", "f_dept_income", "收入决算表", "coded", columns=F_INCOME, layout=["code", "name"] + F_INCOME,
        wrap_names=False)
    add("三", "f_dept_exp", "支出决算表", "coded", columns=F_EXP, layout=["code", "name"] + F_EXP)
    add("四", "f_fin_summary", "财政拨款收入支出决算总表", "two_sided", columns=F_FIN,
        column_groups={"收入": ["决算数"], "支出": F_FIN[1:]},
        layout=["收入:name", "收入:决算数", "支出:name"] + [f"支出:{c}" for c in F_FIN[1:]],
        header_names={"收入", "支出", "项目"})
    add("五", "f_gpb_exp", "一般公共预算财政拨款支出决算表", "coded", columns=["合计", "基本支出", "项目支出"],
        layout=["code", "name", "合计", "基本支出", "项目支出"])
    add("六", "f_gpb_basic", "一般公共预算财政拨款基本支出决算表", "blocks", columns=["决算数"],
        layout=["A:code", "A:name", "A:决算数", "B:code", "B:name", "B:决算数"],
        total_names={"人员经费合计", "公用经费合计"})
    add("七", "f_sangong", "财政拨款“三公”经费支出决算表", "single", columns=F_SANGONG, layout=F_SANGONG,
        row_name="2024年度")
    add("八", "f_fund_exp", "政府性基金预算财政拨款收入支出决算表", "given" if fund_given else "coded",
        columns=F_FUND, rows=empty_fund_rows(), layout=["code", "name"] + F_FUND)
    add("九", "f_soe_exp", "国有资本经营预算财政拨款收入支出决算表", "given" if fund_given else "coded",
        columns=F_FUND, rows=empty_fund_rows(), layout=["code", "name"] + F_FUND)

    def checks(ck: Checker, doc: dict) -> None:
        t = {x["table_id"]: x for x in doc["tables"]}
        check_final_two_sided(ck, t["一"], ["决算数"], ["决算数"], "本年收入合计", "本年支出合计")
        check_final_two_sided(ck, t["四"], ["决算数"], F_FIN[1:], "本年收入合计", "本年支出合计")
        for r in side_rows(t["四"], "支出"):
            ck.eq(f"四 {r['name']} 合计 = 一般公共预算 + 政府性基金 + 国有资本经营", r["values"]["合计"],
                  _sum(r["values"][c] for c in F_FIN[2:]))
        ck.ok("四 支出: 合计 = 三种财政拨款 on every row")
        check_hierarchy(ck, t["二"])
        check_columns(ck, t["二"], "本年收入合计", F_INCOME[1:])
        check_hierarchy(ck, t["三"])
        check_columns(ck, t["三"], "本年支出合计", F_EXP[1:])
        check_hierarchy(ck, t["五"])
        check_columns(ck, t["五"], "合计", ["基本支出", "项目支出"])
        six = t["六"]["rows"]
        check_hierarchy(ck, {"table_id": "六", "page": t["六"]["page"], "columns": ["决算数"],
                             "rows": [r for r in six if r["code"]]}, levels=(3, 5))
        tot = {r["name"]: r["values"]["决算数"] for r in six if not r["code"]}
        if tot:
            ck.eq("六 人员经费合计 = 301 + 303", tot["人员经费合计"],
                  _sum(r["values"]["决算数"] for r in six if r["code"] in ("301", "303")))
            ck.eq("六 公用经费合计 = 302 + 310 (+ 399)", tot["公用经费合计"],
                  _sum(r["values"]["决算数"] for r in six if r["code"] in ("302", "307", "309", "310", "399")))
            ck.eq("六 人员经费合计 + 公用经费合计 = 五 合计 [基本支出]",
                  _sum([tot["人员经费合计"], tot["公用经费合计"]]), value_of(doc, "五", "合计", "基本支出"))
            ck.ok("六: 人员经费合计 = 301 + 303; 公用经费合计 = 302 + 310; sum = 五 基本支出")
        s7 = t["七"]["rows"][0]["values"]
        for k in ("预算数", "决算数"):
            ck.eq(f"七 合计{k} = 因公出国 + 公务用车 + 公务接待", s7[f"合计{k}"],
                  _sum([s7[f"因公出国（境）费{k}"], s7[f"公务用车购置及运行维护费小计{k}"], s7[f"公务接待费{k}"]]))
            ck.eq(f"七 公务用车小计{k} = 购置 + 运行维护", s7[f"公务用车购置及运行维护费小计{k}"],
                  _sum([s7[f"公务用车购置费{k}"], s7[f"公务用车运行维护费{k}"]]))
        ck.ok("七: 合计 = 三项; 小计 = 购置 + 运行维护 (预算数, 决算数)")
        # totals across tables
        check_same(ck, doc, ("一", "本年收入合计", "决算数", "收入"), ("二", "合计", "本年收入合计"))
        check_same(ck, doc, ("一", "本年支出合计", "决算数", "支出"), ("三", "合计", "本年支出合计"))
        check_same(ck, doc, ("四", "本年支出合计", "一般公共预算财政拨款", "支出"), ("五", "合计", "合计"))
        check_items_vs_classes(ck, t["一"], "支出", "决算数", t["三"], "本年支出合计")
        check_items_vs_classes(ck, t["四"], "支出", "一般公共预算财政拨款", t["五"], "合计")
        # 三 (all money, carry-overs included) and 五 (this year's 一般公共预算 money) need not agree row by row

    return {"issuer": issuer, "title": f"{issuer}2024年度部门决算", "doc_type": "部门决算", "year": 2024,
            "unit": "万元", "tables": T, "checks": checks}


DOCS["putuo-ghzyj-2024js"] = shanghai_final(
    "上海市普陀区规划和自然资源局",
    {"一": (7, 7), "二": (8, 9), "三": (10, 11), "四": (12, 13), "五": (14, 15), "六": (16, 16), "七": (17, 17),
     "八": (18, 18), "九": (19, 19)})

DOCS["putuo-shgzb-2024js"] = shanghai_final(
    "中共上海市普陀区委社会工作部",
    {"一": (5, 5), "二": (6, 7), "三": (8, 9), "四": (10, 11), "五": (12, 12), "六": (13, 13), "七": (14, 14),
     "八": (15, 15), "九": (16, 16)})

# The blank template: the same nine tables without figures; its 功能分类 tables show example rows
# (205 教育支出, 20502, 2050205, 207, 20799) between rows of "…", kept here with null values.
DOCS["shanghai-template-js-2024"] = shanghai_final(
    "上海市XX局",
    {"一": (5, 5), "二": (6, 6), "三": (7, 7), "四": (8, 9), "五": (10, 10), "六": (11, 11), "七": (12, 12),
     "八": (13, 13), "九": (14, 14)})


# --------------------------------------------------------------------------- 江苏省人民检察院 budgets
# Tables labelled 公开01表 … 公开12表, several to a page; Word tables drawn with doubled rules, so the
# columns are given by hand (x positions read off the page) and each table's region runs from its
# 公开NN表 label to the next one.


CN_NUM = {c: i + 1 for i, c in enumerate("一二三四五六七八九十")}


def js_markers(pdf, marker=None) -> dict[str, tuple[int, float]]:
    """Where each table's label sits, keyed by its place in the document: {"01": (page, top)}.
    Labels are 公开NN表, or (marker="ordinal", 2017) 一、… 十二、 headings after the first page of tables."""
    out = {}
    for i, page in enumerate(pdf.pages):
        for line in bands_by_lines(page_words(page)):
            line = sorted(line, key=lambda w: w["x0"])
            text = "".join(w["text"] for w in line)
            if marker == "ordinal":
                m = re.match(r"^(十[一二]?|[一二三四五六七八九])、", text)
                if (m and i + 1 >= marker_first_page(pdf) and line[0]["x0"] < 100
                        and (text.endswith("表") or text.endswith("预"))):  # a title, not a table row
                    k = m.group(1)
                    n = 10 + CN_NUM.get(k[1], 0) if len(k) == 2 else CN_NUM[k]
                    out.setdefault(f"{n:02d}", (i + 1, min(w["top"] for w in line)))
                continue
            m = re.match(r"公开(\d\d)表", text)
            if m:
                out[m.group(1)] = (i + 1, min(w["top"] for w in line))
    return out


def marker_first_page(pdf) -> int:
    """The page of the first table (一、收支预算总表 heading followed by 部门： line)."""
    for i, page in enumerate(pdf.pages):
        text = page.extract_text() or ""
        if re.search(r"^一、收支预算总表", text, re.M) and "部门：" in text:
            return i + 1
    return 1


def js_regions(path: pathlib.Path, n: str, last_page: int | None = None, marker=None) -> dict:
    with pdfplumber.open(path) as pdf:
        marks = js_markers(pdf, marker)
        p, y = marks[n]
        nxt = marks.get(f"{int(n) + 1:02d}")
        if nxt is None:  # the last table ends where the narrative (第三部分) starts, or at the page end
            p2, y2 = last_page, 770.0
            for line in bands_by_lines(page_words(pdf.pages[last_page - 1])):
                if "".join(w["text"] for w in sorted(line, key=lambda w: w["x0"])).startswith("第三部分"):
                    y2 = min(w["top"] for w in line)
                    break
        else:
            p2, y2 = nxt
        if y > 680:  # the label closes a page; the table starts on the next one
            p, y = p + 1, 0.0
        region = {p: (y, 770.0)}
        for q in range(p + 1, p2 + 1):
            region[q] = (0, 770.0)
        if p2 == p:
            region[p] = (y, y2)
        elif y2 < 150:
            region.pop(p2)  # the next table starts at the top of p2
            p2 -= 1
        else:
            region[p2] = (0, y2)
        return {"page": p, "page_end": p2, "region": region}


def side_value(t: dict, side: str, name: str, col: str):
    hits = [r for r in t["rows"] if r.get("side") == side and r["name"] == name]
    if len(hits) != 1:
        raise KeyError((t["table_id"], side, name, len(hits)))
    return hits[0]["values"].get(col)


def check_sum_named(ck: Checker, t: dict, total: str, parts: list[str], col: str, side: str | None = None) -> None:
    """A named row equals the sum of other named rows of the same table."""
    get = (lambda n: side_value(t, side, n, col)) if side else (lambda n: value_of({"tables": [t]}, t["table_id"], n, col))
    ck.eq(f"{t['table_id']} p{t['page']} {side or ''} {total} [{col}] = {' + '.join(parts)}", get(total), _sum(get(n) for n in parts))
    ck.ok(f"{t['table_id']} {side or ''} {total} = {' + '.join(parts)} [{col}]")


JS_FUNC_CLASSES = ["一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
                   "文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出",
                   "农林水支出", "交通运输支出", "资源勘探信息等支出", "商业服务业等支出", "金融支出",
                   "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出", "灾害防治及应急管理支出", "其他支出"]


def check_procurement(ck: Checker, t: dict, col: str = "总计") -> None:
    rows = t["rows"]
    total = [r for r in rows if r["name"] == "合计"][0]
    cats = [r for r in rows if r["level"] == rows[1]["level"] and re.match(r"^[一二三]、", r["name"])]
    ck.eq(f"{t['table_id']} 合计 = {[c['name'] for c in cats]}", total["values"][col], _sum(c["values"][col] for c in cats))
    leaves = [r for r in rows if r["level"] == "采购物品名称"]
    for c in cats:
        ck.eq(f"{t['table_id']} {c['name']} = its 采购物品 rows", c["values"][col],
              _sum(r["values"][col] for r in leaves if r["category"] == c["category"]))
    parent, kids = None, []
    for r in rows + [{"level": "end", "name": "", "values": {}}]:
        if r["level"] == "采购物品名称":
            kids.append(r)
            continue
        if parent is not None and kids:
            ck.eq(f"{t['table_id']} {parent['name']} = its {len(kids)} 采购物品 rows", parent["values"][col],
                  _sum(k["values"][col] for k in kids))
        parent, kids = r, []
    ck.ok(f"{t['table_id']}: 合计 = 大类; 大类 and each 经济科目 row = its 采购物品 rows")


JS_COLS_2019 = {"01": [74, 165, 224, 358, 413, 505, 562], "02": [74, 202, 414, 522], "03": [79, 168, 243, 330, 435, 522],
                "04": [74, 191, 289, 419, 522], "05": [74, 146, 380, 522], "06": [79, 180, 400, 522],
                "07": [81, 201, 400, 522], "08": [81, 232, 400, 522], "09": [74, 136, 178, 226, 280, 330, 386, 434, 476, 531],
                "11": [79, 172, 400, 510], "12": [79, 136, 200, 289, 363, 455, 526]}


def jiangsu(slug: str, year: int, last_page: int, titles: dict, cols: dict | None = None,
            ids: dict | None = None, marker=None) -> dict:
    """江苏省人民检察院, 公开01表 … 公开12表.  `cols` gives hand-read column edges (2019); otherwise the
    table's visible vertical rules are used."""
    path = REAL / f"{slug}.pdf"
    ids = ids or {n: (f"公开{n}表", n) for n in ("%02d" % i for i in range(1, 13))}  # key: (table_id, place)

    def ID(n: str) -> str:
        return ids[n][0]

    R = {n: js_regions(path, ids[n][1], last_page, marker) for n in ids}
    T = []
    cols = cols or {}

    def add(n, role, kind_, **kw):
        extra = {"cols": cols[n]} if n in cols else {}
        T.append({"table_id": ID(n), "role": role, "title": titles[n], "unit": "万元", "kind": kind_,
                  "keep_title": True, **R[n], **extra, **kw})

    add("01", "dept_summary", "two_sided", columns=["金额"],
        column_groups={"收入": ["金额"], "支出": ["金额"]},
        layout=["收入:name", "收入:金额", "支出:name", "支出:金额", "支出#用途:name", "支出#用途:金额"],
        header_names={"收入", "支出", "功能分类", "支出用途", "项目名称"},
        note="支出 lists the 功能分类 items and the 支出用途 items (基本支出, 项目支出, 单位预留机动经费) side by side")
    add("02", "dept_income", "income_groups", columns=["金额"],
        note="each 小计 is named after its merged category cell (一般公共预算资金小计, 政府性基金小计, …)")
    add("03", "dept_exp", "single", row_name=f"{year}年预算数",
        columns=["合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"],
        layout=["合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"])
    add("04", "fin_summary", "two_sided", columns=["金额"],
        column_groups={"收入": ["金额"], "支出": ["金额"]},
        layout=["收入:name", "收入:金额", "支出:name", "支出:金额"], header_names={"收入", "支出", "支出用途", "项目名称"})
    add("05", "fin_exp", "coded", columns=["金额"], layout=["code", "name", "金额"])
    add("06", "fin_basic", "coded", columns=["金额"], layout=["code", "name", "金额"])
    add("07", "gpb_exp", "coded", columns=["金额"], layout=["code", "name", "金额"])
    add("08", "gpb_basic", "coded", columns=["金额"], layout=["code", "name", "金额"])
    sg = ["合计", "“三公”经费小计", "因公出国（境）费", "公务用车购置及运行维护费小计", "公务用车购置费",
          "公务用车运行维护费", "公务接待费", "会议费", "培训费"]
    add("09", "sangong", "single", row_name=f"{year}年预算数", columns=sg, layout=sg)
    add("10", "fund_exp", "given", columns=["金额"],
        rows=[{"code": None, "name": "合计", "values": {"金额": None}}], note="此表为空")
    add("11", "org_running", "coded", columns=["机关运行经费支出"], layout=["code", "name", "机关运行经费支出"])
    add("12", "procurement", "procurement", columns=["专项名称", "采购组织形式", "总计"],
        layout=["品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"])

    def checks(ck: Checker, doc: dict) -> None:
        t = {x["table_id"]: x for x in doc["tables"]}
        t1 = t[ID("01")]
        check_sum_named(ck, t1, "当年收入小计", ["一、财政拨款", "二、财政专户管理资金", "三、其他资金"], "金额", "收入")
        check_sum_named(ck, t1, "一、财政拨款", ["1.一般公共预算", "2.政府性基金预算"], "金额", "收入")
        check_sum_named(ck, t1, "收入合计", ["当年收入小计", "上年结转资金"], "金额", "收入")
        use = [r["name"] for r in side_rows(t1, "支出")
               if ORDINAL.sub("", r["name"]) in ("基本支出", "项目支出", "单位预留机动经费")]
        func = [r["name"] for r in side_rows(t1, "支出") if ORDINAL.match(r["name"]) and r["name"] not in use]
        check_sum_named(ck, t1, "当年支出小计", func, "金额", "支出")
        check_sum_named(ck, t1, "当年支出小计", use, "金额", "支出")
        check_sum_named(ck, t1, "支出合计", ["当年支出小计", "结转下年资金"], "金额", "支出")
        check_same(ck, doc, (ID("01"), "收入合计", "金额", "收入"), (ID("01"), "支出合计", "金额", "支出"))
        t2 = t[ID("02")]
        names2 = [r["name"] for r in t2["rows"]]
        subs = [n for n in names2 if n.endswith("小计")]
        check_sum_named(ck, t2, "收入总计", subs, "金额")
        for i, r in enumerate(t2["rows"]):
            if not r["name"].endswith("小计"):
                continue
            items = []
            for q in t2["rows"][i + 1:]:
                if q["name"].endswith("小计"):
                    break
                items.append(q["name"])
            if items and not items[0].startswith("其中"):
                check_sum_named(ck, t2, r["name"], items, "金额")
        v3 = t[ID("03")]["rows"][0]["values"]
        ck.eq(f"{ID('03')} 合计 = 基本 + 项目 + 单位预留机动经费 + 结转下年资金", v3["合计"],
              _sum(v3[c] for c in ("基本支出", "项目支出", "单位预留机动经费", "结转下年资金")))
        for c, n in (("基本支出", "一、基本支出"), ("项目支出", "二、项目支出"), ("单位预留机动经费", "三、单位预留机动经费")):
            ck.eq(f"{ID('03')} {c} = {ID('01')} {n}", v3[c], side_value(t1, "支出", n, "金额"))
        ck.ok(f"{ID('03')}: 合计 = its parts; parts = {ID('01')} 支出用途")
        t4 = t[ID("04")]
        check_sum_named(ck, t4, "收入合计", ["一、一般公共预算", "二、政府性基金预算"], "金额", "收入")
        check_sum_named(ck, t4, "支出合计", ["一、基本支出", "二、项目支出", "三、单位预留机动经费"], "金额", "支出")
        check_same(ck, doc, (ID("04"), "收入合计", "金额", "收入"), (ID("04"), "支出合计", "金额", "支出"))
        for n in (ID("05"), ID("07")):
            check_hierarchy(ck, t[n])
        for n in (ID("06"), ID("08"), ID("11")):
            check_hierarchy(ck, t[n], levels=(3, 5))
        check_same(ck, doc, (ID("05"), "合计", "金额"), (ID("04"), "支出合计", "金额", "支出"))
        check_same(ck, doc, (ID("07"), "合计", "金额"), (ID("04"), "一、一般公共预算", "金额", "收入"))
        check_same(ck, doc, (ID("06"), "合计", "金额"), (ID("04"), "一、基本支出", "金额", "支出"))
        check_same(ck, doc, (ID("08"), "合计", "金额"), (ID("06"), "合计", "金额"))
        check_same_rows(ck, doc, ID("05"), ID("07"), [("金额", "金额")])
        check_same_rows(ck, doc, ID("06"), ID("08"), [("金额", "金额")])
        if side_value(t1, "收入", "二、财政专户管理资金", "金额") or side_value(t1, "收入", "三、其他资金", "金额"):
            ck.ok(f"{ID('01')} 功能 items not compared with {ID('05')}: 01 also spends 财政专户/其他资金, 05 财政拨款 only")
        else:
            check_items_vs_classes(ck, t1, "支出", "金额", t[ID("05")], "金额")
        check_same(ck, doc, (ID("11"), "合计", "机关运行经费支出"), (ID("08"), "302", "金额"))
        v9 = t[ID("09")]["rows"][0]["values"]
        ck.eq(f"{ID('09')} 三公小计 = 因公出国 + 公务用车 + 公务接待", v9["“三公”经费小计"],
              _sum(v9[c] for c in ("因公出国（境）费", "公务用车购置及运行维护费小计", "公务接待费")))
        ck.eq(f"{ID('09')} 公务用车小计 = 购置 + 运行维护", v9["公务用车购置及运行维护费小计"],
              _sum(v9[c] for c in ("公务用车购置费", "公务用车运行维护费")))
        ck.eq(f"{ID('09')} 合计 = 三公小计 + 会议费 + 培训费", v9["合计"],
              _sum(v9[c] for c in ("“三公”经费小计", "会议费", "培训费")))
        ck.ok(f"{ID('09')}: 合计 = 三公 + 会议 + 培训; 三公 = 三项; 公务用车 = 购置 + 运行维护")
        check_procurement(ck, t[ID("12")])

    return {"issuer": "江苏省人民检察院", "title": f"江苏省人民检察院{year}年度部门预算", "doc_type": "部门预算",
            "year": year, "unit": "万元", "tables": T, "checks": checks}


DOCS["jiangsu-jcy-2019ys"] = jiangsu("jiangsu-jcy-2019ys", 2019, 24, {
    "01": "收支预算总表", "02": "收入预算总表", "03": "支出预算总表", "04": "财政拨款收支预算总表",
    "05": "财政拨款支出预算表（功能科目）", "06": "财政拨款基本支出预算表（经济科目）", "07": "一般公共预算支出预算表（功能科目）",
    "08": "一般公共预算基本支出预算表（经济科目）", "09": "“三公”经费、会议费、培训费支出预算表",
    "10": "政府性基金预算财政拨款支出预算表", "11": "一般公共预算机关运行经费支出预算表", "12": "政府采购支出预算表"},
    cols=JS_COLS_2019)


# --------------------------------------------------------------------------- 重庆市 budgets (2026)
# Tables 表一 … 表九 (then performance tables, not covered), in 万元; figures in neighbouring
# columns touch, so cells are built from characters; codes in one column, wrapped names; the
# ordinal's 、 and the parentheses of (一) sit half a line lower than the name.

SUB = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
CQ_INCOME = ["总计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入", "财政专户管理资金收入",
             "事业收入", "上级补助收入", "附属单位上缴收入", "事业单位经营收入", "其他收入"]


def check_outline(ck: Checker, t: dict, side: str, cols: list[str], total: str) -> None:
    """On one side: 合计 = the 一、二、… rows; each 一、 row = its (一)(二)… rows, where it has any."""
    rows = side_rows(t, side)
    tops = [r for r in rows if ORDINAL.match(r["name"])]
    tot = [r for r in rows if r["name"] == total]
    for c in cols:
        if tot:
            ck.eq(f"{t['table_id']} p{t['page']} {side} {total} [{c}] = sum of {len(tops)} items",
                  tot[0]["values"].get(c), _sum(r["values"].get(c) for r in tops))
        parent, kids = None, []
        for r in rows + [{"name": "END", "values": {}}]:
            if SUB.match(r["name"]):
                kids.append(r)
                continue
            if parent is not None and kids:
                ck.eq(f"{t['table_id']} {side} {parent['name']} [{c}] = its {len(kids)} sub-items",
                      parent["values"].get(c), _sum(k["values"].get(c) for k in kids))
            parent, kids = (r if ORDINAL.match(r["name"]) else None), []
    ck.ok(f"{t['table_id']} {side}: {total} = 一、二、… items; items = their (一)(二)… rows")


def cq_procurement(rows: list[dict]) -> list[dict]:
    """项目编号 A/B/C is the 品目 letter: the row is named 货物/工程/服务 with that category."""
    for r in rows:
        m = re.fullmatch(r"([A-C])(货物|工程|服务)", r["name"])
        if m:
            r["name"], r["category"] = m.group(2), m.group(2)
        else:
            r["category"] = None
    return rows


def chongqing_2026(issuer: str, pages: dict, year: int = 2026) -> dict:
    T = []

    def add(n, role, title, kind_, **kw):
        a, b = pages[n]
        T.append({"table_id": n, "role": role, "title": f"{year}年{title}", "unit": "万元", "page": a, "page_end": b,
                  "kind": kind_, "chars": True, "keep_title": True, **kw})  # the year sits on its own line

    add("表一", "dept_summary", "部门收支总体情况表", "two_sided", columns=["预算数"],
        column_groups={"收入": ["预算数"], "支出": ["预算数"]},
        layout=["收入:name", "收入:预算数", "支出:name", "支出:预算数"], header_names={"收入", "支出", "项目"})
    add("表二", "dept_income", "部门收入总体情况表", "coded", columns=CQ_INCOME, layout=["code", "name"] + CQ_INCOME)
    add("表三", "dept_exp", "部门支出总体情况表", "coded", columns=["总计", "基本支出", "项目支出"],
        layout=["code", "name", "总计", "基本支出", "项目支出"])
    fin = ["预算数", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
    add("表四", "fin_summary", "财政拨款收支总体情况表", "two_sided", columns=fin,
        column_groups={"收入": ["预算数"], "支出": fin[1:]},
        layout=["收入:name", "收入:预算数", "支出:name"] + [f"支出:{c}" for c in fin[1:]],
        header_names={"收入", "支出", "项目"})
    g5 = ["总计", "基本支出小计", "人员经费", "公用经费", "项目支出"]  # a printed 小计 under 基本支出, named as in the seed
    add("表五", "gpb_exp", "一般公共预算支出情况表", "coded", columns=g5, layout=["code", "name"] + g5)
    add("表六", "gpb_basic", "一般公共预算基本支出情况表", "coded", columns=["总计", "人员经费", "公用经费"],
        layout=["code", "name", "总计", "人员经费", "公用经费"])
    add("表七", "fund_exp", "政府性基金预算支出情况表", "coded", columns=["总计", "基本支出", "项目支出"],
        layout=["code", "name", "总计", "基本支出", "项目支出"])
    sg = ["合计", "因公出国（境）费", "公务用车购置及运行费小计", "公务用车购置费", "公务用车运行费", "公务接待费"]
    add("表八", "sangong", "财政拨款“三公”经费支出情况表", "single", columns=sg, layout=sg, row_name=f"{year}年预算数")
    add("表九", "procurement", "政府采购预算明细表", "coded", columns=CQ_INCOME, layout=["code", "name"] + CQ_INCOME,
        fix=cq_procurement)

    def checks(ck: Checker, doc: dict) -> None:
        t = {x["table_id"]: x for x in doc["tables"]}
        check_outline(ck, t["表一"], "收入", ["预算数"], "合计")
        check_outline(ck, t["表一"], "支出", ["预算数"], "合计")
        check_same(ck, doc, ("表一", "合计", "预算数", "收入"), ("表一", "合计", "预算数", "支出"))
        check_outline(ck, t["表四"], "收入", ["预算数"], "收入合计")
        check_outline(ck, t["表四"], "支出", fin[1:], "支出合计")
        for r in side_rows(t["表四"], "支出"):
            ck.eq(f"表四 {r['name']} 合计 = 一般公共预算 + 政府性基金 + 国有资本经营", r["values"]["合计"],
                  _sum(r["values"][c] for c in fin[2:]))
        ck.ok("表四 支出: 合计 = 三种预算 on every row")
        check_same(ck, doc, ("表四", "收入合计", "预算数", "收入"), ("表四", "支出合计", "合计", "支出"))
        check_hierarchy(ck, t["表二"])
        check_columns(ck, t["表二"], "总计", CQ_INCOME[1:])
        check_hierarchy(ck, t["表三"])
        check_columns(ck, t["表三"], "总计", ["基本支出", "项目支出"])
        check_hierarchy(ck, t["表五"])
        check_columns(ck, t["表五"], "总计", ["基本支出小计", "项目支出"])
        check_columns(ck, t["表五"], "基本支出小计", ["人员经费", "公用经费"])
        check_hierarchy(ck, t["表六"], levels=(3, 5, 7))
        check_columns(ck, t["表六"], "总计", ["人员经费", "公用经费"])
        check_hierarchy(ck, t["表七"])
        check_columns(ck, t["表七"], "总计", ["基本支出", "项目支出"])
        s8 = t["表八"]["rows"][0]["values"]
        ck.eq("表八 合计 = 因公出国 + 公务用车 + 公务接待", s8["合计"],
              _sum([s8["因公出国（境）费"], s8["公务用车购置及运行费小计"], s8["公务接待费"]]))
        ck.eq("表八 公务用车小计 = 购置 + 运行", s8["公务用车购置及运行费小计"], _sum([s8["公务用车购置费"], s8["公务用车运行费"]]))
        ck.ok("表八: 合计 = 三项; 小计 = 购置 + 运行")
        check_columns(ck, t["表九"], "总计", CQ_INCOME[1:])
        rows9 = t["表九"]["rows"]
        for c in CQ_INCOME:
            ck.eq(f"表九 合计 [{c}] = 货物 + 工程 + 服务", rows9[0]["values"][c], _sum(r["values"][c] for r in rows9[1:]))
        ck.ok("表九: 合计 = 货物 + 工程 + 服务 on every column")
        check_same(ck, doc, ("表一", "合计", "预算数", "收入"), ("表二", "合计", "总计"))
        check_same(ck, doc, ("表一", "合计", "预算数", "支出"), ("表三", "合计", "总计"))
        check_items_vs_classes(ck, t["表一"], "支出", "预算数", t["表三"], "总计")
        check_same(ck, doc, ("表四", "支出合计", "一般公共预算", "支出"), ("表五", "合计", "总计"))
        check_same(ck, doc, ("表四", "支出合计", "政府性基金预算", "支出"), ("表七", "合计", "总计"))
        check_same(ck, doc, ("表五", "合计", "基本支出小计"), ("表六", "合计", "总计"))
        check_same(ck, doc, ("表五", "合计", "人员经费"), ("表六", "合计", "人员经费"))
        check_same(ck, doc, ("表五", "合计", "公用经费"), ("表六", "合计", "公用经费"))
        check_same(ck, doc, ("表一", "一、一般公共预算资金", "预算数", "收入"), ("表二", "合计", "一般公共预算拨款收入"))
        check_same_rows(ck, doc, "表二", "表三", [("总计", "总计")])

    return {"issuer": issuer, "title": f"{issuer}{year}年部门预算", "doc_type": "部门预算", "year": year,
            "unit": "万元", "tables": T, "checks": checks}


DOCS["chongqing-swjw-2026ys"] = chongqing_2026(
    "重庆市商务委员会",
    {"表一": (8, 8), "表二": (9, 11), "表三": (12, 14), "表四": (15, 15), "表五": (16, 18), "表六": (19, 21),
     "表七": (22, 22), "表八": (23, 23), "表九": (24, 24)})

DOCS["chongqing-jxw-2026ys"] = chongqing_2026(
    "重庆市经济和信息化委员会",
    {"表一": (7, 7), "表二": (8, 11), "表三": (12, 15), "表四": (16, 17), "表五": (18, 21), "表六": (22, 24),
     "表七": (25, 25), "表八": (26, 26), "表九": (27, 27)})

DOCS["jiangsu-jcy-2018ys"] = jiangsu("jiangsu-jcy-2018ys", 2018, 23, {
    "01": "收支预算总表", "02": "收入预算总表", "03": "支出预算总表", "04": "财政拨款收支预算总表",
    "05": "财政拨款支出预算表", "06": "财政拨款基本支出预算表", "07": "一般公共预算支出预算表",
    "08": "一般公共预算基本支出预算表", "09": "一般公共预算“三公”经费、会议费、培训费支出预算表",
    "10": "政府性基金支出预算表", "11": "一般公共预算机关运行经费支出预算表", "12": "政府采购支出预算表"})

DOCS["jiangsu-jcy-2017ys"] = jiangsu("jiangsu-jcy-2017ys", 2017, 18, {
    "01": "收支预算总表", "02": "收入预算总表", "03": "支出预算总表", "04": "财政拨款收支预算总表",
    "05": "财政拨款支出预算表", "06": "财政拨款基本支出预算表", "10": "政府性基金支出预算表",
    "07": "一般公共预算支出预算表", "08": "一般公共预算基本支出预算表", "11": "一般公共预算机关运行经费支出预算表",
    "09": "一般公共预算“三公”经费、会议费、培训费支出预算表", "12": "政府采购支出预算表"},
    ids={"01": ("一", "01"), "02": ("二", "02"), "03": ("三", "03"), "04": ("四", "04"), "05": ("五", "05"),
         "06": ("六", "06"), "10": ("七", "07"), "07": ("八", "08"), "08": ("九", "09"), "11": ("十", "10"),
         "09": ("十一", "11"), "12": ("十二", "12")}, marker="ordinal",
    cols={"02": [90, 210, 388, 506]})  # the 收入预算总表 has a short extra rule inside its item column


# --------------------------------------------------------------------------- 广州市 budget (2026)
# Tables 表1 … 表12 after the narrative's first part, in 万元, landscape; every rule is a thin
# filled path.  表2 and 表11 list units (no codes); 表3 prints 7-digit codes in one column; 表5–表7
# print the code in brackets before the name ([2100101]行政运行).  A blank amount is printed 0.00.
# 表12 (项目支出 by unit and project, with 绩效目标 texts, p31 on) is not covered.

GZ_INCOME = ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "教育收费", "其他专户收入拨款", "事业收入",
             "事业单位经营收入", "其他收入", "上级补助收入", "附属单位上缴收入", "上年结转结余"]
GZ_EXP = ["合计", "基本支出", "项目支出", "事业单位经营支出", "对附属单位补助支出", "上缴上级支出"]
GZ_FIN = ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
GZ_BASIC = ["总计", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户拨款", "其他资金"]


def bracket_codes(rows: list[dict]) -> list[dict]:
    """[2100101]行政运行 → code 2100101, name 行政运行."""
    for r in rows:
        m = re.fullmatch(r"\[(\d+)\](.*)", r["name"])
        if m:
            r["code"], r["name"] = m.group(1), m.group(2)
    return rows


def guangzhou_2026(issuer: str, pages: dict, year: int = 2026) -> dict:
    T = []

    def add(n, role, title, kind_, **kw):
        a, b = pages[n]
        T.append({"table_id": n, "role": role, "title": title, "unit": "万元", "page": a, "page_end": b,
                  "kind": kind_, **kw})

    add("表1", "dept_summary", "收支总体情况表", "two_sided", columns=["预算"],
        column_groups={"收入": ["预算"], "支出": ["预算"]},
        layout=["收入:name", "收入:预算", "支出:name", "支出:预算"], header_names={"收入", "支出", "项目"},
        keep_title=True)  # the part heading 第二部分 2026年部门预算表 stands above it
    add("表2", "dept_income", "收入总体情况表", "coded", columns=GZ_INCOME, layout=["name"] + GZ_INCOME,
        page_cols=True)
    add("表3", "dept_exp", "本年支出总体情况表", "coded", columns=GZ_EXP, layout=["code", "name"] + GZ_EXP)
    add("表4", "fin_summary", "财政拨款收支总体情况表", "two_sided", columns=["预算"],
        column_groups={"收入": ["预算"], "支出": ["预算"]},
        layout=["收入:name", "收入:预算", "支出:name", "支出:预算"], header_names={"收入", "支出", "项目"})
    # the printed 小计 under a group heading is named group + 小计 (as 公务用车购置及运行费小计 in the seed)
    g5 = ["一般公共预算支出小计", "基本支出", "项目支出"]
    g9 = ["政府性基金预算支出小计", "基本支出", "项目支出"]
    g10 = ["国有资本经营预算支出小计", "基本支出", "项目支出"]
    add("表5", "gpb_exp", "一般公共预算支出情况表（按功能分类科目）", "coded", columns=g5, layout=["name"] + g5,
        fix=bracket_codes)
    add("表6", "gpb_basic", "一般公共预算基本支出情况表（按经济分类科目）", "coded", columns=["预算"],
        layout=["name", "预算"], fix=bracket_codes)
    add("表7", "gpb_project", "一般公共预算项目支出情况表（按经济分类科目）", "coded", columns=["预算"],
        layout=["name", "预算"], fix=bracket_codes)
    add("表8", "sangong", "财政拨款安排的行政经费及“三公”经费预算表", "coded", columns=GZ_FIN,
        layout=["name"] + GZ_FIN)
    add("表9", "fund_exp", "政府性基金预算支出情况表", "coded", columns=g9, layout=["code", "name"] + g9)
    add("表10", "soe_exp", "国有资本经营预算支出情况表", "coded", columns=g10, layout=["code", "name"] + g10)
    add("表11", "dept_basic", "部门预算基本支出预算表", "coded", columns=GZ_BASIC, layout=["name"] + GZ_BASIC)

    def checks(ck: Checker, doc: dict) -> None:
        t = {x["table_id"]: x for x in doc["tables"]}
        for n, inc_total in (("表1", "本年收入合计"), ("表4", "本年收入合计")):
            rows = t[n]["rows"]
            inc = [r["name"] for r in rows if r["side"] == "收入" and ORDINAL.match(r["name"])]
            exp = [r["name"] for r in rows if r["side"] == "支出" and ORDINAL.match(r["name"])
                   and not r["name"].endswith("结转下年")]
            check_side_sum(ck, t[n], "收入", inc_total, inc, "预算")
            check_side_sum(ck, t[n], "支出", "本年支出合计", exp, "预算")
            check_same(ck, doc, (n, "收入总计", "预算", "收入"), (n, "支出总计", "预算", "支出"))
            check_same(ck, doc, (n, "本年收入合计", "预算", "收入"), (n, "本年支出合计", "预算", "支出"))
        check_side_sum(ck, t["表1"], "收入", "收入总计", ["本年收入合计", "上年结转结余"], "预算")
        check_side_sum(ck, t["表1"], "支出", "支出总计", ["本年支出合计", "结转结余下年"], "预算")
        check_side_sum(ck, t["表4"], "支出", "支出总计", ["本年支出合计", "二十七、结转下年"], "预算")
        # 表2: units add to 合计; 合计 = the sources on every row
        units = [r for r in t["表2"]["rows"] if r["name"] != "合计"]
        for c in GZ_INCOME:
            ck.eq(f"表2 合计 [{c}] = sum of {len(units)} units", value_of(doc, "表2", "合计", c),
                  _sum(r["values"].get(c) for r in units))
        ck.ok(f"表2: 合计 = sum of {len(units)} units, every column")
        check_columns(ck, t["表2"], "合计", GZ_INCOME[1:])
        check_hierarchy(ck, t["表3"])
        check_columns(ck, t["表3"], "合计", GZ_EXP[1:])
        check_hierarchy(ck, t["表5"])
        check_columns(ck, t["表5"], g5[0], ["基本支出", "项目支出"])
        for n in ("表6", "表7"):
            check_hierarchy(ck, t[n], levels=(3, 5))
        check_columns(ck, t["表9"], g9[0], ["基本支出", "项目支出"])
        check_columns(ck, t["表10"], g10[0], ["基本支出", "项目支出"])
        # 表8: 三公 = its three items, 公务用车 = 购置 + 运行, 合计 = the three budgets
        r8 = {r["name"]: r["values"] for r in t["表8"]["rows"]}
        for c in GZ_FIN:
            ck.eq(f"表8 三公 [{c}] = 出国 + 公务用车 + 接待", r8["“三公”经费"][c],
                  _sum([r8["其中：（一）因公出国（境）支出"][c], r8["（二）公务用车购置及运行维护支出"][c], r8["（三）公务接待费支出"][c]]))
            ck.eq(f"表8 公务用车 [{c}] = 购置 + 运行", r8["（二）公务用车购置及运行维护支出"][c],
                  _sum([r8["1.公务用车购置费"][c], r8["2.公务用车运行维护费"][c]]))
        check_columns(ck, t["表8"], "合计", GZ_FIN[1:])
        ck.ok("表8: 三公 = 三项; 公务用车 = 购置 + 运行")
        # 表11: each unit = its economic classes; 合计 = the units; 总计 = 合计 + 财政专户 + 其他; 合计 = 三种预算
        rows11 = t["表11"]["rows"]
        unit_rows, unit, kids = [], None, []
        for r in rows11[1:] + [{"name": "END", "values": {}}]:
            if r["name"] in ("工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出"):
                kids.append(r)
                continue
            if unit is not None:
                for c in GZ_BASIC:
                    ck.eq(f"表11 {unit['name']} [{c}] = its {len(kids)} classes", unit["values"].get(c),
                          _sum(k["values"].get(c) for k in kids))
            unit, kids = r, []
            if r["name"] != "END":
                unit_rows.append(r)
        for c in GZ_BASIC:
            ck.eq(f"表11 合计 [{c}] = sum of {len(unit_rows)} units", rows11[0]["values"].get(c),
                  _sum(r["values"].get(c) for r in unit_rows))
        check_columns(ck, t["表11"], "总计", ["合计", "财政专户拨款", "其他资金"])
        check_columns(ck, t["表11"], "合计", ["一般公共预算", "政府性基金预算", "国有资本经营预算"])
        ck.ok(f"表11: units = their classes; 合计 = {len(unit_rows)} units")
        # across tables
        check_same(ck, doc, ("表1", "收入总计", "预算", "收入"), ("表2", "合计", "合计"))
        check_same(ck, doc, ("表1", "一、预算拨款", "预算", "收入"), ("表2", "合计", "一般公共预算"))
        check_same(ck, doc, ("表1", "三、事业收入", "预算", "收入"), ("表2", "合计", "事业收入"))
        check_same(ck, doc, ("表1", "五、其他收入", "预算", "收入"), ("表2", "合计", "其他收入"))
        check_same(ck, doc, ("表1", "本年支出合计", "预算", "支出"), ("表3", "合计", "合计"))
        check_items_vs_classes(ck, t["表1"], "支出", "预算", t["表3"], "合计")
        check_items_vs_classes(ck, t["表4"], "支出", "预算", t["表5"], g5[0])
        check_same(ck, doc, ("表4", "一、一般公共预算", "预算", "收入"), ("表5", "合计", g5[0]))
        check_same(ck, doc, ("表5", "合计", "基本支出"), ("表6", "合计", "预算"))
        check_same(ck, doc, ("表5", "合计", "项目支出"), ("表7", "合计", "预算"))
        check_same(ck, doc, ("表5", "合计", "基本支出"), ("表11", "合计", "一般公共预算"))
        check_same(ck, doc, ("表3", "合计", "基本支出"), ("表11", "合计", "总计"))
        check_same(ck, doc, ("表6", "30217", "预算"), ("表8", "（三）公务接待费支出", "一般公共预算"))
        check_same(ck, doc, ("表7", "30212", "预算"), ("表8", "其中：（一）因公出国（境）支出", "一般公共预算"))
        check_same(ck, doc, ("表7", "31013", "预算"), ("表8", "1.公务用车购置费", "一般公共预算"))
        ck.eq("表6 30231 + 表7 30231 = 表8 公务用车运行维护费", _sum([value_of(doc, "表6", "30231", "预算"),
              value_of(doc, "表7", "30231", "预算")]), value_of(doc, "表8", "2.公务用车运行维护费", "一般公共预算"))
        ck.ok("表8 items = 30212, 30217, 31013, 30231 of 表6/表7")
        check_same(ck, doc, ("表4", "二、政府性基金预算", "预算", "收入"), ("表9", "合计", g9[0]))
        check_same(ck, doc, ("表4", "三、国有资本经营预算", "预算", "收入"), ("表10", "合计", g10[0]))

    return {"issuer": issuer, "title": f"{issuer}{year}年部门预算", "doc_type": "部门预算", "year": year,
            "unit": "万元", "tables": T, "checks": checks}


DOCS["guangzhou-wjw-2026ys"] = guangzhou_2026(
    "广州市卫生健康委员会",
    {"表1": (7, 8), "表2": (9, 10), "表3": (11, 13), "表4": (14, 15), "表5": (16, 18), "表6": (19, 20),
     "表7": (21, 22), "表8": (23, 23), "表9": (24, 24), "表10": (25, 25), "表11": (26, 30)})


def main(argv: list[str]) -> int:
    slugs = argv or list(DOCS)
    OUT.mkdir(parents=True, exist_ok=True)
    for slug in slugs:
        doc, ck = build(slug)
        n = sum(len(t["rows"]) for t in doc["tables"])
        (OUT / f"{slug}.truth.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"== {slug}: {len(doc['tables'])} tables, {n} rows")
        for t in doc["tables"]:
            print(f"   {t['table_id']:6} p{t['page']}-{t['page_end']} {len(t['rows']):3} rows  {t['title']}")
        for p in ck.passed:
            print(f"   check: {p}")
        for p in ck.problems:
            print(f"   !! {p}")
        if not ck.problems:
            print("   all checks pass")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
