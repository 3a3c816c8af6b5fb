-- wrk: GET /E/<code> for genuine codes, cycling through the paths in $PATHS_FILE (one "/E/…" a line).
local file = os.getenv("PATHS_FILE") or "bench-out/lookup/paths.txt"
local paths = {}
for line in io.lines(file) do paths[#paths + 1] = line end
assert(#paths > 0, "no paths in " .. file)
local accept = os.getenv("ACCEPT") or "text/html"
local counter = 0
local index = 0

function setup(thread)
  thread:set("offset", counter * 4999)
  counter = counter + 1
end

function init(args)
  index = (offset or 0) % #paths
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index], { ["Accept"] = accept, ["Accept-Language"] = "zh-CN" })
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("LOOKUP requests=%d non2xx=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, non2xx, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
