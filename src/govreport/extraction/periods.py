"""Which period a quantity is stated for, whether it is a target or a result, and what kind of quantity it is.

Every decision is a named rule (the name goes to the row's `rule` column); the words come from the lexicon.

Periods, in order of precedence:
- ``period.year_in_clause``: a year written before the number in its sentence (2025年…, 到2030年, 2021—2025年);
- ``period.from_start`` / ``period.to_end``: in a five-year context, 从X提高到Y gives X the year before the span
  and Y its last year;
- ``period.span_flow``: in a five-year context (a paragraph or section about “十四五”时期, 过去五年), a flow over
  the span (a growth or change, 年均, 累计, 新增, a comparison with the previous span, a value held over the
  span) is stated for the span;
- ``period.span_end``: in that context, any other level (a stock, a rate, a share, a rank at the end) is
  stated for the span's last year;
- ``period.paragraph_year``: a paragraph opening with a year (2025年，…; 刚刚过去的2025年; 一年来) sets that year for
  itself and the paragraphs after it, until a heading or another opening;
- ``period.cumulative``: 累计 without a year;
- ``period.last_year_word`` / ``period.this_year_word``: 去年, 今年;
- ``period.section``: the section's period; ``period.default``: report year for targets, the year before for results.

Kinds: ``kind.plan_section`` (target), ``kind.past_in_plan`` (a result restated in a plan: its period ends
before the report year), ``kind.target_words`` (目标, 力争 … outside a review, or in a review for a period not
yet over), ``kind.targets_passage`` (the paragraph that sets the year's main targets), ``kind.review`` (result).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govreport import lexicon
from govreport.text.numerals import chinese_to_int
from govreport.text.structure import Section, Sentence

_FIVE_YEAR_PLANS: dict[str, str] = lexicon.table("periods.five_year_plans")
YEAR_EXPR = re.compile(r"((?:19|20)\d{2})\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年(?!代)")
_FIVE_YEAR_PLANS.update(lexicon.table("periods.five_year_plan_names"))
_PLAN_SPAN = re.compile(f"“?({lexicon.escaped('periods.five_year_plans')})”?(?:时期|期间|以来|规划期|期末|发展成就|的五年|五年)"
                        f"|({lexicon.escaped('periods.five_year_plan_names')})")
_PAST_FIVE = lexicon.alternation("periods.past_five_years")
_COMPARED = tuple(lexicon.words("periods.compared_with"))
_LAST_YEAR = re.compile(f"(?<![比较同于与])(?:{lexicon.escaped('periods.last_year')})(?!同期)")
_THIS_YEAR = lexicon.alternation("periods.this_year")
_WHOLE_YEAR = lexicon.alternation("periods.whole_year")
_LAST_YEAR_OPENING = lexicon.alternation("periods.last_year_opening")
_TARGETS_OPENING = lexicon.alternation("periods.targets_opening")
_PREVIOUS_SPAN = lexicon.alternation("periods.previous_span")
_HELD = lexicon.alternation("periods.held")
_CROSSING = lexicon.alternation("periods.crossing")
_FLOW_VERB = lexicon.alternation("periods.flow_verbs")
_END_LEVEL = lexicon.alternation("periods.end_level")
# a change over several years: 年均增长, 平均每年提高, 5年增长, 五年来累计下降 (not 年均浓度, an annual mean)
_MULTI_YEAR_CHANGE = re.compile(
    f"(?:{lexicon.escaped('periods.average')}|([2-9两三四五六七八九十])年(?:来|间)?(?:累计)?|[比较]([2-9两三四五六七八九十])年前(?:分别)?)"
    f"(?:{lexicon.escaped('verbs.growth', 'verbs.decline')})")
_FROM = re.compile(r"[从由][\u4e00-\u9fff]{0,6}$")  # 从月销售额10万元提高到15万元
_TO_AFTER = re.compile(r"[到至]")
_END_LEVEL_OR_DA = re.compile(f"(?:{lexicon.escaped('periods.end_level')}|达)$")
_FLOW_NOUNS = lexicon.alternation("periods.flow_verb_nouns")
_FUTURE_BEFORE = re.compile(r"(?:今后|未来|接下来|此后|后)$")  # 今后的五年 is the plan's span, not the past
_PLAN_AFTER = re.compile(r"(?:规划|计划|行动|目标|发展规划)")  # 的五年规划: a plan, not the past five years
_ANY_DIGIT = re.compile(r"[0-9０-９]")
_COMPARED_YEAR = re.compile(f"(?:{lexicon.escaped('periods.compared_year')})$")
_QUALIFIER_TAIL = re.compile(f"(?:{lexicon.escaped('qualifiers.before')}|不到)$")
_CUMULATIVE = lexicon.alternation("aspects.cumulative")
_TARGET_WORDS = lexicon.alternation("kinds.target")
_ESTIMATE = lexicon.alternation("kinds.estimate")
_ASPECT_NEW = lexicon.alternation("aspects.new")
_ASPECT_STOCK = lexicon.alternation("aspects.stock")
_PER_CAPITA = lexicon.alternation("aspects.per_capita")
_ASPECT_AVERAGE = lexicon.alternation("aspects.average")
_ANY_ASPECT = lexicon.alternation("aspects.cumulative", "aspects.new", "aspects.average", "aspects.per_capita",
                                  "aspects.stock")
_SCOPE = lexicon.alternation("words.scope", "words.scope_wide", "words.scope_region")
_OPENING_CUES = re.compile("[年五主]")  # every opening that sets a context has one of these (2025年, 十四五, 主要预期目标)
_SALUTATION_PREFIX = re.compile(f"^(?:{lexicon.escaped('sections.salutation')})[，,！!：:]?\\s*")
_OPENING_YEAR = re.compile(r"^(?:刚刚过去的|过去的|回顾)?((?:19|20)\d{2})\s*年(?!代)(?:[，,是]|以来|全年|，|上半年)?")


@dataclass(frozen=True)
class Context:
    """What a paragraph's opening says about the period of what follows: a span (2021-2025) or a year."""

    period: str
    rule: str


