"""Number token to quantity: unit, magnitude, qualifier and metric — or why it is not a quantity.

Reads only the characters around one token (its unit on the right, qualifiers on both
sides, the verb in its clause). Naming what is measured is the next stage (indicators.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govreport import lexicon
from govreport.text.numerals import UNIT_GAP, NumberToken

# magnitude words and units (lexicon: magnitudes, units), longest first
MAGNITUDES: dict[str, float] = dict(lexicon.table("magnitudes"))
_MAG = lexicon.alternation("magnitudes")
# units that follow a number; value: base unit (what the row's base_unit says)
UNITS: dict[str, str] = {u: u for u in lexicon.words("units.counted")}
UNITS.update(lexicon.table("units.base"))
_UNIT = lexicon.alternation("units.counted", "units.base")

# qualifiers written before the number (right next to it) and after the number and unit, normalised
_AFTER_QUAL_OPENING = re.compile(f"^(?:{lexicon.escaped('qualifiers.after')})")  # 7%左右和8%左右
_PRE_QUAL = re.compile(f"({lexicon.escaped('qualifiers.before')})$")
_PRE_QUAL_NORMAL = lexicon.table("qualifiers.before")
_POST_QUAL = re.compile(f"({lexicon.escaped('qualifiers.after')})")
_POST_QUAL_NORMAL = lexicon.table("qualifiers.after")

_GROWTH_VERB = re.compile(
    f"({lexicon.escaped('verbs.change_lead')})?"
    f"((?:{lexicon.escaped('verbs.growth', 'verbs.decline')})(?<!增长点)(?<!增长极)(?<!增加值))"
    r"(?!至|到|为|点|极|潜力|值)(?=[^\u4e00-\u9fff]|$|了|超过|超|近|约|突破|达|分别|均)"
)
_DECLINE = lexicon.alternation("verbs.decline")
# 广义货币M2预期增长目标拟定为13%左右: a growth target named before its number
_GROWTH_TARGET = re.compile(r"(增长)(?:的)?(?:预期)?目标(?:拟定|设定|确定)?(?:为|是)$")
# a part of a whole; other percentages (rates such as 城镇化率, 失业率) are levels
_SHARE_WORD = lexicon.alternation("words.share")
_RATIO_NAME = re.compile(f"(?:{lexicon.escaped('words.ratio_name')})[\u4e00-\u9fff\\d.]{{0,8}}$")
_RANK_CONTEXT = lexicon.alternation("words.scope", "words.scope_region", "words.rank")
_TOP_LIST = re.compile(f"(?:{lexicon.escaped('non_indicators.top_list')})")
_LIST_COUNT = re.compile(f"(?:{lexicon.escaped('non_indicators.list_count')})")
_TIMES_CONFIG = re.compile(r"[×xX*＊]\s*\d")
_UNIT_OR_MAG = re.compile(f"(?:{lexicon.escaped('magnitudes')}|{lexicon.escaped('units.counted')})")
_SHARED_CODE = re.compile(r"(?:[、和]\d{1,3})+(?:号线|号楼|号)")
_CAPACITY_UNITS = frozenset(lexicon.words("non_indicators.capacity_units"))
_CAPACITY_NOUN = re.compile(f"(?!{lexicon.escaped('qualifiers.after', 'verbs.growth', 'verbs.decline')}|的)[\u4e00-\u9fff]{{2}}")
_PROJECT_LATER = re.compile(r"[^。；;！？\n]{0,60}?项目")
_MEASURED_BEFORE = re.compile(f"(?:{lexicon.escaped('words.trail', 'words.complete_ends')}|能力|产能)$")
_SHARED_POINTS = re.compile(r"(?:[、和][0-9]+(?:\.[0-9]+)?个)*[、和][0-9]+(?:\.[0-9]+)?个百分点")
_OVER_BEFORE = re.compile(r"(?<![超通经越跨度不])过$")
_SERVICE_HOURS = re.compile(f"小时[“\"]?(?:{lexicon.escaped('non_indicators.service_hours')})")
_INDICATOR_COUNT = re.compile(r"(?:预期性|约束性|主要)?指标$")
_POLICY_COUNT = re.compile(f"(?:{lexicon.escaped('non_indicators.policy_count')})")
_NAME_SUFFIX = re.compile(f"(?:{lexicon.escaped('non_indicators.name_suffix')})")
_THRESHOLD_BEFORE = re.compile(f"(?:{lexicon.escaped('non_indicators.threshold_before')})$")
_CIRCLE = re.compile(f"(?:{lexicon.escaped('non_indicators.circle_units')})[\u4e00-\u9fff“”\"]{{0,12}}?"
                     f"(?:{lexicon.escaped('non_indicators.circle_nouns')})")
_AGO_UNITS = frozenset("年月天日周")  # 5年前: ago
_RANK_VERB = re.compile(f"(?:{lexicon.escaped('words.rank')})")
# a rank verb right before the number, at most a scope between (位列全国50强); 上榜全球国际承包商250强 names a list
_RANK_VERB_BEFORE = re.compile(f"(?:{lexicon.escaped('words.rank')})(?:{lexicon.escaped('words.scope', 'words.scope_wide', 'words.scope_region')}|中国)?$")
_QUOTES = {"“": "”", "\"": "\"", "「": "」", "『": "』", "‘": "’", "《": "》"}
_CLAUSE_STOP = "，,；;。：:！？!?\n"



# small patterns used inside functions, compiled once
_RATIO_COLON = re.compile(r"[:：∶]")
_YEAR_FOLLOWED = re.compile(r"\s*(年|[-—–/.]\s*\d{1,2}\b|[-—–~～至到]\s*(19|20)\d{2})")
_YEAR_RANGE_BEFORE = re.compile(r"(19|20)\d{2}\s*[-—–~～至到]\s*$")
_HAN_OR_LATIN = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_MONTH = re.compile(r"月")
_GE_BEFORE = re.compile(r"个$")
_DAY = re.compile(r"[日号]")
_MONTH_BEFORE = re.compile(r"月\s*$")
_ISO_DATE_BEFORE = re.compile(r"(19|20)\d{2}\s*[-/.]\s*(\d{1,2}\s*[-/.]\s*)?$")
_CLOCK_MINUTES = re.compile(r"\s*[:：]\s*\d{2}(?!\d)")
_RATIO_ONE = re.compile(r"[:：][1１](?!\d)")
_CLOSE_BRACKET = re.compile(r"[\]］〕】)）]")
_HAN_OR_CLOSE_QUOTE = re.compile(r"[\u4e00-\u9fff”]")
_PAGE_NUMBER = re.compile(r"[\s\f]*(?:[-—–－]+\s*)?(?:第\s*)?[0-9０-９]{1,3}(?:\s*页)?"
                          r"(?:\s*(?:[/／]|共)\s*[0-9０-９]{1,4}\s*页?)?(?:\s*[-—–－]+)?[\s\f]*")


def _is_page_number_line(text: str, s: int, e: int) -> bool:
    """The token is alone on a short line, as a page number: ``- 12 -``, ``—12—``, ``第12页 共40页``, ``12``."""
    lo = max(0, s - 12)
    ls = text.rfind("\n", lo, s)
    if ls == -1 and lo > 0:
        return False
    le = text.find("\n", e, e + 16)
    if le == -1:
        if e + 16 < len(text):
            return False
        le = len(text)
    return bool(_PAGE_NUMBER.fullmatch(text, ls + 1, le))


_DATE_NEXT = set("月日号:：-/.")  # a day, month or clock time follows
_DATE_PREV = set("-/.:：月")  # ... or precedes
_GRADE_SUFFIX = re.compile(f"(?:{_MAG.pattern})?级")  # 20亿级, 4级
_CLOCK_LEFT = re.compile(r"(?<![\d.])(?:[01]?\d|2[0-4])\s*[:：]\s*$")
_LINE_START_BEFORE = re.compile(r"(^|\n|[。；;：:])\s*$")
_LIST_MARKER_AFTER = re.compile(r"[.．、)）](?!\d)")
_RANK_WORD = re.compile(r"[位名]")
_PERCENT_INSIDE = re.compile(r"[%％]|百分点")
_LATIN_BEFORE = re.compile(r"[A-Za-z][_₂]?$")
_A_GRADE = re.compile(r"A+级|A+景区|A+$")
_PLUS_AFTER = re.compile(r"\s*[+＋]\s*[\dA-Za-zＸX]")
_PLUS_BEFORE = re.compile(r"[\dA-Za-zＸX]\s*[+＋]\s*$")
_VERSION_OR_MODEL = re.compile(r"\.0\s*版|版|代(?![表])|号(?![召])|型")
_VERSION_AFTER = re.compile(r"\s*(版|时代)")
_NON_DIGIT = re.compile(r"\D")
_DE_NOUN = re.compile(r"的[\u4e00-\u9fff]")
_TWO_HAN = re.compile(r"[\u4e00-\u9fff]{2}")
_LEVEL_NOUN = re.compile(r"的?(水平|目标|增长|速度)")
# units of a size, an age or a power, by which a group is defined (80岁以上老年人); never units that count it
_THRESHOLD_UNITS = frozenset(lexicon.words("non_indicators.threshold_units"))
_CHANGE_AFTER = re.compile(f"(?:{lexicon.escaped('verbs.growth', 'verbs.decline')})")
_CHANGE_NOUN_AFTER = re.compile(r"的?(?:增长|增幅)(?=[，,。；;、\n]|$)|的(?:预期)?(?:增长|增速)目标")
_AMOUNT_THEN_VERB = re.compile(f"的?幅度({lexicon.escaped('verbs.growth', 'verbs.decline')})")
_AND_THRESHOLD = re.compile(r"(?:且|并且|或)[\u4e00-\u9fff]")
_NOUN_THRESHOLD = re.compile(r"[\u4e00-\u9fff]{1,2}(?:及以上|以上|及以下|以下)的[\u4e00-\u9fff]")
_RATIO_TO_ONE = re.compile(r"\s*[:：∶]\s*[1１](?![\d.．])")  # full-width １ too
_RATIO_TO_ONE_SPAN = re.compile(r"\s*[:：∶]\s*[1１]")
# the share of a group: 10万元以上的村达到100%, 有研发机构的规上工业企业分别达到50%
_GROUP_SUBJECT = re.compile(r"的(?!比例|比率|水平)[\u4e00-\u9fff]{1,6}?(?:分别|均)?(?:达到|达|为)?$")
_RANGE_DASH = re.compile(r"\s*(?:%|％)?\s*[-—–~～至到－−]{1,2}\s*")
# any of the words after a number that make it a version, a model, a grade, a service circle, a place in a top list,
# a count of a list or part of a name: one test for all of them (their own patterns, joined)
_WORD_AFTER = re.compile("|".join(f"(?:{p.pattern})" for p in (
    _SHARED_CODE, _VERSION_OR_MODEL, _VERSION_AFTER, _GRADE_SUFFIX, _CIRCLE, _TOP_LIST, _LIST_COUNT, _SERVICE_HOURS,
    _POLICY_COUNT, _NAME_SUFFIX)))


# Made once per number: a plain dataclass (hashable by value, like a frozen one) because a frozen dataclass's
# constructor costs four times as much, setting each field through object.__setattr__. Nothing changes one
# (replace() makes a new one).
@dataclass(unsafe_hash=True)
class Reading:
    """What one token is: a quantity (reason is None) or a non-indicator (reason says why)."""

    token: NumberToken
    reason: str | None = None
    unit: str = ""
    base_unit: str = ""
    factor: float = 1.0
    qualifier: str = ""
    metric: str | None = None  # None: decided from the clause by the next stage
    negative: bool = False
    explicit_verb: bool = False  # a growth/decline verb or unit stands right before this number
    claim_end: int = 0  # offset after unit and trailing qualifiers
    range_with: int | None = None  # start offset of the token that closes a range with this one
    value_high: float | None = None
    rule: str = ""  # the named rule that decided the reason, or how the quantity was read


def _is_year(tok: NumberToken) -> bool:
    return tok.script == "arabic" and tok.decimals == 0 and len(tok.text) == 4 and 1900 <= tok.value <= 2100


_QUOTE_EDGE = re.compile("(?s).*([" + re.escape("".join(_QUOTES) + "".join(_QUOTES.values())) + "。\n])")


def _quote_span(text: str, pos: int, limit: int = 24) -> tuple[int, int] | None:
    """The short quotation (“...”) holding pos, if any."""
    lo = max(0, pos - limit)
    m = _QUOTE_EDGE.match(text, lo, pos)
    if not m:
        return None
    ch = m.group(1)
    if ch not in _QUOTES:
        return None  # a closing quote or a sentence stop comes first
    close = text.find(_QUOTES[ch], pos, pos + limit)
    return (m.start(1), close) if close != -1 else None


def read(text: str, toks: list[NumberToken], i: int) -> Reading:
    """Classify token i of toks (all tokens of text, in order)."""
    tok = toks[i]
    s, e = tok.start, tok.end
    left = text[max(0, s - 12):s]
    # one space (U+0020, U+00A0, U+202F ...) between the number and its unit: the unit is read after it
    gap = 1 if text[e:e + 1] in UNIT_GAP and (_UNIT.match(text, e + 1) or _MAG.match(text, e + 1)) else 0
    right = text[e + gap:e + gap + 16]
    prev_char = text[s - 1] if s > 0 else ""
    next_char = right[:1]

    # --- part of a neighbouring claim -------------------------------------------------
    if tok.text in ("1", "１") and i > 0 and toks[i - 1].end <= s and _RATIO_COLON.fullmatch(text, toks[i - 1].end, s):
        return Reading(tok, "ratio_base", claim_end=e, rule="ratio_base.colon_one")

    if tok.decimals == 0 and tok.value < 1000 and ("\n" in left or s < 12) and _is_page_number_line(text, s, e):
        return Reading(tok, "page_number", claim_end=e, rule="page_number.alone_on_line")  # - 12 - / 第12页 left by a PDF conversion

    # --- dates ------------------------------------------------------------------------
    if _is_year(tok):
        if _YEAR_FOLLOWED.match(right) or _YEAR_RANGE_BEFORE.search(left):
            return Reading(tok, "date", claim_end=e, rule="date.year_followed")
        if not _UNIT.match(right) and not _MAG.match(right):
            return Reading(tok, "name_or_code" if _HAN_OR_LATIN.match(next_char) else "date", claim_end=e, rule="name_or_code.year_before_word" if _HAN_OR_LATIN.match(next_char) else "date.year_alone")
    if tok.decimals == 0 and tok.script == "arabic" and (next_char in _DATE_NEXT or prev_char in _DATE_PREV):
        if _MONTH.match(right) and tok.value <= 12 and not _GE_BEFORE.search(left):
            return Reading(tok, "date", claim_end=e, rule="date.month")
        if _DAY.match(right) and tok.value <= 31 and _MONTH_BEFORE.search(left):
            return Reading(tok, "date", claim_end=e, rule="date.day")
        if _ISO_DATE_BEFORE.search(left) and tok.value <= 31:
            return Reading(tok, "date", claim_end=e, rule="date.iso")
        if _CLOCK_MINUTES.match(right) and tok.value <= 24 and not _RATIO_ONE.match(right):
            return Reading(tok, "date", claim_end=e, rule="date.clock")  # a clock time 9:30
        if len(tok.text) == 2 and tok.value <= 59 and _CLOCK_LEFT.search(left) and not _UNIT.match(right):
            return Reading(tok, "date", claim_end=e, rule="date.clock_minutes")  # the minutes of 9:30

    # --- footnotes, list markers, ordinals -----------------------------------------------
    if prev_char in "[［〔【(（" and _CLOSE_BRACKET.match(right) and len(tok.text) <= 3:
        before = text[max(0, s - 2):s - 1]
        if not before or before in "。，,；;\n %％" or _HAN_OR_CLOSE_QUOTE.match(before):
            return Reading(tok, "footnote" if before and before not in "\n " else "ordinal", claim_end=e + 1,
                           rule="footnote.bracket" if before and before not in "\n " else "ordinal.bracket")
    if next_char in ".．、)）" and tok.decimals == 0 and _LIST_MARKER_AFTER.match(right) and (
            s == 0 or text[s - 1] == "\n" or _LINE_START_BEFORE.search(text[max(0, s - 3):s])):
        return Reading(tok, "ordinal", claim_end=e + 1, rule="ordinal.list_marker")
    if prev_char == "第":
        if _RANK_WORD.match(right) or (_RANK_CONTEXT.search(_clause_left(text, s - 1)) and not _UNIT.match(right)):
            return _rank(tok, text, e, "", rule="rank.di")
        return Reading(tok, "ordinal", claim_end=e, rule="ordinal.di")

    # --- names, codes, labels -------------------------------------------------------------
    quote = _quote_span(text, s)
    if quote:
        inner = text[quote[0] + 1:quote[1]]
        if "·" in inner or "•" in inner:
            return Reading(tok, "event_name", claim_end=e, rule="event_name.dotted_quote")
        if not _PERCENT_INSIDE.search(inner):
            return Reading(tok, "name_or_code", claim_end=e, rule="name_or_code.in_quotes")
    if (next_char.isascii() and next_char.isalpha()) or _LATIN_BEFORE.search(left):  # a Latin letter next to it
        if _A_GRADE.match(right):
            return Reading(tok, "grade_label", claim_end=e, rule="grade_label.a_grade")
        if not _UNIT.match(right) or _LATIN_BEFORE.search(left):
            return Reading(tok, "name_or_code", claim_end=e, rule="name_or_code.latin")
    if ("+" in left or "＋" in left or "+" in right or "＋" in right) and (_PLUS_AFTER.match(right) or _PLUS_BEFORE.search(left)):
        return Reading(tok, "name_or_code", claim_end=e, rule="name_or_code.plus_code")
    if next_char in "×xX*＊" and _TIMES_CONFIG.match(right) or prev_char in "×＊" and _UNIT_OR_MAG.match(right):
        return Reading(tok, "name_or_code", claim_end=e, rule="name_or_code.configuration")  # 2×35万千瓦机组
    if right[:1] in ("个", "项") and _INDICATOR_COUNT.search(left):
        return Reading(tok, "other", claim_end=e, rule="other.indicator_count")  # 预期性指标16个: how a plan is organised
    if _WORD_AFTER.match(right):  # one of the words below follows: the rules one by one (most numbers skip them)
        if _SHARED_CODE.match(right):
            return Reading(tok, "name_or_code", claim_end=e, rule="name_or_code.shared_code")  # 3、4号线: both are line names
        if _VERSION_OR_MODEL.match(right) or (tok.decimals and _VERSION_AFTER.match(right)):
            return Reading(tok, "name_or_code", claim_end=e, rule="name_or_code.version_or_model")
        if "级" in right[:5] and _GRADE_SUFFIX.match(right):
            return Reading(tok, "grade_label", claim_end=e, rule="grade_label.ji")
        if _CIRCLE.match(right):
            return Reading(tok, "name_or_code", claim_end=e, rule="name_or_code.service_circle")  # 15分钟婴幼儿照护服务圈
        if _TOP_LIST.match(right):
            if _RANK_VERB_BEFORE.search(_clause_left(text, s)[-8:]):
                return _rank(tok, text, e + 1, "前", rule="rank.top_list")  # 位列全国50强
            return Reading(tok, "name_or_code", claim_end=e + 1, rule="name_or_code.top_list")  # 世界500强企业
        if _LIST_COUNT.match(right):
            return Reading(tok, "other", claim_end=e, rule="other.list_count")  # 以下14个方面, 10大类
        if _SERVICE_HOURS.match(right):
            return Reading(tok, "other", claim_end=e, rule="other.service_hours")  # 24小时在线监控: a standard of service
        if _POLICY_COUNT.match(right):
            return Reading(tok, "name_or_code", claim_end=e, rule="name_or_code.policy_count")  # 电价机制12条举措: a package's name
        if _NAME_SUFFIX.match(right):
            return Reading(tok, "name_or_code", claim_end=e, rule="name_or_code.name_suffix")  # 30年期国债, 12英寸
    if _THRESHOLD_BEFORE.search(left):
        return Reading(tok, "threshold", claim_end=e, rule="threshold.defines_group")  # 海拔1500米以上
    if right.startswith("周年"):
        return Reading(tok, "anniversary", claim_end=e, rule="anniversary.zhounian")
    if tok.decimals and tok.text.endswith(".0") and not _UNIT.match(right) and not _MAG.match(right):
        return Reading(tok, "name_or_code", claim_end=e, rule="name_or_code.point_zero")  # 教育信息化2.0: a version, not a quantity
    if (tok.decimals == 0 and len(tok.text) >= 5 and len(_NON_DIGIT.sub("", tok.text)) >= 5 and not _UNIT.match(right)
            and not _MAG.match(right)):
        return Reading(tok, "name_or_code", claim_end=e, rule="name_or_code.long_digits")

    # --- a quantity: unit, magnitude, qualifiers -----------------------------------------------
    pos = e + gap
    qualifier = ""
    factor = 1.0
    mag = ""
    unit = ""
    base_unit = ""
    if text.startswith(("多", "余"), pos) and (_MAG.match(text, pos + 1) or _UNIT.match(text, pos + 1)):
        qualifier = "余"
        pos += 1
    mu = _UNIT.match(text, pos)
    mm = _MAG.match(text, pos)
    if mm and not (mu and len(mu.group(0)) >= len(mm.group(0)) and mu.group(0).startswith(mm.group(0))):
        mag = mm.group(0)
        factor = MAGNITUDES[mag]
        pos = mm.end()
        if text[pos:pos + 1] in ("多", "余") and not qualifier:
            qualifier = "余"
            pos += 1
            more = _MAG.match(text, pos)
            if more and mag + more.group(0) in MAGNITUDES:  # 4万多亿元: 4万亿 and more
                mag += more.group(0)
                factor = MAGNITUDES[mag]
                pos = more.end()
        mu = _UNIT.match(text, pos)
    if mu:
        unit = mu.group(0)
        base_unit = UNITS[unit]
        pos = mu.end()
        if unit == "个" and _SHARED_POINTS.match(text, pos):
            unit, base_unit = "个百分点", "百分点"  # 分别快于全国3.4个、1个百分点: the list shares the unit
    if unit == "月" and not mag:
        return Reading(tok, "date", claim_end=e, rule="date.month_unit")
    if base_unit == "%" and unit == "％":
        unit = "%"
    mq = _POST_QUAL.match(text, pos)
    if mq and not (mq.group(0) in ("多", "余") and qualifier):
        word = mq.group(0)
        qualifier = _POST_QUAL_NORMAL.get(word, word)
        pos = mq.end()
        # a threshold inside a definition: 10万元以上的村, 10蒸吨及以下燃煤锅炉, 8座以下小汽车
        if (word in ("以上", "及以上", "以下", "及以下") and _DE_NOUN.match(text[pos:pos + 2])
                or word in ("及以上", "以下", "及以下") and _TWO_HAN.match(text[pos:pos + 2])):
            if not _LEVEL_NOUN.match(text[pos:pos + 4]):
                return Reading(tok, "threshold", unit=mag + unit, claim_end=pos, rule="threshold.de_noun")
        # 80岁以上老年人, 50万千瓦以上风光基地: a size, age or power that picks out the things named after it
        if word in ("以上", "以下") and _AND_THRESHOLD.match(text, pos):
            return Reading(tok, "threshold", unit=mag + unit, claim_end=pos, rule="threshold.conjoined")  # 2万元以上且…
        if (word == "以上" and unit in _THRESHOLD_UNITS and _TWO_HAN.match(text[pos:pos + 2])
                and not _LEVEL_NOUN.match(text[pos:pos + 4]) and not _CHANGE_AFTER.match(text, pos)):
            return Reading(tok, "threshold", unit=mag + unit, claim_end=pos, rule="threshold.size_noun")
    elif _NOUN_THRESHOLD.match(text, mu.start() if mu else pos):
        # 20万人口以上的县, 1000单以上的经营主体: a short noun between the number and 以上的
        return Reading(tok, "threshold", unit=mag, claim_end=pos, rule="threshold.noun_de")
    if not qualifier and _OVER_BEFORE.search(text, max(0, s - 3), s) and (mag or unit) and _TWO_HAN.match(text, pos) \
            and not _CHANGE_AFTER.match(text, pos):
        return Reading(tok, "threshold", unit=mag + unit, claim_end=pos, rule="threshold.over_noun")  # 3个过三千亿元城市
    if (not qualifier and base_unit in _CAPACITY_UNITS and _CAPACITY_NOUN.match(text, pos)
            and _PROJECT_LATER.match(text, pos) and not _MEASURED_BEFORE.search(text, max(0, s - 6), s)):
        # 大唐700万吨露天煤矿、5万千瓦风电等项目: a plant's capacity is part of the project's name
        return Reading(tok, "name_or_code", unit=mag + unit, claim_end=pos, rule="name_or_code.project_capacity")
    if not qualifier:
        mp = _PRE_QUAL.search(text[max(0, s - 3):s])
        if (mp and mp.group(1) in ("超", "超过", "不低于", "不少于", "不到", "不超过", "低于") and _DE_NOUN.match(text[pos:pos + 2])
                and not _AMOUNT_THEN_VERB.match(text, pos) and not _LEVEL_NOUN.match(text[pos:pos + 4])):
            return Reading(tok, "threshold", unit=mag + unit, claim_end=pos, rule="threshold.more_than_de")  # 超20万元的村
        if mp:
            word = mp.group(1)
            if word == "前" and s >= 2 and text[s - 2] in _AGO_UNITS:
                mp = None  # 5年前1.5个百分点: 前 is "ago" here, neither a rank nor a qualifier
            elif word == "前":
                return _rank(tok, text, pos, "前", unit=mag + unit, rule="rank.qian")
        if mp:
            word = mp.group(1)
            qualifier = _PRE_QUAL_NORMAL.get(word, word)

    reading_unit = mag + unit
    metric = None
    negative = False
    explicit = False
    rule = ""
    if base_unit == "百分点":
        metric, rule = "change_pp", "metric.percentage_points"
    elif _RATIO_TO_ONE.match(text[e:e + 4]):
        metric, reading_unit, base_unit, rule = "ratio", ":1", ":1", "metric.ratio_to_one"
        pos = e + len(_RATIO_TO_ONE_SPAN.match(text[e:e + 4]).group(0))
    elif base_unit == "倍":
        metric, rule = ("growth", "metric.times_change") if _GROWTH_VERB.search(_segment_left(text, s)) else ("ratio", "metric.times")
    elif not unit and not mag and _RATIO_NAME.search(_clause_left(text, s)):
        metric, reading_unit, base_unit, rule = "ratio", ":1", ":1", "metric.ratio_name"  # 收入倍差从1.96缩小至1.81
    if tok.percent_word:
        reading_unit, base_unit = "%", "%"
    seg = _segment_left(text, s - 3 if tok.percent_word else s)  # 增长百分之六: the verb is before 百分之
    verb = _GROWTH_VERB.search(seg) or _GROWTH_TARGET.search(seg)
    if verb:
        explicit = True
        negative = bool(_DECLINE.search(verb.group(0)))
        if s > 0 and text[s - 1] in "-－−" and verb.end() == len(seg) - 1:
            negative = not negative  # 增长-6.9%: a negative growth written with a minus sign
    if base_unit in ("%", "‰") and metric is None:
        share = _SHARE_WORD.search(_clause_left(text, s)) or _GROUP_SUBJECT.search(seg)
        metric = "growth" if verb else ("share" if share else "level")
        rule = "metric.change_verb" if verb else ("metric.share_word" if share else "metric.rate")
        if verb is None and _SHARE_WORD.search(seg) is None and _AFTER_QUAL_OPENING.sub("", seg.lstrip("%％")).strip("、，, 和与及%％") == "":
            metric, rule = None, ""  # a bare percentage continuing a list: inherit from the previous claim
        if verb is None and _CHANGE_NOUN_AFTER.match(text, pos):
            metric, rule, explicit = "growth", "metric.change_after", True  # 保持10%以上增长, 5.5%左右的预期增长目标
        elif verb is None and (m_amount := _AMOUNT_THEN_VERB.match(text, pos)):
            metric, rule, explicit = "growth", "metric.amount_then_verb", True  # 按5%的幅度压减一般性支出
            negative = bool(_DECLINE.search(m_amount.group(1)))
    elif verb and metric is None:
        rule = "metric.change_verb"
    # ranges: 5%—5.5%, 5-6个百分点, 3至5年
    range_with = None
    mr = _RANGE_DASH.match(text[e:pos + 4] if not unit else text[e:e + 3])
    if mr and i + 1 < len(toks) and toks[i + 1].start == e + mr.end() and not _is_year(tok):
        range_with = toks[i + 1].start
    return Reading(tok, None, reading_unit, base_unit, factor, qualifier, metric, negative, explicit, pos, range_with,
                   rule=rule)


def _rank(tok: NumberToken, text: str, pos: int, qualifier: str, unit: str = "", rule: str = "rank") -> Reading:
    m = _RANK_WORD.match(text[pos:pos + 1])
    if m:
        pos += 1
    return Reading(tok, None, unit or "位", "位", 1.0, qualifier, "rank", False, True, pos, rule=rule)


_LAST_CLAUSE_STOP = re.compile("(?s).*[" + re.escape(_CLAUSE_STOP) + "]")
_LAST_SEGMENT_STOP = re.compile("(?s).*[" + re.escape(_CLAUSE_STOP + "、") + "]")
_LAST_DIGIT = re.compile(r"(?s).*[0-9０-９]")


def _clause_left(text: str, s: int, limit: int = 40) -> str:
    """Text between the previous clause stop and position s (at most limit characters)."""
    lo = max(0, s - limit)
    m = _LAST_CLAUSE_STOP.match(text, lo, s)
    return text[m.end() if m else lo:s]


def _segment_left(text: str, s: int, limit: int = 40) -> str:
    """Text between the previous clause stop / list separator / number and the token."""
    lo = max(0, s - limit)
    m = _LAST_SEGMENT_STOP.match(text, lo, s)
    lo = m.end() if m else lo
    m = _LAST_DIGIT.match(text, lo, s)
    return text[m.end() if m else lo:s]
