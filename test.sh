#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs the servers the tests start themselves (Debian's
# redis-server and chromium, and nodejs/npm and curl, when missing; with sudo when not root), then builds and runs the
# whole suite.
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter 'FullyQualifiedName~ScaleOut'.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# What the tests run besides .NET, installed from Debian when missing: redis-server, chromium, nodejs/npm, curl.
scripts/install-test-servers.sh

# Release, with the lean worker precompiled for the instruction sets the Dockerfile names: the process tests then run
# the worker a deployment runs, and the Dockerfile test's `dotnet publish` finds this build up to date instead of
# compiling the service a second time.
exec dotnet test -c Release -p:LeanWorkerInstructionSet=x86-64-v3 "$@"
