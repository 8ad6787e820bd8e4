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
