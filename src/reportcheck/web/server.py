"""The waitress server around the application, guarded as an intranet service must be.

* **Connections are bounded** (``--max-connections``): past the bound a new connection is answered at
  once with 503 and a page saying the server is busy, and closed — waitress itself would stop accepting
  and leave the newcomer hanging until someone else leaves.
* **Slow clients are cut off** (``--client-timeout``): a request that has not arrived whole within that
  time (headers dribbled byte by byte, an upload that stalls) is dropped, as is a connection idle that
  long; a request being checked is never touched.
* **Every refusal waitress makes** (a body over the cut-off, malformed headers) is the application's own
  refusal: the upload page with the message, or ``{"error": …}`` under ``/api/``, in Chinese.
"""

from __future__ import annotations

import http
import time
from dataclasses import dataclass

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, MultiSocketServer, TcpWSGIServer
from waitress.task import ErrorTask, ThreadedTaskDispatcher
from waitress.utilities import RequestEntityTooLarge

from reportcheck.web.app import HEADERS, WebConfig, bad_request, create_app, refusal, too_large
from reportcheck.web.errors import WebError

_SWEEP_SECONDS = 2  # how often connections are looked at for slow or idle clients


@dataclass(frozen=True)
class Bounds:
    """How many connections at once, and how long a client may take to send a request."""

    max_connections: int = 100
    client_timeout: float = 60.0


def make_server(config: WebConfig, host: str, port: int, threads: int,
                bounds: Bounds = Bounds()) -> BaseWSGIServer | MultiSocketServer:
    """Bind ``host:port`` (an ``OSError`` when it cannot; a ``ValueError`` for a host that does not
    resolve). The application refuses an upload over the limit with its own page; a body so large that
    reading it to answer would be the harm (twice the limit and 1 MB more) is refused here, unread."""
    adj = Adjustments(host=host, port=port, threads=threads, ident="reportcheck", clear_untrusted_proxy_headers=True,
                      max_request_body_size=2 * config.max_upload_bytes + 1024 * 1024,
                      connection_limit=bounds.max_connections, channel_timeout=max(1, int(bounds.client_timeout)),
                      cleanup_interval=_SWEEP_SECONDS, asyncore_use_poll=True)
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(threads)
    application, sockets = create_app(config), {}
    servers = [_GuardedServer(application, sockets, dispatcher=dispatcher, adj=adj, sockinfo=info,
                              config=config, bounds=bounds) for info in adj.listen]
    if len(servers) == 1:
        return servers[0]
    return MultiSocketServer(sockets, adj, [(s.effective_host, s.effective_port) for s in servers], dispatcher,
                             servers[-1].log_info)


def address(server: BaseWSGIServer | MultiSocketServer) -> str:
    """The server's URL (the first address it listens on)."""
    if isinstance(server, MultiSocketServer):
        host, port = server.effective_listen[0]
    else:
        host, port = server.effective_host, server.effective_port
    return f"http://[{host}]:{port}/" if ":" in str(host) else f"http://{host}:{port}/"


def _response(error: WebError, content_type: str, body: bytes) -> bytes:
    """A whole HTTP/1.1 response that closes the connection."""
    head = [f"HTTP/1.1 {error.status} {http.HTTPStatus(error.status).phrase}", f"Content-Type: {content_type}",
            f"Content-Length: {len(body)}", "Connection: close", "Server: reportcheck",
            *(f"{k}: {v}" for k, v in HEADERS.items())]
    if error.status == 503:
        head.append("Retry-After: 30")
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


class _Refusal(ErrorTask):
    """waitress's own refusals (a body over the cut-off, malformed headers) as the application's."""

    def execute(self) -> None:
        server: _GuardedServer = self.channel.server
        config, request = server.config, self.request
        error = (too_large(config) if isinstance(request.error, RequestEntityTooLarge)
                 else bad_request(request.error.code, request.error.reason))
        content_type, body = refusal(error, config, request.path or "/", request.command or "GET")
        self.status = f"{error.status} {http.HTTPStatus(error.status).phrase}"
        self.response_headers.extend([("Content-Type", content_type), *HEADERS.items()])
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class _GuardedChannel(HTTPChannel):
    """A connection that notes when its request began to arrive."""

    error_task_class = _Refusal
    request_started = 0.0

    def received(self, data: bytes) -> bool:
        if self.request is None and data:
            self.request_started = time.time()
        return super().received(data)


class _GuardedServer(TcpWSGIServer):
    """One listening socket: accepts past the bound to say 503, and sweeps out slow clients."""

    channel_class = _GuardedChannel

    def __init__(self, *args: object, config: WebConfig, bounds: Bounds, **kw: object) -> None:
        self.config, self.bounds = config, bounds
        super().__init__(*args, **kw)

    def readable(self) -> bool:
        now = time.time()
        if now >= self.next_channel_cleanup:
            self.next_channel_cleanup = now + self.adj.cleanup_interval
            self.maintenance(now)
        return self.accepting  # past the bound too: the newcomer is told, not left waiting

    def handle_accept(self) -> None:
        if self._connections() < self.bounds.max_connections:
            super().handle_accept()
            return
        try:
            accepted = self.accept()
        except OSError:
            return
        if accepted is None:
            return
        conn = accepted[0]
        error = WebError(503, "too_many_connections",
                         f"服务器正忙：同时连接数已达上限（{self.bounds.max_connections}个），请稍后重试",
                         f"the server is busy: {self.bounds.max_connections} connections are open; try again later")
        content_type, body = refusal(error, self.config, "/", "GET")  # the request is not read: the page
        try:
            conn.setblocking(False)
            conn.send(_response(error, content_type, body))  # a few KB: the socket's buffer takes it whole
        except OSError:
            pass
        finally:
            conn.close()

    def _connections(self) -> int:
        """Open client connections on every address this server listens on (they share one map)."""
        return sum(isinstance(d, HTTPChannel) for d in self._map.values())

    def maintenance(self, now: float) -> None:
        """Close connections idle for the client timeout (waitress) and those whose request has taken
        longer than that to arrive (a slow client)."""
        super().maintenance(now)
        cutoff = now - self.bounds.client_timeout
        for channel in list(self.active_channels.values()):
            if channel.request is not None and getattr(channel, "request_started", now) < cutoff:
                channel.will_close = True
