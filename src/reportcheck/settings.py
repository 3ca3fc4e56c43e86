"""Which rules run and how severe they are: from a config file and the command line.

Config is read from ``reportcheck.toml`` (top-level keys) or ``[tool.reportcheck]`` in
``pyproject.toml``, in the current directory or the nearest parent that has one::

    select = ["AR", "EL001"]      # codes or code prefixes; default: every rule of the pack
    ignore = ["EL008"]
    pack = "hunan_competition_2023"
    relaxed = false               # 革命老区、民族地区、困难地区: thresholds become warnings
    [severity]
    CO005 = "error"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

SEVERITIES = ("error", "warning", "info")


class SettingsError(ValueError):
    """A setting that cannot be used; the message says which and how to fix it."""


@dataclass
class Settings:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    pack: str = "hunan_competition_2023"
    relaxed: bool = False
    templates: list[str] = field(default_factory=list)  # template files to know besides the shipped forms
    config_path: str | None = None

    def wants(self, code: str) -> bool:
        if self.ignores(code):
            return False
        return self.select is None or any(code.startswith(prefix) for prefix in self.select)

    def ignores(self, code: str) -> bool:
        return any(code.startswith(prefix) for prefix in self.ignore)


def find_config(start: Path) -> tuple[Path, dict] | None:
    for folder in (start, *start.parents):
        own = folder / "reportcheck.toml"
        if own.is_file():
            return own, _load(own)
        project = folder / "pyproject.toml"
        if project.is_file():
            table = _load(project).get("tool", {}).get("reportcheck")
            if table is not None:
                return project, table
    return None


def _load(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"配置文件 {path} 格式错误（{exc}）/ config file is not valid TOML") from None
    except OSError as exc:
        raise SettingsError(f"无法读取配置文件 {path}（{exc.strerror}），请检查路径和权限 / "
                            "config file cannot be read") from None


# What each setting of the config file holds, and how to say it (a wrong type is one clear line).
_SETTING_TYPES: dict[str, tuple[type, str]] = {
    "select": (list, "代码列表，如 [\"AR\", \"EL001\"]"), "ignore": (list, "代码列表，如 [\"CO005\"]"),
    "severity": (dict, "表，如 severity = { CO005 = \"error\" }"), "pack": (str, "规则包名称，如 \"hubei\""),
    "relaxed": (bool, "true 或 false"), "templates": (list, "模板文件路径列表，如 [\"2025初赛.json\"]"),
}


def _check_types(path: Path, table: dict) -> None:
    for key, (kind, how) in _SETTING_TYPES.items():
        value = table.get(key)
        wrong = value is not None and (not isinstance(value, kind) or (
            kind is list and not all(isinstance(v, str) for v in value)))
        if wrong:
            raise SettingsError(f"配置文件 {path} 中 {key} 的值“{value}”不对，应为{how} / "
                                f"setting {key} has the wrong type")


def parse_severity(items: list[str]) -> dict[str, str]:
    """``CODE=level`` pairs from the command line."""
    out: dict[str, str] = {}
    for item in items:
        code, sep, level = item.partition("=")
        if not sep or level not in SEVERITIES:
            raise SettingsError(f"--severity 应写成 CODE=error|warning|info，而不是“{item}” / "
                                "--severity takes CODE=error|warning|info")
        out[code.strip().upper()] = level
    return out


def build_settings(cwd: Path, *, config: str | None = None, select: list[str] | None = None,
                   ignore: list[str] | None = None, severity: list[str] | None = None,
                   pack: str | None = None, relaxed: bool = False, templates: list[str] | None = None) -> Settings:
    """Config file first, then the command line on top of it."""
    settings = Settings()
    if config and not Path(config).is_file():
        raise SettingsError(f"找不到配置文件 {config}，请检查路径 / config file not found")
    found = (Path(config), _load(Path(config))) if config else find_config(cwd)
    if found is not None:
        path, table = found
        settings.config_path = str(path)
        unknown = set(table) - set(_SETTING_TYPES)
        if unknown:
            from difflib import get_close_matches

            near = {k: get_close_matches(k, list(_SETTING_TYPES), n=1) for k in sorted(unknown)}
            said = "、".join(f"{k}（是否应为 {m[0]}？）" if m else k for k, m in near.items())
            raise SettingsError(f"配置文件 {path} 中有未知设置：{said}；可用的设置：{', '.join(_SETTING_TYPES)}"
                                " / unknown settings")
        _check_types(path, table)
        settings.select = [c.upper() for c in table["select"]] if "select" in table else None
        settings.ignore = [c.upper() for c in table.get("ignore", [])]
        settings.severity = parse_severity([f"{k}={v}" for k, v in table.get("severity", {}).items()])
        settings.pack = table.get("pack", settings.pack)
        settings.relaxed = bool(table.get("relaxed", False))
        settings.templates = [str(path.parent / t) for t in table.get("templates", [])]  # beside the config
    if select:
        settings.select = [c.upper() for c in select]
    if ignore:
        settings.ignore += [c.upper() for c in ignore]
    if severity:
        settings.severity.update(parse_severity(severity))
    if pack:
        settings.pack = pack
    settings.relaxed = settings.relaxed or relaxed
    settings.templates += templates or []
    return settings
