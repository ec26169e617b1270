"""The cited documents as a bibliography file for Pandoc, Zotero and LaTeX: BibTeX (``.bib``) or
CSL-JSON (``.json``), with citation keys the Markdown export's notes use.

A key is the first author's family name, the year and the first word of the title that is not
an article or a preposition, in ASCII lower case (``zhao2018china``); two documents that would
get the same key are told apart by a letter (``zhao2018chinaa``), in the order they were stored.
BibTeX text is escaped so that quotes, braces, backslashes, ``%``, ``&``, ``$``, ``#``, ``_``,
``~`` and ``^`` from a source neither break the file nor turn into LaTeX.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from relexplorer import __version__
from relexplorer.errors import ExportError
from relexplorer.export.names import PersonName, ascii_fold
from relexplorer.export.reference import Reference

FORMATS = {".bib": "bibtex", ".json": "csl-json"}
# Words a key skips when it looks for the first word of a title.
_KEY_SKIP = frozenset({"a", "an", "the", "on", "of", "in", "and", "for", "to", "with", "at", "by", "from",
                       "is", "its", "as", "or", "how", "why", "what"})
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_BIBTEX_ESCAPE = re.compile("[" + re.escape("".join(_BIBTEX_SPECIAL)) + "]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# What a URL must not hold as is inside a BibTeX field (it would unbalance or end the field).
_URL_UNSAFE = re.compile(r"[{}\\\"\s]")


def bibliography_format(path: Path | str) -> str:
    """``bibtex`` or ``csl-json``, from the file name's extension."""
    kind = FORMATS.get(Path(path).suffix.lower())
    if kind is None:
        raise ExportError(f"{path}: a bibliography is a .bib (BibTeX) or .json (CSL-JSON) file")
    return kind


def citation_keys(refs: list[Reference]) -> dict[int, str]:
    """A stable, unique key for each document (by document id), e.g. ``zhao2018china``."""
    keys: dict[int, str] = {}
    taken: set[str] = set()
    for ref in sorted(refs, key=lambda r: r.document_id):
        base = _key_base(ref)
        key, n = base, 0
        while key in taken:
            key = base + _letters(n)
            n += 1
        taken.add(key)
        keys[ref.document_id] = key
    return keys


def _key_base(ref: Reference) -> str:
    who = ""
    if ref.authors:
        first = ref.authors[0]
        who = _ascii_word(first.family or first.literal.split()[0]) if (first.family or first.literal) else ""
    year = str(ref.date.year) if ref.date else "nd"
    word = next((w for w in (_ascii_word(x) for x in re.split(r"[\W_]+", ref.title)) if w and w not in _KEY_SKIP), "")
    if not who and not word:
        word = _ascii_word(ref.slug.split("-")[0])
    return (who or "anon") + year + word


def _ascii_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())


def _letters(n: int) -> str:
    """a, b, ... z, aa, ab, ...: the n-th suffix."""
    out = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


# --- BibTeX -------------------------------------------------------------------------------------


def bibtex_escape(text: str) -> str:
    """``text`` as the value of a braced BibTeX field: one line, LaTeX specials escaped, braces
    never unbalanced; other characters (non-ASCII names included) as they are, in UTF-8."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    return _BIBTEX_ESCAPE.sub(lambda m: _BIBTEX_SPECIAL[m.group()], text)


def _bibtex_name(name: PersonName) -> str:
    if name.literal:
        return "{" + bibtex_escape(name.literal) + "}"  # braced: BibTeX does not split it
    parts = [bibtex_escape(name.family)]
    if name.suffix:
        parts.append(bibtex_escape(name.suffix))
    if name.given:
        parts.append(bibtex_escape(name.given))
    return ", ".join(parts) if name.given or name.suffix else "{" + parts[0] + "}"


def _bibtex_url(url: str) -> str:
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url.strip())


def render_bibtex(refs: list[Reference], keys: dict[int, str]) -> str:
    """The documents as BibTeX entries (``@article`` when an outlet is known, else ``@misc``)."""
    out = [f"% Cited documents, written by relexplorer {__version__} (UTF-8)", ""]
    for ref in refs:
        fields: list[tuple[str, str]] = []
        if ref.authors:
            fields.append(("author", "{" + " and ".join(_bibtex_name(n) for n in ref.authors) + "}"))
        if ref.title:
            fields.append(("title", "{{" + bibtex_escape(ref.title) + "}}"))  # inner braces keep its case
        if ref.outlet:
            fields.append(("journal", "{" + bibtex_escape(ref.outlet) + "}"))
        if ref.date:
            fields.append(("date", "{" + "-".join(f"{x:02d}" if i else f"{x:04d}"
                                                  for i, x in enumerate(ref.date.parts())) + "}"))
            fields.append(("year", "{" + str(ref.date.year) + "}"))
            if ref.date.month:
                fields.append(("month", _MONTHS[ref.date.month - 1]))
        if ref.url:
            fields.append(("url", "{" + _bibtex_url(ref.url) + "}"))
        kind = "article" if ref.outlet else "misc"
        out.append(f"@{kind}{{{keys[ref.document_id]},")
        out += [f"  {name} = {value}," for name, value in fields]
        out += ["}", ""]
    return "\n".join(out)


# --- CSL-JSON -----------------------------------------------------------------------------------


def _csl_name(name: PersonName) -> dict:
    if name.literal:
        return {"literal": name.literal}
    item = {"family": name.family}
    if name.given:
        item["given"] = name.given
    if name.suffix:
        item["suffix"] = name.suffix
    return item


def csl_items(refs: list[Reference], keys: dict[int, str]) -> list[dict]:
    """The documents as CSL-JSON items (a part the document does not give is left out)."""
    items = []
    for ref in refs:
        item: dict = {"id": keys[ref.document_id],
                      "type": "article-journal" if ref.outlet else ("webpage" if ref.url else "document")}
        if ref.title:
            item["title"] = ref.title
        if ref.authors:
            item["author"] = [_csl_name(n) for n in ref.authors]
        if ref.outlet:
            item["container-title"] = ref.outlet
        if ref.date:
            item["issued"] = {"date-parts": [ref.date.parts()]}
        elif ref.published:
            item["issued"] = {"raw": ref.published}  # as the source wrote it
        if ref.url:
            item["URL"] = ref.url
        items.append(item)
    return items


def render_csl_json(refs: list[Reference], keys: dict[int, str]) -> str:
    """The documents as a CSL-JSON list (what Zotero and Pandoc read)."""
    return json.dumps(csl_items(refs, keys), ensure_ascii=False, indent=2) + "\n"


def render_bibliography(kind: str, refs: list[Reference], keys: dict[int, str]) -> str:
    """The bibliography in ``kind`` (``bibtex`` or ``csl-json``)."""
    return render_bibtex(refs, keys) if kind == "bibtex" else render_csl_json(refs, keys)
