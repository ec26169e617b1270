"""Helpers shared by the hostile-input tests: article generators, database checks, CLI runs."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from relexplorer import catalog
from relexplorer.cli import main
from relexplorer.model import ExtractedDocument, Fact, Figure, Mention, Metadata, Paragraph, Section
from relexplorer.store import open_store, sha256_text
from relexplorer.store.verify import verify_store

_SUBJECTS = ["Bilateral trade", "Energy cooperation", "The joint venture", "Tourism", "Investment",
             "Grain exports", "The new pipeline", "Cross-border e-commerce", "Military exercise"]
_VERBS = ["reached", "grew by", "rose to", "fell to", "amounted to", "exceeded"]
_FIGURES = ["$1.{n} billion", "{n}.5 percent", "{n} million tons", "{n}00 thousand tourists",
            "68 billion RMB", "five times", "the first 9 months", "2018 to 2022", "{n}th largest"]


def make_article(n: int, paragraphs: int = 6, *, title: str | None = None) -> str:
    """A plausible article of the genre, different for every ``n`` (reproducible)."""
    rng = random.Random(n)
    lines = [title or f"Relations Between Country {n} and Its Neighbour: Review Number {n}", "",
             f"By Author Number{n} | Published: 2019-0{1 + n % 9}-1{n % 10}", ""]
    for section in ("I", "II"):
        lines += [f"{section}. Cooperation in Area {section} Grew Steadily in Year {2000 + n}", ""]
        for p in range(paragraphs // 2):
            sentences = []
            for _ in range(rng.randint(2, 4)):
                fig = rng.choice(_FIGURES).format(n=rng.randint(1, 9))
                sentences.append(f"{rng.choice(_SUBJECTS)} in case {n}-{p} {rng.choice(_VERBS)} {fig} "
                                 f"in {2010 + rng.randint(0, 12)}, according to the ministry.")
            lines += [" ".join(sentences), ""]
    return "\n".join(lines)


def db_checksum(path: Path | str) -> str:
    """SHA-256 of a logical dump of every table (FTS shadow tables included) and the pragmas."""
    conn = sqlite3.connect(str(path))
    try:
        digest = hashlib.sha256()
        for line in conn.iterdump():
            digest.update(line.encode("utf-8", "surrogatepass"))
        for pragma in ("user_version", "application_id"):
            digest.update(str(conn.execute(f"PRAGMA {pragma}").fetchone()[0]).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def check_consistent(path: Path | str) -> dict[str, int]:
    """Assert the database opens, passes every integrity check and holds only whole documents.

    Returns the numbers of documents and facts.
    """
    store = open_store(path, create=False)
    try:
        assert store.rows("PRAGMA integrity_check")[0]["integrity_check"] == "ok"
        with store.transaction():  # the FTS index agrees with the facts table
            store.db.execute("INSERT INTO facts_fts (facts_fts, rank) VALUES ('integrity-check', 1)")
        for table in ("sections", "paragraphs", "facts", "figures", "fact_entities", "fact_topics"):
            orphans = store.rows(f"SELECT count(*) AS n FROM {table} WHERE document_id NOT IN "
                                 "(SELECT id FROM documents)")[0]["n"]
            assert orphans == 0, f"{orphans} rows of {table} belong to no document"
        for d in store.rows("SELECT id, slug, fact_count, figure_count FROM documents"):
            facts = store.rows("SELECT count(*) AS n FROM facts WHERE document_id = ?", [d["id"]])[0]["n"]
            figures = store.rows("SELECT count(*) AS n FROM figures WHERE document_id = ?", [d["id"]])[0]["n"]
            assert (facts, figures) == (d["fact_count"], d["figure_count"]), d["slug"]
        for e in store.rows("SELECT id, fact_count FROM entities"):
            assert e["fact_count"] == store.rows(
                "SELECT count(DISTINCT fact_id) AS n FROM fact_entities WHERE entity_id = ?", [e["id"]])[0]["n"]
        for t in store.rows("SELECT id, fact_count FROM topics"):
            assert t["fact_count"] == store.rows(
                "SELECT count(*) AS n FROM fact_topics WHERE topic_id = ?", [t["id"]])[0]["n"]
        for k in store.rows("SELECT kind, fact_count FROM figure_kinds"):
            assert k["fact_count"] == store.rows(
                "SELECT count(DISTINCT fact_id) AS n FROM figures WHERE kind = ?", [k["kind"]])[0]["n"]
        problems, _ = verify_store(store)
        assert problems == []
        return {"documents": catalog.counts(store).documents, "facts": catalog.counts(store).facts}
    finally:
        store.close()


def cli(db: Path | str, *args: str, env: dict | None = None):
    """Run ``relexplorer --db DB ARGS`` in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(main, ["--db", str(db), *args], env=env)


# -- a document written to break displays and offsets (built by hand, not by the extractor) --

SENTENCES = [
    "Markup [bold red]x[/] and [link=http://evil]click[/link] stays literal.",
    "ANSI \x1b[31mred\x1b[0m, clear \x1b[2J and OSC \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ stay inert.",
    "Controls: bell\x07 backspace\x08 carriage\rreturn tab\tend DEL\x7f C1\x9b and NUL\x00 here.",
    "Arabic العربية and Hebrew עברית with override \u202eesrever\u202c and isolates \u2067x\u2069 too.",
    "Wide CJK 中华人民共和国 and emoji 🇨🇳 👍🏽 👨\u200d👩\u200d👧 on one line.",
    "Escaped markup \\[bold] and a lone [/] closing tag, and [/nope] too.",
]
TITLE = "[bold red]Hostile[/] \x1b[31mTitle\x1b[0m [link=http://evil]x[/link]"


def hostile_document() -> tuple[ExtractedDocument, str]:
    """An extracted document built by hand (independent of the extractor) with hostile text."""
    heading = "[bold]Heading[/] \x1b[2J"
    text = TITLE + "\n\nI. " + heading + "\n\n"
    facts = []
    para_start = len(text)
    for sentence in SENTENCES:
        start = len(text)
        text += sentence + " "
        facts.append(Fact(start, start + len(sentence), sentence, paragraph=0, section=0))
    text = text.rstrip() + "\n"
    first = facts[0]
    fig_start = first.start + first.text.index("[bold red]x[/]")
    first.figures = [Figure(fig_start, fig_start + 14, "[bold red]x[/]", 1.0, "[i]u[/i]", "count",
                            label="[blink]label[/]")]
    link_start = first.start + first.text.index("[link=http://evil]click[/link]")
    first.mentions = [Mention(link_start, link_start + 30, "[link=http://evil]click[/link]",
                              "[red]Evil[/red] \x1b[5mCorp", "organization")]
    first.topics = ["[bold]topic[/]"]
    metadata = Metadata(title=TITLE, author="[link=http://evil]Author[/link]",
                        source="Source \u202eevil\u202c \x1b[1m", published="2020-01-01")
    doc = ExtractedDocument(text, metadata, [Section("I", heading, 1, 0, len(text))],
                            [Paragraph(para_start, len(text) - 1, 0)], facts)
    return doc, sha256_text(text)
