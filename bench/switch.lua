-- wrk script: PUT /api/session/companies over many sessions, each request choosing the other of
-- the demo user's two companies as the current one; the file after "--" holds one
-- "session_id=...<TAB>csrf-token" line per session.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "session-list.lua")

function request()
  local session = next_session()
  local selection = (counter % 2 == 0) and "[1,2]" or "[2,1]"
  return unsafe("PUT", "/api/session/companies", session, '{"allowed_company_ids":' .. selection .. '}')
end
