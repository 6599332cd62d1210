"""The LanguageTool backend against a real HTTP server speaking LanguageTool's /v2 API."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from textfix.checks.grammar import GrammarCheck
from textfix.checks.grammar.languagetool_backend import LanguageToolBackend, server_root
from textfix.config import Config
from textfix.errors import BackendError
from textfix.records import Document, Segment
from textfix.stages.analyse import analyse

DOUBLED = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)
A_VOWEL = re.compile(r"\b[Aa] (?=[aeiou])")


def utf16_offset(text: str, index: int) -> int:
    """LanguageTool (Java) counts offsets in UTF-16 code units."""
    return len(text[:index].encode("utf-16-le")) // 2


def lt_match(text, start, end, rule_id, category, issue_type, message, replacements):
    return {
        "message": message,
        "shortMessage": "",
        "replacements": [{"value": r} for r in replacements],
        "offset": utf16_offset(text, start),
        "length": utf16_offset(text, end) - utf16_offset(text, start),
        "context": {"text": text[max(0, start - 20) : end + 20], "offset": min(start, 20),
                    "length": end - start},
        "sentence": text,
        "rule": {"id": rule_id, "description": message, "issueType": issue_type,
                 "category": {"id": category, "name": category.title()}},
    }


def find_matches(text: str) -> list[dict]:
    """What a small LanguageTool would say: doubled words and "a" before a vowel."""
    matches = [
        lt_match(text, m.start(), m.end(), "ENGLISH_WORD_REPEAT_RULE", "MISC", "duplication",
                 "Possible typo: you repeated a word.", [m.group(1)])
        for m in DOUBLED.finditer(text)
    ]
    matches += [
        lt_match(text, m.start(), m.start() + 1, "EN_A_VS_AN", "MISC", "misspelling",
                 "Use “an” instead of “a” if the following word starts with a vowel sound.",
                 ["an"])
        for m in A_VOWEL.finditer(text)
    ]
    return sorted(matches, key=lambda m: m["offset"])


class LanguageToolHandler(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.path.startswith("/v2/languages"):
            self._reply([{"name": "English (US)", "code": "en", "longCode": "en-US"}])
        else:
            self.send_error(404)

    def do_POST(self):  # noqa: N802
        if not self.path.startswith("/v2/check"):
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
        form = {k: v[0] for k, v in parse_qs(body).items()}
        type(self).requests.append(form)
        text = form.get("text", "")
        self._reply({
            "software": {"name": "LanguageTool", "version": "6.8", "apiVersion": 1},
            "language": {"name": "English (US)", "code": "en-US"},
            "matches": find_matches(text),
        })

    def _reply(self, payload):
        data = json.dumps(payload).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="module")
def server_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), LanguageToolHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_matches_map_to_document_offsets(server_url, nlp):
    paragraphs = ["Leg cramps 😣 at night", "Eat a apple and and rest. Stretch the calf."]
    text = "\n\n".join(paragraphs)
    second = text.index("Eat")
    document = Document(
        id="lt",
        text=text,
        segments=[Segment(0, len(paragraphs[0]), "heading"),
                  Segment(second, len(text), "paragraph")],
    )
    check = GrammarCheck(Config(grammar_backend="languagetool", languagetool_url=server_url),
                         parser_agreement=False)
    LanguageToolHandler.requests.clear()
    issues = list(check.check(analyse([document], nlp)[0]))

    sent = LanguageToolHandler.requests
    # blocks are batched into one request, each followed by a blank line (the last one too, so
    # a block reads the same to the engine wherever it falls in the batch)
    assert [r["text"] for r in sent] == ["".join(p + "\n\n" for p in paragraphs)]
    assert all(r["language"] == "en-US" for r in sent)
    found = {(i.span_text(text), i.rule, i.source) for i in issues}
    assert found == {
        ("a", "languagetool/EN_A_VS_AN", "languagetool"),
        ("and and", "languagetool/ENGLISH_WORD_REPEAT_RULE", "languagetool"),
    }
    by_rule = {i.rule: i for i in issues}
    assert by_rule["languagetool/EN_A_VS_AN"].suggestions[0].text == "an"
    assert by_rule["languagetool/EN_A_VS_AN"].category == "grammar"  # category MISC
    assert by_rule["languagetool/ENGLISH_WORD_REPEAT_RULE"].category == "grammar"


def test_offsets_after_astral_characters(server_url):
    backend = LanguageToolBackend(url=server_url + "/v2/")
    text = "Pain 😣😣 comes comes back."
    [match] = backend.check(text)
    assert text[match.start : match.end] == "comes comes"


def test_unreachable_server_is_one_clear_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed when the block ends: connection refused
    started = time.monotonic()
    with pytest.raises(BackendError) as info:
        GrammarCheck(Config(grammar_backend="languagetool",
                            languagetool_url=f"http://127.0.0.1:{port}"))
    assert time.monotonic() - started < 10
    message = str(info.value)
    assert message.startswith(f"cannot reach the LanguageTool server at http://127.0.0.1:{port}")
    assert "\n" not in message


def test_missing_local_install_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    started = time.monotonic()
    with pytest.raises(BackendError) as info:
        LanguageToolBackend(url=None)
    assert time.monotonic() - started < 5
    message = str(info.value)
    assert "LanguageTool is not installed" in message and "--languagetool-url" in message
    assert "\n" not in message
    assert list(tmp_path.iterdir()) == []  # nothing was downloaded


@pytest.mark.parametrize(
    "url", ["http://host:8081", "http://host:8081/", "http://host:8081/v2", "http://host:8081/v2/"]
)
def test_server_url_with_or_without_v2(url):
    assert server_root(url) == "http://host:8081/"
