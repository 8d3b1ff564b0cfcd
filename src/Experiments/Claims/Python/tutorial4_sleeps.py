"""Tutorial 4: a slow_function that sleeps, run one after another and by ThreadPoolExecutor(W).

Usage: tutorial4_sleeps.py COUNT SECONDS WORKERS
Prints one JSON line with the seconds each took.
"""
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def slow_function(seconds):
    time.sleep(seconds)
    return seconds


def main():
    count, seconds, workers = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    began = time.perf_counter()
    for _ in range(count):
        slow_function(seconds)
    sequential = time.perf_counter() - began
    with ThreadPoolExecutor(workers) as executor:
        began = time.perf_counter()
        list(executor.map(slow_function, [seconds] * count))
        threads = time.perf_counter() - began
    print(json.dumps({"python": sys.version.split()[0], "count": count, "seconds": seconds, "workers": workers,
                      "sequentialS": sequential, "threadsS": threads}))


if __name__ == "__main__":
    main()
