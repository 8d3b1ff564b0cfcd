#!/usr/bin/env bash
# Regenerates the figures the documentation shows, on this machine, after the code has changed:
#   charts     docs/experiments/<preset>.svg — each scaling preset run at its default size on a Release build of the
#              API, and its speedup chart (GET /api/experiments/{id}/chart.svg);
#   claims     the claims report (POST /api/experiments/claims, default size), as report.md, for docs/claims.md;
#   dashboard  docs/dashboard.png — the browser test's full-page screenshot of a finished primes-pool experiment;
#   load       the load runner's comparison suite (load -- compare), for docs/load-testing.md ("Results");
#   benchmarks the benchmark runner's `all` and `plugins`, for docs/performance.md ("Current figures").
# Usage: scripts/regenerate-figures.sh [charts|claims|dashboard|load|benchmarks]...   (no argument: all of them)
# FIGURES_SIZE=small runs the presets and the claims in seconds, to try the script out; FIGURES_PORT (5099) is the API's.
# The SVGs and the PNG are written into docs/; the text outputs into artifacts/figures-<UTC time>/, to paste into their
# pages with the date and the machine (each output names the machine). Run it with the machine to itself: on 2 cores
# other programs move every figure. Needs what ./test.sh needs (chromium for the dashboard) and python3 for CPython's
# column. Takes about 25 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(charts claims dashboard load benchmarks)
out="artifacts/figures-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
port=${FIGURES_PORT:-5099}
size=${FIGURES_SIZE:-default}   # small: each preset in seconds, to try the script out (not figures to publish)
base="http://127.0.0.1:$port"
api_pid=""

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

stop_api() {
  if [ -n "$api_pid" ]; then
    kill -TERM "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
    api_pid=""
  fi
}
trap stop_api EXIT

start_api() {
  dotnet build src/Api -c Release
  ASPNETCORE_URLS="$base" dotnet src/Api/bin/Release/net10.0/ConcurrencyService.Api.dll >"$out/api.log" 2>&1 &
  api_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "$base/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "The API did not get ready; see $out/api.log" >&2
  exit 1
}

id_of() { grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4; }

# Long-polls a resource until its status is final; fails unless it succeeded.
wait_for() {
  local url=$1 status=""
  while :; do
    status=$(curl -sf "$url?waitMs=60000" | grep -o '"status":"[a-zA-Z]*"' | head -1 | cut -d'"' -f4)
    case $status in
      succeeded) return 0 ;;
      failed|cancelled|timedOut) echo "$url ended $status" >&2; return 1 ;;
    esac
  done
}

for step in "${steps[@]}"; do
  case $step in
    charts)
      [ -n "$api_pid" ] || start_api
      for preset in primes-pool sqrt-per-core sleeps oversubscription; do
        echo "Running the $preset preset…"
        id=$(curl -sf -X POST "$base/api/experiments/presets/$preset?size=$size" | id_of)
        wait_for "$base/api/experiments/$id"
        curl -sf "$base/api/experiments/$id/chart.svg" >"docs/experiments/$preset.svg"
        curl -sf "$base/api/experiments/$id" >"$out/$preset.json"
        echo "  docs/experiments/$preset.svg"
      done
      ;;
    claims)
      [ -n "$api_pid" ] || start_api
      echo "Running the claims report (about two minutes and CPython's programs)…"
      id=$(curl -sf -X POST "$base/api/experiments/claims?size=$size" | id_of)
      wait_for "$base/api/experiments/claims/$id"
      curl -sf "$base/api/experiments/claims/$id/report.md" >"$out/claims-report.md"
      echo "  $out/claims-report.md: paste its tables into docs/claims.md, 'The latest run'"
      ;;
    dashboard)
      stop_api
      dotnet test tests/ConcurrencyService.Browser.Tests -c Release -p:LeanWorkerInstructionSet=x86-64-v3 \
        --filter 'FullyQualifiedName~PresetStartedFromThePage_ShowsItsProgress_AndEndsWithItsChartAndTheClaimsTable'
      cp tests/ConcurrencyService.Browser.Tests/bin/Release/net10.0/artifacts/dashboard.png docs/dashboard.png
      echo "  docs/dashboard.png"
      ;;
    load)
      stop_api
      dotnet run -c Release --project load -- compare --out "$out/load"
      echo "  $out/load/report.md: its headline table goes to docs/load-testing.md, 'Results'"
      ;;
    benchmarks)
      stop_api
      dotnet run -c Release --project benchmarks/ConcurrencyService.Benchmarks -- all | tee "$out/benchmarks-all.txt"
      dotnet run -c Release --project benchmarks/ConcurrencyService.Benchmarks -- plugins | tee "$out/benchmarks-plugins.txt"
      echo "  $out/benchmarks-*.txt: docs/performance.md, 'Current figures'"
      ;;
    *)
      echo "Unknown step '$step': charts, claims, dashboard, load or benchmarks." >&2
      exit 2
      ;;
  esac
done
