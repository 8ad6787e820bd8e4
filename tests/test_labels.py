"""Articles are named by outlet, else file name: in labels, the CLI summary and every
explanation (never by the full path they were loaded from)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from factdiff.core.model import Article


@pytest.mark.parametrize(
    ("article", "label"),
    [
        (Article("x", outlet="VOA", title="T", source="/a/b/voa.md"), "VOA"),
        (Article("x", title="Balloon", source="/very/long/path/000_b8a0.txt"), "000_b8a0.txt"),
        (Article("x", source="C:\\Users\\me\\story.docx"), "story.docx"),
        (Article("x", source="https://example.com/world/balloon.html?utm=x#top"), "balloon.html"),
        (Article("x", source="https://example.com/"), "example.com"),
        (Article("x", title="Balloon", source="stdin"), "stdin"),
        (Article("x", title="Balloon"), "Balloon"),
        (Article("x"), "article"),
    ],
)
def test_label_is_outlet_else_file_name(article: Article, label: str) -> None:
    assert article.label == label


class WordEncoder:
    """Bag-of-words vectors: enough for the engine to link similar sentences, no model."""

    name = "words"

    def encode(self, texts: Sequence[str], **_kw: object) -> np.ndarray:
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for n, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:4], "little")
                out[n] += np.random.default_rng(seed).standard_normal(64).astype(np.float32)
            out[n] /= np.linalg.norm(out[n]) or 1.0
        return out


def test_summary_and_explanations_name_files_not_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from factdiff.core.compare import compare
    from factdiff.core.loaders import load_path
    from factdiff.gui.cli import print_summary

    folder = tmp_path.joinpath("a-very", "long", "folder", "of", "articles")
    folder.mkdir(parents=True)
    a, b = folder / "000_b8a0c1.txt", folder / "001_f3e9d2.txt"
    a.write_text("Blinken will meet Wang Yi this Friday in Munich.\n", encoding="utf-8")
    b.write_text("Blinken will meet Wang Yi on Saturday in Munich.\n", encoding="utf-8")
    cmp = compare([load_path(a), load_path(b)], encoder=WordEncoder())
    conflicts = list(cmp.conflicts())
    assert conflicts, "the day should conflict"
    for _link, c in conflicts:
        assert str(folder) not in c.explanation
        assert "000_b8a0c1.txt" in c.explanation
    print_summary(cmp)
    out = capsys.readouterr().out
    assert str(folder) not in out
    assert "000_b8a0c1.txt" in out and "001_f3e9d2.txt" in out


def test_summary_counts_read_as_english(capsys: pytest.CaptureFixture[str]) -> None:
    from factdiff.core.compare import compare
    from factdiff.core.loaders import load_text
    from factdiff.gui.cli import print_summary

    a = load_text("Blinken will meet Wang Yi this Friday in Munich.\n", source="a.txt")
    b = load_text("Blinken will meet Wang Yi on Saturday in Munich.\n", source="b.txt")
    cmp = compare([a, b], encoder=WordEncoder())
    print_summary(cmp)
    out = capsys.readouterr().out
    assert "Total: 0 shared, 0 added, 2 in conflict" in out
    assert "\n1 conflict\n" in out
