"""The waitress server around the application."""

from __future__ import annotations

from waitress.server import BaseWSGIServer, MultiSocketServer, create_server

from reportcheck.web.app import WebConfig, create_app


def make_server(config: WebConfig, host: str, port: int, threads: int) -> BaseWSGIServer | MultiSocketServer:
    """Bind ``host:port`` (an ``OSError`` when it cannot). The application refuses an upload over the
    limit with its own page; waitress cuts off, with a bare 413, a body so large that reading it to
    answer politely would be the harm (twice the limit and 1 MB more)."""
    return create_server(create_app(config), host=host, port=port, threads=threads,
                         max_request_body_size=2 * config.max_upload_bytes + 1024 * 1024,
                         ident="reportcheck", clear_untrusted_proxy_headers=True)


def address(server: BaseWSGIServer | MultiSocketServer) -> str:
    """The server's URL (the first address it listens on)."""
    if isinstance(server, MultiSocketServer):
        host, port = server.effective_listen[0]
    else:
        host, port = server.effective_host, server.effective_port
    return f"http://[{host}]:{port}/" if ":" in str(host) else f"http://{host}:{port}/"
