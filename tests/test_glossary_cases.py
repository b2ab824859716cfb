"""The glossary's case table tests/data/cases/glossary.csv: a phrase as extraction names it, the
key it must link to (empty: none), optionally the row's aspect and the report's level of government."""

import pytest

from govreport.derivation import glossary

import _cases

ROWS = _cases.read("glossary.csv")


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['phrase']}{'@' + r['aspect'] if r['aspect'] else ''}"
                                            f"{'/' + r['level'] if r['level'] else ''}" for r in ROWS])
def test_phrase_links_to_key(row):
    assert glossary.match(row["phrase"], row["aspect"] or None, row["level"] or None) == (row["key"] or None), row["note"]


def test_every_headline_key_has_a_case():
    keys = {r["key"] for r in ROWS}
    assert not set(glossary.headline_keys()) - keys
