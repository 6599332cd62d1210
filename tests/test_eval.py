"""``textfix eval`` on small hand-written MLQE-PE- and JFLEG-style folders."""

from __future__ import annotations

import json

import pytest

from textfix.training.cli import main
from textfix.training.evaluate import SystemOutput, eval_jfleg, eval_mlqe, token_flags

MT = ["The patient must to take the pills every day .",
      "It is necessary to pull the sock on yourself .",
      "Drink enough water ."]
PE = ["The patient must take the pills every day .",
      "You need to pull your toes towards you .",
      "Drink enough water ."]
TAGS = [[False, False, False, True, False, False, False, False, False, False],
        [True, True, False, False, False, False, True, True, True, False],
        [False, False, False, False]]
HTER = [0.111, 0.6, 0.0]


def _interleave(bad: list[bool]) -> str:
    tags = ["OK"]
    for flag in bad:
        tags += ["BAD" if flag else "OK", "OK"]
    return " ".join(tags)


@pytest.fixture()
def mlqe(tmp_path):
    folder = tmp_path / "mlqe"
    folder.mkdir()
    (folder / "dev.mt").write_text("\n".join(MT) + "\n")
    (folder / "dev.pe").write_text("\n".join(PE) + "\n")
    (folder / "dev.tags").write_text("\n".join(_interleave(t) for t in TAGS) + "\n")
    (folder / "dev.hter").write_text("\n".join(str(h) for h in HTER) + "\n")
    return folder


def test_char_flags_map_back_to_corpus_tokens():
    tokens = ["It", "'s", "the", "patient", "'s", "pills", "."]
    text = "It's the patient's pills."
    flags = [(text.index("patient"), text.index("patient") + 9)]  # "patient's"
    assert token_flags(tokens, text, flags) == [False, False, False, True, True, False, False]


def test_eval_mlqe_scores_an_oracle_and_do_nothing(mlqe):
    def oracle(texts):
        out = []
        for text, tags, tokens in zip(texts, TAGS, MT, strict=True):
            from textfix.models.words import align_tokens

            spans = align_tokens(tokens.split(), text)
            out.append(SystemOutput([s for s, bad in zip(spans, tags, strict=True) if bad],
                                    text, sum(tags) / len(tags)))
        return out

    def nothing(texts):
        return [SystemOutput([], t, None) for t in texts]

    report = eval_mlqe(mlqe, {"nothing": nothing, "quality": oracle}, log=lambda m: None)
    best, idle = report["systems"]["quality"], report["systems"]["nothing"]
    assert best["mcc"] == pytest.approx(1.0) and best["f1_bad"] == pytest.approx(1.0)
    assert best["pearson_hter"] > 0.9
    assert idle["mcc"] == 0.0 and idle["pearson_hter"] is None
    assert idle["ter"] > 0 and idle["changed_sentences"] == 0


def test_eval_cli_prints_a_table_and_writes_json(mlqe, tmp_path, capsys):
    jfleg = tmp_path / "jfleg"
    jfleg.mkdir()
    (jfleg / "dev.src").write_text("He go to school yesterday .\nShe have two cat .\n")
    (jfleg / "dev.ref0").write_text("He went to school yesterday .\nShe has two cats .\n")
    (jfleg / "dev.ref1").write_text("He went to the school yesterday .\nShe has two cats .\n")
    out = tmp_path / "eval.json"
    code = main(["eval", "--mlqe", str(mlqe), "--jfleg", str(jfleg),
                 "--systems", "nothing,harper", "--json", str(out)])
    assert code == 0
    table = capsys.readouterr().out
    assert "do nothing" in table and "harper alone" in table and "GLEU" in table
    report = json.loads(out.read_text())
    assert set(report["mlqe"]["systems"]) == {"nothing", "harper"}
    assert report["mlqe"]["words"] == sum(len(t) for t in TAGS)
    assert 0.0 <= report["jfleg"]["systems"]["nothing"]["gleu"] <= 1.0


def test_eval_needs_data_and_known_systems(mlqe, capsys):
    assert main(["eval"]) == 2
    assert main(["eval", "--mlqe", str(mlqe), "--systems", "nothing,magic"]) == 2
    assert "unknown system" in capsys.readouterr().err


def test_eval_jfleg_on_the_shared_dev_set(shared_dir):
    folder = shared_dir / "data" / "jfleg-dev"
    nothing = {"nothing": lambda texts: [SystemOutput([], t, None) for t in texts]}
    report = eval_jfleg(folder, nothing, limit=200, log=lambda m: None)
    # the source copied unchanged scores about 0.38-0.41 GLEU on JFLEG in the literature
    assert 0.3 < report["systems"]["nothing"]["gleu"] < 0.5


def test_jfleg_odd_lines_are_the_held_out_half(tmp_path):
    from textfix.training.data import read_jfleg

    (tmp_path / "dev.src").write_text("a0\na1\na2\na3\na4\n")
    (tmp_path / "dev.ref0").write_text("b0\nb1\nb2\nb3\nb4\n")
    assert read_jfleg(tmp_path, lines="odd") == (["a1", "a3"], [["b1", "b3"]])
    assert read_jfleg(tmp_path, lines="even", limit=2) == (["a0", "a2"], [["b0", "b2"]])
    assert read_jfleg(tmp_path)[0] == ["a0", "a1", "a2", "a3", "a4"]
