"""Figures stated in free text, and what they are about (extract/lexicon.py splits the words).

'2022年集群总产值达到1326.8亿元，同比增长12.4%' gives two claims about total_output: a value
(1326.8 亿元, 2022) and a growth (12.4 %). A figure is the indicator's only when the sentence ties it
to the indicator: the indicator's word stands before it with nothing between but linking words
(达到, 为, 实现, 共有, a year, a comma before a growth …). Any other word between them — another
subject (上市和挂牌企业5家 after 高新技术企业57家), a qualifier (发明专利拥有量, 占全省的比重) — and the
figure is no claim. An indicator has one value and one growth in a sentence: the next figure is
someone else's. A figure hedged with 约/超过/近/突破 before it or 左右/以上/多/余 after it is left
alone (it is not a statement of the exact value); so is a figure a change word leads (新增17家).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from reportcheck.extract.lexicon import Lexicon, common_words
from reportcheck.model import Claim
from reportcheck.normalize.numbers import scaled_unit, times, unit_words
from reportcheck.normalize.text import normalize_text
from reportcheck.spec import ProseKeywordSpec

_SENTENCE = re.compile(r"[。；;！？!?\n]")
_WRAPPED = re.compile(r"(?<=[\u4e00-\u9fff\d%，,、])\n(?=[\u4e00-\u9fff\d])|(?<=\d)\n(?=[.%])")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)(%?)$")
_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_YEAR = re.compile(r"^((?:19|20)\d{2})$")
_HEDGES = frozenset({"约", "超过", "超", "近", "突破", "逾", "左右", "以上", "多", "余", "接近", "大约",
                     "力争", "预计"})
# a figure after these is a change, not the indicator's value ("新增17家" is not 17 enterprises)
_GROWTH_WORDS = frozenset({"增长", "增速", "增幅", "增长率", "同比增长", "增加", "新增", "新培育", "净增",
                           "新认定"})
_DECLINE_WORDS = frozenset({"下降", "减少"})
_YEAR_MARKS = frozenset({"年", "年度", "年底", "年末"})  # "2022年底" is 2022; "2022年初" is not said of 2022
# What may stand between an indicator's word and its figure without changing whose figure it is.
_GLUE = frozenset({
    "达到", "达", "为", "是", "实现", "完成", "共", "共有", "有", "拥有", "累计", "合计", "总计", "共计",
    "已", "已达", "已有", "投入", "数量", "总数", "总额", "规模", "全年", "当年", "其中", "增至", "升至", "集群",
    "提高到", "提高至", "提升到", "提升至", "上升到", "上升至",
    ",", "、", "(", ")", ":", "“", "”", "，", "（", "）", "：",
})
# After these the sentence compares with another year: a growth may follow, a value is that year's, not
# the report's ("集群总产值较上年1180亿元增长12.4%": 1180 is last year's).
_COMPARING = frozenset({"同比", "比上年", "较上年", "上年", "较", "比", "比去年", "较去年", "去年"})


@lru_cache(maxsize=4)
def _lexicon(keywords: frozenset[str]) -> Lexicon:
    words = _HEDGES | _GROWTH_WORDS | _DECLINE_WORDS | _YEAR_MARKS | _GLUE | _COMPARING | unit_words()
    return Lexicon(keywords, words | common_words())


_PER_HEAD = "每万"
# A clause whose subject is one enterprise (龙头企业某某股份有限公司2022年实现营业收入70.9亿元) speaks of that
# enterprise, not of the cluster
_ONE_ENTERPRISE = ("公司", "集团", "龙头企业", "链主企业", "骨干企业")


def find_claims(text: str, keywords: list[ProseKeywordSpec]) -> list[Claim]:
    if not text or not keywords:
        return []
    by_word = {w: k.key for k in keywords for w in k.words}
    lexicon = _lexicon(frozenset(by_word))
    claims: list[Claim] = []
    year: str | None = None
    text = _WRAPPED.sub("", normalize_text(text))  # a PDF line wraps mid-sentence
    for sentence in _SENTENCE.split(_THOUSANDS.sub("", text)):
        if not _DIGIT.search(sentence):  # no figure, nothing to claim
            continue
        tied = _Tie()
        tokens = lexicon.split(sentence)
        hedged = growth = decline = False
        figure_end = -1  # the last figure's unit and a hedge after it ("300多人") are the figure's own
        clause_start = 0
        for i, token in enumerate(tokens):
            if token in (",", "，"):
                clause_start = i + 1
            if i <= figure_end:
                continue
            if token in by_word:  # "新增规上企业17家": a change word before the name still counts
                # ... but a word glued before the name makes another noun of it: 主导产业营业收入 is not 营业收入
                # ... and a rate per head before it (每万名从业人员拥有发明专利300件) is not the count, nor an
                # enterprise's figure the cluster's
                before = "".join(tokens[clause_start:i])
                other = _PER_HEAD in before or any(word in before for word in _ONE_ENTERPRISE)
                tied = _Tie(None if (i and _qualifies(tokens[i - 1])) or other else by_word[token])
                continue
            if _YEAR.match(token) and i + 1 < len(tokens) and tokens[i + 1] in _YEAR_MARKS:
                if i and tokens[i - 1] in _COMPARING:  # 较2022年净增11家: the year compared with, not the text's
                    tied.taken.add("value")
                else:
                    year = token
                figure_end = i + 1
                continue
            hedged |= token in _HEDGES
            growth |= token in _GROWTH_WORDS or token in _DECLINE_WORDS
            decline |= token in _DECLINE_WORDS
            m = _NUMBER.match(token)
            if not m:
                if token in _COMPARING:
                    tied.taken.add("value")  # a figure after it is another year's: only a growth may follow
                elif token not in _GLUE and token not in _HEDGES and token not in _GROWTH_WORDS \
                        and token not in _DECLINE_WORDS:
                    tied.key = None  # another word between the indicator and what follows
                continue
            figure_end = i + (0 if m.group(2) else 1)
            after = tokens[figure_end + 1:figure_end + 2]  # a hedge after the unit: "455家以上"
            unit = "%" if m.group(2) else "".join(tokens[i + 1:i + 2])
            kind = "growth" if unit == "%" else "value"
            if tied.key is not None and not tied.has(kind):
                claim = _claim(tied.key, m.group(1), unit, growth, decline, year, _clause(tokens, clause_start))
                tied.taken.add(kind)
                if claim is not None and not hedged and _HEDGES.isdisjoint(after):
                    claims.append(claim)
            elif tied.key is not None:
                tied.key = None  # a second value (or growth): not the indicator's
            if after and after[0] in _HEDGES:
                figure_end += 1
            hedged = growth = decline = False
    return claims


def _qualifies(token: str) -> bool:
    """A lone character glued before an indicator's word makes it part of another noun (主导产业营业收入,
    园区规上工业企业): a word the splitter knows (近年来, 实现, 全年) does not."""
    return len(token) == 1 and bool(_CJK.match(token)) and token not in _GLUE and token not in _COMPARING \
        and token not in _HEDGES and token not in _YEAR_MARKS


class _Tie:
    """The indicator the next figure belongs to, and which of its figures (value, growth) were said."""

    def __init__(self, key: str | None = None) -> None:
        self.key = key
        self.taken: set[str] = set()

    def has(self, kind: str) -> bool:
        return kind in self.taken


def _clause(tokens: list[str], start: int) -> str:
    """The clause a claim stands in: from the last comma before it to the next."""
    end = next((j for j in range(start, len(tokens)) if tokens[j] in (",", "，")), len(tokens))
    return "".join(tokens[start:end])


def _claim(key: str, number: str, unit: str, growth: bool, decline: bool, year: str | None,
           quote: str) -> Claim | None:
    raw = number
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    value = float(raw)
    if unit == "%":
        if not growth:
            return None
        return Claim(key=key, kind="growth", value=-value if decline else value, decimals=decimals,
                     unit="%", year=year, quote=quote)
    scaled = scaled_unit(unit)
    if scaled is None or growth or scaled[0] in ("%", "pp"):
        return None
    canonical, scale = scaled
    shift = round(math.log10(scale))
    return Claim(key=key, kind="value", value=times(value, scale), decimals=decimals - shift, unit=canonical,
                 year=year, quote=quote)
