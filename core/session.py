"""Sessions: the articles, settings, comparison and every review decision, in one JSON file.

A ``.factdiff`` file is UTF-8 JSON (never pickle) with a ``format`` and a ``version``
(docs/session-format.md). Saving is atomic, so a failed or killed save leaves the previous
file as it was; loading checks every field and raises :class:`SessionError` naming the
file and the field that is wrong. Older files are upgraded through :data:`MIGRATIONS`;
newer ones are refused with a message that says so.

Reopening restores the view without the model: :func:`needs_recompute` is False while the
stored comparison still matches the articles' texts and the settings.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import logging
import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import SessionError
from .jsonio import SCHEMA as COMPARISON_SCHEMA
from .jsonio import article_to_dict, comparison_from_dict, comparison_to_dict, settings_to_dict
from .model import LEGACY_SCORER, Article, Comparison, Settings
from .review import Decision, Review

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "MIGRATIONS",
    "SUFFIX",
    "VERSION",
    "Session",
    "app_version",
    "autosave_path",
    "clear_autosave",
    "load_session",
    "needs_recompute",
    "new_session",
    "pending_autosave",
    "save_session",
    "session_from_dict",
    "session_to_dict",
    "write_autosave",
]

log = logging.getLogger(__name__)

#: An unpaired UTF-16 surrogate: JSON can escape one, UTF-8 cannot store it.
_SURROGATE = re.compile(r"[\ud800-\udfff]")

FORMAT = "factdiff.session"
VERSION = 2
SUFFIX = ".factdiff"
#: Largest session file :func:`load_session` reads (and :func:`save_session` writes).
#: A session of 50 long articles is about 5 MB; this leaves room and bounds memory.
MAX_BYTES = 200 * 1024 * 1024


def app_version() -> str:
    """The installed factdiff version, or ``"unknown"`` when run from a bare checkout."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("factdiff")
    except PackageNotFoundError:
        return "unknown"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Session:
    """Everything a reviewer's work consists of; immutable, like :class:`Review`.

    ``comparison`` is None before the first comparison ran. It may be stale (the articles
    or settings changed since): :func:`needs_recompute` tells. ``pair`` is the pair of
    articles the view shows.
    """

    articles: tuple[Article, ...]
    settings: Settings = field(default_factory=Settings)
    comparison: Comparison | None = None
    review: Review = field(default_factory=Review)
    pair: tuple[int, int] = (0, 1)
    created: str = field(default_factory=_now)  #: ISO 8601, when the session was made
    modified: str = field(default_factory=_now)  #: ISO 8601, last change
    app_version: str = field(default_factory=app_version)  #: factdiff that last saved it

    def __post_init__(self) -> None:
        object.__setattr__(self, "articles", tuple(self.articles))
        object.__setattr__(self, "pair", tuple(self.pair))
        for art in self.articles:
            if not isinstance(art, Article):
                raise TypeError("Session.articles must hold Article objects")
        a, b = self.pair
        if a == b or min(a, b) < 0:
            raise ValueError(f"pair {self.pair} must name two different articles")
        if len(self.articles) >= 2 and max(a, b) >= len(self.articles):
            raise ValueError(f"pair {self.pair}: the session has {len(self.articles)} articles")
        for stamp in (self.created, self.modified):
            dt.datetime.fromisoformat(stamp)  # raises ValueError on a bad timestamp

    def touched(self) -> Session:
        """This session with ``modified`` set to now (call on every change)."""
        return replace(self, modified=_now(), app_version=app_version())

    def reviewed(self) -> Comparison | None:
        """The comparison as the reviewer decided it (see :func:`~.review.apply_review`)."""
        from .review import apply_review

        return None if self.comparison is None else apply_review(self.comparison, self.review)


def new_session(comparison: Comparison, *, review: Review | None = None) -> Session:
    """A fresh session for a finished comparison (what ``factdiff compare --session`` saves)."""
    return Session(
        articles=comparison.articles,
        settings=comparison.settings,
        comparison=comparison,
        review=review or Review(),
    )


def needs_recompute(session: Session) -> bool:
    """True unless the stored comparison ran on exactly these texts (SHA-256) and settings.

    Metadata (outlet, title, date, URL) may differ: it does not change the result.
    """
    cmp = session.comparison
    if cmp is None or len(cmp.articles) != len(session.articles):
        return True
    if cmp.settings != session.settings:
        return True
    return any(a.digest != b.digest for a, b in zip(cmp.articles, session.articles, strict=True))


