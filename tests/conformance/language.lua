-- Plain Lua 5.4: errors and messages, goto, metamethods, patterns, string.pack, numbers, utf8, load.
print(pcall(error, "plain"))
print(pcall(error, "lvl", 2))
print(pcall(error, { code = 1 }))
print(select(2, pcall(function() local t = nil; return t.x end)))
print(select(2, pcall(function() return 1 + {} end)))
print(select(2, pcall(function() return #5 end)))
print(select(2, pcall(string.rep)))
print(select(2, load("x = = 1")))
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then goto continue end
    io.write(i, j, " ")
    ::continue::
  end
end
print()
local V = setmetatable({}, {
  __add = function(a, b) return "add" end, __concat = function() return "cat" end,
  __eq = function() return true end, __lt = function() return true end, __le = function() return false end,
  __call = function(self, x) return "called " .. x end, __tostring = function() return "V!" end,
  __len = function() return 42 end, __index = function(_, k) return k .. "?" end,
  __unm = function() return "neg" end, __idiv = function() return "idiv" end, __band = function() return "band" end,
})
print(V + 1, V .. "x", V == setmetatable({}, getmetatable(V)), V < V, V <= V, V(7), tostring(V), #V, V.foo, -V, V // 2, V & 1)
print(("hello world from lua"):gsub("(%w+)", "<%1>"))
print(string.find("abc [tag] def", "%[(.-)%]"), string.match("key=val", "(%w+)=(%w+)"))
for k, v in string.gmatch("a=1, b=2", "(%w+)=(%w+)") do io.write(k, v, ";") end print()
print(string.format("%5.2f|%d|%s|%q|%x|%g", 3.14159, 42, "s", "a\nb", 255, 1e20))
local packed = string.pack("<i4 d s1", 7, 2.5, "hi")
print(#packed, string.unpack("<i4 d s1", packed))
print(7 // 2, 7.0 // 2, 7 % -3, -7 % 3, 2^53, math.maxinteger + 1 == math.mininteger, 1 / 0, -1 / 0, 0/0 ~= 0/0)
print(math.type(1), math.type(1.0), math.type("1"), 10 // 0.0, 3 | 5, 3 ~ 5, ~0, 1 << 63, 5 // -2, 5.5 % 2)
print(tostring(1e15), tostring(1e16), 2^63, math.tointeger(3.0), 3 == 3.0, "10" + 5, "3" * "4", 10 .. 20)
print(utf8.char(72, 228, 8364, 128512), utf8.len("häll€"), utf8.codepoint("€"), #utf8.char(128512))
for p, c in utf8.codes("aé") do io.write(p, ":", c, " ") end print()
local env = { print = print, x = 5 }
local f = load("x = x + 1; return x", "chunk", "t", env)
print(f(), env.x, x)
print(load("return ...")(1, 2, 3))
local t = {}
for i = 1, 10 do t[#t + 1] = i * i end
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, ","), table.unpack({ 1, 2, 3 }))
print(next({}), type(next), rawequal(t, t), rawlen({ 1, 2 }), select("#", nil, nil), select(-1, 1, 2, 3))
do
  local a <close> = setmetatable({}, { __close = function() print("closed a") end })
  local b <const> = 10
  print("in block", b)
end
print(string.format("%s %s", 1, 1.0), tostring(-0.0), math.floor(-3.5), math.ceil(-3.5), math.abs(math.mininteger))
