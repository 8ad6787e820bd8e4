"""Three-article PDFs lay out tidily: the pair that was on screen side by side, the rest
after them full width; no page is less than half filled except each section's last.
Pages are rendered with pypdfium2 (a wheel, so this runs everywhere)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import dataclasses
import re
from pathlib import Path

import numpy as np
import pytest
from builders import sentences_of

from factdiff.core import session as sm
from factdiff.core.model import Article, Comparison, Link, Settings, Status

WORDS = ("council bridge vote budget river mayor traffic contract engineers residents "
         "opposition million months weather delay inspection report").split()


def story(outlet: str, n: int, seed: int) -> str:
    rng = np.random.default_rng(seed)
    lines = []
    for i in range(n):
        words = rng.choice(WORDS, size=int(rng.integers(8, 40)))
        lines.append(f"{outlet} sentence {i}: " + " ".join(words) + ".")
    return "\n".join(lines)


def three_articles(lengths: tuple[int, int, int] = (70, 35, 90)) -> sm.Session:
    names = ("Wire", "Paper", "Radio")
    texts = [story(name, n, k) for k, (name, n) in enumerate(zip(names, lengths, strict=True))]
    sents = tuple(sentences_of(t) for t in texts)
    links = tuple(
        Link(a=(a, s), b=(b, s), score=0.8, status=Status.SHARED)
        for a, b in ((0, 1), (0, 2), (1, 2))
        for s in range(0, min(lengths[a], lengths[b]), 5)
    )
    cmp = Comparison(
        articles=tuple(Article(t, outlet=n, title=f"{n} story") for t, n in zip(texts, names,
                                                                                 strict=True)),
        sentences=sents, candidates=(), links=links, groups=(), settings=Settings(),
    )
    return sm.new_session(cmp)


def pages(pdf: Path) -> list[tuple[str, float, float]]:
    """(text, left, right) per page: how far down the body the lowest ink of each half of
    the page reaches, from 0 (blank) to 1 (down to the page number's line)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    out = []
    try:
        for page in doc:
            text = page.get_textpage().get_text_range()
            img = page.render(scale=30 / 72).to_numpy()[:, :, :3]
            h, w = img.shape[:2]
            # the body: 15 mm margins; it ends 12 mm + a quarter inch (the page number)
            # above the bottom
            top, bottom = int(h * 15 / 297), int(h * (1 - (12 + 6.35 + 1) / 297))
            left, right = int(w * 15 / 210), int(w * (1 - 15 / 210))
            reach = []
            for x0, x1 in ((left, (left + right) // 2), ((left + right) // 2, right)):
                ink = np.nonzero((img[top:bottom, x0:x1].min(axis=2) < 200).any(axis=1))[0]
                reach.append((ink[-1] + 1) / (bottom - top) if len(ink) else 0.0)
            out.append((text, reach[0], reach[1]))
    finally:
        doc.close()
    return out


def section_ends(texts: list[str]) -> set[int]:
    """Pages that end a section: the cover, the page before 'Articles' or 'Conflicts'
    starts, and the last page."""
    starts = [n for n, t in enumerate(texts)
              if re.match(r"\s*(Articles|Conflicts \(\d+\))\s", t)]
    return {n - 1 for n in starts if n > 0} | {len(texts) - 1}


@pytest.mark.parametrize("layout", ["columns", "sequential"])
@pytest.mark.parametrize("pair", [(0, 1), (2, 0)])
def test_no_half_empty_pages(qapp, tmp_path: Path, layout: str, pair: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    from factdiff.gui.export import export_pdf

    session = dataclasses.replace(three_articles(), pair=pair)
    path = tmp_path / f"{layout}.pdf"
    export_pdf(session, path, layout=layout)  # type: ignore[arg-type]
    found = pages(path)
    texts = [t for t, _l, _r in found]
    ends = section_ends(texts)
    assert len(found) > 4 and ends != {len(found) - 1}, "expected several sections"
    # half filled: half the body's area (one full column counts as half; 0.45 allows for
    # the spacing under the last line)
    thin = [(n + 1, round(left, 2), round(right, 2)) for n, (_t, left, right) in enumerate(found)
            if n not in ends and (left + right) / 2 < 0.45]
    assert not thin, f"pages less than half filled (page, left, right): {thin}"
    # an article that is not side by side with another uses the whole width of its pages
    alone = [k for k in range(3) if layout == "sequential" or k not in pair]
    names = [session.articles[k].outlet for k in alone]
    narrow = [(n + 1, round(left, 2), round(right, 2)) for n, (t, left, right) in enumerate(found)
              if n not in ends and any(f"{name} sentence" in t for name in names)
              and min(left, right) < 0.45]
    assert not narrow, f"an article in one column of a page (page, left, right): {narrow}"


def test_columns_put_the_pair_on_screen_side_by_side(qapp) -> None:  # type: ignore[no-untyped-def]
    from factdiff.gui.export import render_html

    session = dataclasses.replace(three_articles((6, 5, 7)), pair=(2, 0))
    page = render_html(session, layout="columns")
    table = re.search(r'<table class="columns".*?</table>', page, re.S)
    assert table is not None and page.count('class="columns"') == 1
    heads = re.findall(r"<h3[^>]*>(\d)\. (\w+)", table.group(0))
    assert heads == [("3", "Radio"), ("1", "Wire")]  # as on screen: Radio left, Wire right
    after = page[table.end():]
    assert re.search(r'<div class="article"><h3[^>]*>2\. Paper', after)
    # two articles: side by side as before; one article: full width
    two = render_html(session, layout="columns", articles=[0, 1])
    assert two.count('<td class="article"') == 2
    one = render_html(session, layout="columns", articles=[1])
    assert 'class="columns"' not in one and '<div class="article">' in one
