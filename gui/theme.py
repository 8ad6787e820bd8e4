"""Colours, text formats and the dark palette: one place that decides how a status looks.

Each status has a colour *and* an underline style, so the three stay apart in greyscale and
for colour-blind readers (colours from the Okabe-Ito palette): shared solid green, added
dotted blue, conflict dash-dot vermilion, soft conflict dash-dot-dot orange; conflicting
words bold with a wave, details one side adds dashed reddish purple (lighter in greyscale
than the blue of "only here", so the two never read alike). Backgrounds are translucent,
so they read on light and dark bases.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication

__all__ = [
    "LOOKS",
    "WARNING_BACKGROUND",
    "WARNING_TEXT",
    "plain_tip",
    "Look",
    "apply_dark_palette",
    "apply_light_palette",
    "detail_format",
    "is_dark",
    "line_colour",
    "sentence_format",
    "status_colour",
    "word_format",
]

_U = QTextCharFormat.UnderlineStyle


@dataclass(frozen=True)
class Look:
    """How one kind of highlight looks: name for the legend, colour, underline, symbol."""

    key: str
    label: str
    colour: str  #: the strong colour: underline, connector, swatch border
    underline: QTextCharFormat.UnderlineStyle
    symbol: str  #: shown in tables so the status is readable without colour
    description: str


#: A warning strip (an article not in English): dark text on amber, in either theme.
WARNING_BACKGROUND = "#FFE8A3"
WARNING_TEXT = "#3D2E00"

LOOKS: dict[str, Look] = {
    look.key: look
    for look in (
        Look("shared", "Shared", "#009E73", _U.SingleUnderline, "✓",
             "another outlet reports the same fact and agrees (solid underline)"),
        Look("added", "Only here", "#0072B2", _U.DotLine, "+",
             "no other outlet reports it (dotted underline)"),
        Look("conflict", "Conflict", "#D55E00", _U.DashDotLine, "✗",
             "another outlet reports it and disagrees (dash-dot underline)"),
        Look("soft", "Possible conflict", "#E69F00", _U.DashDotDotLine, "?",
             "one side is less certain: planned or possible vs done (dash-dot-dot)"),
        Look("words", "Conflicting words", "#D55E00", _U.WaveUnderline, "≠",
             "the words that disagree (bold, wavy underline)"),
        Look("detail", "Extra detail", "#CC79A7", _U.DashUnderline, "…",
             "a detail only this side gives (dashed underline)"),
    )
}


def is_dark(palette: QPalette | None = None) -> bool:
    """True if the window background is dark (a dark theme or our dark palette)."""
    pal = palette or QApplication.palette()
    return pal.color(QPalette.ColorRole.Base).lightness() < 128


def _tint(colour: str, *, dark: bool, strong: bool = False) -> QColor:
    c = QColor(colour)
    alpha = (0.42 if dark else 0.30) if strong else (0.26 if dark else 0.16)
    c.setAlphaF(alpha)
    return c


def _underline_colour(colour: str, *, dark: bool) -> QColor:
    c = QColor(colour)
    return c.lighter(125) if dark else c


def sentence_format(look: Look, *, dark: bool, strong: bool = False) -> QTextCharFormat:
    """Background tint and underline of a whole sentence."""
    fmt = QTextCharFormat()
    fmt.setBackground(_tint(look.colour, dark=dark, strong=strong))
    fmt.setUnderlineStyle(look.underline)
    fmt.setUnderlineColor(_underline_colour(look.colour, dark=dark))
    return fmt


def word_format(*, soft: bool, dark: bool) -> QTextCharFormat:
    """Conflicting words: bold with a wavy underline (amber for soft conflicts)."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setUnderlineStyle(_U.WaveUnderline)
    colour = LOOKS["soft" if soft else "words"].colour
    fmt.setUnderlineColor(_underline_colour(colour, dark=dark))
    fmt.setBackground(_tint(colour, dark=dark, strong=True))
    return fmt


def detail_format(*, dark: bool) -> QTextCharFormat:
    """A detail only this side gives: dashed underline, a touch more tint."""
    fmt = QTextCharFormat()
    look = LOOKS["detail"]
    fmt.setUnderlineStyle(look.underline)
    fmt.setUnderlineColor(_underline_colour(look.colour, dark=dark))
    fmt.setBackground(_tint(look.colour, dark=dark, strong=True))
    return fmt


def status_colour(key: str, *, dark: bool, strong: bool = False) -> QColor:
    """Translucent tint of a look, for table cells and connector bands."""
    return _tint(LOOKS[key].colour, dark=dark, strong=strong)


def line_colour(key: str, *, dark: bool) -> QColor:
    return _underline_colour(LOOKS[key].colour, dark=dark)


def apply_dark_palette(app: QApplication) -> None:
    """A dark Fusion palette (used when the user picks View > Theme > Dark)."""
    app.setStyle("Fusion")
    pal = QPalette()
    role = QPalette.ColorRole
    base, window, text = QColor(30, 31, 34), QColor(43, 45, 48), QColor(223, 225, 229)
    pal.setColor(role.Window, window)
    pal.setColor(role.WindowText, text)
    pal.setColor(role.Base, base)
    pal.setColor(role.AlternateBase, QColor(38, 40, 43))
    pal.setColor(role.ToolTipBase, QColor(50, 52, 56))
    pal.setColor(role.ToolTipText, text)
    pal.setColor(role.Text, text)
    pal.setColor(role.Button, window)
    pal.setColor(role.ButtonText, text)
    pal.setColor(role.BrightText, QColor(255, 120, 100))
    pal.setColor(role.Link, QColor(110, 170, 255))
    pal.setColor(role.Highlight, QColor(53, 116, 240))
    pal.setColor(role.HighlightedText, QColor(255, 255, 255))
    pal.setColor(role.PlaceholderText, QColor(140, 143, 150))
    pal.setColor(role.Mid, QColor(70, 72, 76))
    pal.setColor(role.Dark, QColor(20, 20, 22))
    for r in (role.Text, role.WindowText, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, QColor(120, 122, 128))
    app.setPalette(pal)


def apply_light_palette(app: QApplication) -> None:
    """The style's own light palette (View > Theme > Light)."""
    app.setStyle("Fusion")
    app.setPalette(app.style().standardPalette())


def plain_tip(text: str) -> str:
    """``text`` as a tooltip that shows literally: Qt would otherwise guess that a string
    like ``<b>Breaking</b>`` from an article is rich text and render it."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>" if text else ""
