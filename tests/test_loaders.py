"""Tests for factdiff.core.loaders: every input kind, every encoding, every failure.

Fixture files (PDF, DOCX, HTML) are built here; URLs are served by a local
``http.server`` on 127.0.0.1, so nothing touches the network.
"""

from __future__ import annotations

import codecs
import datetime as dt
import doctest
import http.server
import io
import json
import socket
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pypdf
import pytest
from builders import make_pdf, rewrite_pdf

from factdiff.core import loaders
from factdiff.core.errors import LoadError
from factdiff.core.loaders import (
    MAX_BYTES,
    load_bytes,
    load_path,
    load_text,
    load_url,
    parse_date,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

ARTICLE_HTML = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Blinken meets Wang | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Blinken meets Wang">
<meta name="date" content="2023-02-18">
<script>var tracker = "SCRIPTTEXT";</script>
<style>body { color: red; } /* STYLETEXT */</style>
</head><body>
<header><div class="brand">HEADERTEXT Example News</div></header>
<nav><a href="/">Home</a> <a href="/world">NAVTEXT World</a> <a href="/politics">Politics</a></nav>
<article>
<h1>Blinken meets Wang</h1>
<p>US Secretary of State Antony Blinken met China's top diplomat Wang Yi on Saturday in
Munich, the first talks between the two since the balloon incident.</p>
<p>The meeting took place on the sidelines of the Munich Security Conference, a State
Department spokesperson said in a statement released later that day.</p>
</article>
<aside>ASIDETEXT Related stories</aside>
<footer>FOOTERTEXT Copyright 2023 Example News</footer>
</body></html>
"""

EMPTY_HTML = """<html><head><title>Example</title><script>render()</script></head>
<body><header>Example News</header><nav><a href="/">Home</a> <a href="/w">World</a></nav>
<div id="root"></div><noscript>Enable JavaScript to read this site.</noscript>
<footer>Copyright 2023</footer></body></html>
"""


# -- fixture builders ----------------------------------------------------------------------


def blank_pdf() -> bytes:
    """A PDF with a page but no text layer, like a scan."""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def make_docx(path: Path, paragraphs: list[str], *, title: str = "") -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.core_properties.title = title
    document.save(str(path))
    return path


def write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def load_error(call: Callable[[], object]) -> LoadError:
    with pytest.raises(LoadError) as info:
        call()
    return info.value


def assert_path_error(path: Path, problem: str, **kwargs: int) -> LoadError:
    """``load_path(path)`` fails, naming the file and the problem, on one line."""
    err = load_error(lambda: load_path(path, **kwargs))
    assert err.source == str(path)
    assert str(path) in str(err)
    assert problem in err.problem, err.problem
    assert "\n" not in str(err)
    return err


# -- plain text and Markdown ---------------------------------------------------------------


def test_plain_text(tmp_path: Path) -> None:
    text = "Blinken met Wang.  Two spaces\tand a tab stay.\n\n\nThree newlines too.\n"
    art = load_path(write(tmp_path / "a.txt", text))
    assert art.text == text
    assert (art.outlet, art.title, art.date, art.url) == ("", "", None, "")
    assert art.source == str(tmp_path / "a.txt")
    assert art.encoding == "utf-8"


def test_no_extension_and_text_extension_are_text(tmp_path: Path) -> None:
    assert load_path(write(tmp_path / "article", "One fact.")).text == "One fact."
    assert load_path(write(tmp_path / "a.text", "One fact.")).text == "One fact."


def test_pathlike_and_str_both_work(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "One fact.")
    assert load_path(str(path)) == load_path(path)


def test_markdown_front_matter(tmp_path: Path) -> None:
    md = (
        '---\noutlet: Reuters\ntitle: "Talks in Munich"\ndate: 18 February 2023\n'
        "url: https://example.com/a\nauthor: ignored\n---\n# Heading\n\n*Blinken* met Wang.\n"
    )
    art = load_path(write(tmp_path / "a.md", md))
    assert art.text == "# Heading\n\n*Blinken* met Wang.\n"
    assert art.outlet == "Reuters"
    assert art.title == "Talks in Munich"
    assert art.date == dt.date(2023, 2, 18)
    assert art.url == "https://example.com/a"


def test_front_matter_in_txt_with_source_key_and_crlf(tmp_path: Path) -> None:
    data = b"---\r\nsource: AP\r\ndate: 2023-02-15\r\n---\r\nBody.\r\n"
    art = load_path(write(tmp_path / "a.txt", data))
    assert (art.outlet, art.date, art.text) == ("AP", dt.date(2023, 2, 15), "Body.\n")


def test_a_leading_rule_is_not_front_matter(tmp_path: Path) -> None:
    text = "---\nThis is an article that opens with a rule.\n---\nMore text.\n"
    art = load_path(write(tmp_path / "a.md", text))
    assert art.text == text
    assert art.outlet == ""


def test_unclosed_front_matter_is_text(tmp_path: Path) -> None:
    text = "---\noutlet: VOA\nBlinken may meet Wang.\n"
    assert load_path(write(tmp_path / "a.md", text)).text == text


def test_bad_front_matter_date_is_ignored(tmp_path: Path) -> None:
    art = load_path(write(tmp_path / "a.md", "---\noutlet: VOA\ndate: someday\n---\nText.\n"))
    assert (art.outlet, art.date) == ("VOA", None)


@pytest.mark.parametrize(
    ("name", "outlet", "date"),
    [("voa.md", "VOA", dt.date(2023, 2, 15)), ("cnn.md", "CNN", dt.date(2023, 2, 18))],
)
def test_seeds(name: str, outlet: str, date: dt.date) -> None:
    art = load_path(SEEDS / name)
    assert (art.outlet, art.date) == (outlet, date)
    assert art.title
    assert not art.text.startswith("---")
    assert "Blinken" in art.text


# -- sidecar metadata ----------------------------------------------------------------------


def test_sidecar_json(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", "Blinken met Wang.")
    meta = {"outlet": "BBC", "title": "Talks", "date": "Sat, 18 Feb 2023 10:00:00 GMT", "url": "u"}
    write(tmp_path / "story.meta.json", json.dumps(meta))
    art = load_path(path)
    assert (art.outlet, art.title, art.date, art.url) == ("BBC", "Talks", dt.date(2023, 2, 18), "u")


def test_sidecar_with_full_name(tmp_path: Path) -> None:
    path = write(tmp_path / "story.md", "Blinken met Wang.")
    write(tmp_path / "story.md.meta.json", '{"source": "AFP"}')
    assert load_path(path).outlet == "AFP"


def test_front_matter_wins_over_sidecar(tmp_path: Path) -> None:
    path = write(tmp_path / "story.md", "---\noutlet: CNN\n---\nBlinken met Wang.")
    write(tmp_path / "story.meta.json", '{"outlet": "BBC", "title": "From the sidecar"}')
    art = load_path(path)
    assert (art.outlet, art.title) == ("CNN", "From the sidecar")


def test_sidecar_wins_over_html_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", ARTICLE_HTML)
    write(tmp_path / "page.meta.json", '{"outlet": "Reuters"}')
    art = load_path(path)
    assert (art.outlet, art.title) == ("Reuters", "Blinken meets Wang")


@pytest.mark.parametrize(
    ("content", "problem"),
    [("{not json", "not valid JSON"), ("[1, 2]", "must hold a JSON object")],
)
def test_broken_sidecar(tmp_path: Path, content: str, problem: str) -> None:
    path = write(tmp_path / "story.txt", "Blinken met Wang.")
    write(tmp_path / "story.meta.json", content)
    err = assert_path_error(path, problem)
    assert "story.meta.json" in err.problem


# -- encodings and newlines ----------------------------------------------------------------


TEXT = "“Blinken met Wang,” she said — in Zürich.\nSecond line.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le"),
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    art = load_path(write(tmp_path / "a.txt", data))
    assert art.text == TEXT
    assert art.encoding == encoding


def test_cp1252_curly_quotes(tmp_path: Path) -> None:
    art = load_path(write(tmp_path / "a.txt", b"\x93Yes,\x94 he said \x96 twice.\n"))
    assert art.text == "\u201cYes,\u201d he said \u2013 twice.\n"
    assert art.encoding == "cp1252"


def test_latin1(tmp_path: Path) -> None:
    # Latin-1 letters read the same in cp1252 ...
    art = load_path(write(tmp_path / "a.txt", "Café in Zürich, 20°C.".encode("latin-1")))
    assert art.text == "Café in Zürich, 20°C."
    # ... and a byte cp1252 leaves undefined falls back to Latin-1.
    art = load_path(write(tmp_path / "b.txt", b"Caf\xe9 \x81 in Z\xfcrich, 20\xb0C."))
    assert art.text == "Café \x81 in Zürich, 20°C."
    assert art.encoding == "latin-1"


def test_newlines_normalised(tmp_path: Path) -> None:
    art = load_path(write(tmp_path / "a.txt", b"One.\r\nTwo.\rThree.\n\r\nFour."))
    assert art.text == "One.\nTwo.\nThree.\n\nFour."


def test_utf16_front_matter(tmp_path: Path) -> None:
    data = "---\r\noutlet: VOA\r\n---\r\nText.\r\n".encode("utf-16")
    art = load_path(write(tmp_path / "a.md", data))
    assert (art.outlet, art.text) == ("VOA", "Text.\n")


# -- HTML ----------------------------------------------------------------------------------


def test_html(tmp_path: Path) -> None:
    art = load_path(write(tmp_path / "page.html", ARTICLE_HTML))
    assert "Antony Blinken met China's top diplomat Wang Yi" in art.text
    assert "Munich Security Conference" in art.text
    for junk in ("SCRIPTTEXT", "STYLETEXT", "NAVTEXT", "HEADERTEXT", "FOOTERTEXT", "ASIDETEXT"):
        assert junk not in art.text
    assert art.title == "Blinken meets Wang"
    assert art.outlet == "Example News"
    assert art.date == dt.date(2023, 2, 18)
    assert "\r" not in art.text


def test_html_htm_and_declared_charset(tmp_path: Path) -> None:
    page = ARTICLE_HTML.replace('charset="utf-8"', 'charset="windows-1252"')
    page = page.replace("Blinken met", "Blinken \u201cmet\u201d")
    art = load_path(write(tmp_path / "page.htm", page.encode("cp1252")))
    assert "Blinken \u201cmet\u201d China" in art.text
    assert art.encoding == "cp1252"


def test_html_sniffed_without_extension() -> None:
    art = load_bytes(ARTICLE_HTML.encode(), source="stdin")
    assert "NAVTEXT" not in art.text
    assert art.outlet == "Example News"
    assert art.source == "stdin"


def test_html_in_txt_stays_text(tmp_path: Path) -> None:
    art = load_path(write(tmp_path / "page.txt", ARTICLE_HTML))
    assert art.text == ARTICLE_HTML


def test_html_without_article_text(tmp_path: Path) -> None:
    assert_path_error(write(tmp_path / "page.html", EMPTY_HTML), "HTML page has no article text")


# -- PDF -----------------------------------------------------------------------------------


def test_pdf(tmp_path: Path) -> None:
    data = make_pdf(["Blinken met Wang in Munich.", "It was a Saturday."], ["Page two text."])
    art = load_path(write(tmp_path / "a.pdf", data))
    assert "Blinken met Wang in Munich." in art.text
    assert "It was a Saturday." in art.text
    assert art.text.index("Saturday") < art.text.index("Page two text.")


def test_pdf_sniffed_from_bytes() -> None:
    art = load_bytes(make_pdf(["Blinken met Wang."]), source="drop")
    assert "Blinken met Wang." in art.text


def test_pdf_with_empty_user_password_opens(tmp_path: Path) -> None:
    data = rewrite_pdf(make_pdf(["Blinken met Wang."]), user_password="")
    assert "Blinken met Wang." in load_path(write(tmp_path / "a.pdf", data)).text


def test_encrypted_pdf(tmp_path: Path) -> None:
    data = rewrite_pdf(make_pdf(["Secret text."]), user_password="secret")
    assert_path_error(write(tmp_path / "a.pdf", data), "PDF is encrypted")


def test_aes_pdf_without_cryptography(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = rewrite_pdf(make_pdf(["Secret text."]), user_password="")

    def no_aes(self: pypdf.PdfReader, password: str) -> None:
        raise pypdf.errors.DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(pypdf.PdfReader, "decrypt", no_aes)
    assert_path_error(write(tmp_path / "a.pdf", data), "PDF is encrypted (AES)")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    assert_path_error(write(tmp_path / "scan.pdf", blank_pdf()), "PDF has no text layer (scanned?)")


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\nthis is not really a pdf\n", b"plain words in a file called .pdf", b"%PDF-"],
)
def test_broken_pdf(tmp_path: Path, data: bytes) -> None:
    assert_path_error(write(tmp_path / "a.pdf", data), "not a readable PDF")


def test_truncated_pdf(tmp_path: Path) -> None:
    data = make_pdf(["Blinken met Wang."])
    path = write(tmp_path / "a.pdf", data[: len(data) // 3])
    err = load_error(lambda: load_path(path))  # pypdf may or may not recover: never a crash
    assert err.source == str(path)


# -- DOCX ----------------------------------------------------------------------------------


def test_docx(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", ["Blinken met Wang.", "", "In Munich."], title="Talks")
    art = load_path(path)
    assert art.text == "Blinken met Wang.\n\nIn Munich."
    assert art.title == "Talks"


def test_docx_with_wrong_extension_is_sniffed(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", ["Blinken met Wang."])
    renamed = path.rename(tmp_path / "article")
    assert load_path(renamed).text == "Blinken met Wang."


def test_docx_not_a_zip(tmp_path: Path) -> None:
    assert_path_error(write(tmp_path / "a.docx", "just some text"), "not a valid DOCX file")


def test_docx_zip_without_document(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "not a word document")
    assert_path_error(write(tmp_path / "a.docx", buf.getvalue()), "not a valid DOCX file")


def test_empty_docx(tmp_path: Path) -> None:
    assert_path_error(make_docx(tmp_path / "a.docx", ["", "   "]), "DOCX has no text")


def test_old_word_format(tmp_path: Path) -> None:
    assert_path_error(write(tmp_path / "a.doc", b"\xd0\xcf\x11\xe0rest"), "not supported")


# -- bad files -----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert_path_error(tmp_path / "nope.txt", "no such file")


def test_directory(tmp_path: Path) -> None:
    assert_path_error(tmp_path, "is a directory")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", "secret")
    real_open = Path.open

    def locked_open(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", locked_open)  # works even when the tests run as root
    assert_path_error(path, "permission denied")


def test_empty_file(tmp_path: Path) -> None:
    assert_path_error(write(tmp_path / "a.txt", b""), "file is empty")


@pytest.mark.parametrize("content", [" \n\t\r\n  ", "\ufeff\n\n", "---\noutlet: VOA\n---\n\n"])
def test_whitespace_only(tmp_path: Path, content: str) -> None:
    err = assert_path_error(write(tmp_path / "a.md", content), "")
    assert "whitespace" in err.problem or "no article text" in err.problem


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"Text with a NUL\x00 byte.",
        bytes(range(1, 9)) * 40 + b"a few letters",
    ],
)
def test_binary(tmp_path: Path, data: bytes) -> None:
    assert_path_error(write(tmp_path / "a.txt", data), "binary data, not text")


def test_zip_that_is_not_docx_is_binary(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("data.bin", bytes(range(256)) * 4)
    assert_path_error(write(tmp_path / "a.txt", buf.getvalue()), "binary data, not text")


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(40_000_000)  # sparse: nothing is written or read
    err = assert_path_error(path, "file is 40.0 MB; an article must be under 5 MB")
    assert err.problem == "file is 40.0 MB; an article must be under 5 MB"


def test_max_bytes_option(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "x" * 2_000)
    assert_path_error(path, "file is 2.0 kB; an article must be under 1 kB", max_bytes=1_000)
    assert load_path(path, max_bytes=2_000).text == "x" * 2_000


# -- load_bytes and load_text --------------------------------------------------------------


def test_load_bytes_text_with_suffix() -> None:
    art = load_bytes(b"---\noutlet: VOA\n---\nText.\r\n", source="clipboard", suffix="md")
    assert (art.outlet, art.text, art.source) == ("VOA", "Text.\n", "clipboard")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "input is empty"),
        (b"  \n ", "input contains only whitespace"),
        (b"\x00\x01\x02", "binary data, not text"),
        (b"x" * (MAX_BYTES + 1_000_000), "input is 6.0 MB; an article must be under 5 MB"),
    ],
)
def test_load_bytes_errors(data: bytes, problem: str) -> None:
    err = load_error(lambda: load_bytes(data, source="stdin"))
    assert (err.source, err.problem) == ("stdin", problem)
    assert str(err).startswith("stdin: ")


def test_load_text() -> None:
    art = load_text("Blinken met Wang.\r\nIn Munich.", outlet="CNN", date=dt.date(2023, 2, 18))
    assert art.text == "Blinken met Wang.\nIn Munich."
    assert (art.outlet, art.date, art.source) == ("CNN", dt.date(2023, 2, 18), "text")


def test_load_text_front_matter_and_arguments() -> None:
    art = load_text("---\noutlet: VOA\ntitle: Talks\n---\nBody.", title="Given", source="paste")
    assert (art.outlet, art.title, art.text, art.source) == ("VOA", "Given", "Body.", "paste")


@pytest.mark.parametrize(
    ("text", "problem"),
    [("", "text is empty"), (" \n\t ", "only whitespace"), ("a\x00b", "binary data")],
)
def test_load_text_errors(text: str, problem: str) -> None:
    err = load_error(lambda: load_text(text, source="clipboard"))
    assert err.source == "clipboard"
    assert problem in err.problem


# -- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2023-02-18",
        "2023-02-18T09:30:00Z",
        "2023-02-18 23:30:00-05:00",
        "Sat, 18 Feb 2023 10:00:00 GMT",
        "18 February 2023",
        "February 18, 2023",
        "Saturday 18 February 2023",
        "2023/02/18",
        "18. Februar 2023",
    ],
)
def test_parse_date(value: str) -> None:
    assert parse_date(value) == dt.date(2023, 2, 18)


@pytest.mark.parametrize("value", ["", "   ", "someday", "yesterday", "February 2023", "2023"])
def test_parse_date_none(value: str) -> None:
    assert parse_date(value) is None


def test_doctests() -> None:
    result = doctest.testmod(loaders)
    assert result.attempted > 0
    assert result.failed == 0


# -- URLs ----------------------------------------------------------------------------------


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = False  # so server_close() joins every handler thread
    release = threading.Event()


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves the test pages; ``/slow`` answers only when the test is over."""

    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        try:
            self._answer()
        except OSError:
            pass  # the client gave up (timeout, size cap): expected

    def _answer(self) -> None:
        if self.path == "/slow":
            self.server.release.wait(10)
            return
        routes = {
            "/article.html": ("text/html; charset=utf-8", ARTICLE_HTML.encode()),
            "/article": ("text/html", ARTICLE_HTML.encode()),
            "/plain": ("text/plain; charset=windows-1252", b"\x93Quoted\x94 text.\r\n"),
            "/doc.pdf": ("application/pdf", make_pdf(["Blinken met Wang."])),
            "/big": ("text/plain", b"x" * (MAX_BYTES + 1)),
        }
        if self.path not in routes:
            self.send_error(404, "Not Found")
            return
        content_type, body = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if self.path != "/big":  # /big: no length, so the reader must cap it
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Base URL of a local HTTP server, shut down and joined after the test."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.release = threading.Event()
    thread = threading.Thread(target=srv.serve_forever, args=(0.05,), name="test-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.release.set()
        srv.shutdown()
        srv.server_close()
        thread.join(5)


def test_url(server: str) -> None:
    url = server + "/article.html"
    art = load_url(url)
    assert "Antony Blinken met China's top diplomat Wang Yi" in art.text
    assert "NAVTEXT" not in art.text and "FOOTERTEXT" not in art.text
    assert (art.url, art.source) == (url, url)
    assert art.title == "Blinken meets Wang"
    assert art.date == dt.date(2023, 2, 18)


def test_url_html_without_extension(server: str) -> None:
    assert "Munich" in load_url(server + "/article").text


def test_url_plain_text_with_charset(server: str) -> None:
    art = load_url(server + "/plain")
    assert art.text == "\u201cQuoted\u201d text.\n"
    assert art.encoding == "cp1252"


def test_url_pdf(server: str) -> None:
    assert "Blinken met Wang." in load_url(server + "/doc.pdf").text


def test_url_timeout(server: str) -> None:
    url = server + "/slow"
    err = load_error(lambda: load_url(url, timeout=0.3))
    assert err.source == url
    assert err.problem == "could not fetch: timed out (are you offline?)"


def test_url_not_found(server: str) -> None:
    err = load_error(lambda: load_url(server + "/missing"))
    assert "HTTP 404" in err.problem


def test_url_too_large(server: str) -> None:
    err = load_error(lambda: load_url(server + "/big"))
    assert "an article must be under 5 MB" in err.problem


def test_url_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    url = f"http://127.0.0.1:{port}/"
    err = load_error(lambda: load_url(url, timeout=2))
    assert err.source == url
    assert err.problem.startswith("could not fetch: ")
    assert err.problem.endswith("(are you offline?)")


def test_url_dns_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    monkeypatch.setenv("no_proxy", "*")
    err = load_error(lambda: load_url("http://news.example.invalid/story"))
    assert err.problem == "could not fetch: Name or service not known (are you offline?)"


@pytest.mark.parametrize(
    "url", ["ftp://example.com/a.txt", "file:///etc/passwd", "javascript:alert(1)", "example.com"]
)
def test_url_scheme(url: str) -> None:
    err = load_error(lambda: load_url(url))
    assert err.source == url
    assert "only http(s) URLs" in err.problem
