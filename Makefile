# The two commands a person needs: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MO := locales/zh_CN/LC_MESSAGES/inclusion_app.mo locales/en/LC_MESSAGES/inclusion_app.mo
FONTS := $(VENV)/.fonts

.PHONY: run test bench soak lint i18n screenshots sysdeps setup clean package

setup: sysdeps $(STAMP) $(MO) $(FONTS)

sysdeps:
	@bash scripts/sysdeps.sh

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

# The compact copy of the Chinese font (inclusion_app/fonts.py): the same glyphs, far less
# memory. Without it the program still runs, with the full system font.
$(FONTS): $(STAMP) inclusion_app/fonts.py $(wildcard locales/*/LC_MESSAGES/*.po) $(wildcard assets/forms/*.md)
	@$(PY) -m inclusion_app fonts && touch $@ || echo "setup: no compact font; the full system font will be used"

locales/%/LC_MESSAGES/inclusion_app.mo: locales/%/LC_MESSAGES/inclusion_app.po $(STAMP)
	$(VENV)/bin/pybabel compile -D inclusion_app -d locales -l $* --statistics

run: setup
	$(PY) -m inclusion_app

# The window's tests run in a process of their own, so Qt state from the speech and upload
# tests (audio threads, servers) never meets them.
PYTEST := QT_QPA_PLATFORM=offscreen $(PY) -X faulthandler -m pytest -q -p no:cacheprovider

# The Debian package (packaging/build_deb.py: PyInstaller + dpkg-deb), rebuilt when a file it
# holds changed. tests/packaging installs it as a centre would.
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' inclusion_app/__init__.py)
ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo unknown)
DEB := dist/inclusion-app_$(VERSION)_$(ARCH).deb
DEB_INPUTS := $(shell find inclusion_app assets locales packaging docs/INSTALLING.md -type f \
    -not -name '*.pyc' -not -path '*/__pycache__/*' 2>/dev/null)

package: $(DEB)

$(DEB): $(STAMP) $(MO) $(FONTS) $(DEB_INPUTS)
	$(PY) packaging/build_deb.py

test: setup package
	$(PYTEST) --ignore=tests/ui
	$(PYTEST) tests/ui

lint: setup
	$(VENV)/bin/ruff check inclusion_app tests benchmarks packaging scripts
	$(VENV)/bin/lint-imports

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

soak: setup
	INCLUSION_SOAK=1 $(PYTEST) -m soak

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py docs/screenshots

i18n: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 -k pgettext:1c,2 \
	    --project=inclusion-app --no-location -o locales/inclusion_app.pot inclusion_app
	@for l in zh_CN en; do test -f locales/$$l/LC_MESSAGES/inclusion_app.po || \
	    $(VENV)/bin/pybabel init -D inclusion_app -i locales/inclusion_app.pot -d locales -l $$l; done
	$(VENV)/bin/pybabel update -N -D inclusion_app -i locales/inclusion_app.pot -d locales
	$(VENV)/bin/pybabel compile -D inclusion_app -d locales --statistics

clean:
	rm -rf $(VENV) build dist *.egg-info
