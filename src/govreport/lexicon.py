"""The language knowledge the rules use, loaded once from ``data/lexicon.toml``.

Every word list lives in that one file, each entry in one place; the rules ask for a list by its dotted name
(``words("verbs.action")``) or for a pattern built from it (``alternation("verbs.action")``, longest word
first). Nothing here knows a rule: it only hands out the words.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources


@cache
def _data() -> dict:
    return tomllib.loads(resources.files("govreport").joinpath("data/lexicon.toml").read_text(encoding="utf-8"))


def entry(name: str):
    """The entry at a dotted name (``"qualifiers.after"``); KeyError names what is missing."""
    node = _data()
    for part in name.split("."):
        try:
            node = node[part]
        except (KeyError, TypeError):
            raise KeyError(f"lexicon has no entry {name!r}") from None
    return node


@cache
def words(*names: str) -> tuple[str, ...]:
    """The words of one or more lists (or of the keys of tables), longest first, each once."""
    out: list[str] = []
    for name in names:
        e = entry(name)
        out.extend(e if isinstance(e, list) else list(e))
    return tuple(sorted(dict.fromkeys(out), key=len, reverse=True))


@cache
def table(name: str) -> dict[str, object]:
    """A table of the lexicon (word -> value), as a plain dict."""
    e = entry(name)
    if not isinstance(e, dict):
        raise KeyError(f"lexicon entry {name!r} is a list, not a table")
    return {k: v for k, v in e.items() if not isinstance(v, (dict, list))}


def escaped(*names: str) -> str:
    """An alternation of the lists' words, longest first, for use inside a bigger pattern.

    Written as a prefix tree (新增|新建|新开工 -> 新(?:增|建|开工)), which matches exactly what the flat
    alternation of the words longest first matches, in the same order of preference (where several words match
    at one place they are prefixes of one another, and the tree tries the longer first), but reads each
    character once instead of once per word."""
    return prefix_tree(words(*names))


@cache
def alternation(*names: str, anchor: str = "") -> re.Pattern[str]:
    """A compiled pattern matching any word of the lists (longest first); anchor "^" or "$" pins it."""
    body = f"(?:{escaped(*names)})"
    return re.compile(f"^{body}" if anchor == "^" else f"{body}$" if anchor == "$" else body)


_END = ""  # the key marking that a word ends at a node of the tree (no character is "")


def prefix_tree(items: tuple[str, ...] | list[str]) -> str:
    """An alternation of the strings written as a prefix tree, longer ones preferred; like a flat alternation its
    top level is bare (``a…|b…``, the empty string last if it is one of them), to be grouped by the caller, so
    that the engine still sees the first characters of a pattern that opens with it."""
    root: dict = {}
    for item in items:
        node = root
        for ch in item:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return "|".join(_alternatives(root) + ([""] if _END in root else []))


def _alternatives(node: dict) -> list[str]:
    return [re.escape(ch) + _branch(child) for ch, child in node.items() if ch != _END]


def _branch(node: dict) -> str:
    alternatives = _alternatives(node)
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{body})?" if _END in node else body  # a word ends here: the longer ones first, then this one
