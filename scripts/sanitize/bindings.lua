-- Calls Lua -> Swift bindings 100,000 times and raises 10,000 errors through pcall, printing
-- the process's resident memory as it goes. scripts/sanitize.sh runs it under AddressSanitizer,
-- which checks for leaks at exit (pass "leaks-only": ASan's quarantine holds up to 256 MB of
-- freed memory, so RSS there says nothing), and on the plain build, where RSS must stay flat
-- once the first round has warmed the allocator.
local png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEklEQVR4nGP4z8DwHwyBNBgAAEnICff5q7YNAAAAAElFTkSuQmCC"

local function rss_kb()
  local f = assert(io.open("/proc/self/statm"))
  local _, resident = f:read("n", "n")
  f:close()
  return resident * 4
end

local calls, errors = tonumber(arg[1]) or 100000, tonumber(arg[2]) or 10000
local check_rss = arg[3] ~= "leaks-only"
local samples = {}
local function sample(label)
  collectgarbage()
  collectgarbage()
  samples[#samples + 1] = { label = label, kb = rss_kb() }
  print(string.format("%-22s rss %7.1f MB  lua heap %6.1f KB", label, samples[#samples].kb / 1024, collectgarbage("count")))
end

sample("start")
local bytes, done = 0, 0
for round = 1, 10 do
  while done < round * calls // 10 do
    local img = image(png)                          -- decode a data URI, validate, wrap as userdata
    bytes = bytes + img.width + img.height + #tostring(img)
    bytes = bytes + #img:data_uri()                 -- Swift -> Lua string
    local copy = img:convert("png")                 -- a binding that re-encodes
    bytes = bytes + copy.bytes
    done = done + 7                                 -- image, width, height, tostring, data_uri, convert, bytes
  end
  sample(string.format("calls %d", done))
end

local caught = 0
local per_error_round = errors // 5
for round = 1, 5 do
  for i = 1, per_error_round do
    local ok, err
    if i % 2 == 0 then
      ok, err = pcall(image, "data:image/png;base64,AAAA")   -- a binding error (kind decode)
    else
      ok, err = pcall(error, { kind = "mine", n = i })        -- a Lua error value
    end
    if not ok and type(err) == "table" then caught = caught + 1 end
  end
  sample(string.format("errors %d", round * per_error_round))
end

assert(caught == errors, "caught " .. caught .. " of " .. errors .. " errors")
-- Flat: from the second sample of each phase to its end, growth stays under 4 MB.
local first_calls, last_calls = samples[3].kb, samples[11].kb
local first_errors, last_errors = samples[12].kb, samples[16].kb
print(string.format("growth: calls %+.1f MB (after warm-up), errors %+.1f MB", (last_calls - first_calls) / 1024,
  (last_errors - first_errors) / 1024))
if not check_rss then print("ok (leaks only) " .. bytes) return end
assert(last_calls - first_calls < 4096, "RSS grew by more than 4 MB over the binding calls")
assert(last_errors - samples[11].kb < 4096, "RSS grew by more than 4 MB over the pcall errors")
print("ok " .. bytes)
