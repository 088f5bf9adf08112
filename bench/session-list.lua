-- Shared by the wrk scripts that write (write.lua, switch.lua, soak.lua): the signed-in sessions
-- read from the file given after "--" (one "session_id=...<TAB>csrf-token" line per session),
-- taken in turn, and the unsafe JSON request of one of them.
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

sessions = {}
-- Requests made so far by this thread (the scripts vary their bodies with it).
counter = 0

function init(args)
  sessions = read_sessions(args[1])
end

-- Counts a request and gives the session whose turn it is.
function next_session()
  counter = counter + 1
  return sessions[counter % #sessions + 1]
end

-- METHOD PATH with a JSON BODY as SESSION: its cookie and its CSRF token.
function unsafe(method, path, session, body)
  return wrk.format(method, path, {
    ["Cookie"] = session.cookie,
    ["X-CSRF-Token"] = session.csrf,
    ["Content-Type"] = "application/json",
  }, body)
end
