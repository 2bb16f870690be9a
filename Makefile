# make run   — set everything up, ingest the bundled sample disclosure, start the chat on 127.0.0.1:7860
# make test  — set everything up and run the tests
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: install run ask test bench bench-scale eval clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip==25.3"
	# the CPU build of torch first (a wheel on disk); an unpinned torch would pull a CUDA build
	$(PY) -m pip install -q "torch==2.13.0"
	$(PY) -m pip install -q -c requirements.lock -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) app.py

ask: install
	$(PY) -m assistant ask "$(Q)"

test: install
	$(PY) -m pytest

bench: install
	$(PY) scripts/bench_ingest.py
	$(PY) scripts/bench_answers.py
	$(PY) scripts/bench_answers.py --all --rounds 1

# SIZES=10,50,100,1000 BUDGET=900: generated disclosures ingested, then scoped and unscoped answers timed per size
bench-scale: install
	$(PY) scripts/bench_scale.py --sizes $(or $(SIZES),10,50) --budget-s $(or $(BUDGET),900)

eval: install
	$(PY) -m eval report --with-heldout --out reports/latest

clean:
	rm -rf $(VENV) data/store .pytest_cache tests/artifacts