# -- to and from plain data -----------------------------------------------------------


def session_to_dict(s: Session) -> dict[str, Any]:
    """Plain JSON data for ``s``; :func:`session_from_dict` is its inverse."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "app_version": s.app_version,
        "created": s.created,
        "modified": s.modified,
        "pair": list(s.pair),
        "settings": settings_to_dict(s.settings),
        "articles": [article_to_dict(a) for a in s.articles],
        "comparison": None if s.comparison is None else comparison_to_dict(s.comparison),
        "review": s.review.to_dict(),
    }


# Field access that names the path of what is wrong: "articles[1].text".


def _tname(v: Any) -> str:
    if v is None:
        return "null"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "an object",
    }.get(type(v), type(v).__name__)


def _at(where: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


def _bad(where: str, problem: str) -> SessionError:
    return SessionError(f"field '{where}' {problem}")


def _obj(v: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(v, dict):
        raise _bad(where, f"should be an object, not {_tname(v)}")
    return v


def _list(v: Any, where: str) -> list[Any]:
    if not isinstance(v, list):
        raise _bad(where, f"should be a list, not {_tname(v)}")
    return v


def _need(d: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in d:
        raise _bad(_at(where, key), "is missing")
    return d[key]


def _str(d: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    v = _need(d, key, where) if default is None else d.get(key, default)
    if not isinstance(v, str):
        raise _bad(_at(where, key), f"should be text, not {_tname(v)}")
    if not v.isascii() and _SURROGATE.search(v):  # a "\ud800" escape: not storable as UTF-8
        raise _bad(_at(where, key), "holds an unpaired \\uD800-\\uDFFF escape, not valid text")
    return v


def _int(v: Any, where: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise _bad(where, f"should be a whole number, not {_tname(v)}")
    return v


def _num(v: Any, where: str) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        raise _bad(where, f"should be a number, not {_tname(v)}")
    return float(v)


def _ref(v: Any, where: str, n_articles: int) -> tuple[int, int]:
    items = _list(v, where)
    if len(items) != 2:
        raise _bad(where, "should be [article, sentence]")
    a, s = _int(items[0], _at(where, 0)), _int(items[1], _at(where, 1))
    if not 0 <= a < n_articles:
        raise _bad(where, f"names article {a}, but the session has {n_articles}")
    if s < 0:
        raise _bad(where, f"names sentence {s}")
    return (a, s)


def _stamp(d: Mapping[str, Any], key: str, where: str = "") -> str:
    v = _str(d, key, where)
    try:
        dt.datetime.fromisoformat(v)
    except ValueError:
        raise _bad(_at(where, key), f"is not an ISO date and time: {v!r}") from None
    return v


def _article_from(v: Any, where: str) -> Article:
    d = _obj(v, where)
    text = _str(d, "text", where)
    raw_date = d.get("date")
    date = None
    if raw_date is not None:
        if not isinstance(raw_date, str):
            raise _bad(_at(where, "date"), f"should be a date (YYYY-MM-DD), not {_tname(raw_date)}")
        try:
            date = dt.date.fromisoformat(raw_date)
        except ValueError:
            raise _bad(_at(where, "date"), f"is not a date (YYYY-MM-DD): {raw_date!r}") from None
    art = Article(
        text=text,
        outlet=_str(d, "outlet", where, ""),
        title=_str(d, "title", where, ""),
        date=date,
        url=_str(d, "url", where, ""),
        source=_str(d, "source", where, ""),
        encoding=_str(d, "encoding", where, "utf-8"),
    )
    if "sha256" in d and d["sha256"] != art.digest:
        raise _bad(
            _at(where, "text"),
            "does not match its sha256: it was changed outside factdiff "
            "(delete the 'sha256' line to accept the edit)",
        )
    return art


def _settings_from(v: Any, where: str) -> Settings:
    d = _obj(v, where)
    values: dict[str, Any] = {}
    for name in Settings.__dataclass_fields__:
        if name not in d:
            continue  # fields added later keep their defaults
        default = Settings.__dataclass_fields__[name].default
        if isinstance(default, str):
            values[name] = _str(d, name, where)
        elif isinstance(default, int) and not isinstance(default, bool):
            value = d[name]  # a whole number; JSON readers elsewhere may have written 2.0
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            values[name] = _int(value, _at(where, name))
        else:
            values[name] = _num(d[name], _at(where, name))
    try:
        return Settings(**values)
    except ValueError as err:
        raise _bad(where, f"is out of range: {err}") from None


def _check_review(v: Any, where: str, n_articles: int) -> Mapping[str, Any]:
    """Check the review's shape with precise paths, before :meth:`Review.from_dict`."""
    d = _obj(v, where)
    decisions = {x.value for x in Decision}
    for part, refs in (("links", ("a", "b")), ("conflicts", ("a", "b")), ("manual", ("a", "b"))):
        for i, item in enumerate(_list(d.get(part, []), _at(where, part))):
            here = _at(_at(where, part), i)
            item = _obj(item, here)
            for r in refs:
                _ref(_need(item, r, here), _at(here, r), n_articles)
            if part == "manual":
                if item["a"][0] == item["b"][0]:
                    raise _bad(here, "links an article to itself")
                continue
            decision = _need(item, "decision", here)
            if not isinstance(decision, str) or decision not in decisions:
                raise _bad(
                    _at(here, "decision"), f"should be 'confirmed' or 'rejected', not {decision!r}"
                )
            if part == "conflicts":
                _str(item, "kind", here)
                _int(_need(item, "a_start", here), _at(here, "a_start"))
                _int(_need(item, "b_start", here), _at(here, "b_start"))
    for i, item in enumerate(_list(d.get("notes", []), _at(where, "notes"))):
        here = _at(_at(where, "notes"), i)
        item = _obj(item, here)
        _ref(_need(item, "ref", here), _at(here, "ref"), n_articles)
        _str(item, "text", here)
    return d


