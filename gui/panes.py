"""The side-by-side panes: article text with highlights, the connectors, the legend.

:class:`SentenceView` shows one article and knows where each sentence is; highlights are
character formats applied from the spans core computed (sentence status, conflicting words,
details only one side gives). :class:`Connector` draws the links between the two views like
a diff tool, and :class:`Legend` shows the very same formats as samples.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollBar,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from factdiff.core.language import looks_english, not_english_note
from factdiff.core.model import Article, Sentence, Span

from . import (
    theme,
)
from .widgets import ElidedLabel, FlowLayout

__all__ = [
    "ArticlePane",
    "Connector",
    "ConnectorLink",
    "Legend",
    "Offsets",
    "PaneHighlights",
    "SentenceView",
]


class Offsets:
    """Python string offsets <-> QTextDocument positions (which count UTF-16 units)."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._length = len(text)

    def qt(self, i: int) -> int:
        return i + bisect.bisect_left(self._astral, i) if self._astral else i

    def py(self, pos: int) -> int:
        if not self._astral:
            return pos
        lo, hi = 0, self._length
        while lo < hi:  # the largest i with qt(i) <= pos
            mid = (lo + hi + 1) // 2
            if self.qt(mid) <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo


@dataclass
class PaneHighlights:
    """What one pane shows: a look per sentence and the spans to mark inside them."""

    looks: list[str | None] = field(default_factory=list)  #: theme.LOOKS key per sentence
    words: list[tuple[Span, bool]] = field(default_factory=list)  #: (span, soft)
    details: list[Span] = field(default_factory=list)
    #: the clause inside a linked sentence that is the shared fact (matched unit)
    units: list[Span] = field(default_factory=list)
    confirmed: set[int] = field(default_factory=set)  #: sentences with a confirmed link


