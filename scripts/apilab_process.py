"""Starting and stopping the apilab jar for the reliability scripts (standard library only)."""
import os, signal, socket, subprocess, time, urllib.request, json, urllib.error


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def java():
    home = os.environ.get("JAVA_HOME")
    return os.path.join(home, "bin", "java") if home else "java"


class Server:
    """One apilab process on a free loopback port, with its log in LOG_PATH."""

    def __init__(self, jar, database_url, workdir, extra_env=None):
        self.jar, self.database_url, self.workdir = jar, database_url, workdir
        self.extra_env = extra_env or {}
        self.proc = None
        self.port = None

    def start(self, timeout=60):
        self.port = free_port()
        env = dict(os.environ, PORT=str(self.port), HOST="127.0.0.1", DATABASE_URL=self.database_url,
                   LOG_LEVEL="warn", SIGNUPS_PER_ADDRESS="1000000", LOGIN_FAILURES_PER_ADDRESS="1000000")
        env.update(self.extra_env)
        log = open(os.path.join(self.workdir, "server.log"), "ab")
        self.proc = subprocess.Popen([java(), "-jar", self.jar], cwd=self.workdir, env=env,
                                     stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"apilab exited with {self.proc.returncode}; see {self.workdir}/server.log")
            try:
                if call("GET", self.url("/healthz"))[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("apilab did not answer /healthz in time")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def kill(self, sig=signal.SIGKILL):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.proc.wait(timeout=60)


def call(method, url, body=None, token=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