def _check_comparison(v: Any, where: str) -> Mapping[str, Any]:
    """The comparison's shape with precise paths; :func:`comparison_from_dict` does the rest."""
    d = _obj(v, where)
    if d.get("schema") != COMPARISON_SCHEMA:
        raise _bad(_at(where, "schema"), f"should be {COMPARISON_SCHEMA!r}")
    for i, a in enumerate(_list(_need(d, "articles", where), _at(where, "articles"))):
        here = _at(_at(where, "articles"), i)
        a = _obj(a, here)
        text = _str(a, "text", here)
        for j, s in enumerate(_list(_need(a, "sentences", here), _at(here, "sentences"))):
            sh = _at(_at(here, "sentences"), j)
            s = _obj(s, sh)
            start = _int(_need(s, "start", sh), _at(sh, "start"))
            end = _int(_need(s, "end", sh), _at(sh, "end"))
            if not 0 <= start < end <= len(text):
                raise _bad(sh, f"span [{start}, {end}) is outside the text ({len(text)} chars)")
    n = len(d["articles"])
    for k, lk in enumerate(_list(_need(d, "links", where), _at(where, "links"))):
        here = _at(_at(where, "links"), k)
        lk = _obj(lk, here)
        _ref(_need(lk, "a", here), _at(here, "a"), n)
        _ref(_need(lk, "b", here), _at(here, "b"), n)
        _num(_need(lk, "score", here), _at(here, "score"))
        for m, c in enumerate(_list(lk.get("conflicts", []), _at(here, "conflicts"))):
            ch = _at(_at(here, "conflicts"), m)
            c = _obj(c, ch)
            for key in ("kind", "a_text", "b_text", "explanation"):
                _str(c, key, ch)
    _list(d.get("candidates", []), _at(where, "candidates"))
    _list(d.get("groups", []), _at(where, "groups"))
    return d


