"""What a run found, told three ways: the terminal table, bench/results/*.md (dated and latest) with
the raw figures beside it as JSON, and an SVG bar chart of the ratios. Also the machine facts and
the targets of issue #6."""
import datetime
import json
import os
import platform
import subprocess

import chart

LOGIN_SHARE = 0.8


def _run(command, cwd=None):
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=30)
        return (done.stdout + done.stderr).strip()
    except (OSError, subprocess.SubprocessError):
        return "not found"


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def machine(repo):
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kib = int(next(l for l in f if l.startswith("MemTotal:")).split()[1])
    dirty = _run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=repo)
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "stamp": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H%MZ"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "kernel": platform.release(),
        "jdk": "; ".join(_run(["java", "-version"]).splitlines()[:2]),
        "commit": _run(["git", "rev-parse", "--short=12", "HEAD"], cwd=repo),
        "branch": _run(["git", "rev-parse", "--abbrev-ref", "HEAD"], cwd=repo),
        "dirty": bool(dirty and dirty != "not found"),
        "wrk": _run(["wrk", "-v"]).splitlines()[0].split(" Copyright")[0],
        "nginx": _run(["nginx", "-v"]).replace("nginx version: ", ""),
        "gunicorn": _run(["/usr/bin/gunicorn", "--version"]),
        "load_before": loadavg(),
    }


def read_jmh(paths):
    found = {}
    for path in paths:
        with open(path) as f:
            for entry in json.load(f):
                name = entry["benchmark"].rsplit(".", 2)
                metric = entry["primaryMetric"]
                found[name[-2] + "." + name[-1]] = {
                    "score": metric["score"], "error": metric["scoreError"], "unit": metric["scoreUnit"],
                    "threads": entry.get("threads", 1)}
    return found


def _run_of(results, server, scenario):
    return next((r for r in results["runs"] if r["server"] == server and r["scenario"] == scenario), None)


def _errors(run):
    return run["non2xx"] + run["socket_errors"]


def targets(results):
    """Issue #6's targets, on apilab's default database (SQLite), all from this one run."""
    nginx = _run_of(results, "nginx", "hello")
    hello = _run_of(results, "sqlite", "hello")
    profile = _run_of(results, "sqlite", "profile")
    base_profile = _run_of(results, "baseline", "profile")
    grades = _run_of(results, "sqlite", "grades")
    login = _run_of(results, "sqlite", "login")
    flood = results["flood"]
    verify = results["jmh"].get("PasswordBenchmark.verify")
    nproc = results["meta"]["nproc"]
    rss = max(flood["rss_max_mib"] or 0, results["memory"]["sqlite"]["vmhwm_mib"])
    out = []

    def add(name, measured, ok, needed):
        out.append({"target": name, "measured": measured, "needed": needed, "pass": bool(ok)})

    ratio = hello["rps"] / nginx["rps"]
    add("GET / ≥ 0.6 × nginx GET /", f"{ratio:.2f} × ({hello['rps']:,.0f} vs {nginx['rps']:,.0f} req/s)",
        ratio >= 0.6 and _errors(hello) == 0, "0.60 ×, no errors")
    ratio = profile["rps"] / nginx["rps"]
    add("profile ≥ 0.4 × nginx GET /", f"{ratio:.2f} × ({profile['rps']:,.0f} req/s)",
        ratio >= 0.4 and _errors(profile) == 0, "0.40 ×, no errors")
    if base_profile:
        ratio = profile["ok_rps"] / max(base_profile["ok_rps"], 1e-9)
        add("profile ≥ 10 × baseline profile", f"{ratio:.1f} × ({base_profile['rps']:,.0f} req/s baseline)",
            ratio >= 10 and _errors(profile) == 0, "10 ×")
    add("writes (PATCH grades) ≥ 5,000/s on SQLite", f"{grades['rps']:,.0f} req/s, {_errors(grades)} errors",
        grades["rps"] >= 5000 and _errors(grades) == 0, "5,000 req/s, no errors")
    again = results["jmh"].get("PasswordBenchmark.verify (before the log-ins)")
    if verify:
        # The hash cost at the start and again just before the log-ins, averaged: the machine drifts.
        scores = [verify["score"]] + ([again["score"]] if again else [])
        verify_ms = sum(scores) / len(scores)
        how = " (mean of " + " and ".join(f"{x:.0f}" for x in scores) + ")" if again else ""
        ceiling = nproc / (verify_ms / 1000)
        share = login["rps"] / ceiling
        add(f"log-ins ≥ 80 % of {nproc} cores ÷ verify {verify_ms:.0f} ms{how} = {ceiling:.1f}/s",
            f"{login['rps']:.1f}/s = {share:.0%}, {_errors(login)} errors",
            share >= LOGIN_SHARE and _errors(login) == 0, f"{LOGIN_SHARE * ceiling:.1f}/s")
    fp = flood["profile"]
    add(f"profile p99 < 50 ms during {flood['login']['connections']} concurrent log-ins",
        f"p99 {fp['p99_ms']:.1f} ms, {fp['rps']:,.0f} req/s, {_errors(fp)} errors",
        fp["p99_ms"] < 50 and _errors(fp) == 0, "< 50 ms, no errors")
    add("apilab resident memory < 600 MiB (VmHWM of the whole run)", f"{rss:,.0f} MiB", rss < 600, "< 600 MiB")
    return out


