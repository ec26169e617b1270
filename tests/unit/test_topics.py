"""Topic tagging: the bundled taxonomy, hand-labelled sentences, the third-countries rule."""

from __future__ import annotations

import functools

from hypothesis import given, settings
from hypothesis import strategies as st

from relexplorer.extract.topics import Taxonomy, Topic, guess_parties, load_taxonomy
from tests.helpers import paths

DATA = paths.DATA


@functools.cache
def _bundled() -> Taxonomy:
    return load_taxonomy()


NAMES = [
    "trade", "energy", "finance", "military", "diplomacy", "transport", "technology",
    "tourism", "opinion", "third-countries",
]  # fmt: skip


def test_bundled_taxonomy_has_the_ten_themes():
    taxonomy = load_taxonomy()
    assert [t.name for t in taxonomy.topics] == NAMES
    labels = taxonomy.labels()
    assert labels["finance"] == "Finance and investment"
    assert labels["military"] == "Military and security"
    assert all(isinstance(t, Topic) and t.label and t.description for t in taxonomy.topics)


def test_word_boundaries_and_case():
    taxonomy = load_taxonomy()
    assert taxonomy.tag("A traditional and important approach.") == []
    assert taxonomy.tag("TRADE grew.") == ["trade"]
    assert taxonomy.tag("Anti-missile systems were deployed.") == ["military"]
    assert "trade" in taxonomy.tag("Cross-border e-commerce boomed.")


def test_several_topics_or_none():
    taxonomy = load_taxonomy()
    tags = taxonomy.tag("The bank financed a gas pipeline and a railway.")
    assert tags == ["energy", "finance", "transport"]  # taxonomy order
    assert taxonomy.tag("It happened on a Tuesday.") == []


def test_exclusions():
    taxonomy = load_taxonomy()
    assert "military" not in taxonomy.tag("Energy security matters to Europe.")
    assert "military" in taxonomy.tag("Energy security and military security both matter.")
    assert "diplomacy" not in taxonomy.tag("Mediation by third parties failed.")


def test_third_countries_with_and_without_parties():
    taxonomy = load_taxonomy()
    sentence = "The China-US relationship worsened."
    assert "third-countries" in taxonomy.tag(sentence, parties={"China", "Russia"})
    assert "third-countries" not in taxonomy.tag(sentence, parties={"China", "United States"})
    # Without parties, a sentence needs three countries or an explicit phrase.
    assert "third-countries" not in taxonomy.tag(sentence)
    assert "third-countries" in taxonomy.tag("China, Russia and India met in Delhi.")
    assert "third-countries" in taxonomy.tag("Sanctions on third countries were discussed.")
    # Sea of Japan is a sea, not Japan.
    assert "third-countries" not in taxonomy.tag(
        "They sailed in the Sea of Japan.", parties={"China", "Russia"}
    )
    # A bloc that is a party covers its members.
    assert "third-countries" not in taxonomy.tag(
        "French wine sold well in China.", parties={"European Union", "China"}
    )


def test_tag_all_guesses_the_parties():
    taxonomy = load_taxonomy()
    sentences = [
        "India and Japan signed a deal.",
        "Japan will invest in India.",
        "Indian and Japanese firms agreed.",
        "China watched closely.",
    ]
    assert guess_parties(taxonomy, sentences) == {"India", "Japan"}
    tags = taxonomy.tag_all(sentences)
    assert "third-countries" not in tags[0]
    assert "third-countries" in tags[3]


def test_custom_taxonomy_file(tmp_path):
    path = tmp_path / "taxonomy.yaml"
    path.write_text(
        "topics:\n"
        "  - name: fish\n"
        "    label: Fisheries\n"
        "    keywords: [fish, salmon, fishing quota]\n"
        "    prefixes: [trawl]\n"
        "    exclude: [fish out of water]\n",
        encoding="utf-8",
    )
    taxonomy = load_taxonomy(path)
    assert isinstance(taxonomy, Taxonomy)
    assert taxonomy.tag("Salmon exports rose.") == ["fish"]
    assert taxonomy.tag("Trawlers left port.") == ["fish"]
    assert taxonomy.tag("The fishing  quota was cut.") == ["fish"]
    assert taxonomy.tag("Like a fish out of water.") == []
    assert taxonomy.tag("A fish out of water eats fish.") == ["fish"]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_tags_without_error(text):
    taxonomy = _bundled()
    tags = taxonomy.tag(text)
    assert set(tags) <= set(NAMES)
    assert (
        taxonomy.tag_all([text, text])
        == [taxonomy.tag(text, guess_parties(taxonomy, [text, text]))] * 2
    )


def test_parties_do_not_depend_on_the_hash_seed():
    """A tie between the second and third country is broken the same way in every process."""
    import subprocess
    import sys

    code = ("from relexplorer.extract.topics import guess_parties, load_taxonomy\n"
            "s = ['China, Russia and India met in 2019.'] * 2 + ['China spoke first.']\n"
            "print(sorted(guess_parties(load_taxonomy(), s)))")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in range(6)}
    assert len(seen) == 1, seen
