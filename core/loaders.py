"""Turn files, bytes, pasted text and web pages into :class:`~factdiff.core.model.Article`.

This is the first stage of the pipeline: everything after it indexes into
``Article.text``, so the loaders decide that text once (decoded, newlines normalised,
boilerplate removed) and never hand on anything else. Every failure is a
:class:`~factdiff.core.errors.LoadError` naming the input and the problem in one line.

Supported inputs: plain text and Markdown (with an optional ``---`` front matter block),
HTML (article text via trafilatura), PDF (pypdf) and DOCX (python-docx). A sidecar
``<name>.meta.json`` next to a file supplies metadata the file itself lacks.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import email.utils
import http.client
import io
import json
import logging
import os
import re
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import LoadError
from .model import Article

__all__ = [
    "MAX_BYTES",
    "MAX_UNPACKED",
    "load_bytes",
    "load_path",
    "load_text",
    "load_url",
    "parse_date",
]

log = logging.getLogger(__name__)

#: Anything larger than this is not an article (and would make the comparison crawl).
MAX_BYTES = 5_000_000
#: A DOCX (a zip) may unpack to at most this: zipfile stops at each member's declared size.
MAX_UNPACKED = 10 * MAX_BYTES

USER_AGENT = "factdiff/0.1 (+https://github.com/factdiff; article comparison)"

_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})  #: never sniffed as HTML
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_UNSUPPORTED = {
    ".doc": "old Word .doc files are not supported; save it as .docx, .pdf or .txt",
    ".odt": "OpenDocument files are not supported; save it as .docx, .pdf or .txt",
    ".rtf": "RTF files are not supported; save it as .docx, .pdf or .txt",
}
_CONTENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}

# BOMs, longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: UTF-16 without a BOM: at least this share of one byte in two is zero (ASCII-heavy text).
_UTF16_ZERO_SHARE = 0.25
#: A cp1252 reading with more non-ASCII letters than this is likely another script
#: (cp1251 Cyrillic reads as "Ïðåçèäåíò"): ask charset-normalizer instead.
_FOREIGN_SHARE = 0.3
#: Valid UTF-8 sequences of two to four bytes (cp1252 text almost never contains them).
_UTF8_MULTIBYTE_RE = (
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_UTF8_MULTIBYTE = re.compile(_UTF8_MULTIBYTE_RE)
_UTF8_RUN = re.compile(rb"(?:[\x00-\x7f]|" + _UTF8_MULTIBYTE_RE + rb")*")

#: Control characters that do not belong in text (tab, newlines and form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BINARY_SHARE = 0.05
_SURROGATE = re.compile(r"[\ud800-\udfff]")

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_START = re.compile(
    rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(head|body)\b", re.I)
#: libxml2 drops what lies deeper than this unless told otherwise (XML_PARSE_HUGE).
_HTML_DEPTH_LIMIT = 255

#: Page furniture trafilatura's fallback extractors would otherwise keep.
_BOILERPLATE_XPATH = (
    "//nav|//aside|//noscript|//header[not(ancestor::article)]|//footer[not(ancestor::article)]"
)

_FRONT_MATTER_LINE = re.compile(r"\s*([A-Za-z][\w -]*?)\s*:\s*(.*?)\s*")
_FRONT_MATTER_MAX_LINES = 60
_META_KEYS = {
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "sitename": "outlet",
    "site": "outlet",
    "title": "title",
    "headline": "title",
    "date": "date",
    "published": "date",
    "url": "url",
    "link": "url",
}

_DATE_FORMATS = (
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%A %d %B %Y",
    "%A, %d %B %Y",
    "%A, %B %d, %Y",
    "%a, %d %b %Y",
    "%d.%m.%Y",
)


# -- small value types ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Src:
    """Where data came from: ``name`` goes into every error, ``noun`` says what it is."""

    name: str
    noun: str = "file"


@dataclass(frozen=True, slots=True)
class _Meta:
    """Article metadata from one place (front matter, sidecar, the document itself)."""

    outlet: str = ""
    title: str = ""
    date: dt.date | None = None
    url: str = ""

    def over(self, other: _Meta) -> _Meta:
        """This metadata, with blanks filled in from ``other`` (``self`` wins)."""
        return _Meta(
            outlet=self.outlet or other.outlet,
            title=self.title or other.title,
            date=self.date if self.date is not None else other.date,
            url=self.url or other.url,
        )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], src: _Src) -> _Meta:
        """Read the keys factdiff knows (and their aliases); ignore the rest."""
        fields: dict[str, Any] = {}
        for key, value in values.items():
            name = _META_KEYS.get(str(key).strip().lower())
            if name is None or value is None or name in fields:
                continue
            text = str(value).strip()
            if not text:
                continue
            if name == "date":
                parsed = parse_date(text)
                if parsed is None:
                    log.warning("%s: ignoring unreadable date %r", src.name, text)
                    continue
                fields[name] = parsed
            else:
                fields[name] = text
        return cls(**fields)


_NO_META = _Meta()


# -- public API ------------------------------------------------------------------------


def load_path(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Article:
    """Load an article from a file; the kind is chosen by extension and content.

    Metadata comes from the file (front matter, HTML/DOCX/PDF metadata) and from a
    sidecar ``<name>.meta.json``; front matter beats the sidecar, which beats the rest.
    """
    src = _Src(os.fsdecode(path))
    p = Path(src.name)
    data = _read_file(p, src, max_bytes)
    sidecar = _read_sidecar(p, src)
    return _load(data, src, p.suffix, sidecar=sidecar)


def load_bytes(data: bytes, *, source: str, suffix: str = "") -> Article:
    """Load an article from bytes in memory (stdin, drag and drop, a download).

    ``suffix`` (``".html"``, ``"pdf"``...) is a hint; the content is sniffed as well.
    """
    src = _Src(source, "input")
    _check_size(len(data), MAX_BYTES, src)
    return _load(data, src, suffix)


def load_text(
    text: str,
    *,
    source: str = "text",
    outlet: str = "",
    title: str = "",
    date: dt.date | None = None,
    url: str = "",
) -> Article:
    """Load pasted text; the arguments win over any front matter in the text.

    >>> art = load_text("---\\noutlet: VOA\\n---\\nBlinken may meet Wang.\\r\\n")
    >>> art.outlet, art.text
    ('VOA', 'Blinken may meet Wang.\\n')
    """
    given = _Meta(outlet=outlet, title=title, date=date, url=url)
    return _article_from_text(text, _Src(source, "text"), encoding="utf-8", given=given)


def load_url(url: str, *, timeout: float = 15.0) -> Article:
    """Fetch a web page (or a PDF/DOCX/text file) over http(s) and load it.

    The URL becomes both ``source`` and ``url`` of the article.
    """
    src = _Src(url, "page")
    try:
        parts = urllib.parse.urlsplit(url.strip())
    except ValueError:
        raise LoadError(url, "not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise LoadError(url, "only http(s) URLs can be fetched")
    data, content_type, charset = _fetch(url, src, timeout)
    suffix = _CONTENT_TYPES.get(content_type, Path(parts.path).suffix)
    return replace(_load(data, src, suffix, charset=charset), url=url)


def parse_date(value: str) -> dt.date | None:
    """The calendar date in a metadata string, or ``None`` if there is none.

    ISO dates and datetimes, RFC 2822 (``Sat, 18 Feb 2023 10:00:00 GMT``) and common
    written forms are read directly; anything else goes to dateparser (absolute dates
    only: "yesterday" is not a publication date).

    >>> parse_date("2023-02-18T09:30:00Z")
    datetime.date(2023, 2, 18)
    >>> parse_date("February 18, 2023")
    datetime.date(2023, 2, 18)
    >>> parse_date("soon") is None
    True
    """
    text = " ".join(str(value).split())
    if not text:
        return None
    for parse in (_parse_iso, _parse_rfc2822, _parse_formats, _parse_dateparser):
        found = parse(text)
        if found is not None:
            return found
    return None


# -- dispatch ----------------------------------------------------------------------------


def _load(
    data: bytes,
    src: _Src,
    suffix: str,
    *,
    sidecar: _Meta = _NO_META,
    charset: str | None = None,
) -> Article:
    """Load ``data`` as the kind its extension and content say it is."""
    if not data:
        raise LoadError(src.name, f"{src.noun} is empty")
    kind = _kind(data, suffix, src)
    log.debug("%s: loading %d bytes as %s", src.name, len(data), kind)
    if kind == "pdf":
        return _finish(*_pdf_text(data, src), src, sidecar, "PDF has no text layer (scanned?)")
    if kind == "docx":
        return _finish(*_docx_text(data, src), src, sidecar, "DOCX has no text")
    if kind == "html":
        text, meta, encoding = _html_text(data, src, charset)
        return _finish(text, meta, src, sidecar, "HTML page has no article text", encoding)
    text, encoding = _decode(data, src, charset)
    return _article_from_text(text, src, encoding=encoding, fallback=sidecar)


def _kind(data: bytes, suffix: str, src: _Src) -> str:
    """``"pdf"``, ``"docx"``, ``"html"`` or ``"text"``: magic bytes beat the extension."""
    ext = suffix.lower()
    if ext and not ext.startswith("."):
        ext = "." + ext
    if data.startswith(b"%PDF-"):
        sniffed = "pdf"
    elif data.startswith(b"PK\x03\x04") and _is_docx_zip(data):
        sniffed = "docx"
    else:
        sniffed = ""
    if sniffed:
        if ext not in ("", f".{sniffed}"):
            log.info("%s: content is %s despite the %s extension", src.name, sniffed, ext)
        return sniffed
    if ext in _UNSUPPORTED:
        raise LoadError(src.name, _UNSUPPORTED[ext])
    if ext == ".pdf":
        return "pdf"  # not a PDF, but the PDF reader says so best
    if ext == ".docx":
        return "docx"
    if ext in _HTML_SUFFIXES:
        return "html"
    if ext not in _TEXT_SUFFIXES and _looks_like_html(data):
        return "html"
    return "text"


def _looks_like_html(data: bytes) -> bool:
    """True for data that opens like an HTML document (for inputs with no extension)."""
    head = data[:4096].removeprefix(codecs.BOM_UTF8)
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith(b"<") and _HTML_TAGS.search(head) is not None


def _is_docx_zip(data: bytes) -> bool:
    """True for a zip archive holding a Word document body."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _finish(
    text: str,
    meta: _Meta,
    src: _Src,
    sidecar: _Meta,
    empty_problem: str,
    encoding: str = "utf-8",
) -> Article:
    """Build the article for an extracted text (PDF, DOCX, HTML); the sidecar wins."""
    text = _normalise_newlines(text)
    if not text.strip():
        raise LoadError(src.name, empty_problem)
    return _article(text, sidecar.over(meta), src, encoding)


