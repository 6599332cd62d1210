"""``textfix serve`` from the outside: a page in headless Chromium calling it with ``fetch``
(CORS, the ``apiKey`` field, a Bearer header after a preflight, UTF-16 offsets read by
JavaScript's own strings), and the ``textfix serve`` command as a real process.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from tests.serve_helpers import TEXT, running
from textfix.server.app import create_app
from textfix.server.cli import build_app

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "page-token-321"
PAGE = b"<!doctype html><title>editor</title><textarea></textarea>"

pytestmark = pytest.mark.slow

FETCH = """async ([url, fields, headers]) => {
  try {
    const r = await fetch(url + '/v2/check', {method: 'POST', headers,
                                              body: new URLSearchParams(fields)});
    if (!r.ok) return {status: r.status, error: await r.text()};
    const answer = await r.json();
    return {status: r.status, spans: answer.matches.map(
      m => [m.rule.id, fields.text.substring(m.offset, m.offset + m.length)])};
  } catch (e) { return {status: 0, error: String(e)}; }
}"""


@pytest.fixture(scope="module")
def servers():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: run 'make browser' to install Debian's chromium")
    pytest.importorskip("playwright.sync_api")
    open_app = build_app("127.0.0.1", None, no_models=True)
    engine = open_app.state.engine
    with running(open_app) as open_url, \
            running(create_app(engine, token=TOKEN)) as token_url, \
            running(create_app(engine, cors_origins=("https://docs.example",))) as narrow_url:
        yield {"open": open_url, "token": token_url, "narrow": narrow_url}


class _Editor(BaseHTTPRequestHandler):
    """The page's own server: another origin (localhost, another port) than textfix's. It is
    on loopback too, as Chromium lets only local pages reach loopback without asking."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def page(servers):
    from playwright.sync_api import sync_playwright

    editor = ThreadingHTTPServer(("127.0.0.1", 0), _Editor)
    threading.Thread(target=editor.serve_forever, daemon=True).start()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        pg = browser.new_page()
        pg.goto(f"http://localhost:{editor.server_address[1]}/editor.html")
        yield pg
        browser.close()
    editor.shutdown()


def call(page, url: str, headers: dict | None = None, **fields) -> dict:
    return page.evaluate(FETCH, [url, {"language": "en-US", "text": TEXT, **fields},
                                 headers or {}])


def test_a_page_reads_matches_with_fetch(page, servers):
    answer = call(page, servers["open"])
    assert answer["status"] == 200, answer
    spans = {tuple(s) for s in answer["spans"]}
    # JavaScript strings count UTF-16 units, as LanguageTool's offsets do: no conversion
    assert ("calque/against-the-background-of", "against the background of") in spans
    assert ("fragment/no-finite-verb", "The 😀 the pain.") in spans
    assert ("repetition/doubled-word", "is is") in spans


def test_a_page_sends_the_token_as_api_key_or_bearer(page, servers):
    assert call(page, servers["token"])["status"] == 401  # refused, and readable (CORS)
    assert call(page, servers["token"], apiKey=TOKEN)["spans"]
    bearer = call(page, servers["token"], {"Authorization": f"Bearer {TOKEN}"})
    assert bearer["status"] == 200 and bearer["spans"]


def test_cors_origins_can_be_narrowed(page, servers):
    refused = call(page, servers["narrow"])
    assert refused["status"] == 0 and "Failed to fetch" in refused["error"]


def test_the_serve_command_runs_a_server():
    script = Path(sys.executable).with_name("textfix")
    env = {**os.environ, "COLUMNS": "200"}
    process = subprocess.Popen([str(script), "serve", "--no-models", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=env)
    try:
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/v2", line)
        assert found, line
        base = found.group(0)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                answer = httpx.post(f"{base}/check", data={"language": "en", "text": TEXT})
                break
            except httpx.TransportError:
                time.sleep(0.5)
        assert answer.status_code == 200
        assert any(m["rule"]["id"].startswith("calque/") for m in answer.json()["matches"])
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl+C: the CLI's exit code for an interruption
        rest = process.communicate(timeout=30)[0]
    assert process.returncode == 130
    assert "Traceback" not in rest
