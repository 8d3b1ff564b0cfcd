#!/usr/bin/env python3
"""Kill a node under load and count what became of every accepted job (the scale-out promise: none of 1,000 lost).

Starts a private redis-server (AOF on) and two nodes from the Release build on free loopback ports, submits N jobs
spread over both, SIGKILLs one node while they run, then reads every job from the survivor until all are final.
Prints the statuses, the attempts, and the time from the kill to the last job's end. Needs redis-server and a
`dotnet build src/Api -c Release`.

    python3 scripts/scaleout-kill.py [--jobs 1000] [--sleep-ms 500] [--kill-after 5]
"""
from datetime import datetime
import argparse, collections, json, os, signal, socket, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
API = os.path.join(ROOT, "src", "Api", "bin", "Release", "net10.0", "ConcurrencyService.Api.dll")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None


def wait_ready(url, process, limit=60):
    deadline = time.time() + limit
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit(f"{url} exited with {process.returncode}")
        try:
            if http("GET", url + "/health/ready", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"{url} never became ready")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--sleep-ms", type=int, default=500)
    parser.add_argument("--kill-after", type=float, default=5.0)
    args = parser.parse_args()

    data = tempfile.mkdtemp(prefix="cs-kill-")
    redis_port = free_port()
    redis = subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--dir", data, "--appendonly", "yes",
                              "--appendfsync", "everysec", "--save", "", "--daemonize", "no", "--logfile", os.path.join(data, "redis.log")])
    time.sleep(0.5)
    nodes = {}
    for name in ("node-a", "node-b"):
        port = free_port()
        env = dict(os.environ, Storage__Provider="Redis", ConnectionStrings__Redis=f"127.0.0.1:{redis_port}", Node__Name=name,
                   ASPNETCORE_URLS=f"http://127.0.0.1:{port}", Logging__LogLevel__Default="Warning", Executors__Processes__Enabled="false")
        process = subprocess.Popen(["dotnet", API], env=env, cwd=os.path.dirname(API), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        nodes[name] = (f"http://127.0.0.1:{port}", process)
    for url, process in nodes.values():
        wait_ready(url, process)

    urls = [url for url, _ in nodes.values()]
    accepted, refused = [], 0
    started = time.time()
    killed_at = None
    for i in range(args.jobs):
        status, body = http("POST", urls[i % 2] + "/api/jobs", {"workload": "io.sleep", "parameters": {"ms": args.sleep_ms}})
        if status == 202:
            accepted.append(body["id"])
        else:
            refused += 1
        if killed_at is None and time.time() - started >= args.kill_after:
            nodes["node-b"][1].send_signal(signal.SIGKILL)
            killed_at = time.time()
            urls = [nodes["node-a"][0]] * 2
    if killed_at is None:
        nodes["node-b"][1].send_signal(signal.SIGKILL)
        killed_at = time.time()
    print(f"submitted {args.jobs}: {len(accepted)} accepted, {refused} refused; node-b SIGKILLed {killed_at - started:.1f} s after the first submission")

    survivor = nodes["node-a"][0]
    pending = set(accepted)
    final = {}
    while pending:
        for job_id in list(pending):
            status, job = http("GET", f"{survivor}/api/jobs/{job_id}")
            if status == 200 and job["status"] not in ("queued", "running"):
                final[job_id] = job
                pending.discard(job_id)
        if pending:
            if time.time() - killed_at > 600:
                break
            time.sleep(1)
    last = time.time()
    statuses = collections.Counter(job["status"] for job in final.values())
    shapes = collections.Counter(" → ".join(f"{a['node']}:{a['ending']}" for a in job["attempts"]) for job in final.values())
    twice = sum(1 for job in final.values() if sum(a["ending"] == "finished" for a in job["attempts"]) > 1)
    print(f"final: {len(final)} of {len(accepted)} ({dict(statuses)}); not final after 10 min: {len(pending)}")
    print(f"last job final {last - killed_at:.1f} s after the kill; jobs with more than one finished attempt: {twice}")
    rerun = [job for job in final.values() if len(job["attempts"]) > 1]
    if rerun:
        ends = [datetime.fromisoformat(job["timings"]["finishedAt"]).timestamp() - killed_at for job in rerun]
        starts = [datetime.fromisoformat(job["attempts"][-1]["startedAt"]).timestamp() - killed_at for job in rerun]
        print(f"{len(rerun)} jobs the dead node was running: taken over {min(starts):.1f}–{max(starts):.1f} s after the kill, all finished {max(ends):.1f} s after it")
    for shape, count in shapes.most_common():
        print(f"  {count:5d}  {shape}")

    for _, process in nodes.values():
        if process.poll() is None:
            process.terminate()
    redis.terminate()


if __name__ == "__main__":
    main()
