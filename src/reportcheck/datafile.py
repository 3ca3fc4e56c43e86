"""A JSON object a user wrote (a rule pack, a template): read, or one line saying why not."""

from __future__ import annotations

import json
from pathlib import Path


def read_object(path: Path, what: tuple[str, str], error: type[Exception]) -> dict:
    """The file's JSON object; ``error`` with a message naming ``what`` (("规则包", "rule pack")) and the fix."""
    zh, en = what
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise error(f"找不到{zh}文件 {path}，请检查路径 / {en} file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error(f"{zh}文件 {path} 无法读取（{exc}），请检查文件是否为UTF-8编码的JSON / "
                    f"{en} file is not valid JSON") from None
    if not isinstance(data, dict):
        raise error(f"{zh}文件 {path} 应是一组设置（{{…}}） / a {en} is a JSON object")
    return data