def session_from_dict(d: Mapping[str, Any]) -> Session:
    """Rebuild a session, upgrading older formats; raises :class:`SessionError` naming the
    field that is wrong (``field 'articles[1].text' is missing``)."""
    data = _obj(d, "(top level)")
    if data.get("format") != FORMAT:
        if data.get("schema") == COMPARISON_SCHEMA:
            raise SessionError(
                "this is a comparison exported as JSON, not a session: "
                "compare the articles again and save a session"
            )
        raise SessionError(f"not a factdiff session (format is {data.get('format')!r})")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _bad("version", f"should be a whole number, not {_tname(version)}")
    if version > VERSION:
        raise SessionError(
            f"saved by a newer factdiff (session format {version}; this factdiff reads up to "
            f"{VERSION}): update factdiff to open it"
        )
    data = migrate(data)

    articles = tuple(
        _article_from(a, _at("articles", i))
        for i, a in enumerate(_list(_need(data, "articles", ""), "articles"))
    )
    settings = _settings_from(_need(data, "settings", ""), "settings")
    pair_raw = _list(_need(data, "pair", ""), "pair")
    if len(pair_raw) != 2:
        raise _bad("pair", "should be two article numbers")
    pair = (_int(pair_raw[0], "pair[0]"), _int(pair_raw[1], "pair[1]"))
    if pair[0] == pair[1] or min(pair) < 0:
        raise _bad("pair", f"should name two different articles, not {list(pair)}")
    if len(articles) >= 2 and max(pair) >= len(articles):
        raise _bad("pair", f"names article {max(pair)}, but the session has {len(articles)}")

    comparison = None
    raw_cmp = _need(data, "comparison", "")
    if raw_cmp is not None:
        checked = _check_comparison(raw_cmp, "comparison")
        try:
            comparison = comparison_from_dict(checked)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as err:
            raise _bad("comparison", f"is not valid: {err}") from None
    n_for_refs = len(comparison.articles) if comparison is not None else len(articles)
    raw_review = _check_review(_need(data, "review", ""), "review", n_for_refs)
    try:
        review = Review.from_dict(raw_review)
    except (ValueError, TypeError, KeyError) as err:
        raise _bad("review", f"is not valid: {err}") from None

    return Session(
        articles=articles,
        settings=settings,
        comparison=comparison,
        review=review,
        pair=pair,
        created=_stamp(data, "created"),
        modified=_stamp(data, "modified"),
        app_version=_str(data, "app_version", "", "unknown"),
    )


# -- migrations: MIGRATIONS[v] turns a version-v dict into a version-(v + 1) dict ----------


def _v0_to_v1(d: Mapping[str, Any]) -> dict[str, Any]:
    """Version 0 (factdiff 0.0.x): one ``saved`` time, no ``pair``, and the review as a
    flat ``decisions`` list of ``{"type": "link"|"conflict"|"manual"|"note", ...}``."""
    out = {k: v for k, v in d.items() if k not in ("decisions", "saved")}
    saved = _stamp(d, "saved")
    review: dict[str, list[Any]] = {"links": [], "conflicts": [], "manual": [], "notes": []}
    for i, item in enumerate(_list(d.get("decisions", []), "decisions")):
        here = _at("decisions", i)
        item = _obj(item, here)
        kind = _need(item, "type", here)
        entry = {k: v for k, v in item.items() if k != "type"}
        if kind == "link":
            review["links"].append(entry)
        elif kind == "conflict":
            review["conflicts"].append(entry)
        elif kind == "manual":
            review["manual"].append(entry)
        elif kind == "note":
            review["notes"].append(entry)
        else:
            raise _bad(_at(here, "type"), f"is not a known decision type: {kind!r}")
    out.update(
        version=1,
        created=saved,
        modified=saved,
        pair=[0, 1],
        review=review,
        app_version=d.get("app_version", "unknown"),
    )
    return out


def _v1_to_v2(d: Mapping[str, Any]) -> dict[str, Any]:
    """Version 1 scored links with the hand-set ``weighted-v1`` combination: say so in the
    settings, so the stored comparison opens as it was and a new comparison is marked as
    needed (the learned scorer's probabilities are on another scale)."""
    out = dict(d)
    settings = dict(_obj(d.get("settings", {}), "settings"))
    settings.setdefault("scorer", LEGACY_SCORER)
    out["settings"] = settings
    out["version"] = 2
    return out


#: Upgrades, one version at a time; every entry has a test with a file of that version.
MIGRATIONS: dict[int, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
}


def migrate(d: Mapping[str, Any]) -> dict[str, Any]:
    """``d`` upgraded to :data:`VERSION` through :data:`MIGRATIONS`."""
    data = dict(d)
    while data["version"] < VERSION:
        step = MIGRATIONS.get(data["version"])
        if step is None:
            raise SessionError(f"unknown session format version {data['version']}")
        before = data["version"]
        data = step(data)
        log.info("migrated a session from format %d to %d", before, data["version"])
    return data


# -- files ---------------------------------------------------------------------------------


def _os_problem(err: OSError) -> str:
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied (is the folder read-only?)"
    if err.errno == errno.EROFS:
        return "the disk is read-only"
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if err.errno == errno.ENOENT:
        return "the folder does not exist"
    if err.errno == errno.EISDIR:
        return "that is a folder"
    return err.strerror or str(err)


