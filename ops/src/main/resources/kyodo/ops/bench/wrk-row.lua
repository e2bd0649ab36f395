-- One read row of `bench run --driver wrk` (kyodo.ops.bench.WrkRow): GET the paths given as arguments
-- in turn, with the header given as "Header: value" arguments, and print what the row needs on lines
-- starting with "kyodo-wrk" (requests, seconds, latency percentiles in microseconds, answers by status).

local paths = {}
local headers = { ["Accept"] = "application/json" }
local turn = 0
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   for _, arg in ipairs(args) do
      local name, value = arg:match("^([%w-]+): (.*)$")
      if name then
         headers[name] = value
      else
         table.insert(paths, arg)
      end
   end
   -- the threads start at different paths, so that a rotation over wards is not in step between them
   turn = math.random(#paths) - 1
end

function request()
   turn = turn + 1
   return wrk.format("GET", paths[(turn % #paths) + 1], headers)
end

-- a thread's answers by status, as one global number per status ("s200"): the main state reads a
-- thread's globals with thread:get, which copies plain values only
function response(status, headers, body)
   local name = "s" .. status
   _G[name] = (_G[name] or 0) + 1
end

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format("kyodo-wrk requests %d\n", summary.requests))
   io.write(string.format("kyodo-wrk seconds %.6f\n", summary.duration / 1e6))
   io.write(string.format("kyodo-wrk socket-errors %d\n",
         errors.connect + errors.read + errors.write + errors.timeout))
   for _, p in ipairs({ 50, 95, 99 }) do
      io.write(string.format("kyodo-wrk p%d %d\n", p, latency:percentile(p)))
   end
   for status = 100, 599 do
      local count = 0
      for _, thread in ipairs(threads) do
         count = count + (thread:get("s" .. status) or 0)
      end
      if count > 0 then
         io.write(string.format("kyodo-wrk status %d %d\n", status, count))
      end
   end
end
