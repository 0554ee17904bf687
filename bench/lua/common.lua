-- Shared by every scenario script: the users to act as, and one machine-readable result line.
-- BENCH_USERS names a file of "username token" lines (written by bench.py); requests go round
-- robin over them, one prebuilt request per user, so wrk spends no time formatting requests.

function bench_users()
  local users = {}
  local path = os.getenv("BENCH_USERS")
  if path == nil then
    error("BENCH_USERS is not set")
  end
  for line in io.lines(path) do
    local name, token = line:match("^(%S+)%s+(%S+)$")
    if name ~= nil then
      users[#users + 1] = { name = name, token = token }
    end
  end
  if #users == 0 then
    error("no users in " .. path)
  end
  return users
end

-- wrk counts every answer with a status of 400 or more in errors.status; socket errors are
-- connect, read, write and timeout.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
