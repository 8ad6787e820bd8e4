"""The bad-input catalogue (issue 6): every case feeds factdiff something people will feed
it by mistake and says what must happen, a clear error or a correct result.

Each case is a function ``case(tmp) -> Outcome`` registered with :func:`case`; it builds
its input under ``tmp``, runs the public API or the ``factdiff`` command, and asserts the
outcome (see :mod:`.helpers`). ``tests/hardening/test_bad_inputs.py`` runs them under
pytest; ``bench/hardening_table.py`` runs them and writes the table in bench/README.md.

Unit tests of the same modules (tests/test_loaders.py, test_session.py, test_export.py)
check each function's contract in detail; these cases go through the paths a user takes
(``factdiff compare``/``export``, a loaded file all the way to an export) and cover what
those tests do not.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pytest
from builders import make_pdf, rewrite_pdf

from factdiff.core import loaders
from factdiff.core import session as sm
from factdiff.core.compare import MAX_SENTENCES, compare, compare_embeddings
from factdiff.core.errors import (
    Cancelled,
    CompareError,
    ExportError,
    LoadError,
    SessionError,
)
from factdiff.core.model import Article, Comparison, Status
from factdiff.core.review import Decision, Review
from factdiff.core.segment import sentence_spans, split_sentences

from .helpers import (
    ARTICLE,
    HOSTILE_HTML,
    OTHER,
    Guard,
    Outcome,
    can_drop_to_nobody,
    docx_with,
    eacces,
    enospc,
    expect_cli_error,
    expect_error,
    expect_result,
    fake_model,
    make_docx,
    png_bytes,
    run_cli,
    run_python_as_nobody,
    run_python_on_full_disk,
    scanned_pdf,
    shared_tempdir,
    silent_server,
    temp_leftovers,
    tmpfs_available,
    unit_rows,
    write,
    zip_of,
)


@dataclass(frozen=True)
class Case:
    id: str
    area: str  #: loaders, engine, cli, sessions, export
    title: str
    expect: str  #: "error" or "result"
    run: Callable[[Path], Outcome]
    needs: str = ""  #: "qt" (a QGuiApplication), "root+tmpfs", "root" (to drop to nobody)
    #: a known bug outside this suite's files, already reported: the case is expected to
    #: fail (strict xfail) until it is fixed, and the table counts it
    known: str = ""

    def available(self) -> str:
        """Empty if the case can run here, else why not."""
        if self.needs == "root" and not can_drop_to_nobody():
            return "needs root on Linux to drop to user nobody"
        if self.needs == "root+tmpfs" and not tmpfs_available():
            return "needs root and permission to mount a tmpfs in a private namespace"
        return ""


CASES: list[Case] = []


CaseFn = Callable[[Path], Outcome]


def case(
    area: str, title: str, expect: str, needs: str = "", known: str = ""
) -> Callable[[CaseFn], CaseFn]:
    def register(fn: CaseFn) -> CaseFn:
        CASES.append(Case(fn.__name__, area, title, expect, fn, needs, known))
        return fn

    return register


def _text_result(art: Article, *must: str) -> Outcome:
    for piece in must:
        assert piece in art.text, f"{piece!r} not in {art.text[:300]!r}"
    return Outcome("result", f"{len(art.text):,} chars ({art.encoding})")


# -- loaders ------------------------------------------------------------------------------------


@case("loaders", "empty file", "error")
def empty_file(tmp: Path) -> Outcome:
    path = write(tmp / "empty.txt", b"")
    return expect_error(lambda: loaders.load_path(path), "file is empty", LoadError)


@case("loaders", "whitespace only (spaces, tabs, CRLF, NBSP, a BOM)", "error")
def whitespace_only(tmp: Path) -> Outcome:
    path = write(tmp / "blank.txt", "\ufeff  \t\r\n\u00a0\u2003\r\n\n")
    return expect_error(lambda: loaders.load_path(path), "contains only whitespace", LoadError)


@case("engine", "invisible text only (zero-width spaces): loads, nothing to compare", "error")
def zero_width_only(tmp: Path) -> Outcome:
    art = loaders.load_text("\u200b\u200c\u200d\u2060" * 50, source="clipboard")
    other = loaders.load_text(ARTICLE)
    with pytest.MonkeyPatch.context() as mp, fake_model(mp):
        return expect_error(lambda: compare([art, other]), "no sentences found", CompareError)


@case("loaders", "binary: a PNG renamed .txt", "error")
def png_as_text(tmp: Path) -> Outcome:
    path = write(tmp / "photo.txt", png_bytes())
    return expect_error(lambda: loaders.load_path(path), "binary data, not text", LoadError)


@case("loaders", "binary: 1 MB of random bytes without NULs, no extension", "error")
def random_bytes(tmp: Path) -> Outcome:
    rng = np.random.default_rng(6)
    data = bytes(rng.integers(1, 256, size=1_000_000, dtype=np.uint8))
    path = write(tmp / "blob", data)
    return expect_error(lambda: loaders.load_path(path), "binary data, not text", LoadError)


@case("loaders", "huge: a 40 MB log file (refused before reading)", "error")
def huge_log(tmp: Path) -> Outcome:
    path = tmp / "server.log"
    with path.open("wb") as fh:
        fh.write(b"2024-05-01 12:00:00 INFO started\n")
        fh.truncate(40_000_000)  # sparse: the loader must refuse it from its size
    return expect_error(
        lambda: loaders.load_path(path), "file is 40.0 MB; an article must be under 5 MB", LoadError
    )


@case("engine", "a 4.9 MB log file (under the size limit): 89,000 'sentences'", "error")
def log_under_limit(tmp: Path) -> Outcome:
    line = b"2024-05-01 12:00:00 INFO worker finished job in 42 ms.\n"
    path = write(tmp / "server.log", line * (4_900_000 // len(line)))
    other = write(tmp / "b.txt", ARTICLE)
    with pytest.MonkeyPatch.context() as mp, fake_model(mp) as enc:
        out = expect_cli_error(["compare", str(path), str(other)], 1, "is it a log file or a book")
        assert enc.calls == 0, "refused before encoding anything"
    assert f"{MAX_SENTENCES:,} sentences" in out.detail
    return out


@case("loaders", "deeply nested HTML: the article 1,000 elements deep", "result")
def deep_html(tmp: Path) -> Outcome:
    body = "<div>" * 1000 + "<p>" + ARTICLE.replace("\n", "</p><p>") + "</p>" + "</div>" * 1000
    path = write(
        tmp / "deep.html", f"<html><head><title>Deep</title></head><body>{body}</body></html>"
    )
    art = expect_result(lambda: loaders.load_path(path))
    return _text_result(art, "approved the new bridge", "should go to schools")


@case("loaders", "deeply nested HTML: 100,000 levels", "error")
def very_deep_html(tmp: Path) -> Outcome:
    body = "<div>" * 100_000 + "<p>" + ARTICLE + "</p>" + "</div>" * 100_000
    path = write(tmp / "deeper.html", f"<html><body>{body}</body></html>")
    return expect_error(lambda: loaders.load_path(path), "levels deep", LoadError)


@case("loaders", "malformed HTML: unclosed and stray tags, bad entities, cut mid-tag", "result")
def malformed_html(tmp: Path) -> Outcome:
    page = (
        "<html><body><div><p>The city council approved the new bridge on <b>Monday <i>by a vote"
        "</b> of 7 to 2.</i><p>Construction will cost 12 million dollars</span></div></td>"
        "&bogus; &#xD800; &#0; &#99999999; <table><tr><td>and start in May.<p>Opponents said"
        " the money should go to schools instead.</p></ta"
    )
    art = expect_result(lambda: loaders.load_bytes(page.encode(), source="broken.html"))
    assert "\x00" not in art.text and not any("\ud800" <= ch <= "\udfff" for ch in art.text)
    return _text_result(art, "approved the new bridge", "12 million dollars", "go to schools")


@case("loaders", "HTML with scripts, iframes, trackers, remote images, handlers", "result")
def hostile_html(tmp: Path) -> Outcome:
    from .helpers import no_network

    path = write(tmp / "saved-page.html", HOSTILE_HTML)
    with pytest.MonkeyPatch.context() as mp, no_network(mp) as attempts:
        art = expect_result(lambda: loaders.load_path(path))
    assert attempts == []
    for junk in (
        "SCRIPTTEXT",
        "evil.example",
        "tracker.example",
        "IFRAMETEXT",
        "ONLOADTEXT",
        "CLICKTEXT",
        "LINKTEXT",
        "STYLETEXT",
        "NOSCRIPTTEXT",
        "document.cookie",
    ):
        assert junk not in art.text and junk not in art.title, junk
    # escaped markup in the page is text, kept literally
    return _text_result(
        art, "approved the new bridge", '<script>alert("x")</script>', "& nothing more"
    )


@case("loaders", "PDF without a text layer (a scan)", "error")
def scanned(tmp: Path) -> Outcome:
    path = write(tmp / "scan.pdf", scanned_pdf())
    return expect_error(
        lambda: loaders.load_path(path), "PDF has no text layer (scanned?)", LoadError
    )


@case("loaders", "encrypted PDF (a user password)", "error")
def encrypted_pdf(tmp: Path) -> Outcome:
    data = rewrite_pdf(make_pdf(["The council approved the bridge."]), user_password="s3cret")
    path = write(tmp / "locked.pdf", data)
    return expect_error(lambda: loaders.load_path(path), "encrypted with a password", LoadError)


@case("loaders", "PDF cut off halfway (a failed download)", "error")
def truncated_pdf(tmp: Path) -> Outcome:
    data = rewrite_pdf(make_pdf(["The council approved the bridge."] * 20, ["Page two."]))
    path = write(tmp / "cut.pdf", data[: len(data) // 3])
    out = expect_result(lambda: _load_or_error(path))
    if isinstance(out, Outcome):
        return out
    # pypdf can recover the first page of a cut file: then it must be that page's text
    return _text_result(out, "The council approved the bridge.")


def _load_or_error(path: Path) -> Article | Outcome:
    try:
        return loaders.load_path(path)
    except LoadError as err:
        assert "PDF" in err.problem, err.problem
        return Outcome("error", str(err))


@case("loaders", "DOCX that is a renamed zip of other files", "error")
def docx_renamed_zip(tmp: Path) -> Outcome:
    data = zip_of({"report/data.csv": b"a,b\n1,2\n", "notes.txt": b"not a Word file"})
    path = write(tmp / "article.docx", data)
    return expect_error(lambda: loaders.load_path(path), "not a valid DOCX file", LoadError)


@case("loaders", "DOCX zip bomb: 440 kB that unpacks to 400 MB", "error")
def docx_bomb(tmp: Path) -> Outcome:
    def inflate(name: str, content: bytes) -> bytes | object:
        if name != "word/document.xml":
            return content
        head, tail = content.split(b"<w:body>", 1)
        return iter([head + b"<w:body>", *([b" " * (1 << 20)] * 400), tail])

    data = docx_with(make_docx(["The council approved the bridge."]), inflate)  # type: ignore[arg-type]
    assert len(data) < 1_000_000
    path = write(tmp / "bomb.docx", data)
    return expect_error(lambda: loaders.load_path(path), "unpacks to 420.3 MB", LoadError)


@case("loaders", "DOCX with an external entity (XXE) pointing at a local file", "result")
def docx_xxe(tmp: Path) -> Outcome:
    secret = write(tmp / "secret.txt", "TOP-SECRET-CONTENT")

    def add_entity(name: str, content: bytes) -> bytes:
        if name != "word/document.xml":
            return content
        decl, rest = content.split(b"?>", 1)
        doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'.encode()
        return decl + b"?>" + doctype + rest.replace(b"The council", b"&xxe; The council", 1)

    paragraphs = ["The council approved the bridge.", "Construction starts in May."]
    path = write(tmp / "xxe.docx", docx_with(make_docx(paragraphs), add_entity))
    art = expect_result(lambda: loaders.load_path(path))
    assert "TOP-SECRET" not in art.text  # the entity is never resolved
    _text_result(art, "Construction starts in May.")
    return Outcome("result", "the entity is left unresolved: the local file is never read")


@case("loaders", "wrong encoding: Windows-1251 Russian, no declaration", "result")
def cp1251(tmp: Path) -> Outcome:
    text = (
        "Городской совет в понедельник одобрил строительство нового моста.\n"
        "Строительство обойдётся в 12 миллионов долларов и начнётся в мае, сказал мэр.\n"
    )
    art = expect_result(lambda: loaders.load_path(write(tmp / "ru.txt", text.encode("cp1251"))))
    assert art.text == text and art.encoding == "cp1251"
    return _text_result(art)


@case("loaders", "wrong encoding: Shift-JIS Japanese, no declaration", "result")
def shift_jis(tmp: Path) -> Outcome:
    text = (
        "市議会は月曜日、新しい橋の建設を承認した。費用は1200万ドルで、5月に着工すると"
        "市長が述べた。"
    )
    art = expect_result(lambda: loaders.load_path(write(tmp / "ja.txt", text.encode("shift_jis"))))
    assert art.text == text
    return _text_result(art)


@case("loaders", "mixed encodings: UTF-8 file with a pasted cp1252 paragraph", "result")
def mixed_encoding(tmp: Path) -> Outcome:
    data = (
        "The council said “yes” — 7 to 2.\n".encode()
        + "Le café coûte 2 € à Zürich.\n".encode("cp1252")
        + "Prices rose 5 % in São Paulo.\n".encode()
    )
    art = expect_result(lambda: loaders.load_path(write(tmp / "mixed.txt", data)))
    assert art.text == (
        "The council said “yes” — 7 to 2.\nLe café coûte 2 € à Zürich.\n"
        "Prices rose 5 % in São Paulo.\n"
    )
    return _text_result(art)


@case("loaders", "UTF-16 without a BOM", "result")
def utf16_no_bom(tmp: Path) -> Outcome:
    art = expect_result(
        lambda: loaders.load_path(write(tmp / "u16.txt", ARTICLE.encode("utf-16-le")))
    )
    assert art.text == ARTICLE and art.encoding == "utf-16-le"
    return _text_result(art)


@case("loaders", "HTML that declares UTF-8 but is Windows-1252", "result")
def html_wrong_charset(tmp: Path) -> Outcome:
    page = (
        '<html><head><meta charset="utf-8"><title>Café</title></head><body><article>'
        "<p>The café owner said the bridge “will bring customers” to the old town.</p>"
        "<p>Construction will cost 12 million euros and start in May, the mayor said.</p>"
        "</article></body></html>"
    )
    art = expect_result(lambda: loaders.load_path(write(tmp / "lie.html", page.encode("cp1252"))))
    return _text_result(art, "The café owner said the bridge “will bring customers”")


@case("loaders", "pasted text holding a lone UTF-16 surrogate", "result")
def pasted_surrogate(tmp: Path) -> Outcome:
    art = expect_result(
        lambda: loaders.load_text(
            "The mayor \ud83d said yes.\nThe vote was 7 to 2.", source="clipboard"
        )
    )
    assert art.text == "The mayor \ufffd said yes.\nThe vote was 7 to 2."
    art.digest  # noqa: B018 (hashable as UTF-8 now: caches and sessions work)
    return _text_result(art)


@case("loaders", "a file that cannot be read (real permissions, as user nobody)", "error", "root")
def unreadable_file(tmp: Path) -> Outcome:
    with shared_tempdir() as folder:
        path = write(folder / "private.txt", ARTICLE)
        path.chmod(0o600)  # owned by root: nobody may not read it
        proc = run_python_as_nobody(
            """
            import sys
            from factdiff.core.errors import LoadError
            from factdiff.core.loaders import load_path
            try:
                load_path(sys.argv[1])
            except LoadError as err:
                print(err)
            """,
            str(path),
        )
    assert proc.returncode == 0, proc.stderr
    message = proc.stdout.strip()
    assert message == f"{path}: permission denied", message
    return Outcome("error", message)


@case("loaders", "a URL that never answers (times out)", "error")
def url_timeout(tmp: Path) -> Outcome:
    with silent_server() as url:
        return expect_error(
            lambda: loaders.load_url(url, timeout=0.5),
            "could not fetch: timed out (are you offline?)",
            LoadError,
        )


# -- engine --------------------------------------------------------------------------------------


def _pair(a: Article, b: Article, vec_a: np.ndarray, vec_b: np.ndarray) -> Comparison:
    sa, sb = split_sentences(a.text), split_sentences(b.text)
    return compare_embeddings([a, b], [sa, sb], [vec_a[: len(sa)], vec_b[: len(sb)]])


def _spans_exact(text: str) -> list[tuple[int, int]]:
    spans = sentence_spans(text)
    prev = 0
    for s, e in spans:
        assert prev <= s < e and text[s:e] == text[s:e].strip()
        prev = e
    words = "".join(ch for ch in text if ch.isalnum())
    assert "".join(ch for s, e in spans for ch in text[s:e] if ch.isalnum()) == words
    return spans


@case("engine", "a single 100,000-character 'sentence' (no punctuation)", "result")
def one_huge_sentence(tmp: Path) -> Outcome:
    words = "the council voted on the new bridge and its cost".split()
    text = " ".join(words[i % len(words)] for i in range(20_000))[:100_000]
    spans = _spans_exact(text)
    assert 20 <= len(spans) <= 40, len(spans)  # cut at spaces into pieces pysbd handles
    assert max(e - s for s, e in spans) <= 5_000
    a = loaders.load_text(text, outlet="A")
    b = loaders.load_text(ARTICLE, outlet="B")
    cmp = expect_result(lambda: _pair(a, b, unit_rows(len(spans)), unit_rows(3, seed=1)))
    assert len(cmp.sentences[0]) == len(spans)
    return Outcome("result", f"{len(spans)} pieces, each ≤ 5,000 chars, covering every word")


@case("engine", "2,000 one-word lines", "result")
def many_lines(tmp: Path) -> Outcome:
    text = "\n".join(f"word{i}" for i in range(2000))
    spans = _spans_exact(text)
    assert len(spans) == 2000
    a = loaders.load_text(text, outlet="A")
    b = loaders.load_text("word10\n\nword20\n\nSomething else entirely.", outlet="B")
    vec_a = unit_rows(2000)
    vec_b = np.stack([vec_a[10], vec_a[20], unit_rows(1, seed=3)[0]])  # two lines match
    cmp = expect_result(lambda: _pair(a, b, vec_a, vec_b))
    linked = {lk.a for lk in cmp.links}
    assert {(0, 10), (0, 20)} <= linked, linked
    return Outcome("result", "2,000 sentences; the two matching lines linked")


@case("engine", "right-to-left text (Arabic, Hebrew) with numbers", "result")
def rtl(tmp: Path) -> Outcome:
    a = loaders.load_text(
        "قال رئيس البلدية إن الجسر سيفتح يوم الاثنين. وأضاف أن 12 شخصا أصيبوا.\n"
        "ראש העיר אמר שהגשר ייפתח ביום שני. הוא הוסיף שהעלות 12 מיליון.",
        outlet="A",
    )
    spans = _spans_exact(a.text)
    assert len(spans) == 4, [a.text[s:e] for s, e in spans]
    vec = unit_rows(4)
    cmp = expect_result(lambda: _pair(a, replace(a, outlet="B"), vec, vec))
    assert len(cmp.links) == 4 and not any(lk.conflicts for lk in cmp.links)
    return Outcome(
        "result", "4 sentences with exact spans; identical copies all linked, no conflicts"
    )


@case("engine", "CJK text (no spaces; sentences end with 。)", "result")
def cjk(tmp: Path) -> Outcome:
    a = loaders.load_text(
        "市議会は月曜日、新しい橋を承認した。費用は1200万ドル。工事は5月に始まる！", outlet="A"
    )
    spans = _spans_exact(a.text)
    assert [a.text[s:e] for s, e in spans] == [
        "市議会は月曜日、新しい橋を承認した。",
        "費用は1200万ドル。",
        "工事は5月に始まる！",
    ]
    vec = unit_rows(3)
    cmp = expect_result(lambda: _pair(a, replace(a, outlet="B"), vec, vec))
    assert [(lk.a, lk.b) for lk in cmp.links] == [((0, i), (1, i)) for i in range(3)]
    return Outcome("result", "3 sentences split at 。/！, linked one to one")


GRAPHEME_TAILS = ("\u0301", "\u0308", "\u200d", "\ufe0f", "\U0001f3fd")


@case("engine", "emoji, ZWJ sequences and combining characters", "result")
def emoji(tmp: Path) -> Outcome:
    text = (
        "Ze\u0301nith 👨\u200d👩\u200d👧 family of 4 moved to Zu\u0308rich 🇨🇭 on Monday. "
        "The café 👍🏽 hired 12 staff! Ñandú and 🏳️\u200d🌈 flags flew."
    )
    art = loaders.load_text(text, outlet="A")
    spans = _spans_exact(art.text)
    for s, e in spans:
        assert not art.text[s].startswith(GRAPHEME_TAILS), "a sentence starts inside a character"
        assert not art.text[e - 1 : e + 1].endswith(GRAPHEME_TAILS) or e == len(art.text)
    other = loaders.load_text(text.replace("12 staff", "15 staff"), outlet="B")
    vec = unit_rows(len(spans))
    cmp = expect_result(lambda: _pair(art, other, vec, vec))
    conflicts = [c for lk in cmp.links for c in lk.conflicts]
    assert [c.kind.value for c in conflicts] == ["number"], conflicts
    c = conflicts[0]
    assert "12" in c.a_text and "15" in c.b_text
    # offsets count code points exactly, after the emoji, ZWJ and combining characters
    assert art.text[c.a_span.start : c.a_span.end] == c.a_text
    assert other.text[c.b_span.start : c.b_span.end] == c.b_text
    return Outcome(
        "result", f"{len(spans)} sentences, clusters intact; 12 vs 15 found at exact offsets"
    )


@case("engine", "the same article added twice", "result")
def same_article_twice(tmp: Path) -> Outcome:
    art = loaders.load_text(ARTICLE, outlet="Wire")
    with pytest.MonkeyPatch.context() as mp, fake_model(mp):
        cmp = expect_result(lambda: compare([art, art]))
    n = len(cmp.sentences[0])
    assert [(lk.a, lk.b) for lk in cmp.links] == [((0, i), (1, i)) for i in range(n)]
    assert not any(lk.conflicts for lk in cmp.links)
    assert cmp.counts()[Status.SHARED] == 2 * n
    return Outcome("result", f"all {n} sentences shared with their twin, 0 conflicts")


@case("engine", "a comparison cancelled midway (saved work untouched)", "error")
def cancelled_midway(tmp: Path) -> Outcome:
    path = tmp / "work.factdiff"
    before = _small_session()
    sm.save_session(path, before)
    guard = Guard(path)
    arts = [loaders.load_text(ARTICLE, outlet="A"), loaders.load_text(OTHER, outlet="B")]
    seen: list[str] = []

    def progress(done: int, total: int, what: str) -> None:
        seen.append(what)

    def cancel() -> bool:  # the user presses Cancel once the alignment has started
        return "Aligning sentences" in seen

    with pytest.MonkeyPatch.context() as mp, fake_model(mp):
        out = expect_error(
            lambda: compare(arts, progress=progress, cancel=cancel), "cancelled", Cancelled
        )
        assert "Encoding sentences" in seen and "Aligning sentences" in seen
        again = expect_result(lambda: compare(arts))  # nothing half-done is left behind
    assert again.links
    assert sm.load_session(path).review == before.review
    return guard.check(out)


# -- sessions ------------------------------------------------------------------------------------


@functools.cache
def _small_comparison() -> Comparison:
    a = loaders.load_text(ARTICLE, outlet="Wire", date=dt.date(2024, 5, 6))
    b = loaders.load_text(OTHER, outlet="Paper", date=dt.date(2024, 5, 6))
    vec = unit_rows(3)
    return _pair(a, b, vec, vec)


def _small_session(note: str = "Check the cost with the desk") -> sm.Session:
    cmp = _small_comparison()
    review = Review().decide_link(cmp.links[0].key, Decision.CONFIRMED).set_note((0, 1), note)
    return sm.new_session(cmp, review=review)


def _session_file(
    tmp: Path, edit: Callable[[dict], object] | None = None, name: str = "s.factdiff"
) -> Path:  # type: ignore[type-arg]
    data = json.loads(json.dumps(sm.session_to_dict(_small_session())))
    if edit is not None:
        edit(data)
    path = tmp / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _export_cli(tmp: Path, session: Path, fragment: str) -> Outcome:
    target = write(tmp / "out.csv", "previous export")
    guard = Guard(target)
    out = expect_cli_error(["export", str(session), "--csv", str(target)], 1, fragment)
    assert out.detail.startswith(f"factdiff: {session.name}: ") or "session" in out.detail
    return guard.check(out)


@case("sessions", "a session missing its review (factdiff export)", "error")
def session_missing_field(tmp: Path) -> Outcome:
    path = _session_file(tmp, lambda d: d.pop("review"))
    return _export_cli(tmp, path, "field 'review' is missing")


@case("sessions", "wrong types: a note that is a number, a date that is a list", "error")
def session_wrong_types(tmp: Path) -> Outcome:
    path = _session_file(tmp, lambda d: d["review"]["notes"][0].update(text=42))
    out = _export_cli(tmp, path, "field 'review.notes[0].text' should be text, not a number")
    path = _session_file(tmp, lambda d: d["articles"][1].update(date=[2024, 5, 6]))
    expect_error(
        lambda: sm.load_session(path), "field 'articles[1].date' should be a date", SessionError
    )
    return out


@case("sessions", "a session from a newer factdiff (format 2)", "error")
def session_future(tmp: Path) -> Outcome:
    future = sm.VERSION + 1
    path = _session_file(tmp, lambda d: d.update(version=future, added_in_v2={"x": [1, 2]}))
    return _export_cli(tmp, path, f"saved by a newer factdiff (session format {future}")


@case("sessions", "truncated JSON (a copy cut off by a full USB stick)", "error")
def session_truncated(tmp: Path) -> Outcome:
    full = _session_file(tmp).read_bytes()
    path = write(tmp / "cut.factdiff", full[: len(full) * 2 // 3])
    return _export_cli(tmp, path, "the file is truncated")


@case("sessions", "an enormous session file (250 MB, refused before reading)", "error")
def session_enormous(tmp: Path) -> Outcome:
    path = tmp / "huge.factdiff"
    with path.open("wb") as fh:
        fh.write(b'{"format": "factdiff.session", "version": 1, "articles": [')
        fh.truncate(250 * 1024 * 1024)  # sparse: reading it would take 250 MB of memory
    return expect_error(
        lambda: sm.load_session(path), "the file is 250 MB, larger than the 200 MB", SessionError
    )


@case("sessions", "a large real session (30 articles of 60 kB) round trips", "result")
def session_large(tmp: Path) -> Outcome:
    paragraph = (ARTICLE + "\n") * 250
    arts = [loaders.load_text(paragraph, outlet=f"Outlet {i}") for i in range(30)]
    sents = [split_sentences(a.text) for a in arts]
    cmp = Comparison(tuple(arts), tuple(sents), (), (), ())
    review = Review().set_note((29, 749), "last sentence of the last article")
    session = sm.new_session(cmp, review=review)
    path = tmp / "large.factdiff"
    expect_result(lambda: sm.save_session(path, session))
    back = expect_result(lambda: sm.load_session(path))
    assert back.articles == session.articles and back.review == session.review
    return Outcome("result", f"{path.stat().st_size / 1e6:.1f} MB saved and read back equal")


@case("sessions", "a hand-edited note with a lone \\uD800 escape", "error")
def session_surrogate(tmp: Path) -> Outcome:
    path = _session_file(tmp, lambda d: d["review"]["notes"][0].update(text="cost \ud800?"))
    return expect_error(
        lambda: sm.load_session(path),
        "field 'review.notes[0].text' holds an unpaired",
        SessionError,
    )


@case("sessions", "a fact group naming a sentence that does not exist", "error")
def session_bad_group(tmp: Path) -> Outcome:
    path = _session_file(
        tmp, lambda d: d["comparison"]["groups"].append({"members": [[0, 99]], "status": "added"})
    )
    return expect_error(
        lambda: sm.load_session(path), "names a missing sentence [0, 99]", SessionError
    )


@case("sessions", "a session in a legacy encoding (saved by another editor as cp1252)", "error")
def session_not_utf8(tmp: Path) -> Outcome:
    text = json.dumps(sm.session_to_dict(_small_session("Café — 5 €")), ensure_ascii=False)
    path = write(tmp / "s.factdiff", text.encode("cp1252"))
    return expect_error(lambda: sm.load_session(path), "not UTF-8 text", SessionError)


@case(
    "sessions",
    "save into a folder without write permission (real, as user nobody)",
    "error",
    "root",
)
def session_no_permission_real(tmp: Path) -> Outcome:
    with shared_tempdir() as folder:
        path = folder / "work.factdiff"
        sm.save_session(path, _small_session("old note"))
        path.chmod(0o644)  # readable by nobody; the folder (0755, root's) is not writable
        guard = Guard(path)
        proc = run_python_as_nobody(
            """
            import sys
            from dataclasses import replace
            from factdiff.core import session as sm
            from factdiff.core.errors import SessionError
            s = sm.load_session(sys.argv[1])
            try:
                sm.save_session(sys.argv[1], replace(s, review=s.review.set_note((0, 0), "new")))
            except SessionError as err:
                print(err)
            """,
            str(path),
        )
        assert proc.returncode == 0, proc.stderr
        message = proc.stdout.strip()
        assert "permission denied" in message and "unchanged" in message, message
        assert temp_leftovers(folder) == []
        return guard.check(Outcome("error", message))


@case("sessions", "save into a folder without write permission (simulated)", "error")
def session_no_permission(tmp: Path) -> Outcome:
    import factdiff.core.atomic as atomic

    path = tmp / "work.factdiff"
    sm.save_session(path, _small_session("old note"))
    guard = Guard(path)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(atomic.tempfile, "mkstemp", eacces)
        out = expect_error(
            lambda: sm.save_session(path, _small_session("new note")),
            "permission denied",
            SessionError,
        )
    return guard.check(out)


@case("sessions", "save on a full disk (real: a 256 kB tmpfs)", "error", "root+tmpfs")
def session_full_disk_real(tmp: Path) -> Outcome:
    proc = run_python_on_full_disk(
        """
        import os
        from pathlib import Path
        from factdiff.core import loaders
        from factdiff.core import session as sm
        from factdiff.core.errors import SessionError
        from factdiff.core.model import Comparison
        from factdiff.core.segment import split_sentences
        folder = Path(os.environ["FULL"])
        path = folder / "work.factdiff"
        def session(n):
            text = "The council approved the bridge. " * n
            arts = [loaders.load_text(text, outlet=o) for o in "AB"]
            cmp = Comparison(tuple(arts), tuple(split_sentences(a.text) for a in arts), (), (), ())
            return sm.new_session(cmp)
        sm.save_session(path, session(100))
        before = path.read_bytes()
        try:
            sm.save_session(path, session(4000))  # ~290 kB: does not fit
        except SessionError as err:
            print(err)
        assert path.read_bytes() == before, "the previous session changed"
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")], "temp file left"
        print("intact", sm.load_session(path).articles[0].text.count("bridge"))
        """
    )
    assert proc.returncode == 0, proc.stderr
    message, intact = proc.stdout.strip().splitlines()
    assert "the disk is full" in message and "unchanged" in message, message
    assert intact == "intact 100"
    out = Outcome("error", message, guarded=1)
    return out


@case("sessions", "save on a full disk (simulated ENOSPC while writing)", "error")
def session_full_disk(tmp: Path) -> Outcome:
    path = tmp / "work.factdiff"
    sm.save_session(path, _small_session("old note"))
    guard = Guard(path)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "fsync", enospc)
        out = expect_error(
            lambda: sm.save_session(path, _small_session("new")), "the disk is full", SessionError
        )
    assert temp_leftovers(tmp) == []
    return guard.check(out)


@case("sessions", "saving over a session shared read-only with colleagues (0644)", "result")
def session_keeps_mode(tmp: Path) -> Outcome:
    path = tmp / "shared.factdiff"
    sm.save_session(path, _small_session("old note"))
    path.chmod(0o644)
    expect_result(lambda: sm.save_session(path, _small_session("new note")))
    mode = path.stat().st_mode & 0o777
    assert mode == 0o644, oct(mode)  # not the 0600 of a fresh temporary file
    fresh = tmp / "fresh.factdiff"
    expect_result(lambda: sm.save_session(fresh, _small_session()))
    umask = os.umask(0o022)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    return Outcome("result", f"still {oct(mode)}; a new file gets 0666 less the umask")


@case("sessions", "saving a note that holds a lone surrogate (in memory)", "error")
def session_save_surrogate(tmp: Path) -> Outcome:
    path = tmp / "work.factdiff"
    sm.save_session(path, _small_session("old note"))
    guard = Guard(path)
    bad = _small_session("pasted \udc80 text")
    out = expect_error(lambda: sm.save_session(path, bad), "nothing was written", SessionError)
    return guard.check(out)


# -- command line --------------------------------------------------------------------------------


@case("cli", "compare with a file that does not exist", "error")
def cli_missing(tmp: Path) -> Outcome:
    b = write(tmp / "b.txt", OTHER)
    return expect_cli_error(["compare", str(tmp / "nope.txt"), str(b)], 2, "nope.txt: no such file")


@case("cli", "compare with empty stdin", "error")
def cli_empty_stdin(tmp: Path) -> Outcome:
    b = write(tmp / "b.txt", OTHER)
    return expect_cli_error(["compare", "-", str(b)], 2, "stdin: input is empty", stdin=b"")


@case("cli", "compare one article only", "error")
def cli_one_article(tmp: Path) -> Outcome:
    a = write(tmp / "a.txt", ARTICLE)
    return expect_cli_error(["compare", str(a)], 1, "compare needs at least two articles")


@case("cli", "compare a scanned PDF with a text file", "error")
def cli_scanned_pdf(tmp: Path) -> Outcome:
    a, b = write(tmp / "scan.pdf", scanned_pdf()), write(tmp / "b.txt", OTHER)
    return expect_cli_error(["compare", str(a), str(b)], 2, "scan.pdf: PDF has no text layer")


@case("cli", "compare a URL that times out", "error")
def cli_url_timeout(tmp: Path) -> Outcome:
    b = write(tmp / "b.txt", OTHER)
    with silent_server() as url, pytest.MonkeyPatch.context() as mp:
        mp.setattr(loaders, "load_url", functools.partial(loaders.load_url, timeout=0.5))
        return expect_cli_error(["compare", url, str(b)], 2, "timed out (are you offline?)")


@case("cli", "compare the same file twice", "result")
def cli_same_file_twice(tmp: Path) -> Outcome:
    a = write(tmp / "a.txt", ARTICLE)
    with pytest.MonkeyPatch.context() as mp, fake_model(mp):
        run = run_cli(["compare", str(a), str(a), "--quiet"])
    assert run.code == 0, run.err
    assert "Total: 6 shared, 0 added, 0 in conflict" in run.out, run.out
    return Outcome("result", run.out.strip().splitlines()[-1])


@case("cli", "compare --session into a read-only folder (the old session kept)", "error")
def cli_session_no_permission(tmp: Path) -> Outcome:
    import factdiff.core.atomic as atomic

    a, b = write(tmp / "a.txt", ARTICLE), write(tmp / "b.txt", OTHER)
    target = tmp / "work.factdiff"
    sm.save_session(target, _small_session("hours of notes"))
    guard = Guard(target)
    with pytest.MonkeyPatch.context() as mp, fake_model(mp):
        mp.setattr(atomic.tempfile, "mkstemp", eacces)
        out = expect_cli_error(
            ["compare", str(a), str(b), "--session", str(target)], 1, "permission denied"
        )
    return guard.check(out)


@case("cli", "compare --json into a folder that does not exist", "error")
def cli_json_missing_folder(tmp: Path) -> Outcome:
    a, b = write(tmp / "a.txt", ARTICLE), write(tmp / "b.txt", OTHER)
    with pytest.MonkeyPatch.context() as mp, fake_model(mp):
        return expect_cli_error(
            ["compare", str(a), str(b), "--json", str(tmp / "no" / "x.json")], 1, "cannot write"
        )


@case("cli", "export a session that has no comparison yet", "error")
def cli_export_no_comparison(tmp: Path) -> Outcome:
    path = _session_file(tmp, lambda d: d.update(comparison=None))
    return _export_cli(tmp, path, "the session has no comparison yet")


@case(
    "cli",
    "compare --threshold 7 (out of range)",
    "error",
)
def cli_bad_threshold(tmp: Path) -> Outcome:
    a, b = write(tmp / "a.txt", ARTICLE), write(tmp / "b.txt", OTHER)
    with pytest.MonkeyPatch.context() as mp, fake_model(mp):
        return expect_cli_error(["compare", str(a), str(b), "--threshold", "7"], 1, "threshold")


# -- export ----------------------------------------------------------------------------------------


def _hostile_session(tmp: Path) -> sm.Session:
    page = write(tmp / "page.html", HOSTILE_HTML)
    a = loaders.load_path(page)
    b = loaders.load_text(
        "The council approved the bridge on Monday by a vote of 7 to 2.\n"
        "It will cost 15 million dollars, the mayor said, <b>not</b> 12 &amp; <i>more</i>.",
        outlet="Paper <img src=https://evil.example/o.png>",
        title='Bridge "approved" <script>alert(1)</script>',
        url="javascript:alert(document.cookie)",
    )
    sa, sb = split_sentences(a.text), split_sentences(b.text)
    va = unit_rows(len(sa))
    vb = np.stack([va[min(i, len(sa) - 1)] for i in range(len(sb))])
    cmp = compare_embeddings([a, b], [sa, sb], [va, vb])
    review = Review().set_note(
        (1, 0), "<script>alert('note')</script> & <img src=http://evil.example/n.png>"
    )
    return sm.new_session(cmp, review=review)


@case("export", "HTML export of a page saved with scripts and trackers", "result", "qt")
def export_html_hostile(tmp: Path) -> Outcome:
    from factdiff.gui.export import export_html

    from .inert import assert_inert_html

    session = _hostile_session(tmp)
    path = tmp / "out.html"
    expect_result(lambda: export_html(session, path))
    found = assert_inert_html(path.read_text(encoding="utf-8"))
    for literal in (
        '<script>alert("x")</script>',
        "<b>not</b> 12 &amp; <i>more</i>",
        "<script>alert('note')</script>",
        "Paper <img src=https://evil.example/o.png>",
    ):
        assert literal in found.text, literal
    return Outcome(
        "result", "no script/img/iframe/link element, no remote URL; markup shown as text"
    )


@case("export", "PDF export shows article markup as literal characters", "result", "qt")
def export_pdf_literal(tmp: Path) -> Outcome:
    from pypdf import PdfReader

    from factdiff.gui.export import export_pdf

    session = _hostile_session(tmp)
    path = tmp / "out.pdf"
    expect_result(lambda: export_pdf(session, path))
    # whitespace aside (text extraction breaks lines where the layout did)
    text = "".join("".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)
    for literal in (
        "<b>not</b> 12 &amp; <i>more</i>",
        "<script>alert('note')</script>",
        '<script>alert("x")</script> only as text & nothing more',
    ):
        assert "".join(literal.split()) in text, literal
    return Outcome(
        "result", f"{len(PdfReader(path).pages)} pages; <b>, <i>, <script> printed as text"
    )


@case("export", "PDF and HTML export of RTL, CJK and emoji text", "result", "qt")
def export_scripts(tmp: Path) -> Outcome:
    from factdiff.gui.export import export_html, export_pdf

    a = loaders.load_text(
        "قال رئيس البلدية إن الجسر سيفتح. 市議会は橋を承認した。 The café 👍🏽 hired 12 staff.",
        outlet="A",
    )
    b = loaders.load_text(
        "قال رئيس البلدية إن الجسر سيفتح. 市議会は橋を承認した。 The café 👍🏽 hired 15 staff.",
        outlet="B",
    )
    n = len(split_sentences(a.text))
    vec = unit_rows(n)
    session = sm.new_session(_pair(a, b, vec, vec))
    expect_result(lambda: export_html(session, tmp / "out.html"))
    expect_result(lambda: export_pdf(session, tmp / "out.pdf"))
    page = (tmp / "out.html").read_text(encoding="utf-8")
    assert "市議会は橋を承認した。" in page and "👍🏽" in page and "قال رئيس البلدية" in page
    assert (tmp / "out.pdf").read_bytes().startswith(b"%PDF-")
    return Outcome("result", "HTML holds every script exactly; PDF written")


@case("export", "export to a full disk (the previous export kept)", "error", "qt")
def export_full_disk(tmp: Path) -> Outcome:
    from factdiff.gui.export import export_pdf

    target = write(tmp / "report.pdf", b"%PDF- previous report")
    guard = Guard(target)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "fsync", enospc)
        out = expect_error(
            lambda: export_pdf(_small_session(), target), "No space left on device", ExportError
        )
    assert temp_leftovers(tmp) == []
    return guard.check(out)


@case("export", "export into a folder without permission (simulated)", "error")
def export_no_permission(tmp: Path) -> Outcome:
    import factdiff.core.atomic as atomic
    from factdiff.gui.export import export_session

    target = write(tmp / "links.csv", "previous")
    guard = Guard(target)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(atomic.tempfile, "mkstemp", eacces)
        out = expect_error(
            lambda: export_session(_small_session(), target, "csv"),
            "Permission denied",
            ExportError,
        )
    return guard.check(out)


def run_case(c: Case, tmp: Path) -> Outcome:
    """Run one case in ``tmp`` with a clock on it (the bench reports the time)."""
    started = time.perf_counter()
    out = c.run(tmp)
    out.detail = out.detail.strip()
    assert out.kind == c.expect, f"expected {c.expect}, got {out.kind}: {out.detail}"
    out.seconds = time.perf_counter() - started
    return out
