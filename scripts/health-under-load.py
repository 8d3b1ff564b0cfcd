#!/usr/bin/env python3
"""How fast /health/live answers while the job queue is full and clients keep submitting.

Starts the API (Release build) on a free loopback port with a small queue, occupies every thread worker with a
CPU-bound job, fills the queue until submissions get 429, then keeps a flood of submissions going from several
threads while it times /health/live one request at a time. Prints the latency of /health/live idle and under that
load (p50, p90, p99, max) and the count of 429s the flood got. A benchmark, not a test: run it with the machine to
itself.

    python3 scripts/health-under-load.py [--samples 500] [--flooders 4] [--capacity 200]
"""
import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BLOCKER = {"workload": "cpu.countdown", "parameters": {"from": 10_000_000_000}, "timeoutMs": 600_000}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def time_health(port, samples):
    """Latencies in ms, one request at a time, each on a fresh connection (as a load balancer's probe would)."""
    latencies = []
    for _ in range(samples):
        started = time.perf_counter()
        status, _ = request(port, "GET", "/health/live", timeout=10)
        latencies.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise SystemExit(f"/health/live answered {status}")
        time.sleep(0.005)
    return latencies


def describe(name, latencies):
    ordered = sorted(latencies)
    at = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    print(f"{name:<28} n={len(ordered)}  p50 {statistics.median(ordered):6.2f} ms  p90 {at(0.90):6.2f} ms  "
          f"p99 {at(0.99):6.2f} ms  max {ordered[-1]:6.2f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--flooders", type=int, default=4)
    parser.add_argument("--capacity", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    subprocess.run(["dotnet", "build", os.path.join(ROOT, "src/Api/ConcurrencyService.Api.csproj"), "-c", "Release", "-v", "q", "-nologo"],
                   check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    env = dict(os.environ,
               ASPNETCORE_URLS=f"http://127.0.0.1:{port}",
               ASPNETCORE_ENVIRONMENT="Production",
               Executors__Threads__Workers=str(args.workers),
               Executors__Processes__Enabled="false",
               Queue__Capacity=str(args.capacity),
               Logging__LogLevel__Default="Warning")
    server = subprocess.Popen(["dotnet", os.path.join(ROOT, "src/Api/bin/Release/net10.0/ConcurrencyService.Api.dll")],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    blockers = []
    try:
        deadline = time.time() + 60
        while True:
            try:
                if request(port, "GET", "/health/live", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise SystemExit("the API did not start")
            time.sleep(0.2)

        time_health(port, 50)  # warm-up
        idle = time_health(port, args.samples)

        for _ in range(args.workers):
            status, body = request(port, "POST", "/api/jobs", BLOCKER)
            blockers.append(json.loads(body)["id"])
        queued = 0
        while True:
            status, _ = request(port, "POST", "/api/jobs", {"workload": "cpu.squares"})
            if status == 429:
                break
            queued += 1

        stop = threading.Event()
        refused = [0] * args.flooders

        def flood(i):
            while not stop.is_set():
                try:
                    if request(port, "POST", "/api/jobs", {"workload": "cpu.squares"})[0] == 429:
                        refused[i] += 1
                except OSError:
                    pass

        threads = [threading.Thread(target=flood, args=(i,), daemon=True) for i in range(args.flooders)]
        for thread in threads:
            thread.start()
        started = time.time()
        loaded = time_health(port, args.samples)
        elapsed = time.time() - started
        stop.set()
        for thread in threads:
            thread.join()

        print(f"machine: {os.cpu_count()} logical cores; {args.workers} thread workers busy with CPU-bound jobs; "
              f"queue full at {queued} waiting jobs (capacity {args.capacity})")
        describe("/health/live idle", idle)
        describe("/health/live, queue full", loaded)
        print(f"flood: {args.flooders} clients, {sum(refused)} submissions refused with 429 in {elapsed:.1f} s "
              f"({sum(refused) / elapsed:.0f}/s)")
        worst = max(loaded)
        print(f"every /health/live under load within 100 ms: {'yes' if worst < 100 else 'NO'} (max {worst:.1f} ms)")
    finally:
        for job in blockers:
            try:
                request(port, "DELETE", f"/api/jobs/{job}", timeout=10)
            except OSError:
                pass
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main())
