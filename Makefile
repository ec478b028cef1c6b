# Two commands do everything: `make report` builds build/report.pdf, `make test` runs the tests.
# Each creates the virtual environment in .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: report print test photos schema docs gallery bench districts clean

report: $(STAMP)
	$(BIN)/reportgen build report.yaml -o build/report.pdf

print: $(STAMP)  # the print PDF, beside the screen one (never over it)
	$(BIN)/reportgen build --print report.yaml -o build/report-print.pdf

districts: $(STAMP)  # one PDF per district of examples/districts, and their manifest
	$(BIN)/reportgen build examples/districts/template.yaml -o build/districts/

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)  # measures builds; writes benchmarks/results.md (about a minute)
	$(BIN)/python benchmarks/run.py

photos: $(STAMP)
	$(BIN)/python scripts/make_placeholder_photos.py

# regenerate schema/report.schema.json and the field tables of docs/spec.md from the model
schema: $(STAMP)
	$(BIN)/reportgen schema -o schema/report.schema.json

docs: schema
	$(BIN)/python scripts/update_spec_reference.py

# render docs/gallery/*.yaml (every chart type and a table) to the PNGs beside them and docs/gallery.md
gallery: $(STAMP)
	$(BIN)/python scripts/make_gallery.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q src  # bytecode even where PYTHONDONTWRITEBYTECODE is set
	touch $(STAMP)

clean:
	rm -rf build $(VENV)
