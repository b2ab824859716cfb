# One entry point for people, CI and notebooks. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3.11
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
REPORT ?= data/raw/wanzhou-2024.txt

.PHONY: help setup test book book-test browser-deps benchmark clean
BOOK_OUT := build/book
BOOK_SLUG = $(shell $(PY) scripts/build_book.py --print-slug --report "$(REPORT)")

help:
	@echo "make book [REPORT=path]  build the book (default: the committed Wanzhou 2024 report)"
	@echo "make test                run every test (unit, notebooks with nbval, built book in headless Chromium)"
	@echo "make setup               create .venv from uv.lock (done by the targets above)"
	@echo "make benchmark           time a full book build from a clean tree and one papermill re-run"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	@touch $@

setup: $(VENV)/.synced

test: setup book browser-deps
	$(MAKE) --no-print-directory book-test
	$(VENV)/bin/pytest

# The book (owner: book). `make book REPORT=path/to/report.txt` re-runs every notebook with papermill
# for that report and builds its book under build/book/<report name>/.
book: setup
	$(PY) scripts/build_book.py --report "$(REPORT)" --out "$(BOOK_OUT)"

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