class SentenceView(QTextEdit):
    """One article's text; sentences are clickable, hoverable and highlighted.

    Signals:
        sentenceClicked(int, int): sentence index and the keyboard modifiers (as int).
        sentenceMenu(int, QPoint): context menu wanted on a sentence at a global position.
        geometryChanged(): scrolled, resized or re-laid out (connectors must repaint).
    """

    sentenceClicked = Signal(int, int)
    sentenceMenu = Signal(int, QPoint)
    geometryChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptDrops(False)  # drops go to the main window
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(10)
        self.viewport().setMouseTracking(True)
        self.text = ""
        self.sentences: tuple[Sentence, ...] = ()
        self._starts: list[int] = []
        self._offsets = Offsets("")
        self.current: int | None = None
        self.confirmed: set[int] = set()  #: sentences marked ✓ in the left margin
        self.tooltip_for: Callable[[int], str] | None = None
        self._press: QPoint | None = None
        self.verticalScrollBar().valueChanged.connect(self.geometryChanged)
        self.horizontalScrollBar().valueChanged.connect(self.geometryChanged)
        self.document().documentLayout().documentSizeChanged.connect(
            lambda _size: self.geometryChanged.emit()
        )

    # -- content ----------------------------------------------------------------------

    def set_content(self, text: str, sentences: Sequence[Sentence]) -> None:
        """Show ``text`` (kept if unchanged, so the scroll position stays)."""
        if text != self.text:
            self.text = text
            self._offsets = Offsets(text)
            self.setPlainText(text.replace("\r", " "))
            self._make_margin()
            self.current = None
        self.sentences = tuple(sentences)
        self._starts = [s.start for s in self.sentences]
        if self.current is not None and self.current >= len(self.sentences):
            self.current = None

    #: Room left of the text for the ✓ of confirmed sentences (and the current bar).
    MARK_MARGIN = 14

    def _make_margin(self) -> None:
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        fmt.setLeftMargin(self.MARK_MARGIN)
        root.setFrameFormat(fmt)

    def set_placeholder(self, message: str) -> None:
        self.text = ""
        self.sentences = ()
        self._starts = []
        self.current = None
        self.clear()
        self.setPlaceholderText(message)

    def qt_range(self, start: int, end: int) -> tuple[int, int]:
        return self._offsets.qt(start), self._offsets.qt(end)

    def apply_highlights(self, hl: PaneHighlights, *, dark: bool) -> None:
        """Replace all highlight formats with ``hl`` (one edit block, scroll kept)."""
        doc = self.document()
        cur = QTextCursor(doc)
        cur.beginEditBlock()
        cur.select(QTextCursor.SelectionType.Document)
        cur.setCharFormat(QTextCharFormat())
        formats = {k: theme.sentence_format(look, dark=dark) for k, look in theme.LOOKS.items()}

        def paint(start: int, end: int, fmt: QTextCharFormat) -> None:
            qs, qe = self.qt_range(start, end)
            cur.setPosition(qs)
            cur.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
            cur.mergeCharFormat(fmt)

        for s, key in zip(self.sentences, hl.looks, strict=False):
            if key is not None:
                paint(s.start, s.end, formats[key])
        unit = QTextCharFormat()
        unit.setFontWeight(600)  # the shared clause: a little bolder, any colour scheme
        for span in hl.units:
            paint(span.start, span.end, unit)
        detail = theme.detail_format(dark=dark)
        for span in hl.details:
            paint(span.start, span.end, detail)
        for span, soft in hl.words:
            paint(span.start, span.end, theme.word_format(soft=soft, dark=dark))
        cur.endEditBlock()
        self.confirmed = set(hl.confirmed)
        self.viewport().update()

    # -- geometry ---------------------------------------------------------------------

    def sentence_at(self, pos: QPoint) -> int | None:
        """The sentence under a viewport position, if any."""
        if not self.sentences:
            return None
        cur = self.cursorForPosition(pos)
        # cursorForPosition snaps to the nearest character; make sure the point is on text
        rect = self.cursorRect(cur)
        if abs(rect.center().y() - pos.y()) > rect.height():
            return None
        at = self._offsets.py(cur.position())
        i = bisect.bisect_right(self._starts, at) - 1
        if i < 0:
            return None
        s = self.sentences[i]
        if s.start <= at <= s.end:
            return i
        return None

    def range_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles, one per line, covering the text ``[start, end)``."""
        qs, qe = self.qt_range(start, end)
        doc = self.document()
        layout = doc.documentLayout()
        dx = -self.horizontalScrollBar().value()
        dy = -self.verticalScrollBar().value()
        rects: list[QRectF] = []
        block = doc.findBlock(qs)
        while block.isValid() and block.position() <= qe:
            text_layout = block.layout()
            box = layout.blockBoundingRect(block)
            bpos = block.position()
            for n in range(text_layout.lineCount()):
                line = text_layout.lineAt(n)
                ls = bpos + line.textStart()
                le = ls + line.textLength()
                s, e = max(qs, ls), min(qe, le)
                if s >= e:
                    continue
                x1 = line.cursorToX(s - bpos)[0]
                x2 = line.cursorToX(e - bpos)[0]
                rects.append(
                    QRectF(box.left() + x1 + dx, box.top() + line.y() + dy, x2 - x1, line.height())
                )
            block = block.next()
        return rects

    def sentence_rects(self, index: int) -> list[QRectF]:
        s = self.sentences[index]
        return self.range_rects(s.start, s.end)

    def sentence_span_y(self, index: int) -> tuple[float, float] | None:
        """Top and bottom of a sentence in viewport coordinates."""
        rects = self.sentence_rects(index)
        if not rects:
            return None
        return rects[0].top(), rects[-1].bottom()

    def sentence_point(self, index: int) -> QPoint:
        """A viewport point inside the sentence (tests click there)."""
        rects = self.sentence_rects(index)
        return rects[0].center().toPoint()

    def scroll_to(self, index: int) -> None:
        """Bring a sentence into view, centred if it is not visible already."""
        span = self.sentence_span_y(index)
        if span is None:
            return
        top, bottom = span
        height = self.viewport().height()
        if top >= 0 and bottom <= height:
            return
        bar = self.verticalScrollBar()
        middle = (top + bottom) / 2
        bar.setValue(int(bar.value() + middle - height / 2))

    def set_current(self, index: int | None, *, scroll: bool = True) -> None:
        self.current = index
        if index is not None and scroll:
            self.scroll_to(index)
        self.viewport().update()

    # -- events -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.confirmed:
            self._paint_confirmed()
        if self.current is None or self.current >= len(self.sentences):
            return
        rects = self.sentence_rects(self.current)
        if not rects:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath()
        for r in rects:
            path.addRoundedRect(r.adjusted(-2, -1, 2, 1), 3, 3)
        painter.drawPath(path.simplified())
        # a bar in the margin marks the current sentence even where lines are short
        top, bottom = rects[0].top(), rects[-1].bottom()
        painter.fillRect(QRectF(1, top, 4, bottom - top), pen.color())
        painter.end()

    def _paint_confirmed(self) -> None:
        painter = QPainter(self.viewport())
        painter.setPen(theme.line_colour("shared", dark=theme.is_dark(self.palette())))
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        height = self.viewport().height()
        for index in sorted(self.confirmed):
            if index >= len(self.sentences):
                continue
            rects = self.sentence_rects(index)
            if not rects or rects[-1].bottom() < 0 or rects[0].top() > height:
                continue
            first = rects[0]
            painter.drawText(QRectF(6, first.top(), self.MARK_MARGIN + 2, first.height()),
                             int(Qt.AlignmentFlag.AlignCenter), "✓")
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.geometryChanged.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and self._press is not None
            and (pos - self._press).manhattanLength() < 5
        ):
            index = self.sentence_at(pos)
            if index is not None:
                cur = self.textCursor()
                cur.clearSelection()
                self.setTextCursor(cur)
                self.sentenceClicked.emit(index, event.modifiers().value)
        self._press = None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.sentence_at(event.pos())
        if index is None:
            super().contextMenuEvent(event)
            return
        self.sentenceMenu.emit(index, event.globalPos())

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.sentence_at(event.pos())
            tip = self.tooltip_for(index) if (index is not None and self.tooltip_for) else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)


class PaneHeader(QWidget):
    """Which article a pane shows (a combo box), its title and date, and an edit button.

    Signals:
        articleChosen(int): the user picked another article for this pane.
        editRequested(): the user wants to edit the article's outlet, title or date.
    """

    articleChosen = Signal(int)
    editRequested = Signal()

    #: Longest article name shown in the combo box; the full name is in its tooltip.
    COMBO_CHARS = 36

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.combo = QComboBox()
        # a long outlet or file name must not widen the window: the box is sized for a
        # short name, and longer ones are elided (full name in the tooltip)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(16)
        self.combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.combo.setToolTip(f"The article shown on the {side}")
        self.combo.setAccessibleName(f"{side} article")
        self.title = ElidedLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.meta = ElidedLabel()  # the date first, then as much of the URL as fits
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.language = QLabel()  # shown only when the article is not in English
        self.language.setWordWrap(True)
        self.language.setAutoFillBackground(True)  # its own colours, light or dark theme
        pal = self.language.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor(theme.WARNING_BACKGROUND))
        pal.setColor(QPalette.ColorRole.WindowText, QColor(theme.WARNING_TEXT))
        self.language.setPalette(pal)
        self.language.setContentsMargins(4, 2, 4, 2)
        self.language.setAccessibleName(f"{side} article language warning")
        self.language.hide()
        self.edit = QToolButton()
        self.edit.setText("Edit…")
        self.edit.setToolTip("Edit outlet, title and date")
        self.edit.setAutoRaise(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.combo)
        top.addWidget(self.meta, 1)
        top.addWidget(self.edit)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 2)
        box.setSpacing(2)
        box.addLayout(top)
        box.addWidget(self.title)
        box.addWidget(self.language)
        self.combo.activated.connect(self.articleChosen)
        self.edit.clicked.connect(self.editRequested)

    def set_articles(self, articles: Sequence[Article], current: int | None) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for i, art in enumerate(articles):
            name = f"{i + 1}. {art.label}"
            short = name if len(name) <= self.COMBO_CHARS else name[: self.COMBO_CHARS - 1] + "…"
            self.combo.addItem(short)
            self.combo.setItemData(i, theme.plain_tip(name), Qt.ItemDataRole.ToolTipRole)
        self.combo.setEnabled(len(articles) >= 2)
        self.combo.setVisible(bool(articles))
        self.edit.setVisible(current is not None)
        if current is not None and 0 <= current < len(articles):
            self.combo.setCurrentIndex(current)
            art = articles[current]
            self.combo.setToolTip(theme.plain_tip(
                f"The article shown on the {self.side}: {current + 1}. {art.label}"))
            self.title.set_full_text(art.title or "(no title)")
            bits = [art.date.strftime("%a %d %b %Y") if art.date else "no date"]
            where = art.url or (Path(art.source).name if art.source else "")
            if where:
                bits.append(where)
            self.meta.set_full_text("  ·  ".join(bits), tip=art.url or art.source)
            english = looks_english(art.text)
            self.language.setText("" if english else "⚠ " + not_english_note("This article"))
            self.language.setVisible(not english)
        else:
            self.language.hide()
            self.combo.setToolTip(f"The article shown on the {self.side}")
            self.title.set_full_text("")
            self.meta.set_full_text("")
        self.combo.blockSignals(False)


class ArticlePane(QWidget):
    """A header over a :class:`SentenceView`.

    The left pane's scroll bar is on its outer (left) side, as in diff tools, so the text
    of both panes meets the connectors between them and no link ends under a scroll bar.
    """

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.header = PaneHeader(side)
        self.view = SentenceView()
        self.view.setAccessibleName(f"{side} article text")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.scrollbar = self.view.verticalScrollBar()
        if side == "left":
            self.scrollbar = self._outer_scrollbar()
            row.addWidget(self.scrollbar)
        row.addWidget(self.view, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.header)
        box.addLayout(row, 1)

    def _outer_scrollbar(self) -> QScrollBar:
        """A scroll bar outside the view, kept in step with the view's own (hidden) one."""
        inner = self.view.verticalScrollBar()
        outer = QScrollBar(Qt.Orientation.Vertical)
        outer.setAccessibleName(f"{self.side} article scroll bar")
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        def follow_range(lo: int, hi: int) -> None:
            outer.setRange(lo, hi)
            outer.setPageStep(inner.pageStep())
            outer.setSingleStep(inner.singleStep())
            outer.setVisible(hi > lo)

        inner.rangeChanged.connect(follow_range)
        inner.valueChanged.connect(outer.setValue)
        outer.valueChanged.connect(inner.setValue)
        follow_range(inner.minimum(), inner.maximum())
        return outer


