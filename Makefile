# Two commands for a newcomer: `make run` and `make test`. Both build .venv first.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: run test setup compile bench lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt torch==2.13.0
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	$(PY) -m factdiff.core.onnx_export || echo "ONNX export failed: factdiff will use torch (slower start)"
	touch $(STAMP)

# The editable install leaves factdiff's own modules uncompiled; compiled here (up to date:
# ~0.1 s) they are not compiled again at each launch, also where PYTHONDONTWRITEBYTECODE is
# set (the app and its model process compiled ~0.1 s of sources each at every start).
compile: $(STAMP)
	$(PY) -m compileall -q core gui resources > /dev/null

run: compile
	$(VENV)/bin/factdiff seeds/voa.md seeds/cnn.md

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check core gui tests bench
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info
