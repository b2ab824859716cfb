# One entry point for people, CI and notebooks. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3.11
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
REPORT ?= data/raw/wanzhou-2024.txt

.PHONY: help setup test book clean

help:
	@echo "make book [REPORT=path]  build the book (default: the committed Wanzhou 2024 report)"
	@echo "make test                run every test (unit, notebooks with nbval, built book in headless Chromium)"
	@echo "make setup               create .venv from uv.lock (done by the targets above)"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	@touch $@

setup: $(VENV)/.synced

test: setup
	$(VENV)/bin/pytest

clean:
	rm -rf _build build data/generated