def _article(text: str, meta: _Meta, src: _Src, encoding: str) -> Article:
    return Article(
        text=text,
        outlet=meta.outlet,
        title=meta.title,
        date=meta.date,
        url=meta.url,
        source=src.name,
        encoding=encoding,
    )


# -- files -------------------------------------------------------------------------------


def _read_file(path: Path, src: _Src, max_bytes: int) -> bytes:
    """The file's bytes, or a LoadError for a missing, unreadable or oversized file."""
    try:
        if path.is_dir():
            raise LoadError(src.name, "is a directory, not a file")
        _check_size(path.stat().st_size, max_bytes, src)
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # a pipe or a growing file has no honest size
    except FileNotFoundError:
        raise LoadError(src.name, "no such file") from None
    except PermissionError:
        raise LoadError(src.name, "permission denied") from None
    except IsADirectoryError:
        raise LoadError(src.name, "is a directory, not a file") from None
    except OSError as exc:
        raise LoadError(src.name, f"could not read: {exc.strerror or exc}") from None
    _check_size(len(data), max_bytes, src)
    return data


def _check_size(size: int, max_bytes: int, src: _Src) -> None:
    if size > max_bytes:
        raise LoadError(
            src.name,
            f"{src.noun} is {_mb(size)}; an article must be under {_mb(max_bytes, limit=True)}",
        )


