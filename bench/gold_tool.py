"""Helpers for labelling real article pairs by ../shared/devdata/PROTOCOL.md.

    python bench/gold_tool.py show EVENT OUTLET     # the article, one numbered paragraph a block
    python bench/gold_tool.py check [FILE ...]      # validate gold files (default: all)
    python bench/gold_tool.py coverage FILE         # sentences no label mentions, per side

Gold files live in bench/gold/<event>_<a>-<b>.json and hold short substrings only; the texts
are read from ../shared/devdata/basil-dev/ at run time and never copied into the project.
Needs only the standard library.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
DEVDATA = HERE.parent.parent / "shared" / "devdata" / "basil-dev"
KINDS = {"number", "date", "entity", "negation", "attribution", "certainty"}


def article_text(event: str, outlet: str) -> str:
    """The article body (front matter dropped), exactly as the loaders see it."""
    raw = (DEVDATA / event / f"{outlet}.md").read_text(encoding="utf-8")
    if raw.startswith("---"):
        end = raw.find("\n---", 3)
        raw = raw[end + 4 :]
    return raw


def show(event: str, outlet: str) -> None:
    text = article_text(event, outlet)
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    for n, p in enumerate(paras, 1):
        print(f"[{n}] {p}\n")


def _words(s: str) -> int:
    return len(s.split())


def check_file(path: Path) -> list[str]:
    errors: list[str] = []
    warn: list[str] = []
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return [f"{path.name}: not readable JSON: {err}"]
    for key in ("event", "a", "b", "shared", "conflict", "not_shared", "added_a", "added_b"):
        if key not in gold:
            errors.append(f"missing key {key!r}")
    if errors:
        return [f"{path.name}: {e}" for e in errors]
    texts = {side: article_text(gold["event"], gold[side]) for side in ("a", "b")}

    def once(side: str, sub: object, where: str) -> None:
        if not isinstance(sub, str) or not sub.strip():
            errors.append(f"{where}: not a non-empty string: {sub!r}")
            return
        n = texts[side].count(sub)
        if n != 1:
            errors.append(f"{where}: {sub!r} occurs {n} times in {gold[side]}")
        if not 3 <= _words(sub) <= 16:
            warn.append(f"{where}: {_words(sub)} words: {sub!r}")

    for n, pair in enumerate(gold["shared"]):
        if not (isinstance(pair, list) and len(pair) == 2):
            errors.append(f"shared[{n}]: not a pair")
            continue
        once("a", pair[0], f"shared[{n}].a")
        once("b", pair[1], f"shared[{n}].b")
    for n, pair in enumerate(gold["not_shared"]):
        if not (isinstance(pair, list) and len(pair) == 2):
            errors.append(f"not_shared[{n}]: not a pair")
            continue
        once("a", pair[0], f"not_shared[{n}].a")
        once("b", pair[1], f"not_shared[{n}].b")
    if len(gold["not_shared"]) > 5:
        errors.append("not_shared: more than 5 pairs")
    for n, c in enumerate(gold["conflict"]):
        once("a", c.get("a"), f"conflict[{n}].a")
        once("b", c.get("b"), f"conflict[{n}].b")
        if c.get("kind") not in KINDS:
            errors.append(f"conflict[{n}]: kind {c.get('kind')!r}")
        for side in ("a", "b"):
            tok = c.get(f"{side}_token")
            if not isinstance(tok, str) or tok not in texts[side]:
                errors.append(f"conflict[{n}].{side}_token {tok!r} not in {gold[side]}")
    for side in ("a", "b"):
        for n, sub in enumerate(gold[f"added_{side}"]):
            once(side, sub, f"added_{side}[{n}]")
    return [f"{path.name}: {e}" for e in errors] + [f"{path.name}: warning: {w}" for w in warn]


_END = re.compile(r"(?<=[.!?])[”\"’)]?\s+(?=[A-Z“\"‘(])")


_ABBR = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Lt|Gen|Col|Sgt|St|Jr|U\.S|Calif|Fla)|\b[A-Z])\.$"
)


def rough_sentences(text: str) -> list[str]:
    """A naive sentence split, good enough to spot what a gold file forgot."""
    out = []
    for para in text.split("\n\n"):
        pieces = [s.strip() for s in _END.split(para.strip()) if s.strip()]
        for piece in pieces:
            if out and _ABBR.search(out[-1]) and not out[-1].endswith("\n"):
                out[-1] += " " + piece
            else:
                out.append(piece)
        if out:
            out[-1] += "\n"
    return [s.strip() for s in out]


def coverage(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    used: dict[str, list[str]] = {"a": [], "b": []}
    for a, b in gold["shared"]:
        used["a"].append(a)
        used["b"].append(b)
    for c in gold["conflict"]:
        used["a"].append(c["a"])
        used["b"].append(c["b"])
    used["a"] += gold["added_a"]
    used["b"] += gold["added_b"]
    for side in ("a", "b"):
        missing = [
            s for s in rough_sentences(article_text(gold["event"], gold[side]))
            if not any(u in s or s in u for u in used[side]) and len(s.split()) > 3
        ]
        print(f"{gold[side]}: {len(missing)} sentences in no shared/conflict pair and not added")
        for s in missing:
            print("   -", s[:160])


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "coverage":
        coverage(Path(argv[1]))
        return 0
    if len(argv) >= 3 and argv[0] == "show":
        show(argv[1], argv[2])
        return 0
    if argv and argv[0] == "check":
        files = [Path(f) for f in argv[1:]] or sorted(GOLD.glob("*_*-*.json"))
        problems = []
        for f in files:
            problems += check_file(f)
        for p in problems:
            print(p)
        bad = [p for p in problems if ": warning: " not in p]
        print(f"{len(files)} files, {len(bad)} errors, {len(problems) - len(bad)} warnings")
        return 1 if bad else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
