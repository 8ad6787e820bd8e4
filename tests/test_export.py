"""Exports: the PDF's text and colours, well-formed and inert HTML, CSV and JSON rows, the
``factdiff export`` command. Sessions are built by hand (no model)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv
import datetime as dt
import html.parser
import io
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from builders import sentences_of
from lxml import etree
from pypdf import PdfReader

from factdiff.core import exports
from factdiff.core import session as sm
from factdiff.core.errors import ExportError
from factdiff.core.model import (
    Article,
    Comparison,
    Conflict,
    ConflictKind,
    Link,
    Settings,
    Span,
    Status,
)
from factdiff.core.review import Decision, Review, conflict_key

# Untrusted text everywhere: markup, entities, quotes, a control character, an astral emoji.
A_LINES = [
    "Blinken may meet Wang Yi this Friday in Munich, a source said.",
    "The balloon flew over Montana for three days <script>alert('a')</script> & more.",
    "China called it a weather balloon \x07 that strayed off course.",
    '=HYPERLINK("http://evil") is not a formula here.',
]
B_LINES = [
    "Blinken met Wang Yi on Saturday in Munich, officials said on the record.",
    "The balloon flew over Montana for five days 🎈 before it was shot down.",
    'Talks lasted an hour, "a frank exchange" <b>said</b> one aide.',
]
C_LINES = [
    "Wang Yi met Blinken in Munich on Saturday.",
    "The meeting was planned for weeks.",
]
A_TEXT, B_TEXT, C_TEXT = ("\n".join(x) for x in (A_LINES, B_LINES, C_LINES))
NOTE_A = "Check the date with the desk <i>before</i> we run it & call VOA"
NOTE_B = 'Only CNN has the length: "an hour"'


def span_in(text: str, word: str) -> Span:
    at = text.index(word)
    return Span(at, at + len(word))


def clash(kind: ConflictKind, ta: str, wa: str, tb: str, wb: str, why: str) -> Conflict:
    return Conflict(kind, span_in(ta, wa), span_in(tb, wb), wa, wb, why, 0.8)


ARTICLES = (
    Article(
        A_TEXT,
        outlet="VOA",
        title="US preparing for possible <Blinken>-Wang meeting",
        date=dt.date(2023, 2, 15),
        url="javascript:alert(1)",
    ),
    Article(
        B_TEXT,
        outlet="CNN",
        title="Blinken meets Wang Yi & talks",
        date=dt.date(2023, 2, 18),
        url="https://edition.cnn.com/2023/02/18/politics/blinken-wang?a=1&b=2",
    ),
    Article(C_TEXT, outlet="Reuters", title="Munich talks"),
)


def make_comparison(n_articles: int = 2) -> Comparison:
    links = [
        Link(
            a=(0, 0),
            b=(1, 0),
            score=0.8,
            status=Status.CONFLICT,
            conflicts=(
                clash(ConflictKind.DATE, A_TEXT, "Friday", B_TEXT, "Saturday", "Friday ≠ Saturday"),
                clash(
                    ConflictKind.CERTAINTY, A_TEXT, "may meet", B_TEXT, "met", "possible vs done"
                ),
            ),
            b_details=(span_in(B_TEXT, "on the record"),),
        ),
        Link(
            a=(0, 1),
            b=(1, 1),
            score=0.9,
            status=Status.CONFLICT,
            conflicts=(
                clash(ConflictKind.NUMBER, A_TEXT, "three", B_TEXT, "five", "3 <days> vs 5 days"),
            ),
            b_details=(span_in(B_TEXT, "before it was shot down"),),
        ),
    ]
    if n_articles == 3:
        c_start = C_TEXT.index("Saturday")
        links.append(
            Link(
                a=(0, 0),
                b=(2, 0),
                score=0.7,
                status=Status.CONFLICT,
                conflicts=(
                    Conflict(
                        ConflictKind.DATE,
                        span_in(A_TEXT, "Friday"),
                        Span(c_start, c_start + 8),
                        "Friday",
                        "Saturday",
                        "Friday vs Saturday (Reuters)",
                    ),
                ),
            )
        )
        links.append(Link(a=(1, 0), b=(2, 0), score=0.85, status=Status.SHARED))
    texts = (A_TEXT, B_TEXT, C_TEXT)[:n_articles]
    return Comparison(
        articles=ARTICLES[:n_articles],
        sentences=tuple(sentences_of(t) for t in texts),
        candidates=(),
        links=tuple(links),
        groups=(),
        settings=Settings(),
    )


def make_session(n_articles: int = 2) -> sm.Session:
    cmp = make_comparison(n_articles)
    first, second = cmp.links[0], cmp.links[1]
    review = (
        Review()
        .decide_link(first.key, Decision.CONFIRMED)
        .decide_conflict(conflict_key(first, first.conflicts[0]), Decision.CONFIRMED)
        .decide_conflict(conflict_key(second, second.conflicts[0]), Decision.REJECTED)
        .add_link((0, 2), (1, 2))
        .set_note((0, 0), NOTE_A)
        .set_note((1, 2), NOTE_B)
        .set_note((0, 3), "A note on a sentence no other outlet has")
    )
    return sm.new_session(cmp, review=review)


@pytest.fixture
def session(qapp) -> sm.Session:  # type: ignore[no-untyped-def]
    return make_session()


def squash(text: str) -> str:
    """Extracted PDF text, comparable with the source: one space for any whitespace run."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(path: Path) -> str:
    return squash("\n".join(page.extract_text() or "" for page in PdfReader(path).pages))