def _mb(size: int, *, limit: bool = False) -> str:
    """A size for people: ``40.0 MB``, ``12.3 kB``, ``200 bytes``; a round limit: ``5 MB``."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if size >= scale:
            value = size / scale
            return f"{value:g} {unit}" if limit and size % scale == 0 else f"{value:.1f} {unit}"
    return f"{size} bytes"


def _read_sidecar(path: Path, src: _Src) -> _Meta:
    """Metadata from ``name.meta.json`` or ``name.ext.meta.json`` next to the file."""
    for candidate in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if candidate == path or not candidate.is_file():
            continue
        try:
            values = json.loads(candidate.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeError) as exc:
            raise LoadError(
                src.name, f"could not read metadata file {candidate.name}: {exc}"
            ) from None
        except json.JSONDecodeError as exc:
            raise LoadError(
                src.name, f"metadata file {candidate.name} is not valid JSON (line {exc.lineno})"
            ) from None
        if not isinstance(values, dict):
            raise LoadError(src.name, f"metadata file {candidate.name} must hold a JSON object")
        log.debug("%s: metadata from %s", src.name, candidate)
        return _Meta.from_mapping(values, src)
    return _NO_META


# -- text ----------------------------------------------------------------------------------


def _decode(data: bytes, src: _Src, charset: str | None = None) -> tuple[str, str]:
    """Decode text bytes: BOM, then the declared ``charset``, UTF-8, then a legacy guess.

    Returns the text (BOM removed) and the name of the encoding used. Data with NUL bytes
    is UTF-16 without a BOM if its zeros sit in every other byte, else binary: LoadError.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError:
                raise LoadError(src.name, f"not valid {encoding} text despite its BOM") from None
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise LoadError(src.name, "binary data, not text")
        return found
    for encoding in _candidate_encodings(charset):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return _legacy_decode(data)


