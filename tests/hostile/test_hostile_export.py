"""Hostile export: source text cannot add Markdown structure, and files are written atomically.

The Markdown is checked twice: against a golden file, and by parsing it with markdown-it-py (the
parser Rich and Textual already depend on) with the GFM table, linkify, footnote, math and
front-matter extensions, asserting that the only structure is the one we wrote.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import re
import stat
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from relexplorer.errors import ExportError
from relexplorer.export import (
    MarkdownOptions,
    escape_markdown,
    render_markdown,
    write_all_atomic,
    write_atomic,
)
from relexplorer.export.citations import CitedWorks
from relexplorer.ingest import ensure_sample
from relexplorer.model import FactDetail
from relexplorer.store import open_store
from tests.helpers import paths
from tests.helpers.hostile import cli
from tests.helpers.records import detail

markdown_it = pytest.importorskip("markdown_it")
plugins = pytest.importorskip("mdit_py_plugins")
pytest.importorskip("linkify_it")

GOLDEN = paths.GOLDEN / "export_escaping.md"
WHEN = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)

DOC = {"slug": "evil-2020", "title": "# Not a heading <script>alert(1)</script>",
       "author": "[Evil](http://evil.example) & Co", "source": "*Journal* | `code` ~~x~~",
       "published": "2020-01-01", "url": "https://evil.example/a_b*c?d=[1]&e=%20#f"}
SECTION = [{"id": 1, "parent_id": None, "label": "I", "heading": "## Injected\n# heading", "level": 1}]
TEXTS = [
    "# Heading attempt",
    "Trade rose 5%.\n\n# New heading after a blank line\n> quote break\n- list item",
    "A [link](http://evil.example) and an ![image](http://evil.example/x.png) and <a href='x'>html</a>.",
    "| col | col |\n|---|---|\n| a | b |",
    "Math $x^2$ and $$y$$ and \\(z\\) cost $5 and $6.",
    "Code `rm -rf /` and ```fenced``` and ~~strike~~.",
    "*emphasis* and __strong__ and _under_ and **bold**",
    "1. numbered\n2) also\n+ plus\n* star\n= setext",
    "Autolinks https://evil.example and www.evil.example and evil@example.com and <http://x>.",
    "HTML entity &amp; &lt;script&gt; and a footnote [^1] and [ref]: http://evil",
    "Ends with a backslash \\",
    "Never again!",
    "\x1b[31mANSI\x1b[0m and \u202eRTL override\u202c and a bell\x07.",
    "    indented code block attempt  \nwith a hard break",
    "---",
    "===",
    "<!-- comment --> <div>block</div>",
    "1234567890) long ordered marker",
    "Unicode line\u2028separator and paragraph\u2029separator and NEL\x85here.",
]


def hostile_facts() -> list[FactDetail]:
    facts = []
    pos = 100
    for i, text in enumerate(TEXTS, 1):
        figures = []
        if i in (2, 5):
            figures.append({"text": "$5 | <b>", "start": pos, "end": pos + 8, "value": 5.0, "end_value": None,
                            "unit": "USD|x", "kind": "money", "label": "[label](http://evil) #tag"})
        facts.append({"id": i, "doc": DOC, "section": "I", "section_heading": SECTION[0]["heading"],
                      "section_path": SECTION, "text": text, "start": pos, "end": pos + len(text),
                      "topics": [], "figures": figures})
        pos += len(text) + 1
    return [detail(f) for f in facts]


def parser():
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    return (markdown_it.MarkdownIt("gfm-like").use(footnote_plugin).use(dollarmath_plugin)
            .use(front_matter_plugin))


def inline_text(token) -> str:
    """The literal text a reader sees for an inline token (footnote markers left out)."""
    return "".join(c.content for c in token.children or [] if c.type in ("text", "text_special", "softbreak"))


FORBIDDEN = {"image", "html_block", "math_inline", "math_block",
             "math_inline_double", "math_block_label", "code_inline", "code_block", "fence", "s_open",
             "bullet_list_open", "ordered_list_open", "hr", "lheading", "hardbreak"}


OUR_COMMENT = re.compile(r"<!-- relexplorer fact=\d+ document=[A-Za-z0-9._-]+ start=\d+ end=\d+ -->")
STYLES = [MarkdownOptions(style=s) for s in ("plain", "chicago", "apa")] + [MarkdownOptions(bibliography="r.bib")]


def check_structure(rendered: str, facts: list[FactDetail], options: MarkdownOptions | None = None) -> None:
    """The Markdown holds exactly the structure we wrote; each quote renders to its source text.

    The only links are the documents' own URLs (autolinks in the bylines and notes), the only
    inline HTML our span comments, one per note.
    """
    options = options or MarkdownOptions()
    tokens = parser().parse(rendered)
    types = [t.type for t in tokens]
    children = [c for t in tokens for c in (t.children or [])]
    assert not FORBIDDEN & set(types + [c.type for c in children]), FORBIDDEN & set(types + [c.type for c in children])
    urls = {unquote(f.doc.url) for f in facts if f.doc and f.doc.url}
    assert {unquote(c.attrs.get("href")) for c in children if c.type == "link_open"} <= urls  # as parsed, %-encoded
    comments = [c.content for c in children if c.type == "html_inline"]
    assert len(comments) == len(facts) and all(OUR_COMMENT.fullmatch(c) for c in comments), comments
    works = CitedWorks.of(facts)
    documents = len({f.document_id for f in facts})
    sections = len({(f.document_id, works.locator(f).section) for f in facts if works.locator(f).section})
    tables = int(any(f.figures for f in facts))
    references = int(options.style != "plain" and not options.bibliography)
    headings = [t for t in tokens if t.type == "heading_open"]
    assert len(headings) == 1 + documents + sections + tables + references
    assert types.count("front_matter") == 1
    assert types.count("blockquote_open") == len(facts)
    assert types.count("table_open") == tables
    assert types.count("footnote_open") == len(facts)
    assert [c.type for c in children].count("footnote_ref") == len(facts) + sum(len(f.figures) for f in facts)
    # The text inside each blockquote renders back to the source (on one line, made safe).
    quotes = [tokens[i + 2] for i, t in enumerate(tokens) if t.type == "blockquote_open"]
    from relexplorer.display import safe_text

    for quote, fact in zip(quotes, facts, strict=True):
        assert inline_text(quote) == safe_text(" ".join(fact.text.split()))
    # Table rows: one per figure, six cells each.
    if tables:
        assert types.count("tr_open") == 1 + sum(len(f.figures) for f in facts)
        cells_per_row = types.count("td_open") / sum(len(f.figures) for f in facts)
        assert cells_per_row == 6


def test_markdown_escaping_matches_the_golden_file():
    rendered = render_markdown(hostile_facts(), query='"; rm -rf / [x](y)', database="db/evil.db",
                               generated=WHEN, title="# Facts <b>")
    rendered = rendered.replace(f"app: relexplorer {_version()}", "app: relexplorer VERSION")
    if os.environ.get("RELEXPLORER_UPDATE_GOLDEN"):
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8")


def _version() -> str:
    from relexplorer import __version__

    return __version__


@pytest.mark.parametrize("options", STYLES, ids=["plain", "chicago", "apa", "pandoc"])
def test_source_text_adds_no_markdown_structure(options):
    facts = hostile_facts()
    rendered = render_markdown(facts, query="q", database="x.db", generated=WHEN, options=options)
    check_structure(rendered, facts, options)


def test_escaped_lines_have_no_unescaped_specials():
    """Without a parser: every Markdown-special character from the source is backslash-escaped,
    and no line the source wrote starts a block."""
    rendered = render_markdown(hostile_facts(), query="q", database="x.db", generated=WHEN)
    body = rendered.split("---\n", 2)[2]
    byline = "\\[Evil\\](http\\://evil.example) \\& Co, *"  # the document's byline, escaped
    ours = ("# ", "## ", "### ", "> ", "*", "Figures: ", "| ", "|---", "[^", byline)
    for line in body.splitlines():
        assert not line or line.startswith(ours), line
        if line.startswith("> "):
            quote = line[2:line.rindex("[^")]
            i = 0
            while i < len(quote):
                if quote[i] == "\\":
                    i += 2
                    continue
                assert quote[i] not in "[]<>|`$*_~&@\\", (quote[i], line)
                i += 1
    assert "\x1b" not in rendered and "\u202e" not in rendered and "\x07" not in rendered


_MARKDOWNISH = st.lists(st.sampled_from(
    ["#", "##", ">", "-", "+", "*", "=", "1.", "2)", "|", "`", "```", "~~", "$", "$$", "[", "]", "(", ")",
     "!", "<", ">", "&", "&amp;", "\\", "_", "__", "@", "a@b.co", "www.x.org", "http://x", "[^1]", ":",
     " ", "\n", "\n\n", "    ", "\t", "word", "中文", "\x1b", "\u202e"]), min_size=1, max_size=30).map("".join)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=st.one_of(st.text(min_size=1, max_size=200), _MARKDOWNISH).filter(lambda t: t.strip()))
@example(text="1. numbered")
@example(text="2) numbered")
@example(text="Never again!")
@example(text="mail me at a@b.co")
@example(text="[@key] and [@key, p. 3]")
def test_any_text_round_trips_through_markdown(text):
    fact = dataclasses.replace(hostile_facts()[0], text=text)
    check_structure(render_markdown([fact], generated=WHEN), [fact])


@settings(max_examples=150, deadline=None, derandomize=True)
@given(title=_MARKDOWNISH, author=_MARKDOWNISH, source=_MARKDOWNISH, heading=_MARKDOWNISH,
       url=st.one_of(st.just("https://x.example/p"), _MARKDOWNISH), style=st.sampled_from(STYLES))
def test_any_metadata_adds_no_structure_in_any_style(title, author, source, heading, url, style):
    """Whatever the title, author, outlet, section heading or URL, each style's notes, bylines
    and reference lists stay inside the structure we wrote."""
    fact = hostile_facts()[0]
    doc = dataclasses.replace(fact.doc, title=title, author=author, source=source, url=url)
    section = dataclasses.replace(fact.section_path[0], heading=heading)
    fact = dataclasses.replace(fact, doc=doc, section_path=[section])
    check_structure(render_markdown([fact], generated=WHEN, options=style), [fact], style)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(query=st.text(max_size=80), database=st.text(max_size=40))
def test_front_matter_is_valid_yaml_holding_the_exact_query(query, database):
    rendered = render_markdown([], query=query, database=database, generated=WHEN)
    front = rendered.split("---\n")[1]
    data = yaml.safe_load(front)
    assert data["query"] == query and data["database"] == database


def test_escape_markdown_is_one_line():
    assert "\n" not in escape_markdown("a\nb\r\nc\u2028d\u2029e\x85f\x0bg\x0ch")


# -- writing -------------------------------------------------------------------------------------

def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_export_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "brief.md"
    target.write_text("mine")
    with pytest.raises(ExportError, match="already exists"):
        write_atomic(target, "new")
    assert target.read_text() == "mine" and leftovers(tmp_path) == []
    write_atomic(target, "new", overwrite=True)
    assert target.read_text() == "new" and leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["fsync", "write", "rename"])
@pytest.mark.parametrize("overwrite", [False, True])
def test_failure_mid_write_leaves_the_target_untouched(tmp_path, monkeypatch, where, overwrite):
    target = tmp_path / "brief.md"
    if overwrite:
        target.write_text("the old briefing")

    def boom(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "write":
        real_fdopen = os.fdopen

        def fdopen(*args, **kwargs):
            fh = real_fdopen(*args, **kwargs)
            real_write = fh.write

            def write(data):
                real_write(data[: len(data) // 2])  # half of it reaches the temporary file
                boom()
            fh.write = write
            return fh
        monkeypatch.setattr(os, "fdopen", fdopen)
    elif where == "rename":  # os.replace when overwriting, os.link (then os.replace) otherwise
        monkeypatch.setattr(os, "link", boom)
        monkeypatch.setattr(os, "replace", boom)
    else:
        monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(ExportError) as caught:
        write_atomic(target, "x" * 100_000, overwrite=overwrite)
    assert "No space left on device" in str(caught.value) and "\n" not in str(caught.value)
    monkeypatch.undo()
    if overwrite:
        assert target.read_text() == "the old briefing"
    else:
        assert not target.exists()
    assert leftovers(tmp_path) == []


def test_interrupt_mid_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "brief.md", "content")
    monkeypatch.undo()
    assert not (tmp_path / "brief.md").exists() and leftovers(tmp_path) == []


def test_filesystem_without_hard_links_still_writes(tmp_path, monkeypatch):
    def no_links(*args):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    write_atomic(tmp_path / "brief.md", "content")
    assert (tmp_path / "brief.md").read_text() == "content" and leftovers(tmp_path) == []


def test_new_export_respects_the_umask_and_overwrite_keeps_the_mode(tmp_path):
    old = os.umask(0o022)
    try:
        target = write_atomic(tmp_path / "brief.md", "content")
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o640)
        write_atomic(target, "again", overwrite=True)
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_special_file_target_is_never_replaced(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    for overwrite in (False, True):
        with pytest.raises(ExportError) as caught:
            write_atomic(fifo, "content", overwrite=overwrite)
        assert "\n" not in str(caught.value)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and leftovers(tmp_path) == []


@pytest.fixture
def sample_db(tmp_path):
    path = tmp_path / "sample.db"
    store = open_store(path)
    ensure_sample(store)
    store.close()
    return path


@pytest.mark.parametrize("target, message", [
    ("missing-folder/brief.md", "no such folder"),
    ("a-folder", "is a folder"),
    ("a-file/brief.md", "no such folder"),
])
def test_unwritable_target_is_reported_clearly(sample_db, tmp_path, target, message):
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "a-file").write_text("x")
    result = cli(sample_db, "export", "trade", "-o", str(tmp_path / target))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output


def test_read_only_folder_real(sample_db, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running with privileges that ignore permissions (root in CI); "
                        "see test_read_only_folder_simulated")
        result = cli(sample_db, "export", "trade", "-o", str(folder / "brief.md"))
        assert result.exit_code == 1 and "ermission" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    finally:
        folder.chmod(0o755)


def test_read_only_folder_simulated(sample_db, tmp_path, monkeypatch):
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    result = cli(sample_db, "export", "trade", "-o", str(tmp_path / "brief.md"))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Permission denied" in lines[0]
    assert not (tmp_path / "brief.md").exists()


def test_cli_export_refuses_overwrite_then_forces(sample_db, tmp_path):
    out = tmp_path / "brief.md"
    out.write_text("keep me")
    refused = cli(sample_db, "export", "trade", "-o", str(out))
    assert refused.exit_code == 1 and "already exists" in refused.stderr and out.read_text() == "keep me"
    forced = cli(sample_db, "export", "trade", "-o", str(out), "--force")
    assert forced.exit_code == 0 and out.read_text().startswith("---\n") and leftovers(tmp_path) == []


def test_export_of_an_undecodable_argument(sample_db, tmp_path):
    """A query or path holding bytes that are not UTF-8 (a lone surrogate in Python) is either
    written or refused in one line, never an internal error."""
    for args in (("export", "trade \udcff"), ("export", "trade \udcff", "-o", str(tmp_path / "q.md")),
                 ("export", "trade", "-o", str(tmp_path / "b\udcff.md")), ("export", "\udcff", "--format", "json")):
        result = cli(sample_db, *args)
        assert "internal error" not in result.stderr and "Traceback" not in result.output, (args, result.stderr)
        if result.exit_code:
            assert len(result.stderr.strip().splitlines()) == 1


def test_json_export_keeps_the_exact_text(sample_db):
    result = cli(sample_db, "export", "trade", "--format", "json")
    facts = json.loads(result.stdout)
    store = open_store(sample_db)
    text = store.rows("SELECT text FROM documents")[0]["text"]
    for f in facts:
        assert text[f["start"]:f["end"]] == f["text"]


@pytest.mark.parametrize("overwrite", [False, True])
def test_a_failure_on_the_second_file_puts_the_first_back(tmp_path, monkeypatch, overwrite):
    """The Markdown and its bibliography are written together: when the bibliography cannot be
    renamed into place, the Markdown is as it was before (absent, or the old one)."""
    brief, bib = tmp_path / "brief.md", tmp_path / "refs.bib"
    if overwrite:
        brief.write_text("old brief")
        bib.write_text("old bib")
    real_replace, real_link = os.replace, os.link

    def fail_for_bib(src, dst, *args, **kwargs):
        if Path(dst) == bib:
            raise OSError(errno.EIO, "Input/output error")
        return (real_replace if overwrite else real_link)(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace" if overwrite else "link", fail_for_bib)
    if not overwrite:
        monkeypatch.setattr(os, "replace", lambda src, dst: fail_for_bib(src, dst) if Path(dst) == bib
                            else real_replace(src, dst))
    with pytest.raises(ExportError, match="Input/output error"):
        write_all_atomic([(brief, "new brief"), (bib, "new bib")], overwrite=overwrite)
    monkeypatch.undo()
    if overwrite:
        assert (brief.read_text(), bib.read_text()) == ("old brief", "old bib")
    else:
        assert not brief.exists() and not bib.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == (["brief.md", "refs.bib"] if overwrite else [])
