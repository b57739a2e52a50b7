-- Plain GET of the URL path; optional bearer token from the environment (WRK_TOKEN).
local report = dofile(os.getenv("WRK_LUA_DIR") .. "/report.lua")
local token = os.getenv("WRK_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
wrk.method = "GET"
done = report.done
