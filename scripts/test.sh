#!/usr/bin/env bash
# The test command from the README. On a fresh Debian machine it installs everything the tests
# need (Chromium, nginx, a virtualenv with the dev requirements), then runs the whole suite:
#   bash scripts/test.sh [pytest args]
# The fast tier runs only the tests that need no server, browser, nginx or database server
# (the core, the presentation layer, the pages through AppTest), on every core, and installs
# no system package:
#   bash scripts/test.sh --fast [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."

# The fast tier's directories: add a directory here only if none of its tests starts a server.
FAST_DIRS=(tests/core tests/ui tests/app)

fast=0
if [ "${1:-}" = "--fast" ]; then fast=1; shift; fi

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

python3 -m venv --help >/dev/null 2>&1 && python3 -c "import ensurepip" 2>/dev/null || apt_install python3-venv
if [ "$fast" -eq 0 ]; then
  # The browser tests drive Debian's Chromium (a browser cannot be downloaded here).
  [ -x /usr/bin/chromium ] || apt_install chromium
  # tests/load/test_replicas.py puts two replicas behind nginx (deploy/nginx.conf).
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || apt_install nginx
  # tests/classroom/ start a throwaway PostgreSQL cluster (harness/postgres.py) from Debian's package.
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || apt_install postgresql
  # The accessibility test injects axe-core, pinned in package.json / package-lock.json.
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  npm ci --silent --no-audit --no-fund
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt

.venv/bin/ruff check --quiet .
# The gate is reproducible: hypothesis draws the same examples every run (see tests/conftest.py).
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}"
if [ "$fast" -eq 1 ]; then
  # One worker per core (pytest-xdist); each test file's tests are shared out as workers free up.
  exec .venv/bin/python -m pytest -n "$(nproc)" --dist worksteal "${FAST_DIRS[@]}" "$@"
fi
exec .venv/bin/python -m pytest "$@"
