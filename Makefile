# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck pytest venv clean bench model

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

# The main job on the bundled examples, with the embedded default store (SQLite).
demo: venv
	$(BIN)/corroborate run examples/ --db out/corroborate.db --out out/

# Everything CI runs.
test: lint typecheck pytest

lint: venv
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: venv
	$(BIN)/mypy

pytest: venv
	$(BIN)/pytest

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache

# Rebuild the shipped name recogniser (src/corroborate/data/ner/) from ../shared/datasets/conll2003 train
# (the checkpoint is picked on the last tenth of train, so dev and test stay blind).
model: venv
	OMP_NUM_THREADS=1 $(BIN)/python tools/train_ner.py
	OMP_NUM_THREADS=1 $(BIN)/python tools/train_ner.py --headline --out build/ner_caps/out
