"""The truthfulness declaration (真实性声明), however the applicant worded or abridged it.

The template's sentence is 本单位承诺此次参加省级产业集群竞赛所填报的信息真实、合法。承诺：…; reports
drop the trailing 承诺：, write 我单位郑重承诺…, 真实合法 without 、, or break it over lines. What
makes it the declaration is a promise (承诺) that the information (信息, 材料, 内容, 数据) is true (真实),
in one sentence.
"""

from __future__ import annotations

import re

from reportcheck.normalize.text import label_key

_PROMISE = ("承诺", "保证")
_WHAT = ("信息", "材料", "内容", "数据", "填报")
_TRUE = ("真实", "属实")
_SENTENCE = re.compile(r"[。；;！!？?]")


def is_declaration(text: str) -> bool:
    return any(all(any(w in part for w in words) for words in (_PROMISE, _WHAT, _TRUE))
               for part in _SENTENCE.split(label_key(text)))
