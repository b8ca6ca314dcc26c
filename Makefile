# The site's commands. `make serve` to work on it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MKDOCS := NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs
# The browser the tests and the audit drive (Debian's chromium; tests/chromium.sh finds it),
# set for the rest of a recipe line.
WITH_CHROMIUM := CHROME_PATH="$$(PYTHON=$(BIN)/python sh tests/chromium.sh)" && export CHROME_PATH &&

# The engines the journey suite (tests/test_journeys.py) runs in beside Chromium: Firefox and
# WebKit (tests/engines.sh finds them or installs Debian's packages). `make journeys ENGINES=webkit`
# runs that suite alone in one of them.
ENGINES ?= firefox webkit
WITH_ENGINES := PYTHON=$(BIN)/python sh tests/engines.sh $(ENGINES) && JOURNEY_ENGINES="$(ENGINES)" && export JOURNEY_ENGINES &&

# `make test CONFIG=tests/settings/project-site.yml`: the whole suite with a second practice's
# settings (over mkdocs.yml) at a project address. Empty: mkdocs.yml as it is. `serve`, `build`
# and `publish-check` take it too: MkDocs then reads .settings.yml, written beside mkdocs.yml (so
# docs/, hooks/ and overrides/ are found as for mkdocs.yml) and inheriting CONFIG.
CONFIG ?=
SETTINGS_YML := $(if $(CONFIG),.settings.yml,mkdocs.yml)
WRITE_SETTINGS := $(if $(CONFIG),printf 'INHERIT: %s\n' "$(CONFIG)" > .settings.yml &&,)
# Where `make serve` answers: `make serve DEV_ADDR=127.0.0.1:8001` for another port.
DEV_ADDR ?= 127.0.0.1:8000

.PHONY: setup serve build test journeys zensical bench audit clean publish-check review-check

# A virtual environment with the pinned runtime; remade when requirements.txt changes.
$(BIN)/.runtime: requirements.txt
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "Python's venv module is missing: installing python3-venv"; \
	  apt-get install -y -q python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.txt
	@touch $@

# `make setup`'s tools on top (questions checked while typing; settings written back with their
# comments): requirements-setup.txt. Not needed to build or publish.
$(BIN)/.setup: requirements-setup.txt $(BIN)/.runtime
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-setup.txt
	@touch $@

# The test tools on top (the set-up's too: its tests drive it); remade when a requirements file changes.
$(BIN)/.dev: requirements-dev.txt requirements-setup.txt $(BIN)/.runtime
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# Asks for each setting in plain words (current value as the default: Enter keeps it), checks
# each as it is typed, writes only the settings into mkdocs.yml (or CONFIG), then runs the
# publish guard and says how to publish. `make setup ANSWERS=answers.yml` asks nothing: the
# answers come from the file (site_url, quick_exit_url, practice: ...); a bad one writes nothing.
ANSWERS ?=
setup: $(BIN)/.setup
	@$(WRITE_SETTINGS) NO_MKDOCS_2_WARNING=1 $(BIN)/python tools/setup.py $(or $(CONFIG),mkdocs.yml) \
	  --check $(SETTINGS_YML)$(if $(ANSWERS), --answers "$(ANSWERS)")

# While it serves, MkDocs puts its own address in site_url; the settings check accepts that
# address then only (hooks/macros.py, serving_at). Editing the settings or a page rebuilds.
serve: $(BIN)/.runtime
	@$(WRITE_SETTINGS) true
	$(MKDOCS) serve --livereload --dev-addr $(DEV_ADDR) -f $(SETTINGS_YML)$(if $(CONFIG), --watch mkdocs.yml --watch $(CONFIG))

build: $(BIN)/.runtime
	@$(WRITE_SETTINGS) true
	$(MKDOCS) build --strict -f $(SETTINGS_YML) --site-dir site

