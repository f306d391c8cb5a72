# Two entry points for a fresh machine: `make site` and `make test`.
# Everything else (the virtual environment, Debian packages for browser tests) is set up here.

VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed

.PHONY: site serve test lint system-deps bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## Build the section from content/ into site/ and preview it at http://127.0.0.1:8000/
site: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/antikor build --content content --strict
	$(PY) -m http.server 8000 --bind 127.0.0.1 --directory site

## Install the Debian packages the browser tests need (Chromium, poppler for PDFs, Java for the HTML checker).
system-deps:
	scripts/install-system-deps

## The whole test suite, as CI runs it.
test: $(STAMP) system-deps
	$(VENV)/bin/ruff check generator tests benchmarks
	$(VENV)/bin/mypy
	$(PY) -m pytest; status=$$?; [ $$status -eq 5 ] && exit 0; exit $$status

## Build speed, memory and page weight against plain MkDocs-Material and Hugo (docs/performance.md).
## Installs Debian's hugo when run as root; BENCH_ARGS passes options, e.g. --sizes archive.
bench: $(STAMP)
	@command -v hugo >/dev/null || [ "$$(id -u)" != 0 ] || { apt-get update -qq && apt-get install -y -qq hugo; }
	$(PY) -m benchmarks.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
