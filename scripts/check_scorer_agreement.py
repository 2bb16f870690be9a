"""Cross-check ``python -m eval score`` against a second, deliberately plain scorer.

The scorer below re-implements the shared scoring rules (evaluation README,
"Scoring rules") from scratch: it reads the JSON lines itself and does not
import anything from ``eval``. The package scorer is run as a subprocess and
its last line and ``FAIL`` lines are parsed. The script prints both
accuracies, their difference, and the ids the two disagree on.

    python scripts/check_scorer_agreement.py --questions Q.jsonl --answers A.jsonl

Exit status: 0 when the accuracies agree within 0.01, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BAR = 0.01

YUAN_PER = {"元": 1, "千元": 1000, "万元": 10000, "亿元": 100000000}
MONEY_SUFFIX = {"亿元": "亿元", "万元": "万元", "千元": "千元", "元": "元", "亿": "亿元", "万": "万元"}
COUNT_WORDS = [
    "个工作日", "个百分点", "工作日", "人次", "批次", "平方米", "公里", "千克", "公斤", "小时", "分钟",
    "名", "个", "辆", "条", "家", "吨", "人", "年", "月", "日", "天", "件", "所", "项", "次", "批", "户",
    "台", "套", "间", "座", "处", "位", "岁", "倍", "期", "类", "款", "页", "张", "份", "亩", "米", "周",
    "届", "场", "篇", "本", "册", "箱", "宗", "栋",
]
NEGATIONS = ["没有", "无", "未安排", "未列", "为零", "零"]
SYNONYMS = {
    "减少": ["减少", "下降", "降低", "压减", "缩减", "少了"],
    "下降": ["减少", "下降", "降低", "压减", "缩减", "少了"],
    "增加": ["增加", "增长", "上升", "提高", "多了"],
    "没有": ["没有", "无", "未", "为零"],
    "持平": ["持平", "没有变化", "无变化", "不变", "相同"],
}


def squash(s: str) -> str:
    """Full-width to half-width, no spaces, lower case."""
    return "".join(unicodedata.normalize("NFKC", s).split()).lower()


def numbers_in(text: str) -> list[tuple[float, str]]:
    """(magnitude, kind) for each number in the text; kind is a money unit, '%', 'count' or ''."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"表\s*\d+(?:\s*-\s*\d+)*", "表", text)  # table references are not amounts
    found = []
    pattern = r"(?<![\d.])(\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"
    for m in re.finditer(pattern, text):
        number = float(m.group(1).replace(",", ""))
        after = text[m.end():].lstrip()
        before = text[:m.start()].rstrip()
        kind = ""
        for suffix in ("亿元", "万元", "千元", "元", "亿", "万"):
            if after.startswith(suffix):
                nxt = after[len(suffix):len(suffix) + 1]
                if suffix in ("亿", "万") and nxt and "\u4e00" <= nxt <= "\u9fff":
                    continue
                kind = MONEY_SUFFIX[suffix]
                break
        if not kind:
            if after.startswith("%") or before.endswith("百分之"):
                kind = "%"
            elif any(after.startswith(w) for w in COUNT_WORDS):
                kind = "count"
            elif after[:1] in ("百", "千", "万", "亿") and "\u4e00" <= after[1:2] <= "\u9fff":
                kind = "count"
        found.append((number, kind))
    return found


def figure_kind(unit: str) -> str:
    unit = unicodedata.normalize("NFKC", unit or "").strip()
    if unit in MONEY_SUFFIX:
        return MONEY_SUFFIX[unit]
    if unit == "%":
        return "%"
    return "count" if unit else ""


def value_stated(expected: float, unit: str, tol: float, stated: list[tuple[float, str]]) -> bool:
    unit = unicodedata.normalize("NFKC", unit).strip()
    unit = MONEY_SUFFIX.get(unit, unit)
    for number, kind in stated:
        if unit in YUAN_PER:
            if kind in YUAN_PER:
                number = number * YUAN_PER[kind] / YUAN_PER[unit]
            elif kind != "":
                continue
        elif kind in YUAN_PER:
            continue
        if abs(abs(number) - abs(expected)) <= tol + 1e-9 * max(1.0, abs(expected)):
            return True
    return False


def is_correct(gold: dict, answer: dict | None) -> bool:
    if answer is None:
        return False
    if not gold["answerable"]:
        return answer["found"] is False
    if answer["found"] is not True:
        return False
    text = answer["answer"] or ""
    flat = squash(text)
    stated = numbers_in(text)
    for f in answer.get("figures") or []:
        stated.append((abs(float(f["value"])), figure_kind(f.get("unit") or "")))
    values = (gold.get("expected") or {}).get("values") or []
    tol = float((gold.get("expected") or {}).get("tolerance") or 0)
    for v in values:
        ok = value_stated(float(v["value"]), v["unit"], tol, stated)
        if not ok and float(v["value"]) == 0:
            ok = any(w in flat for w in NEGATIONS)
        if not ok:
            return False
    for term in gold["must_mention"]:
        options = []
        for alt in term.split("|"):
            alt = squash(alt)
            if alt:
                options += SYNONYMS.get(alt, [alt])
        if not any(squash(o) in flat for o in options):
            return False
    money = set()
    for number, kind in stated:
        if kind in YUAN_PER:
            money.add(round(number * YUAN_PER[kind] / 10000, 6))
    return len(money) <= max(6, 3 * len(values))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]


def simple_scores(questions: Path, answers: Path) -> dict[str, bool]:
    by_id = {a["id"]: a for a in read_jsonl(answers)}
    return {g["id"]: is_correct(g, by_id.get(g["id"])) for g in read_jsonl(questions)}


def package_scores(questions: Path, answers: Path) -> tuple[float, set[str]]:
    """Run the package scorer; return its accuracy and the ids it marks wrong."""
    proc = subprocess.run(
        [sys.executable, "-m", "eval", "score", "--questions", str(questions), "--answers", str(answers)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"python -m eval score failed ({proc.returncode}): {proc.stderr.strip()}")
    lines = proc.stdout.strip().splitlines()
    m = re.match(r"accuracy (\S+) \((\d+)/(\d+)\)", lines[-1])
    if not m:
        raise SystemExit(f"unexpected last line: {lines[-1]!r}")
    wrong = {line.split()[1] for line in lines if line.startswith("FAIL ")}
    return int(m.group(2)) / int(m.group(3)), wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--answers", type=Path, required=True)
    args = parser.parse_args()
    simple = simple_scores(args.questions, args.answers)
    simple_acc = sum(simple.values()) / len(simple)
    package_acc, package_wrong = package_scores(args.questions.resolve(), args.answers.resolve())
    disagree = sorted(i for i, ok in simple.items() if ok == (i in package_wrong))
    diff = abs(simple_acc - package_acc)
    print(f"package scorer   accuracy {package_acc:.3f}")
    print(f"simple scorer    accuracy {simple_acc:.3f}")
    print(f"difference       {diff:.3f} ({'within' if diff <= BAR else 'over'} the {BAR} bar)")
    for i in disagree:
        verdict = "correct" if simple[i] else "wrong"
        print(f"disagree {i}: simple scorer says {verdict}")
    return 0 if diff <= BAR else 1


if __name__ == "__main__":
    sys.exit(main())
