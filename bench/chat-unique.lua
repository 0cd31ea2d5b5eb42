-- wrk script: like chat.lua, but every request's text is new (a serial number is appended), so no
-- cache of recent questions can help: the cost of a question never seen before.
local questions = {}
for line in io.lines("bench/questions.txt") do
  if #line > 0 then questions[#questions + 1] = line end
end
local i = 0
local thread_id = 0
function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i + 1
  local q = questions[i % #questions + 1]
  return wrk.format(nil, "/api/chat", nil, '{"question":"' .. q .. '，编号' .. tid .. '-' .. i .. '"}')
end
