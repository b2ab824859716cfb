"""Policy vocabulary: the most frequent policy terms of each top-level section.

Chinese has no spaces between words, so terms come from the jieba segmenter (dictionary mode,
no HMM guessing, for stable results) with a small user dictionary of multi-character policy
terms (``data/policy-terms.txt``) and a stop-word list (``data/stopwords-zh.txt``). A term is
two or more Chinese characters, not a stop word, not containing digits or Latin letters.
Counts are per section; ties are broken by the term itself, so the output order is fixed.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

import pandas as pd

PREAMBLE = "开篇 preamble"
_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{2,}$")
COLUMNS = ["section_id", "section", "term", "count", "rank", "sentence"]


def _data_lines(name: str) -> list[str]:
    text = resources.files("govreport").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


NO_GLOSS = "(no English gloss in the package)"


@lru_cache(maxsize=1)
def glosses() -> dict[str, str]:
    """Chinese term -> English, from what the package knows: the glossary's names and aliases (label_en), the
    regions' names (name_en) and ``data/term-glosses.csv`` (common words of government prose)."""
    import csv

    from govreport.derivation import glossary
    from govreport.publish import regions

    out: dict[str, str] = {}
    text = resources.files("govreport").joinpath("data", "term-glosses.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        out.setdefault(row["term"].strip(), row["english"].strip())
    for e in glossary.entries():
        if e.label_en:
            for name in (e.name_zh, *e.names):
                out.setdefault(name, e.label_en)
    for r in regions.table().itertuples(index=False):
        for name in (r.name_zh, r.short_zh):
            if isinstance(name, str) and isinstance(r.name_en, str):
                out.setdefault(name, r.name_en)
    return out


def gloss(term: str) -> str:
    """The English of a term where the package has one, else :data:`NO_GLOSS`."""
    return glosses().get(str(term), NO_GLOSS)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stop-word list shipped with the package."""
    return frozenset(_data_lines("stopwords-zh.txt"))


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba prints load times on stderr: not deterministic
    tok = jieba.Tokenizer()
    tok.initialize()
    for line in _data_lines("policy-terms.txt"):
        parts = line.split()
        tok.add_word(parts[0], int(parts[1]) if len(parts) > 1 else None)
    return tok


def segment(text: str) -> list[str]:
    """Words of `text` as jieba cuts them (dictionary mode)."""
    return _tokenizer().lcut(text, HMM=False)


def terms(text: str) -> list[str]:
    """Policy terms of `text`, in order, stop words and non-Chinese tokens removed."""
    stop = stopwords()
    return [w for w in segment(text) if _HAN.match(w) and w not in stop]


def top_level_sections(sections: pd.DataFrame) -> dict[int, tuple[int, str]]:
    """section_id -> (top-level section_id, its title) for every section; -1 is the preamble."""
    out: dict[int, tuple[int, str]] = {-1: (-1, PREAMBLE)}
    if sections.empty:
        return out
    titles = {int(r.section_id): str(r.title) for r in sections.itertuples()}
    for r in sections.itertuples():
        sid = int(r.section_id)
        parent = int(r.parent_id)
        top = sid if parent < 0 or parent not in titles else parent
        out[sid] = (top, titles[top])
    return out


def _excluder(exclude_within: tuple[str, ...]):
    within = [w for w in exclude_within if w]
    return lambda term: any(term in w for w in within)


def term_frequencies(
    sentences: pd.DataFrame,
    sections: pd.DataFrame,
    top: int = 10,
    *,
    exclude_within: tuple[str, ...] = (),
    include_preamble: bool = False,
) -> pd.DataFrame:
    """The `top` most frequent terms of each top-level section.

    Terms found inside any string of `exclude_within` are dropped (pass the region, e.g.
    重庆市万州区, to drop 万州 and 重庆: place names are not policy vocabulary). The preamble (text
    before the first section) is left out unless `include_preamble`.

    Columns: section_id (top-level), section (its title), term, count, rank (1 = most frequent),
    sentence (the first sentence of the section that uses the term, for tooltips).
    """
    mapping = top_level_sections(sections)
    excluded = _excluder(exclude_within)
    counts: dict[int, Counter[str]] = {}
    first: dict[tuple[int, str], str] = {}
    titles: dict[int, str] = {}
    for row in sentences.sort_values("sentence_id").itertuples():
        sid = int(row.section_id)
        top_id, title = mapping.get(sid, (-1, PREAMBLE))
        if top_id == -1 and not include_preamble:
            continue
        titles[top_id] = title
        found = [t for t in terms(str(row.text)) if not excluded(t)]
        counts.setdefault(top_id, Counter()).update(found)
        for t in found:
            first.setdefault((top_id, t), str(row.text))
    rows = []
    for top_id in sorted(counts):
        ranked = sorted(counts[top_id].items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        for rank, (term, n) in enumerate(ranked, start=1):
            rows.append(
                {
                    "section_id": top_id,
                    "section": titles[top_id],
                    "term": term,
                    "count": n,
                    "rank": rank,
                    "sentence": first[(top_id, term)],
                }
            )
    df = pd.DataFrame(rows, columns=COLUMNS)
    return df.astype({"section_id": "int64", "count": "int64", "rank": "int64"})


def overall_frequencies(sentences: pd.DataFrame, top: int = 20, *, exclude_within: tuple[str, ...] = ()) -> pd.DataFrame:
    """The `top` most frequent terms of the whole report: columns term, count, rank."""
    excluded = _excluder(exclude_within)
    counter: Counter[str] = Counter()
    for text in sentences.sort_values("sentence_id")["text"]:
        counter.update(t for t in terms(str(text)) if not excluded(t))
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return pd.DataFrame(
        [{"term": t, "count": n, "rank": i} for i, (t, n) in enumerate(ranked, start=1)],
        columns=["term", "count", "rank"],
    ).astype({"count": "int64", "rank": "int64"})
