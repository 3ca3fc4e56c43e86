"""Plain dataclasses to and from JSON-like data, checked against their type hints.

The typed report and the template specs are stdlib dataclasses, so that a ``check`` pays nothing at
start-up for building validators (pydantic took about a third of a one-file run). Data that comes
from outside — a template spec, a rule's test case — goes through
``from_data``, which checks every value against the field's type (``int | None``, ``list[X]``,
``dict[str, X]``, ``tuple[int, int]``, ``Literal[...]``, nested dataclasses) and says where it failed.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, Literal, TypeVar, Union

T = TypeVar("T")


class DataError(ValueError):
    """Data that does not fit the dataclass it was read into; the message names the path. What went
    wrong is kept too, for a message in the user's words: keys the class does not have (``unknown``,
    beside the ``known`` ones), keys it needs (``missing``), or a value not of the type (``expected``)."""

    def __init__(self, message: str, path: str = "$", *, unknown: list[str] | None = None,
                 known: list[str] | None = None, missing: list[str] | None = None,
                 expected: str | None = None, got: Any = None) -> None:
        super().__init__(message)
        self.path, self.unknown, self.known, self.missing = path, unknown or [], known or [], missing or []
        self.expected, self.got = expected, got

    def said(self) -> str:
        """What is wrong, in the user's words: the setting by its path in the file, the nearest valid key."""
        from difflib import get_close_matches

        where = self.path.removeprefix("$").lstrip(".")
        at = f"“{where}”中" if where else ""
        if self.unknown:
            parts = []
            for key in self.unknown:
                near = get_close_matches(key, self.known, n=1)
                parts.append(f"“{key}”" + (f"（是否应为“{near[0]}”？）" if near else ""))
            return f"{at}有不认识的设置{'、'.join(parts)}"
        if self.missing:
            return f"{at}缺少设置“{'、'.join(self.missing)}”"
        if self.expected is not None and self.expected.startswith("one of "):
            return f"“{where}”应为 {self.expected.removeprefix('one of ')} 之一，而不是“{self.got}”"
        if self.expected is not None:
            expected = next((zh for en, zh in _EXPECTED_ZH.items() if self.expected.startswith(en)), self.expected)
            return f"“{where}”应为{expected}，而不是“{self.got}”"
        return str(self)


_EXPECTED_ZH = {"a list": "列表", "a number": "数字", "text": "文字", "an object": "一组设置（{…}）", "int": "整数",
                "bool": "true 或 false", "a value": "一个值"}


def to_data(obj: Any) -> Any:
    """JSON-ready data: dataclasses as dicts (a class with ``_DUMP_SET_ONLY`` drops its None fields),
    tuples as lists."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        skip_none = getattr(obj, "_DUMP_SET_ONLY", False)
        out = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if not (skip_none and value is None):
                out[f.name] = to_data(value)
        return out
    if isinstance(obj, list | tuple):
        return [to_data(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_data(v) for k, v in obj.items()}
    return obj


def from_data(cls: type[T], data: Any, *, forbid_extra: bool = False) -> T:
    """An instance of dataclass ``cls`` from ``data`` (an instance of it is taken as it is).

    Raises DataError naming the first value that does not fit. ``forbid_extra`` refuses keys the
    class has no field for (specs: a misspelt key must not pass unnoticed); otherwise they are ignored.
    """
    return _convert(cls, data, "$", forbid_extra)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, value: Any, path: str, forbid: bool) -> Any:
    if tp is Any or tp is object:
        return value
    origin = typing.get_origin(tp)
    if origin is Union or origin is types.UnionType:
        return _union(typing.get_args(tp), value, path, forbid)
    if origin is Literal:
        if value in typing.get_args(tp):
            return value
        raise DataError(f"{path}: {value!r} is not one of {typing.get_args(tp)}", path,
                        expected="one of " + " | ".join(map(str, typing.get_args(tp))), got=value)
    if origin is list:
        (item,) = typing.get_args(tp)
        _expect(isinstance(value, list | tuple), path, "a list", value)
        return [_convert(item, v, f"{path}[{i}]", forbid) for i, v in enumerate(value)]
    if origin is tuple:
        args = typing.get_args(tp)
        _expect(isinstance(value, list | tuple) and len(value) == len(args), path, f"{len(args)} items", value)
        return tuple(_convert(a, v, f"{path}[{i}]", forbid) for i, (a, v) in enumerate(zip(args, value, strict=True)))
    if origin is dict:
        key_type, item = typing.get_args(tp)
        _expect(isinstance(value, dict), path, "an object", value)
        return {_convert(key_type, k, path, forbid): _convert(item, v, f"{path}.{k}", forbid)
                for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        return _dataclass(tp, value, path, forbid)
    return _scalar(tp, value, path)


def _union(options: tuple[Any, ...], value: Any, path: str, forbid: bool) -> Any:
    if value is None:
        _expect(type(None) in options, path, "a value", value)
        return None
    errors: list[DataError] = []
    for option in (o for o in options if o is not type(None)):
        try:
            return _convert(option, value, path, forbid)
        except DataError as e:
            errors.append(e)
    if len(errors) == 1:  # X | None: X's own error, with what went wrong
        raise errors[0]
    raise DataError(" / ".join(str(e) for e in errors), path)


def _dataclass(cls: type, value: Any, path: str, forbid: bool) -> Any:
    if isinstance(value, cls):
        return value
    _expect(isinstance(value, dict), path, f"an object for {cls.__name__}", value)
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    if forbid and (extra := sorted(set(value) - set(fields))):
        raise DataError(f"{path}: unknown key(s) {', '.join(extra)} for {cls.__name__}", path,
                        unknown=extra, known=list(fields))
    kwargs = {name: _convert(hints[name], value[name], f"{path}.{name}", forbid)
              for name in fields if name in value}
    missing = [n for n, f in fields.items() if n not in kwargs and f.default is dataclasses.MISSING
               and f.default_factory is dataclasses.MISSING]
    if missing:
        raise DataError(f"{path}: missing {', '.join(missing)} for {cls.__name__}", path, missing=missing)
    return cls(**kwargs)


def _scalar(tp: Any, value: Any, path: str) -> Any:
    if tp is float:
        _expect(isinstance(value, int | float) and not isinstance(value, bool), path, "a number", value)
        return float(value)
    if tp is int or tp is bool:
        _expect(type(value) is tp, path, tp.__name__, value)
        return value
    if tp is str:
        _expect(isinstance(value, str), path, "text", value)
        return value
    raise DataError(f"{path}: no conversion to {tp!r}", path)


def _expect(ok: bool, path: str, what: str, value: Any) -> None:
    if not ok:
        raise DataError(f"{path}: expected {what}, got {type(value).__name__} {value!r:.60}", path,
                        expected=what, got=value)
