-- wrk script for bench/load.py: cycles through a list of paths, counts each
-- thread's share of the responses by status, and says when it has its share.
--
--   wrk -t2 -c32 -d300s -s bench/load.lua http://127.0.0.1:8000 -- urls.txt 10000 2 /tmp/progress-
--
-- Each thread writes its count of responses to <progress prefix><thread number>
-- now and then, and "done" once it has its share. wrk itself runs until -d is
-- over, so bench/load.py interrupts it (SIGINT) when every thread is done.

local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   paths = {}
   for line in io.lines(args[1]) do
      if line ~= "" then
         table.insert(paths, line)
      end
   end
   local total = tonumber(args[2])
   local count = tonumber(args[3])
   -- Threads take every count-th path from a different start, and split the
   -- total so that the shares add up to it exactly.
   quota = math.floor(total / count)
   if id < total % count then
      quota = quota + 1
   end
   next_path = id % #paths + 1
   step = count
   progress_file = args[4] .. id
   responses, status_2xx, status_3xx, status_4xx, status_5xx, status_other = 0, 0, 0, 0, 0, 0
   -- What the page cache answered (its X-Cache header): a hit, or a page made afresh.
   cache_hits, cache_misses = 0, 0
end

function request()
   local path = paths[next_path]
   -- Every count-th path: the threads never walk the list side by side, each
   -- asking for the page the other has just asked for.
   next_path = (next_path - 1 + step) % #paths + 1
   return wrk.format("GET", path)
end

local function report(text)
   local file = io.open(progress_file, "w")
   file:write(text)
   file:close()
end

function response(status, headers, body)
   if responses >= quota then
      return
   end
   responses = responses + 1
   if status >= 500 then
      status_5xx = status_5xx + 1
   elseif status >= 400 then
      status_4xx = status_4xx + 1
   elseif status >= 300 then
      status_3xx = status_3xx + 1
   elseif status >= 200 then
      status_2xx = status_2xx + 1
   else
      status_other = status_other + 1
   end
   local cached = headers["X-Cache"] or headers["x-cache"]
   if cached == "hit" then
      cache_hits = cache_hits + 1
   elseif cached == "miss" then
      cache_misses = cache_misses + 1
   end
   if responses >= quota then
      -- The thread goes on asking (uncounted) until bench/load.py interrupts
      -- wrk once every thread is done: a thread stopped here leaves connections
      -- open with no request on them, and each holds a sync worker until it
      -- gives up, stalling the other thread's last requests for many seconds.
      report("done")
   elseif responses % 100 == 0 then
      report(tostring(responses))
   end
end

function done(summary, latency, requests)
   local totals = {
      responses = 0, status_2xx = 0, status_3xx = 0, status_4xx = 0, status_5xx = 0,
      status_other = 0, cache_hits = 0, cache_misses = 0,
   }
   for _, thread in ipairs(threads) do
      for name, _ in pairs(totals) do
         totals[name] = totals[name] + thread:get(name)
      end
   end
   local errors = summary.errors
   io.write(string.format(
      "LOAD responses=%d status_2xx=%d status_3xx=%d status_4xx=%d status_5xx=%d " ..
      "status_other=%d errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d " ..
      "cache_hits=%d cache_misses=%d duration_s=%.3f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
      totals.responses, totals.status_2xx, totals.status_3xx, totals.status_4xx,
      totals.status_5xx, totals.status_other, errors.connect, errors.read, errors.write,
      errors.timeout, totals.cache_hits, totals.cache_misses, summary.duration / 1e6,
      latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000))
end
