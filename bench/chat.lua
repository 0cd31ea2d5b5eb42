-- wrk script: POST /api/chat rotating the questions in bench/questions.txt.
local questions = {}
for line in io.lines("bench/questions.txt") do
  if #line > 0 then questions[#questions + 1] = line end
end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i % #questions + 1
  return wrk.format(nil, "/api/chat", nil, '{"question":"' .. questions[i] .. '"}')
end
