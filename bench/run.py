"""Engine benchmark: cold and warm comparison time, the encoding floor, the cache, memory.

    .venv/bin/python bench/run.py [--runs 3]

For each set (the seeds, 3 and 10 articles of ~800 words) it reports, as medians of
--runs runs:
- cold: a fresh process that imports factdiff, loads the model and compares (empty cache);
  its peak RSS is the memory figure;
- warm: compare() in this process with the model already loaded and an empty cache;
- floor: the model alone encoding the same sentences, in this same process (the bound);
- repeat: the same comparison again, now served from the embedding cache;
- facts: the share of the warm time spent in fact extraction and comparison;
- no parse: the same warm comparison with spaCy switched off (the pattern reading of facts,
  no clause units), and "parse+facts +%": how much the parse, the units and the fact
  comparison add to what is left of that run once its own fact time is taken out
  (issue 11's target: at most 30%).

A real three-outlet story (NYT, Fox News, HuffPost; BASIL event 576116e5, 642-887 words an
article) is measured too when ../shared/devdata is there. Warm runs use an empty
embedding cache *and* an empty parse store (a fresh ``FACTDIFF_HOME``).

The encoder is the default (ONNX, issue 12); ``FACTDIFF_ENCODER=torch`` measures the
sentence-transformers one instead.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import corpus  # noqa: E402

from factdiff.core import compare as cmpmod  # noqa: E402
from factdiff.core import paths  # noqa: E402
from factdiff.core.embed import EmbeddingCache, Encoder  # noqa: E402
from factdiff.core.segment import split_sentences  # noqa: E402

MODEL_CACHE = paths.model_cache_dir()  # before any FACTDIFF_HOME of a cold run
REAL_EVENT = "576116e5"


def _real() -> list:
    import realdata

    return list(realdata.load_event(REAL_EVENT).articles)


SETS = {
    "seeds (2)": lambda: corpus.seeds(),
    "3 x 800 words": lambda: corpus.articles(3),
    "10 x 800 words": lambda: corpus.articles(10),
    "real story (3)": _real,
}

COLD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
sys.path.insert(0, {here!r})
import corpus
from factdiff.core.compare import compare
arts = {make}
from factdiff.core.embed import Encoder, EmbeddingCache
enc = Encoder(cache=EmbeddingCache({cache!r}))
cmp = compare(arts, encoder=enc)
t1 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": t1 - t0, "rss_mb": rss, "links": len(cmp.links)}}))
"""
MAKERS = {
    "seeds (2)": "corpus.seeds()",
    "3 x 800 words": "corpus.articles(3)",
    "10 x 800 words": "corpus.articles(10)",
    "real story (3)": f"list(__import__('realdata').load_event({REAL_EVENT!r}).articles)",
}


