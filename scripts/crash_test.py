#!/usr/bin/env python3
"""Crash safety: sign-ups and grade writes at full speed, SIGKILL at a random moment, restart on the
same database, and check that every write that got a 2xx is there and the database is consistent.

Usage: crash_test.py JAR DATABASE_URL [ROUNDS]
  DATABASE_URL  jdbc:sqlite:<file> or jdbc:postgresql://…?user=… (the database must exist)
Exits 0 when every round holds; the last line is 'N passed, N failed'."""
import json, os, random, subprocess, sys, tempfile, threading, time
from apilab_process import Server, call

WORKERS = 8


def run_round(jar, database_url, workdir, round_no):
    server = Server(jar, database_url, workdir).start()
    acked_users = {}          # username -> token (sign-up answered 200)
    acked_grades = {}         # username -> (last acknowledged n, n in flight when killed)
    stop = threading.Event()
    lock = threading.Lock()

    def worker(w):
        n = 0
        while not stop.is_set():
            name = f"crash{round_no}-{w}-{n}-{random.randrange(1 << 30):x}"
            try:
                status, body = call("POST", server.url("/users"), {"username": name, "password": "password123",
                                                                    "age": 20, "email": "c@example.com"}, timeout=10)
            except OSError:
                return
            if status != 200:
                continue
            token = json.loads(body)["access_token"]["token"]
            with lock:
                acked_users[name] = token
            for k in range(1, 30):
                with lock:
                    acked_grades[name] = (acked_grades.get(name, (0, 0))[0], k)
                try:
                    status, _ = call("PUT", server.url(f"/users/{name}/grades"), {"n": k}, token, timeout=10)
                except OSError:
                    return
                if status == 200:
                    with lock:
                        acked_grades[name] = (k, k)
                if stop.is_set():
                    return
            n += 1

    threads = [threading.Thread(target=worker, args=(w,), daemon=True) for w in range(WORKERS)]
    for t in threads:
        t.start()
    time.sleep(random.uniform(1.5, 4.0))
    server.kill()
    stop.set()
    for t in threads:
        t.join(timeout=15)

    server = Server(jar, database_url, workdir).start()
    problems = []
    with lock:
        users, grades = dict(acked_users), dict(acked_grades)
    for name, token in users.items():
        status, body = call("GET", server.url(f"/users/{name}/grades"), token=token)
        if status != 200:
            problems.append(f"{name}: acknowledged sign-up lost ({status} {body[:80]})")
            continue
        acked, in_flight = grades.get(name, (0, 0))
        got = json.loads(body).get("n", 0)
        if got not in (acked, in_flight):
            problems.append(f"{name}: grade n={got}, acknowledged {acked} (in flight {in_flight})")
    problems += integrity_problems(database_url)
    server.kill()
    writes = len(users) + sum(a for a, _ in grades.values())
    return writes, problems


def integrity_problems(database_url):
    orphans = ("SELECT (SELECT COUNT(*) FROM access_tokens t LEFT JOIN users u ON u.id = t.user_id WHERE u.id IS NULL)"
               " + (SELECT COUNT(*) FROM grades g LEFT JOIN users u ON u.id = g.user_id WHERE u.id IS NULL)")
    if database_url.startswith("jdbc:sqlite:"):
        import sqlite3
        db = sqlite3.connect(database_url[len("jdbc:sqlite:"):])
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
        fk = db.execute("PRAGMA foreign_key_check").fetchall()
        orphan_count = db.execute(orphans).fetchone()[0]
        db.close()
        return ([] if check == "ok" else [f"integrity_check: {check}"]) + \
               ([] if not fk else [f"foreign_key_check: {fk[:3]}"]) + \
               ([] if orphan_count == 0 else [f"{orphan_count} orphan rows"])
    rest = database_url[len("jdbc:postgresql://"):]
    hostport, _, dbq = rest.partition("/")
    db, _, query = dbq.partition("?")
    user = dict(p.split("=", 1) for p in query.split("&") if "=" in p).get("user", "postgres")
    host, _, port = hostport.partition(":")
    out = subprocess.run(["psql", "-h", host, "-p", port or "5432", "-U", user, "-d", db, "-tAc", orphans],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return [f"psql failed: {out.stderr.strip()}"]
    return [] if out.stdout.strip() == "0" else [f"{out.stdout.strip()} orphan rows"]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    jar, database_url = os.path.abspath(sys.argv[1]), sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    workdir = tempfile.mkdtemp(prefix="apilab-crash-")
    passed = failed = 0
    for r in range(1, rounds + 1):
        writes, problems = run_round(jar, database_url, workdir, r)
        if problems or writes == 0:
            failed += 1
            print(f"round {r}: FAIL after {writes} acknowledged writes")
            for p in (problems or ["no write was acknowledged before the kill"])[:20]:
                print("   ", p)
        else:
            passed += 1
            print(f"round {r}: killed with SIGKILL after {writes} acknowledged writes; all present, database consistent")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
