"""Speakers: who says each fact, on short hand-written articles run through the whole extraction.

Each test states one rule of attribution (a quote, reported speech, a pronoun, a role, an unnamed
source, the author) and checks the speaker of the facts it concerns.
"""

from __future__ import annotations

import pytest

from relexplorer.extract import extract
from relexplorer.extract.speakers import find_speakers
from relexplorer.read import read_text

HEADER = "Leaders Meet\nBy Jane Doe\nExample News, 5 June 2019\n\n"


def speakers_of(body: str) -> dict[str, list[tuple[str, str]]]:
    """Each fact's text (whitespace-joined) -> its speakers as (name, kind)."""
    doc = extract(read_text(HEADER + body))
    for fact in doc.facts:
        for sp in fact.speakers:
            assert 0 <= sp.cue_start <= sp.cue_end <= len(doc.text)
    return {" ".join(f.text.split()): [(s.name, s.kind) for s in f.speakers] for f in doc.facts}


def who(result: dict, fragment: str) -> list[tuple[str, str]]:
    matches = [v for k, v in result.items() if fragment in k]
    assert len(matches) == 1, f"{fragment!r} in {list(result)}"
    return matches[0]


def test_a_direct_quote_with_its_cue_after_it_and_a_canonical_name():
    result = speakers_of(
        "Russian President Vladimir Putin arrived in Beijing on Tuesday.\n\n"
        "\u201cOur relations have never been better,\u201d Putin said.\n"
    )
    assert who(result, "never been better") == [("Vladimir Putin", "person")]
    assert who(result, "arrived in Beijing") == []


def test_a_quote_over_several_sentences_belongs_to_its_speaker_throughout():
    result = speakers_of(
        "\u201cWe haven\u2019t seen the report,\u201d said Dmitry Peskov, the Kremlin spokesman. "
        "\u201cHardly anyone has seen it. We cannot comment.\u201d\n"
    )
    for fragment in ("seen the report", "Hardly anyone", "cannot comment"):
        assert who(result, fragment) == [("Dmitry Peskov", "person")]


def test_a_quote_running_on_into_the_next_paragraph_takes_the_speaker_named_there():
    result = speakers_of(
        "\u201cThe fighting must stop. Civilians are dying.\n\n"
        "\u201cWe call on all parties to respect the truce,\u201d Maria Lopez said.\n"
    )
    assert who(result, "fighting must stop") == [("Maria Lopez", "person")]
    assert who(result, "respect the truce") == [("Maria Lopez", "person")]


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("Foreign Minister Wang Yi said that the two countries would deepen cooperation.", "Wang Yi", "person"),
        ("Chinese foreign ministry spokeswoman Hua Chunying told reporters the sanctions were illegal.",
         "Hua Chunying", "person"),
        ("According to the Russian foreign ministry, the talks lasted four hours.", "Russian Foreign Ministry",
         "organization"),
        ("Russia insists the sanctions are illegal.", "Russian government", "organization"),
        ("Washington has denied any involvement.", "United States government", "organization"),
        ("The European Union warned that it would respond.", "European Union", "organization"),
        ("Sergey Lavrov, Russia\u2019s foreign minister, stressed that no third party was targeted.",
         "Sergey Lavrov", "person"),
    ],
)
def test_reported_speech(sentence, name, kind):
    assert who(speakers_of(sentence + "\n"), sentence[:25]) == [(name, kind)]


def test_pronouns_and_roles_resolve_to_the_leaders_of_an_alternating_report():
    result = speakers_of(
        "Turkish President Recep Tayyip Erdogan and Russian President Vladimir Putin met in Moscow.\n\n"
        "\u201cWe agreed on a ceasefire,\u201d the Turkish leader said at a joint news conference.\n\n"
        "\u201cIt will hold,\u201d Putin said. \u201cI am sure of it,\u201d he added.\n\n"
        "\u201cWe will respond to any attack,\u201d Erdogan said. He added that Turkey wanted peace.\n"
    )
    erdogan = who(result, "agreed on a ceasefire")[0][0]
    assert erdogan.startswith("Recep Tayyip Erdo")
    assert who(result, "It will hold") == [("Vladimir Putin", "person")]
    assert who(result, "I am sure of it") == [("Vladimir Putin", "person")]
    assert who(result, "Turkey wanted peace")[0][0] == erdogan


def test_a_pronoun_ignores_people_named_inside_the_quotation():
    result = speakers_of(
        "Syrian President Bashar al-Assad spoke on state television.\n\n"
        "\u201cErdogan is unable to explain this war,\u201d he told the channel.\n"
    )
    assert who(result, "unable to explain")[0][0] == "Bashar al-Assad"


@pytest.mark.parametrize(
    "sentence",
    [
        "Analysts say the economy is slowing.",
        "An expert said the deal would not change much.",
        "A senior EU official told Reuters that Brussels was concerned.",
        "Those held are allegedly subjected to forced labour.",
        "The report was said to be preliminary, officials said.",
    ],
)
def test_unnamed_sources(sentence):
    assert [kind for _, kind in who(speakers_of(sentence + "\n"), sentence[:20])] == ["unnamed"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Kremlin declined to comment on the report.",
        "Putin said nothing about the pipeline.",
        "The report, in what he called a provocation, was published on Monday.",
        "Moscow is expected to respond next week.",
        "Beijing's alleged treatment of minorities drew criticism.",
        "Trade between the two countries grew by 12 percent in 2018.",
        "They know that the sanctions will hurt.",
    ],
)
def test_no_speaker_where_nothing_is_reported(sentence):
    assert who(speakers_of(sentence + "\n"), sentence[:20]) == []


def test_the_cue_span_covers_the_attribution():
    text = HEADER + "\u201cSanctions will follow,\u201d he added. Moscow has denied it.\n"
    doc = extract(read_text(text))
    cues = [doc.text[s.cue_start : s.cue_end] for f in doc.facts for s in f.speakers]
    assert "Moscow has denied" in cues


def test_find_speakers_gives_one_list_per_fact_and_none_for_an_empty_document():
    doc = extract(read_text(HEADER + "Trade grew. Officials said it would grow more.\n"))
    assert len(find_speakers(doc.text, doc.facts)) == len(doc.facts)
    assert find_speakers("", []) == []
