"""Sessions: round trips, atomic saves that never lose the previous file, clear errors for
bad files, the v0 -> v1 migration, autosave. No model: comparisons are built by hand or
by ``compare_embeddings`` on crafted vectors."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from builders import sentences_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdiff.core import session as sm
from factdiff.core.errors import SessionError
from factdiff.core.jsonio import comparison_to_dict
from factdiff.core.model import (
    LEGACY_SCORER,
    Article,
    Comparison,
    Conflict,
    ConflictKind,
    Link,
    Settings,
    Span,
    Status,
)
from factdiff.core.review import Decision, Review, conflict_key, link_key

A_TEXT = (
    "Blinken may meet Wang Yi this Friday in Munich.\n"
    "The balloon flew over Montana for three days.\n"
    "China called it a weather balloon."
)
B_TEXT = (
    "Blinken met Wang Yi on Saturday in Munich, officials said.\n"
    "The balloon flew over Montana for five days.\n"
    "Talks lasted an hour."
)


def span_of(text: str, word: str) -> Span:
    at = text.index(word)
    return Span(at, at + len(word))


def conflict(kind: ConflictKind, a_word: str, b_word: str, why: str) -> Conflict:
    return Conflict(
        kind=kind,
        a_span=span_of(A_TEXT, a_word),
        b_span=span_of(B_TEXT, b_word),
        a_text=a_word,
        b_text=b_word,
        explanation=why,
        confidence=0.9,
    )


def make_comparison(settings: Settings | None = None) -> Comparison:
    arts = (
        Article(A_TEXT, outlet="VOA", title="Possible meeting", date=dt.date(2023, 2, 15)),
        Article(B_TEXT, outlet="CNN", title="They met", date=dt.date(2023, 2, 18), url="https://x"),
    )
    links = (
        Link(
            a=(0, 0),
            b=(1, 0),
            score=0.81,
            status=Status.CONFLICT,
            conflicts=(
                conflict(ConflictKind.DATE, "Friday", "Saturday", "Friday vs Saturday"),
                conflict(ConflictKind.CERTAINTY, "may meet", "met", "possible vs done"),
            ),
            b_details=(span_of(B_TEXT, "officials said"),),
        ),
        Link(
            a=(0, 1),
            b=(1, 1),
            score=0.9,
            status=Status.CONFLICT,
            conflicts=(conflict(ConflictKind.NUMBER, "three", "five", "3 days vs 5 days"),),
        ),
    )
    return Comparison(
        articles=arts,
        sentences=(sentences_of(A_TEXT), sentences_of(B_TEXT)),
        candidates=(),
        links=links,
        groups=(),
        settings=settings or Settings(),
    )


def make_review(cmp: Comparison) -> Review:
    first = cmp.links[0]
    return (
        Review()
        .decide_link(first.key, Decision.CONFIRMED)
        .decide_conflict(conflict_key(first, first.conflicts[1]), Decision.REJECTED)
        .decide_link(cmp.links[1].key, Decision.REJECTED)
        .add_link((0, 2), (1, 2))
        .set_note((0, 0), "Check the date with the <b>desk</b> & VOA")
        .set_note((1, 2), "Only CNN has the length of the talks.")
    )


def make_session(**kw) -> sm.Session:  # type: ignore[no-untyped-def]
    cmp = make_comparison()
    return replace(sm.new_session(cmp, review=make_review(cmp)), **kw)


def saved(tmp_path: Path, s: sm.Session | None = None, name: str = "s.factdiff") -> Path:
    path = tmp_path / name
    sm.save_session(path, s or make_session())
    return path


def same_view(a: sm.Session, b: sm.Session) -> None:
    """Everything the view shows is equal (the comparison via its JSON, which rounds scores)."""
    assert a.articles == b.articles
    assert a.pair == b.pair
    assert a.settings == b.settings
    assert a.review == b.review
    assert (a.created, a.modified) == (b.created, b.modified)
    assert (a.comparison is None) == (b.comparison is None)
    if a.comparison is not None and b.comparison is not None:
        assert comparison_to_dict(a.comparison) == comparison_to_dict(b.comparison)


# -- round trips ---------------------------------------------------------------------------


def test_dict_round_trip_keeps_everything() -> None:
    s = make_session(pair=(1, 0))
    data = json.loads(json.dumps(sm.session_to_dict(s)))
    assert data["format"] == sm.FORMAT and data["version"] == sm.VERSION
    back = sm.session_from_dict(data)
    same_view(s, back)
    assert back.review.notes[(0, 0)] == "Check the date with the <b>desk</b> & VOA"
    assert sm.session_to_dict(back) == data


def test_file_is_json_not_pickle(tmp_path: Path) -> None:
    path = saved(tmp_path)
    raw = path.read_bytes()
    assert raw.startswith(b"{")
    data = json.loads(raw.decode("utf-8"))
    assert data["articles"][1]["text"] == B_TEXT
    assert data["review"]["notes"][0]["text"].startswith("Check the date")


def test_save_and_load_restore_the_view_without_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import factdiff.core.compare as compare_mod

    def no_model(*a, **k):  # type: ignore[no-untyped-def]
        raise AssertionError("the model must not run when reopening an unchanged session")

    monkeypatch.setattr(compare_mod, "compare", no_model)
    s = make_session(pair=(1, 0))
    back = sm.load_session(saved(tmp_path, s))
    same_view(s, back)
    assert not sm.needs_recompute(back)
    before, after = s.reviewed(), back.reviewed()
    assert before is not None and after is not None
    for art in range(2):
        assert before.statuses(art) == after.statuses(art)
    assert [lk.key for lk in before.links] == [lk.key for lk in after.links]
    assert [(lk.key, lk.manual) for lk in after.links if lk.manual] == [
        (link_key((0, 2), (1, 2)), True)
    ]


def test_crafted_vector_comparison_round_trips(tmp_path: Path) -> None:
    """A real engine result (compare_embeddings on crafted vectors) survives save + load."""
    from factdiff.core.compare import compare_embeddings

    arts = make_comparison().articles
    sents = [sentences_of(A_TEXT), sentences_of(B_TEXT)]
    eye = np.eye(4, dtype=np.float32)
    emb = [eye[[0, 1, 2]], eye[[0, 1, 3]]]  # 0<->0 and 1<->1 are the same fact
    cmp = compare_embeddings(arts, sents, emb, settings=Settings(semantic_weight=1.0))
    assert {lk.key for lk in cmp.links} >= {((0, 0), (1, 0)), ((0, 1), (1, 1))}
    review = (
        Review()
        .set_note((0, 1), "numbers differ")
        .decide_link(cmp.links[0].key, Decision.CONFIRMED)
    )
    s = sm.new_session(cmp, review=review)
    back = sm.load_session(saved(tmp_path, s))
    same_view(s, back)
    assert not sm.needs_recompute(back)
    assert back.reviewed().statuses(0) == s.reviewed().statuses(0)  # type: ignore[union-attr]


def test_session_without_comparison_round_trips(tmp_path: Path) -> None:
    arts = make_comparison().articles
    s = sm.Session(articles=arts)
    back = sm.load_session(saved(tmp_path, s))
    same_view(s, back)
    assert back.comparison is None and sm.needs_recompute(back)


# -- needs_recompute -------------------------------------------------------------------------


def test_needs_recompute_tracks_texts_and_settings() -> None:
    s = make_session()
    assert not sm.needs_recompute(s)
    retitled = replace(s.articles[0], title="A better title", outlet="Voice of America")
    assert not sm.needs_recompute(replace(s, articles=(retitled, s.articles[1])))
    edited = replace(s.articles[1], text=B_TEXT.replace("five", "six"))
    assert sm.needs_recompute(replace(s, articles=(s.articles[0], edited)))
    assert sm.needs_recompute(replace(s, settings=Settings(threshold=0.6)))
    assert sm.needs_recompute(replace(s, articles=(*s.articles, s.articles[0]), pair=(0, 2)))
    assert sm.needs_recompute(replace(s, comparison=None))


# -- atomic saves ------------------------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_full_disk_keeps_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved(tmp_path)
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    changed = make_session(review=Review().set_note((0, 0), "new note"))
    with pytest.raises(SessionError, match="disk is full") as info:
        sm.save_session(path, changed)
    assert "s.factdiff" in str(info.value) and "unchanged" in str(info.value)
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []
    monkeypatch.undo()
    same_view(sm.load_session(path), make_session())


def test_short_write_keeps_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills part-way through writing the data: nothing is lost."""
    path = saved(tmp_path)
    before = path.read_bytes()
    real_fdopen = os.fdopen

    class FillsUp:
        def __init__(self, fh) -> None:  # type: ignore[no-untyped-def]
            self.fh = fh

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc) -> None:  # type: ignore[no-untyped-def]
            self.fh.close()

        def write(self, data: bytes) -> int:
            self.fh.write(data[:100])
            self.fh.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FillsUp(real_fdopen(fd, mode)))
    big = make_session(review=Review().set_note((0, 0), "x" * 100_000))
    with pytest.raises(SessionError, match="disk is full"):
        sm.save_session(path, big)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_read_only_folder_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import factdiff.core.atomic as atomic

    path = saved(tmp_path)
    before = path.read_bytes()

    def denied(*a, **k):  # type: ignore[no-untyped-def]
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    with pytest.raises(SessionError, match="permission denied") as info:
        sm.save_session(path, make_session(pair=(1, 0)))
    assert str(tmp_path) in str(info.value)
    assert path.read_bytes() == before


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root can write into read-only folders; the simulated test covers it",
)
def test_read_only_folder_real(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = saved(folder)
    before = path.read_bytes()
    folder.chmod(0o555)
    try:
        with pytest.raises(SessionError, match="permission denied"):
            sm.save_session(path, make_session(pair=(1, 0)))
    finally:
        folder.chmod(0o755)
    assert path.read_bytes() == before


def test_failed_rename_keeps_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved(tmp_path)
    before = path.read_bytes()

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt  # e.g. Ctrl+C between the write and the rename

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        sm.save_session(path, make_session(pair=(1, 0)))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_saving_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="folder does not exist"):
        sm.save_session(tmp_path / "nope" / "s.factdiff", make_session())


