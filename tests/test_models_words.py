"""Word splitting and the mapping between corpus tokens and plain text."""

from __future__ import annotations

from textfix.detok import detokenize
from textfix.models.words import align_tokens, project_tags, split_words, word_tags


def test_split_words_mimics_moses_tokens_with_offsets():
    text = "Don't stop the well-known drug (ibuprofen)."
    words = split_words(text)
    assert [w for w, _, _ in words] == [
        "Don", "'t", "stop", "the", "well-known", "drug", "(", "ibuprofen", ")", ".",
    ]
    assert all(text[s:e] == w for w, s, e in words)


def test_align_tokens_maps_each_token_to_its_characters_after_detokenizing():
    tokens = ["The", "patient", "'s", "pain", ",", "he", "said", ",", "was", "sharp", "."]
    text = detokenize(" ".join(tokens))
    spans = align_tokens(tokens, text)
    assert [text[s:e] for s, e in spans] == tokens


def test_align_tokens_survives_changed_characters():
    tokens = ["It", "&apos;s", "a", "dose", "@-@", "dependent", "effect", "."]
    text = "It's a dose-dependent effect."
    spans = align_tokens(tokens, text)
    assert [text[s:e] for s, e in spans] == ["It", "'s", "a", "dose", "-", "dependent",
                                             "effect", "."]
    # a token the text lost gets an empty span instead of stealing its neighbour's characters
    spans = align_tokens(["Take", "the", "XYZ", "pill"], "Take the pill")
    assert [("Take the pill")[s:e] for s, e in spans] == ["Take", "the", "", "pill"]


def test_project_tags_marks_destination_words_overlapping_bad_tokens():
    src = [(0, 4), (5, 8), (9, 13)]
    dst = [(0, 8), (9, 11), (11, 13)]
    assert project_tags(src, [False, True, False], dst) == [True, False, False]
    assert project_tags(src, [False, False, True], dst) == [False, True, True]


def test_word_tags_reads_odd_positions_of_interleaved_tags():
    assert word_tags("OK BAD OK OK BAD BAD OK") == [True, False, True]
