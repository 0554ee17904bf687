#!/usr/bin/env python3
"""The measuring half of bench/run: makes the users, warms up, runs every scenario with wrk against
the servers that bench/run started, floods log-ins while reading profiles, checks the targets and
writes the results (bench/results/). Only the standard library; only loopback addresses."""
import argparse
import json
import os
import shlex
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cpu  # noqa: E402
import report  # noqa: E402
import setup  # noqa: E402

CONNECTIONS = 50
FLOOD_CONNECTIONS = 200
WARMUP_SECONDS = 3
# A run during which other processes kept more than this many cores busy is done again (up to
# RETRIES times, at most MAX_RETRIES in all, to bound the time), and the quietest attempt is kept.
NOISY_CORES = 0.25
RETRIES = 2
MAX_RETRIES = 5


class Scenario:
    def __init__(self, key, title, script, path="/", users=None, write=False):
        self.key, self.title, self.script, self.path, self.users, self.write = key, title, script, path, users, write


SCENARIOS = [
    Scenario("hello", "GET /", "plain.lua", "/"),
    Scenario("json", "GET /json/example", "plain.lua", "/json/example"),
    Scenario("calculator", "GET /calculator?a=1&b=2&c=3", "plain.lua", "/calculator?a=1&b=2&c=3"),
    Scenario("profile", "GET /users/<u>/profile (bearer)", "profile.lua", users="readers"),
    Scenario("grades", "PATCH /users/<u>/grades (bearer, write)", "grades.lua", users="readers", write=True),
    Scenario("login", "POST /users/<u>/tokens (log-in, Argon2id)", "login.lua", users="login"),
    Scenario("mix", "90 % profile / 10 % PATCH grades", "mix.lua", users="readers", write=True),
]


class Server:
    def __init__(self, key, label, kind, url, pid=None, data_file=None):
        self.key, self.label, self.kind, self.url, self.pid = key, label, kind, url, pid
        self.users = {}
        self.data_file, self.snapshot = data_file, None

    def save_data(self):
        """The baseline's whole database is one JSON file: keep a copy once its users exist."""
        if self.data_file:
            with open(self.data_file, "rb") as f:
                self.snapshot = f.read()

    def restore_data(self):
        """Two gunicorn workers rewriting that file at once can leave it unreadable for good (every
        answer a 500 from then on), so each baseline run starts from the saved copy."""
        if self.snapshot is not None:
            with open(self.data_file + ".tmp", "wb") as f:
                f.write(self.snapshot)
            os.replace(self.data_file + ".tmp", self.data_file)

    def runs(self, scenario):
        return self.kind != "nginx" or scenario.key == "hello"

    def meter(self):
        # apilab on PostgreSQL makes the database server work too: count it as part of the run.
        return cpu.Meter([self.pid], ("postgres",) if self.key == "postgres" else ())


