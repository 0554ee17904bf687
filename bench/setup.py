"""The accounts a benchmark acts as: readers (profile, grades, mix; their tokens come from sign-up)
and log-in users (kept apart, so that logging in, which revokes a user's oldest token past 100,
never revokes a reader's). Written as "username token" lines for the wrk scripts."""
import concurrent.futures
import json
import os
import urllib.error
import urllib.request

PASSWORD = "bench-password-42"
READERS = 50
LOGIN_USERS = 10


def call(method, url, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token is not None:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def sign_up(base, name):
    status, body = call("POST", base + "/users", {
        "username": name, "password": PASSWORD, "age": 30, "email": name + "@example.com",
        "device_name": "bench", "roles": ["student"]})
    if status != 200:
        raise RuntimeError(f"sign-up of {name} at {base} answered {status}: {body}")
    return name, body["access_token"]["token"]


def make_users(base, kind, work, key):
    """Signs the users up and checks every reader's token; returns {"readers": path, "login": path}."""
    names = [f"reader{i:02d}" for i in range(READERS)] + [f"login{i:02d}" for i in range(LOGIN_USERS)]
    # The baseline keeps its users in one JSON file that each worker rewrites whole: sign up one at a time.
    workers = 4 if kind == "apilab" else 1
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        users = list(pool.map(lambda n: sign_up(base, n), names))
    for name, token in users[:READERS]:
        status, body = call("GET", f"{base}/users/{name}/profile", token=token)
        if status != 200:
            raise RuntimeError(f"profile of {name} at {base} answered {status}: {body}")
    paths = {}
    for group, chosen in (("readers", users[:READERS]), ("login", users[READERS:])):
        paths[group] = os.path.join(work, f"users-{key}-{group}.txt")
        with open(paths[group], "w") as out:
            out.writelines(f"{name} {token}\n" for name, token in chosen)
    return paths
