-- wrk script for the soak: mixed reads and writes over many signed-in sessions. The file after
-- "--" holds one "session_id=...<TAB>csrf-token" line per session. Four requests in five read
-- the session (GET /api/session); the fifth writes one of eight custom keys of that session.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "session-list.lua")
local sessions = {}
local counter = 0

function init(args)
  sessions = read_sessions(args[1])
end

function request()
  counter = counter + 1
  local session = sessions[counter % #sessions + 1]
  -- Every fifth pass over the sessions writes: each session gets its share of writes.
  if math.floor(counter / #sessions) % 5 == 0 then
    local key = "soak-" .. (counter % 8)
    return wrk.format("PUT", "/api/session/data/" .. key, {
      ["Cookie"] = session.cookie,
      ["X-CSRF-Token"] = session.csrf,
      ["Content-Type"] = "application/json",
    }, '{"value":{"n":' .. counter .. ',"note":"soak"}}')
  end
  return wrk.format("GET", "/api/session", { ["Cookie"] = session.cookie })
end