class SentenceMarks:
    """The period words of one sentence, found once: years, five-year spans, 去年/今年/全年, each with where it
    ends, so that what the window from the sentence start to a number holds is a look-up, not a new scan."""

    def __init__(self, text: str, start: int, end: int, year: int | None):
        s = text[start:end]
        self.start = start
        if "年" not in s and "五" not in s:  # every period word has one of these
            self.years = self.plan_spans = self.past_spans = []
            self.to_after_from = {}
            self.last_year = self.this_year = self.whole_year = []
            return
        self.years = [(start + m.end(), f"{m.group(1)}-{m.group(2)}" if m.group(1) else m.group(3))
                      for m in YEAR_EXPR.finditer(s) if not _COMPARED_YEAR.search(s, max(0, m.start() - 2), m.start())]
        # 从2021年的46503元提高到58794元: a start year, which holds up to the 到 and not after it
        self.to_after_from = {start + m.end(): start + t.end() for m in YEAR_EXPR.finditer(s)
                              if m.start() and s[m.start() - 1] in "从由" and (t := _TO_AFTER.search(s, m.end()))}
        plans, past = _spans(s, year)
        self.plan_spans = [(start + e, span) for e, span in plans]
        self.past_spans = [(start + e, span) for e, span in past]
        self.last_year = [start + m.end() for m in _LAST_YEAR.finditer(s)]
        self.this_year = [start + m.end() for m in _THIS_YEAR.finditer(s)]
        self.whole_year = [start + m.end() for m in _WHOLE_YEAR.finditer(s)]

    @staticmethod
    def _last(marks, pos):
        found = None
        for end, value in marks:
            if end > pos:
                break
            found = value
        return found

    def year(self, pos: int) -> str | None:
        found = None
        for end, value in self.years:
            if end > pos:
                break
            to = self.to_after_from.get(end)
            found = None if to is not None and to <= pos else value
        return found

    def span(self, pos: int) -> str | None:
        return self._last(self.plan_spans, pos) or self._last(self.past_spans, pos)

    @staticmethod
    def any_before(ends: list[int], pos: int) -> bool:
        return bool(ends) and ends[0] <= pos


