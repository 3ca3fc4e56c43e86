"""Rule packs: found by name (shipped in ``schemas/rules``) or as a bureau's own file, their ``extends``
merged in depth, and checked against what the rules read (:mod:`reportcheck.rules.pack_model`)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from reportcheck.spec import json_resource_names, load_json_resource
from reportcheck.typed import DataError

DEFAULT_PACK = "hunan_competition_2023"
_EXPECTED_ZH = {"a list": "列表", "a number": "数字", "text": "文字", "an object": "一组设置（{…}）", "int": "整数",
                "bool": "true 或 false", "a value": "一个值"}


class UnknownPack(KeyError):
    pass


class PackError(ValueError):
    """A rule pack that is not what the rules read: one line naming the pack, the setting and the fix."""


@lru_cache(maxsize=8)
def _pack_file(name: str) -> dict:
    try:
        return load_json_resource("rules", f"{name}.json")
    except FileNotFoundError:
        raise UnknownPack(name) from None


def available_packs() -> list[str]:
    return json_resource_names("rules")


def load_pack(name: str = DEFAULT_PACK) -> dict:
    """A rule pack by name, or from a .json file a bureau wrote. ``extends`` names (or gives the path of)
    the pack it starts from: its groups are merged key by key, so a child changing one threshold keeps
    the others. The result is checked against what the rules read (:class:`PackError` if it is not)."""
    pack = _merged(name, ())
    if _is_file(name):  # the shipped packs are checked by the tests; checking costs start-up (~15 ms)
        _check(name, pack)
    return pack


def _is_file(name: str) -> bool:
    return name.endswith(".json") or "/" in name or "\\" in name


def _source(name: str, beside: Path | None) -> tuple[dict, Path | None]:
    """The pack's own data, and the folder a file pack's ``extends`` path is taken from."""
    if not _is_file(name):
        return _pack_file(name), None
    path = Path(name) if beside is None or Path(name).is_absolute() else beside / name
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise PackError(f"找不到规则包文件 {path}，请检查路径 / rule pack file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackError(f"规则包文件 {path} 无法读取（{exc}），请检查文件是否为UTF-8编码的JSON / "
                        "rule pack file is not valid JSON") from None
    if not isinstance(data, dict):
        raise PackError(f"规则包文件 {path} 应是一组设置（{{…}}） / a rule pack is a JSON object")
    return data, path.parent


def _merged(name: str, seen: tuple[str, ...], beside: Path | None = None) -> dict:
    if name in seen:
        raise PackError(f"规则包互相继承（{' → '.join((*seen, name))}），请修改 extends / rule packs extend each other")
    data, folder = _source(name, beside)
    base = data.get("extends")
    if not isinstance(base, str | None):
        raise PackError(f"规则包 {name} 的 extends 应为另一个规则包的名称或文件路径 / extends names a pack")
    merged = _deep_merge(_merged(base, (*seen, name), folder), data) if base else dict(data)
    merged.pop("extends", None)
    return merged


def _deep_merge(base: dict, child: dict) -> dict:
    """``child`` over ``base``: groups (objects) merged key by key, anything else replaced."""
    out = dict(base)
    for key, value in child.items():
        out[key] = _deep_merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _check(name: str, pack: dict) -> None:
    """The merged pack against what the rules read (:class:`PackError` naming what is wrong)."""
    from reportcheck.rules.pack_model import Pack
    from reportcheck.rules.registry import needed_by_family
    from reportcheck.typed import from_data

    try:
        checked = from_data(Pack, pack, forbid_extra=True)
    except DataError as exc:
        raise PackError(f"规则包 {name} 有误：{_said(exc)} / rule pack {name}: {exc}") from None
    needs = needed_by_family()
    for family in checked.families or sorted(needs):
        missing = [group for group in sorted(needs.get(family, ())) if getattr(checked, group) is None]
        if missing:
            raise PackError(f"规则包 {name} 有误：运行{family}类规则需要设置“{'、'.join(missing)}”，"
                            f"请补上或从 families 中去掉{family} / "
                            f"rule pack {name}: {family} needs {', '.join(missing)}")


def _said(exc: DataError) -> str:
    """What is wrong, in the user's words: the setting by its path in the pack."""
    from difflib import get_close_matches

    where = exc.path.removeprefix("$").lstrip(".")
    at = f"“{where}”中" if where else ""
    if exc.unknown:
        parts = []
        for key in exc.unknown:
            near = get_close_matches(key, exc.known, n=1)
            parts.append(f"“{key}”" + (f"（是否应为“{near[0]}”？）" if near else ""))
        return f"{at}有不认识的设置{'、'.join(parts)}"
    if exc.missing:
        return f"{at}缺少设置“{'、'.join(exc.missing)}”"
    if exc.expected is not None:
        expected = next((zh for en, zh in _EXPECTED_ZH.items() if exc.expected.startswith(en)), exc.expected)
        return f"“{where}”应为{expected}，而不是“{exc.got}”"
    return str(exc)
