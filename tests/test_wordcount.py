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
])
def test_word_count_like_word(text, words, chars):
    assert word_count(text) == words
    assert char_count(text) == chars
