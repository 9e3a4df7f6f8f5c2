#!/usr/bin/env bash
# The test command from the README: installs everything the tests need on a fresh Debian
# machine (Chromium, a virtualenv with the dev requirements), then runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# The browser tests drive Debian's Chromium (a browser cannot be downloaded here).
[ -x /usr/bin/chromium ] || apt_install chromium
# tests/load/test_replicas.py puts two replicas behind nginx (deploy/nginx.conf).
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || apt_install nginx
# tests/classroom/ start a throwaway PostgreSQL cluster (harness/postgres.py) from Debian's package.
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || apt_install postgresql
python3 -m venv --help >/dev/null 2>&1 && python3 -c "import ensurepip" 2>/dev/null || apt_install python3-venv

# The accessibility test injects axe-core, pinned in package.json / package-lock.json.
command -v npm >/dev/null 2>&1 || apt_install nodejs npm
npm ci --silent --no-audit --no-fund

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt

.venv/bin/ruff check --quiet .
# The gate is reproducible: hypothesis draws the same examples every run (see tests/conftest.py).
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}"
exec .venv/bin/python -m pytest "$@"
