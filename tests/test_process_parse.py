"""The app's model process also parses, so spaCy is never imported by the app."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.model
def test_parse_in_the_model_process_keeps_spacy_out_of_the_app() -> None:
    code = (
        "import sys\n"
        "from factdiff.gui.encoding import ProcessEncoder\n"
        "e = ProcessEncoder(use_cache=False)\n"
        "p = e.parse_many(['Blinken met Wang on Saturday, officials said.'])[0]\n"
        "e.close()\n"
        "said = [t for t in p.tokens if t.text == 'said'][0]\n"
        "assert p.parsed and said.is_root and said.lemma == 'say'\n"
        "assert 'spacy' not in sys.modules\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().endswith("ok")


@pytest.mark.model
def test_the_model_process_encodes_while_it_parses_and_pools_units(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """parse_many asks the child to encode the uncached sentences meanwhile; encode() then
    returns those vectors (the same as the in-process encoder's), and unit_vectors pools
    from the token vectors the child kept."""
    import numpy as np

    from factdiff.core.embed import EmbeddingCache, Encoder
    from factdiff.gui.encoding import ProcessEncoder

    texts = [
        "Blinken met Wang on Saturday, officials said.",
        "The balloon drifted over Montana before it was shot down.",
    ]
    enc = ProcessEncoder(cache=EmbeddingCache(tmp_path / "c.sqlite3"))
    try:
        parses = enc.parse_many(texts)
        vecs = enc.encode(texts, keep_tokens=True)
        (units,) = enc.unit_vectors([(texts[0], (((0, 30),), ((32, 45),)))])
    finally:
        enc.close()
    assert all(p.parsed for p in parses)
    local = Encoder(use_cache=False)
    ref = local.encode(texts, keep_tokens=True)
    (ref_units,) = local.unit_vectors([(texts[0], (((0, 30),), ((32, 45),)))])
    assert np.min(np.sum(vecs * ref, axis=1)) > 0.999
    assert units.shape == (2, 384) and np.min(np.sum(units * ref_units, axis=1)) > 0.999
