"""``reportcheck serve``: the upload page and the JSON API, through Flask's test client and a real waitress
server. Every request's private folder goes under a temporary root of the test's own (``tempfile.tempdir``),
so each test can see that nothing is left behind."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

pytest.importorskip("flask", reason="the web extra is not installed: pip install -e '.[web]'")
pytest.importorskip("waitress", reason="the web extra is not installed: pip install -e '.[web]'")

from docx import Document
from flask.testing import FlaskClient

from conftest import ROOT, SAMPLES
from reportcheck.outcome import check_file
from reportcheck.render.rules import rules_table
from reportcheck.rules import load_pack
from reportcheck.settings import Settings
from reportcheck.web.app import WebConfig, create_app
from reportcheck.web.server import Bounds, address, make_server

SAMPLE = SAMPLES / "prelim_advanced_split_defects.docx"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def private_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the requests' private folders go in this test."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def leftovers(root: Path) -> list[Path]:
    """The private folders still there."""
    return sorted(root.glob("reportcheck-web-*"))


def config(**limits: float) -> WebConfig:
    return WebConfig(pack=load_pack("hunan_competition_2023"), settings=Settings(), **limits)


def client(**limits: float) -> FlaskClient:
    return create_app(config(**limits)).test_client()


def upload(app: FlaskClient, url: str, content: bytes, name: str):
    return app.post(url, data={"file": (io.BytesIO(content), name)}, content_type="multipart/form-data")


def expected_issues(path: Path) -> list[dict]:
    return check_file(str(path), load_pack("hunan_competition_2023"), Settings()).as_json()["issues"]


def test_api_check_gives_the_findings_of_check_under_the_uploaded_name(private_root: Path) -> None:
    response = upload(client(), "/api/check", SAMPLE.read_bytes(), SAMPLE.name)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["path"] == SAMPLE.name
    assert body["status"] == "issues"
    assert body["issues"] == expected_issues(SAMPLE)
    assert str(private_root) not in response.get_data(as_text=True)
    assert leftovers(private_root) == []


def test_api_rules_is_the_catalogue() -> None:
    response = client().get("/api/rules")
    assert response.status_code == 200
    assert response.get_json() == json.loads(rules_table("json"))


def test_an_upload_over_the_limit_is_refused_with_413(private_root: Path) -> None:
    app = client(max_upload_mb=0.01)
    api = upload(app, "/api/check", SAMPLE.read_bytes(), SAMPLE.name)
    assert api.status_code == 413
    error = api.get_json()["error"]
    assert error["reason"] == "too_large"
    assert "大小上限（0.01 MB）" in error["message"]
    form = upload(app, "/check", SAMPLE.read_bytes(), SAMPLE.name)
    assert form.status_code == 413
    assert form.mimetype == "text/html"
    assert "大小上限（0.01 MB）" in form.get_data(as_text=True)
    assert leftovers(private_root) == []


@pytest.mark.parametrize(("content", "name"), [(PNG, "图片.png"), ("集群报告".encode(), "伪装的报告.docx")],
                         ids=["png", "text-named-docx"])
def test_a_file_that_is_not_a_report_is_refused_with_415(content: bytes, name: str, private_root: Path) -> None:
    app = client()
    api = upload(app, "/api/check", content, name)
    assert api.status_code == 415
    error = api.get_json()["error"]
    assert error["reason"] == "unsupported_type"
    assert name in error["message"] and "按文件内容判断" in error["message"]
    form = upload(app, "/check", content, name)
    assert form.status_code == 415
    assert "按文件内容判断" in form.get_data(as_text=True)
    assert leftovers(private_root) == []


def test_a_request_without_the_file_field_is_400() -> None:
    response = client().post("/api/check", data={"other": "x"}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert response.get_json()["error"]["reason"] == "no_file"


def test_a_check_that_fails_leaves_no_folder(private_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("planted failure")

    monkeypatch.setattr("reportcheck.outcome.check_file", broken)
    response = upload(client(), "/api/check", SAMPLE.read_bytes(), SAMPLE.name)
    assert response.status_code == 500
    assert response.get_json()["error"]["reason"] == "worker_died"
    assert leftovers(private_root) == []


def test_a_check_over_the_time_limit_is_stopped_and_leaves_no_folder(
        private_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reportcheck.outcome.check_file", lambda *args, **kwargs: signal.pause())
    response = upload(client(timeout=0.5), "/api/check", SAMPLE.read_bytes(), SAMPLE.name)
    assert response.status_code == 504
    error = response.get_json()["error"]
    assert error["reason"] == "timeout"
    assert "检查超过0.5秒" in error["message"]
    assert leftovers(private_root) == []


def test_a_name_with_a_path_is_only_displayed(private_root: Path) -> None:
    name = f"../../etc/{uuid.uuid4().hex}.docx"
    response = upload(client(), "/api/check", SAMPLE.read_bytes(), name)
    assert response.status_code == 200
    assert response.get_json()["path"] == Path(name).name
    assert not (private_root.parent / "etc").exists()
    assert not (Path("/etc") / Path(name).name).exists()
    assert leftovers(private_root) == []


@contextmanager
def serving(web: WebConfig, bounds: Bounds | None = None) -> Iterator[str]:
    """A real waitress server on a free port, in a thread; its URL."""
    server = make_server(web, "127.0.0.1", 0, threads=4, bounds=bounds or Bounds())
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield address(server)
    finally:
        server.close()
        server.task_dispatcher.shutdown()
        thread.join(timeout=10)


def post_file(url: str, path: Path) -> dict:
    """POST ``path`` as the multipart field ``file``; the JSON answer."""
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + path.read_bytes() + \
        f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def test_concurrent_uploads_each_get_their_own_result(private_root: Path) -> None:
    samples = [SAMPLE, SAMPLES / "prelim_sme_merged_defects.docx", SAMPLES / "final_advanced_split_defects.docx"]
    with serving(config()) as url, ThreadPoolExecutor(len(samples)) as pool:
        answers = list(pool.map(lambda p: post_file(url + "api/check", p), samples))
    for path, answer in zip(samples, answers, strict=True):
        assert answer["path"] == path.name
        assert answer["issues"] == expected_issues(path)
    assert leftovers(private_root) == []


def _host_port(url: str) -> tuple[str, int]:
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    return host, int(port)


def _answer(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    return connection.makefile("rb").read()


@pytest.mark.parametrize(("path", "kind"), [("/api/check", b"application/json"), ("/check", b"text/html")])
def test_a_body_far_over_the_limit_is_refused_unread_in_the_pages_own_format(path: str, kind: bytes) -> None:
    """A request announcing 3 MB against a 0.05 MB limit is answered before its body is read — with the
    service's own refusal (JSON for the API, the upload page for the form), not waitress's English text."""
    with serving(config(max_upload_mb=0.05)) as url, \
            socket.create_connection(_host_port(url), timeout=30) as connection:
        connection.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
                           "boundary=b\r\nContent-Length: 3145728\r\n\r\n".encode())
        answer = _answer(connection)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413 ") and b"Content-Type: " + kind in head
    assert b"generated by" not in body
    assert "文件超过大小上限（0.05 MB）" in body.decode("utf-8")
    if kind == b"application/json":
        assert json.loads(body)["error"]["reason"] == "too_large"


def test_past_the_connection_bound_a_newcomer_is_told_503_at_once_and_served_after() -> None:
    """Three idle connections fill a bound of three: the fourth gets a 503 page in Chinese at once (waitress
    alone would leave it hanging); once one closes, a request is served again."""
    with serving(config(), Bounds(max_connections=3, client_timeout=60)) as url:
        idle = [socket.create_connection(_host_port(url), timeout=30) for _ in range(3)]
        time.sleep(0.5)  # the server has accepted them
        with socket.create_connection(_host_port(url), timeout=10) as newcomer:
            answer = _answer(newcomer)
        assert answer.startswith(b"HTTP/1.1 503 ") and b"Retry-After: 30" in answer
        assert "同时连接数已达上限（3个）" in answer.decode("utf-8")
        idle.pop().close()
        time.sleep(0.5)
        with urllib.request.urlopen(url + "api/rules", timeout=10) as response:
            assert response.status == 200
        for connection in idle:
            connection.close()


def test_a_client_that_dribbles_its_request_is_cut_off_and_an_idle_one_closed() -> None:
    """A request arriving a byte at a time (slowloris) is dropped once it has taken the client timeout,
    although the connection is never idle; an idle connection goes too. A prompt request is answered."""
    with serving(config(), Bounds(max_connections=10, client_timeout=1)) as url:
        idle = socket.create_connection(_host_port(url), timeout=30)
        slow = socket.create_connection(_host_port(url), timeout=30)
        started, cut = time.monotonic(), False
        try:
            for byte in b"GET /api/rules HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * 200:
                slow.sendall(bytes([byte]))
                time.sleep(0.1)
                if time.monotonic() - started > 10:
                    break
        except OSError:  # reset by the server
            cut = True
        if not cut:
            slow.settimeout(10)
            cut = _answer(slow) == b""
        assert cut and time.monotonic() - started < 10
        idle.settimeout(10)
        assert _answer(idle) == b""  # closed by the server, with nothing sent
        with urllib.request.urlopen(url + "api/rules", timeout=10) as response:
            assert response.status == 200
        slow.close()
        idle.close()


def test_checks_past_the_worker_budget_wait_then_are_told_the_server_is_busy(private_root: Path,
                                                                              monkeypatch) -> None:
    """--max-workers 1: while one check runs, a second upload waits for it as long as a check may take
    (--timeout), then gets 503 saying so; the first is answered."""
    from reportcheck.web import job

    def slow_run(*args, **kwargs):
        time.sleep(3)
        return job.Result(outcome=b'{"path": "x", "status": "ok", "issues": []}', docx=None, page=None)

    monkeypatch.setattr(job, "run", slow_run)
    app = create_app(config(max_workers=1, timeout=1))
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(lambda: upload(app.test_client(), "/api/check", SAMPLE.read_bytes(), SAMPLE.name))
        time.sleep(0.5)
        second = pool.submit(lambda: upload(app.test_client(), "/api/check", SAMPLE.read_bytes(), SAMPLE.name))
        answers = first.result(), second.result()
    assert answers[0].status_code == 200
    assert answers[1].status_code == 503 and answers[1].get_json()["error"]["reason"] == "busy"
    assert "同时检查的文件已达上限（1个）" in answers[1].get_json()["error"]["message"]
    assert leftovers(private_root) == []


def serve(*args: str) -> subprocess.Popen:
    """``reportcheck serve`` in a process of its own, with the test's temporary root."""
    return subprocess.Popen([sys.executable, "-m", "reportcheck", "serve", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": tempfile.gettempdir()})


def test_serve_binds_localhost_by_default_and_stops_on_sigterm(private_root: Path) -> None:
    server = serve("--port", "0")
    try:
        line = server.stdout.readline()
        assert line.startswith("reportcheck 网页服务已启动：http://127.0.0.1:")
        assert "按 Ctrl-C 停止" in line
        url = line.split("：", 1)[1].split()[0]
        assert post_file(url + "api/check", SAMPLE)["issues"] == expected_issues(SAMPLE)
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=30)
    finally:
        server.kill()
    assert server.returncode == 0, err
    assert "Traceback" not in err
    assert leftovers(private_root) == []


def test_serve_on_a_port_in_use_says_so(private_root: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = serve("--port", str(port))
        _, err = server.communicate(timeout=60)
    assert server.returncode == 2
    assert f"端口{port}已被占用" in err
    assert "Traceback" not in err


def test_serve_without_the_web_extra_says_how_to_install_it(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from reportcheck.cli import main

    for name in ("flask", "waitress"):
        monkeypatch.setitem(sys.modules, name, None)
    for name in ("reportcheck.web.app", "reportcheck.web.server"):  # imported afresh, so they look for those
        monkeypatch.delitem(sys.modules, name, raising=False)
    assert main(["serve", "--port", "0"]) == 2
    assert "pip install 'reportcheck[web]'" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "message"), [
    (["--timeout", "0"], "--memory-limit 和 --client-timeout 应为正数"),
    (["--max-workers", "0"], "--max-workers 和 --max-connections 应为正整数"),
    (["--host", "no.such.host.invalid"], "监听地址“no.such.host.invalid”无效"),
], ids=["timeout", "workers", "host"])
def test_serve_refuses_bad_options_in_one_line(args: list[str], message: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from reportcheck.cli import main

    assert main(["serve", *args]) == 2
    assert message in capsys.readouterr().err


def test_the_form_answers_with_the_report_and_both_downloads_inline(private_root: Path) -> None:
    response = upload(client(), "/check", SAMPLE.read_bytes(), "集群报告 初稿.docx")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for issue in expected_issues(SAMPLE):
        assert issue["code"] in page
    docx = re.search(r'href="data:[^;"]+;base64,([^"]+)" download="集群报告 初稿\.checked\.docx"', page)
    data = re.search(r'href="data:application/json;base64,([^"]+)" download="集群报告 初稿\.json"', page)
    assert docx and data
    assert Document(io.BytesIO(base64.b64decode(docx.group(1)))).comments
    assert json.loads(base64.b64decode(data.group(1)))["issues"] == expected_issues(SAMPLE)
    assert leftovers(private_root) == []


def test_api_annotate_answers_the_commented_docx_as_an_attachment(private_root: Path) -> None:
    response = upload(client(), "/api/annotate", SAMPLE.read_bytes(), "报告.docx")
    assert response.status_code == 200
    assert "filename*=UTF-8''%E6%8A%A5%E5%91%8A.checked.docx" in response.headers["Content-Disposition"]
    assert Document(io.BytesIO(response.data)).comments
    pdf = SAMPLES / "pdf" / "final_advanced_merged_clean.pdf"
    refused = upload(client(), "/api/annotate", pdf.read_bytes(), pdf.name)
    assert refused.status_code == 422
    assert refused.get_json()["error"]["reason"] == "no_docx"
    assert leftovers(private_root) == []


def test_a_confined_child_does_not_keep_the_servers_stop_handler(tmp_path: Path) -> None:
    """The server's SIGTERM handler kills every child it knows of; a child must not run it on itself."""
    import multiprocessing

    from reportcheck.runtime.supervisor import confine

    def child() -> None:
        confine(tmp_path / "tmp")
        os._exit(0 if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL else 1)

    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        process = multiprocessing.get_context("fork").Process(target=child)
        process.start()
        process.join(timeout=60)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert process.exitcode == 0


def _multipart(field: str, name: str, content: bytes, closed: bool) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode() + content
    return body + (f"\r\n--{boundary}--\r\n".encode() if closed else b""), f"multipart/form-data; boundary={boundary}"


def test_an_upload_cut_off_before_its_end_is_said_to_be_incomplete(private_root: Path) -> None:
    """Half of a report and no closing boundary: the upload is incomplete — not "no file", and not a
    broken report; a whole upload under another field name is "no file"."""
    half = SAMPLE.read_bytes()[: SAMPLE.stat().st_size // 2]
    body, kind = _multipart("file", SAMPLE.name, half, closed=False)
    response = client().post("/api/check", data=body, content_type=kind)
    assert response.status_code == 400
    assert response.get_json()["error"]["reason"] == "truncated_upload"
    assert "上传的内容不完整" in response.get_json()["error"]["message"]
    body, kind = _multipart("upload", SAMPLE.name, half, closed=True)
    response = client().post("/api/check", data=body, content_type=kind)
    assert response.status_code == 400 and response.get_json()["error"]["reason"] == "no_file"
    assert leftovers(private_root) == []


def test_each_request_is_one_log_line_without_the_files_name(private_root: Path, capsys) -> None:
    """Time, method, path, status, the upload's size and type (by content), the result, the duration —
    and never the file's name or a word of its content."""
    response = upload(client(), "/api/check", SAMPLE.read_bytes(), "机密-长沙报告.docx")
    assert response.status_code == 200
    [line] = capsys.readouterr().err.splitlines()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d POST /api/check 200 \d+字节 docx issues \d+\.\d秒", line), line
    assert "机密" not in line and "长沙" not in line
    refused = upload(client(), "/api/check", PNG, "照片.png")
    assert refused.status_code == 415
    [line] = capsys.readouterr().err.splitlines()
    assert " 415 " in line and line.split()[-2] == "unsupported_type" and "照片" not in line


def test_an_unreadable_report_sent_by_the_form_is_refused_on_the_upload_page(private_root: Path) -> None:
    response = upload(client(), "/check", (ROOT / "samples" / "bad" / "truncated.docx").read_bytes(), "坏.docx")
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "未能检查" in page and "文件已损坏或不完整" in page
    assert 'class="rc-error"' in page and 'name="file"' in page
    assert leftovers(private_root) == []
