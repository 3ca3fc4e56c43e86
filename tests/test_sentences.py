"""Text blocks compared as multisets of sentences: a moved sentence, a repetition both versions share or
a comma an OCR read as a space is no difference; a sentence repeated more in one version is said once."""

from __future__ import annotations

from reportcheck.compare.sentences import compare_texts


def test_a_sentence_repeated_in_one_version_is_said_once_with_both_counts() -> None:
    a = "集群规模持续扩大。" * 3 + "产业链更加完整。"
    b = "集群规模持续扩大。产业链更加完整。"
    [change] = compare_texts(a, b)
    assert change.kind == "only_a" and change.a == "集群规模持续扩大。（A中3次，B中1次）"


def test_a_moved_sentence_and_a_shared_repetition_are_no_difference() -> None:
    assert compare_texts("甲句在前。乙句在后。乙句在后。", "乙句在后。甲句在前。乙句在后。") == []


def test_punctuation_an_ocr_read_otherwise_is_no_change_but_a_figure_is() -> None:
    assert compare_texts("集群产值增长，效益明显提升。", "集群产值增长 效益明显提升。") == []
    [change] = compare_texts("产值增长12.4%，效益提升。", "产值增长13.4%，效益提升。")
    assert change.kind == "changed"
