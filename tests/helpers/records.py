"""Typed records built from short literals, for tests of the exporters and renderers."""

from __future__ import annotations

from relexplorer.model import DocumentRef, FactDetail, Passage, SectionRef, StoredFigure


def figure(fact_id: int, document: str, data: dict, number: int = 0) -> StoredFigure:
    """A stored figure from ``{"text", "start", "end", "value", "end_value", "unit", "kind", "label"}``."""
    return StoredFigure(id=number, fact_id=fact_id, document=document, text=data["text"], start=data["start"],
                        end=data["end"], value=data["value"], end_value=data.get("end_value"),
                        unit=data["unit"], kind=data["kind"], label=data.get("label") or "")


def detail(data: dict) -> FactDetail:
    """A fact in full from a dict with ``id, doc, section_path, text, start, end, topics, figures``."""
    doc = data["doc"]
    ref = DocumentRef(id=doc.get("id", 1), slug=doc["slug"], title=doc.get("title", ""),
                      author=doc.get("author", ""), editor=doc.get("editor", ""),
                      published=doc.get("published", ""), source=doc.get("source", ""), path=doc.get("path", ""))
    path = [SectionRef(s["id"], s.get("parent_id"), s.get("label", ""), s.get("heading", ""), s.get("level", 1))
            for s in data.get("section_path", [])]
    return FactDetail(
        id=data["id"], document_id=ref.id, document=ref.slug, text=data["text"], start=data["start"],
        end=data["end"], topics=list(data.get("topics", [])),
        figures=[figure(data["id"], ref.slug, g, n) for n, g in enumerate(data.get("figures", []), 1)],
        section_path=path, doc=ref, entities=[], paragraph=Passage(data["start"], data["end"], data["text"]),
    )
