"""The client's file name: only ever shown (escaped) and offered back as a download name, never a server path."""

from __future__ import annotations

import re

_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*]')
_MAX_CHARS = 120


def display_name(raw: str | None) -> str:
    """The name to show for an upload: the last component of what the client sent (a browser may send a
    whole Windows path), without control characters; ``上传的文件`` when nothing is left."""
    last = re.split(r"[/\\]", raw or "")[-1]
    name = "".join(ch for ch in last if ch.isprintable()).strip()
    return name[-_MAX_CHARS:] or "上传的文件"


def download_stem(name: str) -> str:
    """The stem of the names offered for download (``STEM.checked.docx``, ``STEM.json``): the display
    name without its suffix, with the characters Windows refuses in a file name replaced."""
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    stem = _NOT_IN_FILE_NAMES.sub("_", stem).strip(" .")
    return stem or "report"
