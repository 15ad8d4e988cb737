-- To-be-closed variables, <const>, and goto.
local function closer(name)
  return setmetatable({}, { __close = function(_, err) print("close", name, err) end })
end
do
  local a <close> = closer("a")
  local b <close> = closer("b")
  local c <close> = nil
  local d <close> = false
  print("body")
end
print(pcall(function()
  local x <close> = closer("x")
  local y <close> = closer("y")
  error("fail", 0)
end))
print(pcall(function()
  local x <close> = setmetatable({}, { __close = function() error("close err", 0) end })
  local y <close> = closer("y2")
  error("orig", 0)
end))
print(pcall(function() local bad <close> = {} end))
print(pcall(function() local bad <close> = 42 end))
local function ret()
  local r <close> = closer("ret")
  return "returned"
end
print(ret())
for i = 1, 2 do
  local l <close> = closer("loop" .. i)
  if i == 2 then break end
end
-- generic for closes its fourth value
local function iter()
  local n = 0
  return function() n = n + 1; if n <= 2 then return n end end, nil, nil, closer("forclose")
end
for v in iter() do print("iter", v) end
for v in iter() do if v == 1 then break end end
-- in coroutines
local co = coroutine.create(function()
  local k <close> = closer("co-k")
  coroutine.yield("y1")
  return "done"
end)
print(coroutine.resume(co))
print(coroutine.resume(co))
co = coroutine.create(function()
  local k <close> = closer("co-err")
  error("co boom", 0)
end)
print(coroutine.resume(co))
print(coroutine.close(co))
co = coroutine.create(function()
  local k <close> = setmetatable({}, { __close = function() error("close in close", 0) end })
  coroutine.yield()
end)
coroutine.resume(co)
print(coroutine.close(co))
print(coroutine.status(co))
-- <const>
local K <const> = 10
local S <const> = "str"
print(K * 2, S .. "!")
print(load("local c <const> = 1; c = 2"))
print(load("local c <foo> = 1"))
print(load("local a <close>, b <close> = nil, nil"))
-- goto
do
  local i = 1
  ::top::
  if i <= 3 then io.write("g", i, " "); i = i + 1; goto top end
  print()
end
for i = 1, 3 do
  for j = 1, 3 do
    if i * j == 4 then goto out end
    io.write(i * j, " ")
  end
end
::out::
print("out")
do
  local fs = {}
  local i = 1
  ::again::
  local v = i
  fs[#fs + 1] = function() return v end
  i = i + 1
  if i <= 3 then goto again end
  print(fs[1](), fs[2](), fs[3]())
end
print(load("goto nowhere"))
print(load("do ::l:: end ::l:: ::l::"))
print(load("goto f; local x; ::f:: print(x)"))
print(load("do goto f; local x end ::f::") ~= nil)
while true do
  goto continue
  ::continue::
  break
end
print("end")
