"""Finding the speakers of a document's facts, paragraph by paragraph.

In each paragraph, each fact's own cues are resolved in order (a named speaker first, "according
to" next, an unnamed claim last); then each quotation lends its speaker to the facts that lie
mostly inside it and have no cue of their own: the speaker of a cue next to the quotation, else
the last one who spoke before it in the paragraph, else, for a quotation that opens a paragraph,
the one who spoke last in the paragraph before.
"""

from __future__ import annotations

from relexplorer.extract.speakers.cues import BE_FORMS, Cue, find_cues
from relexplorer.extract.speakers.names import full_names
from relexplorer.extract.speakers.quotes import Quote, quoted_share, quotes_in, words_of
from relexplorer.extract.speakers.resolve import Paragraph, Resolver
from relexplorer.extract.speakers.vocabulary import TOKEN_PUNCTUATION, Vocabulary, vocabulary
from relexplorer.model import Fact, Speaker

# A fact at least this much inside quotations, with no cue of its own, is the quotation's.
QUOTED_SHARE_MIN = 0.5
# How much of a sentence after its last word of attribution is read (characters).
_AFTER_CUE = 80
# Particles that are words (not marks), which the quick look at a sentence can check.
_PLAIN_WORDS = frozenset(
    "that out for on it them him her the a this as whether if why how what when".split()
)
def _has_quote_mark(passage: str) -> bool:
    # A few substring tests run at the speed of C, a character class does not.
    return any(mark in passage for mark in _QUOTE_MARKS)


_QUOTE_MARKS = ("“", "”", '"', "‘", "«", "»")
# How far into a paragraph with no speaker the person it introduces may be named (characters).
_INTRODUCED_REACH = 60
# A quotation lent to a fact must run to its end, give or take its closing punctuation.
_CLOSING_SLACK = 3
# Unnamed speakers whose role the article later gives to a name.
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})
# The order in which a fact's cues are tried: a named speaker before a conduit or a hedge.
_PRIORITY = {"subject": 0, "inverted": 0, "pronoun": 0, "clause": 0, "according": 1, "unnamed": 2}


def find_speakers(text: str, facts: list[Fact]) -> list[list[Speaker]]:
    """For each fact, its speakers (none: the author speaks).

    ``facts`` are in document order with their ``paragraph`` and ``mentions`` set; every cue
    span indexes ``text``.
    """
    finder = _Finder(text, facts)
    group: list[int] = []
    for i, fact in enumerate(facts):
        if group and fact.paragraph != facts[group[-1]].paragraph:
            finder.paragraph(group)
            group = []
        group.append(i)
    if group:
        finder.paragraph(group)
    _name_later(finder.found, finder.resolver)
    full_names(finder.found, facts, text, finder.vocab)
    return finder.found


class _Finder:
    """The state carried from one paragraph to the next."""

    def __init__(self, text: str, facts: list[Fact]):
        self.text = text
        self.facts = facts
        self.vocab: Vocabulary = vocabulary()
        self.resolver = Resolver(text, facts, self.vocab)
        self.found: list[list[Speaker]] = [[] for _ in facts]
        self.carry: Speaker | None = None  # who spoke last in the paragraph before
        self.pending: list[int] = []  # facts of a quotation that ran on into this paragraph
        self.pending_carry: Speaker | None = None  # their speaker if this paragraph names none

    def paragraph(self, indices: list[int]) -> None:
        """Find the speakers of the facts ``indices`` of one paragraph."""
        text, facts, vocab = self.text, self.facts, self.vocab
        start, end = facts[indices[0]].start, facts[indices[-1]].end
        quotes = quotes_in(text, start, end) if _has_quote_mark(text[start:end]) else []
        para = Paragraph(quotes)
        own: dict[int, Speaker] = {}
        for i in indices:
            fact = facts[i]
            self.resolver.read(fact, para)
            last = self._attributes(fact.start, fact.end)
            if not last:
                continue  # no word of attribution: the author's, or a quotation's (below)
            # The sentence up to a little past its last word of attribution: enough for the
            # subject after a verb and for what follows it ("as", "that", a quotation).
            words = words_of(text, fact.start, min(fact.end, last + _AFTER_CUE), quotes)
            speaker = _own_speaker(self.resolver, find_cues(words, vocab), words, fact, para)
            if speaker is not None:
                own[i] = speaker
                self.resolver.spoke(speaker, fact.start, para)
        result = dict(own)
        self._run_on(quotes, indices, own, result, para, start)
        for quote in quotes:
            if not quote.closed and not any(i in own for i in _inside(quote, indices, facts)):
                # Runs on with no cue here: whoever the next paragraph names says it.
                self.pending = [i for i in _inside(quote, indices, facts) if i not in result
                                and quoted_share(facts[i].start, facts[i].end, [quote], text) >= QUOTED_SHARE_MIN]
                self.pending_carry = _lend(quote, indices, facts, own, {}, para, self.carry, text, start, dry=True)
                continue
            _lend(quote, indices, facts, own, result, para, self.carry, text, start)
        for i, speaker in result.items():
            self.found[i] = [speaker]
        self.resolver.next_paragraph(para)
        self.carry = result.get(indices[-1]) or (None if result else self._introduced(facts[indices[0]]))

    def _introduced(self, fact: Fact) -> Speaker | None:
        """'Russell Bradbrooke has reservations about the project.' then a quotation with no cue:
        the person a paragraph with no speaker opens on, to lend to such a quotation."""
        opening = self.resolver.opening_name(fact)
        if opening:
            return Speaker(opening, "person", fact.start, fact.start + len(opening))
        m = next((m for m in fact.mentions if m.kind == "person"), None)
        if m is None or m.start - fact.start > _INTRODUCED_REACH or self.text[fact.start] in _QUOTE_MARKS:
            return None
        return Speaker(m.name, "person", m.start, m.end)

    def _attributes(self, start: int, end: int) -> int:
        """Where the last word in ``text[start:end]`` that may start a cue ("said",
        "according") ends, or 0 when there is none."""
        vocab = self.vocab
        tokens = self.text[start:end].split()
        if vocab.trigger_tokens.isdisjoint(tokens):
            return 0
        words = [t.strip(TOKEN_PUNCTUATION) for t in tokens]
        last = ""
        for k, word in enumerate(words):
            if word not in vocab.trigger_words:
                continue
            low = word.lower()
            if (low in vocab.passive_by or low in vocab.passive_unnamed) and any(
                w in BE_FORMS for w in words[max(0, k - 3) : k]
            ):
                last = word  # a passive: "has been accused", "was ruled illegal by"
            elif low in vocab.verbs or low in vocab.evidential or low in vocab.according_words:
                needs = vocab.particles.get(low)
                if needs is None or not needs <= _PLAIN_WORDS or (k + 1 < len(words) and words[k + 1] in needs):
                    last = word  # "announced" only before "that" (marks such as ":" are not checked)
        return self.text.rfind(last, start, end) + len(last) if last else 0

    def _run_on(self, quotes: list[Quote], indices: list[int], own: dict[int, Speaker],
                result: dict[int, Speaker], para: Paragraph, start: int) -> None:
        """Give the facts of a quotation that ran on into this paragraph their speaker: the one
        named for the quotation that opens this paragraph, else the one before."""
        pending, fallback = self.pending, self.pending_carry
        self.pending, self.pending_carry = [], None
        if not pending:
            return
        speaker = fallback
        if quotes and quotes[0].start == start:
            first = _lend(quotes[0], indices, self.facts, own, result, para, None, self.text, start)
            speaker = first or fallback
            self.carry = speaker
        if speaker is not None:
            for i in pending:
                self.found[i] = [Speaker(speaker.name, speaker.kind, speaker.cue_start, speaker.cue_end)]


