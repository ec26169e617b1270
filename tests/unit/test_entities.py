"""Entity extraction: hand-labelled gold sentences, the sample article, span invariants."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from relexplorer.extract.entities import find_entities, load_gazetteer
from relexplorer.extract.sentences import split_sentences
from relexplorer.model import ENTITY_KINDS, Mention
from tests.helpers import paths

DATA = paths.DATA
SAMPLE = paths.SAMPLE


def _one(text: str) -> list[Mention]:
    return find_entities(text, [(0, len(text))])[0]


def _pairs(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.kind) for m in _one(text)}


def score(gold_file: str) -> tuple[float, float, float]:
    """Precision, recall and canonical-name accuracy on a gold file.

    The sentences are joined into one document, so that bare surnames resolve across them as
    they would in an article. A mention counts when its surface text and kind match.
    """
    gold = yaml.safe_load((DATA / gold_file).read_text(encoding="utf-8"))
    text, spans = "", []
    for item in gold:
        start = len(text)
        text += item["text"]
        spans.append((start, len(text)))
        text += "\n\n"
    tp = fp = fn = named = 0
    for item, mentions in zip(gold, find_entities(text, spans), strict=True):
        predicted = Counter((m.text, m.kind) for m in mentions)
        expected = Counter((s, k) for s, k, _ in item["mentions"] or [])
        names = {(s, k): n for s, k, n in item["mentions"] or []}
        hit = predicted & expected
        tp += sum(hit.values())
        fp += sum((predicted - expected).values())
        fn += sum((expected - predicted).values())
        named += sum(
            1 for m in mentions if (m.text, m.kind) in hit and names[(m.text, m.kind)] == m.name
        )
    return tp / (tp + fp), tp / (tp + fn), named / max(tp, 1)


def test_lists_inside_organisation_names_and_project_names():
    pairs = _pairs("Japan's Ministry of Agriculture, Forestry and Fisheries objected.")
    assert ("Ministry of Agriculture, Forestry and Fisheries", "organization") in pairs
    assert _pairs("They kept stakes in Sakhalin-2 and Yamal-3.") == set()


def _sample_mentions() -> tuple[str, list[Mention]]:
    text = SAMPLE.read_text(encoding="utf-8")
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        spans += split_sentences(text, m.start(), m.end())
    return text, [m for ms in find_entities(text, spans) for m in ms]


def test_sample_article_people_organisations_places():
    _, mentions = _sample_mentions()
    names = {(m.name, m.kind) for m in mentions}
    # Read off the article by hand.
    for person in ("Xi Jinping", "Vladimir Putin", "Donald Trump", "Denisov", "Glazyev", "Wang Yi"):
        assert (person, "person") in names, person
    for org in (
        "Communist Party of China",
        "CPC Central Committee",
        "Russia-China Friendship Association",
        "Russian Direct Investment Fund",
        "Export-Import Bank of China",
        "Russian Agricultural Bank",
        "Rosneft",
    ):
        assert (org, "organization") in names, org
    for place in (
        "China",
        "Russia",
        "United States",
        "Moscow",
        "Kazan",
        "Harbin",
        "Shanghai",
        "Baltic Sea",
        "Sea of Okhotsk",
        "Russian Far East",
    ):
        assert (place, "place") in names, place


def test_sample_article_nothing_silly():
    text, mentions = _sample_mentions()
    silly = {
        "Although", "Cooperation", "The", "In", "When", "Russian", "Chinese", "American",
        "Western", "West", "Just", "Faced", "Military", "Security", "Navies", "Moon",
        "Students", "Meanwhile", "Prime", "Su-35s", "S-400", "CR929", "AHL", "LNG",
    }  # fmt: skip
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.text not in silly, m
        assert not m.text.startswith(("The ", "In ", "Although ")), m
    kinds = {m.name: m.kind for m in mentions}
    assert "Russian" not in kinds and "Chinese" not in kinds


def test_titles_and_bare_surnames_group_under_one_name():
    text = (
        "President Xi Jinping met President Putin in Moscow. "
        "Xi Jinping said the talks went well. "
        "Xi and Putin then signed a statement."
    )
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    mentions = [m for ms in find_entities(text, spans) for m in ms]
    xi = [m for m in mentions if m.name == "Xi Jinping"]
    assert [m.text for m in xi] == ["Xi Jinping", "Xi Jinping", "Xi"]
    assert all(m.kind == "person" for m in xi)
    assert [m.text for m in mentions if m.name == "Vladimir Putin"] == ["Putin", "Putin"]


def test_unlisted_people_found_by_title_then_by_surname():
    text = (
        "Ambassador Igor Morgulov visited Harbin. "
        "Morgulov praised the province. "
        "Foreign Minister Zhang Wenyu met him. "
        "Zhang said trade would grow."
    )
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    result = find_entities(text, spans)
    assert ("Morgulov", "Igor Morgulov") in {(m.text, m.name) for m in result[1]}
    assert ("Zhang", "Zhang Wenyu") in {(m.text, m.name) for m in result[3]}


def test_title_with_complement_and_appositive():
    assert ("Denisova", "person") in _pairs("The Russian Ambassador to China Denisova said so.")
    assert ("Kovalchuk", "person") in _pairs(
        "Kovalchuk, adviser to the Russian government, disagreed."
    )
    assert ("Priya Raman", "person") in _pairs("According to Priya Raman, the deal is off.")


def test_hyphenated_compounds_mention_each_party():
    text = "The China-Russia and US-Japan relationships differ."
    mentions = _one(text)
    assert [(m.text, m.name) for m in mentions] == [
        ("China", "China"),
        ("Russia", "Russia"),
        ("US", "United States"),
        ("Japan", "Japan"),
    ]
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_demonyms_and_sentence_openers_are_not_entities():
    assert _one("Russian and Chinese experts disagree.") == []
    assert _one("Although cooperation grew, Cooperation Councils remain rare.") == []
    assert _one("In addition, Western sanctions bite.") == []


def test_organisations_by_rule():
    pairs = _pairs(
        "Later the Kazakh Railway Company signed with the Ministry of Transport of Mongolia."
    )
    assert ("Kazakh Railway Company", "organization") in pairs
    assert ("Ministry of Transport of Mongolia", "organization") in pairs
    pairs = _pairs("Yangtze Oil and Gas Co., Ltd. bought a stake.")
    assert ("Yangtze Oil and Gas Co., Ltd.", "organization") in pairs
    mention = next(
        m for m in _one("Yangtze Oil and Gas Co., Ltd. bought a stake.") if m.kind == "organization"
    )
    assert mention.name == "Yangtze Oil and Gas"


def test_acronym_defined_in_text_resolves_later():
    text = "The Eurasian Development Bank (EDB) lent more. Later the EDB lent less."
    spans = [(0, 46), (47, len(text))]
    later = find_entities(text, spans)[1]
    assert [(m.text, m.name, m.kind) for m in later] == [
        ("EDB", "Eurasian Development Bank", "organization")
    ]


def test_headings_only_get_known_names():
    assert _pairs("III. Energy Security Forum Outcomes Between Russia And Japan") == {
        ("Russia", "place"),
        ("Japan", "place"),
    }


def test_place_named_for_an_agreement_is_not_a_place():
    assert ("Paris", "place") not in _pairs("They upheld the Paris Agreement on climate.")
    assert ("Paris", "place") in _pairs("They met in Paris on climate.")


def test_gazetteer_surface_forms_are_unambiguous():
    raw = yaml.safe_load(
        (paths.REPO / "src/relexplorer/data/gazetteer.yaml").read_text("utf-8")
    )
    seen: dict[str, str] = {}
    for section in ("places", "organizations", "people"):
        for name, aliases in raw[section].items():
            for surface in [name, *(aliases or [])]:
                assert seen.get(surface, name) == name, (
                    f"{surface} names {seen[surface]} and {name}"
                )
                seen[surface] = name
    gaz = load_gazetteer()
    assert "Russian" not in gaz.entries and "Chinese" not in gaz.entries


@pytest.mark.parametrize("text", ["", "   ", "...", "ÜÉ", "a-b-c", "’s", "U.S.’s", "Mr.", "-- X"])
def test_odd_inputs_do_not_crash(text):
    for m in find_entities(text, [(0, len(text))])[0]:
        assert text[m.start : m.end] == m.text


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("abcXYZ -’',.()&\n")
            + ["China", "Russia", "President ", "Bank", " of ", "Xi", "Wang Yi", "Ltd.", "’s"]
        ),
        max_size=40,
    ).map("".join),
    st.lists(st.tuples(st.integers(0, 130), st.integers(0, 130)), max_size=5),
)
def test_spans_always_hold(text, raw_spans):
    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in raw_spans]
    result = find_entities(text, spans)
    assert len(result) == len(spans)
    for (start, end), mentions in zip(spans, result, strict=True):
        last = start
        for m in mentions:
            assert text[m.start : m.end] == m.text
            assert start <= m.start < m.end <= end
            assert m.start >= last  # sorted, no overlap
            last = m.end
            assert m.kind in ENTITY_KINDS
            assert m.name


def test_long_runs_of_capitalised_words_stay_fast():
    import time

    text = " ".join(["Xyzzy", "Plugh", "Bank", "Of", "Foo"] * 2000) + "."
    started = time.perf_counter()
    for m in _one(text):
        assert text[m.start : m.end] == m.text
    assert time.perf_counter() - started < 3


if __name__ == "__main__":
    # python tests/test_entities.py: print the scores the tests assert on.
    for name in ("entities_gold.yaml", "entities_heldout.yaml", "entities_heldout2.yaml"):
        p, r, n = score(name)
        print(
            f"{name:24} precision {p:.3f}  recall {r:.3f}  F1 {2 * p * r / (p + r):.3f}  names {n:.3f}"
        )
