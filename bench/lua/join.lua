-- POST /api/lobbies/{code}/players with a unique name per request.
-- WRK_JOIN_PREFIX (<= 8 chars) keeps names unique across runs; a per-thread counter
-- makes them unique within the run. WRK_CODES is a comma-separated list of lobby
-- codes; requests go round-robin over them (one code = one growing lobby).
local report = dofile(os.getenv("WRK_LUA_DIR") .. "/report.lua")
local prefix = os.getenv("WRK_JOIN_PREFIX") or "b"
local codes = {}
for code in string.gmatch(os.getenv("WRK_CODES") or "", "[^,]+") do
  codes[#codes + 1] = code
end
local counter = 0
local tid = 0
local next_tid = 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
end

function init(args)
  tid = tonumber(tid) or 0
end

function request()
  counter = counter + 1
  local code = codes[(counter % #codes) + 1]
  local body = string.format('{"name":"%s%d-%d"}', prefix, tid, counter)
  return wrk.format("POST", "/api/lobbies/" .. code .. "/players",
    {["Content-Type"] = "application/json"}, body)
end

done = report.done