def _candidate_encodings(charset: str | None) -> list[str]:
    """The declared charset (if Python knows it) ahead of UTF-8."""
    names = ["utf-8"]
    if charset:
        try:
            name = codecs.lookup(charset).name
        except LookupError:
            log.info("ignoring unknown charset %r", charset)
        else:
            names.insert(0, name)
    return list(dict.fromkeys(names))


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Mostly-ASCII UTF-16 with no BOM (some exporters write it): a zero in every other
    byte, never in the bytes between. None if the data does not look like that."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= _UTF16_ZERO_SHARE * len(zeros) and other.count(0) == 0:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


def _cp1252_bytes(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 read as cp1252 (Latin-1 where cp1252
    has no character), so a UTF-8 file with a pasted cp1252 paragraph reads right."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return "".join(_cp1252_char(b) for b in bad), err.end


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return chr(byte)


codecs.register_error("factdiff.cp1252", _cp1252_bytes)


def _mixed_utf8(data: bytes) -> bool:
    """True for UTF-8 text with a few stray single bytes (a cp1252 "é" between ASCII):
    some real multibyte UTF-8, and the bytes that are not UTF-8 stand alone. Legacy CJK
    encodings also contain UTF-8-like pairs, but their stray bytes come in runs."""
    multibyte = _UTF8_MULTIBYTE.findall(data)
    if not (len(multibyte) >= 2 or any(len(m) > 2 for m in multibyte)):
        return False
    stray = alone = pos = 0
    while True:
        run = _UTF8_RUN.match(data, pos)
        pos = run.end() if run else pos
        if pos >= len(data):
            break
        stray += 1
        alone += data[pos + 1 : pos + 2] < b"\x80"  # followed by ASCII or the end
        if stray - alone > 100 and alone < 0.9 * stray:
            return False  # runs of stray bytes: not worth scanning further
        pos += 1
    return alone >= 0.9 * stray


def _legacy_decode(data: bytes) -> tuple[str, str]:
    """Text that is not UTF-8: mixed UTF-8 and cp1252, cp1252/Latin-1, or (when that reads
    as gibberish) the encoding charset-normalizer detects (cp1251, Shift-JIS, GBK...)."""
    if _mixed_utf8(data):
        return data.decode("utf-8", errors="factdiff.cp1252"), "utf-8+cp1252"
    try:
        western = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        western = data.decode("latin-1"), "latin-1"
    letters = [ch for ch in western[0] if ch.isalpha()]
    foreign = sum(not ch.isascii() for ch in letters)
    controls = len(_CONTROL.findall(western[0]))
    if foreign <= _FOREIGN_SHARE * len(letters) and controls <= _BINARY_SHARE * len(western[0]):
        return western
    import charset_normalizer  # only for text in a legacy non-Latin encoding

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        return western
    try:
        encoding = codecs.lookup(best.encoding).name
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return western
    if len(_CONTROL.findall(text)) > _BINARY_SHARE * len(text):
        return western
    log.info("decoded as %s (detected)", encoding)
    return text, encoding


def _normalise_newlines(text: str) -> str:
    r"""``\r\n`` and lone ``\r`` become ``\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_text(text: str, src: _Src) -> None:
    """Reject empty, whitespace-only and binary-looking text."""
    if not text:
        raise LoadError(src.name, f"{src.noun} is empty")
    if "\x00" in text or len(_CONTROL.findall(text)) > _BINARY_SHARE * len(text):
        raise LoadError(src.name, "binary data, not text")
    if not text.strip():
        raise LoadError(src.name, f"{src.noun} contains only whitespace")


def _article_from_text(
    text: str,
    src: _Src,
    *,
    encoding: str,
    given: _Meta = _NO_META,
    fallback: _Meta = _NO_META,
) -> Article:
    """Validate text, split off its front matter; ``given`` > front matter > ``fallback``."""
    text = _normalise_newlines(text.removeprefix("\ufeff"))
    _check_text(text, src)
    # Pasted text can hold lone surrogates (bad UTF-16 from another app): they cannot be
    # saved as UTF-8, so they become U+FFFD (same length: offsets stay valid).
    text = _SURROGATE.sub("\ufffd", text)
    front, body = _split_front_matter(text)
    if front and not body.strip():
        raise LoadError(src.name, "has front matter but no article text")
    meta = given.over(_Meta.from_mapping(front, src)).over(fallback)
    return _article(body, meta, src, encoding)


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a leading ``---`` block of ``key: value`` lines from the text.

    Returns ``({}, text)`` when there is no such block, so a text that merely starts
    with a ``---`` rule is left alone.

    >>> _split_front_matter("---\\ntitle: 'Talks'\\n---\\nBody\\n")
    ({'title': 'Talks'}, 'Body\\n')
    """
    if not text.startswith("---\n"):
        return {}, text
    lines = text.split("\n", _FRONT_MATTER_MAX_LINES + 1)
    values: dict[str, str] = {}
    for i, line in enumerate(lines[1 : _FRONT_MATTER_MAX_LINES + 1], start=1):
        if line.rstrip() in ("---", "..."):
            return values, "\n".join(lines[i + 1 :])
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _FRONT_MATTER_LINE.fullmatch(line)
        if match is None:
            return {}, text
        values[match.group(1).lower()] = _unquote(match.group(2))
    return {}, text


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


# -- HTML ----------------------------------------------------------------------------------


def _html_text(data: bytes, src: _Src, charset: str | None) -> tuple[str, _Meta, str]:
    """Article text and metadata of an HTML page, with nav, footers and scripts left out."""
    if not charset:
        declared = _META_CHARSET.search(data[:8192])
        charset = declared.group(1).decode("ascii") if declared else None
    html, encoding = _decode(data, src, charset)
    _check_text(html, src)
    try:
        doc = _extract(html)
        if doc is None or not (doc.text or "").strip():
            doc = _extract_deep(html, src) or doc
    except LoadError:
        raise
    except Exception as exc:  # a third-party parser: any failure means a page it can't read
        log.debug("%s: trafilatura failed", src.name, exc_info=True)
        raise LoadError(src.name, f"could not parse HTML: {_one_line(exc)}") from None
    if doc is None:
        raise LoadError(src.name, "HTML page has no article text")
    meta = _Meta.from_mapping(
        {
            "outlet": doc.sitename or doc.hostname or "",
            "title": doc.title or "",
            "date": doc.date or "",
            "url": doc.url or "",
        },
        src,
    )
    return doc.text or "", meta, encoding


def _extract(html: Any) -> Any:
    """trafilatura's article text and metadata for an HTML string or an lxml tree."""
    import trafilatura  # heavy: only when a page is loaded

    return trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        prune_xpath=_BOILERPLATE_XPATH,
    )


