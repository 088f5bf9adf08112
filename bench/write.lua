-- wrk script: PUT /api/session/data/kN (N of 0..7) over many sessions; the file after "--" holds
-- one "session_id=...<TAB>csrf-token" line per session.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "session-list.lua")
local sessions = {}
local counter = 0

function init(args)
  sessions = read_sessions(args[1])
end

function request()
  counter = counter + 1
  local session = sessions[counter % #sessions + 1]
  return wrk.format("PUT", "/api/session/data/k" .. (counter % 8), {
    ["Cookie"] = session.cookie,
    ["X-CSRF-Token"] = session.csrf,
    ["Content-Type"] = "application/json",
  }, '{"value":{"n":' .. counter .. ',"filters":["draft","posted"]}}')
end
