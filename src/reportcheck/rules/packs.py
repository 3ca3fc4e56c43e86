"""Rule packs: found by name (shipped in ``schemas/rules``) or as a bureau's own file, their ``extends``
merged in depth, and checked against what the rules read (:mod:`reportcheck.rules.pack_model`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import cast

from reportcheck.datafile import read_object
from reportcheck.extending import merged
from reportcheck.spec import json_resource_names, load_json_resource
from reportcheck.typed import DataError

DEFAULT_PACK = "hunan_competition_2023"


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
    data = read_object(path, ("规则包", "rule pack"), PackError)
    return data, path.parent


def _merged(name: str, seen: tuple[str, ...], beside: Path | None = None) -> dict:
    if name in seen:
        raise PackError(f"规则包互相继承（{' → '.join((*seen, name))}），请修改 extends / rule packs extend each other")
    data, folder = _source(name, beside)
    base = data.get("extends")
    if not isinstance(base, str | None):
        raise PackError(f"规则包 {name} 的 extends 应为另一个规则包的名称或文件路径 / extends names a pack")
    pack = cast(dict, merged(_merged(base, (*seen, name), folder), data)) if base else dict(data)
    pack.pop("extends", None)
    return pack


def _check(name: str, pack: dict) -> None:
    """The merged pack against what the rules read (:class:`PackError` naming what is wrong)."""
    from reportcheck.rules.pack_model import Pack
    from reportcheck.rules.registry import needed_by_family
    from reportcheck.typed import from_data

    try:
        checked = from_data(Pack, pack, forbid_extra=True)
    except DataError as exc:
        raise PackError(f"规则包 {name} 有误：{exc.said()} / rule pack {name}: {exc}") from None
    needs = needed_by_family()
    for family in checked.families or sorted(needs):
        missing = [group for group in sorted(needs.get(family, ())) if getattr(checked, group) is None]
        if missing:
            raise PackError(f"规则包 {name} 有误：运行{family}类规则需要设置“{'、'.join(missing)}”，"
                            f"请补上或从 families 中去掉{family} / "
                            f"rule pack {name}: {family} needs {', '.join(missing)}")
