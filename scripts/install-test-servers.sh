#!/usr/bin/env bash
# Installs the servers the tests start themselves, when missing: Debian's redis-server (the scale-out tests run real
# Redis servers) and chromium (the dashboard's browser tests drive it; Playwright's own browser download needs the
# internet). Both run on free loopback ports, started and stopped by the tests, never as a system service.
# Uses sudo when not root. Quick and silent when both are there.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/bin/chromium ] || [ -n "${CHROMIUM_PATH:-}" ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing from Debian: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The package may start its own service; the tests want none running.
$sudo service redis-server stop >/dev/null 2>&1 || true
