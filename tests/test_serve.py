"""``textfix serve``: LanguageTool's HTTP API v2, checked with clients nobody here wrote.

A real uvicorn server runs in a thread on a free loopback port (``--no-models``: the models do
not change the API). ``language_tool_python`` and textfix's own LanguageTool backend talk to it
as they would to LanguageTool; raw requests check what the clients do not look at.
"""

from __future__ import annotations

import json

import httpx
import pytest

from tests.serve_helpers import TEXT, running, utf16_slice
from textfix.errors import TextfixError
from textfix.server.cli import build_app, serve

TOKEN = "serve-token-789"


@pytest.fixture(scope="module")
def engine_app():
    """The plain loopback server: no token, default limits."""
    app = build_app("127.0.0.1", None, no_models=True, max_bytes=64 * 1024)
    with running(app) as url:
        yield url, app


@pytest.fixture(scope="module")
def url(engine_app):
    return engine_app[0]


@pytest.fixture(scope="module")
def token_url(engine_app):
    """A second app with a token, sharing the first one's warm engine."""
    from textfix.server.app import create_app

    app = create_app(engine_app[1].state.engine, token=TOKEN)
    with running(app) as base:
        yield base


def post(base: str, **fields) -> httpx.Response:
    return httpx.post(f"{base}/v2/check", data={"language": "en-US", **fields}, timeout=60)


def test_language_tool_python_offsets_land_on_the_flagged_words(url):
    import language_tool_python

    tool = language_tool_python.LanguageTool("en-US", remote_server=url)
    found = {(m.rule_id, TEXT[m.offset:m.offset + m.error_length]) for m in tool.check(TEXT)}
    assert ("calque/against-the-background-of", "against the background of") in found
    assert ("repetition/doubled-word", "the the") in found
    assert ("repetition/doubled-word", "is is") in found
    calque = next(m for m in tool.check(TEXT) if m.rule_id.startswith("calque/"))
    assert calque.replacements[0] == "due to"
    assert calque.category == "CALQUE" and calque.rule_issue_type == "mistranslation"


def test_offsets_and_lengths_are_utf16_units_of_the_text(url):
    """Every match, spans holding an emoji included, is the span textfix flagged."""
    import textfix
    from textfix.server.cli import server_checks

    matches = post(url, text=TEXT).json()["matches"]
    local = textfix.Checker(checks=server_checks(None, None, True), rank_with_lm=False)
    expected = sorted((m.rule, m.text) for m in local.check(TEXT))
    got = sorted((m["rule"]["id"], utf16_slice(TEXT, m["offset"], m["length"])) for m in matches)
    assert got == expected
    assert ("fragment/no-finite-verb", "The 😀 the pain.") in got  # an emoji inside the span
    for m in matches:
        context = m["context"]
        assert utf16_slice(context["text"], context["offset"], context["length"]) == \
            utf16_slice(TEXT, m["offset"], m["length"])
        assert m["textfix"]["category"] and 0 <= m["textfix"]["confidence"] <= 1


def test_textfix_languagetool_backend_reads_the_server(url):
    from textfix.checks.grammar.languagetool_backend import LanguageToolBackend

    backend = LanguageToolBackend(url=url + "/v2")
    spans = {(m.rule, TEXT[m.start:m.end]) for m in backend.check(TEXT)}
    assert ("languagetool/calque/against-the-background-of", "against the background of") \
        in spans
    assert ("languagetool/fragment/no-finite-verb", "The 😀 the pain.") in spans
    assert ("languagetool/repetition/doubled-word", "is is") in spans


def test_annotated_data_offsets_count_markup_not_interpret_as(url):
    parts = [{"text": "Пациент 😀 "}, {"markup": "<b>"}, {"text": "against the background of"},
             {"markup": "</b>"}, {"text": " stress."},
             {"markup": "<br/>", "interpretAs": "\n\n"}, {"text": "Боль is is 🙂 strong."}]
    document = "".join(p.get("text", p.get("markup")) for p in parts)
    matches = post(url, data=json.dumps({"annotation": parts})).json()["matches"]
    spans = {(m["rule"]["id"], utf16_slice(document, m["offset"], m["length"]))
             for m in matches}
    assert ("calque/against-the-background-of", "against the background of") in spans
    assert ("repetition/doubled-word", "is is") in spans
    calque = next(m for m in matches if m["rule"]["id"].startswith("calque/"))
    assert "<b>against the background of</b>" in calque["context"]["text"]


def test_rule_and_category_filters(url):
    def rules(**fields) -> set[str]:
        return {m["rule"]["id"] for m in post(url, text=TEXT, **fields).json()["matches"]}

    every = rules()
    assert {"calque/against-the-background-of", "repetition/doubled-word"} <= every
    assert rules(enabledOnly="true", enabledRules="calque/against-the-background-of") == \
        {"calque/against-the-background-of"}
    assert rules(enabledOnly="true", enabledCategories="CALQUE") == \
        {"calque/against-the-background-of"}
    assert "repetition/doubled-word" not in rules(disabledRules="repetition")  # a check name
    assert not any(r.startswith("calque/") for r in rules(disabledCategories="calque"))
    assert rules(disabledRules="repetition/doubled-word") == every - {"repetition/doubled-word"}
    assert post(url, text=TEXT, enabledOnly="true").status_code == 400


def test_text_level_requests_do_not_repeat_matches(url):
    """Clients that ask for text-level and paragraph-level matches separately see each once."""
    assert post(url, text=TEXT, mode="textLevelOnly").json()["matches"] == []
    assert post(url, text=TEXT, mode="allButTextLevelOnly").json()["matches"]
    assert post(url, text=TEXT, mode="sideways").status_code == 400


