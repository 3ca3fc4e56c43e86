"""The truthfulness declaration (真实性声明), however the applicant worded or abridged it.

The template's sentence is 本单位承诺此次参加省级产业集群竞赛所填报的信息真实、合法。承诺：…; reports
drop the trailing 承诺：, write 我单位郑重承诺…, 真实合法 without 、, or break it over lines. What
makes it the declaration is a promise (承诺) that the information is true (真实).
"""

from __future__ import annotations

from reportcheck.normalize.text import label_key

_PROMISE = ("承诺", "保证")
_TRUE = ("真实", "属实")


def is_declaration(text: str) -> bool:
    key = label_key(text)
    return any(w in key for w in _PROMISE) and any(w in key for w in _TRUE)
