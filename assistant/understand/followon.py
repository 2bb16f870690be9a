"""A question that leans on the one asked before it in the same chat.

People in a chat do not repeat themselves: after "东湖区财政局2024年的会议费是多少？" they ask
"西江区财政局的呢？" (the same item, another body), "那2023年呢？" (another year), or "它折合多少
元？" (the same thing, named no more). Such a question is rewritten into one that stands
alone, from the question before it; the rewriting is shown in the plan. A question that names its
own body, or asks about every loaded document (这些单位里, 谁最多), is left as it is, and so is one
with nothing in it that points back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.understand.scope import Mention

__all__ = ["AGAINST_BEFORE", "follow_on", "subject_of"]

# "那X呢？" / "X的呢？" / "还有X呢？": the question before, with X in place of what it replaces
_ELLIPSIS = re.compile(r"^(?:那么?|还有|另外|再看看?)?\s*(?P<x>.{1,30}?)(?:的)?(?:呢|又是多少|是多少呢)[？?。]?$")
# words that open a question by pointing back at the one before ("那这笔…", "它…", "上面那个…")
_BACK = re.compile(r"^(?:那么?|那)(?!些|几|么多)|^(?:这笔|这个数|这部分|该项|[它他她]们?|上面|刚才|前面说的|这家|该(?:单位|部门)|"
                   r"这个(?:单位|部门))")
# a question about every loaded document names its scope itself
# a pointer with nothing named after it ("这笔钱折合…", "它占多少"): the thing asked before
_PURE_REF = re.compile(r"^(?:这笔钱|这笔|这个数字?|这部分钱?|这项钱|这一?项|它们?)(?=换算|折合|合|占|是|有|比|相当|等于|约|大概|，|,|"
                       # "它上年呢": another year of it, nothing else named ("它某年的X…" names an item)
                       r"(?:今年|去年|上年|明年|前年|20\d\d\s*年度?)的?(?:是|有|为|呢|多少|又))")
# a question that opens with a comparison to the year before ("比上年少了多少？")
AGAINST_BEFORE = re.compile(r"^(?:比|较|和|与|跟|同)(?:上年|去年|上一年|前一年|20\d\d\s*年)")
# a share that names only its whole ("占总支出多少？", "那占三公经费的比例是多少？"): of the thing before
# "比Y多多少？": the thing asked before, against another item of the same body
_AGAINST_ITEM = re.compile(r"^(?:比|较)[\u4e00-\u9fff]{2,16}?(?:多|少|高|低|大|小)了?(?:出)?(?:多少|几|百分之)")
_SHARE_OPEN = re.compile(r"^(?:大约|大概|约)?(?:占|相当于)")
# the bodies named before, pointed at with a new item after ("它们的项目支出…", "这两家的…")
_THEY = re.compile(r"^(?:它们|他们|她们|这两家|那两家|这两个部门|那两个部门|这两个单位|这几家|那几家)(?:俩|两个|两家)?的")
# the two things named before, pointed at together ("两者差多少？", "它俩谁多？")
_BOTH = re.compile(r"^(?:这|那)?(?:两者|二者|[两2](?:个|家|项|份)|它俩|他俩|它们俩|他们俩|它们两个|他们两个)(?:之间|相比|比)?的?")
# a question that names only a column of the thing before ("那调整预算呢？", "决算数呢？")
_COLUMN_ONLY = re.compile(r"^(?:它的?|其)?(?:年初预算|调整(?:后)?预算|全年预算|预算|决算|执行)数?(?:是|有|为)?(?:多少|几|呢)")
# (所有 / 全部 of bodies, not of an amount: "占全部X" leans on the question before)
# a why asked alone after a question about a change ("怎么少了这么多？")
_BARE_WHY = re.compile(r"^(?:那|这)?(?:是)?(?:为什么|为啥|怎么|咋)(?:会|就)?(?:这样|一下子)?"
                       r"(?:比(?P<against>年初预算|全年预算|预算数?))?(?P<turn>(?:增加|减少|增长|下降|多|少|涨|降)了?)?"
                       r"(?:这么多|那么多|这么快|这么大|这么少)?(?:呢|啊|呀)?[？?。]?$")
_ALL_DOCS = re.compile(r"这些|那些|这几|那几|(?:所有|全部)的?(?:部门|单位|文件|材料)|各个?(?:部门|单位|文件)|谁|"
                       r"哪(?:个|家|些|几)(?!地方|方面|事|用途|项|内容|原因|些钱)|"
                       r"几家|几个部门|每个")
# a question listing the bodies that have something ("哪些单位列了X的钱"), and that something
_WHICH_LISTED = re.compile(r"^(?:这些单位里|这些部门里)?(?:哪些|哪几家|哪几个)(?:单位|部门|家)?(?:安排了|安排|列了|列|有|花了|用了)?"
                           r"(?P<x>[^？?，,]{2,30}?)(?:的钱|的预算|的经费)?[？?，,]")
# a part of the thing before, asked by its share ("这当中X占几成")
_INSIDE_OPEN = re.compile(r"^(?:这|那)?(?:里面|里头|其中|当中|其中的)(?P<rest>[^，,？?]{2,}?(?:占|所占).*)$")
# an item inside the thing before, asked by its amount ("其中X是多少")
_INSIDE_ITEM = re.compile(r"^(?:这|那)?(?:里面|里头|其中|当中)的?(?P<rest>[\u4e00-\u9fff“”]{2,}[^，,]*?(?:多少|几|呢)[^，,]*)$")
# a comparison with a body, said first ("同乙局相比，哪个高？")
_AGAINST_BODY = re.compile(r"^(?:跟|和|与|同|比起|对比)(?P<x>[^，,？?]{2,20}?)(?:相?比|比较|对比)(?:的话|起来)?[，,]\s*(?P<rest>.+)$")
# a pointer at the classification row named before ("该科目…") and that row: its code and name
_THIS_CODE = re.compile(r"^(?:这个|这一|该|此)(?:科目|编码|代码|分类科目)(?P<rest>.+)$")
_CODED_ROW = re.compile(r"(?<!\d)(\d{3}(?:\s?\d{2}){0,2})(?![\d年])\s*([\u4e00-\u9fff（）()]{2,20}?)"
                        r"(?=列|是|有|安排|的|多少|占|，|,|$)")
# a place and a pointer at one of the bodies named before ("丙区的那个部门…")
_THAT_ONE = re.compile(r"^[\u4e00-\u9fff]{2,8}?的?(?:那家|这家|那个单位|那个部门|那一家)的?(?P<rest>.*)$")
# "最少的是哪家？" / "排第二的呢？" after a question that asked for the most of something
_RANK_AGAIN = re.compile(r"^(?:那么?)?(?:(?P<most>最(?:多|少|高|低|大|小))|(?:排(?:在)?)?第\s*(?P<n>[二三四五六七八九2-9])"
                         r"(?:名|位|多|少|高|低|大|小)?)的?(?:又|呢|是|哪家|哪个|哪一家|谁|单位|部门|是多少)*[？?。]?$")
_SUPERLATIVE = re.compile(r"最(?P<d>多|少|高|低|大|小)|第[二三四五六七八九2-9](?P<e>多|少|高|低|大|小)")
_BODY_END = re.compile(r"(?:局|委|院|办|处|中心|所|部|站|队|馆|街道|会|厅)$")  # a body's name, not a place's
_YEARS = re.compile(r"(?:19|20)\d\d\s*年度?|今年|去年|本年|上年|明年")


def follow_on(question: str, previous: str | None,
              mentions_of: Callable[[str], Sequence[Mention]]) -> str:
    """``question`` made to stand alone from ``previous`` (the question asked before it in the
    same chat), or ``question`` itself. ``mentions_of`` gives the spans of a text that name
    loaded issuers."""
    q = question.strip()
    if not previous or not q:
        return question
    before = previous.strip().rstrip("？?。!！ ")
    mine = list(mentions_of(q))
    theirs = list(mentions_of(before))
    first, _, then = q.partition("？") if "？" in q else q.partition("?")
    ell_then = _ELLIPSIS.match(first + "？") if then else None
    both_then = _BOTH.match(then.strip()) if ell_then else None
    if ell_then and both_then and not mine:
        # "Y呢？两者合计多少？": the item before and the one named now, together
        x = re.sub(r"^(?:那么?|还有|另外)", "", ell_then.group("x")).rstrip("的")
        return f"{re.sub(r'(?:各|分别|都|各自)$', '', subject_of(before))}和{x}{then.strip()[both_then.end():]}"
    if ell_then and mine and not both_then:
        # "还有X的呢？和Y差几何？": the first clause stands alone as above, the rest asked of it
        alone = follow_on(first + "？", previous, mentions_of)
        if alone != first + "？":
            return alone.rstrip("？?") + "？" + then.strip()
    ell = _ELLIPSIS.match(q)
    if ell:
        x = ell.group("x").strip()
        rest = x
        for m in mine:
            rest = rest.replace(m.text, "")
        # "那某区的几个单位呢": the bodies counted after the place are the place's own
        rest = re.sub(r"(?:这|那)?(?:\d+|几|各|所有)?(?:个|家)?(?:部门|单位)|\d+家|的|呢|[这那](?:边|里|儿|个|家)|[，,\s]", "", rest)
        year = _YEARS.fullmatch(rest)
        if mine and theirs and (len(rest) <= 1 or year):
            # "X局的呢？": the same question of the body named now, in its own year (or the year
            # said with it: "X局2023年的呢？")
            bodies = "和".join(m.text for m in mine)
            start = theirs[0].start
            place = re.search(r"[\u4e00-\u9fff]{1,4}?[省市区县]$", before[:start])
            if place and not any(place.group(0) in m.text for m in mine):
                start = place.start()  # "金水区环保局": the place said before the name goes with it
            head, tail = before[:start], _YEARS.sub("", before[theirs[0].start + len(theirs[0].text):])
            for m in theirs[1:]:
                tail = tail.replace(m.text, "")
            # (the year said with the new body stays beside it, where a year names its issuer's)
            return _YEARS.sub("", head) + bodies + (year.group(0) if year else "") + tail + "？"
        if not mine and _YEARS.fullmatch(x):
            # "那2023年呢？": the same question of that year
            return _with_year(before, x) + "？"
    why = _BARE_WHY.match(q)
    if why and (why.group("against") or re.search(r"比|增|减|涨|降|变|多了|少了|压缩|压减", before.replace("多少", ""))):
        # the reason of the change asked just before (or of the figure just asked against its
        # budget or its year before: "怎么比预算少了这么多"), of the same item and body
        subject = re.sub(r"(?:是不是|是否|有没有|有所)$", "", subject_of(before))
        turn = (why.group("turn") or "").rstrip("了") or "变化"
        against = why.group("against") or ("上年" if turn != "变化" else "")
        if len(subject) >= 2:
            return f"{subject}为什么{'比' + against if against else ''}{turn}？"
    rest = re.sub(r"^(?:那么?|那|还有|另外)\s*", "", q)
    both = _BOTH.match(rest)
    listed = _WHICH_LISTED.match(before)
    if both and not mine and listed and re.match(r"加|合|一共|总共|共|相加|差|谁|哪", rest[both.end():]):
        # "两家加起来多少？" after "哪些单位有X？": X of the bodies just listed, added or compared
        return listed.group("x") + rest[both.end():]
    if both and not mine and (re.search(r"[和与及跟、]", subject_of(before)) or (
            any(len(m.doc_ids) >= 2 for m in theirs)  # ("两份X的…" counts a new thing: not a pointer)
            and re.match(r"加|差|相|比|谁|哪|合|一共|总共|共|之间", rest[both.end():]))):
        # "两者差多少？" after "A和B的X各是多少", or after a name that fits two documents
        # ("某区的X是多少"): the X of both, asked again with the new operation (a name that fits
        # two, said with its count, so that both are compared: "两个某局")
        subject = re.sub(r"(?:各|分别|都|各自)$", "", subject_of(before))
        shared = next((m for m in theirs if len(m.doc_ids) >= 2 and m.text in subject
                       and not re.search(r"[省市区县镇]$", m.text)), None)  # (a place names its bodies itself)
        if shared is not None and not re.search(r"[和与及跟、]", subject):
            subject = subject.replace(shared.text, f"两个{shared.text}", 1)
        return subject + rest[both.end():]
    they = _THEY.match(rest)
    if they and not mine and len({m.text for m in theirs}) >= 2:
        # "那它们的项目支出哪家多？": the bodies named before, asked about the new item
        named = "和".join(dict.fromkeys(m.text for m in theirs))
        return f"{named}的{rest[they.end():]}"
    inside = _INSIDE_OPEN.match(rest) or (_INSIDE_ITEM.match(rest) if theirs and "占" not in rest else None)
    if inside and not mine:
        # "其中X占多大比例？" / "其中X是多少？": X (its share, or its amount) inside the thing
        # asked before, of the same body and year
        subject = re.sub(r"(?:一共|总共|共计|合计)$", "", subject_of(before))
        if len(subject) >= 2:
            return f"{subject}里，{inside.group('rest')}"
    against = _AGAINST_BODY.match(rest)
    if against and mine and theirs and all(m.text in against.group("x") for m in mine):
        # "同B相比，哪个高？": the question before (of A) compared with the body named now
        subject = subject_of(before)
        if len(subject) >= 2 and not any(m.text in subject for m in mine):
            return f"{subject}跟{against.group('x')}比，{against.group('rest')}"
    shared_body = next((m for m in theirs if len(m.doc_ids) >= 2), None)
    if len(mine) >= 2 and shared_body is not None and all(set(m.doc_ids) & set(shared_body.doc_ids) for m in mine) \
            and not any(shared_body.text in m.text or _BODY_END.search(m.text) for m in mine) \
            and _BODY_END.search(shared_body.text):
        # "东湖那个是白沙的几倍？" after "审计局的X是多少" (a name two documents fit): the X of that
        # body in each place said, compared as asked
        item = re.sub(rf"^.*?{re.escape(shared_body.text)}的?", "", subject_of(before))
        first = min(mine, key=lambda m: m.start)
        out = q
        for m in sorted(mine, key=lambda m: -m.start):  # (from the end, so earlier spans stay put)
            end = m.start + len(m.text)
            tail = re.match(r"(?:那个|这个|那家|这家)?(的)?", out[end:])
            name = m.text + shared_body.text
            if m is first:
                name += f"的{item}" if item else ""
            elif tail and tail.group(1):
                name += "的"
            out = out[:m.start] + name + out[end + (tail.end() if tail else 0):]
        return out
    this_code = _THIS_CODE.match(rest)
    coded = _CODED_ROW.search(before) if this_code else None
    if coded and not mine:
        # "该科目其他部门列了吗？": the coded row named before, asked anew
        return coded.group(1) + coded.group(2) + this_code.group("rest")
    one = _THAT_ONE.match(rest)
    if one and len(mine) == 1 and theirs and rest.startswith(mine[0].text) and len(one.group("rest")) >= 2:
        # "丙区的那个部门较上年如何": of the bodies named before, the one in the place said now
        theirs_ids = {i for m in theirs for i in m.doc_ids}
        subject = subject_of(before)
        if theirs_ids & set(mine[0].doc_ids) and theirs[0].text in subject:
            return subject.replace(theirs[0].text, mine[0].text + theirs[0].text, 1) + one.group("rest")
    again = _RANK_AGAIN.match(rest)
    most = _SUPERLATIVE.search(before)
    if again and most and not mine:
        # the ranking asked before, for the other end or for the place said now
        said = again.group("most") or f"第{again.group('n')}{most.group('d') or most.group('e')}"
        # (the question the ranking was asked in; a second question after it is not asked again)
        return before[:most.start()] + said + re.split(r"[？?]", before[most.end():])[0] + "？"
    if mine or _ALL_DOCS.search(q):
        return question
    ref = _PURE_REF.match(rest)
    if ref or AGAINST_BEFORE.match(rest) or _AGAINST_ITEM.match(rest) or _SHARE_OPEN.match(rest) \
            or _COLUMN_ONLY.match(rest):
        # "这笔钱折合多少元" / "比上年少了多少？": the thing asked before stands where the question
        # points at it, or in front of the comparison
        subject = subject_of(before)
        tail = rest[ref.end():] if ref else rest
        if _YEARS.match(tail):  # "它上年呢": the thing before, in the year asked now
            subject = _YEARS.sub("", subject)
        if len(subject) >= 2:
            return subject + tail
    if not theirs:
        return question
    if ell or _BACK.search(q):
        # "那这笔培训费占多少？": the bodies (and years) named before, asked again
        first = next((m.group(0) for m in _YEARS.finditer(before) if not re.match(r"去年|上年", m.group(0))), "")
        years = first  # the year the body was asked in, not a year it was compared with
        named = "和".join(dict.fromkeys(m.text for m in theirs))
        # "它某年的X…" / "这家的X…": the body named before
        rest = re.sub(r"^(?:[它他她]们?|其|这家|该(?:单位|部门)|这个(?:单位|部门))的?(?=\S)", "", rest)
        only_year = re.fullmatch(rf"(?P<y>{_YEARS.pattern})的?(?:呢|又是多少|是多少)?[？?。]?", rest)
        if only_year:  # "该单位上年的呢？": the question before, of that year
            return _with_year(before, only_year.group("y")) + "？"
        return f"{named}{'' if _YEARS.search(rest) else years}{rest}"
    return question


def subject_of(before: str) -> str:
    """What the question before asked about: its words before the amount it asked
    ("东湖区财政局2024年的会议费是多少" → "东湖区财政局2024年的会议费")."""
    first = re.split(r"[？?]", before)[0]
    whole = re.search(r"(?:一共|总共|共计)(?:打算|准备|预计|计划)?(?:(?P<budget>安排了?|预算了?)|(?P<spent>花了?|用了?|支出了?))(?:多少|几)", first)
    subject = re.sub(r"(?:打算|准备|预计|计划)?(?:是|有|为|安排了?|花了?|用了?|预算了?)?(?:多少|几|多大)[^，,]*$", "", first)
    if whole and re.search(r"(?:一共|总共|共计)$", subject):
        # "X总共安排多少资金": the whole budget of X, named so the next question can ask about it
        subject = re.sub(r"(?:一共|总共|共计)$", "", subject) + ("预算总额" if whole.group("budget") else "支出总额")
    subject = re.sub(r"(?:换算成|折合成?|折算成)(?:万元|元|亿元)$", "", subject)
    subject = re.sub(r"(?:是|指)(?:什么|啥|哪个|哪一?项)[^，,]*$", "", subject)  # "X是什么科目": X
    subject = re.sub(r"(?:比|较|和|与|跟)(?:上年|去年|上一年|20\d\d\s*年)[^，,]*$", "", subject)
    subject = re.sub(r"(?:是不是|是否|有没有)$", "", subject)
    subject = re.sub(r"实际(?:上)?$", "", subject)  # "X实际花了多少": X
    return subject.rstrip("的，, 是呢")


def _with_year(text: str, year: str) -> str:
    """``text`` with its year replaced by ``year`` (or ``year`` put first when it has none)."""
    if _YEARS.search(text):
        return _YEARS.sub(year, text, count=1)
    return year + text
