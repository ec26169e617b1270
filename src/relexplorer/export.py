"""Export: marked or found facts to Markdown (for briefings) and JSON, as pure functions.

Source text is escaped so that it cannot add headings, links, HTML, tables or math, nor break
the blockquote it sits in. :func:`write_atomic` writes through a temporary file and a rename,
and never replaces an existing file unless told to.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
from datetime import datetime
from pathlib import Path

from relexplorer import __version__
from relexplorer.display import safe_text, speakers_label
from relexplorer.errors import ExportError
from relexplorer.model import FactDetail, SectionRef, StoredFigure

# Inline constructs (emphasis, code, links, images, HTML, entities, tables, strikethrough, math,
# and @ for GFM's e-mail autolinks).
_INLINE = re.compile(r"([\\`*_\[\]<>|~&$@])")
# Constructs that only count at the start of a line (headings, quotes, lists, setext rules).
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")
_AUTOLINK = re.compile(r"(?i)(https?|ftp)://|www\.")


def escape_markdown(text: str) -> str:
    """Escape source text so that Markdown renders it literally, on one line.

    Control characters and bidi overrides are made visible (as on screen): an export printed to
    a terminal must not restyle it, and a briefing must not show reordered text.
    """
    text = safe_text(" ".join(text.split()))
    text = _INLINE.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda m: m.group(0).replace(":", "\\:").replace("www.", "www\\."), text)
    # A backslash before a digit is no escape (it would show): "1\\." is, "\\1." is not.
    return _LINE_START.sub(
        lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)), text
    )


# What a double-quoted YAML scalar cannot hold as is: non-printable characters, and line
# breaks other than \n that YAML would fold (JSON's escapes are not all valid YAML).
_YAML_UNSAFE = re.compile("[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\"\\\\\u2028\u2029\ufeff]")


def _yaml_string(value: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly ``value``."""
    def escape(m: re.Match) -> str:
        ch = m.group()
        if ch in '"\\':
            return "\\" + ch
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:  # a lone surrogate (undecodable argv bytes) cannot be written
            return "\\uFFFD"
        return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}"

    return '"' + _YAML_UNSAFE.sub(escape, value) + '"'


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


def citation_parts(fact: FactDetail) -> list[tuple[str, str]]:
    """The parts of a fact's citation, in order, as ``(kind, raw text)``; unknown parts left out.

    Kinds: ``author``, ``title``, ``source``, ``published``, ``section``. The Markdown export and
    the explorer format the same parts in their own way.
    """
    doc = fact.doc
    parts = [
        ("author", doc.author if doc else ""),
        ("title", (doc.title or doc.slug) if doc else fact.document),
        ("source", doc.source if doc else ""),
        ("published", doc.published if doc else ""),
        ("section", section_title(fact.section_path)),
    ]
    return [(kind, value) for kind, value in parts if value]


def citation(fact: FactDetail) -> str:
    """Author, title, source, date, section and character span of one fact (Markdown-escaped)."""
    styled = {"title": "“{}”", "source": "*{}*", "section": "section {}"}
    parts = [styled.get(kind, "{}").format(escape_markdown(value)) for kind, value in citation_parts(fact)]
    parts.append(f"characters {fact.start}–{fact.end}")
    return ", ".join(parts) + "."


def attribution_line(fact: FactDetail) -> str:
    """Who says a fact, for the line under its quote: "— Vladimir Putin, reported in “Title”"
    (Markdown-escaped); the author's own facts need no such line (their citation names them)."""
    doc = fact.doc
    title = (doc.title or doc.slug) if doc else fact.document
    who = speakers_label(fact.speakers, doc.author if doc else "")
    return f"— {escape_markdown(who)}, reported in “{escape_markdown(title)}”"


