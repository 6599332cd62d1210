"""Every rule on its own examples (LanguageTool's PatternRuleTest is the model).

A ``flag`` example must be flagged by its rule exactly once, and applying the rule's first
suggestion there must give the example's ``fix``; an ``ok`` example must not be flagged by the
rule. The examples live beside the rules (``data/*.yaml`` ``examples:``; code checks through
their spec's ``rules``, see ``textfix.rule_examples``), and a rule without both kinds fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from textfix.config import Config
from textfix.errors import ConfigError
from textfix.example import Example
from textfix.ingest import document_from_text
from textfix.lexicon import load_entries, load_glossary
from textfix.records import Edit, Issue, Result
from textfix.rule_examples import Rule, all_rules
from textfix.stages.apply import apply_edits

RULES = all_rules()
EXAMPLES = [(rule, example) for rule in RULES for example in rule.examples]


def _example_id(pair: tuple[Rule, Example]) -> str:
    rule, example = pair
    same = [e for e in rule.examples if e.flag == example.flag]
    return f"{rule.id}:{'flag' if example.flag else 'ok'}{same.index(example) + 1}"


FLAGS = [pair for pair in EXAMPLES if pair[1].flag]
OKS = [pair for pair in EXAMPLES if not pair[1].flag]


@pytest.fixture(scope="module")
def pipeline():
    """Only the checks the rules name, without the LM ranking or rewrites (they re-order and add
    suggestions; a rule's examples are about the rule)."""
    from textfix.pipeline import Pipeline

    checks = tuple(dict.fromkeys(rule.check for rule in RULES))
    return Pipeline(Config(checks=checks, apply="none", rank_with_lm=False, rewrite=False))


@pytest.fixture(scope="module")
def results(pipeline) -> dict[str, Result]:
    """Every example checked once, in one batch. An example may be a small document (several
    paragraphs), for rules that judge a paragraph by its neighbours (boilerplate)."""
    texts = list(dict.fromkeys(example.text for _, example in EXAMPLES))
    found = pipeline.run(document_from_text(t, f"example-{i}") for i, t in enumerate(texts))
    return dict(zip(texts, found, strict=True))


def _shown(result: Result) -> list[tuple[str, str, list[str]]]:
    text = result.document.text
    return [(i.rule, i.span_text(text), [s.text for s in i.suggestions]) for i in result.issues]


def _of(rule: Rule, result: Result) -> list[Issue]:
    return [i for i in result.issues if rule.covers(i.rule)]


@pytest.mark.parametrize(("rule", "example"), FLAGS, ids=[_example_id(p) for p in FLAGS])
def test_rule_flags_its_flag_example_with_the_expected_fix(results, rule, example):
    result = results[example.text]
    issues = _of(rule, result)
    assert len(issues) == 1, f"{rule.origin}: expected one {rule.id}, got {_shown(result)}"
    [issue] = issues
    if example.fix is None:
        assert not issue.suggestions, f"{rule.origin}: the example needs a 'fix'"
        return
    assert issue.suggestions, f"{rule.origin}: {rule.id} offered no suggestion"
    fixed = apply_edits(example.text, [Edit(issue.start, issue.end, issue.suggestions[0].text)])
    assert fixed == example.fix, f"{rule.origin}: {_shown(result)}"


@pytest.mark.parametrize(("rule", "example"), OKS, ids=[_example_id(p) for p in OKS])
def test_rule_leaves_its_ok_example_alone(results, rule, example):
    result = results[example.text]
    assert not _of(rule, result), f"{rule.origin}: {_shown(result)}"


def test_every_rule_has_a_flag_and_an_ok_example():
    missing = [
        f"{rule.id} ({rule.origin})"
        for rule in RULES
        if not any(e.flag for e in rule.examples) or all(e.flag for e in rule.examples)
    ]
    assert not missing, "rules without a flag and an ok example:\n" + "\n".join(missing)


def test_the_shipped_lexicons_have_rules_to_check():
    assert {rule.check for rule in RULES} >= {"calque", "terminology"}
    assert len(RULES) >= 84 + 28


def test_every_check_declares_its_rules():
    from textfix.catalogue import catalogue

    silent = [spec.name for spec in catalogue() if spec.rules is None]
    assert not silent, f"checks without a rules function in their CheckSpec: {silent}"
    assert {rule.check for rule in RULES} == set(catalogue().names())


def _undeclared(results: list[Result]) -> set[tuple[str, str]]:
    """(rule, flagged text) of every issue no declared rule or family covers."""
    return {
        (issue.rule, issue.span_text(result.document.text)[:60])
        for result in results
        for issue in result.issues
        if not any(rule.covers(issue.rule) for rule in RULES)
    }


def test_every_rule_raised_on_the_examples_is_declared(results):
    assert not _undeclared(list(results.values()))


def test_every_rule_raised_on_the_team_corpus_is_declared(pipeline, corpus_dir):
    from textfix.ingest import read_path

    documents = [d for path in sorted((corpus_dir / "articles").iterdir())
                 for d in read_path(path)]
    found = pipeline.run(documents)
    assert sum(len(result.issues) for result in found) >= 20  # the corpus is flagged at all
    assert not _undeclared(found)


# ---------------------------------------------------------------------------- the data shape


def _entry_yaml(examples: str) -> str:
    return (
        "entries:\n"
        "  - id: hot-flushes\n"
        "    pattern: hot flush\n"
        "    message: US readers say 'hot flashes'.\n"
        "    suggestions: ['hot flashes']\n"
        f"    examples:\n{examples}"
    )


def test_examples_are_kept_on_entries_and_concepts(tmp_path: Path):
    path = tmp_path / "house.yaml"
    path.write_text(
        _entry_yaml("      - {flag: 'Hot flushes wake her.', fix: 'Hot flashes wake her.'}\n"
                    "      - ok: Hot tea helps.\n")
        + "concepts:\n"
        "  - id: tummy\n"
        "    preferred: stomach\n"
        "    variants:\n"
        "      - {name: stomach, pattern: stomach}\n"
        "      - {name: tummy, pattern: tummy}\n"
        "    examples: [{flag: 'The stomach aches; the tummy is sore.'}, {ok: 'A sore tummy.'}]\n",
        encoding="utf-8",
    )
    [entry], [concept] = load_glossary([path])
    assert entry.examples == (
        Example.flagged("Hot flushes wake her.", "Hot flashes wake her."),
        Example.ok("Hot tea helps."),
    )
    assert concept.examples == (
        Example.flagged("The stomach aches; the tummy is sore."), Example.ok("A sore tummy."),
    )


def test_tsv_entries_need_no_examples(tmp_path: Path):
    path = tmp_path / "house.tsv"
    path.write_text("sick-leave\tsick list\tSay 'sick leave'.\tsick leave\n", encoding="utf-8")
    [entry] = load_entries([path])
    assert entry.examples == ()


@pytest.mark.parametrize(
    ("examples", "needle"),
    [
        ("      flag: Hot flushes.\n", r"examples must be a list"),
        ("      - Hot flushes.\n", r"example 1: must be a mapping"),
        ("      - {flag: Hot flushes., ok: Hot tea.}\n", r"example 1: needs exactly one"),
        ("      - {fix: Hot flashes.}\n", r"example 1: needs exactly one"),
        ("      - {ok: Hot tea., fix: Hot flashes.}\n", r"'fix' belongs to a 'flag'"),
        ("      - {ok: ''}\n", r"example 1: example 'ok' must be a non-empty"),
        ("      - {ok: Tea.}\n      - {flag: 3}\n", r"example 2: example 'flag' must be"),
        ("      - {flag: Hot flushes., fixed: Hot flashes.}\n", r"unknown key\(s\) fixed"),
    ],
)
def test_malformed_examples_are_refused_with_file_and_entry(tmp_path: Path, examples, needle):
    path = tmp_path / "bad.yaml"
    path.write_text(_entry_yaml(examples), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml, entry 1 \(hot-flushes\).*" + needle):
        load_entries([path])
