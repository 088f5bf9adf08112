-- wrk script: PUT /api/session/data/kN (N of 0..7) over many sessions; the file after "--" holds
-- one "session_id=...<TAB>csrf-token" line per session.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "session-list.lua")

function request()
  local session = next_session()
  return unsafe("PUT", "/api/session/data/k" .. (counter % 8), session,
    '{"value":{"n":' .. counter .. ',"filters":["draft","posted"]}}')
end
