# One entry point for people, CI and notebooks. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3.11
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
REPORT ?= data/raw/wanzhou-2024.txt
CORPUS ?= data/raw/corpus
SITE := build/site
PORT ?= 8000

.PHONY: help setup test book panel-book site serve book-test browser-deps benchmark clean
BOOK_OUT := build/book
BOOK_SLUG = $(shell $(PY) scripts/build_book.py --print-slug --report "$(REPORT)")

help:
	@echo "make book [REPORT=path]  build the book (default: the committed Wanzhou 2024 report)"
	@echo "make panel-book [CORPUS=folder]  build the panel book (default: the committed corpus data/raw/corpus)"
	@echo "make site                both books and a landing page in build/site (what CI publishes)"
	@echo "make serve [PORT=8000]   build the site and preview it on http://127.0.0.1:PORT/"
	@echo "make test                run every test (unit, notebooks with nbval, both books in headless Chromium)"
	@echo "make setup               create .venv from uv.lock (done by the targets above)"
	@echo "make benchmark           time both books' builds from a clean tree and one papermill re-run"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	@touch $@

setup: $(VENV)/.synced

test: setup book panel-book browser-deps
	$(MAKE) --no-print-directory book-test
	$(VENV)/bin/pytest

# The book (owner: book). `make book REPORT=path/to/report.txt` re-runs every notebook with papermill
# for that report and builds its book under build/book/<report name>/.
book: setup
	$(PY) scripts/build_book.py --report "$(REPORT)" --out "$(BOOK_OUT)"

# The panel book: the corpus' reports across years and regions -> build/book/panel/_build/html/index.html
panel-book: setup
	$(PY) scripts/build_book.py --book panel --corpus "$(CORPUS)" --out "$(BOOK_OUT)"

# Both books behind one landing page, as the GitHub Pages workflow publishes them.
site: book panel-book
	$(PY) scripts/build_site.py --report-book "$(BOOK_OUT)/$(BOOK_SLUG)" --panel-book "$(BOOK_OUT)/panel" --out "$(SITE)"

serve: site
	@echo "serving $(SITE) on http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(PY) -m http.server --bind 127.0.0.1 --directory "$(SITE)" $(PORT)

# nbval: re-execute the papermill-executed notebooks of the default book and compare their outputs.
book-test: setup
	@test -d $(BOOK_OUT)/$(BOOK_SLUG)/src/notebooks || $(MAKE) --no-print-directory book
	$(VENV)/bin/pytest -p no:cacheprovider --nbval --nbval-current-env \
		--nbval-sanitize-with notebooks/nbval-sanitize.cfg $(BOOK_OUT)/$(BOOK_SLUG)/src/notebooks

# Headless Chromium and CJK fonts for the browser test (Debian; CI runs as root).
browser-deps:
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then :; else \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends chromium fonts-noto-cjk fontconfig; fi

benchmark: setup
	$(PY) scripts/benchmark_book.py

clean:
	rm -rf _build build data/generated
