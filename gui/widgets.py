"""Small widgets of the main window: the article details dialog, the find bar, the
threshold control and the progress area of the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSlider,
    QToolButton,
    QWidget,
)

from factdiff.core.model import Article

from .models import parse_user_date

__all__ = ["ArticleDialog", "FindBar", "ProgressArea", "ThresholdControl"]


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
        self.set_threshold(0.5)

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
