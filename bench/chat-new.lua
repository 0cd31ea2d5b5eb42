-- wrk script: POST /api/chat where every question is one never asked before in the run, built from
-- word lists by a counter (mixed radix: who × where × business × topic × when), so the texts are
-- distinct yet read like real questions. No cache of recent questions can help: each one costs a full
-- embedding run. The two wrk threads take interleaved counters, so they never repeat each other.
local who = {"我", "我们公司", "我朋友", "我家亲戚", "我们个体户", "我老婆", "我们合伙人", "我表哥",
  "我们小店", "隔壁老板", "我们合作社", "我同学"}
local where = {"在大渡口", "在春晖路", "在九宫庙", "在新山村", "在跃进村", "在八桥镇", "在建胜镇",
  "在跳磴镇", "在茄子溪", "在钢城", "在义渡古镇", "在重庆"}
local business = {"开了家火锅店", "开了个小超市", "做网店卖零食", "开了家理发店", "开了个五金店",
  "开了家奶茶店", "开了个汽修厂", "开了家宾馆", "开了个培训班", "开了家药店", "做装修公司",
  "开了家网吧", "开了个水果摊", "开了家面馆", "做外卖烧烤", "开了家服装店"}
local topic = {"营业执照要挂在哪里", "年报什么时候报", "没按时年报会怎样", "商品标价有什么要求",
  "招人要签劳动合同吗", "试用期最长多久", "社保什么时候交", "加班工资怎么算", "要配几个灭火器",
  "门口能摆摊吗", "店招要不要审批", "顾客要发票怎么办", "卖烟要办什么证", "要办健康证吗",
  "油烟要怎么处理", "第一次被查到会罚款吗", "罚款不服怎么申请复议", "广告里能写最好吗",
  "过期的东西卖了怎么赔", "退货有什么规定"}
local when = {"", "，请问", "，想问一下", "，麻烦问下", "，急", "，谢谢", "，怎么办", "，求解答"}

local thread_id = 0
function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

local function pick(list, n)
  return list[n % #list + 1], math.floor(n / #list)
end

local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local n = i * 2 + (tid or 1) - 1
  i = i + 1
  local a, b, c, d, e
  a, n = pick(who, n)
  b, n = pick(where, n)
  c, n = pick(business, n)
  d, n = pick(topic, n)
  e, n = pick(when, n)
  -- 12·12·16·20·8 = 368,640 questions before anything repeats; past that, a round number keeps them new.
  local round = n > 0 and ("（第" .. (n + 1) .. "次问）") or ""
  return wrk.format(nil, "/api/chat", nil, '{"question":"' .. a .. b .. c .. "，" .. d .. e .. round .. '"}')
end
