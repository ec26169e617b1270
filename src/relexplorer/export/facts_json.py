"""The exported facts as JSON for scripts: text, exact span, figures, entities, and the citation
both as parts (author, title, outlet, date, URL, page, section, bibliography key) and as text in
the chosen style."""

from __future__ import annotations

import json

from relexplorer.export.citations import CitedWorks
from relexplorer.export.markdown import section_title
from relexplorer.export.styles import DEFAULT_STYLE, as_plain
from relexplorer.model import FactDetail


def render_json(facts: list[FactDetail], *, style: str = DEFAULT_STYLE) -> str:
    """The facts as a JSON list; ``citation.text`` is in ``style``."""
    works = CitedWorks.of(facts)
    out = []
    for f in facts:
        doc = f.doc
        loc = works.locator(f)
        out.append({
            "id": f.id, "document": doc.slug if doc else f.document, "section": section_title(f.section_path),
            "text": f.text, "start": f.start, "end": f.end, "page": f.page, "topics": f.topics,
            "figures": [g.summary() for g in f.figures],
            "entities": [{"name": e.name, "kind": e.kind, "text": e.text} for e in f.entities],
            "note": {"text": f.note.text, "tags": f.note.tags} if f.note else None,
            "citation": {
                **{k: getattr(doc, k, "") if doc else "" for k in ("author", "title", "source", "published", "url")},
                "page": loc.page, "section": loc.section, "key": works.keys[f.document_id],
                "style": style, "text": as_plain(works.note(f, style)),
            },
        })
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
