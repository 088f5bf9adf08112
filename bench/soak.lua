-- wrk script for the soak: mixed reads and writes over many signed-in sessions. The file after
-- "--" holds one "session_id=...<TAB>csrf-token" line per session. Four requests in five read
-- the session (GET /api/session); the fifth writes one of eight custom keys of that session.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "session-list.lua")

function request()
  local session = next_session()
  -- Every fifth pass over the sessions writes: each session gets its share of writes.
  if math.floor(counter / #sessions) % 5 == 0 then
    return unsafe("PUT", "/api/session/data/soak-" .. (counter % 8), session,
      '{"value":{"n":' .. counter .. ',"note":"soak"}}')
  end
  return wrk.format("GET", "/api/session", { ["Cookie"] = session.cookie })
end
