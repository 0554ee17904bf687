#!/usr/bin/env python3
"""Soak: a bounded run of the mixed workload (90 % reads, 10 % writes) on loopback, checking that
nothing fails and that heap after GC, open files and threads do not grow between start and end.

Usage: soak.py JAR [SECONDS] [DATABASE_URL]   (default 120 s on a fresh SQLite file)
Exits 0 when it holds; the last line is 'N passed, N failed'."""
import http.client, json, os, random, re, subprocess, sys, tempfile, threading, time
from apilab_process import Server, call, java

CLIENTS = 16
WARMUP = 20


def jcmd(pid, *args):
    tool = os.path.join(os.path.dirname(java()), "jcmd") if os.environ.get("JAVA_HOME") else "jcmd"
    return subprocess.run([tool, str(pid), *args], capture_output=True, text=True, timeout=60).stdout


def sample(pid):
    jcmd(pid, "GC.run")
    info = jcmd(pid, "GC.heap_info")
    used = re.search(r"used (\d+)K", info)
    with open(f"/proc/{pid}/status") as f:
        status = f.read()
    threads = int(re.search(r"Threads:\s+(\d+)", status).group(1))
    rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return {"heap_kib": int(used.group(1)) if used else -1, "files": len(os.listdir(f"/proc/{pid}/fd")),
            "threads": threads, "rss_kib": rss}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    jar = os.path.abspath(sys.argv[1])
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 120
    workdir = tempfile.mkdtemp(prefix="apilab-soak-")
    database_url = sys.argv[3] if len(sys.argv) > 3 else f"jdbc:sqlite:{workdir}/soak.db"
    server = Server(jar, database_url, workdir).start()
    users = []
    for i in range(CLIENTS):
        name = f"soak{i}-{random.randrange(1 << 30):x}"
        status, body = call("POST", server.url("/users"), {"username": name, "password": "password123", "age": 30,
                                                           "email": "s@example.com"})
        assert status == 200, body
        users.append((name, json.loads(body)["access_token"]["token"]))

    stop = threading.Event()
    counts = {"ok": 0, "errors": 0}
    failures = []
    lock = threading.Lock()

    def client(name, token):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
        k = 0
        while not stop.is_set():
            k += 1
            r = random.random()
            if r < 0.10:
                method, path, body = "PATCH", f"/users/{name}/grades", json.dumps({"s" + str(k % 50): k % 6})
            elif r < 0.55:
                method, path, body = "GET", f"/users/{name}/profile", None
            elif r < 0.75:
                method, path, body = "GET", f"/users/{name}/grades", None
            elif r < 0.90:
                method, path, body = "GET", "/json/example", None
            else:
                method, path, body = "GET", "/calculator?a=1&b=2&c=3", None
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                ok = 200 <= resp.status < 300
            except (OSError, http.client.HTTPException) as e:
                ok = False
                resp = None
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            with lock:
                counts["ok" if ok else "errors"] += 1
                if not ok and len(failures) < 5:
                    failures.append(f"{method} {path}: {resp.status if resp else 'no answer'}")
        conn.close()

    threads = [threading.Thread(target=client, args=u, daemon=True) for u in users]
    for t in threads:
        t.start()
    time.sleep(WARMUP)
    start = sample(server.proc.pid)
    start_ok = counts["ok"]
    time.sleep(max(1, seconds - WARMUP))
    end = sample(server.proc.pid)
    requests = counts["ok"] - start_ok
    stop.set()
    for t in threads:
        t.join(timeout=30)
    server.kill()

    checks = [
        ("no failed request", counts["errors"] == 0, f"{counts['errors']} failed {failures}"),
        ("heap after GC does not grow", end["heap_kib"] <= start["heap_kib"] * 1.5 + 32 * 1024,
         f"{start['heap_kib']} KiB -> {end['heap_kib']} KiB"),
        ("open files do not grow", end["files"] <= start["files"] + 16, f"{start['files']} -> {end['files']}"),
        ("threads do not grow", end["threads"] <= start["threads"] + 16, f"{start['threads']} -> {end['threads']}"),
    ]
    print(f"soak: {seconds} s, {CLIENTS} clients, {requests} requests measured "
          f"({requests / max(1, seconds - WARMUP):.0f}/s), RSS {start['rss_kib'] // 1024} -> {end['rss_kib'] // 1024} MiB")
    passed = failed = 0
    for name, ok, detail in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {name}: {detail}")
        passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
