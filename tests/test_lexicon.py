"""The lexicon's patterns: a prefix tree of the words matches exactly what the flat alternation, longest word
first, matches (same spans, same groups) in every way the rules use it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from govreport import lexicon

from _inputs import WANZHOU

# how the rules embed an alternation: alone, anchored, repeated, followed by a look-ahead, captured, before more
CONTEXTS = ("(?:{})", "(?:{})*", "^(?:{})", "(?:{})$", "(?:{})+", "(?:{})(?=a|$)", "({})b?", "(?:{}|b|)c")


def _flat(words) -> str:
    return "|".join(map(re.escape, sorted(dict.fromkeys(words), key=len, reverse=True)))


def _tree(words) -> str:
    return lexicon.prefix_tree(tuple(sorted(dict.fromkeys(words), key=len, reverse=True)))


def _same(flat: str, tree: str, texts) -> None:
    for context in CONTEXTS:
        a, b = re.compile(context.format(flat)), re.compile(context.format(tree))
        for text in texts:
            for method in ("match", "search", "fullmatch"):
                x, y = getattr(a, method)(text), getattr(b, method)(text)
                assert (x and (x.span(), x.groups())) == (y and (y.span(), y.groups())), (context, method, text)
            assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)], (context, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("abc.*", max_size=4), max_size=8), st.lists(st.text("abc.*", max_size=10), max_size=5))
def test_prefix_tree_matches_as_the_flat_alternation(words, texts):
    _same(_flat(words), _tree(words), texts)


def test_prefix_tree_of_every_lexicon_list_on_report_text():
    text = WANZHOU[:20000]
    texts = [text[i:i + 12] for i in range(0, len(text) - 12, 37)]
    for name in ("verbs.action", "verbs.growth", "words.trail", "units.counted", "qualifiers.before", "aspects.new",
                 "periods.five_year_plans", "non_indicators.top_list"):
        words = lexicon.words(name)
        texts_with_words = texts + [w + v for w in words[:20] for v in words[-20:]]
        _same(_flat(words), lexicon.escaped(name), texts_with_words)