def _name_later(found: list[list[Speaker]], resolver: Resolver) -> None:
    """"a Chinese spokesman said" in the lead, "spokesman Gao Feng" further down: the
    spokesperson the article names is the one it described first."""
    for speakers in found:
        for k, sp in enumerate(speakers):
            role = sp.name.split()[-1].lower() if sp.kind == "unnamed" else ""
            named = resolver.roles.get(role) if role in _SPOKESPEOPLE else None
            if named:
                speakers[k] = Speaker(named, "person", sp.cue_start, sp.cue_end)


def _own_speaker(resolver: Resolver, cues: list[Cue], words, fact: Fact, para: Paragraph) -> Speaker | None:
    # A closing ", the official said." speaks for the whole sentence, findings it reports included.
    # '..., he said, adding that ...': the participle's subject is the speaker named before it.
    named = [c.start for c in cues if c.form in ("subject", "inverted", "pronoun")]
    cues = [c for c in cues if not (c.form == "clause" and any(at < c.start for at in named))]
    for cue in sorted(cues, key=lambda c: (_PRIORITY[c.form], not c.outer, c.start)):
        speaker = resolver.speaker(cue, words, fact, para)
        if speaker is not None:
            return speaker
    return None


def _lend(
    quote: Quote,
    indices: list[int],
    facts: list[Fact],
    own: dict[int, Speaker],
    result: dict[int, Speaker],
    para: Paragraph,
    carry: Speaker | None,
    text: str,
    para_start: int,
    dry: bool = False,
) -> Speaker | None:
    """Give ``quote``'s speaker to the facts inside it that have none of their own (with
    ``dry``, only find it); return the speaker."""
    inside = _inside(quote, indices, facts)
    speaker = next(
        (own[i] for i in inside if i in own and not quote.start <= own[i].cue_start < quote.end), None
    )
    if speaker is None:
        # '"... on the Chinese part?" He Jianxiong ... said': the cue opens the next sentence.
        after = next((i for i in indices if facts[i].start >= quote.end), None)
        if after is not None and after in own and facts[after].start - quote.end <= _CLOSING_SLACK \
                and own[after].cue_start - facts[after].start <= _CLOSING_SLACK:
            speaker = own[after]
    if speaker is None:
        before = [s for pos, s in para.speakers if pos < quote.start]
        speaker = before[-1] if before else None
    if speaker is None and quote.start == para_start:
        speaker = carry
    if speaker is None or dry:
        return speaker
    for i in inside:
        fact = facts[i]
        # A quotation that completes its sentence ('Evolutionary, because "we have ..."'), not
        # a quoted phrase in the author's sentence ('For the question "...", 24 percent ...').
        completes = quote.end >= fact.end - _CLOSING_SLACK or not quote.closed
        if i not in result and completes and quoted_share(fact.start, fact.end, [quote], text) >= QUOTED_SHARE_MIN:
            result[i] = Speaker(speaker.name, speaker.kind, speaker.cue_start, speaker.cue_end)
    return speaker


def _inside(quote: Quote, indices: list[int], facts: list[Fact]) -> list[int]:
    return [i for i in indices if facts[i].start < quote.end and facts[i].end > quote.start]
