"""The warm round trip of a no-op task through a process pool: multiprocessing.Pool(1).apply, one at a time.

Usage: pool_apply.py WARMUP MEASURED
Prints one JSON line with percentiles in microseconds.
"""
import json
import multiprocessing
import sys
import time


def noop():
    return None


def main():
    warmup, measured = int(sys.argv[1]), int(sys.argv[2])
    samples = []
    with multiprocessing.Pool(1) as pool:
        for i in range(warmup + measured):
            began = time.perf_counter()
            pool.apply(noop)
            if i >= warmup:
                samples.append((time.perf_counter() - began) * 1e6)
    samples.sort()
    pick = lambda p: samples[max(0, min(len(samples) - 1, int(-(-p * len(samples) // 100)) - 1))]
    print(json.dumps({"python": sys.version.split()[0], "p50Us": pick(50), "p90Us": pick(90), "p99Us": pick(99),
                      "meanUs": sum(samples) / len(samples)}))


if __name__ == "__main__":
    main()
