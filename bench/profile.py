#!/usr/bin/env python3
"""The measuring half of bench/profile: users, warm-up, then a Flight Recorder recording of one
scenario, summarised as the methods that cost the most (where the CPU was, by top frame, by
inclusion, and by the nearest apilab method), what was allocated and what the GC did."""
import argparse
import collections
import json
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402
import setup  # noqa: E402


def frames(event):
    stack = event["values"].get("stackTrace") or {}
    out = []
    for frame in stack.get("frames", []):
        method = frame["method"]
        out.append(method["type"]["name"].replace("/", ".") + "." + method["name"])
    return out


def top(counter, total, n):
    return "\n".join(f"  {count / total:6.1%}  {count:6d}  {name}" for name, count in counter.most_common(n))


def summarise(jfr_file, out):
    dump = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events",
                           "jdk.CPUTimeSample,jdk.ExecutionSample,jdk.NativeMethodSample", jfr_file],
                          capture_output=True, text=True, check=True).stdout
    events = json.loads(dump)["recording"]["events"]
    for kind in ("jdk.CPUTimeSample", "jdk.ExecutionSample", "jdk.NativeMethodSample"):
        samples = [frames(e) for e in events if e["type"] == kind]
        if not samples:
            continue
        self_cost, inclusive, ours = collections.Counter(), collections.Counter(), collections.Counter()
        for stack in samples:
            if not stack:
                continue
            self_cost[stack[0]] += 1
            for name in set(stack):
                inclusive[name] += 1
            ours[next((f for f in stack if f.startswith("dev.apilab.") and "$$Lambda" not in f and ".lambda$" not in f),
                      "(no apilab frame: " + stack[-1] + ")")] += 1
        n = len(samples)
        out.write(f"\n== {kind}: {n} samples\n")
        out.write(f"\n-- top frame (self)\n{top(self_cost, n, 30)}\n")
        out.write(f"\n-- anywhere on the stack (inclusive)\n{top(inclusive, n, 45)}\n")
        out.write(f"\n-- nearest apilab method on the stack\n{top(ours, n, 25)}\n")
    for view in ("cpu-time-hot-methods", "hot-methods", "allocation-by-class", "gc-pauses", "gc", "contention-by-site"):
        done = subprocess.run(["jfr", "view", "--width", "160", view, jfr_file], capture_output=True, text=True)
        out.write(f"\n== jfr view {view}\n{done.stdout or done.stderr}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--server", nargs=3, metavar=("NAME", "URL", "PID"), required=True)
    parser.add_argument("--scenario", required=True)
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()
    args.duration = args.seconds
    os.makedirs(os.path.join(args.work, "wrk"), exist_ok=True)

    name, url, pid = args.server
    server = bench.Server(name, "apilab " + name, "apilab", url, int(pid))
    server.users = setup.make_users(url, "apilab", args.work, name)
    chosen = [s for s in bench.SCENARIOS if s.key == args.scenario]
    if not chosen and args.scenario != "flood":
        sys.exit(f"bench: no scenario {args.scenario}; pick one of "
                 + ", ".join(s.key for s in bench.SCENARIOS) + ", flood")
    warm = chosen or [s for s in bench.SCENARIOS if s.key in ("profile", "login")]
    print("== Warm-up", file=sys.stderr, flush=True)
    for scenario in warm:
        for _ in range(2):
            bench.wrk(args, server, scenario, 5, bench.CONNECTIONS, os.path.join(args.work, "wrk", f"warmup-{scenario.key}.txt"))

    jfr_file = os.path.join(args.work, f"{args.scenario}.jfr")
    # JDK 25's CPU-time sampler sees every carrier thread's CPU use; older JDKs reject the setting.
    start = ["jcmd", pid, "JFR.start", "name=bench", "settings=profile", f"filename={jfr_file}", "jdk.ExecutionSample#period=2ms"]
    if subprocess.run(start + ["jdk.CPUTimeSample#enabled=true", "jdk.CPUTimeSample#throttle=2ms"],
                      capture_output=True, text=True).returncode != 0:
        subprocess.run(start, check=True, capture_output=True)
    print(f"== Recording {args.seconds}s of {args.scenario}", file=sys.stderr, flush=True)
    if chosen:
        run = bench.wrk(args, server, chosen[0], args.seconds, bench.CONNECTIONS,
                        os.path.join(args.work, "wrk", f"profile-{args.scenario}.txt"))
        figures = {args.scenario: run}
    else:
        figures = bench.flood(args, server, os.path.join(args.work, "wrk"))
    subprocess.run(["jcmd", pid, "JFR.stop", "name=bench"], check=True, capture_output=True)
    time.sleep(1)

    stamp = time.strftime("%Y-%m-%dT%H%MZ", time.gmtime())
    out_dir = os.path.join(args.repo, "bench", "results", "profiles")
    os.makedirs(out_dir, exist_ok=True)
    out_path = os.path.join(out_dir, f"{stamp}-{name}-{args.scenario}.txt")
    with open(out_path, "w") as out:
        out.write(f"bench/profile {args.scenario} {args.seconds} on apilab {name}, {stamp}\n")
        commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=args.repo, capture_output=True, text=True)
        out.write(f"commit {commit.stdout.strip()}\n\n== wrk during the recording\n")
        for key, run in figures.items():
            if isinstance(run, dict) and "rps" in run:
                out.write(f"  {key}: {run['rps']:,.1f} req/s, p50 {run['p50_ms']:.2f} ms, p99 {run['p99_ms']:.2f} ms, "
                          f"non-2xx {run['non2xx']}, socket errors {run['socket_errors']}\n")
        if "rss_max_mib" in figures:
            out.write(f"  RSS peak during the flood: {figures['rss_max_mib']:,.0f} MiB\n")
        summarise(jfr_file, out)
    print(f"Written: {os.path.relpath(out_path, args.repo)} (recording: {jfr_file})")


if __name__ == "__main__":
    main()
