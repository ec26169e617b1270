"""Typed records built from short literals, for tests of the exporters and renderers."""

from __future__ import annotations

from relexplorer.model import DocumentRef, FactDetail, Passage, SectionRef, StoredFigure


def figure(fact_id: int, document: str, data: dict, number: int = 0) -> StoredFigure:
    """A stored figure from ``{"text", "start", "end", "value", "end_value", "unit", "kind", "label"}``."""
    return StoredFigure(id=number, fact_id=fact_id, document=document, text=data["text"], start=data["start"],
                        end=data["end"], value=data["value"], end_value=data.get("end_value"),
                        unit=data["unit"], kind=data["kind"], label=data.get("label") or "")


_DOCUMENT_IDS: dict[str, int] = {}


def detail(data: dict) -> FactDetail:
    """A fact in full from a dict with ``id, doc, section_path, text, start, end, topics, figures``
    (and ``page``); the document's ``id`` defaults to one number per slug."""
    doc = data["doc"]
    document_id = doc.get("id") or _DOCUMENT_IDS.setdefault(doc["slug"], len(_DOCUMENT_IDS) + 1)
    ref = DocumentRef(id=document_id, slug=doc["slug"], title=doc.get("title", ""),
                      author=doc.get("author", ""), editor=doc.get("editor", ""),
                      published=doc.get("published", ""), source=doc.get("source", ""), path=doc.get("path", ""),
                      url=doc.get("url", ""), format=doc.get("format", ""))
    path = [SectionRef(s["id"], s.get("parent_id"), s.get("label", ""), s.get("heading", ""), s.get("level", 1))
            for s in data.get("section_path", [])]
    return FactDetail(
        id=data["id"], document_id=ref.id, document=ref.slug, text=data["text"], start=data["start"],
        end=data["end"], page=data.get("page"), topics=list(data.get("topics", [])),
        figures=[figure(data["id"], ref.slug, g, n) for n, g in enumerate(data.get("figures", []), 1)],
        section_path=path, doc=ref, entities=[], paragraph=Passage(data["start"], data["end"], data["text"]),
    )
