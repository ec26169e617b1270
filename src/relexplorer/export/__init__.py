"""Export: marked or found facts to Markdown (for briefings) and JSON, their citations in a
style (plain, Chicago, APA), and the cited documents as BibTeX or CSL-JSON, as pure functions;
files are written atomically and never replaced unless asked.

Modules: ``escape`` (Markdown, YAML, URLs), ``names`` (authors), ``reference`` (what a citation is
made of), ``styles``, ``citations`` (a set of cited works), ``bibliography`` (keys, BibTeX,
CSL-JSON), ``markdown``, ``facts_json``, ``files`` (atomic writes).
"""

from relexplorer.export.bibliography import bibliography_format, citation_keys, render_bibliography
from relexplorer.export.citations import CitedWorks, citation_text
from relexplorer.export.escape import escape_markdown
from relexplorer.export.facts_json import render_json
from relexplorer.export.files import write_all_atomic, write_atomic
from relexplorer.export.markdown import (
    MarkdownOptions,
    format_value,
    render_markdown,
    section_title,
)
from relexplorer.export.styles import DEFAULT_STYLE, STYLES

__all__ = [
    "DEFAULT_STYLE", "STYLES", "CitedWorks", "MarkdownOptions", "bibliography_format", "citation_keys",
    "citation_text", "escape_markdown", "format_value", "render_bibliography", "render_json",
    "render_markdown", "section_title", "write_all_atomic", "write_atomic",
]