def _extract_deep(html: str, src: _Src) -> Any:
    """Retry a page nested deeper than libxml2's default limit (255 levels, beyond which it
    drops the content) with that limit lifted; LoadError if it is too deep even so."""
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (ValueError, lxml.etree.ParserError):
        return None
    depth = level = 0
    for event, _ in lxml.etree.iterwalk(tree, events=("start", "end")):
        level += 1 if event == "start" else -1
        depth = max(depth, level)
    if depth < _HTML_DEPTH_LIMIT:
        return None  # nesting is not why the page has no text
    doc = _extract(tree)
    if doc is None or not (doc.text or "").strip():
        raise LoadError(
            src.name,
            f"HTML is nested more than {_HTML_DEPTH_LIMIT} levels deep, too deep to find the "
            "article text; save the page as text or PDF",
        )
    log.info("%s: read a page nested %d levels deep", src.name, depth)
    return doc


# -- PDF -------------------------------------------------------------------------------------


class _PypdfNotes(logging.Filter):
    """Holds back what pypdf logs while this thread reads a PDF ("EOF marker not found",
    "Ignoring wrong pointing object"...): the user gets one clear message from us, and
    pypdf's notes go to our debug log. Other threads' pypdf logging is left alone."""

    def __init__(self) -> None:
        super().__init__()
        self._local = threading.local()

    def filter(self, record: logging.LogRecord) -> bool:
        notes = getattr(self._local, "notes", None)
        if notes is None:
            return True
        notes.append(record.getMessage())
        return False

    @contextlib.contextmanager
    def held(self) -> Iterator[list[str]]:
        import pypdf  # noqa: F401 - pypdf logs under its modules' names (pypdf._reader)

        names = {n for n in sys.modules if n.split(".")[0] == "pypdf"}
        names |= {n for n in logging.Logger.manager.loggerDict if n.split(".")[0] == "pypdf"}
        for name in sorted(names):
            logger = logging.getLogger(name)
            if self not in logger.filters:
                logger.addFilter(self)
        notes: list[str] = []
        self._local.notes = notes
        try:
            yield notes
        finally:
            self._local.notes = None


