# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
# constraints.txt pins the CPU build of torch; without it pip pulls a multi-GB CUDA build.
PIP_INSTALL := $(PIP) install -q -c constraints.txt
STAMP := $(VENV)/.installed
SAMPLE ?= corpus/articles/nape-pain-mt.txt
SHARED ?= ../shared

.PHONY: install browser demo test check lint bench models clean

$(STAMP): pyproject.toml constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the review app's end-to-end tests (Playwright drives it; no browser
# download). Needs root or sudo, as on CI; the tests that need it say so when it is missing.
browser:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

demo: install
	$(VENV)/bin/textfix fix $(SAMPLE) -o out/demo --html out/demo/report.html --overwrite || test $$? -eq 1
	@echo "Corrected article and reports are in out/demo/"

test: install browser
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/pytest -q

# The fast lane while working: everything but the tests marked slow (notebook, kill -9 batch,
# Dask, browser, model training, clean-text rates, property tests). CI runs `make test`: all of it.
check: install
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/pytest -q -m "not slow"

lint: install
	$(VENV)/bin/ruff check src tests

bench: install
	$(PY) -m textfix.benchmarks.pipeline --shared $(SHARED)
	$(PY) -m textfix.benchmarks.edit_tagger
	$(VENV)/bin/textfix check -q --save out/bench/review.db $(SAMPLE) || test $$? -eq 1
	$(PY) -m textfix.benchmarks.review_app out/bench/review.db --editors 20 --seconds 10
	$(PY) -m textfix.benchmarks.batch --shared $(SHARED) --articles 300
	$(PY) -m textfix.benchmarks.server --shared $(SHARED) --clients 1 4 --runs 3 --seconds 10

# Retrain every model the package ships from ../shared/data (CPU, about two hours on 2 cores).
# The exact commands and their figures are in each models/*/README.md.
models: install
	$(VENV)/bin/textfix train lm --data $(SHARED)/data --out models/lm --steps 3000 --max-minutes 10
	$(VENV)/bin/textfix train quality --data $(SHARED)/data --out models/quality \
	  --tokenizer models/lm --mlm-steps 4000 --steps 4000 --max-minutes 16
	# the fluency check's tagger: the packaged MiniLM fine-tuned (models/tagger/README.md)
	$(VENV)/bin/textfix train tagger --data $(SHARED)/data --out models/tagger --max-minutes 32
	# its early exit: sentences below the fluency gate stop after two layers (the card's Speed)
	$(PY) scripts/fit_early_exit.py models/tagger --data $(SHARED)/data --write
	$(VENV)/bin/textfix train edit-tagger --data $(SHARED)/data --out models/tagger --max-minutes 12
	# the article head on the same encoder: articles restored in clean MedQuAD (the card's Articles)
	$(PY) scripts/train_article_head.py --data $(SHARED)/data --out models/tagger
	$(VENV)/bin/textfix train rewriter --data $(SHARED)/data --out models/rewriter \
	  --layers 2 --steps 8000 --max-minutes 45
	# a second run continues the first (the card keeps both): two sessions' worth of CPU
	$(VENV)/bin/textfix train rewriter --data $(SHARED)/data --out models/rewriter \
	  --init models/rewriter --steps 20000 --max-minutes 70
	$(VENV)/bin/textfix train ngrams --data $(SHARED)/data --out models/ngrams

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
