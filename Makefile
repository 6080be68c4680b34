# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint screenshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the declared dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	@# Qt's X11 plugin needs system libraries the wheel lacks; name them all, with one
	@# apt-get line, and stop, instead of letting Qt abort blaming only one of them.
	@$(BIN)/python -m desktop.qt_system_libraries
	$(BIN)/research-notes

test: $(STAMP)
	$(BIN)/ruff check desktop index tests
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/bench -s -p no:cacheprovider --override-ini addopts=

# Needs Xvfb (the test skips without it): real X11 rendering, as users see it.
screenshot: $(STAMP)
	RESEARCH_NOTES_SCREENSHOTS=$(CURDIR)/docs/screenshots QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m pytest tests/ui/test_screenshot.py -q -rs

lint: $(STAMP)
	$(BIN)/ruff check desktop index tests
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