def _spans(window: str, year: int | None) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(end, span) of the five-year plans named in the window, and of 五年来-style spans, not compared with."""
    plans = [(m.end(), _FIVE_YEAR_PLANS[m.group(1) or m.group(2)]) for m in _PLAN_SPAN.finditer(window)
             if not window[max(0, m.start() - 2):m.start()].endswith(_COMPARED)]
    past = [(m.end(), f"{year - 5}-{year - 1}") for m in _PAST_FIVE.finditer(window)
            if not window[max(0, m.start() - 2):m.start()].endswith(_COMPARED)
            and not _FUTURE_BEFORE.search(window, max(0, m.start() - 4), m.start())
            and not _PLAN_AFTER.match(window, m.end())] if year else []
    return plans, past


def span_in(window: str, year: int | None) -> str | None:
    """A five-year span named in the window (五年来, “十四五”时期), not one compared with (较“十三五”)."""
    plans, past = _spans(window, year)
    return (plans or past or [(0, None)])[-1][1]


def paragraph_contexts(text: str, paragraphs, sections: list[Section], year: int | None) -> list[Context | None]:
    """The period context each paragraph's opening sets: it holds over the paragraphs that follow until a
    heading or a paragraph that opens with a context of its own."""
    # a top-level heading ends a context; a second-level one only when its title names a period of its own
    heading_starts = {s.start for s in sections if s.level == 1 or YEAR_EXPR.search(s.title) or span_in(s.title, None)}
    context: Context | None = None
    out: list[Context | None] = []
    for p in paragraphs:
        start, end = (p.start, p.end) if hasattr(p, "start") else p
        if start in heading_starts:
            context = None
        if not _OPENING_CUES.search(text, start, min(end, start + 60)):
            out.append(context)  # no year, no 五, no 主要预期目标 in its opening: the context holds
            continue
        head = text[start:min(end, start + 200)]
        first = head.split("。", 1)[0]
        opening = _SALUTATION_PREFIX.sub("", first.lstrip("——-— \u3000"))
        m = _OPENING_YEAR.match(opening)
        span = span_in(first[:40], year)
        if m and not span and len(opening) <= 30:
            # 2025年是“十四五”收官之年。五年来，…: a short sentence naming the last year introduces the span after it
            second = head[len(first) + 1:].lstrip()
            span = span_in(second[:8], year) if _PAST_FIVE.match(second) else None
            if span:
                m = None
        if m and not (span and opening.find("五") != -1 and opening.find("五") < m.start(1)):
            context = Context(m.group(1), "period.paragraph_year")
        elif span:
            context = Context(span, "period.span")
        elif year and _LAST_YEAR_OPENING.match(opening):
            context = Context(str(year - 1), "period.paragraph_year")
        elif year and _TARGETS_OPENING.search(first[:60]) and not span_in(first[:60], year) and not YEAR_EXPR.search(
                first[:60].replace(f"{year}年", "")) and (_role_at(sections, start) != "review" or _THIS_YEAR.search(first[:60])):
            context = Context(str(year), "period.targets_passage")  # 今年…主要预期目标是 (not a five-year outline)
        out.append(context)
    return out


def span_sentences(text: str, sentences: list[Sentence], year: int | None) -> dict[int, Context]:
    """Sentences that fall under a short sentence naming a past span and stating no number (这是城市综合实力
    显著提升的五年。): sentence_id -> the span, until the paragraph or section ends or a sentence names another
    year or span.  Reports written as one line have no paragraphs to carry such a context; sentences do."""
    out: dict[int, Context] = {}
    current: Context | None = None
    where = None
    for sent in sentences:
        if (sent.paragraph_id, sent.section_id) != where:
            current, where = None, (sent.paragraph_id, sent.section_id)
        body = text[sent.start:sent.end]
        if len(body) <= 60 and not _ANY_DIGIT.search(body) and (span := span_in(body, year)):
            current = Context(span, "period.span_sentence")
            continue
        if current is not None and YEAR_EXPR.search(body[:12]):
            current = None  # 2020年，…: a sentence opening with a year of its own ends the span's run
        if current is not None:
            out[sent.sentence_id] = current
    return out


def _role_at(sections: list[Section], pos: int) -> str:
    """The role of the top-level section holding pos."""
    role = "other"
    for s in sections:
        if s.level == 1 and s.start <= pos < s.end:
            role = s.role
    return role


def is_flow(metric: str, aspect: str, window: str, clause: str, qualifier: str, changed: bool = False,
            segment: str | None = None) -> bool:
    """A quantity that accrues over a span (a change, an average, a total, additions, things done) rather than
    a level standing at its end."""
    if metric in ("growth", "change_pp") or changed:
        return True
    if aspect in ("new", "cumulative", "average"):
        return True
    # 迈上4个万亿元台阶、达14.2万亿元: the crossing is of the steps; the value after 达 is where it stands
    crossing = _CROSSING.search(clause if segment is None or not _END_LEVEL_OR_DA.search(segment.strip("、，, ")) else segment)
    if _PREVIOUS_SPAN.search(window) or _HELD.search(clause) or crossing:
        return True
    clause = _FLOW_NOUNS.sub("", clause) if "建成" in clause else clause  # 城市建成区: a noun, not a verb of doing
    return metric == "level" and bool(_FLOW_VERB.search(clause)) and not _END_LEVEL.search(clause)


def period(*, text: str, sentence: Sentence, pos: int, context: Context | None, section: Section | None,
           year: int | None, kind_hint: str, segment: str, clause: str, after_from: bool, metric: str, aspect: str,
           qualifier: str, changed: bool = False, whole_clause: str = "", then_to: bool = False,
           marks: SentenceMarks | None = None) -> tuple[str, str]:
    """segment: the text between the previous quantity of the clause and this one; clause: from the clause
    start to this quantity; whole_clause: the clause to its end; then_to: 到/至 a new value follows the number."""
    if marks is None:
        marks = SentenceMarks(text, sentence.start, sentence.end, year)
    found, rule = _period(marks=marks, pos=pos, context=context, section=section, year=year,
                          kind_hint=kind_hint, segment=segment, clause=clause, after_from=after_from, metric=metric,
                          aspect=aspect, qualifier=qualifier, changed=changed, whole_clause=whole_clause or clause)
    multi = _MULTI_YEAR_CHANGE.search(clause) if found.isdigit() else None
    if multi:  # 年均增长12.2%, 5年增长18.7%: a change over several years ending in that year, never one year's
        g = multi.group(1) or multi.group(2)  # 5年增长, 比五年前增加
        n = (int(g) if g.isdigit() else chinese_to_int(g)) if g else 5  # 年均: a five-year span
        return f"{int(found) - n + 1}-{found}", "period.multi_year_change"
    if then_to and found.isdigit() and _FROM.search(segment) and rule not in (
            "period.year_in_clause", "period.from_start", "period.to_end", "period.last_year_word"):
        return str(int(found) - 1), "period.from_previous_year"  # 将起征点从10万元提高到15万元: 10 is last year's
    return found, rule


def _period(*, marks: SentenceMarks, pos: int, context: Context | None, section: Section | None,
            year: int | None, kind_hint: str, segment: str, clause: str, after_from: bool, metric: str, aspect: str,
            qualifier: str, changed: bool, whole_clause: str) -> tuple[str, str]:
    """(period, rule) of the quantity at pos; marks: the period words of its sentence."""
    best = marks.year(pos)
    if best:
        return best, "period.year_in_clause"
    span = marks.span(pos)
    rule = "period.span_in_sentence" if span else None
    cumulative = bool(_CUMULATIVE.search(clause)) and not marks.any_before(marks.whole_year, pos)
    if span is None and cumulative and not (context is not None and "-" in context.period):
        return "cumulative", "period.cumulative"  # 累计 beats the year a paragraph opened with
    to_new_value = after_from and _QUALIFIER_TAIL.sub("", segment).endswith(("到", "至"))
    if span is None and year and not to_new_value:  # 从去年的2.1%提高到2.3%: the new value is not last year's
        if marks.any_before(marks.last_year, pos):
            return str(year - 1), "period.last_year_word"
        if marks.any_before(marks.this_year, pos):
            return str(year), "period.this_year_word"
    if span is None and context is not None:
        span, rule = context.period, context.rule
    if span is None and section is not None and "-" in (section.period or ""):
        span, rule = section.period, "period.section_span"
    if span and "-" in span:
        first, last = span.split("-")
        bare = _QUALIFIER_TAIL.sub("", segment)
        if bare.endswith(("从", "由")):
            return str(int(first) - 1), "period.from_start"
        if after_from and bare.endswith(("到", "至")):
            return last, "period.to_end"
        if is_flow(metric, aspect, clause, whole_clause, qualifier, changed, segment):
            return span, "period.span_flow"
        return last, "period.span_end"
    if span:
        return span, rule
    if year:
        if marks.any_before(marks.last_year, pos):
            return str(year - 1), "period.last_year_word"
        if marks.any_before(marks.this_year, pos):
            return str(year), "period.this_year_word"
    if section is not None and section.period:
        return section.period, "period.section"
    if year:
        return (str(year) if kind_hint == "target" else str(year - 1)), "period.default"
    return "", "period.unknown"


def kind(section: Section | None, clause: str, period_: str, year: int | None,
         context: Context | None) -> tuple[str, str]:
    """(kind, rule): a target or a result (actual)."""
    role = section.role if section else "other"
    ends = last_year_of(period_)
    past = year is not None and ends is not None and ends < year
    if context is not None and context.rule == "period.targets_passage" and not past:
        return "target", "kind.targets_passage"
    if role == "plan" or (role == "self_building" and section is not None and section.level == 1):
        if past and not _TARGET_WORDS.search(clause):
            return "actual", "kind.past_in_plan"
        return "target", "kind.plan_section"
    if _TARGET_WORDS.search(clause) and (role != "review" or (year is not None and ends is not None and ends >= year)):
        return "target", "kind.target_words"
    if year is not None and ends is not None and ends > year:
        return "target", "kind.future_in_review" if role == "review" else "kind.future"
    return "actual", "kind.review" if role == "review" else "kind.default"


def last_year_of(period_: str) -> int | None:
    """The last year of a period (2021-2025 -> 2025), or None for cumulative or no period."""
    if not period_ or period_ == "cumulative":
        return None
    try:
        return int(period_.rsplit("-", 1)[-1])
    except ValueError:
        return None


def has_target_words(clause: str) -> bool:
    """预期目标, 力争, 确保 … : words that make a figure a target."""
    return bool(_TARGET_WORDS.search(clause))


def ends_a_level(segment: str) -> bool:
    """总量达, 增至, 总数: the words before a number that make it a level standing at the end."""
    return bool(_END_LEVEL.search(segment))


_PREDICATE = re.compile(f"(?:{lexicon.escaped('periods.held', 'periods.end_level', 'verbs.growth', 'verbs.decline')}"
                        "|达|为|是|在)")


def has_predicate(segment: str) -> bool:
    """The words between two numbers hold a verb of their own (稳定在, 达到, 增长): a new claim, not a list item."""
    return bool(_PREDICATE.search(segment))


def estimated(window: str) -> bool:
    """预计, 初步统计: an estimate of a result not yet final."""
    return bool(_ESTIMATE.search(window))


def aspect(name: str, segment: str, metric: str) -> str:
    """new (新增), cumulative (累计), average (年均), per_capita (人均), stock (总量, 余额) or ''."""
    around = segment + name
    if not _ANY_ASPECT.search(around):
        return ""  # no aspect word at all (most numbers): one search instead of five
    if _CUMULATIVE.search(around):
        return "cumulative"
    if _ASPECT_NEW.search(around):
        return "new"
    if _ASPECT_AVERAGE.search(around) and metric != "growth":
        return "average"
    if _PER_CAPITA.search(name) or _PER_CAPITA.search(segment):
        return "per_capita"  # 养老金…，月人均分别提高221元
    if metric == "level" and _ASPECT_STOCK.search(around):
        return "stock"
    return ""


def scope(clause_before: str, metric: str) -> str:
    """The whole a rank or a share is relative to (全市第8 -> 全市, 渝东北第1 -> 渝东北, 占全省比重 -> 全省)."""
    if metric not in ("rank", "share"):
        return ""
    found = None
    for m in _SCOPE.finditer(clause_before):
        found = m.group(0)
    return found or ""
