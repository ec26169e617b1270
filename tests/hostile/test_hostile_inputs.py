"""Bad web pages, PDFs and URLs: one clear line each, and the database exactly as it was.

URLs are served by a local HTTP server on 127.0.0.1 (a thread, bounded: it serves only the
requests these tests make, with short time-outs); no other address is ever contacted.
"""

from __future__ import annotations

import http.server
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from relexplorer.cli import main
from relexplorer.errors import ReadError
from relexplorer.read import fetch as fetch_module
from relexplorer.read import read_bytes
from tests.helpers.pdfs import make_pdf, report_pages

ARTICLE = (
    "<html><head><title>Gas Deal Signed</title></head><body><article><h1>Gas Deal Signed</h1>"
    "<p>Russia and China signed a gas deal worth 400 billion dollars over thirty years, the "
    "companies said on Wednesday in Shanghai.</p><p>Deliveries through the Power of Siberia "
    "pipeline start in 2019 and reach 38 billion cubic metres a year by 2025.</p>"
    "</article></body></html>"
)
FRONT_PAGE = (
    "<html><head><link rel=canonical href='https://news.example/'></head><body><nav>"
    + "".join(f"<a href='/s{i}'>Headline number {i} of the day</a><br>" for i in range(40))
    + "</nav><footer>(c) News 2024</footer></body></html>"
)


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        if self.path == "/slow":
            time.sleep(3)
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"nope"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.timeout = 5
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    pdf = make_pdf(report_pages(), {"Title": "Pipelines and Power in Eurasia", "Author": "Jane Doe"})
    _Handler.routes = {
        "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE.encode()),
        "/moved": (301, {"Location": "/article"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/report": (200, {"Content-Type": "application/pdf"}, pdf),
        "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
        "/huge": (200, {"Content-Type": "text/html", "Content-Length": str(200 * 2**20)}, b"<p>x</p>"),
        "/front": (200, {"Content-Type": "text/html"}, FRONT_PAGE.encode()),
        "/slow": (200, {"Content-Type": "text/html"}, ARTICLE.encode()),
        "/error": (500, {"Content-Type": "text/plain"}, b"boom"),
    }
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def _rows(db: Path) -> tuple:
    con = sqlite3.connect(db)
    try:
        return tuple(con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
                     for t in ("documents", "fact_spans", "figures"))
    finally:
        con.close()


def _ingest(db: Path, *items: str):
    return CliRunner().invoke(main, ["--db", str(db), "ingest", *items, "--format", "json"])


def test_a_url_is_fetched_stored_with_its_final_url_and_replaced_on_reingest(server, tmp_path):
    db = tmp_path / "x.db"
    result = _ingest(db, f"{server}/moved")
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(db)
    url, origin, fmt = con.execute("SELECT url, origin, format FROM documents").fetchone()
    con.close()
    assert url == origin == f"{server}/article" and fmt == "html"
    _Handler.routes["/article"] = (200, {"Content-Type": "text/html"},
                                   ARTICLE.replace("Wednesday", "Thursday").encode())
    result = _ingest(db, f"{server}/article")
    assert '"replaced"' in result.output
    assert _rows(db)[0] == 1


def test_a_pdf_url_is_read_with_its_pages(server, tmp_path):
    db = tmp_path / "x.db"
    assert _ingest(db, f"{server}/report").exit_code == 0
    con = sqlite3.connect(db)
    pages = [p for (p,) in con.execute("SELECT page FROM fact_spans ORDER BY start")]
    title, author, fmt = con.execute("SELECT title, author, format FROM documents").fetchone()
    con.close()
    assert pages[0] == 1 and pages[-1] == 3 and pages == sorted(pages)
    assert (title, author, fmt) == ("Pipelines and Power in Eurasia", "Jane Doe", "pdf")


@pytest.mark.parametrize("path, expected", [
    ("/missing", "HTTP 404"),
    ("/error", "HTTP 500"),
    ("/loop", "too many redirects"),
    ("/image", "not an article (image/png)"),
    ("/huge", "too large"),
    ("/front", "no article text found"),
])
def test_a_failing_url_is_one_line_and_nothing_is_stored(server, tmp_path, path, expected):
    db = tmp_path / "x.db"
    assert _ingest(db, f"{server}/article").exit_code == 0
    before = _rows(db)
    result = _ingest(db, f"{server}{path}")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("relexplorer:")]
    assert len(errors) == 1 and expected in errors[0], result.stderr
    assert "Traceback" not in result.output
    assert _rows(db) == before


def test_a_url_that_does_not_answer_in_time_is_one_line(server):
    with pytest.raises(ReadError) as caught:
        fetch_module.fetch(f"{server}/slow", timeout=0.5)
    assert "timed out" in str(caught.value) and "\n" not in str(caught.value)


def test_nothing_listens_is_one_line():
    with pytest.raises(ReadError) as caught:
        fetch_module.fetch("http://127.0.0.1:9/", timeout=1)
    assert "cannot fetch" in str(caught.value)


def test_user_agent_names_relexplorer_and_its_version():
    from relexplorer import __version__

    assert fetch_module.USER_AGENT.startswith(f"relexplorer/{__version__}")


BAD_FILES = {
    "no-text.pdf": (make_pdf([[], []]), "scanned PDF with no text layer: OCR it first"),
    "encrypted.pdf": (make_pdf(report_pages(), encrypted=True), "encrypted PDF"),
    "truncated.pdf": (make_pdf(report_pages())[:400], "damaged or truncated PDF"),
    "garbage.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 20, "damaged or truncated PDF"),
    "front-page.html": (FRONT_PAGE.encode(), "no article text found in"),
    "broken.html": (b"<html><body><nav><a href=x>Home</a><div <p>>><</" * 50, ""),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_files_are_one_line_and_leave_the_database_unchanged(tmp_path, name):
    data, expected = BAD_FILES[name]
    db = tmp_path / "x.db"
    good = tmp_path / "good.html"
    good.write_text(ARTICLE, "utf-8")
    assert _ingest(db, str(good)).exit_code == 0
    before = _rows(db)
    bad = tmp_path / name
    bad.write_bytes(data)
    result = _ingest(db, str(bad))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("relexplorer:")]
    assert len(errors) == 1 and expected in errors[0], result.stderr
    assert "Traceback" not in result.output and "internal error" not in result.stderr
    assert _rows(db) == before


def test_pdf_pages_running_heads_and_hyphens():
    pages = report_pages()
    pages[1].insert(2, (72, 300, 11, "The corridor's capacity is ex-"))
    pages[1].insert(3, (72, 286, 11, "pected to double by 2030."))
    source = read_bytes(make_pdf(pages), "pdf", name="r.pdf")
    text = source.text
    assert "Energy Relations Review" not in text  # the running head
    assert "\n1\n" not in text and not text.endswith("3")  # page numbers
    assert "capacity is expected to double" in text
    assert "that would carry gas" in text  # a sentence running over a page break is one
    assert len(source.pages) == 3 and source.pages[0] == 0
    assert source.page_at(text.index("In 2002")) == 2
