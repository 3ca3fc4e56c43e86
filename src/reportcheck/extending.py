"""Data that extends other data, holding only its differences: a rule pack, a template spec.

Objects merge key by key, so a child changing one threshold keeps the others in its group. A list whose
items all carry an identity (``id``, else ``key``) merges item by item: an item of the child with a base
item's identity changes that item, a new one is added at the end, and ``{"id": "5.1", "removed": true}``
takes the base's item out. Any other list, and any other value, the child replaces.
"""

from __future__ import annotations

IDENTITIES = ("id", "key")


def merged(base: object, child: object) -> object:
    if isinstance(base, dict) and isinstance(child, dict):
        out = dict(base)
        for key, value in child.items():
            out[key] = merged(out[key], value) if key in out else _without_removed(value)
        return out
    if isinstance(base, list) and isinstance(child, list):
        identity = _identity(base + child)
        if identity is not None:
            return _merged_items(base, child, identity)
    return _without_removed(child)


def _identity(items: list) -> str | None:
    """The key every item is known by, when every item is an object that has it."""
    return next((key for key in IDENTITIES if items and all(isinstance(i, dict) and key in i for i in items)), None)


def _merged_items(base: list[dict], child: list[dict], identity: str) -> list[dict]:
    out = {item[identity]: item for item in base}
    for item in child:
        name = item[identity]
        if item.get("removed") is True:
            out.pop(name, None)
        else:
            out[name] = merged(out[name], item) if name in out else item
    return list(out.values())


def _without_removed(value: object) -> object:
    """A new list's items marked removed have nothing to take out: they are dropped."""
    if isinstance(value, list):
        return [v for v in value if not (isinstance(v, dict) and v.get("removed") is True)]
    return value
