"""Item models: the facts-and-conflicts list, the coverage matrix, the article table.

Rows are built from the engine's comparison *and* the review, so a rejected link or
conflict stays listed (struck through) where the reviewer can take the decision back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from factdiff.core.exports import one_sided_details
from factdiff.core.model import Comparison, Conflict, Ref, Span, Status
from factdiff.core.review import ConflictKey, Decision, LinkKey, Review, conflict_key

from . import (
    theme,
)

__all__ = [
    "ArticlesModel",
    "CoverageModel",
    "FactRow",
    "FactsFilter",
    "FactsModel",
    "FactsProxy",
    "build_fact_rows",
]

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  #: the FactRow (or the group's refs) behind a row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  #: a value that sorts right (numbers as numbers)
KIND_ROLE = Qt.ItemDataRole.UserRole + 3  #: the look key of the row: shared, added, ...

_DECISION_WORDS = {Decision.CONFIRMED: "✓ Confirmed", Decision.REJECTED: "✗ Rejected"}


def clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def in_quotes(text: str) -> str:
    """``text`` between quotation marks, unless it has its own (a quoted remark would
    show doubled marks: ““We reject his visit.””).

    >>> in_quotes("They met."), in_quotes("“We met,” he said.")
    ('“They met.”', '“We met,” he said.')
    """
    return text if any(q in text for q in "“”\"") else f"“{text}”"


@dataclass(frozen=True)
class FactRow:
    """One line of the facts list: a conflict, a shared link, an added sentence or detail."""

    kind: str  #: a key of theme.LOOKS: conflict, soft, shared, added, detail
    a: Ref  #: the sentence the row is about (left side of a link)
    b: Ref | None = None  #: the other sentence of a link
    link: LinkKey | None = None
    conflict: Conflict | None = None
    conflict_key: ConflictKey | None = None
    span: Span | None = None  #: the words to show in ``a`` (conflict words, detail)
    text_a: str = ""
    text_b: str = ""
    explanation: str = ""
    score: float | None = None
    decision: Decision | None = None
    manual: bool = False
    rejected: bool = False  #: decided away: not in the view any more

    @property
    def status(self) -> Status:
        if self.kind in ("conflict", "soft"):
            return Status.CONFLICT
        return Status.SHARED if self.kind == "shared" else Status.ADDED


def build_fact_rows(
    engine: Comparison, view: Comparison, review: Review, *, pair: tuple[int, int] | None
) -> list[FactRow]:
    """Rows for every link (engine's and hand-made), conflict, detail and added sentence;
    ``pair`` limits them to those two articles (None: every article)."""
    allowed = None if pair is None else set(pair)

    def inside(ref: Ref) -> bool:
        return allowed is None or ref[0] in allowed

    def text(ref: Ref) -> str:
        return engine.sentence(ref).text

    def art(ref: Ref) -> str:
        return engine.articles[ref[0]].text

    rows: list[FactRow] = []
    engine_links = {lk.key: lk for lk in engine.links}
    view_links = {lk.key: lk for lk in view.links}
    one_sided = one_sided_details(view.links, [a.text for a in view.articles])
    keys = list(engine_links) + [k for k in view_links if k not in engine_links]
    for key in keys:
        shown = view_links.get(key)
        link = engine_links.get(key) or shown
        assert link is not None
        if not (inside(link.a) and inside(link.b)):
            continue
        if pair is not None and link.a[0] != pair[0]:  # the left pane's sentence first
            a, b = link.b, link.a
            flip = True
        else:
            a, b, flip = link.a, link.b, False
        link_decision = review.links.get(key)
        link_rejected = shown is None
        conflicts = link.conflicts if not link.manual else (shown.conflicts if shown else ())
        common = dict(a=a, b=b, link=key, score=link.score, manual=link.manual)
        for c in conflicts:
            ck = conflict_key(link, c)
            decision = review.conflicts.get(ck)
            a_words, b_words = (c.b_text, c.a_text) if flip else (c.a_text, c.b_text)
            rows.append(
                FactRow(
                    kind="soft" if c.possible else "conflict",
                    conflict=c,
                    conflict_key=ck,
                    span=c.b_span if flip else c.a_span,
                    text_a=a_words,
                    text_b=b_words,
                    explanation=c.explanation,
                    decision=decision if decision is not None else link_decision,
                    rejected=link_rejected or decision is Decision.REJECTED,
                    **common,  # type: ignore[arg-type]
                )
            )
        if not conflicts:
            rows.append(
                FactRow(
                    kind="shared",
                    text_a=text(a),
                    text_b=text(b),
                    decision=link_decision,
                    rejected=link_rejected,
                    **common,  # type: ignore[arg-type]
                )
            )
        if not link_rejected:
            sides = ((link.a, link.b, link.a_details), (link.b, link.a, link.b_details))
            for ref, other, spans in sides:
                kept = one_sided.get((ref, other[0]), ())
                for span in spans:
                    if span not in kept:
                        continue  # another linked sentence there gives it
                    rows.append(
                        FactRow(
                            kind="detail",
                            a=ref,
                            b=other,
                            link=key,
                            span=span,
                            text_a=art(ref)[span.start : span.end],
                            text_b=clip(text(other), 200),
                            explanation=(
                                f"only {engine.articles[ref[0]].label} gives this detail"
                            ),
                        )
                    )
    for i in range(len(view.articles)):
        if allowed is not None and i not in allowed:
            continue
        among = None if pair is None else [j for j in pair if j != i]
        for s, st in enumerate(view.statuses(i, among=among)):
            if st is Status.ADDED:
                rows.append(
                    FactRow(
                        kind="added",
                        a=(i, s),
                        text_a=text((i, s)),
                        explanation=review.notes.get((i, s), ""),
                    )
                )
    return rows


class _Node:
    """Where a row sits in the facts tree: its place in the flat list, its parent node
    (None at the top) and the position among its siblings."""

    __slots__ = ("children", "flat", "parent", "row")

    def __init__(self, flat: int, row: int, parent: _Node | None) -> None:
        self.flat, self.row, self.parent = flat, row, parent
        self.children: list[_Node] = []


class FactsModel(QAbstractItemModel):
    """The facts-and-conflicts list as a two-level tree: conflicts, shared and added facts
    at the top; the details one side adds ("Extra detail") under the fact they belong to,
    so a list of a few dozen facts is not buried under one-word detail rows."""

    COLUMNS = ("Type", "Kind", "Where", "This side says", "Other side says", "Why", "Score",
               "Review")
    TYPE, KIND, WHERE, TEXT_A, TEXT_B, WHY, SCORE, REVIEW = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FactRow] = []
        self._labels: list[str] = []
        self._dark = False
        self._top: list[_Node] = []
        self._nodes: list[_Node] = []  #: by flat row
        self.row_height = 0  #: px the view wants per row (0: the style's own)

    def set_rows(self, rows: list[FactRow], labels: list[str], *, dark: bool = False) -> None:
        self.beginResetModel()
        self._rows, self._labels, self._dark = list(rows), list(labels), dark
        self._top, self._nodes = [], []
        owner: dict[LinkKey, _Node] = {}  # the link's first fact row holds its details
        for n, r in enumerate(self._rows):
            parent = owner.get(r.link) if r.kind == "detail" and r.link else None
            if parent is None:
                node = _Node(n, len(self._top), None)
                self._top.append(node)
                if r.link is not None and r.kind != "detail":
                    owner.setdefault(r.link, node)
            else:
                node = _Node(n, len(parent.children), parent)
                parent.children.append(node)
            self._nodes.append(node)
        self.endResetModel()

    def rows(self) -> list[FactRow]:
        """Every row, details included, in the order they were built."""
        return list(self._rows)

    def row_of(self, row: int) -> FactRow:
        return self._rows[row]

    def row_at(self, index: Index) -> FactRow | None:
        """The row behind an index of this model."""
        node = self._node(index)
        return None if node is None else self._rows[node.flat]

    def index_of(self, flat: int, column: int = 0) -> QModelIndex:
        """The index of flat row ``flat`` (as in :meth:`rows`)."""
        node = self._nodes[flat]
        return self.createIndex(node.row, column, node)

    def top_level_count(self) -> tuple[int, int]:
        """(facts, details): rows at the top, and rows folded under them."""
        return len(self._top), len(self._rows) - len(self._top)

    def _node(self, index: Index) -> _Node | None:
        if not index.isValid():
            return None
        node = index.internalPointer()
        return node if isinstance(node, _Node) else None

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not (0 <= column < len(self.COLUMNS)):
            return QModelIndex()
        above = self._node(parent)
        siblings = self._top if above is None else above.children
        if parent.isValid() and (above is None or parent.column() != 0):
            return QModelIndex()
        if not 0 <= row < len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index) -> QModelIndex:  # type: ignore[override]
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._top)
        node = self._node(parent)
        if node is None or parent.column() != 0:
            return 0
        return len(node.children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section]
        return None

    def _where(self, r: FactRow) -> str:
        a = self._labels[r.a[0]] if r.a[0] < len(self._labels) else "?"
        if r.b is None or r.kind == "detail":
            return a
        b = self._labels[r.b[0]] if r.b[0] < len(self._labels) else "?"
        return f"{a} ↔ {b}"

    def _review(self, r: FactRow) -> str:
        words = []
        if r.manual:
            words.append("By hand")
        if r.decision is not None:
            words.append(_DECISION_WORDS[r.decision])
        elif r.rejected:
            words.append("✗ Rejected")
        return ", ".join(words)

    def _display(self, r: FactRow, col: int) -> str:
        look = theme.LOOKS[r.kind]
        if col == self.TYPE:
            return f"{look.symbol} {look.label}"
        if col == self.KIND:
            if r.conflict is not None:
                return r.conflict.kind.value
            return "detail" if r.kind == "detail" else "sentence"
        if col == self.WHERE:
            return self._where(r)
        if col == self.TEXT_A:
            return clip(r.text_a)
        if col == self.TEXT_B:
            return clip(r.text_b)
        if col == self.WHY:
            return clip(r.explanation, 120)
        if col == self.SCORE:
            return "" if r.score is None else f"{r.score:.2f}"
        if col == self.REVIEW:
            return self._review(r)
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r, col = self.row_at(index), index.column()
        if r is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.SizeHintRole and self.row_height and col == 0:
            return QSize(0, self.row_height)
        if role == Qt.ItemDataRole.ToolTipRole:
            full = {self.TEXT_A: r.text_a, self.TEXT_B: r.text_b, self.WHY: r.explanation,
                    self.WHERE: self._where(r)}
            if col in full and full[col]:
                return theme.plain_tip(full[col])
            if col == self.TYPE:
                return theme.LOOKS[r.kind].description
            return None
        if role == Qt.ItemDataRole.BackgroundRole and col == self.TYPE:
            return theme.status_colour(r.kind, dark=self._dark)
        if role == Qt.ItemDataRole.FontRole and r.rejected:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            if col == self.SCORE:
                return -1.0 if r.score is None else r.score
            if col == self.TYPE:
                return ("conflict", "soft", "shared", "detail", "added").index(r.kind)
            if col == self.WHERE:
                return f"{r.a[0]:04d}{r.a[1]:06d}"
            return self._display(r, col).lower()
        if role == ROW_ROLE:
            return r
        if role == KIND_ROLE:
            return r.kind
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class FactsFilter:
    """The choices of the facts list's filter box: label -> which rows pass."""

    ALL = "Conflicts and facts"  #: everything; details fold under their fact
    CONFLICTS = "Conflicts"
    ADDED = "Added facts"
    SHARED = "Shared"
    UNREVIEWED = "Conflicts to review"
    REVIEWED = "Reviewed"
    CHOICES = (ALL, CONFLICTS, UNREVIEWED, ADDED, SHARED, REVIEWED)

    @staticmethod
    def passes(choice: str, r: FactRow) -> bool:
        if choice == FactsFilter.CONFLICTS:
            return r.kind in ("conflict", "soft")
        if choice == FactsFilter.UNREVIEWED:
            return r.kind in ("conflict", "soft") and r.decision is None and not r.rejected
        if choice == FactsFilter.ADDED:
            return r.kind in ("added", "detail")
        if choice == FactsFilter.SHARED:
            return r.kind == "shared"
        if choice == FactsFilter.REVIEWED:
            return r.decision is not None or r.manual
        return True


class FactsProxy(QSortFilterProxyModel):
    """Sorting and filtering of the facts list: by kind/status and by words.

    Signals:
        filterChanged(): the kind filter or the search words changed.
    """

    filterChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choice = FactsFilter.ALL
        self._words = ""
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setRecursiveFilteringEnabled(True)  # a fact stays if one of its details passes

    def set_choice(self, choice: str) -> None:
        if choice not in FactsFilter.CHOICES:
            raise ValueError(choice)
        self.beginFilterChange()
        self._choice = choice
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.filterChanged.emit()

    def set_words(self, words: str) -> None:
        self.beginFilterChange()
        self._words = words.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.filterChanged.emit()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, FactsModel):
            return False
        r = model.row_at(model.index(source_row, 0, source_parent))
        if r is None or not FactsFilter.passes(self._choice, r):
            return False
        if self._words:
            hay = " ".join((r.text_a, r.text_b, r.explanation)).lower()
            return all(w in hay for w in self._words.split())
        return True


