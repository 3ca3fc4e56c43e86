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
                   pack: str | None = None, relaxed: bool = False) -> Settings:
    """Config file first, then the command line on top of it."""
    settings = Settings()
    found = (Path(config), _load(Path(config))) if config else find_config(cwd)
    if config and not Path(config).is_file():
        raise SettingsError(f"找不到配置文件 {config} / config file not found")
    if found is not None:
        path, table = found
        settings.config_path = str(path)
        unknown = set(table) - {"select", "ignore", "severity", "pack", "relaxed"}
        if unknown:
            raise SettingsError(f"配置文件 {path} 中有未知设置：{', '.join(sorted(unknown))} / unknown settings")
        settings.select = [c.upper() for c in table["select"]] if "select" in table else None
        settings.ignore = [c.upper() for c in table.get("ignore", [])]
        settings.severity = parse_severity([f"{k}={v}" for k, v in table.get("severity", {}).items()])
        settings.pack = table.get("pack", settings.pack)
        settings.relaxed = bool(table.get("relaxed", False))
    if select:
        settings.select = [c.upper() for c in select]
    if ignore:
        settings.ignore += [c.upper() for c in ignore]
    if severity:
        settings.severity.update(parse_severity(severity))
    if pack:
        settings.pack = pack
    settings.relaxed = settings.relaxed or relaxed
    return settings
