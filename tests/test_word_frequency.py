"""The spelling check's frequency look-up gives wordfreq's own Zipf figures, fast or not."""

from wordfreq import zipf_frequency

from textfix.checks.grammar.frequency import one_edit, zipf


def test_the_direct_table_look_up_equals_zipf_frequency():
    words = ["the", "cannula", "recieve", "occured", "catarrhal", "Hypertension", "don't",
             "café", "covid-19", "mmol", "zzzzqx", "naïve", "e.g."]
    words += sorted(one_edit("plasmid"))
    for word in words:
        assert zipf(word) == zipf_frequency(word.lower(), "en"), word
    assert zipf("recieve") > 2 and zipf("zzzzqx") == 0.0  # misspellings are in the list too
