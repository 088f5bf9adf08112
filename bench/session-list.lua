-- Shared by the wrk scripts that write (write.lua, switch.lua, soak.lua): reads the file given after "--",
-- one "session_id=...<TAB>csrf-token" line per signed-in session.
function read_sessions(path)
  local sessions = {}
  for line in io.lines(path) do
    local cookie, csrf = line:match("^(%S+)\t(%S+)$")
    if cookie then
      sessions[#sessions + 1] = { cookie = cookie, csrf = csrf }
    end
  end
  return sessions
end