def _ms(value):
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _cpu_per_request(run):
    if not run.get("rps") or "server_cores" not in run:
        return ""
    micros = run["server_cores"] / run["rps"] * 1e6
    return f"{micros:,.0f}" if micros >= 10 else f"{micros:.1f}"


def results_table(results):
    labels = {s["key"]: s["label"] for s in results["servers"]}
    titles = {s["key"]: s["title"] for s in results["scenarios"]}
    nginx = _run_of(results, "nginx", "hello")
    lines = ["| scenario | server | req/s | p50 ms | p99 ms | non-2xx | socket errors | × nginx GET / | × baseline | server CPU µs/req | others' CPU |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for scenario in results["scenarios"]:
        base = _run_of(results, "baseline", scenario["key"])
        for run in (r for r in results["runs"] if r["scenario"] == scenario["key"]):
            x_base = ""
            if base and run["server"] not in ("baseline", "nginx"):
                x_base = f"{run['ok_rps'] / base['ok_rps']:.1f}" if base["ok_rps"] > 0 else "n/a"
            title = titles[run["scenario"]]
            if run["server"] == "baseline" and scenario["key"] in ("grades", "mix"):
                title += " [baseline: POST]"
            if run.get("stalled"):
                title += " [stalled]"
            lines.append(f"| {title} | {labels[run['server']]} | {run['rps']:,.0f} | {_ms(run['p50_ms'])} | "
                         f"{_ms(run['p99_ms'])} | {run['non2xx']} | {run['socket_errors']} | "
                         f"{run['ok_rps'] / nginx['ok_rps']:.3f} | {x_base} | {_cpu_per_request(run)} | {run.get('other_cores', 0):.2f} |")
    return "\n".join(lines)


def flood_table(results):
    f = results["flood"]
    lines = ["| during the flood | req/s | p50 ms | p99 ms | non-2xx | socket errors |", "|---|---:|---:|---:|---:|---:|"]
    for name, run in (("log-ins (200 connections)", f["login"]), ("profile reads (50 connections)", f["profile"])):
        lines.append(f"| {name} | {run['rps']:,.1f} | {_ms(run['p50_ms'])} | {_ms(run['p99_ms'])} | "
                     f"{run['non2xx']} | {run['socket_errors']} |")
    return "\n".join(lines)


def targets_table(results):
    lines = ["| target | measured | needed | result |", "|---|---|---|---|"]
    for t in results["targets"]:
        lines.append(f"| {t['target']} | {t['measured']} | {t['needed']} | {'PASS' if t['pass'] else 'FAIL'} |")
    return "\n".join(lines)


def jmh_table(results):
    lines = ["| JMH benchmark | threads | score |", "|---|---:|---:|"]
    for name, m in sorted(results["jmh"].items()):
        lines.append(f"| {name} | {m['threads']} | {m['score']:,.1f} ± {m['error']:,.1f} {m['unit']} |")
    return "\n".join(lines)


def markdown(results):
    m = results["meta"]
    memory = ", ".join(f"{k}: VmHWM {v['vmhwm_mib']:,.0f} MiB" for k, v in results["memory"].items())
    return f"""# apilab benchmark, {m['date']}

- machine: {m['nproc']} cores ({m['cpu']}), {m['memory_gib']} GiB, Linux {m['kernel']}
- load average before / after: {m['load_before']} / {m['load_after']} (anything else running skews every figure)
- JDK: {m['jdk']}; JVM options for apilab: `{m['java_opts'] or 'none'}` (the jar as shipped)
- apilab commit: {m['commit']} ({m['branch']}{', with uncommitted changes' if m['dirty'] else ''})
- tools: {m['wrk']}; nginx {m['nginx']}; {m['gunicorn']}
- every run: `wrk -t1 -c{m['connections']} -d{m['duration_s']}s --latency --timeout 10s` on 127.0.0.1, after a
  warm-up of every scenario on each apilab; authenticated requests go round robin over 50 users

## Results

{results_table(results)}

`× nginx GET /` is the scenario's req/s over nginx's `GET /` (the ceiling of a loopback HTTP
answer here); `× baseline` is apilab's req/s over the baseline's in the same scenario. Both ratios
count only answers below 400 (the baseline's writes fail often, see below).
non-2xx counts answers with status 400 or more; socket errors are connect, read, write and timeout.
`server CPU µs/req` is the CPU time the server's processes spent per answer (for apilab on
PostgreSQL, the database server's too): it moves much less than req/s when the machine is shared,
so compare it between runs to see whether a change made a request cheaper.
`others' CPU` is the cores that processes outside the measurement (not the server, wrk or
bench/run) kept busy during the run; a run above 0.25 cores was done again (at most twice) and the
quietest attempt kept ({results['meta'].get('retries', 0)} repeats in this run); so was a run that
outlasted its duration (answers stopped for seconds, the machine paused), marked `[stalled]` if no
attempt ran clean.

## {results['flood']['login']['connections']} concurrent log-ins while reading profiles (apilab SQLite)

{flood_table(results)}

Others' CPU during the flood: {results['flood'].get('other_cores', 0):.2f} cores. Resident memory: peak sampled during the flood {results['flood']['rss_max_mib'] or 0:,.0f} MiB; {memory}.

## JMH (short runs inside bench/run)

{jmh_table(results)}

## Targets

{targets_table(results)}

## How the baseline differs

- It is the notebook's Flask server under gunicorn with 2 sync workers (one request at a time per
  worker, no keep-alive, so wrk reconnects for every request), keeping its data in one JSON file that
  it reads on every request and rewrites on every write.
- Its tokens are its own format (a random string looked up in that file); its passwords are one
  shared salt + SHA-256, so its log-in costs microseconds where apilab's costs one Argon2id hash:
  the log-in ratio compares a deliberate cost with none.
- It has no PATCH on grades: its write scenario and the write tenth of its mix are POST grades
  (replace all), the nearest equivalent.
- Its two workers each lock only themselves, so concurrent writes interleave in the JSON file:
  readers get 500s (a half-written file) and the file can end up unreadable for good, every answer
  a 500 from then on. Its non-2xx column counts these; each baseline run starts from a copy of
  the file saved after sign-up, so one scenario's damage does not spill into the next.
"""


def terminal(results):
    return f"""
{results_table(results)}

{flood_table(results)}

{targets_table(results)}
"""


def write(results, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    stamp = results["meta"]["stamp"]
    text = markdown(results)
    data = json.dumps(results, indent=2) + "\n"
    svg = chart.svg(results)
    for name, content in ((f"{stamp}.md", text), ("latest.md", text), (f"{stamp}.json", data),
                          ("latest.json", data), ("latest.svg", svg)):
        with open(os.path.join(out_dir, name), "w") as f:
            f.write(content)
    print(terminal(results))
    print(f"Written: bench/results/{stamp}.md, latest.md, latest.svg, latest.json")
