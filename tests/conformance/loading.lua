-- Plain Lua 5.4: load, environments, chunk names, tables, varargs and the main chunk's arguments.
print(select("#", ...), ...)
print(arg and arg[1], arg and arg[2], arg and #arg, arg and arg[0] ~= nil)
local env = { print = print, x = 5 }
local f = load("x = x + 1; return x", "=mychunk", "t", env)
print(f(), env.x, x)
print(load("return _ENV", "c", "t", env)() == env)
print(load("syntax error here", "=named"))
print(load("return 1", "bin", "b"))
print(load(string.dump(function() return 7 end), "d", "t"))
print(load(string.dump(function() return 7 end), "d", "b")())
local parts = { "return ", "1 ", "+ 41" }
local i = 0
print(load(function() i = i + 1; return parts[i] end)())
print(pcall(load, 42))
-- Under pcall (no message handler), a failing reader makes load return nil and the message.
print(pcall(function() return load(function() error("reader failed") end) end))
local g = load("local a <const> = ...; return a * 2")
print(g(21))
print(pcall(load("error('in chunk')", "=chunky")))
print(pcall(load("error('in chunk', 2)", "@file.lua")))
print(pcall(load("local t = nil; return t.x", "=(load)")))
do
  local _ENV = { print = print, tostring = tostring }
  y = 3
  print(y, tostring(_ENV.y))
end
print(y)
local function sandboxed() local _ENV <const> = { }; return z end
print(sandboxed())
print(pcall(setmetatable, 1, {}))
print(getmetatable("abc").__index == string, getmetatable({}))
print(dofile == nil, type(require), type(package.loaded), package.loaded.string == string)
-- tables
local t = { 5, 2, 8, 1, 9 }
table.sort(t); print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end); print(table.concat(t, " "))
print(pcall(table.sort, { 3, 1, 2 }, function(a, b) return true end))
print(pcall(table.concat, { 1, {}, 3 }))
print(table.concat({}, "x"), table.concat({ 1, 2, 3 }, ", ", 2, 3), table.concat({ "a" }, ", ", 3, 2))
print(table.unpack({ 1, 2, 3 }, 2), table.unpack({ 1, 2, 3 }, 2, 5), select("#", table.unpack({}, 1, 3)))
print(pcall(table.unpack, {}, 1, 1e8))
local m = table.move({ 1, 2, 3 }, 1, 3, 2); print(table.concat(m, " "))
print(table.concat(table.move({ 1, 2, 3 }, 1, 3, 1, {}), " "), pcall(table.move, {}, 1, math.maxinteger, 2))
local p = table.pack(1, nil, 3); print(p.n, p[1], p[2], p[3])
local r = { 1, 2, 3 }; print(table.remove(r), table.remove(r, 1), #r, table.remove({}), pcall(table.remove, { 1 }, 5))
local ins = {}; table.insert(ins, "a"); table.insert(ins, 1, "b"); print(table.concat(ins, ","), pcall(table.insert, ins, 9, "x"))
print(pcall(table.insert, ins, 1, 2, 3))
print(#{ 1, 2, nil, 4 } >= 2, next({}, nil), type(next), pcall(next, {}, "nope"))
local keys = {}
for k in pairs({ a = 1, b = 2, c = 3 }) do keys[#keys + 1] = k end
table.sort(keys); print(table.concat(keys))
for k, v in ipairs({ 1, 2, nil, 4 }) do io.write(k, "=", v, " ") end
print()
local counted = setmetatable({}, { __index = function(_, k) if k <= 3 then return k * 10 end end })
for k, v in ipairs(counted) do io.write(k, "=", v, " ") end
print()
print(collectgarbage("count") > 0, collectgarbage("isrunning"), collectgarbage("step", 0) ~= nil)
print(os.time({ year = 2020, month = 1, day = 1, hour = 12 }) ~= nil, type(os.clock()), os.date("!%Y-%m-%d", 0))
print(string.format("%5.2f", os.difftime(10, 4)), os.getenv("LIMN_CONFORMANCE_UNSET_VARIABLE"))
