-- Log-in: POST /users/<u>/tokens with the password (one Argon2id verification each), round robin
-- over users kept for log-ins only, so the tokens that the read scenarios use are never revoked.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

local requests = {}
local n = 0

function init(args)
  local password = os.getenv("BENCH_PASSWORD")
  for _, user in ipairs(bench_users()) do
    requests[#requests + 1] = wrk.format("POST", "/users/" .. user.name .. "/tokens",
      { ["Content-Type"] = "application/json" },
      '{"username": "' .. user.name .. '", "password": "' .. password .. '", "device_name": "bench"}')
  end
end

function request()
  n = n % #requests + 1
  return requests[n]
end
