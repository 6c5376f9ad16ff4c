# Two commands for a fresh machine: `make run` and `make test`.
# Needs only Python 3.12+ (or pyenv with .python-version), git and make.

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV_PY := .venv/bin/python
HOST ?= 127.0.0.1:8000
REVIEWER ?= reviewer
# The development server only: a throwaway secret key and debug pages.
DEV_ENV := DEBUG=1

export UV_PYTHON_DOWNLOADS ?= never

.PHONY: install run serve setup test lint fuzz fixtures clean

# uv itself is installed from PyPI into a private venv, so nothing global is touched.
$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# Bytecode is compiled once at install: where PYTHONDONTWRITEBYTECODE is set, every
# manage.py call would otherwise recompile Django and its libraries.
.venv/.synced: $(UV) pyproject.toml uv.lock
	@$(UV) python find '>=3.12' >/dev/null 2>&1 || { \
	  echo "This project needs Python 3.12 or newer and none is installed."; \
	  echo "Install one (pyenv install 3.12, or your system's python3.12 package), then run make again."; \
	  exit 1; }
	$(UV) sync --frozen --compile-bytecode
	@touch $@

install: .venv/.synced

# Migrate a SQLite database, add the shipped fixtures where missing (never over a
# curator's edits; derived rows refreshed for what it adds), issue a reviewer login.
setup: install
	$(DEV_ENV) $(VENV_PY) manage.py migrate --no-input
	$(DEV_ENV) $(VENV_PY) manage.py load_shipped_data
	$(DEV_ENV) $(VENV_PY) manage.py issue_login --role reviewer --keep-existing $(REVIEWER)

run: setup serve

serve: install
	@echo "Pages: http://$(HOST)/   Admin: http://$(HOST)/admin/   API: http://$(HOST)/api/v1/"
	$(DEV_ENV) $(VENV_PY) manage.py runserver $(HOST)

# The whole suite, on SQLite unless DATABASE_URL names another database.
test: install
	$(VENV_PY) -m pytest $(PYTEST_ARGS)

# schemathesis against gunicorn: every operation, check and phase (fuzz/run).
fuzz: install
	fuzz/run

lint: install
	.venv/bin/ruff check .
	$(DEV_ENV) $(VENV_PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf .venv $(TOOLS) db.sqlite3 staticfiles
