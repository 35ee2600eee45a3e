-- Mixed traffic for bench/stack.py: each request picks a path at random from the file named
-- after `--` (one path a line; a path listed N times is asked N times as often), asks for it
-- gzip-compressed as a browser does, and counts the answers by status code. At the end it
-- prints `status CODE COUNT` lines and `p99_ms`, which bench/stack.py reads.
local threads = {}

function setup(thread)
  thread:set("seed", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then table.insert(paths, line) end
  end
  statuses = {}
  math.randomseed(os.time() * 100 + seed)
  wrk.headers["Accept-Encoding"] = "gzip"
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  for status, count in pairs(totals) do
    io.write(string.format("status %d %d\n", status, count))
  end
  io.write(string.format("p99_ms %.3f\n", latency:percentile(99) / 1000))
end
