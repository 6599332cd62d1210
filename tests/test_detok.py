"""Moses-tokenized corpus lines read like text a user would write."""

from __future__ import annotations

import pytest

from textfix.detok import detokenize


@pytest.mark.parametrize(("tokens", "text"), [
    ("it 's a test .", "it's a test."),
    ('" What ? " said John .', '"What?" said John.'),
    ('" We need help , " he said .', '"We need help," he said.'),
    ("the dose ( 5 mg ) helps .", "the dose (5 mg) helps."),
    ("Novosibirsk &apos;s theatre", "Novosibirsk's theatre"),
    ("see https : //example.org / health", "see https://example.org/health"),
])
def test_tokenized_lines_become_plain_text(tokens: str, text: str) -> None:
    assert detokenize(tokens) == text