@dataclass(frozen=True)
class _Cell:
    kind: str  #: "shared", "added", "conflict" or "" (the outlet does not report it)
    refs: tuple[Ref, ...]


class CoverageModel(QAbstractTableModel):
    """Every fact group against every outlet: shared, only here, conflicting, or missing."""

    WORDS = {"shared": "shared", "added": "only here", "conflict": "conflict", "": "—"}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._facts: list[str] = []
        self._cells: list[list[_Cell]] = []
        self._dark = False

    def set_comparison(self, view: Comparison | None, *, dark: bool = False) -> None:
        self.beginResetModel()
        self._dark = dark
        self._labels, self._facts, self._cells = [], [], []
        if view is not None:
            self._labels = [a.label for a in view.articles]
            for group in view.groups:
                by_art: dict[int, list[Ref]] = {}
                for ref in group.members:
                    by_art.setdefault(ref[0], []).append(ref)
                row = []
                for k in range(len(view.articles)):
                    refs = tuple(by_art.get(k, ()))
                    if not refs:
                        kind = ""
                    elif len(by_art) == 1:
                        kind = "added"
                    elif any(view.status(r) is Status.CONFLICT for r in refs):
                        kind = "conflict"
                    else:
                        kind = "shared"
                    row.append(_Cell(kind, refs))
                self._cells.append(row)
                self._facts.append(view.sentence(group.members[0]).text)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._labels else 1 + len(self._labels)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and 1 <= section <= len(self._labels)
        ):
            return theme.plain_tip(self._labels[section - 1])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section == 0:
                return "Fact"
            if 1 <= section <= len(self._labels):
                return self._labels[section - 1]
        elif 0 <= section < len(self._cells):
            return str(section + 1)
        return None

    def cell(self, row: int, column: int) -> tuple[str, tuple[Ref, ...]]:
        """(kind, refs) of a cell; column 0 gives the group's first member."""
        if column == 0:
            refs = next((c.refs for c in self._cells[row] if c.refs), ())
            return "", refs[:1]
        c = self._cells[row][column - 1]
        return c.kind, c.refs

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._cells)):
            return None
        row, col = index.row(), index.column()
        if col == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return clip(self._facts[row], 110)
            if role == Qt.ItemDataRole.ToolTipRole:
                return theme.plain_tip(self._facts[row])
            if role == SORT_ROLE:
                return row
            return None
        cell = self._cells[row][col - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            sym = theme.LOOKS[cell.kind].symbol + " " if cell.kind else ""
            return sym + self.WORDS[cell.kind]
        if role == Qt.ItemDataRole.BackgroundRole and cell.kind:
            return theme.status_colour(cell.kind, dark=self._dark)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if not cell.kind:
                return theme.plain_tip(f"{self._labels[col - 1]} does not report this fact")
            return theme.plain_tip(f"{self._labels[col - 1]}: {self.WORDS[cell.kind]}")
        if role == SORT_ROLE:
            return ("conflict", "added", "shared", "").index(cell.kind)
        if role == KIND_ROLE:
            return cell.kind
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ArticlesModel(QAbstractTableModel):
    """The loaded articles; outlet, title and date are edited in place.

    Signals:
        editRequested(int, dict): the user edited a row (index, fields for Article).
    """

    editRequested = Signal(int, dict)
    COLUMNS = ("Outlet", "Title", "Date", "Source", "Sentences")
    OUTLET, TITLE, DATE, SOURCE, SENTENCES = range(5)
    _FIELDS = {OUTLET: "outlet", TITLE: "title", DATE: "date"}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._articles: list[Any] = []
        self._sentences: list[int | None] = []

    def set_articles(self, articles: Any, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self._articles = list(articles)
        if comparison is not None and len(comparison.sentences) == len(self._articles):
            self._sentences = [len(s) for s in comparison.sentences]
        else:
            self._sentences = [None] * len(self._articles)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._articles)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._articles):
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._articles)):
            return None
        art, col = self._articles[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.OUTLET:
                return art.outlet
            if col == self.TITLE:
                return art.title
            if col == self.DATE:
                return art.date.isoformat() if art.date else ""
            if col == self.SOURCE:
                return art.source
            if col == self.SENTENCES:
                n = self._sentences[index.row()]
                return "" if n is None else str(n)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.DATE:
                return "Publication date (YYYY-MM-DD); relative dates in the text use it"
            if col == self.SOURCE:
                return theme.plain_tip(art.url or art.source)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in self._FIELDS:
            return False
        text = str(value).strip()
        name = self._FIELDS[index.column()]
        new: Any = text
        if name == "date":
            new = parse_user_date(text)
            if new is None and text:
                return False
        self.editRequested.emit(index.row(), {name: new})
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in self._FIELDS:
            base |= Qt.ItemFlag.ItemIsEditable
        return base


def parse_user_date(text: str) -> dt.date | None:
    """A date the user typed: ISO first, then the loaders' parser (written forms)."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    from factdiff.core.loaders import parse_date

    return parse_date(text)
