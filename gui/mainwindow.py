"""The main window: two articles side by side, the facts list, the coverage matrix.

Everything slow (loading files and pages, the model, encoding, aligning, re-thresholding)
runs in :class:`~factdiff.gui.worker.TaskRunner` tasks; the model itself runs in a child
process (:mod:`factdiff.gui.encoding`), so the window never imports torch. The window
reads the :class:`~factdiff.gui.document.Document` and changes it only through its
methods, so every review decision is undoable and is what a session saves.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QTextEdit,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from factdiff.core import paths
from factdiff.core.errors import FactdiffError, LoadError, SessionError
from factdiff.core.exports import clause_marks, one_sided_details
from factdiff.core.model import Article, Comparison, Link, Ref, Status
from factdiff.core.review import ConflictKey, Decision, LinkKey, conflict_key

from . import (
    theme,
)
from .document import Document, articles_folder, session_name
from .models import (
    ArticlesModel,
    CoverageModel,
    FactRow,
    FactsFilter,
    FactsModel,
    FactsProxy,
    build_fact_rows,
    clip,
    in_quotes,
)
from .panes import ArticlePane, Connector, ConnectorLink, Legend, PaneHighlights, SentenceView
from .widgets import ArticleDialog, FindBar, ProgressArea, ThresholdControl
from .worker import TaskRunner

__all__ = ["MainWindow", "open_settings"]

log = logging.getLogger(__name__)

SESSION_SUFFIX = ".factdiff"
ARTICLE_FILTER = (
    "Articles (*.txt *.md *.markdown *.html *.htm *.xhtml *.pdf *.docx);;All files (*)"
)
SESSION_FILTER = "factdiff sessions (*.factdiff);;All files (*)"
MAX_RECENT = 10
#: How a review decision reads in tooltips (the legend's "✓ confirmed").
DECISION_MARKS = {Decision.CONFIRMED: "✓ confirmed", Decision.REJECTED: "✗ rejected"}
AUTOSAVE_MS = 60_000
LEFT, RIGHT = 0, 1


def open_settings() -> QSettings:
    """The app's settings: an ini file in factdiff's config folder (never the registry)."""
    return QSettings(str(paths.config_dir() / "factdiff.ini"), QSettings.Format.IniFormat)


def _is_url(text: str) -> bool:
    text = text.strip()
    return text.startswith(("http://", "https://")) and not any(c.isspace() for c in text)


class MainWindow(QMainWindow):
    """The review window.

    Signals:
        comparisonFinished(): a comparison run (or re-threshold) is shown in full.
        comparisonFailed(str): a comparison run failed; the message says why.
        loadFinished(): articles requested by open/paste/drop/URL are loaded (or failed).
        messageShown(str): an error or information box was shown (its text).
    """

    comparisonFinished = Signal()
    comparisonFailed = Signal(str)
    loadFinished = Signal()
    messageShown = Signal(str)

    def __init__(
        self,
        *,
        encoder: Any = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("factdiffMain")
        self.setWindowTitle("factdiff[*]")
        self.setAcceptDrops(True)
        self.settings = settings or open_settings()
        self.doc = Document(self)
        self.runner = TaskRunner(self)
        self._encoder = encoder  # None: the shared model process, started when needed
        self._compare_gen = 0
        self._compare_task: Any = None
        self._threshold_gen = 0
        self._sel: list[int | None] = [None, None]  # current sentence of each pane
        self._clicked_side = LEFT
        self._cur_link: LinkKey | None = None
        self._cur_conflict: ConflictKey | None = None
        self._link_from: Ref | None = None  # "link by hand" waits for the other sentence
        self._picked: set[int] = set()  # sides the user clicked for this link, not derived
        self._syncing_list = False
        self._last_message: QMessageBox | None = None
        self._zoom = 0
        self.compare_started_at: float | None = None
        self.last_compare_seconds: float | None = None

        self._build_central()
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_statusbar()
        self._connect()
        self._restore_settings()
        self._autosave_timer = QTimer(self, interval=AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_timer.start()
        self._autosave_soon = QTimer(self, singleShot=True, interval=1500)
        self._autosave_soon.timeout.connect(self.autosave)
        self.refresh_all()

    # == building the window ==========================================================

    def _build_central(self) -> None:
        self.left = ArticlePane("left")
        self.right = ArticlePane("right")
        self.panes = (self.left, self.right)
        self.connector = Connector(self.left.view, self.right.view)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.left, 1)
        row.addWidget(self.connector)
        row.addWidget(self.right, 1)
        self.legend = Legend()
        self.find_bar = FindBar()
        self.find_bar.hide()
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addLayout(row, 1)
        box.addWidget(self.find_bar)
        box.addWidget(self.legend)
        self.setCentralWidget(central)
        for side, pane in enumerate(self.panes):
            pane.view.tooltip_for = lambda s, side=side: self.sentence_tooltip(side, s)

    def _build_docks(self) -> None:
        # Facts and conflicts
        self.facts_model = FactsModel(self)
        self.facts_proxy = FactsProxy(self)
        self.facts_proxy.setSourceModel(self.facts_model)
        self.facts_view = QTreeView()
        self.facts_view.setObjectName("factsView")
        self.facts_view.setModel(self.facts_proxy)
        self.facts_view.setSortingEnabled(True)
        self.facts_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.facts_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.facts_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.facts_view.setAlternatingRowColors(True)
        self.facts_view.setWordWrap(False)
        self.facts_view.setUniformRowHeights(True)
        self.facts_view.setRootIsDecorated(True)  # ▸ on a fact with details: click to unfold
        self.facts_view.setIndentation(14)
        self.facts_model.row_height = self.facts_view.fontMetrics().height() + 8
        self.facts_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        head = self.facts_view.header()
        head.setStretchLastSection(False)
        for col, width in enumerate((165, 90, 120, 330, 330, 300, 55, 90)):
            self.facts_view.setColumnWidth(col, width)
        self.facts_filter = QComboBox()
        self.facts_filter.addItems(FactsFilter.CHOICES)
        self.facts_filter.setToolTip("Show only some kinds of facts")
        self.facts_scope = QComboBox()
        self.facts_scope.addItems(["This pair", "All articles"])
        self.facts_scope.setToolTip("List the facts of the two articles shown, or of all")
        self.facts_search = QLineEdit()
        self.facts_search.setPlaceholderText("Filter by words…")
        self.facts_search.setClearButtonEnabled(True)
        self.facts_count = QLabel()
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 0)
        bar.addWidget(QLabel("Show:"))
        bar.addWidget(self.facts_filter)
        bar.addWidget(self.facts_scope)
        bar.addWidget(self.facts_search, 1)
        bar.addWidget(self.facts_count)
        facts_box = QWidget()
        lay = QVBoxLayout(facts_box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(bar)
        lay.addWidget(self.facts_view, 1)
        self.facts_dock = self._dock("Facts and conflicts", "factsDock", facts_box)

        # Coverage matrix
        self.coverage_model = CoverageModel(self)
        self.coverage_view = QTableView()
        self.coverage_view.setObjectName("coverageView")
        self.coverage_view.setModel(self.coverage_model)
        self.coverage_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        head = self.coverage_view.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setStretchLastSection(False)
        head.setMinimumSectionSize(90)
        head.setMaximumSectionSize(180)  # a long outlet name elides (full name in the tip)
        self.coverage_view.setWordWrap(False)
        self.coverage_dock = self._dock("Coverage", "coverageDock", self.coverage_view)

        # Articles
        self.articles_model = ArticlesModel(self)
        self.articles_view = QTableView()
        self.articles_view.setObjectName("articlesView")
        self.articles_view.setModel(self.articles_model)
        self.articles_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.articles_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for col, width in enumerate((140, 420, 100, 300, 80)):
            self.articles_view.setColumnWidth(col, width)
        add_btn = QPushButton("Add…")
        add_btn.setToolTip("Open more articles")
        remove_btn = QPushButton("Remove")
        remove_btn.setToolTip("Remove the selected article from the comparison")
        add_btn.clicked.connect(self.open_articles_dialog)
        remove_btn.clicked.connect(self.remove_selected_article)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("Double-click outlet, title or date to edit."))
        buttons.addStretch(1)
        buttons.addWidget(add_btn)
        buttons.addWidget(remove_btn)
        art_box = QWidget()
        lay = QVBoxLayout(art_box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.articles_view, 1)
        lay.addLayout(buttons)
        self.articles_dock = self._dock("Articles", "articlesDock", art_box)
        self.tabifyDockWidget(self.facts_dock, self.coverage_dock)
        self.tabifyDockWidget(self.coverage_dock, self.articles_dock)
        self.facts_dock.raise_()

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        return dock

    def _action(
        self,
        text: str,
        slot: Callable[..., Any],
        shortcut: QKeySequence.StandardKey | str | Sequence[str] | None = None,
        tip: str = "",
        *,
        checkable: bool = False,
    ) -> QAction:
        act = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            act.setShortcuts(shortcut)
        elif isinstance(shortcut, str):
            act.setShortcut(QKeySequence(shortcut))
        elif shortcut:
            act.setShortcuts([QKeySequence(s) for s in shortcut])
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(f"{text.replace('&', '').rstrip('…')}: {tip}")
        act.setCheckable(checkable)
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        a = self._action
        self.act_open = a("&Open Articles…", self.open_articles_dialog, K.Open,
                          "open one or more article files (txt, md, html, pdf, docx)")
        self.act_url = a("Add from &URL…", self.add_url_dialog, "Ctrl+U",
                         "fetch an article from a web address")
        self.act_paste = a("&Paste Article", self.paste_article, "Ctrl+Shift+V",
                           "add the text, web page or address on the clipboard as an article")
        self.act_open_session = a("Open &Session…", self.open_session_dialog, "Ctrl+Shift+O",
                                  "open a saved .factdiff session")
        self.act_new = a("&New Comparison", self.new_document, K.New,
                         "start again with no articles")
        self.act_save = a("&Save Session", self.save, K.Save, "save the review as a session")
        self.act_save_as = a("Save Session &As…", self.save_as, K.SaveAs,
                             "save the review as a new session file")
        self.act_export = a("&Export…", self.export, "Ctrl+E",
                            "export the comparison as PDF, HTML, CSV or JSON")
        self.act_quit = a("&Quit", self.close, K.Quit, "close factdiff")
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.act_undo = self.doc.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts(K.Undo)
        self.act_redo = self.doc.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts(K.Redo)
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_find = a("&Find…", self.find_bar.open_bar, K.Find, "find words in both articles")
        self.act_find_next = a("Find &Next", lambda: self.find(None, False), K.FindNext)
        self.act_find_prev = a("Find Pre&vious", lambda: self.find(None, True), K.FindPrevious)
        self.act_edit_article = a("Article &Details…", self.edit_current_article, "Ctrl+I",
                                  "edit outlet, title and date of the article you last clicked")

        self.act_zoom_in = a("Zoom &In", lambda: self.zoom(+1), K.ZoomIn)
        self.act_zoom_out = a("Zoom &Out", lambda: self.zoom(-1), K.ZoomOut)
        self.act_zoom_reset = a("&Actual Size", lambda: self.zoom(None), "Ctrl+0")
        self.act_swap = a("S&wap Sides", self.swap_sides, "Ctrl+Shift+W",
                          "show the right article on the left and vice versa")
        self.act_connectors = a("Show &Connectors", self._toggle_connectors, None,
                                "draw the links between the panes", checkable=True)
        self.act_connectors.setChecked(True)
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for key, label in (("system", "&System"), ("light", "&Light"), ("dark", "&Dark")):
            act = QAction(label, self, checkable=True)
            act.triggered.connect(lambda _=False, key=key: self.set_theme(key))
            self.theme_group.addAction(act)
            self.theme_actions[key] = act

        self.act_next_conflict = a("&Next Conflict", lambda: self.step_conflict(+1),
                                   ["F8", "Alt+Down"], "go to the next conflict")
        self.act_prev_conflict = a("&Previous Conflict", lambda: self.step_conflict(-1),
                                   ["Shift+F8", "Alt+Up"], "go to the previous conflict")
        self.act_confirm_link = a("&Confirm Link", lambda: self.decide_link(Decision.CONFIRMED),
                                  "Ctrl+Return", "these two sentences do report the same fact")
        self.act_reject_link = a("&Reject Link", lambda: self.decide_link(Decision.REJECTED),
                                 "Ctrl+Shift+Backspace",
                                 "these two sentences are not the same fact")
        self.act_confirm_conflict = a(
            "Confirm C&onflict", lambda: self.decide_conflict(Decision.CONFIRMED),
            "Ctrl+Shift+Return", "the outlets do disagree here")
        self.act_reject_conflict = a(
            "Reject Co&nflict", lambda: self.decide_conflict(Decision.REJECTED),
            "Ctrl+Shift+Delete", "not a real disagreement")
        self.act_clear_decision = a("C&lear Decision", self.clear_decision, "Ctrl+Backspace",
                                    "forget the decision on the selected link or conflict")
        self.act_link = a("&Link Sentences by Hand", self.link_by_hand, "Ctrl+L",
                          "link the selected sentences, or click one in the other pane")
        self.act_unlink = a("Remove &Hand-made Link", self.remove_manual_link, None,
                            "remove a link you made by hand")
        self.act_note = a("Add or Edit &Note…", self.edit_note_dialog, "Ctrl+M",
                          "write a note on the sentence you last clicked")
        self.act_recompare = a("Compare &Again", self.start_compare, "F5",
                               "run the comparison again")
        self.act_cancel = a("Cancel", self.cancel_work, "Esc",
                            "stop the running comparison, or linking by hand")
        self.act_about = a("&About factdiff", self.about, None)
        self.act_legend = a("&Legend and Keys", self.show_help, "F1")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu("&File")
        m.addActions([self.act_new, self.act_open, self.act_url, self.act_paste])
        m.addSeparator()
        m.addAction(self.act_open_session)
        self.recent_menu = m.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addActions([self.act_save, self.act_save_as])
        m.addSeparator()
        m.addAction(self.act_export)
        m.addSeparator()
        m.addAction(self.act_quit)
        m = bar.addMenu("&Edit")
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_find, self.act_find_next, self.act_find_prev])
        m.addSeparator()
        m.addAction(self.act_edit_article)
        m = bar.addMenu("&View")
        m.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset])
        m.addSeparator()
        m.addActions([self.act_swap, self.act_connectors])
        theme_menu = m.addMenu("&Theme")
        theme_menu.addActions(list(self.theme_actions.values()))
        m.addSeparator()
        for dock in (self.facts_dock, self.coverage_dock, self.articles_dock):
            m.addAction(dock.toggleViewAction())
        m = bar.addMenu("&Review")
        m.addActions([self.act_next_conflict, self.act_prev_conflict])
        m.addSeparator()
        m.addActions([self.act_confirm_link, self.act_reject_link, self.act_confirm_conflict,
                      self.act_reject_conflict, self.act_clear_decision])
        m.addSeparator()
        m.addActions([self.act_link, self.act_unlink, self.act_note])
        m.addSeparator()
        m.addActions([self.act_recompare, self.act_cancel])
        m = bar.addMenu("&Help")
        m.addActions([self.act_legend, self.act_about])

    def _build_toolbar(self) -> None:
        tb = QToolBar("Main")
        tb.setObjectName("mainToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tb.addActions([self.act_open, self.act_url, self.act_paste])
        tb.addSeparator()
        # the menu says what would be undone; the toolbar keeps short, fixed labels
        self.act_undo.setIconText("Undo")
        self.act_redo.setIconText("Redo")
        tb.addActions([self.act_undo, self.act_redo])
        tb.addSeparator()
        self.act_prev_conflict.setIconText("◀ Conflict")
        self.act_next_conflict.setIconText("Conflict ▶")
        tb.addActions([self.act_prev_conflict, self.act_next_conflict])
        tb.addSeparator()
        self.act_confirm_link.setIconText("✓ Confirm")
        self.act_reject_link.setIconText("✗ Reject")
        self.act_link.setIconText("Link by hand")
        self.act_note.setIconText("✎ Note")
        tb.addActions([self.act_confirm_link, self.act_reject_link, self.act_link, self.act_note])
        self.addToolBar(tb)
        self.toolbar = tb
        # the threshold has a toolbar of its own that never shrinks: when the window is
        # narrow the main toolbar's buttons go to its » menu, the slider stays in sight
        self.threshold = ThresholdControl()
        self.threshold.show_settings(self.doc.settings)
        tb2 = QToolBar("Threshold")
        tb2.setObjectName("thresholdToolbar")
        tb2.addWidget(self.threshold)
        tb2.setMinimumWidth(tb2.sizeHint().width())
        self.addToolBar(tb2)
        self.threshold_toolbar = tb2

    def _build_statusbar(self) -> None:
        sb = self.statusBar()
        self.progress = ProgressArea()
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        sb.addPermanentWidget(self.counts_label)
        sb.addPermanentWidget(self.progress)
        self.progress.cancelRequested.connect(self.cancel_work)

    def _connect(self) -> None:
        d = self.doc
        d.articlesChanged.connect(self._on_articles_changed)
        d.viewChanged.connect(self.refresh_view)
        d.pairChanged.connect(self._on_pair_changed)
        d.modifiedChanged.connect(self.setWindowModified)
        d.pathChanged.connect(lambda _p: self._update_title())
        d.reviewChanged.connect(self._on_review_changed)
        self.runner.busyChanged.connect(self._on_busy)
        for side, pane in enumerate(self.panes):
            pane.view.sentenceClicked.connect(
                lambda s, mods, side=side: self.click_sentence(side, s, mods)
            )
            pane.view.sentenceMenu.connect(
                lambda s, pos, side=side: self._sentence_menu(side, s, pos)
            )
            pane.header.articleChosen.connect(lambda k, side=side: self.choose_article(side, k))
            pane.header.editRequested.connect(lambda side=side: self.edit_article_dialog(side))
        self.threshold.thresholdChanged.connect(self.set_threshold)
        self.facts_filter.currentTextChanged.connect(self.facts_proxy.set_choice)
        self.facts_scope.currentIndexChanged.connect(lambda _i: self.refresh_facts())
        self.facts_search.textChanged.connect(self.facts_proxy.set_words)
        self.facts_proxy.filterChanged.connect(self._update_facts_count)
        self.facts_view.selectionModel().currentRowChanged.connect(self._on_fact_row)
        self.facts_view.customContextMenuRequested.connect(self._facts_menu)
        self.coverage_view.clicked.connect(self._on_coverage_cell)
        self.articles_model.editRequested.connect(
            lambda i, fields: self.doc.edit_article(i, **fields)
        )
        self.find_bar.search.connect(self.find)
        self.find_bar.closed.connect(self._clear_find)

    # == settings, title, theme, zoom =================================================

    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen()
            avail = screen.availableGeometry() if screen else None
            w = min(1500, avail.width() - 40) if avail else 1400
            h = min(960, avail.height() - 40) if avail else 900
            self.resize(max(w, 900), max(h, 600))
        state = s.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        else:
            self.facts_dock.setMinimumHeight(0)
            self.resizeDocks([self.facts_dock], [260], Qt.Orientation.Vertical)
        try:
            self._zoom = int(s.value("view/zoom", 0))
        except (TypeError, ValueError):
            self._zoom = 0
        self._apply_zoom()
        key = str(s.value("view/theme", "system"))
        self.theme_actions.get(key, self.theme_actions["system"]).setChecked(True)
        if key != "system":
            self.set_theme(key, save=False)
        connectors = str(s.value("view/connectors", "true")).lower() != "false"
        self.act_connectors.setChecked(connectors)
        self.connector.setVisible(connectors)

    def _save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("view/zoom", self._zoom)
        s.setValue("view/connectors", "true" if self.act_connectors.isChecked() else "false")
        s.sync()

    def _update_title(self) -> None:
        arts = self.doc.articles
        if self.doc.path is not None:
            name = self.doc.path.name
        elif arts:
            name = " vs ".join(a.label for a in arts[:3]) + (" …" if len(arts) > 3 else "")
        else:
            name = "no articles"
        self.setWindowTitle(f"{name}[*] — factdiff")
        self.setWindowModified(self.doc.modified)

    @Slot()
    def set_theme(self, key: str, *, save: bool = True) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            if key == "dark":
                theme.apply_dark_palette(app)
            elif key == "light":
                theme.apply_light_palette(app)
            elif save:  # back to the system look
                app.setPalette(app.style().standardPalette())
        self.theme_actions[key].setChecked(True)
        if save:
            self.settings.setValue("view/theme", key)
        self.refresh_view()

    def zoom(self, step: int | None) -> None:
        self._zoom = 0 if step is None else max(-6, min(16, self._zoom + step))
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        base = QApplication.font().pointSizeF()
        size = max(6.0, (base if base > 0 else 10.0) + self._zoom)
        for pane in self.panes:
            font = pane.view.font()
            font.setPointSizeF(size + 1)  # reading text a touch larger than the UI
            pane.view.setFont(font)
            pane.view.document().setDefaultFont(font)
        self.connector.update()

    @Slot()
    def _toggle_connectors(self) -> None:
        self.connector.setVisible(self.act_connectors.isChecked())

    # == messages ======================================================================

    def show_message(self, title: str, text: str, *, details: str = "",
                     icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
        """A short window-modal message that does not block the event loop."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names and parser messages
        if details:
            box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self._last_message = box
        self.statusBar().showMessage(text.splitlines()[0], 8000)
        self.messageShown.emit(text)
        return box

    def show_error(self, title: str, text: str, details: str = "") -> QMessageBox:
        return self.show_message(title, text, details=details)

    # == loading =======================================================================

    def open_paths(self, items: Sequence[str | Path]) -> None:
        """Open files (articles, or a .factdiff session) and URLs; compare when loaded."""
        items = [str(p) for p in items]
        sessions = [p for p in items if p.lower().endswith(SESSION_SUFFIX)]
        others = [p for p in items if not p.lower().endswith(SESSION_SUFFIX)]
        if sessions:
            self.open_session(Path(sessions[0]))
            if len(sessions) > 1:
                self.show_error("Open", "Only one session can be open at a time; opened "
                                f"{Path(sessions[0]).name}.")
        if others:
            self._load(others, describe=f"Loading {len(others)} article(s)")

    def _load(self, specs: Sequence[Any], *, describe: str) -> None:
        """Load article specs in a worker: paths, URLs, or ("text"/"html", data, source)."""
        specs = list(specs)

        def job(progress: Callable[[int, int, str], None], cancel: Callable[[], bool]) -> Any:
            from factdiff.core import loaders

            loaded: list[tuple[Article, str | None]] = []
            errors: list[str] = []
            for n, spec in enumerate(specs):
                if cancel():
                    break
                progress(n, len(specs), describe)
                try:
                    if isinstance(spec, tuple):
                        kind, data, source = spec
                        if kind == "html":
                            art = loaders.load_bytes(data, source=source, suffix=".html")
                        else:
                            art = loaders.load_text(data, source=source)
                        loaded.append((art, None))
                    elif _is_url(spec):
                        loaded.append((loaders.load_url(spec, timeout=20), spec))
                    else:
                        loaded.append((loaders.load_path(spec), spec))
                except LoadError as err:
                    errors.append(str(err))
                except Exception as err:  # noqa: BLE001 - a loader bug names the file too
                    log.exception("loading %s failed", spec)
                    name = spec[2] if isinstance(spec, tuple) else spec
                    errors.append(f"{name}: could not be read ({type(err).__name__}: {err})")
            return loaded, errors

        self.statusBar().showMessage(describe + "…")
        self.runner.start(
            job,
            name="load",
            on_finished=self._loaded,
            on_failed=lambda err: self._loaded(([], [str(err)])),
            on_progress=self.progress.show_progress,
            on_cancelled=self.loadFinished.emit,
        )

    def _loaded(self, result: tuple[list[tuple[Article, str | None]], list[str]]) -> None:
        loaded, errors = result
        arts = [art for art, _ in loaded]
        skipped = self.doc.add_articles(arts)
        for _art, origin in loaded:
            if origin and not _is_url(origin):
                self.add_recent(origin)
        if errors or skipped:
            lines = list(errors)
            lines += [f"{a.label}: already open (the same text)" for a in skipped]
            title = "Could not open" if errors else "Already open"
            head = lines[0] if len(lines) == 1 else f"{len(lines)} articles were not added:"
            self.show_error(title, head, details="\n".join(lines) if len(lines) > 1 else "")
            if len(lines) > 1:
                assert self._last_message is not None
                self._last_message.setInformativeText("\n".join(lines[:8]))
        if arts and len(arts) > len(skipped):
            self.statusBar().showMessage(f"Added {len(arts) - len(skipped)} article(s)", 5000)
        self.loadFinished.emit()

    def _start_folder(self, key: str) -> Path:
        """Where a file dialog opens: the open articles' folder, else the folder the
        user last used for this (``key``), else the home folder."""
        here = articles_folder(self.doc.articles)
        if here is not None:
            return here
        last = self.settings.value(key)
        if isinstance(last, str) and last and Path(last).is_dir():
            return Path(last)
        return Path.home()

    @Slot()
    def open_articles_dialog(self) -> None:
        start = str(self._start_folder("paths/lastDir"))
        files, _ = QFileDialog.getOpenFileNames(self, "Open articles", start, ARTICLE_FILTER)
        if files:
            self.settings.setValue("paths/lastDir", str(Path(files[0]).parent))
            self.open_paths(files)

    @Slot()
    def add_url_dialog(self) -> None:
        dlg = QInputDialog(self)
        dlg.setWindowTitle("Add from URL")
        dlg.setLabelText("Web address of the article (http or https):")
        dlg.setTextValue(self._clipboard_url())
        dlg.resize(560, dlg.sizeHint().height())
        dlg.textValueSelected.connect(self.add_url)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()

    @Slot(str)
    def add_url(self, url: str) -> None:
        url = url.strip()
        if not url:
            return
        if not _is_url(url):
            self.show_error("Add from URL", f"{url}: not a web address (http:// or https://)")
            return
        self._load([url], describe=f"Fetching {url}")

    def _clipboard_url(self) -> str:
        text = QGuiApplication.clipboard().text().strip()
        return text if _is_url(text) else ""

    @Slot()
    def paste_article(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not self.load_mime(mime, source="clipboard"):
            self.show_error("Paste", "The clipboard holds no text, page or file to add.")

    def load_mime(self, mime: QMimeData, *, source: str) -> bool:
        """Add what a clipboard or a drop holds: files, URLs, HTML or text."""
        if mime.hasUrls():
            items = []
            for url in mime.urls():
                if url.isLocalFile():
                    items.append(url.toLocalFile())
                elif url.scheme() in ("http", "https"):
                    items.append(url.toString())
            if items:
                self.open_paths(items)
                return True
        text = mime.text().strip() if mime.hasText() else ""
        if text and _is_url(text):
            self._load([text], describe=f"Fetching {text}")
            return True
        if mime.hasHtml() and mime.html().strip():
            data = mime.html().encode("utf-8")
            self._load([("html", data, source)], describe=f"Reading the {source}")
            return True
        if text:
            self._load([("text", mime.text(), source)], describe=f"Reading the {source}")
            return True
        return False

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasText() or mime.hasHtml():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.load_mime(event.mimeData(), source="dropped text"):
            event.acceptProposedAction()

    # == comparing =====================================================================

    @Slot()
    def _on_articles_changed(self) -> None:
        self.articles_model.set_articles(self.doc.articles, self.doc.comparison)
        self._update_title()
        if self.doc.needs_compare:
            self.start_compare()
        elif self.doc.comparison is None:
            self.cancel_compare()
        self.refresh_view()

    @Slot()
    def start_compare(self) -> None:
        """Compare the document's articles in a worker (the model runs in a child process)."""
        articles = self.doc.articles
        if len(articles) < 2:
            self.statusBar().showMessage("Add another article to compare.", 5000)
            return
        self.cancel_compare()
        self._compare_gen += 1
        gen = self._compare_gen
        settings = self.doc.settings
        encoder = self._encoder

        def job(progress: Callable[[int, int, str], None], cancel: Callable[[], bool]) -> Any:
            from factdiff.core.compare import compare

            from .encoding import shared_encoder

            return compare(
                articles,
                settings=settings,
                encoder=encoder or shared_encoder(),
                progress=progress,
                cancel=cancel,
            )

        self.compare_started_at = time.perf_counter()
        self.statusBar().showMessage(f"Comparing {len(articles)} articles…")
        self.progress.show_progress(0, 0, "Starting")
        self._compare_task = self.runner.start(
            job,
            name="compare",
            on_finished=lambda cmp: self._compared(gen, cmp),
            on_failed=lambda err: self._compare_failed(gen, err),
            on_progress=lambda d, t, w: self._compare_progress(gen, d, t, w),
            on_cancelled=lambda: self._compare_cancelled(gen),
        )

    def cancel_compare(self) -> None:
        if self._compare_task is not None:
            self._compare_task.cancel()
            self._compare_task = None
        self._compare_gen += 1

    @Slot()
    def cancel_work(self) -> None:
        """Cancel button / Esc: stop linking by hand, the find bar, or whatever runs."""
        if self.find_bar.isVisible() and self._link_from is None and not self.runner.busy:
            self.find_bar.close_bar()
            return
        running = self.runner.busy
        self.cancel_compare()
        self.runner.cancel_all()
        if self._link_from is not None:
            self._link_from = None
            self.statusBar().showMessage("Linking cancelled", 3000)
        elif running:
            self.statusBar().showMessage("Cancelled. Review > Compare Again (F5) restarts.", 8000)

    def _compare_progress(self, gen: int, done: int, total: int, what: str) -> None:
        if gen == self._compare_gen:
            self.progress.show_progress(done, total, what)

    def _compared(self, gen: int, cmp: Comparison) -> None:
        if gen != self._compare_gen:
            return
        self._compare_task = None
        if self.compare_started_at is not None:
            self.last_compare_seconds = time.perf_counter() - self.compare_started_at
        try:
            self.doc.set_comparison(cmp)
        except ValueError:  # the articles changed while it ran; a newer run is coming
            return
        self.threshold.set_threshold(cmp.settings.threshold, floor=cmp.settings.floor)
        c = cmp.counts()
        self.statusBar().showMessage(
            f"Compared in {self.last_compare_seconds or 0:.1f} s: {c[Status.SHARED]} shared, "
            f"{c[Status.ADDED]} only in one outlet, {c[Status.CONFLICT]} conflicting sentences",
            10000,
        )
        self.comparisonFinished.emit()

    def _compare_failed(self, gen: int, err: BaseException) -> None:
        if gen != self._compare_gen:
            return
        self._compare_task = None
        if isinstance(err, FactdiffError):
            text = str(err)
        else:
            log.error("comparison failed", exc_info=(type(err), err, err.__traceback__))
            text = f"The comparison failed: {type(err).__name__}: {err}"
        self.show_error("Comparison failed", text)
        self.comparisonFailed.emit(text)

    def _compare_cancelled(self, gen: int) -> None:
        if gen == self._compare_gen:
            self._compare_task = None

    @Slot(float)
    def set_threshold(self, value: float) -> None:
        """Re-classify with a new threshold (no encoding), in a worker."""
        cmp = self.doc.comparison
        self.doc.set_settings(dataclasses.replace(self.doc.settings, threshold=value))
        if cmp is None:
            return
        self._threshold_gen += 1
        gen = self._threshold_gen

        def job(_progress: Callable[[int, int, str], None], _cancel: Callable[[], bool]) -> Any:
            from factdiff.core.compare import reclassify

            return reclassify(cmp, threshold=value)

        def done(result: Comparison) -> None:
            if gen != self._threshold_gen or self.doc.comparison is not cmp:
                return
            self.doc.set_comparison(result, touch=True)
            self.statusBar().showMessage(
                f"Threshold {value:.2f}: {len(result.links)} links", 4000
            )
            self.comparisonFinished.emit()

        self.runner.start(
            job,
            name="threshold",
            on_finished=done,
            on_failed=lambda err: self.show_error("Threshold", str(err)),
        )

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        if not busy:
            self.progress.hide()

    # == showing =======================================================================

    @Slot()
    def refresh_all(self) -> None:
        self.articles_model.set_articles(self.doc.articles, self.doc.comparison)
        self._update_title()
        self.refresh_view()

    @Slot()
    def refresh_view(self) -> None:
        """Re-draw panes, connectors, lists and counts from the document."""
        doc = self.doc
        arts = doc.articles
        view = doc.view
        i, j = doc.pair
        dark = theme.is_dark()
        self.left.header.set_articles(arts, i if len(arts) > i else None)
        self.right.header.set_articles(arts, j if len(arts) > j else None)
        for side, k in ((LEFT, i), (RIGHT, j)):
            pane = self.panes[side]
            if k >= len(arts):
                self._sel[side] = None
                pane.view.set_placeholder(self._placeholder(side))
                continue
            sentences = view.sentences[k] if view is not None else ()
            pane.view.set_content(arts[k].text, sentences)
            if view is not None:
                pane.view.apply_highlights(self._highlights(view, k, j if k == i else i),
                                           dark=dark)
            else:
                pane.view.apply_highlights(PaneHighlights(), dark=dark)
            if self._sel[side] is not None and self._sel[side] >= len(sentences):
                self._sel[side] = None
            pane.view.set_current(self._sel[side], scroll=False)
        self._refresh_connector()
        self.refresh_facts()
        self.coverage_model.set_comparison(view, dark=dark)
        if view is not None:  # the fact column takes what the outlets leave
            self.coverage_view.horizontalHeader().setSectionResizeMode(
                0, QHeaderView.ResizeMode.Stretch
            )
        self.articles_model.set_articles(arts, doc.comparison)
        self.threshold.show_settings(doc.settings)
        self._update_counts()
        self.legend.refresh()
        self._update_actions()

    def _placeholder(self, side: int) -> str:
        if not self.doc.articles and side == LEFT:
            return ("Open two or more articles about the same event:\n\n"
                    "  • File > Open Articles… (Ctrl+O)\n"
                    "  • drop files or a web address on this window\n"
                    "  • paste text or a link (Ctrl+Shift+V)\n"
                    "  • File > Add from URL… (Ctrl+U)")
        return "Add another article to compare it with."

    def _highlights(self, view: Comparison, k: int, other: int) -> PaneHighlights:
        looks: list[str | None] = []
        for s, st in enumerate(view.statuses(k, among=[other])):
            if st is Status.CONFLICT:
                ref = (k, s)
                hard = any(
                    not c.possible
                    for lk in view.links_of(ref)
                    if lk.other(ref)[0] == other
                    for c in lk.conflicts
                )
                looks.append("conflict" if hard else "soft")
            else:
                looks.append(st.value)
        hl = PaneHighlights(looks=looks)
        review = self.doc.review
        links = view.pair_links(k, other)
        for lk in links:
            mine = lk.a[0] == k
            if review.links.get(lk.key) is Decision.CONFIRMED or any(
                review.conflicts.get(conflict_key(lk, c)) is Decision.CONFIRMED
                for c in lk.conflicts
            ):
                hl.confirmed.add((lk.a if mine else lk.b)[1])
            for c in lk.conflicts:
                hl.words.append((c.a_span if mine else c.b_span, c.possible))
        for (ref, _), spans in one_sided_details(links, [a.text for a in view.articles]).items():
            if ref[0] == k:
                hl.details.extend(spans)
        hl.units.extend(clause_marks(view, k, links))
        return hl

    def _pair_link_kind(self, lk: Link) -> str:
        if lk.status is Status.CONFLICT:
            return "conflict" if lk.hard_conflicts else "soft"
        return "shared"

    def _refresh_connector(self) -> None:
        view = self.doc.view
        i, j = self.doc.pair
        links: list[ConnectorLink] = []
        notes = self.doc.review.notes
        if view is not None and j < len(view.articles):
            for lk in view.pair_links(i, j):
                left, right = (lk.a, lk.b) if lk.a[0] == i else (lk.b, lk.a)
                selected = lk.key == self._cur_link or (
                    self._sel[LEFT] == left[1] and self._sel[RIGHT] == right[1]
                )
                links.append(
                    ConnectorLink(
                        left=left[1],
                        right=right[1],
                        kind=self._pair_link_kind(lk),
                        selected=selected,
                        confirmed=self.doc.review.links.get(lk.key) is Decision.CONFIRMED,
                        manual=lk.manual,
                    )
                )
        self.connector.set_links(
            links,
            {s for (a, s) in notes if a == i},
            {s for (a, s) in notes if a == j},
        )

    def refresh_facts(self) -> None:
        view, engine = self.doc.view, self.doc.comparison
        dark = theme.is_dark()
        if view is None or engine is None:
            self.facts_model.set_rows([], [], dark=dark)
        else:
            pair = self.doc.pair if self.facts_scope.currentIndex() == 0 else None
            rows = build_fact_rows(engine, view, self.doc.review, pair=pair)
            self.facts_model.set_rows(rows, [a.label for a in view.articles], dark=dark)
        self._update_facts_count()
        self._select_fact_row()

    def _update_facts_count(self) -> None:
        shown = self.facts_proxy.rowCount()
        total, details = self.facts_model.top_level_count()
        text = f"{shown} of {total} facts" if shown != total else f"{total} facts"
        if details:
            text += f" (+{details} details, ▸ to unfold)"
        self.facts_count.setText(text)

    def _update_counts(self) -> None:
        view = self.doc.view
        i, j = self.doc.pair
        if view is None or j >= len(view.articles):
            self.legend.set_counts([])
            self.counts_label.setText(f"{len(self.doc.articles)} article(s)")
            return
        parts = []
        for k, other in ((i, j), (j, i)):
            per = dict.fromkeys(Status, 0)
            for st in view.statuses(k, among=[other]):
                per[st] += 1
            parts.append(
                f"{view.articles[k].label}: {per[Status.SHARED]} shared, "
                f"{per[Status.ADDED]} only here, {per[Status.CONFLICT]} conflicting"
            )
        self.legend.set_counts(parts)
        def many(n: int, what: str) -> str:
            return f"{n} {what}" if n == 1 else f"{n} {what}s"

        pair = view.pair_links(i, j)
        n_conf = sum(len(lk.conflicts) for lk in pair)
        counts = f"{many(len(pair), 'link')} · {many(n_conf, 'conflict')}"
        if len(view.articles) > 2:
            # the pair on screen, and the whole comparison (what the CLI and exports count)
            all_conf = sum(len(lk.conflicts) for lk in view.links)
            counts = (
                f"this pair: {many(len(pair), 'link')}, {many(n_conf, 'conflict')} · all "
                f"pairs: {many(len(view.links), 'link')}, {many(all_conf, 'conflict')}"
            )
        self.counts_label.setText(
            f"{len(view.articles)} articles · {counts} · "
            f"threshold {view.settings.threshold:.2f}"
        )

    def _update_actions(self) -> None:
        has_view = self.doc.view is not None
        link = self.current_link()
        for act in (self.act_confirm_link, self.act_reject_link):
            act.setEnabled(link is not None)
        has_conflict = self.current_conflict() is not None
        for act in (self.act_confirm_conflict, self.act_reject_conflict):
            act.setEnabled(has_conflict)
        self.act_clear_decision.setEnabled(link is not None)
        self.act_unlink.setEnabled(link is not None and link.manual)
        self.act_link.setEnabled(has_view)
        self.act_note.setEnabled(has_view)
        for act in (self.act_next_conflict, self.act_prev_conflict):
            act.setEnabled(has_view)
        self.act_save.setEnabled(bool(self.doc.articles))
        self.act_save_as.setEnabled(bool(self.doc.articles))
        self.act_export.setEnabled(has_view)
        self.act_swap.setEnabled(len(self.doc.articles) >= 2)
        self.act_recompare.setEnabled(len(self.doc.articles) >= 2)

    @Slot(int, int)
    def _on_pair_changed(self, _i: int, _j: int) -> None:
        self._sel = [None, None]
        self._picked = set()
        self._cur_link = self._cur_conflict = None
        self._link_from = None
        self.refresh_view()

    @Slot()
    def _on_review_changed(self) -> None:
        self._autosave_soon.start()

    # == selection and navigation ======================================================

    def ref(self, side: int) -> Ref | None:
        """The sentence selected in a pane, as (article, sentence)."""
        s = self._sel[side]
        return None if s is None else (self.doc.pair[side], s)

    def _side_of(self, article: int) -> int | None:
        i, j = self.doc.pair
        return LEFT if article == i else RIGHT if article == j else None

    def click_sentence(self, side: int, s: int, modifiers: int = 0) -> None:
        """A click on sentence ``s`` of a pane: select it and its counterpart.

        With Ctrl held only this pane's selection changes (to pick two sentences to link).
        While "link by hand" waits, a click in the other pane makes the link.
        """
        view = self.doc.view
        if view is None:
            return
        art = self.doc.pair[side]
        if self._link_from is not None:
            start = self._link_from
            self._link_from = None
            if start[0] != art:
                self.doc.add_link(start, (art, s))
                self._select(start, (art, s))
                self.statusBar().showMessage("Linked by hand (Ctrl+Z undoes)", 5000)
                return
        self._clicked_side = side
        self._sel[side] = s
        other = 1 - side
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier.value)
        # Ctrl+click adds a side to what the user picked; a plain click starts again
        self._picked = (self._picked | {side}) if ctrl else {side}
        if ctrl:
            self._cur_link = self._link_between()
            self._cur_conflict = self._first_conflict(self._cur_link)
        else:
            best = self._best_link((art, s), self.doc.pair[other])
            if best is not None:
                counterpart = best.other((art, s))
                self._sel[other] = counterpart[1]
                self.panes[other].view.set_current(counterpart[1], scroll=True)
                self._cur_link = best.key
            else:
                self._cur_link = None
            self._cur_conflict = self._first_conflict(self._cur_link)
        self.panes[side].view.set_current(s, scroll=False)
        self._after_selection()
        self.statusBar().showMessage(self._describe((art, s)), 8000)

    def _best_link(self, ref: Ref, other_article: int) -> Link | None:
        view = self.doc.view
        if view is None:
            return None
        links = [lk for lk in view.links_of(ref) if lk.other(ref)[0] == other_article]
        return max(links, key=lambda lk: (lk.status is Status.CONFLICT, lk.score), default=None)

    def _link_between(self) -> LinkKey | None:
        a, b = self.ref(LEFT), self.ref(RIGHT)
        view = self.doc.view
        if a is None or b is None or view is None:
            return None
        for lk in view.links_of(a):
            if lk.other(a) == b:
                return lk.key
        return None

    def _first_conflict(self, key: LinkKey | None) -> ConflictKey | None:
        link = self._link_by_key(key)
        if link is None or not link.conflicts:
            return None
        return conflict_key(link, link.conflicts[0])

    def _link_by_key(self, key: LinkKey | None, *, engine: bool = False) -> Link | None:
        if key is None:
            return None
        for cmp in ((self.doc.comparison,) if engine else (self.doc.view, self.doc.comparison)):
            if cmp is not None:
                for lk in cmp.links_of(key[0]):
                    if lk.key == key:
                        return lk
        return None

    def current_link(self) -> Link | None:
        """The link the review actions act on (selected in the panes or the list)."""
        return self._link_by_key(self._cur_link)

    def current_conflict(self) -> tuple[Link, ConflictKey] | None:
        link = self._link_by_key(self._cur_link, engine=True) or self.current_link()
        if link is None or not link.conflicts:
            return None
        key = self._cur_conflict
        keys = [conflict_key(link, c) for c in link.conflicts]
        return link, (key if key in keys else keys[0])

    def _select(self, a: Ref | None, b: Ref | None, *, link: LinkKey | None = None,
                conflict: ConflictKey | None = None) -> None:
        """Select sentences (switching the pair if needed) and scroll them into view."""
        arts = [r[0] for r in (a, b) if r is not None]
        if not arts:
            return
        i, j = self.doc.pair
        if not all(x in (i, j) for x in arts):
            if len(arts) == 2:
                new = (arts[0], arts[1])
            else:
                keep = j if arts[0] != j else i
                new = (arts[0], keep) if arts[0] != keep else (arts[0], i)
            self.doc.set_pair(*new)
        self._sel = [None, None]
        self._picked = set()  # chosen by navigation, not picked for a link
        for ref in (a, b):
            if ref is not None:
                side = self._side_of(ref[0])
                if side is not None:
                    self._sel[side] = ref[1]
        if link is None and a is not None and b is not None:
            link = self._link_between()
        self._cur_link = link
        self._cur_conflict = conflict or self._first_conflict(link)
        for side, pane in enumerate(self.panes):
            pane.view.set_current(self._sel[side], scroll=True)
        self._after_selection()

    def _after_selection(self) -> None:
        self._refresh_connector()
        self._update_actions()
        self._select_fact_row()

    def _select_fact_row(self) -> None:
        """Select the list row for the current conflict, link or added sentence."""
        rows = self.facts_model.rows()
        target = None
        for n, r in enumerate(rows):
            if self._cur_conflict is not None and r.conflict_key == self._cur_conflict:
                target = n
                break
            if target is None and self._cur_link is not None and r.link == self._cur_link and (
                r.kind in ("shared", "conflict", "soft")
            ):
                target = n
            if target is None and self._cur_link is None and r.kind == "added":
                side = self._clicked_side
                if r.a == self.ref(side):
                    target = n
        sel = self.facts_view.selectionModel()
        self._syncing_list = True
        try:
            if target is None:
                sel.clearSelection()
            else:
                index = self.facts_proxy.mapFromSource(self.facts_model.index_of(target))
                if index.isValid():
                    sel.setCurrentIndex(
                        index,
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
                    self.facts_view.scrollTo(index)
        finally:
            self._syncing_list = False

    @Slot(QModelIndex, QModelIndex)
    def _on_fact_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing_list or not current.isValid():
            return
        row = self.facts_model.row_at(self.facts_proxy.mapToSource(current))
        if row is not None:
            self.go_to_row(row)

    def go_to_row(self, r: FactRow) -> None:
        """Show a facts-list row in the panes (switching the pair if needed)."""
        self._clicked_side = LEFT
        self._select(r.a, r.b, link=r.link, conflict=r.conflict_key)
        if r.kind == "added":
            side = self._side_of(r.a[0])
            if side is not None:
                self._clicked_side = side

    def _all_conflicts(self) -> list[tuple[Link, ConflictKey]]:
        """Every conflict of every pair, in a fixed order: by pair, then by sentence."""
        view = self.doc.view
        if view is None:
            return []

        def order(lk: Link) -> tuple[int, int, Ref, Ref]:
            lo, hi = sorted((lk.a, lk.b))
            return (lo[0], hi[0], lo, hi)

        return [(lk, conflict_key(lk, c)) for lk in sorted(view.links, key=order)
                for c in lk.conflicts]

    def step_conflict(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) conflict, wrapping around. With three or
        more articles this walks the conflicts of every pair, switching the pair shown
        when the next conflict is between other articles (the left pane's article stays
        where it can)."""
        found = self._all_conflicts()
        if not found:
            n_arts = len(self.doc.articles)
            self.statusBar().showMessage(
                f"No conflicts among the {n_arts} articles" if n_arts > 2 else "No conflicts",
                5000)
            return
        keys = [k for _, k in found]
        pair = set(self.doc.pair)
        if self._cur_conflict in keys:
            n = keys.index(self._cur_conflict) + step
        else:  # start in the pair on screen, if it has conflicts
            here = [m for m, (lk, _k) in enumerate(found) if {lk.a[0], lk.b[0]} == pair]
            if here:
                n = here[0] if step > 0 else here[-1]
            else:
                n = 0 if step > 0 else len(keys) - 1
        wrapped = not 0 <= n < len(keys)
        n %= len(keys)
        link, key = found[n]
        left = self.doc.pair[0]
        if left in (link.a[0], link.b[0]):
            a, b = (link.a, link.b) if link.a[0] == left else (link.b, link.a)
        else:
            a, b = sorted((link.a, link.b))
        self._clicked_side = LEFT
        self._select(a, b, link=link.key, conflict=key)
        names = self.doc.articles
        where = f" ({names[a[0]].label} ↔ {names[b[0]].label})" if len(names) > 2 else ""
        msg = f"Conflict {n + 1} of {len(keys)}{where}: {self._conflict_text(link, key)}"
        self.statusBar().showMessage(("Wrapped around. " if wrapped else "") + msg, 8000)

    def _conflict_text(self, link: Link, key: ConflictKey) -> str:
        for c in link.conflicts:
            if conflict_key(link, c) == key:
                return c.explanation
        return ""

    @Slot()
    def swap_sides(self) -> None:
        i, j = self.doc.pair
        if len(self.doc.articles) >= 2:
            self.doc.set_pair(j, i)

    def choose_article(self, side: int, k: int) -> None:
        """The pane header's combo box: show article ``k`` on that side."""
        i, j = self.doc.pair
        pair = [i, j]
        other = 1 - side
        if pair[other] == k:
            pair[other] = pair[side]
        pair[side] = k
        self.doc.set_pair(*pair)

    @Slot(QModelIndex)
    def _on_coverage_cell(self, index: QModelIndex) -> None:
        kind, refs = self.coverage_model.cell(index.row(), index.column())
        if not refs:
            return
        ref = refs[0]
        view = self.doc.view
        partner = None
        if view is not None:
            for lk in view.links_of(ref):
                partner = lk.other(ref)
                break
        self._clicked_side = LEFT
        self._select(ref, partner)

    # == tooltips and descriptions =====================================================

    def _describe(self, ref: Ref) -> str:
        view = self.doc.view
        if view is None:
            return ""
        art = view.articles[ref[0]].label
        links = view.links_of(ref)
        if not links:
            return f"{art}, sentence {ref[1] + 1}: only {art} reports this"
        parts = [
            f"{view.articles[lk.other(ref)[0]].label} sentence {lk.other(ref)[1] + 1} "
            f"({lk.status.value}, score {lk.score:.2f})"
            for lk in links
        ]
        return f"{art}, sentence {ref[1] + 1}: " + "; ".join(parts)

    def sentence_tooltip(self, side: int, s: int) -> str:
        """Rich-text tooltip: status, counterpart(s) with score, conflicts, note."""
        view = self.doc.view
        if view is None:
            return ""
        from html import escape

        ref = (self.doc.pair[side], s)
        if s >= len(view.sentences[ref[0]]):
            return ""
        label = view.articles[ref[0]].label
        out = []
        links = view.links_of(ref)
        if not links:
            out.append(f"<b>{theme.LOOKS['added'].symbol} Only {escape(label)}</b> "
                       "reports this (no other outlet has it)")
        for lk in sorted(links, key=lambda lk: -lk.score):
            other = lk.other(ref)
            name = escape(view.articles[other[0]].label)
            look = theme.LOOKS[self._pair_link_kind(lk)]
            flags = []
            if lk.manual:
                flags.append("linked by hand")
            decision = self.doc.review.links.get(lk.key)
            if decision is not None:
                flags.append(DECISION_MARKS[decision])
            extra = f" · {', '.join(flags)}" if flags else ""
            said = escape(in_quotes(clip(view.sentence(other).text, 220)))
            out.append(
                f"<b>{look.symbol} {look.label}</b> with <b>{name}</b> "
                f"(probability {lk.score:.2f}{extra}):<br><i>{said}</i>"
            )
            mine_unit = lk.a_unit if lk.a == ref else lk.b_unit
            their_unit = lk.b_unit if lk.a == ref else lk.a_unit
            if mine_unit is not None or their_unit is not None:
                here = view.articles[ref[0]].text
                there = view.articles[other[0]].text
                parts = []
                if mine_unit is not None:
                    parts.append(
                        f"here {escape(in_quotes(clip(here[mine_unit.start:mine_unit.end], 160)))}"
                    )
                if their_unit is not None:
                    parts.append(
                        "there "
                        + escape(in_quotes(clip(there[their_unit.start : their_unit.end], 160)))
                    )
                out.append("&nbsp;&nbsp;the shared fact: " + "; ".join(parts))
            for c in lk.conflicts:
                mine, theirs = (c.a_text, c.b_text) if lk.a == ref else (c.b_text, c.a_text)
                soft = (
                    " (possible)"
                    if c.soft
                    else f" ({c.show_level_note})"
                    if c.show_level_note
                    else ""
                )
                verdict = self.doc.review.conflicts.get(conflict_key(lk, c))
                said_so = f" · {DECISION_MARKS[verdict]}" if verdict is not None else ""
                out.append(
                    f"&nbsp;&nbsp;≠ <b>{escape(c.kind.value)}{soft}</b>{said_so}: "
                    f"“{escape(mine)}” vs “{escape(theirs)}” — {escape(c.explanation)}"
                )
        note = self.doc.review.notes.get(ref)
        if note:
            out.append(f"✎ <b>Note:</b> {escape(note)}")
        return "<div style='max-width: 520px'>" + "<br>".join(out) + "</div>"

    # == review ========================================================================

    def decide_link(self, decision: Decision) -> None:
        link = self.current_link()
        if link is None:
            self.statusBar().showMessage("Select a linked sentence first", 4000)
            return
        if decision is Decision.REJECTED and link.manual:
            self.doc.remove_link(link.key)
        else:
            self.doc.decide_link(link.key, decision)
        self.statusBar().showMessage(f"Link {decision.value} (Ctrl+Z undoes)", 4000)

    def decide_conflict(self, decision: Decision) -> None:
        found = self.current_conflict()
        if found is None:
            self.statusBar().showMessage("Select a conflict first (F8 goes to the next)", 4000)
            return
        _link, key = found
        self._cur_conflict = key
        self.doc.decide_conflict(key, decision)
        self.statusBar().showMessage(f"Conflict {decision.value} (Ctrl+Z undoes)", 4000)

    @Slot()
    def clear_decision(self) -> None:
        link = self.current_link()
        if link is None:
            return
        review = self.doc.review.decide_link(link.key, None)
        found = self.current_conflict()
        if found is not None:
            review = review.decide_conflict(found[1], None)
        self.doc.change_review(review, "Clear decision")

    @Slot()
    def link_by_hand(self) -> None:
        """Link the two sentences the user picked (a click, then Ctrl+click in the other
        pane), or wait for a click in the other pane. A sentence that is selected in the
        other pane only because it was the counterpart of an earlier click, or is left
        over from one, is never linked without asking."""
        a, b = self.ref(LEFT), self.ref(RIGHT)
        both = self._picked == {LEFT, RIGHT}
        if both and a is not None and b is not None and self._link_between() is None:
            self.doc.add_link(a, b)
            self._select(a, b)
            self.statusBar().showMessage("Linked by hand (Ctrl+Z undoes)", 5000)
            return
        start = self.ref(self._clicked_side) or a or b
        if start is None:
            self.statusBar().showMessage("Click a sentence first, then Link by hand", 5000)
            return
        self.start_link_from(start)

    def start_link_from(self, ref: Ref) -> None:
        self._link_from = ref
        other = self.doc.pair[1 - (self._side_of(ref[0]) or 0)]
        name = self.doc.articles[other].label
        self.statusBar().showMessage(
            f"Click the sentence in {name} to link with sentence {ref[1] + 1} (Esc cancels)"
        )

    @Slot()
    def remove_manual_link(self) -> None:
        link = self.current_link()
        if link is not None and link.manual:
            self.doc.remove_link(link.key)

    @Slot()
    def edit_note_dialog(self) -> None:
        ref = self.ref(self._clicked_side) or self.ref(LEFT) or self.ref(RIGHT)
        if ref is None:
            self.statusBar().showMessage("Click a sentence first, then add a note", 5000)
            return
        dlg = QInputDialog(self)
        dlg.setWindowTitle("Note")
        dlg.setLabelText(
            f"Note on {self.doc.articles[ref[0]].label}, sentence {ref[1] + 1}:\n"
            f"“{clip(self.doc.comparison.sentence(ref).text, 100) if self.doc.comparison else ''}”"
        )
        dlg.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dlg.setTextValue(self.doc.review.notes.get(ref, ""))
        dlg.textValueSelected.connect(lambda text: self.doc.set_note(ref, text))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()

    def _sentence_menu(self, side: int, s: int, pos: QPoint) -> None:
        self.click_sentence(side, s)
        menu = QMenu(self)
        menu.addActions([self.act_confirm_link, self.act_reject_link])
        menu.addActions([self.act_confirm_conflict, self.act_reject_conflict,
                         self.act_clear_decision])
        menu.addSeparator()
        link_here = menu.addAction("Link with a Sentence in the Other Pane…")
        link_here.triggered.connect(lambda: self.start_link_from((self.doc.pair[side], s)))
        menu.addAction(self.act_unlink)
        menu.addAction(self.act_note)
        menu.addSeparator()
        copy = menu.addAction("Copy Sentence")
        view = self.doc.view
        if view is not None:
            text = view.sentence((self.doc.pair[side], s)).text
            copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(text))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(pos)

    def _facts_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addActions([self.act_confirm_link, self.act_reject_link, self.act_confirm_conflict,
                         self.act_reject_conflict, self.act_clear_decision, self.act_note])
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.facts_view.viewport().mapToGlobal(pos))

    # == articles ======================================================================

    @Slot()
    def edit_current_article(self) -> None:
        self.edit_article_dialog(self._clicked_side)

    def edit_article_dialog(self, side: int) -> ArticleDialog | None:
        k = self.doc.pair[side]
        if k >= len(self.doc.articles):
            return None
        dlg = ArticleDialog(self.doc.articles[k], self)
        dlg.accepted.connect(lambda: self.doc.edit_article(k, **dlg.fields()))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    @Slot()
    def remove_selected_article(self) -> None:
        rows = self.articles_view.selectionModel().selectedRows()
        if not rows:
            self.statusBar().showMessage("Select an article in the list first", 4000)
            return
        k = rows[0].row()
        label = self.doc.articles[k].label
        answer = QMessageBox.question(
            self, "Remove article",
            f"Remove {label} from the comparison? Its review decisions and the undo history "
            "go with it.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.doc.remove_article(k)

    # == find ==========================================================================

    def find(self, words: str | None, backwards: bool) -> None:
        """Highlight every match in both panes and move to the next (or previous) one."""
        if words is None:
            if not self.find_bar.isVisible():
                self.find_bar.open_bar()
                return
            words = self.find_bar.edit.text()
        total = 0
        focus = self.panes[self._clicked_side].view
        for pane in self.panes:
            total += self._mark_matches(pane.view, words)
        if not words:
            self.find_bar.count.setText("")
            return
        flags = QTextDocument.FindFlag.FindBackward if backwards else QTextDocument.FindFlag(0)
        found = focus.find(words, flags)
        if not found:  # wrap, then try the other pane
            for view in (focus, *[p.view for p in self.panes if p.view is not focus]):
                cur = view.textCursor()
                cur.movePosition(QTextCursor.MoveOperation.End if backwards
                                 else QTextCursor.MoveOperation.Start)
                view.setTextCursor(cur)
                if view.find(words, flags):
                    self._clicked_side = self.panes.index(
                        next(p for p in self.panes if p.view is view))
                    break
        self.find_bar.count.setText(f"{total} match(es)" if total else "not found")

    def _mark_matches(self, view: SentenceView, words: str) -> int:
        selections = []
        if words:
            fmt = QTextCharFormat()
            colour = QColor(self.palette().color(self.palette().ColorRole.Highlight))
            colour.setAlphaF(0.45)
            fmt.setBackground(colour)
            cur = view.document().find(words)
            while not cur.isNull() and len(selections) < 2000:
                sel = QTextEdit.ExtraSelection()
                sel.cursor = cur
                sel.format = fmt
                selections.append(sel)
                cur = view.document().find(words, cur)
        view.setExtraSelections(selections)
        return len(selections)

    @Slot()
    def _clear_find(self) -> None:
        for pane in self.panes:
            pane.view.setExtraSelections([])

    # == sessions ======================================================================

    @Slot()
    def new_document(self) -> None:
        if not self.maybe_save():
            return
        self.cancel_compare()
        self.doc.reset()
        self.statusBar().showMessage("New comparison: open two or more articles", 5000)

    @Slot()
    def open_session_dialog(self) -> None:
        if not self.maybe_save():
            return
        folder = self.doc.path.parent if self.doc.path else self._start_folder(
            "paths/lastSessionDir")
        name, _ = QFileDialog.getOpenFileName(self, "Open session", str(folder), SESSION_FILTER)
        if name:
            self.open_session(Path(name), ask=False)

    def open_session(self, path: Path, *, ask: bool = True) -> bool:
        """Open a .factdiff session (the comparison reruns only if it is stale)."""
        from factdiff.core.session import load_session

        if ask and not self.maybe_save():
            return False
        try:
            session = load_session(path)
        except SessionError as err:
            self.show_error("Could not open the session", str(err))
            return False
        self.cancel_compare()
        self.doc.load_session(session, path)  # a stale comparison reruns by itself
        self.settings.setValue("paths/lastSessionDir", str(path.parent))
        self.add_recent(str(path))
        self.threshold.set_threshold(session.settings.threshold, floor=session.settings.floor)
        self.statusBar().showMessage(f"Opened {path.name}", 5000)
        return True

    @Slot()
    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self.save_to(self.doc.path)

    @Slot()
    def save_as(self) -> bool:
        start = self.doc.path or (
            self._start_folder("paths/lastSessionDir") / session_name(self.doc.articles)
        )
        name, _ = QFileDialog.getSaveFileName(self, "Save session", str(start), SESSION_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != SESSION_SUFFIX:
            path = path.with_name(path.name + SESSION_SUFFIX)
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Save the document as a session at ``path`` (atomic); False with a message on error."""
        from factdiff.core.session import save_session

        try:
            save_session(path, self.doc.to_session())
        except SessionError as err:
            self.show_error("Could not save", str(err))
            return False
        self.doc.mark_saved(path)
        self.add_recent(str(path))
        self.settings.setValue("paths/lastSessionDir", str(path.parent))
        self.statusBar().showMessage(f"Saved {path}", 5000)
        self._update_title()
        return True

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False if the user cancels."""
        if not self.doc.modified or not self.doc.articles:
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            "This comparison has changes that are not saved. Save them first?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    @Slot()
    def autosave(self) -> None:
        """Write the autosave (crash recovery) if there are unsaved changes."""
        if not self.doc.modified or not self.doc.articles:
            return
        from factdiff.core.session import write_autosave

        try:
            write_autosave(self.doc.to_session())
        except SessionError as err:
            log.warning("autosave failed: %s", err)

    def offer_restore(self) -> bool:
        """At start: if an autosave was left by a crash, offer to restore it."""
        from factdiff.core.session import clear_autosave, pending_autosave

        path = pending_autosave()
        if path is None:
            return False
        stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
        answer = QMessageBox.question(
            self,
            "Restore unsaved work?",
            f"factdiff did not close properly last time. Restore the unsaved work "
            f"autosaved at {stamp}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            clear_autosave()
            return False
        return self.restore_autosave(path)

    def restore_autosave(self, path: Path) -> bool:
        from factdiff.core.session import clear_autosave, load_session

        try:
            session = load_session(path)
        except SessionError as err:
            self.show_error("Could not restore", str(err))
            clear_autosave()
            return False
        self.doc.load_session(session, None)
        self.doc.mark_modified()  # restored work is unsaved work
        clear_autosave()
        self.threshold.set_threshold(session.settings.threshold, floor=session.settings.floor)
        self.statusBar().showMessage("Restored the autosaved work; save it to keep it", 8000)
        return True

    # == recent files ==================================================================

    def recent(self) -> list[str]:
        value = self.settings.value("recent/files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def add_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        items = [p for p in self.recent() if p != path]
        self.settings.setValue("recent/files", [path, *items][:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = self.recent()
        for n, p in enumerate(items, 1):
            kind = "session" if p.lower().endswith(SESSION_SUFFIX) else "article"
            act = self.recent_menu.addAction(f"&{n % 10} {Path(p).name}  ({kind})")
            act.setToolTip(theme.plain_tip(p))
            act.setStatusTip(p)
            act.triggered.connect(lambda _=False, p=p: self._open_recent(p))
        if not items:
            self.recent_menu.addAction("(none)").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Menu").triggered.connect(
                lambda: self.settings.setValue("recent/files", [])
            )

    def _open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self.show_error("Open recent", f"{path}: no such file (moved or deleted?)")
            self.settings.setValue("recent/files", [p for p in self.recent() if p != path])
            return
        if path.lower().endswith(SESSION_SUFFIX):
            self.open_session(Path(path))
        else:
            self.open_paths([path])

    # == export, help ==================================================================

    @Slot()
    def export(self) -> None:
        """File > Export: the export module is loaded only when asked for."""
        try:
            from . import export as exporting
        except ImportError as err:
            self.show_message("Export", f"Export is not available: {err}",
                              icon=QMessageBox.Icon.Information)
            return
        try:
            exporting.export_dialog(self, self.doc.to_session())
        except FactdiffError as err:
            self.show_error("Export failed", str(err))

    @Slot()
    def show_help(self) -> None:
        rows = "".join(
            f"<tr><td><b>{look.symbol} {look.label}</b></td><td>{look.description}</td></tr>"
            for look in theme.LOOKS.values()
        )
        keys = [
            (self.act_next_conflict, "next conflict"), (self.act_prev_conflict, "previous"),
            (self.act_confirm_link, "confirm link"), (self.act_reject_link, "reject link"),
            (self.act_confirm_conflict, "confirm conflict"),
            (self.act_reject_conflict, "reject conflict"), (self.act_link, "link by hand"),
            (self.act_note, "note"), (self.act_undo, "undo"), (self.act_find, "find"),
        ]
        key_rows = "".join(
            f"<tr><td>{a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}</td>"
            f"<td>{what}</td></tr>" for a, what in keys
        )
        self.show_message(
            "Legend and keys",
            f"<table>{rows}</table><p>Click a sentence to select its counterpart; "
            f"Ctrl+click selects one side only.</p><table>{key_rows}</table>",
            icon=QMessageBox.Icon.Information,
        )

    @Slot()
    def about(self) -> None:
        self.show_message(
            "About factdiff",
            "factdiff compares news articles about the same event, fact by fact: what the "
            "outlets share, what only one reports, and where they disagree.",
            icon=QMessageBox.Icon.Information,
        )

    # == closing =======================================================================

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop the workers, remember the window, and drop the autosave (clean close)."""
        from factdiff.core.session import clear_autosave

        self._autosave_timer.stop()
        self._autosave_soon.stop()
        self.cancel_compare()
        self.runner.shutdown()
        self._save_settings()
        clear_autosave()
