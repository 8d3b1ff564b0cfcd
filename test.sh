#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs the servers the tests start themselves (Debian's
# redis-server and chromium, when missing; with sudo when not root), then builds and runs the whole suite. The OpenAPI
# lint test runs Redocly's CLI through npx (which fetches the pinned version on first use): it needs Node.js 20.19 or
# later, which this script checks for and warns about but does not install (Debian 12's nodejs is 18).
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter 'FullyQualifiedName~ScaleOut'.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The servers the tests start themselves: Debian's redis-server and chromium, installed when missing.
scripts/install-test-servers.sh

node_major=$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/' || true)
if ! command -v npx >/dev/null 2>&1 || [ "${node_major:-0}" -lt 20 ]; then
  echo "The OpenAPI lint test needs Node.js 20.19 or later with npx (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "Install it from https://nodejs.org or your distribution's backports; until then that test fails." >&2
fi

# Release, with the lean worker precompiled for the instruction sets the Dockerfile names: the process tests then run
# the worker a deployment runs, and the Dockerfile test's `dotnet publish` finds this build up to date instead of
# compiling the service a second time.
exec dotnet test -c Release -p:LeanWorkerInstructionSet=x86-64-v3 "$@"