def test_unserialisable_values_never_reach_the_file(tmp_path: Path) -> None:
    path = saved(tmp_path)
    before = path.read_bytes()
    cmp = make_comparison()
    bad = replace(cmp, links=(replace(cmp.links[0], score=float("nan")), cmp.links[1]))
    with pytest.raises(SessionError, match="cannot save"):
        sm.save_session(path, replace(make_session(), comparison=bad))
    assert path.read_bytes() == before


KILLER = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    sys.path.insert(0, {tests!r})
    from test_session import make_session
    from factdiff.core.review import Review
    from factdiff.core import session as sm
    path = {path!r}
    a = make_session(review=Review().set_note((0, 0), "A" * 3_000_000))
    b = make_session(review=Review().set_note((0, 0), "B" * 3_000_000))
    print("ready", flush=True)
    n = 0
    while True:
        sm.save_session(path, a if n % 2 else b)
        n += 1
    """
)


def test_kill_during_save_leaves_a_whole_file(tmp_path: Path) -> None:
    """SIGKILL a process that keeps saving: the file is always one whole session."""
    path = tmp_path / "s.factdiff"
    sm.save_session(path, make_session(review=Review().set_note((0, 0), "old")))
    script = KILLER.format(tests=str(Path(__file__).parent), path=str(path))
    for delay in (0.05, 0.2, 0.45):
        proc = subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready", proc.stderr.read()  # type: ignore[union-attr]
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()  # type: ignore[union-attr]
        note = sm.load_session(path).review.notes[(0, 0)]
        assert note in ("old", "A" * 3_000_000, "B" * 3_000_000)


# -- bad files -----------------------------------------------------------------------------


def write_json(tmp_path: Path, data: object, name: str = "session.factdiff") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def good_dict() -> dict:  # type: ignore[type-arg]
    return json.loads(json.dumps(sm.session_to_dict(make_session())))


def load_error(path: Path) -> str:
    before = path.read_bytes()
    stamp = path.stat().st_mtime_ns
    with pytest.raises(SessionError) as info:
        sm.load_session(path)
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp  # never touched
    return str(info.value)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["articles"][1].pop("text"), "field 'articles[1].text' is missing"),
        (lambda d: d["articles"][0].update(text=42), "field 'articles[0].text' should be text"),
        (lambda d: d.pop("articles"), "field 'articles' is missing"),
        (lambda d: d.update(articles={}), "field 'articles' should be a list, not an object"),
        (
            lambda d: d["articles"][0].update(date="2023-02-30"),
            "field 'articles[0].date' is not a date",
        ),
        (
            lambda d: d["articles"][0].update(text="edited by hand"),
            "field 'articles[0].text' does not match its sha256",
        ),
        (lambda d: d["settings"].update(threshold="high"), "field 'settings.threshold' should be"),
        (lambda d: d["settings"].update(threshold=1.5), "field 'settings' is out of range"),
        (
            lambda d: d["settings"].update(max_fanout=2.5),
            "field 'settings.max_fanout' should be a whole number",
        ),
        (lambda d: d.update(pair=[0, 0]), "field 'pair' should name two different articles"),
        (lambda d: d.update(pair=[0, 5]), "field 'pair' names article 5"),
        (lambda d: d.update(pair="0,1"), "field 'pair' should be a list"),
        (lambda d: d.update(created="yesterday"), "field 'created' is not an ISO date"),
        (
            lambda d: d["review"]["notes"][0].update(ref=[7, 0]),
            "field 'review.notes[0].ref' names article 7",
        ),
        (
            lambda d: d["review"]["links"][0].update(decision="maybe"),
            "field 'review.links[0].decision' should be 'confirmed' or 'rejected'",
        ),
        (
            lambda d: d["review"]["notes"][1].pop("text"),
            "field 'review.notes[1].text' is missing",
        ),
        (
            lambda d: d["comparison"]["articles"][1]["sentences"][0].update(end=10_000),
            "field 'comparison.articles[1].sentences[0]' span",
        ),
        (
            lambda d: d["comparison"]["links"][0].update(a=[0]),
            "field 'comparison.links[0].a' should be [article, sentence]",
        ),
        (
            lambda d: d["comparison"]["links"][0]["conflicts"][0].pop("b_text"),
            "field 'comparison.links[0].conflicts[0].b_text' is missing",
        ),
        (
            lambda d: d["comparison"]["links"][0].update(status="agree"),
            "field 'comparison' is not valid",
        ),
        (lambda d: d.update(version="1"), "field 'version' should be a whole number"),
        (lambda d: d.update(version=-1), "unknown session format version -1"),
        (lambda d: d.update(format="other.app"), "not a factdiff session"),
    ],
)
def test_hand_edited_file_names_the_field(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    data = good_dict()
    edit(data)
    msg = load_error(write_json(tmp_path, data))
    assert msg.startswith("session.factdiff: ")
    assert message in msg


def test_newer_version_is_refused_clearly(tmp_path: Path) -> None:
    data = good_dict()
    data["version"] = sm.VERSION + 1
    data["something_new"] = {"x": 1}
    msg = load_error(write_json(tmp_path, data))
    assert "newer factdiff" in msg and "update factdiff" in msg


def test_comparison_json_is_not_a_session(tmp_path: Path) -> None:
    msg = load_error(write_json(tmp_path, comparison_to_dict(make_comparison()), "cmp.json"))
    assert msg.startswith("cmp.json: this is a comparison exported as JSON, not a session")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not UTF-8 text"),
        (b"hello, I am a text file", "not a factdiff session (it is not JSON"),
        (b'{"format": "factdiff.session", "version": 1 "x": 2}', "the file is corrupt"),
        (b"[1, 2, 3]", "not a factdiff session (the JSON is a list)"),
        (b'{"format": "factdiff.session", "version": 1, "score": NaN}', "NaN is not allowed"),
        (b"[" * 100_000 + b"]" * 100_000, "corrupt"),
    ],
)
def test_not_a_session(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.factdiff"
    path.write_bytes(content)
    msg = load_error(path)
    assert msg.startswith("x.factdiff: ") and message in msg


def test_truncated_file_at_any_point(tmp_path: Path) -> None:
    full = saved(tmp_path).read_bytes()
    path = tmp_path / "cut.factdiff"
    cuts = sorted({*range(1, len(full), max(1, len(full) // 97)), len(full) - 2, len(full) - 1})
    for cut in cuts:
        path.write_bytes(full[:cut])
        msg = load_error(path)
        assert msg.startswith("cut.factdiff: "), msg
    path.write_bytes(full[: len(full) // 2])
    assert "truncated" in load_error(path)


def test_too_large_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved(tmp_path)
    monkeypatch.setattr(sm, "MAX_BYTES", 1000)
    assert "larger than the 1.0 kB a session may be" in load_error(path)
    with pytest.raises(SessionError, match="nothing was written"):
        sm.save_session(tmp_path / "big.factdiff", make_session())
    assert not (tmp_path / "big.factdiff").exists()


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="nope.factdiff: cannot read the file: no such file"):
        sm.load_session(tmp_path / "nope.factdiff")
    with pytest.raises(SessionError, match="cannot read the file"):
        sm.load_session(tmp_path)


def _mutations() -> st.SearchStrategy:  # type: ignore[type-arg]
    junk = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-3, 10**6),
        st.floats(allow_nan=False),
        st.text(max_size=5),
        st.lists(st.integers(-1, 3), max_size=3),
        st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    )
    return st.lists(st.tuples(st.integers(0, 10**6), st.booleans(), junk), min_size=1, max_size=4)


def _paths(node: object, here: tuple = ()) -> list[tuple]:  # type: ignore[type-arg]
    out = [here]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*here, k))
    elif isinstance(node, list):
        for i, v in enumerate(node[:4]):
            out += _paths(v, (*here, i))
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations())
def test_any_hand_edit_gives_a_session_or_a_session_error(edits) -> None:  # type: ignore[no-untyped-def]
    """Delete or replace any field with anything: never a crash, only SessionError."""
    data = good_dict()
    for pick, delete, value in edits:
        paths = [p for p in _paths(data) if p]
        path = paths[pick % len(paths)]
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if delete and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = value
    try:
        sm.session_from_dict(data)
    except SessionError:
        pass


# -- migration -----------------------------------------------------------------------------


def v0_dict() -> dict:  # type: ignore[type-arg]
    """A version-0 file: one ``saved`` time, no ``pair``, decisions in one flat list."""
    v1 = good_dict()
    cmp = make_comparison()
    first = cmp.links[0]
    return {
        "format": "factdiff.session",
        "version": 0,
        "saved": "2024-03-01T10:00:00+00:00",
        "settings": v1["settings"],
        "articles": v1["articles"],
        "comparison": v1["comparison"],
        "decisions": [
            {"type": "link", "a": [0, 0], "b": [1, 0], "decision": "confirmed"},
            {
                "type": "conflict",
                "a": [0, 0],
                "b": [1, 0],
                "kind": "certainty",
                "a_start": first.conflicts[1].a_span.start,
                "b_start": first.conflicts[1].b_span.start,
                "decision": "rejected",
            },
            {"type": "manual", "a": [0, 2], "b": [1, 2]},
            {"type": "note", "ref": [0, 0], "text": "old note"},
        ],
    }


def test_every_old_version_has_a_migration() -> None:
    assert set(sm.MIGRATIONS) == set(range(sm.VERSION))


def test_v0_file_migrates(tmp_path: Path) -> None:
    back = sm.load_session(write_json(tmp_path, v0_dict(), "old.factdiff"))
    cmp = make_comparison()
    first = cmp.links[0]
    assert back.pair == (0, 1)
    assert back.created == back.modified == "2024-03-01T10:00:00+00:00"
    assert back.review.links == {first.key: Decision.CONFIRMED}
    assert back.review.conflicts == {conflict_key(first, first.conflicts[1]): Decision.REJECTED}
    assert back.review.manual == (link_key((0, 2), (1, 2)),)
    assert back.review.notes == {(0, 0): "old note"}
    assert not sm.needs_recompute(back)
    # saving writes the current version; reading that again gives the same session
    again = sm.load_session(saved(tmp_path, back, "new.factdiff"))
    assert json.loads((tmp_path / "new.factdiff").read_text())["version"] == sm.VERSION
    same_view(back, again)


def test_v0_with_a_bad_decision_names_it(tmp_path: Path) -> None:
    data = v0_dict()
    data["decisions"][2]["type"] = "maybe"
    msg = load_error(write_json(tmp_path, data))
    assert "field 'decisions[2].type' is not a known decision type: 'maybe'" in msg
    data = v0_dict()
    del data["saved"]
    assert "field 'saved' is missing" in load_error(write_json(tmp_path, data))


# -- autosave -------------------------------------------------------------------------------


def test_autosave_cycle(factdiff_home: Path) -> None:
    path = sm.autosave_path()
    assert path.is_relative_to(factdiff_home)
    assert sm.pending_autosave() is None
    s = make_session(pair=(1, 0))
    sm.write_autosave(s)
    assert sm.pending_autosave() == path
    same_view(sm.load_session(path), s)
    sm.clear_autosave()
    assert sm.pending_autosave() is None
    sm.clear_autosave()  # nothing there: no error


def test_new_session_and_touch() -> None:
    cmp = make_comparison()
    s = sm.new_session(cmp)
    assert s.articles == cmp.articles and s.settings == cmp.settings and s.review.empty
    assert dt.datetime.fromisoformat(s.created).tzinfo is not None
    later = replace(s, modified="2000-01-01T00:00:00+00:00").touched()
    assert later.modified > "2000" and later.created == s.created
    with pytest.raises(ValueError):
        replace(s, pair=(0, 2))


def v1_dict(tmp_path: Path) -> dict:
    """A format-1 session: what factdiff wrote before the learned link scorer."""
    session = sm.new_session(make_comparison())
    data = json.loads(saved(tmp_path, session, "v2.factdiff").read_text())
    data["version"] = 1
    del data["settings"]["scorer"]
    cmp = data["comparison"]
    cmp["version"] = 1
    del cmp["settings"]["scorer"]
    for lk in cmp["links"]:
        del lk["a_unit"], lk["b_unit"]
    cmp["candidates"] = [c[:8] for c in cmp["candidates"]]
    return data


def test_v1_file_migrates_to_the_legacy_scorer(tmp_path: Path) -> None:
    data = v1_dict(tmp_path)
    back = sm.load_session(write_json(tmp_path, data, "old.factdiff"))
    assert back.settings.scorer == LEGACY_SCORER
    assert back.comparison is not None and back.comparison.settings.scorer == LEGACY_SCORER
    assert not sm.needs_recompute(back)  # opens as it was saved, without the model
    assert [lk.key for lk in back.comparison.links] == [lk.key for lk in make_comparison().links]
    assert all(lk.a_unit is None and lk.b_unit is None for lk in back.comparison.links)
    again = sm.load_session(saved(tmp_path, back, "new.factdiff"))
    assert json.loads((tmp_path / "new.factdiff").read_text())["version"] == sm.VERSION
    same_view(back, again)


def test_legacy_comparison_reclassifies_on_its_own_scale(tmp_path: Path) -> None:
    from factdiff.core.compare import reclassify

    back = sm.load_session(write_json(tmp_path, v1_dict(tmp_path), "old.factdiff"))
    assert back.comparison is not None
    lower = reclassify(back.comparison, threshold=0.0)
    assert lower.settings.scorer == LEGACY_SCORER and lower.settings.threshold == 0.0
