-- Authenticated GET /users/<u>/profile, round robin over the users.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

local requests = {}
local n = 0

function init(args)
  for _, user in ipairs(bench_users()) do
    requests[#requests + 1] = wrk.format("GET", "/users/" .. user.name .. "/profile",
      { ["Authorization"] = "Bearer " .. user.token })
  end
end

function request()
  n = n % #requests + 1
  return requests[n]
end
