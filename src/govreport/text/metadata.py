"""Report metadata from the opening lines: title, region, report year, delivery date, speaker."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


_HEAD = 1500  # metadata lives in the opening lines

_TITLE = re.compile(
    r"(?P<year>(?:19|20)\d{2}\s*年)?\s*(?P<region>[\u4e00-\u9fff]{0,24}?)\s*(?:人民政府)?"
    r"政\s*府\s*工\s*作\s*报\s*告"
)
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*在")
_CONGRESS = re.compile(
    r"在(?P<region>[\u4e00-\u9fff]{2,24}?)第(?P<term>[一二三四五六七八九十]+)届人民代表大会"
    r"第(?P<session>[一二三四五六七八九十]+)次会议"
)
_SPEAKER = re.compile(
    r"(?P<role>代?(?:省长|市长|区长|县长|州长|旗长|盟长|主席))[ \t\u3000\u00a0]*(?P<name>[\u4e00-\u9fff]{2,4})(?![\u4e00-\u9fff])"
)


# without a title or a date, the headings tell the year: 一、2020年工作回顾 (the year before), 三、2021年主要任务
_REVIEW_HEADING = re.compile(r"(?:^|\s)[一二三四五六七八九十]{1,2}\s*[、．.]\s*((?:19|20)\d{2})年[^。\n]{0,12}?回顾")
_PLAN_HEADING = re.compile(r"(?:^|\s)[一二三四五六七八九十]{1,2}\s*[、．.]\s*((?:19|20)\d{2})年[^。\n]{0,6}?(?:主要任务|重点工作|工作安排|工作任务|主要目标)")


def _year_from_headings(text: str) -> int | None:
    m = _REVIEW_HEADING.search(text)
    if m:
        return int(m.group(1)) + 1
    m = _PLAN_HEADING.search(text)
    return int(m.group(1)) if m else None


_SPEAKER_PLACE = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{1,12}?(?:省|市|自治区|区|县|州|旗|盟))(?:人民政府)?[ \t\u3000\u00a0]*代?(?:省长|市长|区长|县长|州长|旗长|盟长|主席)"
)


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    region: str | None = None
    year: int | None = None  # the year the report is delivered in (its plan year)
    date: str | None = None  # ISO delivery date, e.g. 2024-02-02
    speaker: str | None = None
    speaker_role: str | None = None
    congress: str | None = None  # e.g. 第六届人民代表大会第五次会议
    level: str | None = None  # national, province, prefecture or district (data/levels.csv), None if unknown

    def as_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def read_metadata(text: str) -> Metadata:
    head = text[:_HEAD]
    title = region = congress = speaker = speaker_role = date = None
    year = None
    m = _TITLE.search(head)
    if m:
        title = re.sub(r"\s+", "", m.group(0))
        region = m.group("region") or None
        if m.group("year"):
            year = int(m.group("year")[:4])
    d = _DATE.search(head)
    if d:
        date = f"{int(d['y']):04d}-{int(d['m']):02d}-{int(d['d']):02d}"
        year = year or int(d["y"])
    c = _CONGRESS.search(head)
    if c:
        congress = f"第{c['term']}届人民代表大会第{c['session']}次会议"
        if not region:
            region = c["region"]
    s = _SPEAKER.search(head)
    if s:
        speaker, speaker_role = s["name"], s["role"]
    if not region:
        place = _SPEAKER_PLACE.search(head)  # 上海市市长 龚正: the place the speaker heads
        if place:
            region = place["place"]
    if year is None:
        year = _year_from_headings(text)
    national = any(marker in head for marker in NATIONAL_MARKERS)
    if national and (region is None or not infer_level(region)):
        region = NATIONAL_REGION
    if title is None and region and year:
        title = f"{year}年{region}政府工作报告"
    return Metadata(title, region, year, date, speaker, speaker_role, congress, infer_level(region))


#: words in a report's opening lines that make it the national (State Council's) report
NATIONAL_MARKERS = ("全国人民代表大会", "国务院总理", "我代表国务院")
NATIONAL_REGION = "中华人民共和国"


@lru_cache(maxsize=1)
def level_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    """``data/levels.csv``: (pattern on the region name, level), tried in order."""
    from govreport.schema import LEVELS  # here, not at import: the command line answers errors without pandas

    text = resources.files("govreport").joinpath("data/levels.csv").read_text(encoding="utf-8")
    rules = []
    for row in csv.DictReader(text.splitlines()):
        if row["level"] not in LEVELS:
            raise ValueError(f"levels.csv: unknown level {row['level']!r}")
        rules.append((re.compile(row["pattern"]), row["level"]))
    return tuple(rules)


def infer_level(region: str | None) -> str | None:
    """The level of government a region's name implies (上海市 province, 海拉尔区 district), or None."""
    if not region:
        return None
    for pattern, level in level_rules():
        if pattern.search(region):
            return level
    return None

