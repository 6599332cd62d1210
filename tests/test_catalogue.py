"""The check catalogue: a new check is one file, and everything else follows from its spec.

The plugin test writes a throw-away check module into a temporary folder and names it in
``TEXTFIX_PLUGINS``; real ``textfix`` processes then run it, report it, colour it and show it in
the review app. Subprocesses keep the plugin out of this test session's catalogue.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from textfix.catalogue import Catalogue, Category, CheckSpec, Source, catalogue
from textfix.errors import ConfigError

PLUGIN = textwrap.dedent('''
    """A throw-away check: British "whilst" in an American-English house style."""

    import re

    from textfix.catalogue import Category, CheckSpec, Source, check
    from textfix.checks.base import Check
    from textfix.example import Example, Rule
    from textfix.records import Issue, Suggestion

    WHILST = re.compile(r"\\b[Ww]hilst\\b")


    def house_style_rules():
        yield Rule("house-style/whilst", "house-style", (
            Example.flagged("Rest whilst the cramp lasts.", fix="Rest while the cramp lasts."),
            Example.ok("Rest while the cramp lasts."),
        ))


    @check(CheckSpec(
        name="house-style",
        description="'whilst' where the house style says 'while'.",
        categories=(Category("house-style", 0.5, "#123456", "a word the house style avoids"),),
        sources=(Source("style-list", 0.95, curated=True),),
        order=99,
        rules=house_style_rules,
    ))
    class HouseStyleCheck(Check):
        def check(self, adoc):
            text = adoc.document.text
            for m in WHILST.finditer(text):
                yield Issue(m.start(), m.end(), "house-style", "house-style/whilst",
                            "The house style says 'while'.", "style-list", confidence=0.9,
                            suggestions=[Suggestion("while", "style-list", 0.9)])
''')
ARTICLE = "Warm compresses help whilst the cramp lasts.\n\nRest may help too.\n"


@pytest.fixture()
def plugin_env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "textfix_style_plugin.py").write_text(PLUGIN, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(tmp_path / "plugins"), env.get("PYTHONPATH", "")) if p)
    env["TEXTFIX_PLUGINS"] = "textfix_style_plugin"
    return env


def textfix(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "textfix.cli", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_plugin_check_is_run_reported_coloured_and_reviewed(plugin_env, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    listed = textfix(plugin_env, "checks", "--format", "json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    names = [c["name"] for c in json.loads(listed.stdout)["checks"]]
    assert names[-1] == "house-style"  # order=99: after the shipped checks

    run = textfix(plugin_env, "check", "--no-models", "--format", "json", "--html",
                  str(tmp_path / "report.html"), "--save", str(tmp_path / "work.db"),
                  str(article), cwd=tmp_path)
    assert run.returncode == 1, run.stderr  # issues found
    [document] = json.loads(run.stdout)["documents"]
    [flag] = [i for i in document["issues"] if i["category"] == "house-style"]
    assert ARTICLE[flag["start"]:flag["end"]] == "whilst"
    assert document["corrected"].startswith("Warm compresses help while the cramp lasts.")

    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert ".cat-house-style { background: #123456; }" in html
    assert 'class="chip cat-house-style"' in html

    review = subprocess.run([sys.executable, "-c", textwrap.dedent(f'''
        from fastapi.testclient import TestClient
        from textfix.review.app import create_app
        app = create_app({str(tmp_path / "work.db")!r}, token="t0ken")
        client = TestClient(app, base_url="http://127.0.0.1")
        assert client.get("/?token=t0ken").status_code == 200
        issues = client.get("/api/issues", params={{"status": "all"}}).json()["issues"]
        print([i["category"] for i in issues])
        print(client.get("/static/categories.css").text)
    ''')], env=plugin_env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert review.returncode == 0, review.stderr
    assert "'house-style'" in review.stdout
    assert ".cat-house-style { background: #123456; }" in review.stdout


def test_everything_derived_comes_from_the_specs():
    known = catalogue()
    assert known.default_checks() == tuple(s.name for s in known if s.default)
    assert "fluency" in known.model_checks()
    assert known.weight("terminology") > known.weight("grammar") > known.weight("typography")
    assert known.prior("memory") > known.prior("lexicon") > known.prior("harper")
    assert {"lexicon", "glossary", "memory"} <= known.curated_sources()
    assert "harper" not in known.curated_sources()
    css = known.category_css()
    assert all(f".cat-{c} " in css for c in known.category_names())


def test_unknown_names_get_a_did_you_mean():
    with pytest.raises(ConfigError, match="did you mean 'grammar'"):
        catalogue().validate(["gramar"])


def test_a_category_declared_twice_differently_is_refused():
    def spec(name: str, colour: str) -> CheckSpec:
        return CheckSpec(name, "d", categories=(Category("shared", 1.0, colour),),
                         sources=(Source("s", 0.5),))

    assert Catalogue([spec("a", "#111111"), spec("b", "#111111")]).colour("shared") == "#111111"
    with pytest.raises(ConfigError, match="declared twice"):
        Catalogue([spec("a", "#111111"), spec("b", "#222222")])


def test_reading_the_catalogue_loads_no_parser_or_model():
    probe = subprocess.run([sys.executable, "-c", (
        "import sys; from textfix.catalogue import catalogue; catalogue(); "
        "print(sorted(m for m in ('spacy', 'torch', 'transformers') if m in sys.modules))")],
        capture_output=True, text=True, timeout=120)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == "[]"


def test_every_category_has_its_own_colour():
    colours = [c.colour.lower() for c in catalogue().categories.values()]
    assert len(colours) == len(set(colours)), "two categories would look the same in reports"
