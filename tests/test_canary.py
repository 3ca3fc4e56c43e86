"""LibreOffice never reaches the network: a document whose picture is linked to a URL is converted on every
path that converts (check, extract, annotate, compare, batch, the web page's API) while a canary server on
loopback counts requests — it must never be asked for anything. The report named in the file is built
from a bundled sample (converted to .odt with its picture linked to the canary)."""

from __future__ import annotations

import http.server
import io
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from conftest import NEEDS_LIBREOFFICE, SAMPLES

_DRAW = ('<text:p><draw:frame draw:name="img1" svg:width="2cm" svg:height="2cm" text:anchor-type="as-char">'
         '<draw:image xlink:href="{url}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>'
         '</draw:frame></text:p>')


class _Canary(http.server.BaseHTTPRequestHandler):
    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.asked.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture(scope="module")
def canary() -> Iterator[tuple[str, list[str]]]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Canary)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Canary.asked = []
    yield f"http://127.0.0.1:{server.server_address[1]}/canary.png", _Canary.asked
    server.shutdown()


@pytest.fixture(scope="module")
def linked(canary: tuple[str, list[str]], tmp_path_factory) -> Path:
    """A bundled report as .odt (samples/other) with a picture linked to the canary after its title."""
    url, _ = canary
    src = SAMPLES / "other" / "prelim_advanced_split_clean.odt"
    out = tmp_path_factory.mktemp("canary") / "linked.odt"
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(out, "w") as dst:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "content.xml":
                text = data.decode("utf-8")
                at = text.index("</text:p>") + len("</text:p>")
                data = (text[:at] + _DRAW.format(url=url) + text[at:]).encode("utf-8")
            dst.writestr(info, data)
    return out


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reportcheck", *args], capture_output=True, text=True,
                          timeout=600, cwd=cwd)


@NEEDS_LIBREOFFICE
@pytest.mark.parametrize("command", ["check", "extract", "annotate", "compare", "batch"])
def test_no_command_that_converts_fetches_what_a_document_links_to(command: str, linked: Path, canary,
                                                                    tmp_path: Path) -> None:
    _, asked = canary
    asked.clear()
    args = {"check": ["check", str(linked)], "extract": ["extract", str(linked)],
            "annotate": ["annotate", str(linked), "-o", str(tmp_path / "a.docx")],
            "compare": ["compare", str(linked), str(SAMPLES / "prelim_advanced_split_clean.docx")],
            "batch": ["batch", str(linked), "-o", str(tmp_path / "b.json")]}[command]
    run = _run(*args)
    assert "Traceback" not in run.stderr
    assert run.returncode in (0, 1), run.stderr  # the report is read
    assert asked == []


@NEEDS_LIBREOFFICE
def test_the_web_page_does_not_fetch_what_an_upload_links_to(linked: Path, canary) -> None:
    pytest.importorskip("flask", reason="the web extra is not installed: pip install -e '.[web]'")
    from reportcheck.rules import load_pack
    from reportcheck.settings import Settings
    from reportcheck.web.app import WebConfig, create_app

    _, asked = canary
    asked.clear()
    app = create_app(WebConfig(pack=load_pack("hunan_competition_2023"), settings=Settings())).test_client()
    response = app.post("/api/check", data={"file": (io.BytesIO(linked.read_bytes()), "报告.odt")},
                        content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert asked == []


@NEEDS_LIBREOFFICE
def test_the_canary_does_see_a_plain_libreoffice_conversion(linked: Path, canary, tmp_path: Path) -> None:
    """Without reportcheck's closed profile, LibreOffice asks the canary: the test above can fail."""
    from reportcheck.readers.convert import soffice

    _, asked = canary
    asked.clear()
    subprocess.run([soffice(), "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--convert-to", "docx", "--outdir", str(tmp_path / "out"), str(linked)],
                   capture_output=True, timeout=300, check=False)
    assert asked
