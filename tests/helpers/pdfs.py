"""Small PDFs written by hand for the tests: pages of text lines in Helvetica, and broken ones.

``make_pdf(pages)`` writes a valid PDF 1.4 whose pages hold the given lines (``(x, y, size,
text)`` in points, origin at the bottom left of an A4 page); ``info`` fills the document
information. ``encrypted=True`` adds a standard security handler whose password no one knows.
"""

from __future__ import annotations

Line = tuple[float, float, float, str]
A4 = (595, 842)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[Line]], info: dict[str, str] | None = None, *, encrypted: bool = False) -> bytes:
    """A PDF with one page per list of lines (see the module docstring)."""
    objects: list[bytes] = []
    font = 3 + 2 * len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for i, lines in enumerate(pages):
        stream = "".join(
            f"BT /F1 {size} Tf {x} {y} Td ({_escape(text)}) Tj ET\n" for x, y, size, text in lines
        ).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {A4[0]} {A4[1]}] "
            f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    info_ref = ""
    if info:
        fields = " ".join(f"/{k} ({_escape(v)})" for k, v in info.items())
        objects.append(f"<< {fields} >>".encode("latin-1"))
        info_ref = f" /Info {len(objects)} 0 R"
    encrypt_ref = ""
    if encrypted:
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>"
        )
        encrypt_ref = f" /Encrypt {len(objects)} 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info_ref}{encrypt_ref} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def report_pages(pages: int = 3) -> list[list[Line]]:
    """Pages of a report: a running head and a page number on each, two paragraphs of body
    text in between, the second running on over the page break."""
    out = []
    for n in range(1, pages + 1):
        year = 2000 + n
        body = [
            f"In {year} China and Russia traded ${40 + n}.5 billion, up {n}.5 percent on the",
            f"year before, and the two governments signed {10 + n} agreements on energy.",
            "",
            f"Rosneft agreed to supply {n} million tons of oil a year to CNPC from {year} to",
            f"{year + 5}, and Gazprom began talks on a second pipeline through Mongolia that",
        ]
        lines: list[Line] = [(72, 800, 9, "Energy Relations Review | Working Paper 7")]
        if n > 1:
            lines.append((72, 620, 11, "would carry gas from Siberia to the north of China."))
        y = 590.0
        for text in body:
            if text:
                lines.append((72, y, 11, text))
            y -= 14 if text else 10
        lines.append((290, 40, 9, str(n)))
        out.append(lines)
    return out