# -- PDF -------------------------------------------------------------------------------------


def test_pdf_text_has_titles_conflicts_and_notes(session: sm.Session, tmp_path: Path) -> None:
    from factdiff.gui.export import export_pdf

    path = tmp_path / "out.pdf"
    export_pdf(session, path)
    assert path.read_bytes().startswith(b"%PDF-")
    texts = [pdf_text(path)]
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        texts.append(squash(out.stdout.decode("utf-8")))
    for text in texts:
        for art in session.articles:
            assert squash(art.title) in text
            assert art.outlet in text
        assert "2023-02-15" in text and "2023-02-18" in text
        for _, c in session.comparison.conflicts():  # type: ignore[union-attr]
            assert squash(c.explanation) in text
            assert c.a_text in text and c.b_text in text
        for note in session.review.notes.values():
            assert squash(note) in text
        assert "Rejected by the reviewer" in text and "Confirmed by the reviewer" in text
        assert "<script>alert('a')</script>" in text  # shown as text, exactly
        # the counterparts' fact numbers: [1✗] after the first sentence of both articles
        assert text.count("[1✗]") >= 2
        assert "page 1 of" in text


def page_pixels(pdf: Path, page: int, tmp_path: Path, dpi: int = 50) -> np.ndarray:
    """Page ``page`` (1-based) rendered to RGB pixels by pypdfium2 (a wheel: no poppler)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        # rev_byteorder: RGB rather than pdfium's native BGR; no alpha on a white page
        bitmap = doc[page - 1].render(scale=dpi / 72, rev_byteorder=True)
        img = np.array(bitmap.to_numpy()[:, :, :3])
    finally:
        doc.close()
    return img


def pixels_near(img: np.ndarray, colour: str, tol: int = 3) -> int:
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)
    return int((np.abs(img.astype(np.int16) - rgb).max(axis=2) <= tol).sum())


@pytest.mark.parametrize("layout", ["columns", "sequential"])
def test_rendered_pages_have_the_highlight_colours(
    session: sm.Session, tmp_path: Path, layout: str
) -> None:
    from factdiff.gui.export import export_pdf, paper_looks

    path = tmp_path / "out.pdf"
    export_pdf(session, path, layout=layout)
    n_pages = len(PdfReader(path).pages)
    img = np.concatenate([page_pixels(path, p, tmp_path) for p in range(2, n_pages + 1)])
    looks = paper_looks()
    # Session: conflict sentences (with confirmed words), a soft-only conflict is not here,
    # shared (manual link), added sentences, details.
    for key in ("shared", "added", "conflict", "words", "detail"):
        assert pixels_near(img, looks[key].background) > 30, key
    # and not on the cover alone: the cover's legend has every colour, the articles too
    cover = page_pixels(path, 1, tmp_path)
    for key in looks:
        assert pixels_near(cover, looks[key].background) > 10, key


def test_page_sizes(session: sm.Session, tmp_path: Path) -> None:
    from factdiff.gui.export import export_pdf

    for size, (w, h) in {"A4": (595, 842), "Letter": (612, 792)}.items():
        path = tmp_path / f"{size}.pdf"
        export_pdf(session, path, page_size=size)  # type: ignore[arg-type]
        box = PdfReader(path).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (w, h)


def test_highlights_match_the_app_and_differ_without_colour(session: sm.Session) -> None:
    """In the Qt document every highlight has the app's underline style; the looks differ
    by underline style or weight, not by colour alone."""
    from PySide6.QtGui import QFont, QTextCharFormat

    from factdiff.gui import theme
    from factdiff.gui.export import html_document, render_html

    doc = html_document(render_html(session))
    seen: dict[str, set[tuple[object, bool]]] = {}
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            fmt = frag.charFormat()
            key = (fmt.underlineStyle(), fmt.fontWeight() >= QFont.Weight.Bold)
            seen.setdefault(frag.text(), set()).add(key)
            it += 1
        block = block.next()
    U = QTextCharFormat.UnderlineStyle
    assert (U.WaveUnderline, True) in seen["Friday"]
    assert (U.DashUnderline, False) in seen["on the record"]
    assert (theme.LOOKS["added"].underline, False) in seen[A_LINES[3]]
    styles = {look.underline for look in theme.LOOKS.values()}
    assert len(styles) == len(theme.LOOKS), "each look has its own underline style"


def test_selected_articles_only(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from factdiff.gui.export import export_pdf, render_html

    s = make_session(3)
    page = render_html(s)
    assert "Reuters" in page and "Friday vs Saturday (Reuters)" in page
    pair = render_html(s, articles=[0, 1])
    assert "Reuters" not in pair and "Friday vs Saturday (Reuters)" not in pair
    export_pdf(s, tmp_path / "three.pdf", layout="columns")
    assert "Munich talks" in pdf_text(tmp_path / "three.pdf")
    with pytest.raises(ExportError, match="the session has 3 articles"):
        render_html(s, articles=[0, 7])


def test_export_errors(session: sm.Session, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from factdiff.gui import export

    with pytest.raises(ExportError, match="no comparison yet"):
        export.export_pdf(sm.Session(articles=session.articles), tmp_path / "x.pdf")
    with pytest.raises(ExportError, match="layout 'grid'"):
        export.export_pdf(session, tmp_path / "x.pdf", layout="grid")  # type: ignore[arg-type]
    with pytest.raises(ExportError, match="page size 'A5'"):
        export.export_pdf(session, tmp_path / "x.pdf", page_size="A5")  # type: ignore[arg-type]
    with pytest.raises(ExportError, match="could not write"):
        export.export_pdf(session, tmp_path / "missing" / "x.pdf")
    target = tmp_path / "keep.pdf"
    target.write_bytes(b"old")

    def full(*a, **k):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "atomic_write_bytes", full)
    with pytest.raises(ExportError, match="No space left"):
        export.export_pdf(session, target)
    assert target.read_bytes() == b"old"


# -- HTML ------------------------------------------------------------------------------------

VOID = {"meta", "br", "hr", "img", "link", "input", "col", "area", "base", "wbr"}


class StrictChecker(html.parser.HTMLParser):
    """Every element closed, in order; no scripts, handlers, or remote resources."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "link", "img", "form", "base"):
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name} handler")
            if name in ("src", "srcset", "background"):
                self.problems.append(f"{name}={value}")
            if name == "href":
                self.hrefs.append(value or "")
            if value and "url(" in value:
                self.problems.append(f"url() in {name}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.problems.append(f"<{tag}/> is not a void element")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_well_formed_and_inert(session: sm.Session, tmp_path: Path) -> None:
    from factdiff.gui.export import export_html, render_html

    path = tmp_path / "out.html"
    export_html(session, path)
    page = path.read_text(encoding="utf-8")
    assert page == render_html(session).replace(
        re.search(r"exported [^;]*?with", render_html(session)).group(0),  # type: ignore[union-attr]
        re.search(r"exported [^;]*?with", page).group(0),  # type: ignore[union-attr]
    )
    # strict XML parse: every tag closed and nested, attributes quoted, entities valid
    root = etree.fromstring(page.encode("utf-8"))
    assert root.tag == "html"
    checker = StrictChecker()
    checker.feed(page)
    checker.close()
    assert checker.problems == [] and checker.stack == []
    assert "<style>" in page and "http" not in page.split("<body", 1)[0]
    # untrusted text is text: the script and the tags in articles and notes stay literal
    text = "".join(checker.text)
    assert "<script>alert('a')</script>" in text
    assert "<b>said</b>" in text and "<i>before</i>" in text and "<Blinken>" in text
    assert "javascript:" not in "".join(checker.hrefs)  # an unsafe URL is never a link
    assert any(h.endswith("blinken-wang?a=1&b=2") for h in checker.hrefs)  # & unescaped back
    assert "\x07" not in page and "\ufffd" in page  # the control character was replaced
    assert "🎈" in text


def test_html_layouts(session: sm.Session) -> None:
    from factdiff.gui.export import render_html

    columns, sequential = render_html(session), render_html(session, layout="sequential")
    assert 'class="columns"' in columns and 'class="columns"' not in sequential
    for page in (columns, sequential):
        etree.fromstring(page.encode("utf-8"))
        assert page.count('class="xref"') == sum(len(s) for s in session.comparison.sentences)  # type: ignore[union-attr]


def test_cross_reference_numbers_match_across_articles(session: sm.Session) -> None:
    cmp = session.comparison
    assert cmp is not None
    numbers = exports.fact_numbers(session.reviewed())  # type: ignore[arg-type]
    assert numbers[(0, 0)] == numbers[(1, 0)] == 1
    assert numbers[(0, 2)] == numbers[(1, 2)]  # the reviewer's own link
    assert numbers[(0, 1)] == numbers[(1, 1)] != 1  # its conflict was rejected: still linked
    assert (0, 3) not in numbers  # only one article has it
    assert sorted(set(numbers.values())) == list(range(1, len(set(numbers.values())) + 1))


# -- CSV and JSON ---------------------------------------------------------------------------


def test_links_csv_rows(session: sm.Session) -> None:
    cmp = session.comparison
    assert cmp is not None
    text = exports.links_csv(cmp, session.review)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(exports.CSV_COLUMNS)
    links = [r for r in rows if r["record"] == "link"]
    conflicts = [r for r in rows if r["record"] == "conflict"]
    notes = [r for r in rows if r["record"] == "note"]
    assert len(links) == 3  # two engine links and the reviewer's
    # the engine's three, and whatever the fact check finds on the reviewer's link
    manual_link = next(r for r in exports.link_rows(cmp, session.review) if r.manual)
    assert len(conflicts) == 3 + len(manual_link.conflicts)
    date = next(r for r in conflicts if r["kind"] == "date")
    assert (date["wording_a"], date["wording_b"]) == ("Friday", "Saturday")
    assert date["explanation"] == "Friday ≠ Saturday"
    assert date["conflict_decision"] == "confirmed" and date["link_decision"] == "confirmed"
    assert date["note_a"] == NOTE_A and date["fact"] == "1"
    number = next(r for r in conflicts if r["kind"] == "number")
    assert number["conflict_decision"] == "rejected" and number["conflict_shown"] == "no"
    assert number["status"] == "shared"  # its only conflict was rejected
    manual = next(r for r in links if r["manual"] == "yes")
    assert manual["note_b"] == NOTE_B and manual["status"] == manual_link.status
    assert [r["note_a"] for r in notes] == ["A note on a sentence no other outlet has"]
    assert notes[0]["text_a"].startswith("'=HYPERLINK")  # never a live formula


def test_links_json(session: sm.Session) -> None:
    cmp = session.comparison
    assert cmp is not None
    data = json.loads(exports.links_json(cmp, session.review))
    assert data["format"] == "factdiff.links" and data["version"] == 1
    assert [a["outlet"] for a in data["articles"]] == ["VOA", "CNN"]
    first = data["links"][0]
    assert first["fact"] == 1 and first["decision"] == "confirmed"
    assert first["a"]["note"] == NOTE_A
    kinds = {c["kind"]: c for c in first["conflicts"]}
    assert kinds["date"]["a_text"] == "Friday" and kinds["date"]["decision"] == "confirmed"
    assert kinds["certainty"]["decision"] is None and kinds["certainty"]["soft"] is True
    a_start, a_end = kinds["date"]["a_span"]
    assert A_TEXT[a_start:a_end] == "Friday"
    assert {n["note"] for n in data["notes"]} == {*session.review.notes.values()}
    assert sum(data["counts"].values()) == sum(len(s) for s in cmp.sentences)


def test_rejected_link_is_listed_but_not_numbered() -> None:
    s = make_session()
    cmp = s.comparison
    assert cmp is not None
    review = s.review.decide_link(cmp.links[1].key, "rejected")  # type: ignore[arg-type]
    rows = exports.link_rows(cmp, review)
    rejected = [r for r in rows if r.status == "rejected"]
    assert len(rejected) == 1 and rejected[0].fact is None and rows[-1] is rejected[0]
    assert not any(c.shown for c in rejected[0].conflicts)


# -- the command line ------------------------------------------------------------------------


def test_cli_export_everything(session: sm.Session, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from factdiff.gui.cli import main

    src = tmp_path / "s.factdiff"
    sm.save_session(src, session)
    out = {ext: tmp_path / f"out.{ext}" for ext in ("pdf", "html", "csv", "json")}
    args = ["export", str(src), "--layout", "sequential", "--page-size", "Letter"]
    for ext, path in out.items():
        args += [f"--{ext}", str(path)]
    assert main(args) == 0
    assert out["pdf"].read_bytes().startswith(b"%PDF-")
    assert round(float(PdfReader(out["pdf"]).pages[0].mediabox.height)) == 792
    assert out["csv"].read_bytes().startswith(b"\xef\xbb\xbfrecord,")  # BOM for Excel
    assert json.loads(out["json"].read_text(encoding="utf-8"))["format"] == "factdiff.links"
    etree.fromstring(out["html"].read_bytes())


def test_cli_export_errors(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from factdiff.gui.cli import main

    bad = tmp_path / "bad.factdiff"
    bad.write_text('{"format": "factdiff.session", "version": 1, "articles": [', "utf-8")
    assert main(["export", str(bad), "--csv", str(tmp_path / "x.csv")]) == 1
    err = capsys.readouterr().err
    assert "bad.factdiff: the file is truncated" in err
    assert not (tmp_path / "x.csv").exists()
    good = tmp_path / "good.factdiff"
    sm.save_session(good, make_session())
    assert main(["export", str(good)]) == 1
    assert "nothing to export" in capsys.readouterr().err


def test_write_session_from_cli(tmp_path: Path) -> None:
    from factdiff.gui.cli import write_session_from_cli

    cmp = make_comparison()
    path = tmp_path / "cli.factdiff"
    write_session_from_cli(cmp, path)
    back = sm.load_session(path)
    assert back.articles == cmp.articles and back.review.empty and not sm.needs_recompute(back)


def test_headless_export_in_a_fresh_process(tmp_path: Path) -> None:
    """``factdiff export`` with no display and no QT_QPA_PLATFORM: it goes offscreen."""
    src = tmp_path / "s.factdiff"
    sm.save_session(src, make_session())
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    pdf = tmp_path / "out.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "factdiff.gui.cli", "export", str(src), "--pdf", str(pdf)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "US preparing for possible <Blinken>-Wang meeting" in pdf_text(pdf)


# -- File > Export ---------------------------------------------------------------------------


def test_export_dialog_defaults_to_the_pair_shown(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from factdiff.gui.export import _dialog_class

    s = sm.new_session(make_comparison(3))
    s = sm.Session(**{**s.__dict__, "pair": (2, 0)})
    dialog = _dialog_class()(s)
    qtbot.addWidget(dialog)
    assert dialog.scope.currentData() == [0, 2]  # what the reviewer saw
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert not dialog.layout_box.isEnabled() and not dialog.page.isEnabled()
    path = tmp_path / "pair.csv"
    dialog.export_to(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))
    assert rows and {(r["outlet_a"], r["outlet_b"]) for r in rows} == {("VOA", "Reuters")}
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert dialog.layout_box.isEnabled() and dialog.page.isEnabled()
    assert dialog.suggested_name() == "factdiff-VOA-CNN-Reuters.pdf"


def test_export_dialog_writes_the_chosen_file(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog, QFileDialog

    from factdiff.gui.export import export_dialog

    target = tmp_path / "chosen.pdf"
    monkeypatch.setattr(QDialog, "exec", lambda self: 1)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda self: [str(target)])
    assert export_dialog(None, make_session()) == target
    assert "Conflicts (" in pdf_text(target) and "Friday ≠ Saturday" in pdf_text(target)
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    assert export_dialog(None, make_session()) is None
    with pytest.raises(ExportError, match="nothing to export yet"):
        export_dialog(None, sm.Session(articles=ARTICLES[:2]))


# -- the seeds, compared by the real engine (shares the session-wide model fixture) ---------


@pytest.mark.model
def test_seeds_compare_session_export_round_trip(
    qapp, seed_comparison, tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    """factdiff compare SEEDS --session S; factdiff export S --pdf --csv: the real result."""
    import factdiff.core.compare as compare_mod
    from factdiff.gui.cli import main

    monkeypatch.setattr(compare_mod, "compare", lambda arts, **kw: seed_comparison)
    session_path = tmp_path / "seeds.factdiff"
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    args = ["compare", str(seeds / "voa.md"), str(seeds / "cnn.md"), "-q"]
    assert main([*args, "--session", str(session_path)]) == 0
    loaded = sm.load_session(session_path)
    assert not sm.needs_recompute(loaded)

    pdf, csv_path = tmp_path / "seeds.pdf", tmp_path / "seeds.csv"
    assert main(["export", str(session_path), "--pdf", str(pdf), "--csv", str(csv_path)]) == 0
    assert f"wrote {pdf}" in capsys.readouterr().out
    text = pdf_text(pdf)
    for art in seed_comparison.articles:
        assert squash(art.title) in text
    conflicts = list(seed_comparison.conflicts())
    assert conflicts, "the seeds disagree on the day of the meeting"
    for _, c in conflicts:
        assert squash(c.explanation) in text
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text("utf-8-sig"))))
    assert sum(r["record"] == "conflict" for r in rows) == len(conflicts)


def test_pdf_marks_the_shared_clause_of_a_link(qapp) -> None:  # type: ignore[no-untyped-def]
    """A link's matched units are a little bolder in the exported document, as in the app,
    and only those characters (the rest of the sentence keeps the normal weight)."""
    from dataclasses import replace

    from PySide6.QtGui import QFont, QTextCursor

    from factdiff.gui.export import html_document, render_html

    cmp = make_comparison()
    a_clause, b_clause = "The balloon flew over Montana", "The balloon flew over Montana"
    a_at = A_TEXT.index(a_clause)
    b_at = B_TEXT.index(b_clause)
    link = replace(
        cmp.links[1],
        a_unit=Span(a_at, a_at + len(a_clause)),
        b_unit=Span(b_at, b_at + len(b_clause)),
    )
    cmp = replace(cmp, links=(cmp.links[0], link))
    html = render_html(sm.new_session(cmp))
    assert html.count('<span class="unit"') >= 2
    etree.fromstring(html.encode("utf-8"))
    doc = html_document(html)
    plain = doc.toPlainText()

    def weight_at(fragment: str, offset: int) -> int:
        cur = QTextCursor(doc)
        cur.setPosition(plain.index(fragment) + offset + 1)
        return cur.charFormat().fontWeight()

    assert weight_at("The balloon flew over Montana for three", 3) > QFont.Weight.Normal
    assert weight_at("The balloon flew over Montana for five", 3) > QFont.Weight.Normal
    assert weight_at("& more", 3) == QFont.Weight.Normal  # same sentence, past the clause
    # the legend explains it
    assert "its shared clause" in plain


def test_clause_marks_skip_a_sentence_its_clauses_cover() -> None:
    """Two links matching the two halves of one sentence mark nothing there (the whole
    sentence is the shared fact); a clause that is part of a sentence is kept."""
    from dataclasses import replace

    cmp = make_comparison()
    s0 = cmp.sentences[1][0]  # "Blinken met Wang Yi on Saturday in Munich, officials said ..."
    half = s0.start + (s0.end - s0.start) // 2
    first = replace(cmp.links[0], b_unit=Span(s0.start, half))
    second = Link(a=(0, 2), b=(1, 0), score=0.6, status=Status.SHARED,
                  b_unit=Span(half, s0.end))
    assert exports.clause_marks(cmp, 1, [first]) == [Span(s0.start, half)]
    assert exports.clause_marks(cmp, 1, [first, second]) == []
    assert exports.clause_marks(cmp, 0, [first, second]) == []  # no units on that side


def test_a_detail_another_linked_sentence_gives_is_not_one_sided() -> None:
    """A sentence linked to two sentences of the other article: a detail is "only here"
    when every one of those links names it, not when one linked sentence lacks it and
    the other states it. The PDF / HTML marks the same ones."""
    from dataclasses import replace

    cmp = make_comparison()
    told = span_in(B_TEXT, "before it was shot down")
    both = cmp.links[1]  # (0, 1) / (1, 1): B's sentence gives the detail
    assert exports.one_sided_details([both]) == {((1, 1), 0): [told]}
    # a second link of B's sentence, to an A sentence that tells it as well
    other = Link(a=(0, 2), b=(1, 1), score=0.6, status=Status.SHARED)
    assert exports.one_sided_details([both, other]) == {}
    # ... or one that lacks it too: still B's alone
    lacks = replace(other, b_details=(told,))
    assert exports.one_sided_details([both, lacks]) == {((1, 1), 0): [told]}
    # the document marks it only when it is one-sided
    from factdiff.gui.export import render_html

    marked = re.compile(r'<span class="detail"[^>]*>before it was shot down</span>')
    assert marked.search(render_html(sm.new_session(cmp)))
    assert not marked.search(render_html(sm.new_session(replace(cmp, links=(*cmp.links, other)))))


def test_a_name_the_other_article_mentions_anywhere_is_not_one_sided() -> None:
    """With the articles' texts, a detail that is a name (capitalised words, no figure or
    day) the other article mentions anywhere is not "only here": "Tom Hale said" against
    "he added" in a story about Tom Hale. Figures and days keep the sentence's measure."""
    texts = ["Tom Hale said so on Friday. It took 35 days. Helen Carter agreed.",
             "He added it. Tom Hale spoke at length on Friday, for 35 days."]
    hale, friday = span_in(texts[0], "Tom Hale"), span_in(texts[0], "on Friday")
    days, carter = span_in(texts[0], "35 days"), span_in(texts[0], "Helen Carter")
    link = Link(a=(0, 0), b=(1, 0), score=0.7, status=Status.SHARED,
                a_details=(hale, friday, days, carter))
    assert exports.one_sided_details([link]) == {((0, 0), 1): [hale, friday, days, carter]}
    assert exports.one_sided_details([link], texts) == {((0, 0), 1): [friday, days, carter]}


def test_initials_with_stops_name_the_acronym_without() -> None:
    """One outlet writes initials with stops ("the F.B.I."), another without ("the
    FBI"): the other article names it, so it is not "only here", either way round; an
    acronym whose letters spell a stop word ("U.S." / "US") as well, but not the word
    itself in lower case ("us")."""
    texts = ["The F.B.I. and the U.S. Senate met the NTSB.",
             "The FBI said the US Senate wrote to us. The N.T.S.B. agreed."]
    fbi, senate = span_in(texts[0], "F.B.I."), span_in(texts[0], "U.S. Senate")
    ntsb = span_in(texts[0], "NTSB")
    link = Link(a=(0, 0), b=(1, 0), score=0.7, status=Status.SHARED,
                a_details=(fbi, senate, ntsb))
    assert exports.one_sided_details([link]) == {((0, 0), 1): [fbi, senate, ntsb]}
    assert exports.one_sided_details([link], texts) == {}
    alone = ["The U.S. agreed.", "Tell us more about the Senate."]
    us = span_in(alone[0], "U.S.")
    link = Link(a=(0, 0), b=(1, 0), score=0.7, status=Status.SHARED, a_details=(us,))
    assert exports.one_sided_details([link], alone) == {((0, 0), 1): [us]}


def test_a_middle_initial_is_no_word_the_other_article_must_name() -> None:
    """"Tom J. Hale III" in one article, "Tom Hale" in the other: named there."""
    texts = ["Tom J. Hale III signed it.", "Later, Tom Hale agreed."]
    hale = span_in(texts[0], "Tom J. Hale III")
    link = Link(a=(0, 0), b=(1, 0), score=0.7, status=Status.SHARED, a_details=(hale,))
    assert exports.one_sided_details([link], texts) == {}
    assert exports.one_sided_details([link], [texts[0], "Later, Tom agreed."]) == {
        ((0, 0), 1): [hale]}


def test_a_name_the_other_article_gives_by_an_alias_is_not_one_sided() -> None:
    """"the U.S." against "the United States", "Russian" against "Russia", "FBI" against
    "the Federal Bureau of Investigation": named there. A seat of government is no name
    of its country ("the White House" against "American officials"), and a short form
    names no longer body ("the House Intelligence Committee" against "the House")."""
    texts = ["The U.S. and the FBI and Russia and the White House and the House "
             "Intelligence Committee agreed.",
             "Later, the United States, Russian officials, American diplomats, the House "
             "and the Federal Bureau of Investigation agreed."]
    us, fbi, russia = (span_in(texts[0], w) for w in ("U.S.", "FBI", "Russia"))
    white = span_in(texts[0], "White House")
    committee = span_in(texts[0], "House Intelligence Committee")
    link = Link(a=(0, 0), b=(1, 0), score=0.7, status=Status.SHARED,
                a_details=(us, fbi, russia, white, committee))
    assert exports.one_sided_details([link], texts) == {((0, 0), 1): [white, committee]}


def test_a_plural_name_is_named_by_its_singular() -> None:
    """"the Harvest Parties" against "the Harvest Party": the same words to the check."""
    texts = ["The Harvest Parties met.", "Later, the Harvest Party agreed."]
    parties = span_in(texts[0], "Harvest Parties")
    link = Link(a=(0, 0), b=(1, 0), score=0.7, status=Status.SHARED, a_details=(parties,))
    assert exports.one_sided_details([link], texts) == {}


def test_every_seat_of_government_is_a_member_of_an_alias_group() -> None:
    """The seats told apart from their countries' names are names the alias groups hold:
    a misspelt seat would silently tell nothing apart."""
    from factdiff.core.facts.words import _ALIAS, _SEATS

    assert _SEATS and _SEATS <= set(_ALIAS)


def test_an_abbreviation_is_named_by_the_full_word() -> None:
    """"Rep. Tom Hale, R-Calif." against an article that writes "California": the
    detail's span leaves the stop out, the abbreviation keeps it."""
    texts = ["Rep. Tom Hale, R-Calif., agreed.", "In California, Tom Hale agreed."]
    calif = span_in(texts[0], "Calif")
    link = Link(a=(0, 0), b=(1, 0), score=0.7, status=Status.SHARED, a_details=(calif,))
    assert exports.one_sided_details([link], texts) == {}
    assert exports.one_sided_details([link], [texts[0], "In Ohio, Tom Hale agreed."]) == {
        ((0, 0), 1): [calif]}


def test_a_party_is_named_by_its_other_one_word_forms() -> None:
    """"Democratic senators" against "the Democrats", "the GOP" against "Republicans":
    one party named; another party is not it."""
    texts = ["Democratic senators and the GOP met.", "Later, Democrats and Republicans agreed."]
    dem, gop = span_in(texts[0], "Democratic"), span_in(texts[0], "GOP")
    link = Link(a=(0, 0), b=(1, 0), score=0.7, status=Status.SHARED, a_details=(dem, gop))
    assert exports.one_sided_details([link], texts) == {}
    assert exports.one_sided_details([link], [texts[0], "Later, Republicans agreed."]) == {
        ((0, 0), 1): [dem]}
