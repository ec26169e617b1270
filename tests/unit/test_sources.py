"""Source tags: a short outlet or author name and the year, told apart when two are equal."""

from __future__ import annotations

import pytest

from relexplorer.sources import TagSource, base_tag, short_author, short_outlet, source_tags


@pytest.mark.parametrize(("outlet", "short"), [
    ("Peace and Development", "Peace&Dev"),
    ("Peace and Development No. 2, 2018", "Peace&Dev"),  # the journal, not its issue
    ("Center for Strategic and International Studies", "CSIS"),
    ("Carnegie Endowment for International Peace (CEIP)", "CEIP"),
    ("South China Morning Post", "SCMP"),
    ("The Japan Times", "Japan Times"),
    ("Bangkok Post", "Bangkok Post"),
    ("Xinhua News Agency", "Xinhua"),
    ("CSIS", "CSIS"),
    ("", ""),
    ("2018", ""),
])
def test_short_outlet(outlet, short):
    assert short_outlet(outlet) == short


@pytest.mark.parametrize(("author", "short"), [
    ("Evan S. Medeiros", "Medeiros"),
    ("Anthony H. Cordesman and Paul Cormarie", "Cordesman"),
    ("Zhao Mingwen, Li Wei", "Mingwen"),
    ("CSIS China Power Team", "CSIS"),
    ("", ""),
])
def test_short_author(author, short):
    assert short_author(author) == short


def test_the_tag_falls_back_from_outlet_to_author_to_host_to_title():
    assert base_tag(TagSource(1, source="Peace and Development", author="Zhao", published="2018-06-07")) \
        == "Peace&Dev 2018"
    assert base_tag(TagSource(1, author="Maria Snegovaya", published="2024")) == "Snegovaya 2024"
    assert base_tag(TagSource(1, url="https://www.reuters.com/world/x", published="2016-03-05")) == "reuters 2016"
    assert base_tag(TagSource(1, title="China to spend more on its military")) == "China spend"
    assert base_tag(TagSource(1, slug="")) == "doc"


def test_equal_tags_get_letters_in_order_of_publication_and_stay_short():
    docs = [TagSource(7, source="CSIS", published="2022-11-02"), TagSource(3, source="CSIS", published="2022-08-23"),
            TagSource(5, source="CSIS", published="2023-01-01"), TagSource(9, source="Peace and Development")]
    tags = source_tags(docs)
    assert tags == {3: "CSIS 2022a", 7: "CSIS 2022b", 5: "CSIS 2023", 9: "Peace&Dev"}
    assert len(set(tags.values())) == len(tags)
    assert all(len(t) <= 18 for t in tags.values())


def test_many_equal_tags_stay_distinct():
    docs = [TagSource(i, source="Reuters", published="2020-01-01") for i in range(30)]
    assert len(set(source_tags(docs).values())) == 30
