"""Text to structure: sections (with role and period), paragraphs and sentences, all as spans.

Headings recognised:
- top level: ``一、`` ... at the start of a line or paragraph;
- second level: ``（一）`` / ``(一)`` at the start of a line or paragraph;
- unnumbered headings: a short line with no sentence punctuation, standing alone after the
  salutation (``各位代表``) — e.g. slogan headings of provincial reports.
Numbered headings must follow in sequence (一, 二, 三 ...), which keeps enumerations inside
paragraphs from being taken for headings.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from govreport import lexicon
from govreport.text.numerals import chinese_to_int
from govreport.text.reading import page_residue

CN_DIGITS = "一二三四五六七八九十"

_TOP = re.compile(rf"([{CN_DIGITS}]{{1,3}})\s*[、．.]")
_SECOND = re.compile(rf"[（(]([{CN_DIGITS}]{{1,3}})[）)]")
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*|\n")
# the same matches, written to open with one character class, so that a scan of the whole text skips ahead to
# the next candidate fast (an alternation opening with a repeat makes the engine try every position)
_SENTENCE_END_SCAN = re.compile(r"[。！？!?\n](?:(?<=\n)|[。！？!?]*[”’」』）)]*)")
_TITLE_STOP = re.compile(r"[。！？!?；;]")
_SALUTATION = lexicon.alternation("sections.salutation")

_ROLE_SELF = lexicon.alternation("sections.role_self")
_ROLE_REVIEW = lexicon.alternation("sections.role_review")
_ROLE_PLAN = lexicon.alternation("sections.role_plan")
_UNNUMBERED_TOP = lexicon.alternation("sections.unnumbered_top")
_CLOSING = lexicon.alternation("sections.closing")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_FIVE_YEAR_PLANS: dict[str, str] = {**lexicon.table("periods.five_year_plans"),
                                     **lexicon.table("periods.five_year_plan_names")}
_FIVE_YEAR = re.compile("|".join(_FIVE_YEAR_PLANS))
# a five-year plan named as the period itself (“十五五”时期的主要目标任务), not as a goal (推动“十五五”开好局)
_FIVE_YEAR_SPAN = re.compile("(" + lexicon.escaped("periods.five_year_plans") + ")”?(?:时期|期间|规划|发展成就|以来)"
                             "|(" + lexicon.escaped("periods.five_year_plan_names") + ")")


@dataclass(frozen=True)
class Section:
    section_id: int
    level: int
    label: str
    title: str
    role: str
    period: str
    parent_id: int
    start: int  # heading start
    end: int  # section end
    heading_end: int


# Span and Sentence: made once per paragraph and sentence, so plain dataclasses (hashable by value, like frozen
# ones) because a frozen dataclass's constructor costs four times as much. Nothing changes one.
@dataclass(unsafe_hash=True)
class Span:
    start: int
    end: int


@dataclass(unsafe_hash=True)
class Sentence:
    sentence_id: int
    section_id: int
    paragraph_id: int
    start: int
    end: int


@dataclass(frozen=True)
class Structure:
    sections: tuple[Section, ...]
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]


def paragraphs(text: str) -> list[Span]:
    """Paragraph spans: text between line breaks, or between white space standing between two CJK characters
    (one-line reports separate paragraphs with a space) or after a sentence stop; white space trimmed."""
    return list(_paragraph_spans(text))


def more_paragraphs_than(text: str, limit: int) -> bool:
    """Whether the text has more than ``limit`` paragraphs (stops counting there)."""
    if text.count("\n") + text.count(" ") + text.count("\u3000") + text.count("\u00a0") + text.count("\t") <= limit:
        return False  # fewer breaks than that: no need to count
    return next(itertools.islice(_paragraph_spans(text), limit, None), None) is not None


def _paragraph_spans(text: str):
    pos = 0
    n = len(text)
    for m in _BREAK_CANDIDATE.finditer(text):
        a, b = m.start(), m.end()
        if text[a] != "\n":
            before = text[a - 1] if a else ""
            after = text[b] if b < n else ""
            run = m.group()
            cjk_gap = before > "\x7f" and after > "\x7f" and "\t" not in run
            stop_gap = before in _STOP_BEFORE_GAP and after != "" and not after.isspace()
            if not (cjk_gap or stop_gap):
                continue
        if a > pos:
            span = _trimmed(text, pos, a)
            if span is not None:
                yield span
        pos = b
    if pos < n:
        span = _trimmed(text, pos, n)
        if span is not None:
            yield span


def _trimmed(text: str, start: int, end: int) -> Span | None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    lead = len(chunk) - len(chunk.lstrip())
    return Span(start + lead, start + lead + len(stripped))


#: white space that may break paragraphs: a run of spaces, or a line break with the white space after it
_BREAK_CANDIDATE = re.compile(r"[ \u3000\u00a0\t\n](?:(?<=\n)\s*|[ \u3000\u00a0\t]*)")  # opens with one class: a fast scan
_STOP_BEFORE_GAP = set(":!?.。！？”")


def _heading_title_end(text: str, start: int, para_end: int, limit: int) -> int:
    """End of a heading's title: first sentence stop, the paragraph end, or the limit. A heading standing
    alone as a paragraph may be long (关于《…纲要（草案）》的说明); one followed by its text on the same line ends at
    the first space or clause stop after it (一、2023年工作回顾 过去一年…)."""
    stop = _TITLE_STOP.search(text, start, min(para_end, start + limit))
    if stop:
        return stop.start()
    if para_end - start <= limit or (para_end - start <= 2 * limit and not _TITLE_STOP.search(text, start, para_end)
                                     and not _CLAUSE.search(text, start, para_end)):
        return para_end
    cut = _TITLE_CUT.search(text, start + 4, start + limit)
    return cut.start() if cut else -1


_CLAUSE = re.compile(r"[，,：:]")
#: The label of the section after the closing of the speech (民生实事 lists, glossaries, notes).
ANNEX_LABEL = "附"
_TITLE_CUT = re.compile(r"[\s\u3000，,：:]")


def _numbered_heading(text: str, p: Span, chunk: str, pattern: re.Pattern, expected: int, level: int,
                      limit: int, skip: int = 0) -> tuple[int, str, int, int, str] | None:
    """The heading this paragraph opens with, when its number is the one expected next (一、 then 二、), or
    at most `skip` further (a report that starts at 二、, a heading lost in conversion)."""
    m = pattern.match(chunk)
    if not m:
        return None
    number = chinese_to_int(m.group(1))
    if not expected <= number <= expected + skip:
        return None
    title_start = p.start + m.end()
    title_end = _heading_title_end(text, title_start, p.end, limit)
    if title_end <= title_start:
        return None
    title = text[title_start:title_end].strip()
    if number != expected and (len(title) < 4 or (_HAS_DIGIT_OR_STOP.search(title[:4]) and not _YEAR.match(title))):
        return None  # a skipped number must at least look like a heading
    return level, m.group(0).strip(), p.start, title_end, title


_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAS_DIGIT_OR_STOP = re.compile(r"[\d，,。；;]")


def find_headings(text: str, paras: list[Span], end: int | None = None) -> list[tuple[int, str, int, int, str]]:
    """Headings as (level, label, start, heading_end, title).

    Top-level headings are numbered 一、二、… in order (one number may be missing), or stand alone unnumbered
    with a top-level title (“十四五”时期工作回顾); second-level ones are numbered （一）（二）…. After the closing
    of the speech (让我们…而努力奋斗！), what follows is one annex section: its numbered lists are not sections."""
    heads: list[tuple[int, str, int, int, str]] = []
    expect_top, expect_second = 1, 1
    salutation_seen = False
    closed = False
    late = int(len(text) * 0.8)  # the closing stands in the last part of the speech
    for p in paras:
        if end is not None and p.start >= end:
            break  # web-page residue after the speech (相关报道) holds no headings
        chunk = text[p.start:p.end]
        if closed:
            # the first paragraph after the closing opens the annex; nothing after it is a heading
            if len(_HAN.findall(chunk)) < 4:
                continue  # a stray character left after the closing is no annex
            stop = _TITLE_STOP.search(chunk)
            title = chunk[:stop.start() if stop else 30].strip()[:30]
            heads.append((1, ANNEX_LABEL, p.start, p.start + len(chunk) - len(chunk.lstrip()) + len(title), title))
            break
        if not salutation_seen and _SALUTATION.match(chunk):
            salutation_seen = True
            continue
        head = _numbered_heading(text, p, chunk, _TOP, expect_top, 1, 40, skip=2 if not heads else 1)
        if head:
            heads.append(head)
            expect_top = chinese_to_int(_TOP.match(chunk).group(1)) + 1
            expect_second = 1
            salutation_seen = True
            continue
        head = _numbered_heading(text, p, chunk, _SECOND, expect_second, 2, 60)
        if head:
            heads.append(head)
            expect_second += 1
            continue
        if salutation_seen and _is_unnumbered_heading(chunk):
            top = bool(_UNNUMBERED_TOP.search(chunk)) and not _SECOND.match(chunk)
            level = 1 if top or not any(h[0] == 1 for h in heads) else 2
            heads.append((level, "", p.start, p.end, chunk.strip()))
            if level == 1:
                expect_second = 1
            continue
        if (p.start > late and chunk.rstrip().endswith(("！", "!")) and any(h[0] == 1 for h in heads)
                and _CLOSING.search(chunk)):
            closed = True
    return heads


_NOT_A_TITLE = re.compile(r"[。，,；;：:！？!?、|]|\d(?![\d]*年)")  # punctuation, or a number that is not a year


def _is_unnumbered_heading(chunk: str) -> bool:
    chunk = chunk.strip()
    if not 4 <= len(chunk) <= 30:
        return False
    if _NOT_A_TITLE.search(chunk):
        return False
    bare = _YEAR.sub("年", chunk)  # 2026年重点工作: the year counts as one word
    han = sum(1 for ch in bare if "\u4e00" <= ch <= "\u9fff")
    return han >= 0.7 * len(bare)


def _role(title: str, body: str, report_year: int | None, previous_roles: list[str]) -> str:
    if _ROLE_SELF.search(title):
        return "self_building"
    years = [int(y) for y in _YEAR.findall(title)]
    if years and report_year:
        return "review" if years[0] < report_year else "plan"
    if _ROLE_REVIEW.search(title) and "review" not in previous_roles and "plan" not in previous_roles:
        return "review"
    if _ROLE_PLAN.search(title):
        return "plan"
    if _ROLE_REVIEW.search(title):
        return "review"
    if not previous_roles and re.search(r"过去|一年来|五年来|刚刚过去", body[:300]):
        return "review"
    if "review" in previous_roles or "plan" in previous_roles:
        return "plan"
    return "other"


def _period(title: str, role: str, report_year: int | None, body: str = "") -> str:
    """The period a section covers: a year or five-year plan in its title (“十五五”时期), else the first
    one its opening sentence names (2026年是“十五五”开局之年 -> 2026), else from its role."""
    m = _YEAR.search(title)
    f = _FIVE_YEAR_SPAN.search(title)
    if m and (not f or m.start() < f.start()):
        return m.group(1)
    if f:
        return _FIVE_YEAR_PLANS[f.group(1) or f.group(2)]
    opening = _SENTENCE_END.split(body.lstrip(), 1)[0][:200]
    m = _YEAR.search(opening)
    f = _FIVE_YEAR.search(opening)
    if m and (not f or m.start() < f.start()):
        return m.group(1)
    if f and role in ("plan", "review"):
        return _FIVE_YEAR_PLANS[f.group(0)]
    if report_year:
        if role == "review":
            return str(report_year - 1)
        if role in ("plan", "self_building"):
            return str(report_year)
    return ""


def build(text: str, report_year: int | None, paras: list[Span] | None = None,
          residue: list[tuple[int, int]] | None = None) -> Structure:
    """Sections, paragraphs and sentences of ``text`` (paragraphs and page residue when already found)."""
    paras = paragraphs(text) if paras is None else paras
    residue = page_residue(text) if residue is None else residue
    tail = [a for a, b in residue if a > 0 and b == len(text)]
    heads = find_headings(text, paras, tail[0] if tail else None)
    sections: list[Section] = []
    top_roles: list[str] = []
    parent_id = -1
    parent: Section | None = None
    for i, (level, label, start, head_end, title) in enumerate(heads):
        # end: next heading of the same or a higher level
        end = len(text)
        for j in range(i + 1, len(heads)):  # not heads[i + 1:]: no copy per heading
            later = heads[j]
            if later[0] <= level:
                end = later[2]
                break
        if level == 1 and label == ANNEX_LABEL:
            role = "plan" if report_year and str(report_year) in title else "other"
            top_roles.append(role)
            period = _period(title, role, report_year, text[head_end:end]) if role == "plan" else ""
            sec = Section(len(sections), 1, label, title, role, period, -1, start, end, head_end)
            parent_id, parent = sec.section_id, sec
        elif level == 1:
            role = _role(title, text[head_end:end], report_year, top_roles)
            top_roles.append(role)
            period = _period(title, role, report_year, text[head_end:end])
            sec = Section(len(sections), 1, label, title, role, period, -1, start, end, head_end)
            parent_id, parent = sec.section_id, sec
        else:
            role = parent.role if parent else _role(title, text[head_end:end], report_year, top_roles)
            own = _period(title, role, None)
            period = own or (parent.period if parent else _period(title, role, report_year))
            if parent:
                end = min(end, parent.end)
            sec = Section(len(sections), 2, label, title, role, period, parent_id, start, end, head_end)
        sections.append(sec)
    # sentences: split paragraphs at sentence stops and heading ends
    heading_ends = sorted({s.heading_end for s in sections})
    # the sentence stops of the whole text in one pass; a paragraph holds those ending in (start, end], as a stop
    # is never white space and a paragraph is bounded by white space
    stop_ends = [m.end() for m in _SENTENCE_END_SCAN.finditer(text)]
    sentences: list[Sentence] = []
    innermost = _innermost_lookup(sections)
    for pid, p in enumerate(paras):
        pos = p.start
        # every section starts at a paragraph's start (a heading opens its paragraph), so all the sentences of a
        # paragraph lie in the same innermost section
        section_id = innermost(p.start)
        cuts = stop_ends[bisect.bisect_right(stop_ends, p.start):bisect.bisect_right(stop_ends, p.end)]
        heading_cuts = heading_ends[bisect.bisect_right(heading_ends, p.start):bisect.bisect_left(heading_ends, p.end)]
        if heading_cuts:
            cuts = sorted(set(cuts + heading_cuts))  # the stop ends alone are in order already, each once
        cuts.append(p.end)
        if p.end - p.start > MAX_SENTENCE:
            cuts = _capped(text, cuts, pos)
        for cut in cuts:
            if cut <= pos:
                continue
            piece = text[pos:cut]
            stripped = piece.strip()
            if stripped:
                s = pos + len(piece) - len(piece.lstrip())
                sentences.append(Sentence(len(sentences), section_id, pid, s, s + len(stripped)))
            pos = cut
    return Structure(tuple(sections), tuple(paras), tuple(sentences))


#: Longest sentence, in characters. Real report sentences stay under 600; a longer run (a table
#: flattened to one line, junk without full stops) is cut, at a clause stop where there is one and
#: never inside a number, so the work per number and the sentence column stay bounded.
MAX_SENTENCE = 1000
_SOFT_STOPS = "，,；;：:、 \t\u3000"
_IN_NUMBER = set("0123456789０１２３４５６７８９.．零〇一二两三四五六七八九十百千万亿点\u200b\u200c\u200d\u2060\ufeff\u00ad")


def _capped(text: str, cuts: list[int], pos: int) -> list[int]:
    """cuts with extra ones so that no piece is longer than MAX_SENTENCE characters."""
    out: list[int] = []
    for cut in cuts:
        while cut - pos > MAX_SENTENCE:
            extra = _safe_cut(text, pos, cut)
            if extra is None:
                break
            out.append(extra)
            pos = extra
        out.append(cut)
        pos = max(pos, cut)
    return out


def _safe_cut(text: str, lo: int, hi: int) -> int | None:
    """A cut in (lo, hi) near lo + MAX_SENTENCE: after a clause stop, else between two characters
    that cannot both belong to one number, else the first such place further on."""
    limit, floor = lo + MAX_SENTENCE, lo + MAX_SENTENCE // 2
    stop = max(text.rfind(c, floor, limit) for c in _SOFT_STOPS)
    if stop != -1:
        return stop + 1
    for i in itertools.chain(range(limit, floor, -1), range(limit + 1, hi)):
        if text[i - 1] not in _IN_NUMBER or text[i] not in _IN_NUMBER:
            return i
    return None


def _innermost_lookup(sections: list[Section]):
    """pos -> id of the innermost section holding it (-1 for none). Sections are in document
    order and nested, so it is the last one starting at or before pos that still holds pos."""
    starts = [sec.start for sec in sections]

    def find(pos: int) -> int:
        i = bisect.bisect_right(starts, pos) - 1
        while i >= 0:
            if pos < sections[i].end:
                return sections[i].section_id
            i -= 1
        return -1

    return find
