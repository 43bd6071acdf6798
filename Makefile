# Quick start: `make demo` then `make test`. Everything runs from the project's own .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo demo-data test lab bench bench-scale warm clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	@# Debian's python3 may lack ensurepip (python3-venv); fall back to virtualenv from PyPI then.
	$(PYTHON) -m venv $(VENV) || { $(PYTHON) -m pip install --quiet --user virtualenv && $(PYTHON) -m virtualenv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,transformer]"
	@touch $(STAMP)

install: $(STAMP)

demo-data: $(STAMP)
	$(BIN)/cx demo --out client_data/demo

demo: demo-data
	$(BIN)/cx run demo
	@echo "PDF reports: $(CURDIR)/reports/demo/latest/"

test: demo-data
	$(BIN)/python -m pytest tests workbooks --nbval-lax --nbval-current-env -p no:cacheprovider

lab: demo-data
	$(BIN)/cx lab

# The whole demo engagement, cold and warm, against the naive stock-tools pipeline (a few minutes).
bench: $(STAMP)
	$(BIN)/python benchmarks/run_bench.py

# validate and every step at 100k, 300k and 1M survey answers: wall, CPU, peak memory (about an hour).
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/run_scale.py

warm: $(STAMP)
	$(BIN)/cx warm

clean:
	rm -rf $(VENV) reports/*/ .pytest_cache
