"""Tutorial 1: start a process (or a thread) running a 10,000-iteration squares loop, join it, repeat.

Usage: tutorial1_start_cost.py COUNT ITERATIONS METHOD   (METHOD: fork or spawn)
Prints one JSON line: milliseconds per start + join of a process and of a thread (the first of each untimed).
"""
import json
import multiprocessing
import sys
import threading
import time


def squares(n):
    total = 0
    for i in range(n):
        total += i * i + (i * i + 1)
    return total


def per_start(start, count, iterations):
    start(iterations)  # untimed: imports and caches
    began = time.perf_counter()
    for _ in range(count):
        start(iterations)
    return (time.perf_counter() - began) / count * 1000


def main():
    count, iterations, method = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    context = multiprocessing.get_context(method)

    def process(n):
        p = context.Process(target=squares, args=(n,))
        p.start()
        p.join()

    def thread(n):
        t = threading.Thread(target=squares, args=(n,))
        t.start()
        t.join()

    print(json.dumps({
        "python": sys.version.split()[0],
        "method": method,
        "processMs": per_start(process, count, iterations),
        "threadMs": per_start(thread, count, iterations),
    }))


if __name__ == "__main__":
    main()
