from __future__ import annotations

import pytest

from reportcheck.wordcount import char_count, word_count


@pytest.mark.parametrize(("text", "words", "chars"), [
    ("集群总产值", 5, 5),
    ("2024年", 2, 5),  # "2024" is one word, 年 one character
    ("增长12.3%。", 4, 8),
    ("R&D 投入", 3, 5),
    ("“小巨人”企业", 7, 7),
    ("ab cd", 2, 4),
    ("\u3000\u3000集群—湖南", 5, 5),  # the ideographic indent is no word; — counts as a character
    ("5G 工业互联网 v2.0", 7, 11),  # 5G and v2.0 are runs; 工业互联网 five characters
    ("𠀀字", 2, 2),  # a character outside the BMP (CJK extension B) is one
    ("", 0, 0),
])
def test_word_count_like_word(text, words, chars):
    assert word_count(text) == words
    assert char_count(text) == chars


def test_a_character_counts_the_same_the_second_time():
    """The translation tables are filled as characters are met: a second count is the first's."""
    assert word_count("集群企业ABC集群") == word_count("集群企业ABC集群") == 7