# ESLint first (eslint.config.mjs: the site's JavaScript, one style), then the suite, which
# builds the site once itself (tests/conftest.py, strict_build) for every browser; a failed build
# stops it with MkDocs' own message. PYTEST_ARGS: more of pytest's arguments, e.g.
# `make test PYTEST_ARGS='-k quick_exit'`, or `-m "not any_settings"` (CI's second run: only the
# tests whose result depends on the settings).
PYTEST_ARGS ?=
test: $(BIN)/.dev node_modules/.installed
	node_modules/.bin/eslint docs/assets/javascripts
	@$(WITH_CHROMIUM) $(WITH_ENGINES) \
	  echo "Chromium: $${CHROME_PATH:-Playwright's own}; journeys also in: $(ENGINES)" && \
	  echo "Settings: $(if $(CONFIG),$(CONFIG) over mkdocs.yml,mkdocs.yml)" && \
	  SITE_SETTINGS="$(CONFIG)" $(BIN)/python -m pytest tests -ra --ignore=$(ZENSICAL_TEST) $(PYTEST_ARGS)

# The journey suite alone (every reader journey in Firefox and WebKit), e.g. in one engine:
# `make journeys ENGINES=firefox`.
journeys: $(BIN)/.dev
	@$(WITH_ENGINES) \
	  SITE_SETTINGS="$(CONFIG)" $(BIN)/python -m pytest tests/test_journeys.py -ra

# Zensical, Material's successor, in a virtual environment of its own (requirements-zensical.txt),
# so `make test` is unaffected.
ZENSICAL_VENV := .venv-zensical
ZENSICAL_SITE := site-zensical
ZENSICAL_TEST := tests/test_zensical_build.py
$(ZENSICAL_VENV)/.installed: requirements-zensical.txt
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install -q --disable-pip-version-check -r requirements-zensical.txt
	@touch $@

# The site built with Zensical, strict (any warning stops it), into site-zensical/, then checked
# by $(ZENSICAL_TEST). Zensical's CLI has no --site-dir, so a two-line config that inherits
# mkdocs.yml (or CONFIG) and sets site_dir is written beside mkdocs.yml for the build, then removed.
zensical: $(ZENSICAL_VENV)/.installed $(BIN)/.dev
	@printf 'INHERIT: %s\nsite_dir: %s\n' "$(or $(CONFIG),mkdocs.yml)" "$(ZENSICAL_SITE)" > .zensical.yml
	@rm -rf $(ZENSICAL_SITE)
	@$(ZENSICAL_VENV)/bin/zensical build --strict --clean --config-file .zensical.yml; \
	  status=$$?; rm -f .zensical.yml; exit $$status
	@$(WITH_CHROMIUM) \
	  ZENSICAL_SITE="$(ZENSICAL_SITE)" SITE_SETTINGS="$(CONFIG)" $(BIN)/python -m pytest $(ZENSICAL_TEST) -ra

# The publish guard (the deploy job runs it), naming each cause: reserved example values left in
# the settings (example.com, 555-01xx numbers, the example name); no clinical sign-off, or one
# dated in the future, more than a year old, or older than a page's last_updated (named); online
# sessions offered with no licensed_in.
publish-check: $(BIN)/.runtime
	@$(WRITE_SETTINGS) NO_MKDOCS_2_WARNING=1 $(BIN)/python hooks/practice_settings.py $(SETTINGS_YML) $(or $(CONFIG),mkdocs.yml)

# The weekly workflow run: fails while the clinical sign-off is more than a year old or the safety
# page's help lines were last checked more than three months ago (lines_checked), naming what to
# check. An ordinary build never fails on a date (an urgent fix still ships).
review-check: $(BIN)/.runtime
	@REVIEWS_OVERDUE=fail $(MKDOCS) build --strict --quiet --site-dir "$$(mktemp -d)"

# ESLint, Lighthouse and the Nu HTML Checker, exactly as pinned in package-lock.json (vnu-jar's
# install script only fetches a Java when none is present: skipped).
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# This site against plain Material: Lighthouse mobile and desktop on every page, build time.
RUNS ?= 3
bench: $(BIN)/.dev node_modules/.installed
	@$(WITH_CHROMIUM) \
	  $(MKDOCS) build --strict --quiet && \
	  $(BIN)/python tests/budgets/bench.py --runs $(RUNS)

# The budgets (MAINTAINING.md, "Speed and quality budgets"): fails on any breach.
audit: $(BIN)/.dev node_modules/.installed
	@$(WITH_CHROMIUM) \
	  $(MKDOCS) build --strict --quiet && \
	  $(BIN)/python tests/budgets/audit.py

clean:
	rm -rf site $(ZENSICAL_SITE) .pytest_cache
