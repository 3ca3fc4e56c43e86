"""A request the web service refuses: its HTTP status and one message in Chinese and English."""

from __future__ import annotations


class WebError(Exception):
    """``reason`` is a stable machine code, as :class:`reportcheck.errors.UnreadableInput`'s."""

    def __init__(self, status: int, reason: str, zh: str, en: str) -> None:
        super().__init__(f"{status} {reason}: {en}")
        self.status = status
        self.reason = reason
        self.zh = zh
        self.en = en

    def as_json(self) -> dict:
        return {"error": {"reason": self.reason, "message": self.zh, "message_en": self.en}}
