"""Export a session for editors who never open the app: a highlighted PDF and HTML.

:func:`render_html` builds one self-contained HTML page (no scripts, no remote resources;
every piece of article text, title, URL and note is escaped, so untrusted text never
becomes markup). :func:`export_html` writes it; :func:`export_pdf` lays the same HTML out
with ``QTextDocument`` and prints it with ``QPdfWriter``: no browser.

Highlights are the app's (:mod:`factdiff.gui.theme`): the same colours, and the same
underline styles so they stay apart in greyscale. Qt's HTML reader keeps colours but not
underline styles, so after parsing, each highlight is recognised by its (unique)
background colour and given its underline style with ``QTextCharFormat``. Counterpart
sentences carry the same fact number, ``[12]``, in every article.

Qt is imported only where a PDF is made, so HTML, CSV and JSON exports run without it.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from factdiff.core.atomic import atomic_write_bytes
from factdiff.core.errors import ExportError
from factdiff.core.exports import (
    LinkRow,
    clause_marks,
    fact_numbers,
    link_rows,
    links_csv,
    links_json,
    note_rows,
    one_sided_details,
    sentence_kinds,
)
from factdiff.core.model import Comparison, Conflict
from factdiff.core.review import apply_review
from factdiff.core.session import Session, load_session, needs_recompute

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication, QTextDocument
    from PySide6.QtWidgets import QWidget

__all__ = [
    "LAYOUTS",
    "PAGE_SIZES",
    "PaperLook",
    "default_page_size",
    "ensure_app",
    "export_dialog",
    "export_files",
    "export_html",
    "export_pdf",
    "export_session",
    "html_document",
    "paper_looks",
    "pdf_bytes",
    "render_html",
]

log = logging.getLogger(__name__)

Layout = Literal["columns", "sequential"]
PageSize = Literal["A4", "Letter"]
LAYOUTS = ("columns", "sequential")
PAGE_SIZES = ("A4", "Letter")
#: Articles side by side in the "columns" layout (more would be too narrow); the rest of
#: the articles follow them full width.
COLUMNS = 2
#: PDF resolution: text stays vector; this only sets the layout's unit.
DPI = 300
FONT = "'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"


# -- looks: the app's colours, flattened onto white paper --------------------------------


@dataclass(frozen=True)
class PaperLook:
    """One highlight as printed: solid background (the app's tint over white), underline."""

    key: str
    label: str
    symbol: str
    description: str
    colour: str  #: the strong colour (underline)
    background: str  #: solid hex: unique per look, so a PDF reader can be told which it is
    css_line: str  #: CSS text-decoration-style (browsers); Qt gets the app's exact style
    bold: bool = False


# Tints match gui.theme on a light base: 16 % for sentences, 30 % for words and details.
_LIGHT, _STRONG = 0.16, 0.30
_CSS_LINE = {
    "shared": "solid",
    "added": "dotted",
    "conflict": "double",
    "soft": "double",
    "words": "wavy",
    "softwords": "wavy",
    "detail": "dashed",
}


#: The clause that is the shared fact inside a linked sentence: a little bolder, as in the
#: app (readable in greyscale; conflicting words stay bold with their wavy line).
UNIT_STYLE = "font-weight: 600"


def _possible_note(c: Conflict) -> str:
    """What a mark's tooltip adds for a conflict shown as "possible"."""
    if c.soft:
        return " (softer: not a contradiction)"
    return f" ({c.show_level_note})" if c.show_level_note else ""


def _blend(colour: str, alpha: float) -> str:
    c = colour.lstrip("#")
    rgb = [int(c[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(255 * (1 - alpha) + v * alpha):02x}" for v in rgb)


def paper_looks() -> dict[str, PaperLook]:
    """The app's looks (gui.theme.LOOKS) for paper, plus soft conflicting words."""
    from . import theme

    out = {}
    for key, look in theme.LOOKS.items():
        strong = key in ("words", "detail")
        out[key] = PaperLook(
            key=key,
            label=look.label,
            symbol=look.symbol,
            description=look.description,
            colour=look.colour.lower(),
            background=_blend(look.colour, _STRONG if strong else _LIGHT),
            css_line=_CSS_LINE[key],
            bold=key == "words",
        )
    soft = theme.LOOKS["soft"]
    out["softwords"] = PaperLook(
        key="softwords",
        label="Less certain words",
        symbol="?",
        description="the words that differ in certainty (bold, wavy amber underline)",
        colour=soft.colour.lower(),
        background=_blend(soft.colour, _STRONG),
        css_line="wavy",
        bold=True,
    )
    backgrounds = [lk.background for lk in out.values()]
    assert len(set(backgrounds)) == len(backgrounds), "each look needs its own background"
    return out


def _style(look: PaperLook) -> str:
    bits = [
        f"background-color: {look.background}",
        "text-decoration: underline",
        f"text-decoration-style: {look.css_line}",
        f"text-decoration-color: {look.colour}",
    ]
    if look.bold:
        bits.append("font-weight: bold")
    return "; ".join(bits)


# -- text hygiene ----------------------------------------------------------------------

_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _clean(text: str) -> str:
    """Same length, but no control characters or lone surrogates (invalid in HTML/XML)."""
    return _UNSAFE.sub("\ufffd", text)


def esc(text: str) -> str:
    """Escape untrusted text for HTML element content and attribute values."""
    return html.escape(_clean(text), quote=True)


def _safe_url(url: str) -> str | None:
    return url if re.match(r"https?://[^\s\"'<>]+$", url, re.IGNORECASE) else None


def _when(stamp: str) -> str:
    try:
        t = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return t.strftime("%d %b %Y %H:%M") + (" UTC" if t.utcoffset() == dt.timedelta(0) else "")


# -- the HTML ------------------------------------------------------------------------------


@dataclass
class _View:
    """What the export shows: the reviewed comparison and everything numbered in it."""

    session: Session
    shown: Comparison  #: the comparison as stored, with the session's article metadata
    reviewed: Comparison
    keep: list[int]
    numbers: dict[tuple[int, int], int]
    notes: dict[tuple[int, int], int]  #: sentence -> note number (1-based)
    looks: dict[str, PaperLook]
    stale: bool


def _view(session: Session, articles: Iterable[int] | None) -> _View:
    cmp = session.comparison
    if cmp is None:
        raise ExportError("the session has no comparison yet: compare the articles first")
    if len(session.articles) == len(cmp.articles):
        # metadata edited after the comparison ran (not the texts) shows as edited
        merged = tuple(
            replace(new, text=old.text) if new.digest == old.digest else old
            for old, new in zip(cmp.articles, session.articles, strict=True)
        )
        cmp = replace(cmp, articles=merged)
    n = len(cmp.articles)
    keep = list(range(n)) if articles is None else sorted(set(articles))
    if len(keep) < 1 or not all(0 <= i < n for i in keep):
        raise ExportError(f"articles {keep}: the session has {n} articles")
    reviewed = apply_review(cmp, session.review)
    notes = {row.ref: k for k, row in enumerate(note_rows(cmp, session.review, among=keep), 1)}
    return _View(
        session=session,
        shown=cmp,
        reviewed=reviewed,
        keep=keep,
        numbers=fact_numbers(reviewed, among=keep),
        notes=notes,
        looks=paper_looks(),
        stale=needs_recompute(session),
    )


def _marker(v: _View, ref: tuple[int, int], kind: str) -> str:
    look = v.looks[kind]
    n = v.numbers.get(ref)
    label = f"{n}{'' if kind == 'shared' else look.symbol}" if n else look.symbol
    out = f'<sup class="xref" style="font-weight: bold; color: #333333">[{esc(label)}]</sup>'
    if ref in v.notes:
        out += f'<sup class="noteref" style="color: #555555">✎{v.notes[ref]}</sup>'
    return out


def _article_body(v: _View, art: int) -> str:
    """The article text as paragraphs, every sentence and mark highlighted and numbered."""
    text = _clean(v.shown.articles[art].text)
    sents = v.shown.sentences[art]
    kinds = sentence_kinds(v.reviewed, art, among=v.keep)
    # what each character is: its sentence, and its look (sentence < detail < words)
    sentence_at: list[int | None] = [None] * len(text)
    look_at: list[str | None] = [None] * len(text)
    tip_at: list[str] = [""] * len(text)
    for s, kind in zip(sents, kinds, strict=True):
        sentence_at[s.start : s.end] = [s.index] * (s.end - s.start)
        look_at[s.start : s.end] = [kind] * (s.end - s.start)
    marks: list[tuple[int, int, str, str]] = []
    # the clause of a linked sentence that is the shared fact (the link's matched unit)
    unit_at = [False] * len(text)
    kept = [lk for lk in v.reviewed.links if lk.a[0] in v.keep and lk.b[0] in v.keep]
    for unit in clause_marks(v.reviewed, art, kept):
        end = min(unit.end, len(text))
        unit_at[unit.start : end] = [True] * (end - unit.start)
    texts = [a.text for a in v.shown.articles]
    for (ref, other_art), details in one_sided_details(kept, texts).items():
        if ref[0] == art:
            other = v.shown.articles[other_art].label
            marks += [(d.start, d.end, "detail", f"only here, not in {other}") for d in details]
    for link in kept:
        for c in link.conflicts:
            kind = "softwords" if c.possible else "words"
            tip = f"{c.kind.value}{_possible_note(c)}: {c.explanation}"
            if link.a[0] == art:
                marks.append((c.a_span.start, c.a_span.end, kind, tip))
            if link.b[0] == art:
                marks.append((c.b_span.start, c.b_span.end, kind, tip))
    rank = {"detail": 0, "softwords": 1, "words": 2}
    for start, end, kind, tip in sorted(marks, key=lambda m: rank[m[2]]):
        end = min(end, len(text))
        look_at[start:end] = [kind] * (end - start)
        tip_at[start:end] = [tip] * (end - start)

    out: list[str] = []
    para: list[str] = []

    def close_para() -> None:
        if para:
            out.append('<p style="margin-top: 0; margin-bottom: 6px">' + "".join(para) + "</p>")
            para.clear()

    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "\n\r":
            s_idx = sentence_at[i]
            if s_idx is not None and i + 1 == sents[s_idx].end:
                para.append(_marker(v, (art, s_idx), kinds[s_idx]))
            close_para()
            i += 1
            continue
        j = i + 1
        key = (sentence_at[i], look_at[i], tip_at[i], unit_at[i])
        while (
            j < len(text)
            and text[j] not in "\n\r"
            and ((sentence_at[j], look_at[j], tip_at[j], unit_at[j]) == key)
        ):
            j += 1
        chunk = esc(text[i:j])
        if unit_at[i]:
            chunk = f'<span class="unit" style="{UNIT_STYLE}">{chunk}</span>'
        look = look_at[i]
        if look is None:
            para.append(chunk)
        else:
            lk = v.looks[look]
            title = f' title="{esc(tip_at[i])}"' if tip_at[i] else ""
            para.append(f'<span class="{lk.key}" style="{_style(lk)}"{title}>{chunk}</span>')
        s_idx = sentence_at[i]
        if s_idx is not None and j == sents[s_idx].end:
            para.append(_marker(v, (art, s_idx), kinds[s_idx]))
        i = j
    close_para()
    return "\n".join(out)


def _article_head(v: _View, art: int, tag: str) -> str:
    a = v.shown.articles[art]
    url = _safe_url(a.url)
    meta = [a.date.strftime("%A %d %B %Y") if a.date else "no date"]
    if url:
        meta.append(f'<a href="{esc(url)}">{esc(url)}</a>')
    elif a.url:
        meta.append(esc(a.url))
    title = f"<br/>{esc(a.title)}" if a.title and a.title != a.label else ""
    return (
        f'<{tag} style="font-size: 11pt; margin-bottom: 2px">{art + 1}. {esc(a.label)}{title}'
        f"</{tag}>\n"
        f'<p style="margin-top: 0; color: #555555; font-size: 8pt">{" · ".join(meta)}</p>'
    )


def _cover(v: _View) -> str:
    s, looks = v.session, v.looks
    arts = [v.shown.articles[i] for i in v.keep]
    names = ", ".join(esc(a.label) for a in arts)
    out = [f'<h1 style="font-size: 16pt">Comparison of {len(arts)} articles: {names}</h1>']
    out.append(
        f"<p>Compared {esc(_when(s.created))}; last reviewed {esc(_when(s.modified))}; "
        f"exported {esc(_when(dt.datetime.now(dt.UTC).isoformat()))} "
        f"with factdiff {esc(s.app_version)}.<br/>Model {esc(v.shown.settings.model)}, "
        f"threshold {v.shown.settings.threshold:.2f}.</p>"
    )
    if v.stale:
        out.append(
            '<p style="color: #a00000"><b>Note:</b> the articles or settings were changed '
            "after this comparison ran; this export shows the comparison as last computed.</p>"
        )
    rows = []
    for i in v.keep:
        a = v.shown.articles[i]
        url = _safe_url(a.url)
        link = f'<a href="{esc(url)}">{esc(url)}</a>' if url else esc(a.url)
        rows.append(
            f"<tr><td>{i + 1}</td><td>{esc(a.outlet or a.label)}</td><td>{esc(a.title)}</td>"
            f"<td>{a.date.isoformat() if a.date else '—'}</td><td>{link}</td></tr>"
        )
    out.append(_table(["#", "Outlet", "Title", "Date", "URL"], rows, "articles"))

    order = ("shared", "added", "conflict", "soft")
    rows, totals = [], dict.fromkeys(order, 0)
    for i in v.keep:
        kinds = sentence_kinds(v.reviewed, i, among=v.keep)
        cells = []
        for k in order:
            cells.append(f'<td align="right">{kinds.count(k)}</td>')
            totals[k] += kinds.count(k)
        rows.append(f"<tr><td>{esc(v.shown.articles[i].label)}</td>{''.join(cells)}</tr>")
    rows.append(
        "<tr><td><b>All</b></td>"
        + "".join(f'<td align="right"><b>{totals[k]}</b></td>' for k in order)
        + "</tr>"
    )
    heads = ["Sentences"] + [f"{looks[k].symbol} {looks[k].label}" for k in order]
    out.append('<h2 style="font-size: 12pt">Sentences per status</h2>')
    out.append(_table(heads, rows, "counts"))

    review = s.review
    rows_ = link_rows(v.shown, review, among=v.keep)
    n_conf = sum(len(r.conflicts) for r in rows_)
    decided = [c.decision for r in rows_ for c in r.conflicts]
    out.append(
        "<p>Review: "
        f"{sum(r.decision == 'confirmed' for r in rows_)} links confirmed, "
        f"{sum(r.decision == 'rejected' for r in rows_)} rejected, "
        f"{sum(r.manual for r in rows_)} made by the reviewer; "
        f"{n_conf} conflicts: {decided.count('confirmed')} confirmed, "
        f"{decided.count('rejected')} rejected, {decided.count('')} not reviewed; "
        f"{len(v.notes)} notes.</p>"
    )

    out.append('<h2 style="font-size: 12pt">Legend</h2>')
    legend = []
    for k in ("shared", "added", "conflict", "soft", "words", "softwords", "detail"):
        lk = looks[k]
        legend.append(
            f'<tr><td><span class="{lk.key}" style="{_style(lk)}">{esc(lk.label)}</span></td>'
            f"<td>{esc(lk.symbol)}</td><td>{esc(lk.description)}</td></tr>"
        )
    shared = looks["shared"]
    legend.append(
        f'<tr><td><span class="{shared.key}" style="{_style(shared)}">A sentence, '
        f'<span class="unit" style="{UNIT_STYLE}">its shared clause</span></span></td>'
        "<td></td><td>the clause inside a linked sentence that matched the other article "
        "(bold, without the wavy line of conflicting words)</td></tr>"
    )
    legend.append(
        '<tr><td><sup style="font-weight: bold">[12]</sup></td><td></td><td>fact number: '
        "counterpart sentences carry the same number in every article; "
        f"{esc(looks['conflict'].symbol)} marks a conflict, {esc(looks['soft'].symbol)} a "
        f"softer one, {esc(looks['added'].symbol)} a sentence only one article has</td></tr>"
    )
    legend.append(
        "<tr><td><sup>✎3</sup></td><td></td><td>the reviewer left note 3 on this sentence "
        "(notes are listed at the end)</td></tr>"
    )
    out.append(_table(["Highlight", "", "Meaning"], legend, "legend"))
    return '<div class="cover">\n' + "\n".join(out) + "\n</div>"


def _table(heads: Sequence[str], rows: Sequence[str], cls: str) -> str:
    head = "".join(f'<th align="left">{h}</th>' for h in heads)
    return (
        f'<table class="{cls}" width="100%" border="1" cellspacing="0" cellpadding="3" '
        'style="border-collapse: collapse; border-color: #999999; margin-bottom: 8px">\n'
        f'<tr style="background-color: #eeeeee">{head}</tr>\n' + "\n".join(rows) + "\n</table>"
    )


def _columns_pair(v: _View) -> list[int]:
    """The articles the "columns" layout puts side by side: the pair that was on screen
    (in its order) if both are exported, else the first two."""
    i, j = v.session.pair
    if i != j and i in v.keep and j in v.keep:
        return [i, j]
    return v.keep[:COLUMNS]


def _article_div(v: _View, art: int) -> str:
    return f'<div class="article">{_article_head(v, art, "h3")}\n{_article_body(v, art)}</div>'


def _articles(v: _View, layout: Layout) -> str:
    """The highlighted articles. "sequential": one after another, full width. "columns":
    two side by side (the pair on screen), any others after them, full width: a third
    column band would hold one article in half the page, and Qt's table pagination then
    zig-zags it between the columns and leaves pages half empty."""
    # the cover's page break sits here: Qt honours page-break-before on a heading, but
    # page-break-after on a <div> only after the div's first block
    out = ['<h2 style="font-size: 13pt; page-break-before: always">Articles</h2>']
    side_by_side = _columns_pair(v) if layout == "columns" and len(v.keep) >= 2 else []
    if side_by_side:
        width = 100 // COLUMNS
        cells = "".join(
            f'<td class="article" width="{width}%" valign="top">'
            f"{_article_head(v, i, 'h3')}\n{_article_body(v, i)}</td>"
            for i in side_by_side
        )
        out.append(
            '<table class="columns" width="100%" cellspacing="0" cellpadding="6" '
            f'style="margin-bottom: 10px"><tr>{cells}</tr></table>'
        )
    out += [_article_div(v, i) for i in v.keep if i not in side_by_side]
    return "\n".join(out)


def _decision(verdict: str) -> str:
    return {"confirmed": "Confirmed by the reviewer", "rejected": "Rejected by the reviewer"}.get(
        verdict, "Not reviewed"
    )


def _sentence_with_words(text: str, start: int, spans: Sequence[tuple[int, int]]) -> str:
    """A sentence with the conflicting words in bold (spans are article offsets)."""
    out, at = [], 0
    for s, e in sorted(spans):
        s, e = max(s - start, at), max(e - start, at)
        out.append(esc(text[at:s]) + f"<b>{esc(text[s:e])}</b>")
        at = e
    out.append(esc(text[at:]))
    return "".join(out)


def _conflicts(v: _View) -> str:
    rows = [r for r in link_rows(v.shown, v.session.review, among=v.keep) if r.conflicts]
    n = sum(len(r.conflicts) for r in rows)
    out = [
        f'<h2 style="font-size: 13pt; page-break-before: always">Conflicts ({n})</h2>',
        "<p>Every conflict the comparison found, with both wordings, the explanation, and "
        "the reviewer's decision and notes. Rejected ones are not highlighted above.</p>",
    ]
    if not rows:
        out.append("<p>No conflicts.</p>")
    for r in rows:
        out.append(_conflict_table(v, r))
    return "\n".join(out)


def _conflict_table(v: _View, r: LinkRow) -> str:
    sa, sb = v.shown.sentence(r.a), v.shown.sentence(r.b)
    spans_a = [c.a_span for c in r.conflicts]
    spans_b = [c.b_span for c in r.conflicts]
    number = f"[{r.fact}] " if r.fact else ""
    verdict = "made by the reviewer" if r.manual else _decision(r.decision).lower()
    if r.status == "rejected":
        verdict = "rejected by the reviewer"
    head = (
        f'<tr style="background-color: #eeeeee"><th colspan="4" align="left">{number}'
        f"{esc(r.a_label)} sentence {r.a[1] + 1} ↔ {esc(r.b_label)} sentence {r.b[1] + 1}"
        f" · link {esc(verdict)}</th></tr>"
    )
    body = [
        head,
        f'<tr><td width="14%"><b>{esc(r.a_label)}</b></td><td colspan="3">'
        f"{_sentence_with_words(_clean(sa.text), sa.start, spans_a)}</td></tr>",
        f'<tr><td><b>{esc(r.b_label)}</b></td><td colspan="3">'
        f"{_sentence_with_words(_clean(sb.text), sb.start, spans_b)}</td></tr>",
        f'<tr><th align="left">Kind</th><th align="left" width="22%">{esc(r.a_label)} says'
        f'</th><th align="left" width="22%">{esc(r.b_label)} says</th>'
        '<th align="left">Explanation · decision</th></tr>',
    ]
    for c in r.conflicts:
        look = v.looks["softwords" if c.possible else "words"]
        kind = f"{look.symbol} {c.kind}" + (
            " (softer)" if c.soft else " (possible)" if c.possible else ""
        )
        decision = _decision(c.decision)
        if r.status == "rejected":
            decision += " (link rejected)"
        body.append(
            f"<tr><td>{esc(kind)}</td><td>{esc(c.a_text)}</td><td>{esc(c.b_text)}</td>"
            f"<td>{esc(c.explanation)}<br/><i>{esc(decision)}</i> · confidence "
            f"{c.confidence:.2f}</td></tr>"
        )
    notes = [
        f"<b>{esc(label)}:</b> {esc(note)}"
        for label, note in ((r.a_label, r.a_note), (r.b_label, r.b_note))
        if note
    ]
    body.append(f'<tr><td><b>Notes</b></td><td colspan="3">{"<br/>".join(notes) or "—"}</td></tr>')
    return (
        '<table class="conflict" width="100%" border="1" cellspacing="0" cellpadding="3" '
        'style="border-collapse: collapse; border-color: #999999; margin-bottom: 10px">\n'
        + "\n".join(body)
        + "\n</table>"
    )


def _notes(v: _View) -> str:
    rows = note_rows(v.shown, v.session.review, among=v.keep)
    out = [f'<h2 style="font-size: 13pt">Reviewer notes ({len(rows)})</h2>']
    if not rows:
        out.append("<p>No notes.</p>")
        return "\n".join(out)
    items = []
    for k, row in enumerate(rows, 1):
        fact = f" [{row.fact}]" if row.fact else ""
        items.append(
            f"<tr><td>✎{k}</td><td>{esc(row.label)}, sentence {row.ref[1] + 1}{fact}: "
            f"<i>{esc(row.sentence)}</i><br/>{esc(row.text)}</td></tr>"
        )
    out.append(_table(["", "Note"], items, "notes"))
    return "\n".join(out)


def render_html(
    session: Session, *, layout: Layout = "columns", articles: Iterable[int] | None = None
) -> str:
    """The export as one self-contained, well-formed HTML page (XHTML-compatible syntax).

    ``articles`` limits it to those articles (statuses then count only counterparts among
    them); by default every article. Raises ExportError if there is nothing to export.
    """
    if layout not in LAYOUTS:
        raise ExportError(f"layout {layout!r}: choose one of {', '.join(LAYOUTS)}")
    v = _view(session, articles)
    labels = " / ".join(v.shown.articles[i].label for i in v.keep)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8"/>',
        f"<title>factdiff: {esc(labels)}</title>",
        "<style>",
        "th, td { vertical-align: top; }",
        "@media print { .cover { page-break-after: always; } }",
        "</style>",
        "</head>",
        f'<body style="font-family: {FONT}; font-size: 9pt">',
        _cover(v),
        _articles(v, layout),
        _conflicts(v),
        _notes(v),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def export_html(
    session: Session,
    path: Path,
    *,
    layout: Layout = "columns",
    articles: Iterable[int] | None = None,
) -> None:
    """Write :func:`render_html` to ``path`` (UTF-8, atomically)."""
    text = render_html(session, layout=layout, articles=articles)
    _write(Path(path), text.encode("utf-8"))


def _write(path: Path, data: bytes) -> None:
    try:
        atomic_write_bytes(path, data)
    except OSError as err:
        raise ExportError(f"could not write {path}: {err.strerror or err}") from err
    log.info("exported %s (%d bytes)", path, len(data))


# -- PDF -------------------------------------------------------------------------------

_KEEP_APP: list[QGuiApplication] = []


def ensure_app() -> QGuiApplication:
    """The running QGuiApplication, or a new one (offscreen when there is no display)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        headless = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        )
        if headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0] if sys.argv and sys.argv[0] else "factdiff"])
        _KEEP_APP.append(app)
    return app  # type: ignore[return-value]


def html_document(html_text: str, looks: dict[str, PaperLook] | None = None) -> QTextDocument:
    """A QTextDocument of ``html_text`` with the highlights' underline styles restored."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument

    from . import theme

    ensure_app()
    looks = looks or paper_looks()
    style_by_bg = {}
    for key, lk in looks.items():
        source = theme.LOOKS["soft" if key == "softwords" else key]
        wave = QTextCharFormat.UnderlineStyle.WaveUnderline
        style_by_bg[lk.background] = wave if key == "softwords" else source.underline
    doc = QTextDocument()
    font = doc.defaultFont()
    # no ligatures: text copied or extracted from the PDF must match the article ("fi", not "ﬁ")
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    doc.setDefaultFont(font)
    doc.setHtml(html_text)
    todo = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            bg = frag.charFormat().background()
            has_bg = bg.style() != Qt.BrushStyle.NoBrush
            style = style_by_bg.get(bg.color().name()) if has_bg else None
            if style is not None:
                todo.append((frag.position(), frag.length(), style))
            it += 1
        block = block.next()
    cur = QTextCursor(doc)
    for pos, length, style in todo:
        cur.setPosition(pos)
        cur.setPosition(pos + length, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(style)
        cur.mergeCharFormat(fmt)
    return doc


def export_pdf(
    session: Session,
    path: Path,
    *,
    layout: Layout = "columns",
    page_size: PageSize = "A4",
    articles: Iterable[int] | None = None,
) -> None:
    """Print the export to a PDF at ``path`` (written atomically): a cover, the highlighted
    articles (side by side or one after another), the conflicts, the notes; page numbers."""
    if page_size not in PAGE_SIZES:
        raise ExportError(f"page size {page_size!r}: choose one of {', '.join(PAGE_SIZES)}")
    text = render_html(session, layout=layout, articles=articles)
    data = pdf_bytes(text, page_size=page_size, title=_pdf_title(session))
    _write(Path(path), data)


def _pdf_title(session: Session) -> str:
    arts = session.comparison.articles if session.comparison else session.articles
    return "factdiff: " + " / ".join(a.label for a in arts)


def pdf_bytes(html_text: str, *, page_size: PageSize = "A4", title: str = "factdiff") -> bytes:
    """Lay out ``html_text`` on pages of ``page_size`` and return the PDF."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter

    ensure_app()
    doc = html_document(html_text)
    buf = QByteArray()
    dev = QBuffer(buf)
    dev.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(dev)
    writer.setResolution(DPI)
    size = QPageSize.PageSizeId.A4 if page_size == "A4" else QPageSize.PageSizeId.Letter
    writer.setPageLayout(
        QPageLayout(
            QPageSize(size),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(title)
    writer.setCreator("factdiff")
    body = writer.pageLayout().paintRectPixels(DPI)
    footer_h = DPI * 0.25  # a quarter inch for the page number
    page_h = body.height() - footer_h
    doc.documentLayout().setPaintDevice(writer)
    doc.setDocumentMargin(0)
    doc.setPageSize(QSizeF(body.width(), page_h))
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("could not start the PDF (QPainter failed to open the writer)")
    try:
        font = QFont(doc.defaultFont())
        font.setPointSizeF(7)
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * page_h)
            doc.drawContents(painter, QRectF(0, page * page_h, body.width(), page_h))
            painter.restore()
            painter.setFont(font)
            painter.setPen(Qt.GlobalColor.darkGray)
            where = f" · page {page + 1} of {pages}"
            room = body.width() - QFontMetricsF(font, writer).horizontalAdvance(where)
            name = QFontMetricsF(font, writer).elidedText(title, Qt.TextElideMode.ElideRight, room)
            painter.drawText(
                QRectF(0, page_h, body.width(), footer_h),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                name + where,
            )
    finally:
        painter.end()
    dev.close()
    return bytes(buf.data())


# -- the command line ----------------------------------------------------------------------


def export_files(
    session_path: Path,
    *,
    pdf: Path | None = None,
    html_path: Path | None = None,
    csv_path: Path | None = None,
    json_path: Path | None = None,
    layout: Layout = "columns",
    page_size: PageSize = "A4",
) -> list[Path]:
    """Load a session and write each requested export; returns the files written.
    CSV and JSON need no Qt. Raises SessionError or ExportError."""
    if not any((pdf, html_path, csv_path, json_path)):
        raise ExportError("nothing to export: give --pdf, --html, --csv or --json")
    session = load_session(session_path)
    if session.comparison is None:
        raise ExportError(f"{Path(session_path).name}: the session has no comparison yet")
    if needs_recompute(session):
        log.warning(
            "%s: the articles or settings changed after the comparison ran; "
            "exporting the comparison as last computed",
            session_path,
        )
    wanted = (("csv", csv_path), ("json", json_path), ("html", html_path), ("pdf", pdf))
    written = []
    for fmt, path in wanted:
        if path:
            export_session(session, Path(path), fmt, layout=layout, page_size=page_size)
            written.append(Path(path))
    return written


# -- File > Export (the main window calls export_dialog) -----------------------------------

FORMATS = {
    "pdf": "PDF, highlighted (*.pdf)",
    "html": "HTML page, highlighted (*.html)",
    "csv": "CSV of links and conflicts (*.csv)",
    "json": "JSON of links and conflicts (*.json)",
}


def default_page_size() -> PageSize:
    """Letter where people use it (US, Canada, ...), else A4."""
    from PySide6.QtCore import QLocale

    return (
        "Letter"
        if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        else "A4"
    )


def export_session(
    session: Session,
    path: Path,
    fmt: str,
    *,
    layout: Layout = "columns",
    page_size: PageSize = "A4",
    articles: Sequence[int] | None = None,
) -> None:
    """Write one export of ``session`` in format ``fmt`` (pdf, html, csv or json)."""
    cmp = session.comparison
    if cmp is None:
        raise ExportError("the session has no comparison yet: compare the articles first")
    if fmt == "pdf":
        export_pdf(session, path, layout=layout, page_size=page_size, articles=articles)
    elif fmt == "html":
        export_html(session, path, layout=layout, articles=articles)
    elif fmt == "csv":
        _write(Path(path), links_csv(cmp, session.review, among=articles).encode("utf-8-sig"))
    elif fmt == "json":
        _write(Path(path), links_json(cmp, session.review, among=articles).encode("utf-8"))
    else:
        raise ExportError(f"unknown export format {fmt!r}")


def _dialog_class() -> type:
    from PySide6.QtWidgets import (
        QComboBox,
        QDialog,
        QDialogButtonBox,
        QFormLayout,
        QLabel,
        QVBoxLayout,
    )

    class ExportDialog(QDialog):
        """Choose what to export (format, layout, page size, articles); no signals."""

        def __init__(self, session: Session, parent: QWidget | None = None) -> None:
            super().__init__(parent)
            self.session = session
            self.setWindowTitle("Export")
            form = QFormLayout()
            self.format = QComboBox()
            for key, label in FORMATS.items():
                self.format.addItem(label.split(" (")[0], key)
            self.layout_box = QComboBox()
            self.layout_box.addItem("Side by side (columns)", "columns")
            self.layout_box.addItem("One after another", "sequential")
            self.page = QComboBox()
            for size in PAGE_SIZES:
                self.page.addItem(size, size)
            self.page.setCurrentIndex(PAGE_SIZES.index(default_page_size()))
            self.scope = QComboBox()
            arts = session.comparison.articles if session.comparison else session.articles
            i, j = session.pair
            if len(arts) > 2 and max(i, j) < len(arts):
                self.scope.addItem(
                    f"The pair shown: {arts[i].label} and {arts[j].label}", sorted((i, j))
                )
            self.scope.addItem(f"All {len(arts)} articles", None)
            form.addRow("Format:", self.format)
            form.addRow("Layout:", self.layout_box)
            form.addRow("Page size:", self.page)
            form.addRow("Articles:", self.scope)
            note = QLabel(
                "The PDF and HTML show the articles highlighted as in the app, the conflicts "
                "with your decisions and notes, and a legend. CSV and JSON list the links "
                "and conflicts."
            )
            note.setWordWrap(True)
            buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            )
            buttons.accepted.connect(self.accept)
            buttons.rejected.connect(self.reject)
            box = QVBoxLayout(self)
            box.addLayout(form)
            box.addWidget(note)
            box.addWidget(buttons)
            self.format.currentIndexChanged.connect(self._formats_changed)
            self._formats_changed()

        def _formats_changed(self) -> None:
            laid_out = self.format.currentData() in ("pdf", "html")
            self.layout_box.setEnabled(laid_out)
            self.page.setEnabled(self.format.currentData() == "pdf")

        def suggested_name(self) -> str:
            arts = self.session.articles
            stem = "-".join(re.sub(r"\W+", "", a.label) or "article" for a in arts[:3])
            return f"factdiff-{stem or 'export'}.{self.format.currentData()}"

        def export_to(self, path: Path) -> None:
            export_session(
                self.session,
                path,
                self.format.currentData(),
                layout=self.layout_box.currentData(),
                page_size=self.page.currentData(),
                articles=self.scope.currentData(),
            )

    return ExportDialog


def export_dialog(parent: QWidget | None, session: Session) -> Path | None:
    """File > Export: ask what and where, then write it. Returns the file written, or None
    if cancelled; raises ExportError (the caller shows it)."""
    from PySide6.QtCore import QStandardPaths, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QFileDialog

    if session.comparison is None:
        raise ExportError("there is nothing to export yet: compare the articles first")
    dialog = _dialog_class()(session, parent)
    if not dialog.exec():
        return None
    fmt = dialog.format.currentData()
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    files = QFileDialog(parent, "Export", str(Path(folder) / dialog.suggested_name()))
    files.setNameFilter(FORMATS[fmt])
    files.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    files.setDefaultSuffix(fmt)  # typed without a suffix: added, and the overwrite prompt knows
    if not files.exec() or not files.selectedFiles():
        return None
    path = Path(files.selectedFiles()[0])
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        dialog.export_to(path)
    finally:
        QGuiApplication.restoreOverrideCursor()
    return path
