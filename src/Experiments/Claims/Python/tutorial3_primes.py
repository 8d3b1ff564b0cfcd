"""Tutorial 3: the sum of the primes below N by trial division, sequentially, with multiprocessing.Pool(W).map
and with ThreadPoolExecutor(W).map, each over every number below N.

Usage: tutorial3_primes.py BELOW WORKERS [--no-threads]
Prints one JSON line with the seconds each took (threadsS is null with --no-threads: it takes ~20x the others).
"""
import json
import multiprocessing
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def is_prime(x):
    if x < 2:
        return False
    if x < 4:
        return True
    if x % 2 == 0 or x % 3 == 0:
        return False
    i = 5
    while i * i <= x:
        if x % i == 0 or x % (i + 2) == 0:
            return False
        i += 6
    return True


def timed(run):
    began = time.perf_counter()
    flags = list(run())
    return time.perf_counter() - began, flags


def main():
    below, workers = int(sys.argv[1]), int(sys.argv[2])
    numbers = range(below)
    sequential, flags = timed(lambda: map(is_prime, numbers))
    with multiprocessing.Pool(workers) as pool:
        pool.map(is_prime, range(workers))  # untimed: the workers are up
        pooled, pool_flags = timed(lambda: pool.map(is_prime, numbers))
    threads = None
    if "--no-threads" not in sys.argv:
        with ThreadPoolExecutor(workers) as executor:
            threads, _ = timed(lambda: executor.map(is_prime, numbers))
    assert flags == pool_flags
    print(json.dumps({
        "python": sys.version.split()[0],
        "below": below,
        "workers": workers,
        "sum": sum(n for n, prime in zip(numbers, flags) if prime),
        "sequentialS": sequential,
        "poolS": pooled,
        "threadsS": threads,
    }))


if __name__ == "__main__":
    main()