def test_language_tool_python_filters_reach_the_server(url):
    import language_tool_python

    tool = language_tool_python.LanguageTool("en-GB", remote_server=url)
    tool.disabled_categories = {"CALQUE"}
    assert not any(m.rule_id.startswith("calque/") for m in tool.check(TEXT))
    tool.disabled_categories = set()
    tool.enabled_rules = {"repetition/doubled-word"}
    tool.enabled_rules_only = True
    assert {m.rule_id for m in tool.check(TEXT)} == {"repetition/doubled-word"}


def test_languages_and_language_errors(url):
    codes = {lang["longCode"] for lang in httpx.get(f"{url}/v2/languages").json()}
    assert {"en", "en-US", "en-GB"} <= codes
    for language in ("en", "en-GB", "auto", "en_us", "en-AU"):
        assert post(url, text="Rest helps.", language=language).status_code == 200
    refused = post(url, text="Le patient.", language="fr")
    assert refused.status_code == 400
    assert refused.text.startswith("Error: 'fr' is not a language code")
    assert post(url).status_code == 400  # neither text nor data
    assert post(url, data="{not json").status_code == 400


def test_host_check_refuses_a_rebinding_host(url):
    port = url.rsplit(":", 1)[1]
    for host in ("attacker.example", f"attacker.example:{port}", "127.0.0.1.nip.io"):
        response = httpx.post(f"{url}/v2/check", data={"language": "en-US", "text": "Hi."},
                              headers={"Host": host})
        assert response.status_code == 403, host
    ok = httpx.post(f"{url}/v2/check", data={"language": "en-US", "text": "Hi."},
                    headers={"Host": f"localhost:{port}"})
    assert ok.status_code == 200


def test_huge_body_is_refused_with_413(url):
    big = "The pain rises. " * 5000  # 80 kB over the fixture's 64 kB limit
    assert post(url, text=big).status_code == 413

    def chunks():  # streamed: no Content-Length to read the size from
        for _ in range(100):
            yield b"text=" + b"a" * 1000

    streamed = httpx.post(f"{url}/v2/check", content=chunks(),
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert streamed.status_code == 413


def test_token_as_bearer_or_api_key(token_url):
    assert post(token_url, text=TEXT).status_code == 401
    assert post(token_url, text=TEXT, apiKey="wrong").status_code == 401
    assert post(token_url, text=TEXT, apiKey=TOKEN).json()["matches"]
    bearer = httpx.post(f"{token_url}/v2/check", data={"language": "en-US", "text": TEXT},
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert bearer.json()["matches"]
    assert httpx.get(f"{token_url}/v2/languages").status_code == 200  # clients call it first


def test_off_loopback_needs_a_token(monkeypatch, capsys):
    monkeypatch.delenv("TEXTFIX_SERVE_TOKEN", raising=False)
    with pytest.raises(TextfixError, match="token"):
        serve("0.0.0.0", 0, None, no_models=True)
    from textfix.cli import main

    assert main(["serve", "--host", "0.0.0.0", "--no-models"]) == 2
    assert main(["serve", "--checks", "calqe", "--no-models", "--port", "0"]) == 2
    assert "did you mean 'calque'" in capsys.readouterr().err


def test_cors_lets_browser_pages_call(url):
    preflight = httpx.options(f"{url}/v2/check", headers={
        "Origin": "https://docs.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] in ("*", "https://docs.example")
    answer = httpx.post(f"{url}/v2/check", data={"language": "en-US", "text": "Hi."},
                        headers={"Origin": "https://docs.example"})
    assert answer.headers["access-control-allow-origin"] == "*"


def test_concurrent_requests_each_get_their_own_matches(engine_app):
    """Texts that arrive together are checked in one batch; answers must not cross."""
    from concurrent.futures import ThreadPoolExecutor

    url, app = engine_app
    texts = [f"Боль {n} 😀 is is strong. " + ("Against the background of stress. " * (n % 3))
             for n in range(12)]
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda t: post(url, text=t).json()["matches"], texts))
    for text, matches in zip(texts, answers, strict=True):
        calques = [m for m in matches if m["rule"]["id"].startswith("calque/")]
        assert len(calques) == text.count("Against")
        assert any(utf16_slice(text, m["offset"], m["length"]) == "is is" for m in matches)
    assert app.state.engine.checker._pipeline is not None  # warmed at start-up, kept


def test_utf16_map_both_ways():
    from textfix.server.utf16 import Utf16Map, utf16_len

    text = "Боль 😀 в 🙂🙂 затылке, pain."
    units = Utf16Map(text)
    assert utf16_len(text) == len(text.encode("utf-16-le")) // 2
    for index in range(len(text) + 1):
        assert units.units(index) == len(text[:index].encode("utf-16-le")) // 2
        assert units.index(units.units(index)) == index
    inside_pair = units.units(text.index("😀")) + 1
    assert units.index(inside_pair) == text.index("😀")


def test_annotated_text_maps_plain_offsets_to_the_document():
    from textfix.server.annotated import parse_data

    annotated = parse_data(json.dumps({"annotation": [
        {"text": "A "}, {"markup": "<b>"}, {"text": "bold"}, {"markup": "</b>"},
        {"markup": "<br/>", "interpretAs": "\n"}, {"text": "end"}]}))
    assert annotated.plain == "A bold\nend"
    assert annotated.original == "A <b>bold</b><br/>end"
    start, end = annotated.start(2), annotated.end(6)  # "bold": after <b>, before </b>
    assert annotated.original[start:end] == "bold"
    start, end = annotated.start(6), annotated.end(7)  # the stand-in: its whole markup
    assert annotated.original[start:end] == "<br/>"
    assert annotated.original[annotated.start(7):annotated.end(10)] == "end"
