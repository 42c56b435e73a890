#!/usr/bin/env bash
# System packages the tests use for real, beyond the virtualenv: Debian's chromium for the
# browser tests (Playwright drives it; no browser is ever downloaded) and the PostgreSQL server
# binaries that .ci/postgres.sh starts. Installs only what is missing, so it is safe to rerun.
set -euo pipefail

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)

if [ ${#packages[@]} -eq 0 ]; then
    echo "system-deps: chromium and postgresql already installed"
    exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

echo "system-deps: installing ${packages[*]}"
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
