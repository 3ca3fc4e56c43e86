"""The Flask application: the upload page, the form's result page and the JSON API.

``/`` the upload page; ``POST /check`` the form (the HTML report, with the annotated .docx and the JSON
as downloads); ``POST /api/check`` the outcome as JSON; ``POST /api/annotate`` the annotated .docx;
``GET /api/rules`` the catalogue. A refusal is the upload page with the message (the form) or
``{"error": {...}}`` (the API), with its HTTP status.
"""

from __future__ import annotations

import io
import json
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from flask import Flask, Response, g, redirect, request, send_file
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from reportcheck.errors import UnreadableInput
from reportcheck.outcome import FileOutcome
from reportcheck.runtime.supervisor import Limits
from reportcheck.settings import Settings
from reportcheck.web import job, page
from reportcheck.web.errors import WebError
from reportcheck.web.names import display_name, download_stem
from reportcheck.web.workspace import private_folder

# The suffix an upload is saved under, by what sniff says it is.
_SUFFIX = {"docx": ".docx", "xlsx": ".xlsx", "odt": ".odt", "rtf": ".rtf", "pdf": ".pdf", "cfb": ".doc"}
# Nothing loads from elsewhere and nothing is sent elsewhere; inline styles, and inline scripts for the
# report's own (it opens its sections for printing).
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                               "img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class WebConfig:
    pack: dict
    settings: Settings
    max_upload_mb: float = 20.0
    timeout: float = 60.0
    memory_mb: float = 2048.0
    max_workers: int = 2  # checks running at once: the server's memory is at most max_workers × memory_mb

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def limits(self) -> page.Limits:
        return page.Limits(self.max_upload_mb, self.timeout)


def create_app(config: WebConfig) -> Flask:
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = config.max_upload_bytes
    workers = threading.BoundedSemaphore(config.max_workers)

    def check(annotate: bool, render: job.Render | None = None) -> job.Result:
        storage = _upload()
        name = display_name(storage.filename)
        with private_folder() as folder:
            upload = _save(storage, folder, name)
            if not workers.acquire(timeout=config.timeout):  # as long as one check may take
                raise busy(config)
            try:
                result = job.run(job.Job(upload, name, annotate, render), folder, config.pack, config.settings,
                                 Limits(config.timeout, config.memory_mb))
            finally:
                workers.release()
            g.outcome = result.parsed()["status"]
            return result

    @app.get("/")
    def index() -> Response:
        return _html(page.upload_page(config.limits))

    @app.post("/check")
    def form_check() -> Response:
        result = check(annotate=True, render=partial(_result_page, config.limits, config.settings.pack))
        error = result.parsed().get("error")
        if error is not None:  # one way to fail: the upload page with the message, as every refusal
            raise WebError(422, error["reason"], error["message"], error["message_en"])
        return _html(result.page or "")

    @app.get("/check")
    def form_again() -> Response:  # a bookmark or a reload after the result: back to the form
        return redirect("./", code=303)

    @app.post("/api/check")
    def api_check() -> Response:
        return Response(check(annotate=False).outcome, mimetype="application/json")

    @app.post("/api/annotate")
    def api_annotate() -> Response:
        result = check(annotate=True)
        if result.docx is None:
            raise _no_docx(result.parsed())
        stem = download_stem(result.parsed()["path"])
        return send_file(io.BytesIO(result.docx), mimetype=page.DOCX_TYPE, as_attachment=True,
                         download_name=f"{stem}.checked.docx")  # an ASCII name and the UTF-8 one

    @app.get("/api/rules")
    def api_rules() -> Response:
        from reportcheck.render.rules import rules_table

        return Response(rules_table("json"), mimetype="application/json")

    @app.errorhandler(WebError)
    def refused(error: WebError) -> Response:
        g.refused = error.reason
        return _refusal(error, config)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        web = _web_error(error, config)
        g.refused = web.reason
        return _refusal(web, config)

    @app.before_request
    def started() -> None:
        g.started = time.monotonic()

    @app.after_request
    def headers(response: Response) -> Response:
        for key, value in HEADERS.items():
            response.headers.setdefault(key, value)
        _log(response)
        return response

    return app


def _upload() -> FileStorage:
    storage = request.files.get("file")
    if storage is None and not request.files and not request.form and (request.content_length or 0) > 1024:
        # a multipart body with nothing in it that could be parsed: its end never came
        raise WebError(400, "truncated_upload", "上传的内容不完整（文件数据没有收完整，可能是网络中断），请重新上传",
                       "the upload is incomplete (the multipart body ends before its closing boundary); send it again")
    if storage is None or not storage.filename:
        raise WebError(400, "no_file", "没有收到文件，请先选择要检查的报告文件",
                       "no file received: send the report in the multipart field 'file'")
    return storage


