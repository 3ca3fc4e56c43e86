"""Table and value habits of other hands: parent labels over 其中 sub-rows, unit lines above tables,
values written with units and words, years in reverse order, accounting-style numbers."""

from __future__ import annotations

TRANSFORMS: tuple = ()
