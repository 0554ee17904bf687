# Shared by bench/run and bench/profile: tools, build, and the servers under test, each started on
# a free loopback port and stopped by bench_stop_all (which the callers run from an EXIT trap).
# Sourced, not run; expects $repo (the checkout) and $work (a scratch folder) to be set.

bench_pids=()        # every process started here, stopped in reverse order
bench_pg_database="" # dropped at the end when this run created it

bench_log() { printf '== %s\n' "$*" >&2; }

# A JDK 21 or newer (the machine's default java may be older).
bench_pick_jdk() {
  local j major
  for j in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/*; do
    [ -n "$j" ] && [ -x "$j/bin/java" ] || continue
    major=$("$j/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then
      echo "$j"
      return 0
    fi
  done
  return 1
}

# wrk, nginx, gunicorn and Flask from Debian's packages, installed only when missing.
bench_install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  [ -x /usr/bin/gunicorn ] || missing+=(gunicorn)
  /usr/bin/python3 -c 'import flask' 2>/dev/null || missing+=(python3-flask)
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "bench: missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root" >&2
      return 1
    fi
    bench_log "Installing ${missing[*]} (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -q -o DPkg::Lock::Timeout=300 update >"$work/apt.log" 2>&1
    apt-get -q -y -o DPkg::Lock::Timeout=300 install "${missing[@]}" >>"$work/apt.log" 2>&1 \
      || { tail -20 "$work/apt.log" >&2; return 1; }
  fi
}

bench_build_jar() {
  bench_log "Building target/apilab.jar"
  (cd "$repo" && ./mvnw -q -B -ntp -DskipTests package) >"$work/build.log" 2>&1 \
    || { tail -40 "$work/build.log" >&2; return 1; }
}

bench_build_jmh() {
  bench_log "Building the JMH benchmarks (bench/jmh)"
  (cd "$repo/bench/jmh" && "$repo/mvnw" -q -B -ntp package) >"$work/build-jmh.log" 2>&1 \
    || { tail -40 "$work/build-jmh.log" >&2; return 1; }
}

bench_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until $1 answers (any HTTP status), at most $2 seconds.
bench_wait_http() {
  local url=$1 seconds=${2:-60} i
  for i in $(seq 1 $((seconds * 5))); do
    curl -s -o /dev/null --max-time 2 "$url" && return 0
    sleep 0.2
  done
  echo "bench: nothing answers at $url after ${seconds}s" >&2
  return 1
}

# bench_start_apilab NAME DATABASE_URL: the jar as a user runs it, in its own folder under $work.
# Extra JVM options come from BENCH_JAVA_OPTS (recorded in the results). Sets apilab_port, apilab_pid.
bench_start_apilab() {
  local name=$1 database_url=$2 dir="$work/$1"
  mkdir -p "$dir"
  apilab_port=$(bench_free_port)
  # shellcheck disable=SC2086
  (cd "$dir" && PORT=$apilab_port HOST=127.0.0.1 DATABASE_URL="$database_url" LOG_LEVEL=warn \
      exec java ${BENCH_JAVA_OPTS:-} ${BENCH_EXTRA_JAVA_OPTS:-} -jar "$repo/target/apilab.jar" >"$dir/server.log" 2>&1) &
  apilab_pid=$!
  bench_pids+=("$apilab_pid")
  bench_wait_http "http://127.0.0.1:$apilab_port/healthz" 90 || { tail -30 "$dir/server.log" >&2; return 1; }
  bench_log "apilab ($name) on 127.0.0.1:$apilab_port, pid $apilab_pid"
}

# nginx answering "Hello, World!" from its own config: 1 worker per core, keep-alive, no access log.
# Run as nobody when started as root, so nothing of it runs with privileges. Sets nginx_port, nginx_pid.
bench_start_nginx() {
  local dir="$work/nginx" nginx_bin
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  mkdir -p "$dir/logs" "$dir/tmp"
  nginx_port=$(bench_free_port)
  cat >"$dir/nginx.conf" <<EOF
worker_processes $(nproc);
daemon off;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    location = / {
      default_type text/plain;
      return 200 'Hello, World!';
    }
  }
}
EOF
  local as_user=()
  if [ "$(id -u)" -eq 0 ]; then
    chown -R nobody:nogroup "$dir"
    chmod o+x "$work"
    as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
  fi
  "${as_user[@]}" "$nginx_bin" -e "$dir/logs/error.log" -p "$dir" -c "$dir/nginx.conf" >"$dir/stdout.log" 2>&1 &
  nginx_pid=$!
  bench_pids+=("$nginx_pid")
  bench_wait_http "http://127.0.0.1:$nginx_port/" 20 || { cat "$dir/logs/error.log" >&2; return 1; }
  bench_log "nginx on 127.0.0.1:$nginx_port ($(nproc) workers)"
}

# The notebook's own server under gunicorn (2 sync workers), as its README deploys it. Sets baseline_port, baseline_pid.
bench_start_baseline() {
  local dir="$work/baseline"
  mkdir -p "$dir"
  baseline_port=$(bench_free_port)
  SEED_DB="$dir/seed.json" /usr/bin/gunicorn -w 2 -b "127.0.0.1:$baseline_port" --chdir "$baseline_dir" \
      seed_flask_app:app >"$dir/server.log" 2>&1 &
  baseline_pid=$!
  bench_pids+=("$baseline_pid")
  bench_wait_http "http://127.0.0.1:$baseline_port/" 30 || { tail -30 "$dir/server.log" >&2; return 1; }
  bench_log "baseline (gunicorn -w 2) on 127.0.0.1:$baseline_port"
}

# PostgreSQL on 127.0.0.1:5432 when one answers: a fresh database of our own. Sets pg_url or leaves it empty.
bench_prepare_postgres() {
  pg_url=""
  local host=${BENCH_PG_HOST:-127.0.0.1} port=${BENCH_PG_PORT:-5432} user=${BENCH_PG_USER:-postgres}
  local db=${BENCH_PG_DATABASE:-apilab_bench}
  if ! python3 -c "import socket,sys; socket.create_connection(('$host', $port), 1)" 2>/dev/null; then
    bench_log "No PostgreSQL on $host:$port: SQLite only"
    return 0
  fi
  if ! command -v psql >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then
      apt-get -q -y -o DPkg::Lock::Timeout=300 install postgresql-client >>"$work/apt.log" 2>&1 || true
    fi
  fi
  if ! command -v psql >/dev/null \
      || ! psql -q -h "$host" -p "$port" -U "$user" -d postgres -c "DROP DATABASE IF EXISTS $db" >"$work/psql.log" 2>&1 \
      || ! psql -q -h "$host" -p "$port" -U "$user" -d postgres -c "CREATE DATABASE $db" >>"$work/psql.log" 2>&1; then
    bench_log "PostgreSQL on $host:$port refused a database of our own (see $work/psql.log): SQLite only"
    return 0
  fi
  bench_pg_database="$db"
  bench_pg_admin=(psql -q -h "$host" -p "$port" -U "$user" -d postgres)
  pg_url="jdbc:postgresql://$host:$port/$db?user=$user"
}

# Stops, newest first, every process this run started, then drops the database it created.
bench_stop_all() {
  local i pid
  for ((i = ${#bench_pids[@]} - 1; i >= 0; i--)); do
    pid=${bench_pids[$i]}
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${bench_pids[@]}"; do
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  bench_pids=()
  if [ -n "$bench_pg_database" ]; then
    "${bench_pg_admin[@]}" -c "DROP DATABASE IF EXISTS $bench_pg_database" >/dev/null 2>&1 || true
    bench_pg_database=""
  fi
}
