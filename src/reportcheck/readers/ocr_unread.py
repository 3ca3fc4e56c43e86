"""Ink the recogniser read nothing from: a character it does not know (驅, 艙 — traditional forms its alphabet
lacks) or did not make out is dropped from the line without a trace in the surety of the rest (湘江電驅系統 read
湘江電系統 at 0.99). Found by where the characters were read: each output step of the recogniser stands over a
known stretch of the line, so ink standing wider than a character away from every character read is a glyph
that was dropped, and the line is in doubt. Only a wide glyph is told so (a Chinese character): a dropped digit or
point leaves too little ink apart from its neighbours' to tell from a wide letter. Each dropped glyph stands in
the line's text as :data:`reportcheck.layout.UNREAD`, where its ink stands (湘江電▢系統), so what reads the text
knows a character is there and which it is not (a label matched with the gap:
:meth:`reportcheck.extract.labels.LabelIndex.match`)."""

from __future__ import annotations

import cv2
import numpy as np

_INK = 128  # grey level under which a pixel of the crop is ink
_HALF_WIDE = 0.6  # half the width a Chinese character read is taken to cover, in line heights (ems)
_HALF_NARROW = 0.55  # and a digit, a letter or a mark, in the line's ink height (W, m: as wide as their cap height)
_GAP = 0.15  # ems: a break this narrow in the unread ink is inside one glyph
DROPPED = 0.6  # ems of unread ink past which a glyph was dropped (a clean scan's lines: under 0.2)
_RULE = 1.5  # ems: ink running across this far in one row is a ruling line's remnant in the crop, no glyph
_WIDE_FROM = 0x2E80  # code points from here on are Chinese characters and their marks: a full em wide
# ems of a dropped glyph's pitch (1 em) that its read neighbours' cover hides: one dropped shows about 0.8 em
_HIDDEN = 2 * _HALF_WIDE - 1


def unread_glyphs(crop: np.ndarray, steps: list[tuple[float, str]]) -> list[tuple[float, int]]:
    """Where glyphs were dropped in ``crop`` (one line, grey or BGR): each stretch of ink no character read
    stands over, wider than :data:`DROPPED`, as (its middle x in crop pixels, how many characters wide);
    ``steps``: each character read, with the x (crop pixels) of the step it was read at."""
    grey = crop if crop.ndim == 2 else crop.mean(axis=2)
    ink = (grey < _INK).astype(np.uint8)
    rule = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, max(3, round(_RULE * crop.shape[0]))), np.uint8))
    ink = (ink & ~rule).astype(bool)  # a rule along the text would be ink in every gap between its words
    rows = np.flatnonzero(ink.any(axis=1))
    if not rows.size:
        return []
    em = float(rows[-1] - rows[0] + 1)
    covered = np.zeros(crop.shape[1], bool)
    for x, char in steps:
        half = (_HALF_WIDE if ord(char[0]) >= _WIDE_FROM else _HALF_NARROW) * em
        covered[max(0, int(x - half)):max(0, int(x + half) + 1)] = True
    unread = np.flatnonzero(ink.any(axis=0) & ~covered)
    if not unread.size:
        return []
    breaks = np.flatnonzero(np.diff(unread) > _GAP * em)
    starts = np.concatenate(([unread[0]], unread[breaks + 1]))
    ends = np.concatenate((unread[breaks], [unread[-1]]))
    wide = (ends - starts + 1) / em
    return [((float(start) + float(end)) / 2, max(1, round(float(ems) + _HIDDEN)))
            for start, end, ems in zip(starts, ends, wide, strict=True) if ems > DROPPED]
