# One entry point for people and CI: `make demo`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo demo-llm dev-bench test lint format clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The default method, position: the best we measured on news (README, "Why position is the default").
demo: $(STAMP)
	$(BIN)/summarize brief benchmarks/modi_putin/article.txt --format markdown

# The llm method against the loopback test server: offline, no key.
demo-llm: $(STAMP)
	bash benchmarks/llm_demo.sh

# Every extractive method on the two dev sets (needs ../shared/data).
dev-bench: $(STAMP)
	bash benchmarks/run_dev.sh

lint: $(STAMP)
	$(BIN)/ruff check summarize tests benchmarks
	$(BIN)/ruff format --check summarize tests benchmarks
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format summarize tests benchmarks
	$(BIN)/ruff check --fix summarize tests benchmarks

test: lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info
