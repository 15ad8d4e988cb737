-- Coroutines as plain Lua 5.4 has them: the main chunk is the main thread.
local main, ismain = coroutine.running()
print(type(main), ismain, coroutine.isyieldable(), coroutine.status(main))
print(coroutine.resume(main))
print(pcall(coroutine.yield, 1))
print(pcall(coroutine.close, main))

local gen = coroutine.wrap(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  return d .. e
end)
print(gen(1, 2), gen(10), gen("x", "y"))
print(pcall(gen))

local co = coroutine.create(function(...)
  print("inside", select("#", ...), coroutine.isyieldable(), select(2, coroutine.running()))
  print(coroutine.status(main), coroutine.resume(main))
  local x <close> = setmetatable({}, { __close = function() print("closed x") end })
  coroutine.yield("first")
  error("boom")
end)
print(coroutine.resume(co, 1, 2, 3))
print(coroutine.status(co))
print(coroutine.resume(co))
print(coroutine.status(co), coroutine.close(co))

-- to-be-closed variables of a wrapped coroutine close when its error propagates
local w = coroutine.wrap(function()
  local a <close> = setmetatable({}, { __close = function(_, err) print("closing a", err) end })
  local b <close> = setmetatable({}, { __close = function() print("closing b") end })
  error("wrapped failure")
end)
print(pcall(w))
print(pcall(function() local v = w() end))

local w2 = coroutine.wrap(function() error({ code = 7 }) end)
local ok, e = pcall(w2)
print(ok, type(e), e.code)
local w3 = coroutine.wrap(function() error("no position", 0) end)
print(pcall(function() return w3() end))

-- yields across pcall, metamethods and iterators
local it = coroutine.wrap(function()
  for i = 1, 3 do
    local ok2, v = pcall(coroutine.yield, i)
    assert(ok2)
  end
  local t = setmetatable({}, { __index = function(_, k) return coroutine.yield("index " .. k) end })
  return t.foo
end)
print(it(), it(), it(), it(), it("bar"))

-- coroutine.close of a suspended coroutine runs its to-be-closed variables
local c2 = coroutine.create(function()
  local z <close> = setmetatable({}, { __close = function() print("closed z") end })
  coroutine.yield()
end)
coroutine.resume(c2)
print(coroutine.close(c2), coroutine.status(c2))
print(coroutine.resume(c2))
print(coroutine.resume(coroutine.create(function() return end)))
print(select("#", coroutine.resume(coroutine.create(function() return 1, nil, 3 end))))
print(pcall(coroutine.resume, 42))
print(pcall(coroutine.status))
print(pcall(coroutine.wrap, 1))
-- nested: the inner coroutine sees its resumer as normal
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function() return coroutine.status(outer) end)
  return coroutine.resume(inner)
end)
print(coroutine.resume(outer))
print(coroutine.isyieldable(outer), coroutine.isyieldable(main))
