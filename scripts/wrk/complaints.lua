-- wrk: POST /api/v1/complaints about genuine labels, cycling through the codes in $CODES_FILE.
local file = os.getenv("CODES_FILE") or "bench-out/lookup/codes.txt"
local codes = {}
for line in io.lines(file) do codes[#codes + 1] = line end
assert(#codes > 0, "no codes in " .. file)
local problems = { "door", "noise", "shaking", "uneven", "buttons", "light-fan" }
local counter = 0
local index = 0

function setup(thread)
  thread:set("offset", counter * 4999)
  counter = counter + 1
end

function init(args)
  index = (offset or 0) % #codes
end

function request()
  index = index % #codes + 1
  local body = string.format('{"label":"%s","category":"complaint","problem":"%s","text":"压力测试 %d"}',
    codes[index], problems[index % #problems + 1], index)
  return wrk.format("POST", "/api/v1/complaints", { ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
  io.write(string.format("COMPLAINTS requests=%d non2xx=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
