"""The ``factdiff`` command: ``compare`` and ``export`` run headless; anything else opens the app.

    factdiff [FILE ...]                      open the app (comparing FILEs if given)
    factdiff compare A B [C ...] [--json OUT] [--threshold X] [--session OUT]
    factdiff export SESSION --pdf OUT.pdf    (also --html, --csv, --json)

``compare`` imports only ``factdiff.core``: no Qt is loaded for it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from factdiff.core.errors import FactdiffError, LoadError

log = logging.getLogger("factdiff")

SUBCOMMANDS = ("compare", "export", "gui")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="factdiff", description="Compare news articles fact by fact.")
    p.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = p.add_subparsers(dest="command")

    c = sub.add_parser("compare", help="compare two or more articles and print a summary")
    c.add_argument(
        "articles",
        nargs="+",
        metavar="ARTICLE",
        help="files (txt, md, html, pdf, docx), http(s) URLs, or - for stdin",
    )
    c.add_argument("--json", metavar="OUT", type=Path, help="write the comparison as JSON")
    c.add_argument("--session", metavar="OUT", type=Path, help="write a .factdiff session")
    c.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="combined score a sentence pair needs to count as the same fact "
        "(default %(default)s: the engine's default)",
    )
    c.add_argument("--quiet", "-q", action="store_true", help="print only the counts")
    c.add_argument(
        "--encoder",
        choices=("auto", "onnx", "onnx-int8", "torch"),
        default=None,
        help="sentence encoder: auto (ONNX, else torch), onnx, onnx-int8 or torch "
        "(sentence-transformers, the reference); default auto, or $FACTDIFF_ENCODER",
    )

    e = sub.add_parser("export", help="export a saved session headless")
    e.add_argument("session", type=Path, help="a .factdiff session file")
    e.add_argument("--pdf", type=Path, metavar="OUT")
    e.add_argument("--html", type=Path, metavar="OUT")
    e.add_argument("--csv", type=Path, metavar="OUT")
    e.add_argument("--json", type=Path, metavar="OUT")
    e.add_argument("--layout", choices=("columns", "sequential"), default="columns")
    e.add_argument("--page-size", choices=("A4", "Letter"), default="A4")

    g = sub.add_parser("gui", help="open the app")
    g.add_argument("files", nargs="*", help="articles or a .factdiff session to open")
    return p


def load_article(spec: str):  # type: ignore[no-untyped-def]
    """Load one command-line argument: a path, an http(s) URL, or - for stdin."""
    from factdiff.core import loaders

    if spec == "-":
        data = sys.stdin.buffer.read()
        return loaders.load_bytes(data, source="stdin")
    if spec.startswith(("http://", "https://")):
        return loaders.load_url(spec)
    return loaders.load_path(spec)


def _progress(done: int, total: int, what: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{what}: {done}/{total}   ", end="", file=sys.stderr, flush=True)


def _clip(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


#: How the summary counts sentences of each status.
_STATUS_WORDS = {"shared": "shared", "added": "added", "conflict": "in conflict"}


def print_summary(cmp, *, quiet: bool = False) -> None:  # type: ignore[no-untyped-def]
    """The readable summary: counts per status, then every conflict with both wordings."""
    from factdiff.core.model import SHOW_LEVEL, Status

    def tally(per: dict) -> str:  # type: ignore[type-arg]
        # sentences per status: "2 in conflict" (not "2 conflict")
        return ", ".join(f"{per[st]} {_STATUS_WORDS[st]}" for st in Status)

    counts = cmp.counts()
    print(
        f"{len(cmp.articles)} articles, {sum(len(s) for s in cmp.sentences)} sentences, "
        f"{len(cmp.links)} links (threshold {cmp.settings.threshold:.2f})"
    )
    for i, art in enumerate(cmp.articles):
        per = {st: 0 for st in Status}
        for st in cmp.statuses(i):
            per[st] += 1
        date = art.date.isoformat() if art.date else "no date"
        print(f"  [{i + 1}] {art.label} ({date}): {tally(per)}")
    print(f"Total: {tally(counts)}")
    if quiet:
        return
    found = list(cmp.conflicts())
    print(f"\n{len(found)} conflict{'' if len(found) == 1 else 's'}")
    for n, (link, c) in enumerate(found, 1):
        a_art, b_art = cmp.articles[link.a[0]], cmp.articles[link.b[0]]
        soft = (
            " (softer: not a contradiction)"
            if c.soft
            else f" (possible: under the show level {SHOW_LEVEL:.2f})"
            if c.possible
            else ""
        )
        print(f"\n{n}. {c.kind.value}{soft}: {c.explanation}  [confidence {c.confidence:.2f}]")
        print(f"   {a_art.label}: {_clip(cmp.sentence(link.a).text)}")
        print(f"   {b_art.label}: {_clip(cmp.sentence(link.b).text)}")


def cmd_compare(args: argparse.Namespace) -> int:
    from factdiff.core.compare import compare
    from factdiff.core.jsonio import write_json
    from factdiff.core.model import Settings

    if len(args.articles) < 2:
        raise FactdiffError("compare needs at least two articles")
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:  # also catches nan
        raise FactdiffError(f"--threshold must be between 0 and 1, not {args.threshold}")
    articles = [load_article(spec) for spec in args.articles]
    if args.encoder:
        from factdiff.core.embed import use_backend

        use_backend(args.encoder)
    settings = Settings() if args.threshold is None else Settings(threshold=args.threshold)
    cmp = compare(articles, settings=settings, progress=_progress)
    if sys.stderr.isatty():
        print("\r" + " " * 60 + "\r", end="", file=sys.stderr)
    from factdiff.core.language import looks_english, not_english_note

    for art in articles:  # said once there is a result (a refused input gets one line)
        if not looks_english(art.text):
            print(f"warning: {not_english_note(art.label)}", file=sys.stderr)
    print_summary(cmp, quiet=args.quiet)
    if args.json:
        try:
            write_json(cmp, args.json)
        except OSError as err:
            raise FactdiffError(f"{args.json}: cannot write: {err.strerror or err}") from err
        print(f"\nwrote {args.json}")
    if args.session:
        write_session_from_cli(cmp, args.session)
        print(f"wrote {args.session}")
    return 0


def write_session_from_cli(comparison, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Write a fresh session (no review decisions yet) for ``comparison``."""
    from factdiff.core import session

    session.save_session(path, session.new_session(comparison))


def cmd_export(args: argparse.Namespace) -> int:
    """Export a saved session: PDF and HTML need Qt (offscreen), CSV and JSON do not."""
    from factdiff.gui.export import export_files

    written = export_files(
        args.session,
        pdf=args.pdf,
        html_path=args.html,
        csv_path=args.csv,
        json_path=args.json,
        layout=args.layout,
        page_size=args.page_size,
    )
    for path in written:
        print(f"wrote {path}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in SUBCOMMANDS and not argv[0].startswith("-")):
        argv = ["gui", *argv]
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        if args.command == "compare":
            return cmd_compare(args)
        if args.command == "export":
            return cmd_export(args)
        from factdiff.gui import modelproc

        modelproc.start_early()  # before Qt is imported: it loads while the window is built
        from factdiff.gui.app import main as gui_main

        return gui_main(list(args.files))
    except LoadError as err:
        print(f"factdiff: {err}", file=sys.stderr)
        return 2
    except FactdiffError as err:
        print(f"factdiff: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("factdiff: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
