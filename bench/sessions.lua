-- wrk script: GET of the URL wrk was given, each request with the next of the session cookies
-- listed in the file given after "--" (one "name=value" per line), so that requests spread over
-- many sessions, as many browsers would send them.
local cookies = {}
local next_index = 0

function init(args)
  for line in io.lines(args[1]) do
    cookies[#cookies + 1] = line
  end
end

function request()
  next_index = next_index % #cookies + 1
  return wrk.format("GET", nil, { ["Cookie"] = cookies[next_index] })
end
