"""Speakers: who says each fact, for the genre's quotes and reported speech; no model.

For each fact, the person or body whose words or position it reports, with the span of the
attribution cue: direct quotes ('"...," Putin said'), reported speech ("Wang Yi said that",
"according to the ministry"), pronouns and roles resolved within the paragraph and the article
("he said", "the president"), unnamed sources ("analysts say") as kind ``unnamed``. A fact with
no speaker is the author's.

- :mod:`.vocabulary`: the words of attribution (``data/speakers.yaml``);
- :mod:`.quotes`: quotations of a paragraph and the words of a sentence;
- :mod:`.cues`: a sentence's attribution cues and where their subjects stand;
- :mod:`.resolve`: a subject to a canonical name and kind, with the article's roles and pronouns;
- :mod:`.finder`: the document, paragraph by paragraph, and quotations lent to their facts.
"""

from relexplorer.extract.speakers.finder import find_speakers

__all__ = ["find_speakers"]
