-- wrk script for bench/daemon.sh: POST /api/submissions with a valid JSON body, one distinct title per request.
--
-- Counts every completed response by status and keeps the reference of every 201 (parsed from the body), so
-- the caller can check that each acknowledged submission is in the store afterwards. A response wrk had not
-- finished reading when the run ended never reaches response(): it is neither counted nor acknowledged.
--
-- Environment: BENCH_REFS   file to write the acknowledged references to, one a line (optional)
--              BENCH_KIND   the kind to send (default aar; four sections, as in the example Content/site.yaml)

local threads = {}
local next_id = 0

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

-- Per thread (each thread has its own Lua state).
statuses = {}
refs = {}
local counter = 0
local letters = "abcdefghjkmnpqrstvwxyz"

-- A request number written in letters: the privacy guard reads digit runs as possible phone or NHS numbers.
local function word(n)
   local out = ""
   repeat
      local d = n % #letters
      out = letters:sub(d + 1, d + 1) .. out
      n = (n - d) / #letters
   until n == 0
   return out
end

function init(args)
   local kind = os.getenv("BENCH_KIND") or "aar"
   prefix = '{"kind":"' .. kind .. '","title":"Load test reflection '
   suffix = '","sections":["The team expected the handover between services to go smoothly.",'
      .. '"It took longer than planned because the referral form was sent twice.",'
      .. '"Nobody owned the form, so each service waited for the other.",'
      .. '"Keep the joint meeting; name one person to send the form."],'
      .. '"tags":["load-test"],"team":"Benchmark team","anonymous":true,"declaration":true}'
   headers = { ["Content-Type"] = "application/json" }
   thread_word = word(id)
end

function request()
   counter = counter + 1
   local body = prefix .. thread_word .. " " .. word(counter) .. suffix
   return wrk.format("POST", "/api/submissions", headers, body)
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if status == 201 then
      local reference = body:match('"reference":"(BS%-[%w%-]+)"')
      if reference then
         refs[#refs + 1] = reference
      else
         statuses["201 without a reference"] = (statuses["201 without a reference"] or 0) + 1
      end
   end
end

function done(summary, latency, requests)
   local counts = {}
   local all = {}
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         counts[status] = (counts[status] or 0) + count
      end
      for _, reference in ipairs(thread:get("refs")) do
         all[#all + 1] = reference
      end
   end
   local seconds = summary.duration / 1e6
   local keys = {}
   for status in pairs(counts) do keys[#keys + 1] = tostring(status) end
   table.sort(keys)
   for _, key in ipairs(keys) do
      local count = counts[tonumber(key) or key]
      io.write(string.format("status %s: %d\n", key, count))
   end
   io.write(string.format("acknowledged: %d\n", #all))
   io.write(string.format("accepted/s: %.1f\n", #all / seconds))
   io.write(string.format("submit latency p50: %.2fms p99: %.2fms\n",
                          latency:percentile(50) / 1000, latency:percentile(99) / 1000))
   local path = os.getenv("BENCH_REFS")
   if path then
      local file = assert(io.open(path, "w"))
      for _, reference in ipairs(all) do file:write(reference, "\n") end
      file:close()
   end
end
