"""Tests for govreport.publish.vocabulary: segmentation, stop words, per-section frequencies."""

from __future__ import annotations

import pandas as pd

from govreport import schema
from govreport.publish import vocabulary


def test_policy_terms_stay_whole_and_stop_words_go():
    words = vocabulary.terms("我们要推动高质量发展,持续优化营商环境,加快建设现代化产业体系。")
    assert "高质量发展" in words and "营商环境" in words
    assert "我们" not in words and "推动" not in words and "加快" not in words


def test_terms_are_chinese_words_of_two_or_more_characters():
    words = vocabulary.terms("完成GDP 1179.4亿元,5G基站新增300个,增长6.9%。")
    assert all(len(w) >= 2 for w in words)
    assert not any(c.isascii() for w in words for c in w)


def test_stop_words_file_is_loaded():
    stop = vocabulary.stopwords()
    assert "我们" in stop and "推进" in stop and all(not w.startswith("#") for w in stop)


def _doc():
    sections = schema.frame(
        schema.SECTIONS,
        [
            {"section_id": 0, "level": 1, "label": "一、", "title": "2023年工作回顾", "role": "review", "period": "2023",
             "parent_id": -1, "start": 10, "end": 60},
            {"section_id": 1, "level": 2, "label": "（一）", "title": "产业", "role": "review", "period": "2023",
             "parent_id": 0, "start": 30, "end": 60},
            {"section_id": 2, "level": 1, "label": "二、", "title": "2024年工作安排", "role": "plan", "period": "2024",
             "parent_id": -1, "start": 60, "end": 100},
        ],
    )
    texts = [(-1, "各位代表:万州欢迎你。"), (0, "乡村振兴取得成效,万州乡村振兴示范。"), (1, "数字经济快速发展,乡村振兴持续。"),
             (2, "数字经济是重点,营商环境要优化。")]
    sentences = schema.frame(
        schema.SENTENCES,
        [{"sentence_id": i, "section_id": s, "start": i * 10, "end": i * 10 + 9, "text": t} for i, (s, t) in enumerate(texts)],
    )
    return sentences, sections


def test_term_frequencies_group_subsections_under_their_chapter():
    sentences, sections = _doc()
    df = vocabulary.term_frequencies(sentences, sections, top=3, exclude_within=("重庆市万州区",))
    assert list(df.columns) == vocabulary.COLUMNS
    assert df["section_id"].drop_duplicates().tolist() == [0, 2]  # no preamble, sub-section folded into 0
    first = df[df["section_id"] == 0].iloc[0]
    assert (first["term"], first["count"], first["rank"]) == ("乡村振兴", 3, 1)
    assert first["sentence"] == "乡村振兴取得成效,万州乡村振兴示范。"
    assert "万州" not in set(df["term"])


def test_term_frequencies_are_deterministic_and_tie_broken_by_term():
    sentences, sections = _doc()
    a = vocabulary.term_frequencies(sentences, sections, top=5)
    b = vocabulary.term_frequencies(sentences.sample(frac=1, random_state=1), sections, top=5)
    pd.testing.assert_frame_equal(a, b)
    plan = a[a["section_id"] == 2]
    assert plan["term"].tolist() == sorted(plan["term"].tolist(), key=lambda t: (-int(plan.set_index("term").loc[t, "count"]), t))


def test_empty_inputs():
    df = vocabulary.term_frequencies(schema.frame(schema.SENTENCES), schema.frame(schema.SECTIONS))
    assert df.empty and list(df.columns) == vocabulary.COLUMNS
    assert vocabulary.overall_frequencies(schema.frame(schema.SENTENCES)).empty


def test_fragments_are_stop_words_and_terms_have_a_gloss_or_say_none():
    from govreport.publish import vocabulary

    assert {"两个", "时代"} <= vocabulary.stopwords()
    assert "两个" not in vocabulary.terms("坚定拥护“两个确立”、坚决做到“两个维护”,新时代")
    assert vocabulary.gloss("企业") == "enterprises; firms"
    assert vocabulary.gloss("地区生产总值") == "Gross regional product (GDP)"
    assert vocabulary.gloss("浙江") == "Zhejiang"
    assert vocabulary.gloss("不存在的词") == vocabulary.NO_GLOSS
