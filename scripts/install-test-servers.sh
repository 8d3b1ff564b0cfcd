#!/usr/bin/env bash
# Installs what the tests run besides .NET, when missing: Debian's redis-server (the scale-out tests run real Redis
# servers) and chromium (the dashboard's browser tests drive it; Playwright's own browser download needs the
# internet), both on free loopback ports, started and stopped by the tests, never as a system service; nodejs and npm
# (the OpenAPI lint test runs Redocly's CLI through npx) and curl (the README's curl lines are run as pasted).
# Uses sudo when not root. Quick and silent when both are there.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/bin/chromium ] || [ -n "${CHROMIUM_PATH:-}" ] || missing+=(chromium)
command -v npx >/dev/null 2>&1 || missing+=(nodejs npm)
command -v curl >/dev/null 2>&1 || missing+=(curl)
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing from Debian: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The package may start its own service; the tests want none running.
$sudo service redis-server stop >/dev/null 2>&1 || true