def _log(response: Response) -> None:
    """One line per request on standard error: when, what was asked, the upload's size and type (by
    content), the answer and how long it took — never the file's name or content."""
    seconds = time.monotonic() - g.get("started", time.monotonic())
    size = f"{request.content_length}字节" if request.content_length else "-"
    outcome = g.get("outcome") or g.get("refused") or "-"  # ok / issues / unreadable, or why refused
    print(f"{datetime.now():%Y-%m-%d %H:%M:%S} {request.method} {request.path} {response.status_code} "
          f"{size} {g.get('kind', '-')} {outcome} {seconds:.1f}秒", file=sys.stderr, flush=True)


def _save(storage: FileStorage, folder: Path, name: str) -> Path:
    """Save the upload in ``folder`` under a name of our own, its suffix from its content."""
    from reportcheck.readers.sniff import sniff

    raw = folder / "upload"
    storage.save(raw)
    try:
        kind = sniff(raw)
    except UnreadableInput as exc:
        raise _not_a_report(exc, name) from None
    g.kind = kind
    return raw.rename(raw.with_suffix(_SUFFIX[kind]))


def _not_a_report(exc: UnreadableInput, name: str) -> WebError:
    if exc.reason == "empty":
        return WebError(400, "empty", f"“{name}”是空文件（0字节），请重新导出报告后再上传",
                        "the file is empty; export the report again")
    if exc.reason == "encrypted":
        return WebError(422, "encrypted", f"“{name}”设有打开密码，请去除密码后另存为.docx再上传",
                        "the file is password-protected; remove the password and save it again")
    if exc.reason in ("old_word", "corrupt"):  # named by its first bytes: said as such
        return WebError(415 if exc.reason == "old_word" else 422, exc.reason, exc.zh, exc.en)
    return WebError(415, "unsupported_type",
                    f"“{name}”不是Word（.docx、.doc、.wps）、PDF或Excel数据表（.xlsx）文件"
                    "（按文件内容判断，与扩展名无关），请另存为.docx后再上传",
                    "not a Word, PDF or Excel file (told by its content, not its name); save it as .docx")


def _no_docx(outcome: dict) -> WebError:
    error = outcome.get("error")
    if error is not None:
        return WebError(422, error["reason"], error["message"], error["message_en"])
    return WebError(422, "no_docx", "此文件无法写入批注（PDF或数据表），请上传Word版本，或用 /api/check 获取检查结果",
                    "comments can only be written into a Word report; use /api/check for a PDF or data sheet")


def too_large(config: WebConfig) -> WebError:
    return WebError(413, "too_large",
                    f"文件超过大小上限（{config.max_upload_mb:g} MB），未检查。可删去报告中的大图片或扫描件后再上传",
                    f"the upload is larger than the limit of {config.max_upload_mb:g} MB")


def busy(config: WebConfig) -> WebError:
    return WebError(503, "busy",
                    f"服务器正忙：同时检查的文件已达上限（{config.max_workers}个），请稍后重新上传",
                    f"the server is busy: {config.max_workers} checks are running; try again later")


def bad_request(status: int, name: str) -> WebError:
    return WebError(status, "bad_request", "请求无法处理，请从首页重新上传文件", f"bad request ({name})")


def _web_error(error: HTTPException, config: WebConfig) -> WebError:
    if isinstance(error, RequestEntityTooLarge):
        return too_large(config)
    status = error.code or 500
    if status == 404:
        return WebError(404, "not_found", "没有这个页面，请从首页上传文件", "no such page")
    if status == 405:
        return WebError(405, "method_not_allowed", "不支持此请求方式，请用首页的表单上传文件",
                        "method not allowed here")
    if status >= 500:
        return WebError(status, "internal_error", "服务器内部错误，请稍后重试或联系管理员", "internal server error")
    return bad_request(status, error.name)


def refusal(error: WebError, config: WebConfig, path: str, method: str) -> tuple[str, bytes]:
    """(content type, body) of a refusal in the format of what was asked: ``{"error": …}`` for the API,
    the upload page with the message for the page."""
    if path.startswith("/api/"):
        return "application/json", json.dumps(error.as_json(), ensure_ascii=False).encode()
    title = "未能检查" if method == "POST" else "无法处理此请求"
    return "text/html; charset=utf-8", page.upload_page(config.limits, (title, error.zh)).encode()


def _refusal(error: WebError, config: WebConfig) -> Response:
    content_type, body = refusal(error, config, request.path, request.method)
    return Response(body, status=error.status, content_type=content_type)


def _html(text: str, status: int = 200) -> Response:
    return Response(text, status=status, mimetype="text/html")


def _result_page(limits: page.Limits, pack: str, outcome: FileOutcome, data: bytes, docx: bytes | None) -> str:
    """The HTML result of an upload, made in its child (a module's function: a spawned child unpickles it)."""
    from reportcheck.render.html import render_report
    from reportcheck.render.titles import section_titles

    banner = page.result_banner(limits, outcome.path, download_stem(outcome.path), data, docx)
    return render_report([outcome], section_titles(), banner=banner, pack=pack)