def cold(name: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        code = COLD.format(here=str(HERE), make=MAKERS[name], cache=str(Path(tmp) / "c.sqlite3"))
        env = dict(os.environ, FACTDIFF_HOME=tmp)
        env.setdefault("FACTDIFF_MODEL_CACHE", str(MODEL_CACHE))  # the export is not redone
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        if out.returncode:
            raise SystemExit(f"cold run failed:\n{out.stderr[-2000:]}")
        return json.loads(out.stdout.strip().splitlines()[-1])


def encode_all(model: Encoder, texts: list[str]) -> None:
    """The backend alone, in the encoder's batches: no cache, no bookkeeping."""
    for i in range(0, len(texts), model.batch_size):
        model._backend.sentence_vectors(texts[i : i + model.batch_size])


def timed(fn, *args, **kwargs) -> float:
    t = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - t


class FactTimer:
    """Wraps the fact functions to measure the time spent in them."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._orig = (cmpmod.factmod.extract_facts, cmpmod.factmod.compare_facts)

    def __enter__(self) -> FactTimer:
        ext, cmp_ = self._orig

        def wrap(f):
            def inner(*a, **k):
                t = time.perf_counter()
                try:
                    return f(*a, **k)
                finally:
                    self.seconds += time.perf_counter() - t

            return inner

        cmpmod.factmod.extract_facts = wrap(ext)
        cmpmod.factmod.compare_facts = wrap(cmp_)
        return self

    def __exit__(self, *exc: object) -> None:
        cmpmod.factmod.extract_facts, cmpmod.factmod.compare_facts = self._orig


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    model = Encoder(use_cache=False)
    model.load()
    rows = []
    import realdata

    from factdiff.core import nlp

    nlp.preload()  # warm: spaCy is loaded too
    for name, make in SETS.items():
        if name.startswith("real") and not realdata.available():
            print(f"skipped {name}: no {realdata.BASIL}", file=sys.stderr)
            continue
        arts = make()
        texts = [s.text for a in arts for s in split_sentences(a.text)]
        words = sum(len(a.text.split()) for a in arts)
        colds = [cold(name) for _ in range(args.runs)]
        warm, floor, repeat, facts, bare, bare_facts = [], [], [], [], [], []
        for _ in range(args.runs):
            floor.append(timed(encode_all, model, sorted(set(texts), key=len)))
            for parse in (True, False):
                with tempfile.TemporaryDirectory() as tmp:
                    home = os.environ.get("FACTDIFF_HOME")
                    os.environ["FACTDIFF_HOME"] = tmp  # an empty parse store too
                    loaded = nlp._nlp
                    if not parse:
                        nlp._nlp = False  # as if spaCy could not load: pattern facts
                    try:
                        enc = Encoder(cache=EmbeddingCache(Path(tmp) / "c.sqlite3"))
                        enc._backend = model._backend  # warm: the model is loaded
                        cmpmod.clear_caches()
                        with FactTimer() as ft:
                            took = timed(cmpmod.compare, arts, encoder=enc)
                        if parse:
                            warm.append(took)
                            facts.append(ft.seconds)
                            repeat.append(timed(cmpmod.compare, arts, encoder=enc))
                        else:
                            bare.append(took)
                            bare_facts.append(ft.seconds)
                        enc.cache.close()
                    finally:
                        nlp._nlp = loaded
                        if home is None:
                            os.environ.pop("FACTDIFF_HOME", None)
                        else:
                            os.environ["FACTDIFF_HOME"] = home
        med = statistics.median
        w, f = med(warm), med(floor)
        rows.append(
            {
                "set": name,
                "articles": len(arts),
                "words": words,
                "sentences": len(texts),
                "cold_s": med(c["seconds"] for c in colds),
                "warm_s": w,
                "floor_s": f,
                "warm_over_floor": w / f,
                "repeat_s": med(repeat),
                "repeat_over_warm": med(repeat) / w,
                "facts_s": med(facts),
                "facts_share": med(facts) / w,
                "peak_rss_mb": max(c["rss_mb"] for c in colds),
                "bare_s": med(bare),
                "added": w / (med(bare) - med(bare_facts)) - 1,
            }
        )
    print(f"median of {args.runs} runs; python {sys.version.split()[0]}, {os.cpu_count()} cores")
    head = (
        "set",
        "words",
        "sents",
        "cold s",
        "warm s",
        "floor s",
        "warm/floor",
        "repeat s",
        "repeat/warm",
        "facts %",
        "peak RSS MB",
        "no parse s",
        "parse+facts +%",
    )
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print(
            f"| {r['set']} | {r['words']} | {r['sentences']} | {r['cold_s']:.2f} | "
            f"{r['warm_s']:.3f} | {r['floor_s']:.3f} | {r['warm_over_floor']:.2f} | "
            f"{r['repeat_s']:.3f} | {r['repeat_over_warm']:.1%} | {r['facts_share']:.1%} | "
            f"{r['peak_rss_mb']:.0f} | {r['bare_s']:.3f} | {r['added']:+.0%} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