_PYPDF_NOTES = _PypdfNotes()


def _pdf_text(data: bytes, src: _Src) -> tuple[str, _Meta]:
    """Text of every page of a PDF, one page after another."""
    import pypdf  # heavy: only when a PDF is loaded

    with _PYPDF_NOTES.held() as notes:
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            _unlock(reader, src)
            pages = [page.extract_text() or "" for page in reader.pages]
            title = (reader.metadata.title if reader.metadata else None) or ""
        except LoadError:
            raise
        except Exception as exc:  # pypdf raises many kinds on a broken file
            log.debug("%s: pypdf failed", src.name, exc_info=True)
            raise LoadError(src.name, f"not a readable PDF: {_one_line(exc)}") from None
        finally:
            for note in notes:
                log.debug("%s: pypdf: %s", src.name, note)
    return "\n".join(pages), _Meta(title=str(title).strip())


def _unlock(reader: Any, src: _Src) -> None:
    """Open an encrypted PDF with the empty password, or explain why it cannot be read."""
    import pypdf

    if not reader.is_encrypted:
        return
    try:
        unlocked = reader.decrypt("")
    except pypdf.errors.DependencyError:
        raise LoadError(
            src.name, "PDF is encrypted (AES); reading it needs the 'cryptography' package"
        ) from None
    if unlocked == pypdf.PasswordType.NOT_DECRYPTED:
        raise LoadError(src.name, "PDF is encrypted with a password; save an unlocked copy")


