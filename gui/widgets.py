"""Small widgets of the main window: the article details dialog, the find bar, the
threshold control, the progress area of the status bar, a label that elides what does not
fit, and a layout that wraps its items onto more lines."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QProgressBar,
    QSlider,
    QToolButton,
    QWidget,
)

from factdiff.core.model import Article, Settings

from . import theme
from .models import parse_user_date

__all__ = [
    "ArticleDialog",
    "ElidedLabel",
    "FindBar",
    "FlowLayout",
    "ProgressArea",
    "ThresholdControl",
]


class ElidedLabel(QLabel):
    """A one-line plain-text label that elides what does not fit (a URL, a title, a file
    name) and shows the full text in its tooltip, so a long label never widens the window.

    :meth:`full_text` is what was set; ``text()`` is what is shown.
    """

    #: Narrowest the label asks for, in characters of its font.
    MIN_CHARS = 8

    def __init__(
        self, text: str = "", parent: QWidget | None = None, *,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # article metadata is never markup
        self.setWordWrap(False)
        self._mode = mode
        self._full = ""
        self._tip: str | None = None
        self.set_full_text(text)

    def set_full_text(self, text: str, *, tip: str | None = None) -> None:
        """Show ``text`` (elided to the width); the tooltip is ``tip`` or the full text."""
        self._full = " ".join(text.split()) if "\n" in text else text
        self._tip = tip
        self._elide()
        self.updateGeometry()

    def full_text(self) -> str:
        return self._full

    def is_elided(self) -> bool:
        return super().text() != self._full

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, self._mode, max(self.width(), 1))
        super().setText(shown)
        tip = self._tip if self._tip is not None else self._full
        self.setToolTip(theme.plain_tip(tip) if (tip and (self._tip or shown != self._full))
                        else "")

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        want = fm.horizontalAdvance(self._full) if self._full else 0
        return QSize(min(want, fm.averageCharWidth() * self.MIN_CHARS), fm.height())

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(self._full) + 2, fm.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()


class FlowLayout(QLayout):
    """Lays its items out left to right and wraps onto another line when they do not fit
    (Qt's flow layout example), so a row of legend chips never needs more width."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, *, move: bool) -> int:
        m: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(m)
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            # an item wider than the line gets the line (an ElidedLabel then elides)
            hint.setWidth(max(min(hint.width(), area.width()), item.minimumSize().width()))
            if x + hint.width() > area.right() + 1 and x > area.x():
                x, y, line = area.x(), y + line + self._gap // 2, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


def _keys(key: QKeySequence.StandardKey) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


class ArticleDialog(QDialog):
    """Edit an article's outlet, title, date and URL (the text itself stays as loaded)."""

    def __init__(self, article: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Article details: {article.label}")
        self.outlet = QLineEdit(article.outlet)
        self.title = QLineEdit(article.title)
        self.date = QLineEdit(article.date.isoformat() if article.date else "")
        self.date.setPlaceholderText("YYYY-MM-DD (relative dates in the text use it)")
        self.url = QLineEdit(article.url)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what the user typed
        self.problem.setStyleSheet("color: #D55E00")
        form = QFormLayout(self)
        form.addRow("&Outlet:", self.outlet)
        form.addRow("&Title:", self.title)
        form.addRow("&Date:", self.date)
        form.addRow("&URL:", self.url)
        source = QLabel(f"Source: {article.source or 'unknown'}")
        source.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(source)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def fields(self) -> dict[str, object]:
        """The edited values, as ``Article`` fields."""
        return {
            "outlet": self.outlet.text().strip(),
            "title": self.title.text().strip(),
            "date": parse_user_date(self.date.text()),
            "url": self.url.text().strip(),
        }

    @Slot()
    def _check(self) -> None:
        text = self.date.text().strip()
        if text and parse_user_date(text) is None:
            self.problem.setText(f"“{text}” is not a date; use YYYY-MM-DD or leave it empty.")
            self.date.setFocus()
            return
        self.accept()


class FindBar(QWidget):
    """Find text in both panes (Ctrl+F); Enter / F3 next, Shift+Enter / Shift+F3 previous.

    Signals:
        search(str, bool): find the words; the flag is True to go backwards.
        closed(): the bar was closed (matches should be cleared).
    """

    search = Signal(str, bool)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in both articles")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel()
        prev_btn, next_btn, close_btn = QToolButton(), QToolButton(), QToolButton()
        prev_btn.setText("↑")
        prev_btn.setToolTip(f"Previous match ({_keys(QKeySequence.StandardKey.FindPrevious)})")
        next_btn.setText("↓")
        next_btn.setToolTip(f"Next match ({_keys(QKeySequence.StandardKey.FindNext)})")
        close_btn.setText("✕")
        close_btn.setToolTip("Close (Esc)")
        box = QHBoxLayout(self)
        box.setContentsMargins(6, 2, 6, 2)
        box.addWidget(QLabel("Find:"))
        box.addWidget(self.edit, 1)
        box.addWidget(prev_btn)
        box.addWidget(next_btn)
        box.addWidget(self.count)
        box.addWidget(close_btn)
        self._typing = QTimer(self, singleShot=True, interval=200)
        self._typing.timeout.connect(lambda: self.search.emit(self.edit.text(), False))
        self.edit.textChanged.connect(self._typing.start)
        self.edit.returnPressed.connect(lambda: self.search.emit(self.edit.text(), False))
        prev_btn.clicked.connect(lambda: self.search.emit(self.edit.text(), True))
        next_btn.clicked.connect(lambda: self.search.emit(self.edit.text(), False))
        close_btn.clicked.connect(self.close_bar)

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    @Slot()
    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.search.emit(self.edit.text(), True)
            return
        super().keyPressEvent(event)


class ThresholdControl(QWidget):
    """The link threshold: a slider that re-classifies (debounced) without re-encoding.

    Signals:
        thresholdChanged(float): the user settled on a new threshold.
    """

    thresholdChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(30, 95)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(5)
        self.slider.setFixedWidth(160)
        self.slider.setAccessibleName("Link threshold")
        tip = (
            "How alike two sentences must be to count as the same fact.\n"
            "Lower: more links (and more false ones); higher: fewer, surer links.\n"
            "Changing it re-classifies at once: nothing is encoded again."
        )
        self.slider.setToolTip(tip)
        self.value = QLabel()
        self.value.setMinimumWidth(32)
        label = QLabel("Threshold:")
        label.setToolTip(tip)
        box = QHBoxLayout(self)
        box.setContentsMargins(6, 0, 6, 0)
        box.addWidget(label)
        box.addWidget(self.slider)
        box.addWidget(self.value)
        self._settle = QTimer(self, singleShot=True, interval=150)
        self._settle.timeout.connect(self._emit)
        self.slider.valueChanged.connect(self._moved)
        defaults = Settings()
        self.set_threshold(defaults.threshold, floor=defaults.floor)

    def threshold(self) -> float:
        return self.slider.value() / 100

    def set_threshold(self, value: float, *, floor: float | None = None) -> None:
        """Show ``value`` without emitting (the document changed it)."""
        self.slider.blockSignals(True)
        if floor is not None:
            self.slider.setMinimum(max(1, round(floor * 100)))
        self.slider.setValue(round(value * 100))
        self.slider.blockSignals(False)
        self.value.setText(f"{value:.2f}")

    def show_settings(self, settings: Settings) -> None:
        """Follow the comparison's settings, unless the user is moving the slider."""
        if self.slider.isSliderDown() or self._settle.isActive():
            return
        self.set_threshold(settings.threshold, floor=settings.floor)

    @Slot(int)
    def _moved(self, value: int) -> None:
        self.value.setText(f"{value / 100:.2f}")
        self._settle.start()

    @Slot()
    def _emit(self) -> None:
        self.thresholdChanged.emit(self.threshold())


class ProgressArea(QWidget):
    """Progress bar and cancel button for the status bar; hidden while idle.

    Signals:
        cancelRequested(): the user pressed Cancel.
    """

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setFixedWidth(200)
        self.bar.setTextVisible(True)
        self.cancel = QToolButton()
        self.cancel.setText("Cancel")
        self.cancel.setToolTip("Stop the comparison (Esc)")
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.bar)
        box.addWidget(self.cancel)
        self.cancel.clicked.connect(self.cancelRequested)
        self.hide()

    def show_progress(self, done: int, total: int, what: str) -> None:
        if total <= 0:
            self.bar.setRange(0, 0)  # busy: nothing to count yet (e.g. loading the model)
            self.bar.setFormat(what)
        else:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.bar.setFormat(f"{what} %v/%m")
        self.bar.setToolTip(what)
        self.show()
