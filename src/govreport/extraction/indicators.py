"""Quantities to indicator rows: what is measured, for which period, actual or target.

Works clause by clause (a clause ends at ，；。：！？ or a line break):
- the name of a quantity is the noun phrase before it in its clause (after the previous
  quantity), stripped of verbs and qualifiers; failing that, the phrase after its unit
  (``21项重大任务``); failing that, the name of the previous quantity (``1179.4亿元、增长6.9%``);
- ``分别`` spreads a list of names over the values that follow, in order, also into the
  next clause (``分别完成37820元、28104元，同比分别增长6.5%、9.4%``);
- ``均`` / ``各`` give one row per name for a single value (``产值和增加值均增长23.6%``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from govreport import lexicon
from govreport.text.numerals import NumberToken
from govreport.extraction import periods
from govreport.extraction.quantities import Reading
from govreport.text.structure import Section, Sentence

CLAUSE_STOPS = "，,；;。：:！？!?\n"
_NEXT_STOP = re.compile("[" + re.escape(CLAUSE_STOPS) + "]")

# words that open or close a name and are not part of it (lexicon: words.lead, words.trail, scopes)
_LEAD_WORDS = lexicon.words("words.lead", "words.scope")
_TRAIL_WORDS = lexicon.words("words.trail", "words.adverbs", "words.scope", "words.scope_units", "words.scope_region") + ("全国",)
# longest word first, as the alternation tries them in order; a lead word never eats the whole name
_LEAD_RE = re.compile("^(?:" + lexicon.prefix_tree(_LEAD_WORDS) + ")(?=.)")
_TRAIL_RE = re.compile("(?:" + lexicon.prefix_tree(_TRAIL_WORDS) + ")$")
# aspect words stripped from a name's end only when a real name remains (经济增速 stays whole)
_ASPECTS = frozenset(lexicon.words("words.aspect"))
_GENERIC_NAMES = frozenset(lexicon.words("words.generic_names"))
_GENERIC_LONGEST_FIRST = lexicon.words("words.generic_names")
# pair words standing for two or three names (城乡居民 -> 城镇居民, 农村居民; 实际使用内外资 -> …内资, …外资)
_EXPAND: dict[str, list[str]] = dict(lexicon.entry("names.expand"))
_EXPAND_INFIX: dict[str, list[str]] = dict(lexicon.entry("names.expand_infix"))

# small patterns used inside functions, compiled once
_NAME_PUNCT = re.compile(r"[“”\"‘’《》（）()\s\u200b\u200c\u200d\u2060\ufeff\u00ad]|百分之$|[-－−]+$")
_LEADING_YEAR = re.compile(r"(?:到|至|截至|截止|从|在)?(?:(?:19|20)\d{2}\s*年(?:度|底|末)?|(?:19|20)\d{2}\s*[-—–至]\s*(?:19|20)\d{2}\s*年)"
                           f"|(?:{lexicon.escaped('periods.past_five_years')})"
                           r"|(?:较|比)“?十[一二三四五六]五”?(?:时期|期间|末)?|[一二三四五六七八九十]{1,3}是"
                           r"|在(?:全国|全省|全市|全区|全县)(?:率先|首次)?|[\u4e00-\u9fff]{2,8}期间(?=[\u4e00-\u9fff]{2})"
                           r"|[向为][\u4e00-\u9fff]{1,10}?(?:发放|提供|兑现|拨付|支付)(?=[\u4e00-\u9fff]{2})")  # 向困难群众发放…补贴
_SUBJECT_PUNCT = re.compile(r"[“”\"‘’《》（）()\s]")
_SUBJECT_TAIL = re.compile(r"(同比|比上年|较上年|年均|全年|累计|的|要)$")
_LEADING_FILLER = re.compile(r"^(的|左右|以上|多|余)+")
_FENBIE = re.compile(r"分别")
_PRE_QUALIFIER_TAIL = re.compile(f"(?:{lexicon.escaped('qualifiers.before')})$")
_ASPECT_TAIL = lexicon.alternation("words.aspect", anchor="$")


@dataclass
class Claim:
    """One row to be: a reading with its name and context settled."""

    reading: Reading
    indicator: str
    metric: str
    value: float
    value_high: float | None
    qualifier: str
    unit: str
    base_unit: str
    period: str
    kind: str
    sentence: Sentence
    section: Section | None
    aspect: str = ""
    scope: str = ""
    estimated: bool = False
    rules: tuple[str, ...] = ()
    range_end: bool = False  # the upper end of a range: its value is the row's value_high, it is no row itself


# action verbs that open a clause (新增国家高新技术企业23家): the indicator is their object (lexicon: verbs)
_KEPT_VERBS = re.compile(f"^({lexicon.escaped('verbs.kept')})")
_AMOUNT = lexicon.alternation("words.amount")
_SUBJECT_BEFORE_VERB = re.compile(r"^([\u4e00-\u9fff]{2,8}?)(?:荣获|获评|获得|入选|实现|完成|成功)")
_INNER_VERB = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:实现|完成|获得)(?=[\u4e00-\u9fff]{2})")  # 民营经济实现全口径税收
_ACTION_RE = lexicon.alternation("verbs.action")
_VERB_END = lexicon.alternation("verbs.action", anchor="$")


def _object_name(name: str) -> str:
    """From a verb phrase to what is counted: 实施智能化改造项目 -> 智能化改造项目, A等重点项目 -> 重点项目."""
    name = _INNER_VERB.sub("", name)
    if "等" in name[1:]:
        head, after = name.rsplit("等", 1)
        if len(after) >= 3 or (len(after) == 2 and after not in ("活动", "项目", "工作", "工程")):
            kept = _KEPT_VERBS.match(head)
            if kept:
                return kept.group(1) + after  # 开工…等重点项目: the verb says which projects
            name = after
    if "、" in name:
        before, last = name.rsplit("、", 1)
        if last in _GENERIC_NAMES:
            # 金龙铜管荣获“市长质量管理奖”、产值: the generic belongs to the subject before the verb
            subject = _SUBJECT_BEFORE_VERB.match(before)
            name = subject.group(1) + last if subject else last
        elif _AMOUNT.fullmatch(last) and "、" not in before:
            name = _object_name(before) + last  # 发放转型金融贷款、累计额度 -> 转型金融贷款累计额度
        else:
            name = last or name
    while True:
        m = _ACTION_RE.match(name) or _LEAD_RE.match(name)
        if not m or len(name) - m.end() < 2:
            return name
        name = name[m.end():].lstrip("和及与、")


_TRAILING_TIME = re.compile(r"(?:(?:从|由|到|至)?(?:19|20)\d{2}\s*年(?:底|末)?的?|(?:较|比|与)“?(?:十[一二三四五六]五”?(?:时期|期末|末|同期)?|上年|去年|同期|上个五年|五年前|上届|前年)"
                            r"|在[\u4e00-\u9fff]{1,20}?的?情况下|连续[0-9一二三四五六七八九十]{1,3}(?:年|个月)(?:增产|增收|增长|丰收|提高)?"
                            r"|(?:从|由)(?:上半年|年初|一季度|前三季度|去年|上年)的?)$")


def _strip_name(seg: str) -> str:
    if not seg:
        return seg  # a third of the calls: a number right after a clause stop or the previous number
    seg = _NAME_PUNCT.sub("", seg)
    changed = True
    while changed and seg:
        changed = False
        seg = _TRAILING_TIME.sub("", seg)
        seg = seg.lstrip("、，,和及与")
        m = _LEADING_YEAR.match(seg)
        if m:
            seg = seg[m.end():]
            changed = True
        m = _LEAD_RE.match(seg)
        if m:
            seg = seg[m.end():]
            changed = True
        m = _TRAIL_RE.search(seg)
        if m and not (m.group(0) in _ASPECTS and m.start() < 3):
            seg = seg[: m.start()]
            changed = True
    return seg.strip("、，,的和与")


def _strip_subject(seg: str) -> str:
    """The subject of a list (before 分别 / 均): leading function words off, the list itself kept."""
    seg = _SUBJECT_PUNCT.sub("", seg)
    changed = True
    while changed and seg:
        changed = False
        seg = seg.lstrip("、，,和与")
        for w in _LEAD_WORDS:
            if seg.startswith(w) and len(seg) > len(w):
                seg, changed = seg[len(w):], True
                break
        m = _SUBJECT_TAIL.search(seg) or _TRAILING_TIME.search(seg)  # …死亡人数较“十三五”同期分别下降
        if m and m.start() > 0:
            seg, changed = seg[: m.start()], True
    return seg


def _name_after(text: str, pos: int, stop: int) -> tuple[str, int]:
    """The noun phrase right after a number and its unit (21项重大任务), and where it ends.

    A predicate after the noun is dropped (51个重点项目开工建设 -> 重点项目开工), and so is a
    one-word subject before a verb (3家企业跻身全市制造业百强企业 -> 跻身全市制造业百强企业)."""
    m = _AFTER.match(text, pos, min(stop, pos + 20))
    raw = m.group(0) if m else ""
    name = _LEADING_FILLER.sub("", raw)
    name = _AFTER_PREDICATE.sub("", name) or name
    m = _GAINED_BY.match(name)
    if m and not m.group(3).endswith(m.group(1)):
        name = m.group(2) + m.group(3) + m.group(1)  # 5项科技成果获重庆市科学技术奖 -> 获重庆市科学技术奖科技成果
    m = _AFTER_SUBJECT.match(name)
    if m:
        subject = name[:m.end()].rstrip("成功获评被为创建批")
        name = name[m.end():]
        if _JOIN_VERB.match(name) and not name.endswith(subject):
            name += subject  # 12家企业纳入市级拟上市企业后备库 -> 纳入市级拟上市企业后备库企业
    return _strip_name(name)[:16], pos + len(raw)


_JOIN_VERB = re.compile(r"纳入|入选|入驻|进入|上榜|入围")
_GAINED_BY = re.compile(r"^([\u4e00-\u9fff]{2,6}?)(获(?![得批评]))([\u4e00-\u9fff]{3,})$")
_AFTER_PREDICATE = re.compile(f"(?<=..)(?:{lexicon.escaped('verbs.after_predicate')})$")
_AFTER_SUBJECT = re.compile(r"^(?:(?:企业|村|镇|人|项目|单位)(?:(?:成功)?(?:获评|被评为|创建|获批)|(?=跻身|纳入|入选|入驻|进入|上榜|入围))"
                            r"|[\u4e00-\u9fff]{1,4}?(?=纳入|入选|入驻|进入|上榜|入围))(?=[\u4e00-\u9fff“]{3})")


# 100家左右“专精特新”企业, 6个遗址入选“中国百年百大考古发现”: a short quoted name at the start or after a word
_AFTER = re.compile(r"(?:“[^”\n]{1,12}”)?[^、，,；;。：:！？!?\n\d０-９（(“]*(?:“[^”\n]{1,16}”[^、，,；;。：:！？!?\n\d０-９（(“]*)?")


def _split_names(subject: str) -> list[str]:
    """A list subject such as 一二三产业增加值, 城镇和农村居民人均可支配收入, A、B、C纳税额 -> names."""
    for head, parts in _EXPAND.items():
        if subject.startswith(head) and not _LIST_SEP.search(subject):  # 城乡养老保险、医疗保险: not a 城乡 pair
            rest = subject[len(head):]
            return [p + rest for p in parts]
    for pair, parts in _EXPAND_INFIX.items():
        at = subject.find(pair)
        if at != -1 and not _LIST_SEP.search(subject):
            return [subject[:at] + p + subject[at + len(pair):] for p in parts]
    items = []
    for item in re.split(r"、|和|与|以及", subject):
        parts = item.split("及")
        items.extend(parts if len(parts) == 2 and min(map(len, parts)) >= 3 else [item])
    items = [x for x in items if x]
    if len(items) < 2:
        return items
    scope = _SCOPE.match(_object_name(items[0]))
    if scope and not any(_SCOPE.match(x) for x in items[1:]):
        items = [items[0]] + [scope.group(0) + x for x in items[1:]]  # 市级企业技术中心、工业设计中心
    if items[0].startswith("有") and not any(x.startswith("有") for x in items[1:]):
        items = [items[0]] + ["有" + x for x in items[1:]]  # 有研发活动、研发机构的企业
    last = items[-1]
    generic = next((g for g in _GENERIC_LONGEST_FIRST
                    if last.endswith(g) and len(last) > len(g)), None)
    if generic and len(items) > 2:
        # 生猪出栏量、水果和蔬菜产量: the measure ends every item that has none of its own
        return [f if f.endswith(_COMPLETE_ENDS) else f + generic for f in items[:-1]] + [last]
    if "的" in last and not any("的" in f for f in items[:-1]):
        tail = last[last.index("的"):]  # 有研发活动、有研发机构的规上工业企业
        return [f + tail for f in items[:-1]] + [last]
    firsts = items[:-1]
    width = max(len(f) for f in firsts)
    # a shared tail: 城镇居民、农村居民人均可支配收入 / 养老保险、医疗保险参保率 -> the tail after the parallel head
    if len(last) > width + 1 or (len(last) > 2 and all(len(f) <= 6 for f in firsts)):
        for k in (2, 1):
            end = firsts[-1][-k:]
            cut = last.find(end, 1)
            if len(firsts[-1]) > k and cut != -1 and cut + k < len(last):
                tail = last[cut + k:]
                return [f + tail for f in firsts] + [last]
        if len(last) > width + 1 and all(len(f) <= 6 for f in firsts):
            tail = last[width:]
            return [f + tail for f in firsts] + [last]
    # a shared head: 规上工业产值和增加值 -> 规上工业 + 产值 / 增加值; 信访事项受理率、办结率
    if len(firsts) == 1 and len(last) <= 4 and len(firsts[0]) > len(last):
        first = firsts[0]
        for generic in _GENERIC_LONGEST_FIRST:
            if first.endswith(generic) and len(first) > len(generic):
                head = first[: -len(generic)]
                # 粮食播种面积和产量: the verb belongs to the first noun only (粮食产量)
                head = _HEAD_VERB.sub("", head) if last in _GENERIC_NAMES else head
                return [first, head + last]
        if first[-1] == last[-1] and len(first) > len(last) + 1:
            return [first, first[: -len(last)] + last]
    return items


def build_claims(text: str, readings: list[Reading], sentences: list[Sentence], paragraphs: list[tuple[int, int]],
                 sections: list[Section], year: int | None) -> list[Claim]:
    claims: list[Claim] = []
    contexts = periods.paragraph_contexts(text, paragraphs, sections, year)
    span_sentences = periods.span_sentences(text, sentences, year)
    sec_by_id = {s.section_id: s for s in sections}
    si = 0
    prev: Claim | None = None
    prev_names: list[str] = []
    carry = ""
    consumed = 0  # end of what the previous claim used: its unit, or the name after it (21项重大任务)
    list_names: list[str] = []
    list_pos = 0
    clause_key = None
    last_sentence_id = -1
    marks = None
    stops: list[int] = []
    structure = _structure_runs(text, readings)
    run_first: Claim | None = None
    for index, r in enumerate(readings):
        tok: NumberToken = r.token
        while si + 1 < len(sentences) and sentences[si].end <= tok.start:
            si += 1
        sent = sentences[si] if sentences else Sentence(0, -1, 0, 0, len(text))
        if not (sent.start <= tok.start < sent.end):
            sent = Sentence(-1, -1, 0, tok.start, tok.end)
        section = sec_by_id.get(sent.section_id)
        if sent.sentence_id != last_sentence_id:
            prev, list_names, list_pos = None, [], 0
            last_sentence_id = sent.sentence_id
            marks = periods.SentenceMarks(text, sent.start, sent.end, year)
            stops = [m.start() for m in _NEXT_STOP.finditer(text, sent.start, sent.end)]
        k = bisect.bisect_left(stops, tok.start)
        cstart = stops[k - 1] + 1 if k else sent.start
        k = bisect.bisect_left(stops, tok.end)
        cend = stops[k] if k < len(stops) else sent.end
        clause = text[cstart:cend]
        same_clause = clause_key == (sent.sentence_id, cstart)
        clause_key = (sent.sentence_id, cstart)
        seg_start = cstart
        if same_clause and prev is not None:
            seg_start = max(cstart, consumed)
        consumed = r.claim_end
        seg = text[seg_start:tok.start]
        full_seg = text[cstart:tok.start]

        names: list[str]
        fenbie = _FENBIE.search(full_seg)
        junge = _JUNGE.search(_strip_tail_qual(seg))
        if fenbie and (not same_clause or not list_names or seg.strip("、，, 和") == ""):
            if not same_clause:
                subject = _strip_subject(full_seg[: fenbie.start()])
                earlier = [c.indicator for c in claims if c.sentence is sent]
                bare = not subject or _not_a_name(_strip_name(subject)) or subject in _ASPECT_WORDS
                n = _values_in_list(text, readings, index, cend) if bare else 0
                listed = _clause_list_before(text, sent.start, cstart) if bare else []
                if bare and len(listed) == n > 1:
                    # A、B、C和D再次提高，月人均分别提高221元、…: the list is the clause before
                    list_names = listed
                elif bare and earlier:
                    # A4767公里，B1.8万公里，较“十三五”时期分别增长4.8%、50%: the list is the values just named
                    list_names = earlier[-n:] if n <= len(earlier) else list_names
                elif subject:
                    list_names = _split_names(subject)
                list_pos = 0
            elif not list_names:
                # 城乡居民人均可支配收入从…A和B分别提高到C和D: the list subject stands before 从
                m = _FROM_WORD.search(full_seg, 0, fenbie.start())
                subject = _strip_subject(full_seg[: m.start()]) if m else ""
                list_names, list_pos = (_split_names(subject) if subject else []), 0
            names = [list_names[list_pos]] if list_pos < len(list_names) else ([carry] if prev else [])
            name_rule = "name.list_fenbie"
            list_pos += 1
            if (not same_clause and len(list_names) > 1 and list_pos == 1
                    and _values_in_list(text, readings, index, cend) == 1):
                names, name_rule = list(list_names), "name.list_fenbie_one_value"  # A、B排放量要分别下降3%
                list_pos = len(list_names)
        elif list_names and same_clause and seg.strip("、，, 和") == "":
            names = [list_names[list_pos]] if list_pos < len(list_names) else [carry if prev else ""]
            name_rule = "name.list_continues"
            list_pos += 1
        elif junge:
            subject = _strip_subject(seg[: junge.start()])
            names = _split_names(subject) if subject else ([carry] if prev else [""])
            names = [_qualify_generic(_object_name(n), prev) for n in names]
            name_rule = "name.list_junge"
        elif (r.metric == "rank" and prev is not None and prev.metric != "rank"
              and _strip_name(seg) in _RANK_OF_PREVIOUS):
            names, name_rule = [prev.indicator], "name.rank_of_previous"  # 成交额6121亿元、金额居全国第3位
        elif r.metric == "rank" and same_clause and prev is not None and prev.metric == "rank":
            names = list(prev_names)  # 位列全市第8、渝东北第1: the same claims, another scope
            name_rule = "name.rank_other_scope"
        else:
            name = _strip_name(seg)
            name_rule = "name.before"
            rate_list = name.split("、")
            after, after_end = ("", 0) if r.metric in ("growth", "rank", "change_pp") else _name_after(text, r.claim_end, cend)
            if after and _CN_COUNT.match(after):
                after = ""  # 9万亿三个大台阶: a count of the list, not what is measured
            if after and _TOTAL_BEFORE.search(seg):
                name = ""  # 10号线二期、15号线共67公里轨道交通线: a total of the list, named after it
            if after and after in _GRADE_WORDS and (more := _GRADE_LIST_NOUN.match(text, after_end)):
                after = after + more.group(1)  # 新建6个国家级、20个省级临床重点专科: the list shares its noun
            if after and (not name or _VERB_END.search(name) or name.endswith("等") or _not_a_name(name)
                          or _verb_only(name, after)
                          or (_LIST_SEP.search(name) and r.base_unit in _MEASURE_NOUN and len(after) >= 2
                              and not _HAS_DIGIT.match(text, after_end))):
                kept = _KEPT_VERBS.match(name) if name.endswith("等") else None
                name = (kept.group(1) if kept else "") + _object_name(after)
                consumed = after_end
                name_rule = "name.after"
            elif name in _GENERIC_NAMES and after and text.startswith("的", r.claim_end):
                name = _object_name(after) + name  # 投资1.27亿元的公路客运总站: what the amount is for follows
                consumed = after_end
                name_rule = "name.generic_of_following"
            elif (name in _GENERIC_NAMES and not after and text.startswith("的", r.claim_end) and index + 1 < len(readings)
                  and readings[index + 1].token.start == r.claim_end + 1
                  and (following := _name_after(text, readings[index + 1].claim_end, len(text))[0])):
                # 总投资3345亿元的517个重大项目: the amount is of the things counted next
                name, name_rule = _object_name(following) + name, "name.generic_of_following"
            whole_name = name  # 社会消费品零售总额、固定资产投资增长4%左右: the list before _object_name keeps its items
            if (name_rule == "name.before" and "、" in name and r.metric is None and not same_clause
                    and r.base_unit not in ("%", "‰", "百分点", "") and _counted_together(name)
                    and _values_in_list(text, readings, index, cend) == 1):
                name_rule = "name.counted_together"  # 新改扩建中小学、幼儿园4868所: one count of both
            elif name and name_rule == "name.before":
                name = _object_name(name)
            if _VERB_FINAL.fullmatch(name) and carry and same_clause:
                name = carry + name  # 84个老旧小区改造、惠及3.5万户: what the verb applies to comes before
                name_rule = "name.verb_object_before"
            if (not name or _not_a_name(name)) and prev is not None and (
                    same_clause or r.metric in ("growth", "change_pp", "rank") or not name):
                before = "" if same_clause else _clause_before(text, sent.start, cstart)
                n = 0 if same_clause or before else _values_in_list(text, readings, index, cend)
                earlier = [c.indicator for c in claims if c.sentence is sent] if n > 1 else []
                if before:
                    name, name_rule = before, "name.clause_before"  # A增长5%，进出口总值创历史新高，达到5379亿元
                elif n > 1 and len(earlier) >= n and len(set(earlier[-n:])) == n:
                    # A15781元，B4761元，实际增长8.4%和8%: a list of values without names is the values just named
                    list_names, list_pos = earlier[-n:], 1
                    name, name_rule = list_names[0], "name.list_previous"
                else:
                    name, name_rule = carry, "name.carried"
            elif name.startswith("占") and prev is not None and carry and (
                    same_clause or len(name) <= 3 or (name.endswith(("比重", "的比重", "比例")) and not _HAS_DIGIT.search(
                        text, prev.reading.claim_end, cstart))):
                # …经费3664亿元，占国内生产总值比重1.49%: the share is of the amount just stated
                name, name_rule = carry + name, "name.share_of_previous"  # 全口径税收51.6亿元、占全区比重61.1%
            listed = _split_names(name) if _LIST_SEP.search(name) else []
            if len(rate_list) > 1 and all(p.endswith("率") for p in rate_list):
                names = [_object_name(n) for n in _split_names("、".join(rate_list))]  # 受理率、办结率100%
                name_rule = "name.rate_list"
            elif len(listed) > 1 and _values_in_list(text, readings, index, cend) == len(listed):
                # 粮食播种面积和产量稳定在150万亩、50万吨左右: a list without 分别
                list_names, list_pos = listed, 1
                names = [listed[0]]
                name_rule = "name.list_without_fenbie"
            elif (r.metric == "growth" and not same_clause and name_rule == "name.before"
                  and "等" not in whole_name and "“" not in seg  # A、B等产业, A、B“新三样”: examples of one thing
                  and len(shared := _split_names(whole_name) if "、" in whole_name else []) > 1
                  and _values_in_list(text, readings, index, cend) == 1
                  and all(len(x) >= 4 and x.endswith(_MEASURE_ENDS) for x in shared)):
                # 社会消费品零售总额、固定资产投资增长4%左右: one change shared by every item
                names = [_object_name(x) for x in shared]
                name_rule = "name.list_shared_value"
            elif name in _GENERIC_NAMES and same_clause and prev is not None and _head_of(prev.indicator):
                # 粮食播种面积1584.6万亩、总产量132.4亿斤: the measure belongs to the thing the list is about
                names, name_rule = [_head_of(prev.indicator) + name], "name.head_of_previous"
            elif (name in _INVESTMENT_NAMES and prev is not None and prev.indicator and prev.base_unit in _COUNT_UNITS
                  and r.base_unit not in _COUNT_UNITS and not _HAS_DIGIT.search(text, prev.reading.claim_end, tok.start)
                  and not _head_of(prev.indicator)):
                # 安排重大项目1678个、年度投资1.1万亿元: the investment is in the projects just counted
                names, name_rule = [prev.indicator + name], "name.of_counted"
            elif (r.metric == "growth" and _PAIR_INCOME.match(name) and _values_in_list(text, readings, index, cend) == 1
                  and len(pair := _split_names(name)) == 2):
                names, name_rule = pair, "name.pair_shared_value"  # 城乡居民可支配收入增长18%: both incomes
            else:
                names = [_qualify_generic(name, prev)]
            if len(names) == 1 and names[0] in _ASPECTS and prev is None:
                subject = _sentence_subject(text, sent.start, cstart)
                if subject:
                    names, name_rule = [_ASPECT_TAIL.sub("", subject) + names[0]], "name.aspect_of_subject"
            elif len(names) == 1 and names[0] in _GENERIC_NAMES and (prev is None or not same_clause):
                topic = _topic(text, sent.start, cstart) if prev is None else _clause_before(text, sent.start, cstart)
                if topic:
                    names, name_rule = [topic + names[0]], "name.topic"  # 非常规天然气方面，…产量突破200亿立方米
            if _not_a_name(names[0]) and len(names) == 1:
                subject = _sentence_subject(text, sent.start, cstart)
                if subject:
                    names, name_rule = [subject], "name.sentence_subject"  # 地区生产总值…，达到4.32万亿元

        if r.rule == "metric.amount_then_verb" and (m_verb := _AMOUNT_VERB.match(text, r.claim_end)):
            obj, _ = _name_after(text, m_verb.end(), cend)
            if obj:
                names, name_rule = [obj], "name.object_of_change"  # 按不低于5%的幅度压减一般性支出
        if (not names or names == [""]) and r.rule == "metric.change_after" and _GROWTH_TARGET_AFTER.match(text, r.claim_end):
            names, name_rule = ["经济增长"], "name.growth_target"  # 5.5%左右的预期增长目标: the economy's growth target
        if r.metric == "growth" and len(names) == 1 and names[0] in _GROWTH_OF:
            names, name_rule = [_GROWTH_OF[names[0]]], "name.growth_of"  # 经济增长5%左右

        streak_base = None
        if tok.start >= 2 and text[tok.start - 2:tok.start] == "连续" and r.unit in _STREAK_UNITS:
            streak_base = _strip_subject(text[seg_start:tok.start - 2])
            if not streak_base and not same_clause:  # 连续19年获全国平安建设优秀省: the streak is of what follows
                streak_base = _strip_name(_NAME_PUNCT.sub("", text[r.claim_end:cend]))[:16]
            streak_base = streak_base or (carry if prev else "")
            if streak_base in ("增速", "总量", "增幅") and prev is not None:
                streak_base = _qualify_generic(streak_base, prev)  # 产值和增加值均增长23.6%、增速连续12个月
            names = [f"{streak_base}连续{_STREAK_UNITS[r.unit]}"]
            name_rule = "name.streak"
        metric = r.metric
        metric_rule = r.rule
        negative = r.negative
        unit, base_unit = r.unit, r.base_unit
        part = structure.get(tok.start)
        if part is not None:
            # 三次产业结构由8.7∶41.2∶50.1调整为7.4∶39.6∶53: each term is one sector's share
            names, name_rule = [part[1]], "name.structure_ratio"
            metric, metric_rule, unit, base_unit = "share", "metric.structure_ratio", "%", "%"
        if metric is None:
            if prev is not None and same_clause and not r.explicit_verb:
                metric = prev.metric if prev.base_unit == base_unit or not base_unit else "level"
                negative = prev.value < 0 and metric == prev.metric
                metric_rule = "metric.as_previous"
            else:
                metric = "share" if base_unit == "%" else "level"
                metric_rule = "metric.share_default" if base_unit == "%" else "metric.level"
        value = -tok.value if negative else tok.value
        context = span_sentences.get(sent.sentence_id) or (
            contexts[sent.paragraph_id] if 0 <= sent.paragraph_id < len(contexts) else None)
        after_from = same_clause and "从" in text[cstart:tok.start]
        names = names or [""]
        aspect = periods.aspect(names[0], seg, metric)
        if (not aspect and same_clause and prev is not None and not periods.ends_a_level(seg)
                and (name_rule in _LIST_RULES or not periods.has_predicate(seg))):
            # 新增A3个、B2个: the list shares its aspect; 总量达122家 or 、调查失业率稳定在5% (a predicate of its own) does not
            aspect = prev.aspect
        if not aspect and metric == "level" and r.explicit_verb and base_unit not in ("", "%", "‰", "百分点"):
            aspect = "new"  # 财政赤字规模比去年增加1万亿元: an increment in the period, not the level itself
        role_kind = "target" if section is not None and section.role in ("plan", "self_building") else "actual"
        period, period_rule = periods.period(
            text=text, sentence=sent, pos=tok.start, context=context, section=section, year=year,
            kind_hint=role_kind, segment=seg, clause=full_seg, after_from=after_from, metric=metric, aspect=aspect,
            qualifier=r.qualifier, changed=r.explicit_verb and metric == "level", whole_clause=text[cstart:cend],
            then_to=bool(_THEN_TO.match(text, r.claim_end)), marks=marks)
        if streak_base is not None and r.unit == "年" and tok.value == int(tok.value) and 1 < tok.value < 100:
            end = periods.last_year_of(period) or (year - 1 if year else None)
            if end is not None:
                # 连续19年获评优秀: a streak of N years is the N years ending in the year it is stated for
                period, period_rule = f"{end - int(tok.value) + 1}-{end}", "period.streak"
        if part is not None:
            if part[0] == 0:
                run_first = None
            elif run_first is not None:
                period, period_rule = run_first.period, "period.structure_ratio"  # the run's terms share a year
        kind, kind_rule = periods.kind(section, clause, period, year, context)
        if (kind == "target" and kind_rule == "kind.plan_section" and year and period.isdigit() and int(period) < year
                and period_rule == "period.paragraph_year" and periods.has_target_words(clause)):
            # 广义货币M2预期增长目标拟定为13%左右 in a plan paragraph opened by last year's figures: this year's target
            period, period_rule = str(year), "period.target_this_year"
        scope = periods.scope(full_seg, metric)
        estimated = periods.estimated(text[sent.start:tok.start])
        if metric == "share":
            # a share named by its group (10万元以上的村) is the group's share
            names = [n + "占比" if n and not _SHARE_NAME.search(n) else n for n in names]
        names = [_grade_noun(n, carry) for n in names]
        base_name = names[-1]  # what a following value without a name of its own takes (before the measure noun)
        names = [_measure_noun(n, metric, base_unit) for n in names]
        rules = tuple(filter(None, (r.rule if r.rule and not r.rule.startswith("metric.") else "", metric_rule,
                                    name_rule, period_rule, kind_rule)))
        for name in names:
            claim = Claim(r, name, metric, value, None, r.qualifier, unit, base_unit, period, kind, sent, section,
                          aspect, scope, estimated, rules)
            claims.append(claim)
        prev, prev_names = claims[-1], names
        if part is not None and part[0] == 0:
            run_first = prev
        carry = streak_base or base_name  # the name a following value without its own name takes
    _link_ranges(claims)
    _share_list_qualifier(text, claims)
    return claims


_FENBIE_QUALIFIER = re.compile(f"分别(?:为|是|达到?)?(?:{lexicon.escaped('qualifiers.before')})$")


def _share_list_qualifier(text: str, claims: list[Claim]) -> None:
    """分别增长7%和8%左右: a qualifier after the last value of a 分别 list holds for every value of the list."""
    run: list[Claim] = []
    for c in claims + [None]:
        if c is not None and "name.list_fenbie" in c.rules and run and c.sentence is run[-1].sentence \
                and c.unit == run[-1].unit:
            run.append(c)
            continue
        if len(run) > 1 and run[-1].qualifier in ("左右", "以上", "以内") and not any(x.qualifier for x in run[:-1]):
            for x in run[:-1]:
                x.qualifier = run[-1].qualifier
                x.rules = x.rules + ("qualifier.shared_by_list",)
        elif (len(run) > 1 and run[0].qualifier and not any(x.qualifier for x in run[1:])
              and _FENBIE_QUALIFIER.search(text, max(0, run[0].reading.token.start - 8), run[0].reading.token.start)):
            # 分别超过8万元、4.5万元: a qualifier between 分别 and the first value holds for every value
            for x in run[1:]:
                x.qualifier = run[0].qualifier
                x.rules = x.rules + ("qualifier.shared_from_first",)
        run = [c] if c is not None and "name.list_fenbie" in c.rules else []


_FROM_WORD = re.compile("[从由]")
_TOTAL_BEFORE = re.compile(r"(?:共|共计|合计|总计)$")
_GRADE_WORDS = frozenset(lexicon.words("words.scope_grade"))
_GRADE_LIST_NOUN = re.compile(f"、[0-9０-９]+[个家项所处]?(?:{lexicon.escaped('words.scope_grade')})([\u4e00-\u9fff]{{2,10}})")
_INVESTMENT_NAMES = frozenset({"投资", "年度投资", "年度完成投资", "完成投资", "计划投资", "总投资"})
_COUNT_UNITS = frozenset({"个", "项", "家", "处", "座", "所", "条"})
_RANK_OF_PREVIOUS = frozenset({"金额", "数量", "总量", "规模", "总额", "总数"})
_STOCK_WORDS = frozenset(lexicon.words("aspects.stock"))
_NEW_LEAD = re.compile(f"^(?:{lexicon.escaped('aspects.new', 'verbs.action')})+")
_GROWTH_TARGET_AFTER = re.compile(r"的(?:预期)?(?:经济)?增长目标")
_AMOUNT_VERB = re.compile(f"的?幅度(?:{lexicon.escaped('verbs.growth', 'verbs.decline')})")
_ASPECT_WORDS = frozenset(lexicon.words("aspects.per_capita", "aspects.average")) | {"月人均", "年人均"}
_MEASURE_ENDS = tuple(dict.fromkeys(lexicon.words("words.complete_ends", "words.generic_names")))
_PAIR_INCOME = re.compile(r"^城乡(?:常住)?居民[\u4e00-\u9fff]*收入$")
_STEP = re.compile(r"(?:万亿元|千亿元|百亿元|亿元|万元)?台阶$")  # 迈上4个万亿元台阶: the steps, not what climbed them


def _head_of(name: str) -> str:
    """The thing a name measures, without its measure: 粮食播种面积 -> 粮食, 规上工业企业营业收入 -> 规上工业企业."""
    for generic in _GENERIC_LONGEST_FIRST:
        if name.endswith(generic) and len(name) > len(generic) + 1:
            return _HEAD_VERB.sub("", name[: -len(generic)])
    return ""


_STRUCTURE_PARTS: dict[str, list[str]] = dict(lexicon.entry("names.structure_ratio"))
_STRUCTURE_SUBJECT = re.compile(f"(?:{'|'.join(map(re.escape, sorted(_STRUCTURE_PARTS, key=len, reverse=True)))})")
_RATIO_COLON = frozenset(":：∶")


def _structure_runs(text: str, readings: list[Reading]) -> dict[int, tuple[int, str]]:
    """Terms of a structure written as a ratio (三次产业结构为7.4∶39.6∶53): token start -> (term index, name).
    A run is numbers joined by a colon alone, as many as the structure has parts, after its name in the clause."""
    out: dict[int, tuple[int, str]] = {}
    i = 0
    while i < len(readings):
        j = i
        while (j + 1 < len(readings) and readings[j + 1].token.start - readings[j].token.end == 1
               and text[readings[j].token.end] in _RATIO_COLON):
            j += 1
        if j > i:
            left = text[max(0, readings[i].token.start - 30):readings[i].token.start]
            left = left[max(left.rfind(c) for c in "。；;\n") + 1:]
            m = None
            for m in _STRUCTURE_SUBJECT.finditer(left):
                pass
            if m is not None and len(_STRUCTURE_PARTS[m.group(0)]) == j - i + 1:
                for k, name in enumerate(_STRUCTURE_PARTS[m.group(0)]):
                    out[readings[i + k].token.start] = (k, name)
        i = j + 1
    return out


@lru_cache(maxsize=4096)  # asked about the same few names again and again within a report
def _not_a_name(name: str) -> bool:
    """A bare verb, unit, time phrase or fragment does not say what is measured; nor does where something
    stands (稳居全国前十强)."""
    if len(name) < 2:
        return True
    return bool(_NOT_A_NAME.fullmatch(name) or _RANK_OPENING.match(name) or _TRAILING_TIME.fullmatch(name)
                or _STEP.search(name))


def _verb_only(name: str, after: str) -> bool:
    """抓好629个省级重点工程项目: a short phrase before the number that names no measure, and a noun after it."""
    return (len(name) <= 4 and len(after) >= 3 and not name.endswith(_COMPLETE_ENDS)
            and not any(name.endswith(g) for g in _GENERIC_LONGEST_FIRST) and bool(_VERBISH.match(name)))


def _clause_before(text: str, sentence_start: int, clause_start: int) -> str:
    """The clause just before this one when it names a thing and states no number (公路客运总站，投资1.27亿元)."""
    if clause_start - 1 <= sentence_start:
        return ""
    m = _LAST_STOP_BEFORE.search(text, sentence_start, clause_start - 1)
    before = text[m.end() if m else sentence_start:clause_start - 1]
    if not before or _HAS_DIGIT.search(before) or len(before) > 14:
        return ""
    name = _object_name(_strip_name(before))
    return "" if _not_a_name(name) else name


def _counted_together(name: str) -> bool:
    """A list of short nouns after a verb of making, before one count (新改扩建中小学、幼儿园4868所), not a list of
    actions whose last item the count belongs to (推进老旧小区改造、新建保障性住房5000套, 守护、利用好531处)."""
    items = name.split("、")
    return (len(items[0]) <= 10 and bool(_ACTION_RE.match(items[0]) or items[0].startswith("新"))
            and all(2 <= len(x) <= 6 and not _ACTION_RE.match(x) and not _VERBISH.match(x) and not _not_a_name(x)
                    for x in items[1:]))


def _clause_list_before(text: str, sentence_start: int, clause_start: int) -> list[str]:
    """The names listed by the clause just before this one when it states no number (A、B和C再次提高，…分别…)."""
    if clause_start - 1 <= sentence_start:
        return []
    m = _LAST_STOP_BEFORE.search(text, sentence_start, clause_start - 1)
    before = text[m.end() if m else sentence_start:clause_start - 1]
    if not before or _HAS_DIGIT.search(before) or not _LIST_SEP.search(before):
        return []
    return [_object_name(x) for x in _split_names(_strip_name(before))]


def _topic(text: str, sentence_start: int, clause_start: int) -> str:
    """The topic a sentence opens with (煤炭开采方面，…) or, failing that, its subject."""
    m = _TOPIC.match(text, sentence_start, clause_start)
    if m:
        return _strip_name(m.group(1))
    return _sentence_subject(text, sentence_start, clause_start)


def _sentence_subject(text: str, sentence_start: int, clause_start: int) -> str:
    """The noun phrase opening the sentence, when the clause carries it (地区生产总值…，达到4.32万亿元)."""
    if clause_start <= sentence_start:
        return ""
    m = _NEXT_STOP.search(text, sentence_start, clause_start)
    first = text[sentence_start:m.start() if m else clause_start]
    if _HAS_DIGIT.search(first):
        return ""
    name = _object_name(_strip_name(first))
    return "" if _not_a_name(name) or len(name) > 12 else name


_JUNGE = re.compile(r"(?<![年平人亩户])(均|各)(?:稳定在|保持在|保持|控制在|为|达|达到|增长|下降|提高|提升|位列|位居|居|完成|实现|超过|在|全国|全省|全市|全区|第|前)*$")


_LIST_SEP = re.compile(r"[、和]")
_HAS_DIGIT = re.compile(r"[0-9０-９]")
#: the name rules under which a value continues a list (and shares the list's aspect)
_LIST_RULES = frozenset({"name.list_fenbie", "name.list_continues", "name.list_without_fenbie", "name.carried",
                         "name.rank_other_scope", "name.list_junge"})
_THEN_TO = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:到|至)")  # 从10万元提高到15万元: a new value follows
_RANK_OPENING = lexicon.alternation("names.not_names_opening", anchor="^")
_LAST_STOP_BEFORE = re.compile("[" + re.escape(CLAUSE_STOPS) + "](?=[^" + re.escape(CLAUSE_STOPS) + "]*$)")
_TOPIC = re.compile(r"([\u4e00-\u9fff]{2,12}?)(?:方面|领域)[，,]")
# a phrase that opens with a verb (抓好, 聚焦, 利用好, 做强做优, 再办好): lexicon names.verb_openings
_VERBISH = re.compile(f"(?:{lexicon.escaped('names.verb_openings')})")
_GROWTH_OF: dict[str, str] = lexicon.table("names.growth_of")
# names that do not say what is measured: a bare verb, a unit, a time phrase (lexicon)
_NOT_A_NAME = re.compile(
    f"(?:{lexicon.escaped('verbs.action', 'verbs.kept', 'words.lead', 'words.trail', 'words.adverbs', 'units.counted', 'units.base', 'words.time_phrases')})+"
    r"|[/／每].{0,4}|[\W\d]*")
_COMPLETE_ENDS = lexicon.words("words.complete_ends")
_SCOPE = lexicon.alternation("words.scope_grade", anchor="^")
_HEAD_VERB = re.compile(r"(?<=..)(?:播种|种植|营业|使用|建设|覆盖)$")
# a streak: 连续15年高于城镇, 增速连续12个月位列全市第1
_STREAK_UNITS = lexicon.table("units.streak")
_CN_COUNT = re.compile(r"[二两三四五六七八九十]+[个大项类]|一[个大项]")  # 三个大台阶; 一类创新药 is a class


def _values_in_list(text: str, readings: list[Reading], index: int, clause_end: int) -> int:
    """How many values stand in a row from readings[index]: 150万亩、50万吨 is 2."""
    count = 1
    end = readings[index].claim_end
    for r in readings[index + 1:]:
        if r.token.start >= clause_end or text[end:r.token.start].strip("、和及与 ") != "":
            break
        count += 1
        end = r.claim_end
    return count


_SHARE_NAME = lexicon.alternation("words.share_name")
_GRADE_ONLY = re.compile(r"^(?:[\d.]+|[一二三四五六七八九十百千]+)?[万亿]*元?级$")


# a name that ends in a verb (刑事案件立案, 新增担保) is not yet a noun: the unit says what is counted
_VERB_FINAL = lexicon.alternation("verbs.name_final", anchor="$")
_MEASURE_NOUN = lexicon.table("units.measure_noun")


def _measure_noun(name: str, metric: str, base_unit: str) -> str:
    if _VERB_FINAL.search(name):
        if base_unit in _MEASURE_NOUN:
            return name + _MEASURE_NOUN[base_unit]
        if metric == "growth":
            return name + "数"  # 刑事案件立案下降18.7% -> 刑事案件立案数
    elif base_unit == "吨" and 2 <= len(name) <= 4 and not name.endswith(("量", "额", "值", "能力", "产能", "规模")):
        return name + "产量"  # 水果14.8万吨 -> 水果产量
    return name


def _grade_noun(name: str, carry: str) -> str:
    """引进50亿级工业项目2个、10亿级8个: a grade alone borrows the noun of the name before it."""
    if "级" in carry and _GRADE_ONLY.match(name):
        return name + carry.split("级", 1)[1]
    return name


def _strip_tail_qual(seg: str) -> str:
    return _PRE_QUALIFIER_TAIL.sub("", seg)


def _qualify_generic(name: str, prev: Claim | None) -> str:
    """总量 / 增速 alone name an aspect of the indicator just mentioned."""
    if name in _ASPECTS and prev is not None and prev.indicator and prev.indicator != name:
        base = _ASPECT_TAIL.sub("", prev.indicator)
        if name in _STOCK_WORDS:
            base = _NEW_LEAD.sub("", base) or base  # 累计净增经营主体155万户、总量达474万户: the total is of 经营主体
        return base + name
    return name


def _link_ranges(claims: list[Claim]) -> None:
    """5%—5.5%: one row, the lower end's, with qualifier range and the upper bound as value_high; the lower end
    borrows the unit. The upper end is marked range_end (the pipeline lists it as a non-indicator)."""
    by_start = {c.reading.token.start: c for c in claims}
    for c in claims:
        r = c.reading
        if r.range_with is None:
            continue
        upper = by_start.get(r.range_with)
        if upper is None:
            continue
        if not c.unit and upper.unit:
            c.unit, c.base_unit = upper.unit, upper.base_unit
            c.reading = r.__class__(**{**r.__dict__, "factor": upper.reading.factor})
            if r.explicit_verb and r.metric is None and c.base_unit in ("%", "‰") and upper.metric in ("level", "share"):
                c.metric = "growth"  # 增长5—5.5%: the verb before the lower end covers the range
        if c.value < 0 < upper.value and not upper.reading.explicit_verb:
            upper.value = -upper.value  # 下降5%—5.5%: both ends are declines
        if c.metric != upper.metric:
            c.metric = upper.metric if c.metric in ("level", "share") else c.metric
            upper.metric = c.metric
        upper.indicator = c.indicator
        high = upper.value
        c.value_high = upper.value_high = high
        c.qualifier = upper.qualifier = "range"
        c.rules = c.rules + ("range.one_row",)
        upper.range_end = True
