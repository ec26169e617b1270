"""Rich text for facts, figures and citations, shared by the explorer's widgets.

Article text always goes through :func:`relexplorer.display.safe_text` into ``rich.text.Text``
objects (never markup strings), so ``[bold]`` or an ANSI escape in a source shows literally.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from relexplorer.display import one_line, safe_text
from relexplorer.export import DEFAULT_STYLE, format_value
from relexplorer.export import section_title as export_section_title
from relexplorer.export.citations import fact_locator, reference_of_fact
from relexplorer.export.styles import note
from relexplorer.model import FactDetail, FactHit, SectionRef, StoredFigure
from relexplorer.search import Query, highlight_spans

MATCH = Style(bold=True, color="black", bgcolor="#f0c674")
FACT_IN_QUOTE = Style(bold=True, underline=True)
BADGE = Style(color="black", bgcolor="#8abeb7")
SOURCE_TAG = Style(color="#81a2be", bold=True)
DOCUMENT_HEADING = Style(bold=True, color="#81a2be", underline=True)
DIM = Style(dim=True)
ITALIC = Style(italic=True)
# A "fact" can be a whole page when a source has no sentence ends; the list shows its start.
PROMPT_CHARS = 600
MARK_ON = "●"
MARK_OFF = "·"
NOTE_MARK = "✎"
NOTE_STYLE = Style(bold=True, color="#81a2be")


def highlighted(text: str, query: Query | None, *, single_line: bool = False) -> Text:
    """``text`` made safe, with the query's matching words highlighted."""
    shown = one_line(text) if single_line else safe_text(text)
    result = Text(shown)
    if query is not None:
        for start, end in highlight_spans(text, query):
            result.stylize(MATCH, start, end)
    return result


def section_label(path: list[SectionRef]) -> str:
    """``"I.A"`` for a section path; a shortened heading when the sections have no labels."""
    labels = [p.label for p in path if p.label]
    if labels:
        return ".".join(labels)
    if path and path[-1].heading:
        heading = one_line(path[-1].heading)
        return heading if len(heading) <= 16 else heading[:15] + "…"
    return ""


def section_title(path: list[SectionRef]) -> str:
    """``"I.A. Goods"``: the section's label path and its own heading."""
    return one_line(export_section_title(path))


def figure_badges(figures: list[StoredFigure]) -> Text:
    """One badge per figure, as written (``$84.071 billion``)."""
    text = Text()
    for figure in figures:
        text.append(" ")
        text.append(f" {one_line(figure.text)} ", BADGE)
    return text


def document_heading(hit: FactHit, title: str = "") -> Text:
    """The line above a document's first fact when the facts list is grouped by document."""
    text = Text(one_line(hit.source_tag or hit.document), DOCUMENT_HEADING)
    if title:
        text.append(" ")
        text.append(one_line(title), Style(bold=True))
    return text


def fact_prompt(hit: FactHit, query: Query | None, *, marked: bool, noted: bool = False,
                heading: Text | None = None, show_source: bool = True) -> Text:
    """One entry of the facts list: mark indicator, note marker (a fact with a note), source tag,
    section label, text, figure badges.

    ``heading`` (grouped by document: the document's first fact) goes on a line of its own
    above the entry, which then leaves out the tag (``show_source=False``).
    """
    section = section_label(hit.section_path)
    text = Text()
    if heading is not None:
        text.append_text(heading)
        text.append("\n")
    text.append(MARK_ON if marked else MARK_OFF, Style(bold=True, color="#de935f") if marked else DIM)
    text.append(" ")
    if noted:
        text.append(NOTE_MARK, NOTE_STYLE)
        text.append(" ")
    if show_source and (hit.source_tag or hit.document):
        text.append(one_line(hit.source_tag or hit.document), SOURCE_TAG)
        text.append(" · " if section else " ", DIM)
    if section:
        text.append(section, Style(bold=True))
        text.append(" ")
    body = highlighted(hit.text, query, single_line=True)
    if len(body) > PROMPT_CHARS:
        body.truncate(PROMPT_CHARS - 1)
        body.append("…")
    text.append_text(body)
    if hit.figures:
        text.append_text(figure_badges(hit.figures))
    return text


def figure_value(figure: StoredFigure) -> str:
    """The normalised value of a figure for people."""
    return format_value(figure.value, figure.end_value, figure.unit or "")


def citation(detail: FactDetail, style: str = DEFAULT_STYLE) -> Text:
    """The fact's citation in ``style`` (the outlet in italics), for the quote pane."""
    ref = reference_of_fact(detail)
    text = Text()
    for piece in note(style, ref, fact_locator(detail, ref)):
        text.append(one_line(piece.text), ITALIC if piece.kind == "italic" else None)
    return text


def clipboard_text(detail: FactDetail, style: str = DEFAULT_STYLE) -> str:
    """The fact as a quotation followed by its citation (as the quote pane shows it)."""
    return f"“{one_line(detail.text)}”\n— {citation(detail, style).plain}\n"
