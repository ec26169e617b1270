"""Markdown for briefings: a front matter block, the facts grouped by document and section as
blockquotes of the exact source text with who said it, the user's note, their figures and a
footnote citing each, the list of cited works (Chicago, APA), and a figures table at the end.

Each footnote holds the citation in the chosen style, or, when a bibliography file is written,
a Pandoc citation of its key (``[@zhao2018china, p. 12]``); either way an HTML comment after it
keeps the fact's exact span for scripts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from relexplorer import __version__
from relexplorer.display import speakers_label
from relexplorer.export.citations import CitedWorks, pandoc_citation, span_comment
from relexplorer.export.escape import escape_markdown, yaml_string
from relexplorer.export.styles import DEFAULT_STYLE, LIST_HEADINGS, as_markdown, byline, entry
from relexplorer.model import FactDetail, SectionRef, StoredFigure


@dataclass(frozen=True, slots=True)
class MarkdownOptions:
    """How the notes cite: ``style`` (plain, chicago, apa), or Pandoc citations of the keys of
    the bibliography file at ``bibliography`` (as the front matter names it) when it is set."""

    style: str = DEFAULT_STYLE
    bibliography: str = ""


def format_value(value: float | None, end_value: float | None = None, unit: str = "") -> str:
    """A normalised value for people: ``84,071,000,000``, ``20.8``, ``2018–2022``."""
    def one(v: float) -> str:
        if unit == "year" and v == int(v):
            return str(int(v))
        if v == int(v) and abs(v) < 1e18:
            return f"{int(v):,}"
        return f"{v:,.6g}" if abs(v) >= 1e6 else f"{v:,.10g}"

    if value is None:
        return ""
    if end_value is not None and end_value != value:
        return f"{one(value)}–{one(end_value)}"
    return one(value)


def section_title(path: list[SectionRef]) -> str:
    """``"I.A. Goods"``: the label path of a section and the section's own heading."""
    if not path:
        return ""
    label = ".".join(p.label for p in path if p.label)
    heading = path[-1].heading or ""
    return f"{label}. {heading}".strip(". ") if label else heading


def speaker_line(fact: FactDetail) -> str:
    """The line under a quote that says who said it: "— Vladimir Putin, reported in “Title”"
    (Markdown-escaped); empty for the author's own facts, which their citation names."""
    if not fact.speakers:
        return ""
    doc = fact.doc
    title = (doc.title or doc.slug) if doc else fact.document
    who = speakers_label(fact.speakers, doc.author if doc else "")
    return f"— {escape_markdown(who)}, reported in “{escape_markdown(title)}”"


def note_lines(fact: FactDetail) -> str:
    """The user's note on the fact, under its quote: "**Note:** ..." (Markdown-escaped), each
    further line of the note a paragraph of its own (no hard breaks: an export adds no structure
    but paragraphs), then its tags; empty when there is no note."""
    note = fact.note
    if note is None or not note.text.strip():
        return ""
    paragraphs = [escape_markdown(line) for line in note.text.splitlines() if line.strip()]
    paragraphs[0] = f"**Note:** {paragraphs[0]}"
    if note.tags:
        paragraphs.append("Tags: " + ", ".join("#" + escape_markdown(t) for t in note.tags))
    return "\n\n".join(paragraphs)


def render_markdown(
    facts: list[FactDetail],
    *,
    query: str = "",
    database: str = "",
    generated: datetime | None = None,
    title: str = "Facts from relexplorer",
    options: MarkdownOptions | None = None,
) -> str:
    """Markdown for a briefing (see the module docstring).

    ``facts`` are as returned by :func:`relexplorer.catalog.fact_detail`.
    """
    options = options or MarkdownOptions()
    generated = generated or datetime.now().astimezone()
    lines = [
        "---",
        f"title: {yaml_string(title)}",
        f"query: {yaml_string(query)}",
        f"date: {generated.replace(microsecond=0).isoformat()}",
        f"database: {yaml_string(database)}",
        f"app: relexplorer {__version__}",
        f"facts: {len(facts)}",
        f"citations: {'pandoc' if options.bibliography else options.style}",
        *([f"bibliography: {yaml_string(options.bibliography)}"] if options.bibliography else []),
        "---",
        "",
        f"# {escape_markdown(title)}",
        "",
    ]
    if not facts:
        lines += ["*No facts to export.*", ""]
        return "\n".join(lines)
    works = CitedWorks.of(facts)
    footnotes: list[str] = []
    table: list[str] = []
    current_doc = current_section = None
    for number, fact in enumerate(facts, 1):
        if fact.document_id != current_doc:
            current_doc, current_section = fact.document_id, None
            lines += _document_heading(fact, works)
        section = works.locator(fact).section  # a real heading only: no drop cap, no "Introduction"
        if section != current_section:
            current_section = section
            if section:
                lines += [f"### {escape_markdown(section)}", ""]
        lines += [f"> {escape_markdown(fact.text)}[^{number}]", ""]
        speaker = speaker_line(fact)
        if speaker:
            lines += [speaker, ""]
        note = note_lines(fact)
        if note:
            lines += [note, ""]
        if fact.figures:
            lines += ["Figures: " + "; ".join(_figure_inline(g) for g in fact.figures), ""]
            table += [_figure_row(g, number) for g in fact.figures]
        footnotes.append(f"[^{number}]: {_note(fact, works, options)} {span_comment(fact)}")
    if table:
        lines += ["## Figures", "", "| As written | Value | Unit | Kind | Measures | Source |",
                  "|---|---:|---|---|---|---|", *table, ""]
    if options.style in LIST_HEADINGS and not options.bibliography:
        lines += [f"## {LIST_HEADINGS[options.style]}", ""]
        for ref in works.in_order():
            lines += [as_markdown(entry(options.style, ref, works.suffixes)), ""]
    lines += footnotes + [""]
    return "\n".join(lines)


def _note(fact: FactDetail, works: CitedWorks, options: MarkdownOptions) -> str:
    if options.bibliography:
        return pandoc_citation(works.keys[fact.document_id], works.locator(fact))
    return as_markdown(works.note(fact, options.style))


def _document_heading(fact: FactDetail, works: CitedWorks) -> list[str]:
    ref = works.refs[fact.document_id]
    lines = [f"## {escape_markdown(ref.title or ref.slug)}", ""]
    under = as_markdown(byline(ref))
    return lines + ([under, ""] if under else [])


def _figure_inline(g: StoredFigure) -> str:
    value = format_value(g.value, g.end_value, g.unit)
    detail = ", ".join(x for x in (g.kind, escape_markdown(g.label or "")) if x)
    return f"**{escape_markdown(g.text)}** = {value} {escape_markdown(g.unit)} ({detail})"


def _figure_row(g: StoredFigure, number: int) -> str:
    value = format_value(g.value, g.end_value, g.unit)
    cells = [escape_markdown(g.text), value, escape_markdown(g.unit), g.kind, escape_markdown(g.label or ""),
             f"[^{number}]"]
    return "| " + " | ".join(cells) + " |"
