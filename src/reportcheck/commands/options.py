"""The rule options of the commands that check (``--select`` … ``--config``, ``--template``), turned into
settings and a rule pack. Only the standard library at module level, so ``--help`` stays fast."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from reportcheck.commands.limits import limits_of

if TYPE_CHECKING:
    from reportcheck.archive.store import Archive
    from reportcheck.runtime.supervisor import Limits
    from reportcheck.settings import Settings


def add_rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--select", action="append", default=[], metavar="CODES",
                        help="只运行这些规则（代码或前缀，逗号分隔，如 AR,EL001）")
    parser.add_argument("--ignore", action="append", default=[], metavar="CODES", help="不运行这些规则")
    parser.add_argument("--severity", action="append", default=[], metavar="CODE=LEVEL",
                        help="改变规则的级别，如 CO005=error")
    parser.add_argument("--pack", help="规则包：hunan_competition_2023（默认）、guangdong、hubei，"
                        "或自己编写的规则包文件（.json，可用 extends 继承上述规则包，只写改动的设置）")
    parser.add_argument("--relaxed", action="store_true",
                        help="革命老区、民族地区、困难地区：参赛条件不达标只作警告")
    add_template_option(parser)
    parser.add_argument("--config",
                        help="配置文件（默认查找 reportcheck.toml 或 pyproject.toml 的 [tool.reportcheck]）")


def add_template_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--template", action="append", default=[], metavar="FILE",
                        help="另一份报告模板（.json，如新一年通知的表格，可用 extends 继承随附模板，只写改动），"
                        "报告按模板中的 recognition 识别；可写多次")


def known_templates(files: list[str]) -> None:
    """Add the template files to the forms reports are recognised by; a bad one is a ``ValueError``."""
    from reportcheck.spec import TemplateError, add_template

    for path in files:
        try:
            add_template(path)
        except TemplateError as exc:
            raise ValueError(str(exc)) from None


def add_evidence_option(parser: argparse.ArgumentParser, batch: bool = False) -> None:
    where = ("不给路径：与报告放在一起、按文件名配对的佐证材料（报告.pdf ↔ 报告_佐证材料.pdf，不作为报告检查），"
             "没有时在报告文件本身的后部；给文件夹：佐证材料放在该文件夹，按文件名配对" if batch else
             "不给路径：佐证材料在报告文件本身的后部；给文件：该报告的佐证材料；给文件夹：按文件名配对"
             "（报告.pdf ↔ 报告_佐证材料.pdf）")
    parser.add_argument("--evidence", nargs="?", const="", metavar="DIR" if batch else "FILE|DIR",
                        help="核对佐证材料：打开每行标注的佐证页，看是否存在、是否与该行相关、份数是否够（只读标注的页，"
                             f"图片页用文字识别）。{where}")


def add_archive_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--archive", nargs="?", const="default", metavar="FILE|URL",
                        help="把检查过的报告存入档案库，并与本集群往年的报告核对（同一年的数据前后不一致、增幅与往年数据"
                             "不符、企业和项目往年属于别的集群）。不给路径：用户数据文件夹中的SQLite文件；"
                             "给文件：该SQLite文件；给 postgresql://用户:密码@主机/库名：全省共用的PostgreSQL。"
                             "也可在配置文件中写 archive")


def open_archive_of(args: argparse.Namespace, settings: Settings, inputs: list[str]) -> Archive | None:
    """The archive asked for on the command line or in the config (opened and migrated), or None; one that
    cannot be opened, or is one of the ``inputs``, is a ``ValueError`` with the user's message."""
    wanted = getattr(args, "archive", None) or settings.archive
    if wanted is None:
        return None
    from pathlib import Path

    from reportcheck.archive.location import archive_url
    from reportcheck.archive.store import open_archive
    from reportcheck.output_guard import check_not_an_input

    url = archive_url(wanted)
    if url.get_backend_name() == "sqlite" and url.database:
        check_not_an_input(Path(url.database), inputs, "请用 --archive 指定档案库文件")
    archive = open_archive(url)
    archive.engine.dispose()  # the checking children start without its connections
    return archive


def keep_in_archive(outcomes: list, archive: Archive, settings: Settings, pack: dict) -> bool:
    """Hold the reports against the archive and record them (saying where); False, said, when it cannot."""
    import sys

    from reportcheck.archive.record import archive_outcomes
    from reportcheck.archive.store import ArchiveError
    from reportcheck.commands.common import fail

    try:
        archive_outcomes(outcomes, archive, settings, pack)
    except ArchiveError as exc:
        fail(str(exc))
        return False
    kept = sum(o.report is not None for o in outcomes)
    print(f"已存入档案库：{archive.shown}（{kept}份报告）", file=sys.stderr)
    return True


def rule_settings(args: argparse.Namespace) -> tuple[Settings, dict]:
    """(settings, pack) from the command line and the config file; a bad setting is a ``ValueError``
    carrying the user's message."""
    settings = reading_settings(args)
    return settings, pack_of(settings)


def reading_settings(args: argparse.Namespace) -> Settings:
    """The settings from the command line and the config file, with the template files they name known to
    the reader (all that reading a report needs of them); a bad setting is a ``ValueError``."""
    from pathlib import Path

    from reportcheck.settings import SettingsError, build_settings

    try:
        settings = build_settings(Path.cwd(), config=args.config, select=_codes(args.select),
                                  ignore=_codes(args.ignore), severity=args.severity, pack=args.pack,
                                  relaxed=args.relaxed, templates=args.template)
    except SettingsError as exc:
        raise ValueError(str(exc)) from None
    known_templates(settings.templates)
    return settings


def pack_of(settings: Settings) -> dict:
    """The rule pack the settings name; an unknown or bad one is a ``ValueError`` saying which."""
    from reportcheck.rules import PackError, UnknownPack, available_packs, load_pack

    try:
        return load_pack(settings.pack)
    except PackError as exc:
        raise ValueError(str(exc)) from None
    except UnknownPack as exc:
        packs = "、".join(available_packs())
        raise ValueError(f"没有规则包“{exc.args[0]}”，可用：{packs} / unknown rule pack") from None


def limited_settings(args: argparse.Namespace) -> tuple[Settings, dict, Limits]:
    """Rule settings, pack and the per-file limits from the command line; a bad one is a
    ``ValueError`` with the user's message."""
    limits = limits_of(args)
    return (*rule_settings(args), limits)


def with_rule_settings(args: argparse.Namespace, work: Callable[..., int], limits: bool = False) -> int:
    """``work(args, settings, pack)`` (``…, limits)`` too when asked), or the one line saying which
    setting is wrong (exit 2)."""
    from reportcheck.commands.common import fail

    try:
        found = limited_settings(args) if limits else rule_settings(args)
    except ValueError as exc:
        return fail(str(exc))
    return work(args, *found)


def _codes(values: list[str]) -> list[str]:
    return [c.strip() for v in values for c in v.split(",") if c.strip()]