@dataclass(frozen=True)
class ConnectorLink:
    """One line between the panes: left sentence, right sentence, how it looks."""

    left: int
    right: int
    kind: str  #: theme.LOOKS key
    selected: bool = False
    confirmed: bool = False
    manual: bool = False


class Connector(QWidget):
    """The strip between the panes: a link per line, like a diff tool's connectors.

    Each link is a faint band between its two sentences, a line between their middles,
    and a bar at each edge over the sentence's height, so with a dozen links crossing one
    can still tell where each one lands. Also marks notes (✎) beside their sentences.
    """

    WIDTH = 96  #: px; room for a dozen crossing links to stay apart
    BAR = 4  #: px; the bar at each edge that spans the linked sentence
    STUB = 10  #: px; each line leaves its bar horizontally before it bends

    def __init__(self, left: SentenceView, right: SentenceView, parent: QWidget | None = None):
        super().__init__(parent)
        self.left, self.right = left, right
        self.links: list[ConnectorLink] = []
        self.notes_left: set[int] = set()
        self.notes_right: set[int] = set()
        self.setFixedWidth(self.WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        for view in (left, right):
            view.geometryChanged.connect(self.update)

    def set_links(
        self, links: list[ConnectorLink], notes_left: set[int], notes_right: set[int]
    ) -> None:
        self.links, self.notes_left, self.notes_right = links, notes_left, notes_right
        self.update()

    def _y(self, view: SentenceView, index: int) -> tuple[float, float] | None:
        if index >= len(view.sentences):
            return None
        span = view.sentence_span_y(index)
        if span is None:
            return None
        offset = self.mapFromGlobal(view.viewport().mapToGlobal(QPoint(0, 0))).y()
        return span[0] + offset, span[1] + offset

    def end_rects(self, link: ConnectorLink) -> tuple[QRectF, QRectF] | None:
        """The bars a link draws at the left and right edge (None if not laid out)."""
        ya, yb = self._y(self.left, link.left), self._y(self.right, link.right)
        if ya is None or yb is None:
            return None
        w = float(self.width())
        # a pixel of air at each end, so the bars of adjacent sentences stay apart
        return (QRectF(0, ya[0] + 1, self.BAR, max(ya[1] - ya[0] - 2, 2)),
                QRectF(w - self.BAR, yb[0] + 1, self.BAR, max(yb[1] - yb[0] - 2, 2)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dark = theme.is_dark()
        w, h = float(self.width()), float(self.height())
        bar, stub = float(self.BAR), float(self.STUB)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        ordered = sorted(self.links, key=lambda lk: lk.selected)  # selected ones on top
        ticks: list[tuple[QPointF, QColor]] = []  # drawn last, over every line
        for link in ordered:
            ends = self.end_rects(link)
            if ends is None:
                continue
            ra, rb = ends
            if (ra.bottom() < 0 and rb.bottom() < 0) or (ra.top() > h and rb.top() > h):
                continue
            a0, a1, b0, b1 = ra.top(), ra.bottom(), rb.top(), rb.bottom()
            path = QPainterPath(QPointF(bar, a0))
            path.cubicTo(QPointF(w / 2, a0), QPointF(w / 2, b0), QPointF(w - bar, b0))
            path.lineTo(w - bar, b1)
            path.cubicTo(QPointF(w / 2, b1), QPointF(w / 2, a1), QPointF(bar, a1))
            path.closeSubpath()
            fill = theme.status_colour(link.kind, dark=dark, strong=link.selected)
            if not link.selected:  # faint, so crossing bands do not pile up into a blur
                fill.setAlphaF(fill.alphaF() * 0.35)
            painter.fillPath(path, fill)
            line = theme.line_colour(link.kind, dark=dark)
            painter.fillRect(ra, line)
            painter.fillRect(rb, line)
            pen = QPen(line, 3.0 if link.selected else 1.5)
            if link.manual:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            ma, mb = (a0 + a1) / 2, (b0 + b1) / 2
            mid = QPainterPath(QPointF(bar, ma))
            mid.lineTo(bar + stub, ma)
            mid.cubicTo(QPointF(w / 2, ma), QPointF(w / 2, mb), QPointF(w - bar - stub, mb))
            mid.lineTo(w - bar, mb)
            painter.drawPath(mid)
            if link.confirmed:
                ticks.append((QPointF(w / 2, (ma + mb) / 2), line))
        for centre, line in ticks:
            painter.setPen(QPen(line, 1))
            painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
            painter.drawEllipse(centre, 8, 8)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawText(QRectF(centre.x() - 8, centre.y() - 9, 16, 18),
                             int(Qt.AlignmentFlag.AlignCenter), "✓")
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for view, notes, x in ((self.left, self.notes_left, bar + 1),
                               (self.right, self.notes_right, w - bar - 15)):
            for index in notes:
                y = self._y(view, index)
                if y is not None and -20 < y[0] < h:
                    painter.drawText(QRectF(x, y[0], 14, 16), int(Qt.AlignmentFlag.AlignCenter),
                                     "✎")
        painter.end()


class _Sample(QWidget):
    """A word drawn with the very format the panes use, so the legend cannot lie."""

    def __init__(self, text: str, fmt: QTextCharFormat, tip: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(2)
        self._text, self._fmt = text, fmt
        self.setToolTip(tip)
        self._build()

    def _build(self) -> None:
        self._doc.clear()
        self._doc.setDefaultFont(self.font())
        cur = QTextCursor(self._doc)
        cur.insertText(self._text, self._fmt)
        self.updateGeometry()

    def set_format(self, fmt: QTextCharFormat) -> None:
        self._fmt = fmt
        self._build()
        self.update()

    def sizeHint(self) -> QSize:
        size = self._doc.size()
        return QSize(int(size.width()) + 2, int(size.height()) + 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._doc.drawContents(painter)
        painter.end()


class Legend(QWidget):
    """Samples of every highlight, plus the counts of the current pair. The chips wrap
    onto a second line when the window is narrow, rather than being squeezed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = FlowLayout(self, spacing=10)
        box.setContentsMargins(6, 2, 6, 2)
        title = QLabel("Legend:")
        box.addWidget(title)
        self._samples: dict[str, _Sample] = {}
        for key in ("shared", "added", "conflict", "soft", "words", "detail"):
            look = theme.LOOKS[key]
            sample = _Sample(look.label, QTextCharFormat(), look.description)
            self._samples[key] = sample
            box.addWidget(sample)
        for text, tip in (
            ("┅ by hand", "Between the panes: a dashed line is a link you made by hand"),
            ("✓ confirmed", "A link you confirmed: ✓ on its line between the panes, and "
             "“✓ confirmed” in the sentences' tooltips"),
            ("✎ note", "A sentence with a note (✎ beside it, between the panes)"),
        ):
            chip = QLabel(text)
            chip.setToolTip(tip)
            box.addWidget(chip)
        self._counts = [ElidedLabel(), ElidedLabel()]
        for label in self._counts:
            label.setAccessibleName("counts")
            box.addWidget(label)
        self.refresh()

    def set_counts(self, parts: Sequence[str]) -> None:
        """One line of counts per article of the pair (outlet names elide if long)."""
        for n, label in enumerate(self._counts):
            label.set_full_text(parts[n] if n < len(parts) else "")
            label.setVisible(n < len(parts))

    def counts_text(self) -> str:
        return "   |   ".join(lb.full_text() for lb in self._counts if lb.full_text())

    @Slot()
    def refresh(self) -> None:
        """Re-draw the samples (after a palette change)."""
        dark = theme.is_dark()
        for key, sample in self._samples.items():
            if key == "words":
                fmt = theme.word_format(soft=False, dark=dark)
            elif key == "detail":
                fmt = theme.detail_format(dark=dark)
            else:
                fmt = theme.sentence_format(theme.LOOKS[key], dark=dark)
            sample.set_format(fmt)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh()
