"""``reportcheck serve`` in a real browser: Debian's headless Chromium, driven by Selenium, against the server
started as a user starts it. Nothing downloads a browser or a driver (``SE_OFFLINE``, fixed paths)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import BAD, CHROMEDRIVER, CHROMIUM, NEEDS_BROWSER, ROOT, SAMPLES

if not os.environ.get("REPORTCHECK_REQUIRE_BROWSER"):
    pytest.importorskip("selenium", reason="selenium is in the test extra: pip install -e '.[test,web]'")
    pytest.importorskip("flask", reason="the web extra is not installed: pip install -e '.[test,web]'")
    pytest.importorskip("waitress", reason="the web extra is not installed: pip install -e '.[test,web]'")

from docx import Document
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from reportcheck.outcome import check_file
from reportcheck.rules import load_pack
from reportcheck.settings import Settings

pytestmark = NEEDS_BROWSER

SAMPLE = SAMPLES / "prelim_advanced_split_defects.docx"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync")
WAIT = 60  # seconds any one step may take before the test fails (a bound, not a measurement)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serving(*args: str) -> tuple[subprocess.Popen, str]:
    """Start ``reportcheck serve`` on a free port; its process and URL once it accepts connections."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "reportcheck", "serve", "--port", str(port), *args],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + WAIT
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, f"http://127.0.0.1:{port}/"
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"reportcheck serve did not start: {process.communicate()[1]!r}") from None
            time.sleep(0.1)


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, str]]:
    """The server as started by default, and one with a 0.05 MB upload limit."""
    started = [_serving(), _serving("--max-upload-mb", "0.05")]
    try:
        yield {"default": started[0][1], "small": started[1][1]}
    finally:
        for process, _ in started:
            process.terminate()
            process.wait(timeout=WAIT)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")  # Selenium Manager must never fetch a browser or a driver
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    try:
        yield driver
    finally:
        driver.quit()


def submit(driver: WebDriver, url: str, path: Path) -> str:
    """Choose ``path`` in the upload form at ``url`` and send it; the text of the page that answers."""
    driver.get(url)
    driver.find_element(By.NAME, "file").send_keys(str(path))
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(driver, WAIT).until(lambda d: d.current_url.endswith("/check")
                                      and d.execute_script("return document.readyState") == "complete")
    return " ".join(driver.execute_script("return document.body.textContent").split())


def test_the_form_shows_the_findings_of_check(browser: WebDriver, servers: dict[str, str]) -> None:
    text = submit(browser, servers["default"], SAMPLE)
    issues = check_file(str(SAMPLE), load_pack("hunan_competition_2023"), Settings()).issues
    assert issues
    for issue in issues:
        assert issue.code in text
        assert " ".join(issue.message.split()) in text
    assert SAMPLE.name in text


def test_the_annotated_docx_downloads_with_comments(browser: WebDriver, servers: dict[str, str],
                                                    downloads: Path) -> None:
    submit(browser, servers["default"], SAMPLE)
    browser.find_element(By.PARTIAL_LINK_TEXT, "下载带批注的Word").click()
    target = downloads / f"{SAMPLE.stem}.checked.docx"
    WebDriverWait(browser, WAIT).until(lambda _: target.exists() and not list(downloads.glob("*.crdownload")))
    comments = list(Document(str(target)).comments)
    assert comments
    assert any("AR001" in comment.text for comment in comments)


def test_an_oversized_upload_shows_the_limit(browser: WebDriver, servers: dict[str, str]) -> None:
    big = SAMPLES / "doc" / "prelim_advanced_split_defects.doc"
    assert big.stat().st_size > 0.05 * 1024 * 1024
    text = submit(browser, servers["small"], big)
    assert "文件超过大小上限（0.05 MB），未检查" in text


def test_a_wrong_type_shows_why(browser: WebDriver, servers: dict[str, str], tmp_path: Path) -> None:
    picture = tmp_path / "扫描件.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    text = submit(browser, servers["default"], picture)
    assert "“扫描件.png”不是Word" in text
    assert "按文件内容判断" in text


def test_the_page_says_it_is_working_while_a_file_is_checked(browser: WebDriver, servers: dict[str, str]) -> None:
    """On sending, the button is disabled and reads 检查中…, and the page names the file and counts the
    seconds (the small inline script; nothing from elsewhere). The test holds the submission back (a
    listener after the page's own cancels it) so there is time to look, then sends the file for real."""
    path = SAMPLES / "doc" / "prelim_advanced_split_clean.doc"
    browser.get(servers["default"])
    browser.find_element(By.NAME, "file").send_keys(str(path))
    browser.execute_script("document.querySelector('form').addEventListener('submit', e => e.preventDefault())")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    look = ("var b=document.querySelector('form button'),w=document.querySelector('.rc-working');"
            "return [b.disabled,b.textContent,w.hidden,w.textContent]")
    disabled, label, hidden, words = browser.execute_script(look)
    assert disabled is True and label == "检查中…" and hidden is False
    assert f"正在检查“{path.name}”，已用时0秒" in words
    time.sleep(2.2)
    assert "已用时2秒" in browser.execute_script(look)[3]
    assert "检查文件：" in submit(browser, servers["default"], path)  # the real thing still answers


def test_an_unreadable_report_is_refused_on_the_upload_page_like_any_refusal(browser: WebDriver,
                                                                            servers: dict[str, str]) -> None:
    """A broken report and a password-protected one fail the same way: the upload page, the message above
    the form, ready for another file."""
    for bad, words in ((BAD / "truncated.docx", "文件已损坏或不完整"), (BAD / "encrypted.docx", "设有打开密码")):
        text = submit(browser, servers["default"], bad)
        assert "未能检查" in text and words in text, text
        assert browser.find_elements(By.CSS_SELECTOR, ".rc-error") and browser.find_elements(By.NAME, "file")