# -- DOCX --------------------------------------------------------------------------------------


def _docx_text(data: bytes, src: _Src) -> tuple[str, _Meta]:
    """Paragraph text of a Word document, one paragraph a line."""
    import docx  # python-docx: only when a DOCX is loaded

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise LoadError(src.name, "not a valid DOCX file (not a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise LoadError(src.name, f"not a valid DOCX file ({_one_line(exc)})") from None
    if unpacked > MAX_UNPACKED:  # python-docx reads every part into memory
        raise LoadError(
            src.name,
            f"DOCX unpacks to {_mb(unpacked)}; an article must be under "
            f"{_mb(MAX_UNPACKED, limit=True)} unpacked (a zip bomb?)",
        )
    try:
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(p.text for p in document.paragraphs)
        title = document.core_properties.title or ""
    except Exception as exc:  # python-docx, zipfile and lxml all raise their own kinds
        log.debug("%s: python-docx failed", src.name, exc_info=True)
        raise LoadError(src.name, f"not a valid DOCX file ({_one_line(exc)})") from None
    return text, _Meta(title=title.strip())


# -- URLs ----------------------------------------------------------------------------------------


def _fetch(url: str, src: _Src, timeout: float) -> tuple[bytes, str, str | None]:
    """The body, content type and charset of a URL, read up to :data:`MAX_BYTES`."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    opener = urllib.request.build_opener()
    limit = MAX_BYTES
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit():
                _check_size(int(length), limit, src)
            data = response.read(limit + 1)
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise LoadError(url, f"the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise LoadError(url, _offline(exc.reason)) from None
    except (OSError, http.client.HTTPException) as exc:  # includes TimeoutError
        raise LoadError(url, _offline(exc)) from None
    except ValueError as exc:  # urllib's word for a malformed URL
        raise LoadError(url, f"not a valid URL: {_one_line(exc)}") from None
    if len(data) > limit:
        cap = _mb(limit, limit=True)
        raise LoadError(url, f"page is over {cap}; an article must be under {cap}")
    return data, content_type, charset


def _offline(reason: object) -> str:
    """The message for a fetch that never got an answer."""
    if isinstance(reason, TimeoutError):
        reason = "timed out"
    elif isinstance(reason, OSError) and reason.strerror:
        reason = reason.strerror
    return f"could not fetch: {_one_line(reason)} (are you offline?)"


# -- dates ---------------------------------------------------------------------------------------


def _parse_iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _parse_rfc2822(text: str) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _parse_formats(text: str) -> dt.date | None:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _parse_dateparser(text: str) -> dt.date | None:
    import dateparser  # slow first use: only for dates the fast paths cannot read

    settings = {
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["custom-formats", "absolute-time"],
    }
    try:
        found = dateparser.parse(text, settings=settings)
    except Exception:  # dateparser has raised on odd input before; a date is optional
        log.debug("dateparser failed on %r", text, exc_info=True)
        return None
    return found.date() if found is not None else None


# -- helpers -------------------------------------------------------------------------------------


def _one_line(value: object) -> str:
    """A message squeezed onto one line, never empty."""
    text = " ".join(str(value).split())
    if not text and isinstance(value, BaseException):
        text = type(value).__name__
    return text[:200] or "unknown error"
