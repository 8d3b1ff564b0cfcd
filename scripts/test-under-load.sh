#!/usr/bin/env bash
# Runs the test suite N times in a row with two CPU-spinning processes beside it, as a busy 2-core CI machine
# would: a suite that passes only on a quiet machine fails here. The spinners are stopped however the script ends.
#
#   scripts/test-under-load.sh [RUNS] [test.sh / dotnet test arguments...]
#
#   scripts/test-under-load.sh                         # the whole suite (the README's ./test.sh), 3 times
#   scripts/test-under-load.sh 5 tests/ConcurrencyService.Load.Tests
#   scripts/test-under-load.sh 3 tests/ConcurrencyService.Api.Tests --filter "FullyQualifiedName~JobsApiTests"
#
# SPINNERS=N changes the number of spinners (default 2). Prints each run's result and duration; exits 1 if any run failed.
set -u

runs=3
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
    runs=$1
    shift
fi
spinners=${SPINNERS:-2}

cd "$(dirname "$0")/.." || exit 2

pids=()
stop_spinners() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null
    done
    wait "${pids[@]}" 2>/dev/null
    pids=()
}
trap stop_spinners EXIT
trap 'echo "interrupted"; exit 130' INT TERM

for ((i = 0; i < spinners; i++)); do
    yes > /dev/null &
    pids+=($!)
done
echo "$spinners spinners running (pids ${pids[*]}); load: $(cut -d' ' -f1-3 /proc/loadavg)"

results=()
failed=0
for ((run = 1; run <= runs; run++)); do
    echo "=== run $run of $runs: ./test.sh $*"
    start=$(date +%s)
    ./test.sh "$@"
    code=$?
    seconds=$(($(date +%s) - start))
    if [[ $code -eq 0 ]]; then
        outcome=passed
    else
        outcome="FAILED (exit $code)"
        failed=$((failed + 1))
    fi
    results+=("run $run: $outcome in ${seconds} s, load $(cut -d' ' -f1-3 /proc/loadavg)")
    echo "=== ${results[-1]}"
done

echo
echo "Under $spinners spinners:"
printf '  %s\n' "${results[@]}"
echo "$((runs - failed)) of $runs runs passed."
[[ $failed -eq 0 ]]