def render_markdown(
    facts: list[FactDetail],
    *,
    query: str = "",
    database: str = "",
    generated: datetime | None = None,
    title: str = "Facts from relexplorer",
) -> str:
    """Markdown for a briefing: header block, facts grouped by document and section as
    blockquotes with their figures and footnote citations, and a figures table at the end.

    ``facts`` are as returned by :func:`relexplorer.catalog.fact_detail`.
    """
    generated = generated or datetime.now().astimezone()
    lines = [
        "---",
        f"title: {_yaml_string(title)}",
        f"query: {_yaml_string(query)}",
        f"date: {generated.replace(microsecond=0).isoformat()}",
        f"database: {_yaml_string(database)}",
        f"app: relexplorer {__version__}",
        f"facts: {len(facts)}",
        "---",
        "",
        f"# {escape_markdown(title)}",
        "",
    ]
    if not facts:
        lines += ["*No facts to export.*", ""]
        return "\n".join(lines)
    footnotes: list[str] = []
    table: list[str] = []
    current_doc = current_section = None
    for number, fact in enumerate(facts, 1):
        if fact.document != current_doc:
            current_doc, current_section = fact.document, None
            lines += _document_heading(fact)
        section = section_title(fact.section_path)
        if section != current_section:
            current_section = section
            if section:
                lines += [f"### {escape_markdown(section)}", ""]
        lines.append(f"> {escape_markdown(fact.text)}[^{number}]")
        lines.append("")
        if fact.speakers:
            lines += [attribution_line(fact), ""]
        if fact.figures:
            lines += ["Figures: " + "; ".join(_figure_inline(g) for g in fact.figures), ""]
            table += [_figure_row(g, number) for g in fact.figures]
        footnotes.append(f"[^{number}]: {citation(fact)}")
    if table:
        lines += ["## Figures", "", "| As written | Value | Unit | Kind | Measures | Source |",
                  "|---|---:|---|---|---|---|", *table, ""]
    lines += footnotes + [""]
    return "\n".join(lines)


def _document_heading(fact: FactDetail) -> list[str]:
    doc = fact.doc
    lines = [f"## {escape_markdown((doc.title or doc.slug) if doc else fact.document)}", ""]
    byline = ", ".join(escape_markdown(x) for x in ((doc.author, doc.source, doc.published) if doc else ()) if x)
    return lines + ([f"*{byline}*", ""] if byline else [])


def _figure_inline(g: StoredFigure) -> str:
    value = format_value(g.value, g.end_value, g.unit)
    detail = ", ".join(x for x in (g.kind, escape_markdown(g.label or "")) if x)
    return f"**{escape_markdown(g.text)}** = {value} {escape_markdown(g.unit)} ({detail})"


def _figure_row(g: StoredFigure, number: int) -> str:
    value = format_value(g.value, g.end_value, g.unit)
    cells = [escape_markdown(g.text), value, escape_markdown(g.unit), g.kind, escape_markdown(g.label or ""),
             f"[^{number}]"]
    return "| " + " | ".join(cells) + " |"


def render_json(facts: list[FactDetail]) -> str:
    """The same facts as a JSON list (for scripts)."""
    out = []
    for f in facts:
        doc = f.doc
        out.append({
            "id": f.id, "document": doc.slug if doc else f.document, "section": section_title(f.section_path),
            "text": f.text, "start": f.start, "end": f.end, "topics": f.topics,
            "figures": [g.summary() for g in f.figures],
            "entities": [{"name": e.name, "kind": e.kind, "text": e.text} for e in f.entities],
            "citation": {k: getattr(doc, k, "") if doc else "" for k in ("author", "title", "source", "published")},
        })
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path | str, content: str, *, overwrite: bool = False) -> Path:
    """Write ``content`` to ``path`` via a temporary file and a rename.

    Refuses to replace an existing file unless ``overwrite``; raises :class:`ExportError`
    with a clear message when the target cannot be written.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name")
    if path.exists() and not path.is_file():
        # The rename would replace a device or a pipe (as root, /dev/null itself) with a file.
        raise ExportError(f"{path}: not a regular file (a device, pipe or socket); give a file name")
    if path.exists() and not overwrite:
        raise ExportError(f"{path}: already exists (use --force to overwrite)")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{folder}: no such folder")
    # mkstemp makes the file private (0600); an export is an ordinary file, so it gets the mode
    # the user's umask gives new files, or keeps the mode of the file it replaces.
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror})") from None
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            # link() fails if the name appeared meanwhile, so a racing writer is never clobbered.
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise ExportError(f"{path}: already exists (use --force to overwrite)") from None
            except OSError:
                if path.exists():
                    raise ExportError(f"{path}: already exists (use --force to overwrite)") from None
                os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it; put it straight back
    os.umask(mask)
    return mask
