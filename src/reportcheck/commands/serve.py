"""``reportcheck serve``: the upload-and-check web page, served by waitress. Only the standard library
at module level, so the CLI's ``--help`` stays fast; Flask and waitress (the ``web`` extra) load inside
:func:`run_command`."""

from __future__ import annotations

import argparse
import errno
import signal
from functools import partial
from typing import TYPE_CHECKING

from reportcheck.commands.common import EXIT_OK, fail
from reportcheck.commands.help import add_command
from reportcheck.commands.limits import add_limit_options
from reportcheck.commands.options import add_rule_options, with_rule_settings

if TYPE_CHECKING:
    from reportcheck.settings import Settings

_said = partial(fail, command="serve")

_WEB_EXTRA = {"flask", "waitress", "werkzeug"}


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = add_command(sub, "serve", "启动网页版自查服务 / serve the upload-and-check web page")
    parser.add_argument("--host", default="127.0.0.1", help="监听地址，默认127.0.0.1（仅本机）；内网共享用0.0.0.0")
    parser.add_argument("--port", type=int, default=8000, help="端口，默认8000")
    parser.add_argument("--max-upload-mb", type=float, default=20.0, help="上传文件大小上限（MB），默认20")
    add_limit_options(parser, timeout=60.0)
    parser.add_argument("--threads", type=int, default=4, help="同时处理的请求数，默认4")
    parser.add_argument("--max-workers", type=int, default=2,
                        help="同时检查的文件数，默认2；服务占用内存合计不超过 该数×--memory-limit")
    parser.add_argument("--max-connections", type=int, default=100,
                        help="同时打开的连接数上限，默认100；超过时新连接收到503“服务器正忙”")
    parser.add_argument("--client-timeout", type=float, default=60.0,
                        help="客户端须在此时间（秒）内发完一个请求，空闲连接也在此时间后关闭，默认60")
    add_rule_options(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    return with_rule_settings(args, _serve)


def _serve(args: argparse.Namespace, settings: Settings, pack: dict) -> int:
    """Serve until Ctrl-C or SIGTERM (exit 0); 2 when the options are wrong, the port cannot be bound
    or the ``web`` extra is missing."""
    if min(args.max_upload_mb, args.timeout, args.memory_limit, args.client_timeout) <= 0 \
            or min(args.threads, args.max_workers, args.max_connections) < 1 or not 0 <= args.port <= 65535:
        return _said("--max-upload-mb、--timeout、--memory-limit 和 --client-timeout 应为正数，"
                     "--threads、--max-workers 和 --max-connections 应为正整数，--port 应在0到65535之间"
                     " / --max-upload-mb, --timeout, --memory-limit and --client-timeout must be positive,"
                     " --threads, --max-workers and --max-connections at least 1, --port 0–65535")
    try:
        from reportcheck.web import job, workspace
        from reportcheck.web.app import WebConfig
        from reportcheck.web.server import Bounds, address, make_server
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] not in _WEB_EXTRA:
            raise
        return _said("网页服务需要 Flask 和 waitress，请先安装：pip install 'reportcheck[web]'"
                     " / the web extra is not installed")
    config = WebConfig(pack=pack, settings=settings, max_upload_mb=args.max_upload_mb, timeout=args.timeout,
                       memory_mb=args.memory_limit, max_workers=args.max_workers)
    try:
        server = make_server(config, args.host, args.port, args.threads,
                             Bounds(max_connections=args.max_connections, client_timeout=args.client_timeout))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return _said(f"端口{args.port}已被占用，请用 --port 换一个端口 / port {args.port} is already in use")
        return _said(f"无法在 {args.host}:{args.port} 上监听（{exc.strerror or exc}），请检查 --host 和 --port"
                     " / cannot listen there")
    except ValueError:  # waitress: a host name that does not resolve
        return _said(f"监听地址“{args.host}”无效，请用本机的IP地址，如 127.0.0.1（仅本机）或 0.0.0.0（所有网卡）"
                     " / invalid --host")
    from reportcheck.runtime.ocr_threads import share_cores

    share_cores(args.max_workers)  # each check's OCR uses its share of the cores
    job.preload()
    print(f"reportcheck 网页服务已启动：{address(server)} （按 Ctrl-C 停止）", flush=True)
    print(f"同时检查至多{args.max_workers}个文件，每个内存不超过{args.memory_limit:g}MB"
          f"（合计不超过{args.max_workers * args.memory_limit:g}MB）、时限{args.timeout:g}秒；"
          f"连接至多{args.max_connections}个，客户端须在{args.client_timeout:g}秒内发完请求", flush=True)

    def stop(signum: int, frame: object) -> None:
        job.stop_all()  # the requests waiting on them answer at once, so waitress stops at once
        raise KeyboardInterrupt

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.run()  # until Ctrl-C or SIGTERM (waitress takes the KeyboardInterrupt)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        server.close()
        workspace.remove_all()
    print("reportcheck 网页服务已停止", flush=True)
    return EXIT_OK

