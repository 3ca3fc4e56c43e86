"""Which rules run and how severe they are: from a config file and the command line.

Config is read from ``reportcheck.toml`` (top-level keys) or ``[tool.reportcheck]`` in
``pyproject.toml``, in the current directory or the nearest parent that has one::

    select = ["AR", "EL001"]      # codes or code prefixes; default: every rule of the pack
    ignore = ["EL008"]
    pack = "hunan_competition_2023"
    relaxed = false               # 革命老区、民族地区、困难地区: thresholds become warnings
    archive = "default"           # keep every report checked (a file path, a postgresql:// URL, or "default")
    [severity]
    CO005 = "error"
"""

from __future__ import annotations

import dataclasses
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
    archive: str | None = None  # where checked reports are kept (--archive); None: not kept
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


def _example(text: str) -> dict[str, str]:
    return {"example": text}


@dataclass(frozen=True)
class _ConfigFile:
    """What the config file may set, checked as packs and templates are (:func:`reportcheck.typed.from_data`):
    a misspelt or mistyped setting is one line naming it, the nearest valid one, and an example."""

    select: list[str] | None = field(default=None, metadata=_example('select = ["AR", "EL001"]'))
    ignore: list[str] = field(default_factory=list, metadata=_example('ignore = ["CO005"]'))
    severity: dict[str, str] = field(default_factory=dict, metadata=_example('[severity] CO005 = "error"'))
    pack: str | None = field(default=None, metadata=_example('pack = "hubei"'))
    relaxed: bool = field(default=False, metadata=_example("relaxed = true"))
    templates: list[str] = field(default_factory=list, metadata=_example('templates = ["2025初赛.json"]'))
    archive: str | None = field(default=None, metadata=_example('archive = "default"'))


def _config(path: Path, table: dict) -> _ConfigFile:
    from reportcheck.typed import DataError, from_data

    try:
        return from_data(_ConfigFile, table, forbid_extra=True)
    except DataError as exc:
        key = exc.path.removeprefix("$.").split(".")[0].split("[")[0]
        fields = {f.name: f for f in dataclasses.fields(_ConfigFile)}
        example = f"，例如 {fields[key].metadata['example']}" if key in fields else ""
        raise SettingsError(f"配置文件 {path} 中{exc.said()}{example} / config {path}: {exc}") from None


def _beside(config: Path, archive: str | None) -> str | None:
    """An archive file named in the config is relative to the config file (a URL or "default" as it is)."""
    if archive is None or "://" in archive or archive == "default":
        return archive
    return str(config.parent / Path(archive).expanduser())


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
        written = _config(path, table)
        settings.select = [c.upper() for c in written.select] if written.select is not None else None
        settings.ignore = [c.upper() for c in written.ignore]
        settings.severity = parse_severity([f"{k}={v}" for k, v in written.severity.items()])
        settings.pack = written.pack or settings.pack
        settings.relaxed = written.relaxed
        settings.templates = [str(path.parent / t) for t in written.templates]  # beside the config
        settings.archive = _beside(path, written.archive)
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
