/// Lua code run once at start-up: it shapes the Swift primitives into the friendly API.
/// Swift provides spawn/_wait/_cancel/sleep; Lua builds tasks, parallel, map and test.
/// (Host waits pass through a script's own coroutines in C: Sources/CLuaShim/coroutines.c.)
enum Prelude {
    static let source = #"""
local limn, internal = ...
local Error, Task, Reply = internal.Error, internal.Task, internal.Reply
local wait, cancel, status = limn._wait, limn._cancel, limn._status
local now, report_case, bracket = limn.clock, limn._report_case, limn._bracket_output
limn._wait, limn._cancel, limn._status, limn._report_case, limn._bracket_output = nil, nil, nil, nil, nil

-- With a live progress view on the terminal, print steps around it (same output otherwise).
if internal.bracket_output then
  local raw_print = print
  function print(...)
    bracket(true)
    local ok, err = pcall(raw_print, ...)
    io.stdout:flush()
    bracket(false)
    if not ok then error(err, 2) end
  end
end
local select, type, tostring, error, pcall = select, type, tostring, error, pcall
local concat, pack, unpack = table.concat, table.pack, table.unpack

-- Errors raised by bindings: one line with kind, message and where it happened.
Error.__name = "limn.Error"
Error.__tostring = function(e)
  local details = {}
  if e.status then details[#details + 1] = "HTTP " .. tostring(e.status) end
  if e.model then details[#details + 1] = "model " .. tostring(e.model) end
  if e.request_id then details[#details + 1] = "request id " .. tostring(e.request_id) end
  local suffix = #details > 0 and (" (" .. concat(details, ", ") .. ")") or ""
  return (e.where or "") .. tostring(e.kind) .. ": " .. tostring(e.message) .. suffix
end

-- Tasks.
Task.__name = "limn.Task"
Task.__index = {
  wait = function(self) return wait(self.id) end,
  cancel = function(self) cancel(self.id) end,
  status = function(self) return status(self.id) end,
}
Task.__tostring = function(self) return "Task(" .. tostring(self.id) .. ", " .. status(self.id) .. ")" end

-- Waits for every task, then returns their outcomes: ok flags and values.
local function settle(tasks)
  local oks, values = {}, {}
  for i = 1, #tasks do
    local r = pack(pcall(tasks[i].wait, tasks[i]))
    oks[i], values[i] = r[1], r[1] and r[2] or r[2]
  end
  return oks, values
end

--- Runs the functions at once; returns their first results in argument order.
function limn.parallel(...)
  local fns = pack(...)
  local tasks = {}
  for i = 1, fns.n do
    if type(fns[i]) ~= "function" then
      error("limn.parallel: argument " .. i .. " is a " .. type(fns[i]) .. ", not a function", 2)
    end
    tasks[i] = limn.spawn(fns[i])
  end
  local oks, values = settle(tasks)
  for i = 1, fns.n do
    if not oks[i] then error(values[i], 0) end
  end
  return unpack(values, 1, fns.n)
end

--- Calls fn(item, index) for every item, `concurrency` at a time; results in list order.
function limn.map(list, fn, opts)
  if type(list) ~= "table" then error("limn.map: the first argument must be a list, got " .. type(list), 2) end
  if type(fn) ~= "function" then error("limn.map: the second argument must be a function, got " .. type(fn), 2) end
  opts = opts or {}
  local mode = opts.errors or "raise"
  if mode ~= "raise" and mode ~= "collect" then
    error('limn.map: errors must be "raise" or "collect", got ' .. tostring(mode), 2)
  end
  local n = #list
  local width = opts.concurrency or n
  if type(width) ~= "number" or width < 1 then error("limn.map: concurrency must be a number >= 1", 2) end
  width = math.min(math.floor(width), n)
  local results, errors, next_index = {}, {}, 1
  local function worker()
    while next_index <= n do
      local i = next_index
      next_index = i + 1
      local ok, value = pcall(fn, list[i], i)
      if ok then results[i] = value else errors[i] = value end
    end
  end
  local workers = {}
  for w = 1, width do workers[w] = limn.spawn(worker) end
  settle(workers)
  if mode == "collect" then return results, errors end
  for i = 1, n do
    if errors[i] ~= nil then error(errors[i], 0) end
  end
  return results
end

--- Declares and runs a test case; `limn test` counts and reports it.
function limn.test(name, fn)
  if type(name) ~= "string" then error("limn.test: the first argument must be the case's name", 2) end
  if type(fn) ~= "function" then error("limn.test: the second argument must be a function", 2) end
  local started = now()
  local ok, err = pcall(fn)
  local message = nil
  if not ok then message = tostring(err) end
  report_case(name, ok, now() - started, message)
  return ok
end

--- Skips the current test case (counted as skipped, not failed).
function limn.skip(reason)
  error("limn.skip: " .. tostring(reason or "skipped"), 0)
end

-- Checks regression suites need. Each fails at the caller's line with what differed.
local function fail(message, level) error(message, (level or 1) + 2) end

local function is_image(v)
  return type(v) == "userdata" and tostring(v):sub(1, 6) == "Image("
end

--- Checks that `v` is an Image, optionally of a format, size ("WxH"), width, height, minimum byte count.
function limn.assert_image(v, want)
  if not is_image(v) then fail("expected an Image, got " .. (type(v) == "userdata" and tostring(v) or type(v))) end
  want = want or {}
  if want.format and v.format ~= want.format then fail("expected a " .. want.format .. " image, got " .. tostring(v)) end
  if want.size then
    local w, h = tostring(want.size):match("^(%d+)x(%d+)$")
    if v.width ~= tonumber(w) or v.height ~= tonumber(h) then fail("expected a " .. want.size .. " image, got " .. tostring(v)) end
  end
  if want.width and v.width ~= want.width then fail("expected width " .. want.width .. ", got " .. tostring(v)) end
  if want.height and v.height ~= want.height then fail("expected height " .. want.height .. ", got " .. tostring(v)) end
  if want.min_bytes and v.bytes < want.min_bytes then fail("expected at least " .. want.min_bytes .. " bytes, got " .. tostring(v)) end
  return v
end

--- Checks that a Reply's or Image's shape is `shapes` (a string) or one of them (a list).
function limn.assert_shape(v, shapes)
  local shape = v and v.shape
  if type(shapes) == "string" then shapes = { shapes } end
  for _, s in ipairs(shapes) do if s == shape then return v end end
  fail("expected shape " .. table.concat(shapes, " or ") .. ", got " .. tostring(shape))
end

--- Checks that two values are equal (==).
function limn.assert_equal(got, want, what)
  if got ~= want then
    fail((what and (what .. ": ") or "") .. "expected " .. tostring(want) .. ", got " .. tostring(got))
  end
  return got
end

--- Checks that `fn(...)` raises; with `kind`, that the error is a Limn error of that kind. Returns the error.
function limn.assert_error(fn, kind, ...)
  local ok, err = pcall(fn, ...)
  if ok then fail("expected an error" .. (kind and (" of kind " .. kind) or "") .. ", but the call succeeded") end
  if kind and (type(err) ~= "table" or err.kind ~= kind) then
    fail("expected an error of kind " .. kind .. ", got " .. tostring(err))
  end
  return err
end
"""#
}
