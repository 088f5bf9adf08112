-- wrk script: PUT /api/session/companies over many sessions, each request choosing the other of
-- the demo user's two companies as the current one; the file after "--" holds one
-- "session_id=...<TAB>csrf-token" line per session.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "session-list.lua")
local sessions = {}
local counter = 0

function init(args)
  sessions = read_sessions(args[1])
end

function request()
  counter = counter + 1
  local session = sessions[counter % #sessions + 1]
  local selection = (counter % 2 == 0) and "[1,2]" or "[2,1]"
  return wrk.format("PUT", "/api/session/companies", {
    ["Cookie"] = session.cookie,
    ["X-CSRF-Token"] = session.csrf,
    ["Content-Type"] = "application/json",
  }, '{"allowed_company_ids":' .. selection .. '}')
end
