-- 90 % authenticated profile reads, 10 % grade writes (every tenth request), round robin over the users.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

local reads = {}
local writes = {}
local n = 0

function init(args)
  local method = os.getenv("BENCH_GRADES_METHOD") or "PATCH"
  for _, user in ipairs(bench_users()) do
    local auth = "Bearer " .. user.token
    reads[#reads + 1] = wrk.format("GET", "/users/" .. user.name .. "/profile", { ["Authorization"] = auth })
    writes[#writes + 1] = wrk.format(method, "/users/" .. user.name .. "/grades",
      { ["Authorization"] = auth, ["Content-Type"] = "application/json" }, '{"math": 90, "art": "A"}')
  end
end

function request()
  n = n + 1
  local i = n % #reads + 1
  if n % 10 == 0 then
    return writes[i]
  end
  return reads[i]
end