def wrk(args, server, scenario, seconds, connections, log_path, timeout="10s"):
    """Runs wrk once and returns its figures (requests/s, latencies in ms, error counts)."""
    env = dict(os.environ)
    if scenario.users:
        env["BENCH_USERS"] = server.users[scenario.users]
    env["BENCH_PASSWORD"] = setup.PASSWORD
    env["BENCH_GRADES_METHOD"] = "POST" if server.kind == "baseline" else "PATCH"
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", timeout,
               "-s", os.path.join(args.repo, "bench", "lua", scenario.script), server.url + scenario.path]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 60)
    with open(log_path, "w") as log:
        log.write(" ".join(command) + "\n" + done.stdout + done.stderr)
    line = next((l for l in done.stdout.splitlines() if l.startswith("BENCH_RESULT ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed for {server.key}/{scenario.key}: see {log_path}\n{done.stderr[-2000:]}")
    raw = json.loads(line[len("BENCH_RESULT "):])
    seconds_run = raw["duration_us"] / 1e6
    return {
        "server": server.key, "scenario": scenario.key, "connections": connections,
        "requests": raw["requests"], "rps": raw["requests"] / seconds_run, "wall_s": seconds_run,
        "ok_rps": max(0, raw["requests"] - raw["status"]) / seconds_run,
        "p50_ms": raw["p50_us"] / 1000, "p90_ms": raw["p90_us"] / 1000, "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "non2xx": raw["status"],
        "socket_errors": raw["connect"] + raw["read"] + raw["write"] + raw["timeout"],
        "socket_detail": {k: raw[k] for k in ("connect", "read", "write", "timeout")},
    }


def measure(args, server, scenario, budget):
    """One scenario on one server, done again while other processes were busy; the quietest attempt."""
    attempts = []
    while True:
        server.restore_data()
        time.sleep(1)
        meter = server.meter().start()
        run = wrk(args, server, scenario, args.duration, CONNECTIONS,
                  os.path.join(args.work, "wrk", f"wrk-{server.key}-{scenario.key}-{len(attempts) + 1}.txt"))
        run |= meter.stop()
        # wrk outlasting its duration means answers stopped for seconds (the whole machine paused):
        # wrk's latency correction then turns the pause into a p99 of seconds.
        run["stalled"] = run["wall_s"] > args.duration * 1.2 + 1
        attempts.append(run)
        quiet = run["other_cores"] <= NOISY_CORES and not run["stalled"]
        if quiet or len(attempts) > RETRIES or budget["retries"] >= MAX_RETRIES:
            break
        budget["retries"] += 1
        why = "the run stalled" if run["stalled"] else f"other processes used {run['other_cores']:.2f} cores"
        print(f"   {why}: again", file=sys.stderr, flush=True)
    best = min(attempts, key=lambda r: (r["stalled"], r["other_cores"]))
    best["attempts"] = len(attempts)
    return best


def memory_kib(pid, field):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def flood(args, server, log_dir):
    """200 concurrent log-ins for the whole of a profile-read run; samples the process's RSS."""
    login = next(s for s in SCENARIOS if s.key == "login")
    profile = next(s for s in SCENARIOS if s.key == "profile")
    lead, seconds = 3, args.duration
    samples, stop = [], threading.Event()

    def sample():
        while not stop.is_set():
            rss = memory_kib(server.pid, "VmRSS")
            if rss is not None:
                samples.append(rss)
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    result = {}

    def logins():
        result["login"] = wrk(args, server, login, seconds + 2 * lead, FLOOD_CONNECTIONS,
                              os.path.join(log_dir, f"wrk-{server.key}-flood-login.txt"), timeout="30s")

    flooder = threading.Thread(target=logins)
    flooder.start()
    try:
        time.sleep(lead)
        result["profile"] = wrk(args, server, profile, seconds, CONNECTIONS,
                                os.path.join(log_dir, f"wrk-{server.key}-flood-profile.txt"))
    finally:
        flooder.join()
        stop.set()
        sampler.join()
    result["rss_max_mib"] = max(samples) / 1024 if samples else None
    result["rss_samples"] = len(samples)
    result["server"] = server.key
    return result


def verify_again(args):
    """The hash cost measured again right before the log-in scenario, the servers idle: this machine's
    speed drifts over minutes, and the log-in target compares the two."""
    print("== JMH: Argon2id verify again, right before the log-ins", file=sys.stderr, flush=True)
    path = os.path.join(args.work, "jmh-password-before-login.json")
    with open(os.path.join(args.work, "jmh-password-before-login.log"), "w") as log:
        subprocess.run(shlex.split(args.jmh_verify) + ["-rf", "json", "-rff", path], stdout=log, stderr=subprocess.STDOUT, check=True)
    return report.read_jmh([path]).get("PasswordBenchmark.verify", {})


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--nginx", nargs=2, metavar=("URL", "PID"), required=True)
    parser.add_argument("--baseline", nargs=3, metavar=("URL", "PID", "DATA_FILE"))
    parser.add_argument("--apilab", nargs=3, action="append", metavar=("NAME", "URL", "PID"), required=True)
    parser.add_argument("--jmh", nargs="+", default=[])
    parser.add_argument("--jmh-verify", default="", metavar="COMMAND",
                        help="the JMH command line (shell words) that measures PasswordBenchmark.verify, run again before the log-ins")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--java-opts", default="")
    args = parser.parse_args()

    meta = report.machine(args.repo)
    meta["duration_s"] = args.duration
    meta["connections"] = CONNECTIONS
    meta["java_opts"] = args.java_opts
    log_dir = os.path.join(args.work, "wrk")
    os.makedirs(log_dir, exist_ok=True)

    servers = [Server("nginx", "nginx (ceiling)", "nginx", args.nginx[0], int(args.nginx[1]))]
    for name, url, pid in args.apilab:
        label = {"sqlite": "apilab SQLite", "postgres": "apilab PostgreSQL"}.get(name, "apilab " + name)
        servers.append(Server(name, label, "apilab", url, int(pid)))
    if args.baseline:
        servers.append(Server("baseline", "baseline (Flask, gunicorn -w 2)", "baseline", args.baseline[0],
                              int(args.baseline[1]), args.baseline[2]))

    for server in servers:
        if server.kind != "nginx":
            print(f"== Users on {server.label}", file=sys.stderr, flush=True)
            server.users = setup.make_users(server.url, server.kind, args.work, server.key)
            server.save_data()

    print(f"== Warm-up: every scenario {WARMUP_SECONDS}s on each apilab", file=sys.stderr, flush=True)
    for server in servers:
        for scenario in SCENARIOS:
            if server.kind == "apilab" or (scenario.key == "hello" and server.runs(scenario)):
                seconds = WARMUP_SECONDS if server.kind == "apilab" else 1
                wrk(args, server, scenario, seconds, CONNECTIONS, os.path.join(log_dir, f"warmup-{server.key}-{scenario.key}.txt"))

    runs, budget = [], {"retries": 0}
    jmh_near_login = {}
    for scenario in SCENARIOS:
        if scenario.key == "login" and args.jmh_verify:
            jmh_near_login = verify_again(args)
        for server in servers:
            if not server.runs(scenario):
                continue
            print(f"== {scenario.title} on {server.label} ({args.duration}s)", file=sys.stderr, flush=True)
            runs.append(measure(args, server, scenario, budget))

    sqlite = next(s for s in servers if s.key == "sqlite")
    print(f"== {FLOOD_CONNECTIONS} concurrent log-ins while reading profiles, on {sqlite.label}", file=sys.stderr, flush=True)
    time.sleep(1)
    meter = sqlite.meter().start()
    flooded = flood(args, sqlite, log_dir)
    flooded |= meter.stop()

    memory = {s.key: {"vmhwm_mib": (memory_kib(s.pid, "VmHWM") or 0) / 1024,
                      "vmrss_mib": (memory_kib(s.pid, "VmRSS") or 0) / 1024}
              for s in servers if s.kind == "apilab"}
    jmh = report.read_jmh(args.jmh)
    if jmh_near_login:
        jmh["PasswordBenchmark.verify (before the log-ins)"] = jmh_near_login
    results = {
        "meta": meta | {"load_after": report.loadavg(), "retries": budget["retries"]},
        "servers": [{"key": s.key, "label": s.label, "kind": s.kind} for s in servers],
        "scenarios": [{"key": s.key, "title": s.title, "write": s.write} for s in SCENARIOS],
        "runs": runs, "flood": flooded, "memory": memory, "jmh": jmh,
    }
    results["targets"] = report.targets(results)
    report.write(results, os.path.join(args.repo, "bench", "results"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