def save_session(path: Path, session: Session) -> None:
    """Write ``session`` to ``path`` atomically (temp file in the same folder, synced,
    renamed). On any failure ``path`` is left exactly as it was and SessionError says why.
    """
    from .atomic import atomic_write_bytes

    path = Path(path)
    try:
        text = json.dumps(session_to_dict(session), ensure_ascii=False, indent=1, allow_nan=False)
        data = text.encode("utf-8")
    except UnicodeEncodeError as err:  # a lone surrogate: UTF-8 cannot hold it
        raise SessionError(
            f"{path.name}: cannot save the session: some text holds an invalid character "
            f"({err.object[err.start]!r}); nothing was written"
        ) from err
    except ValueError as err:  # NaN or infinity somewhere: JSON cannot hold it
        raise SessionError(f"{path.name}: cannot save the session: {err}") from err
    if len(data) > MAX_BYTES:
        raise SessionError(
            f"{path.name}: the session is {_size(len(data))}, more than the "
            f"{_size(MAX_BYTES)} a session may be; nothing was written"
        )
    try:
        atomic_write_bytes(path, data)
    except OSError as err:
        raise SessionError(
            f"could not save {path.name} in {path.parent}: {_os_problem(err)}; "
            "the previous file (if any) is unchanged"
        ) from err
    log.info("saved session %s (%d bytes)", path, len(data))


def _size(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n / 1024:.1f} kB"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a session")


def load_session(path: Path) -> Session:
    """Read a session file. Raises :class:`SessionError` ``"<file>: <problem>"`` for a file
    that is missing, too large, not JSON, truncated, hand-edited wrongly or not a session.
    Reads only: never writes or renames anything.
    """
    path = Path(path)
    name = path.name
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_BYTES:
                raise SessionError(
                    f"{name}: the file is {_size(size)}, larger than the "
                    f"{_size(MAX_BYTES)} a session may be; is it really a session?"
                )
            raw = fh.read(MAX_BYTES + 1)
    except OSError as err:
        problem = "no such file" if err.errno == errno.ENOENT else _os_problem(err)
        raise SessionError(f"{name}: cannot read the file: {problem}") from err
    if len(raw) > MAX_BYTES:
        raise SessionError(f"{name}: the file is larger than {_size(MAX_BYTES)}")
    if not raw.strip():
        raise SessionError(f"{name}: the file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SessionError(f"{name}: not a factdiff session (not UTF-8 text)") from None
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as err:
        if err.pos == len(text) - len(text.lstrip()):  # not even the first character
            raise SessionError(
                f"{name}: not a factdiff session (it is not JSON; sessions are .factdiff files)"
            ) from None
        if err.pos >= len(text.rstrip()) - 1 or "Unterminated" in err.msg:
            problem = "the file is truncated (it ends in the middle of the data)"
        else:
            problem = "the file is corrupt"
        raise SessionError(
            f"{name}: {problem}: JSON error at line {err.lineno}, column {err.colno}: {err.msg}"
        ) from None
    except (ValueError, RecursionError) as err:
        raise SessionError(f"{name}: the file is corrupt: {err}") from None
    if not isinstance(data, dict):
        raise SessionError(f"{name}: not a factdiff session (the JSON is {_tname(data)})")
    try:
        return session_from_dict(data)
    except SessionError as err:
        raise SessionError(f"{name}: {err}") from None
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as err:
        # A shape the field checks above did not foresee: still a message, never a crash.
        log.debug("unexpected session shape in %s", path, exc_info=True)
        raise SessionError(f"{name}: the session is not valid: {err}") from None


# -- autosave --------------------------------------------------------------------------


def autosave_path() -> Path:
    """Where the running app autosaves: ``<data dir>/autosave.factdiff``."""
    from .paths import data_dir

    return data_dir() / f"autosave{SUFFIX}"


def write_autosave(session: Session) -> None:
    """Save ``session`` to :func:`autosave_path` (atomically; raises SessionError)."""
    save_session(autosave_path(), session)


def pending_autosave() -> Path | None:
    """The autosave left by a session that did not end cleanly, or None.

    The app calls :func:`clear_autosave` when it closes normally (after saving or
    discarding), so a file here at startup means a crash or a kill: offer to restore it.
    """
    path = autosave_path()
    try:
        return path if path.is_file() and path.stat().st_size > 0 else None
    except OSError:
        return None


def clear_autosave() -> None:
    """Remove the autosave (after a clean close, a restore, or a refusal to restore)."""
    try:
        autosave_path().unlink(missing_ok=True)
    except OSError as err:
        log.warning("could not remove the autosave %s: %s", autosave_path(), err)
