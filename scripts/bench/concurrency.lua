-- The concurrency benchmark's recipe: N generations through limn.map at concurrency C.
-- Run by scripts/bench/concurrency.py against the repo's fake router with a fixed latency.
local n = assert(tonumber(limn.args[1]), "N expected")
local c = assert(tonumber(limn.args[2]), "C expected")
local size = limn.args[3] or "1024x1024"

local list = {}
for i = 1, n do list[i] = i end

local started = limn.clock()
local bytes = limn.map(list, function(i)
  local img = generate{ "benchmark image " .. i, size = size }
  return img.bytes
end, { concurrency = c })
local makespan = limn.clock() - started

local total = 0
for _, b in ipairs(bytes) do total = total + b end
print(string.format("makespan=%.4f images=%d mean_bytes=%d", makespan, #bytes, total // #bytes))
