-- Metamethods: __index chains, __newindex, __call, __len, comparisons, arithmetic and bitwise events.
local Base = { greet = function(self) return "hello from " .. self.name end, kind = "base" }
Base.__index = Base
local Mid = setmetatable({ kind = "mid" }, Base)
Mid.__index = Mid
local obj = setmetatable({ name = "obj" }, Mid)
print(obj:greet(), obj.kind, rawget(obj, "kind"), obj.missing)
local fnidx = setmetatable({}, { __index = function(t, k) return k * 2 end })
print(fnidx[21], rawget(fnidx, 21))
local log = {}
local store = {}
local proxy = setmetatable({}, {
  __index = store,
  __newindex = function(t, k, v) log[#log + 1] = k .. "=" .. tostring(v); rawset(store, k, v) end,
})
proxy.a = 1; proxy.b = 2; proxy.a = 3
print(table.concat(log, ","), proxy.a, proxy.b, rawget(proxy, "a"))
local sink = {}
local redirect = setmetatable({}, { __newindex = sink })
redirect.x = 9
print(rawget(redirect, "x"), sink.x)
local callable = setmetatable({}, { __call = function(self, a, b) return "call", a, b, self == nil end })
print(callable(1, 2))
print(pcall(callable))
local L = setmetatable({ 1, 2, 3 }, { __len = function() return 99 end })
print(#L, rawlen(L))
-- vector arithmetic
local Vec = {}
Vec.__index = Vec
local function vec(x, y) return setmetatable({ x = x, y = y }, Vec) end
Vec.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
Vec.__sub = function(a, b) return vec(a.x - b.x, a.y - b.y) end
Vec.__mul = function(a, b)
  if type(a) == "number" then return vec(a * b.x, a * b.y) end
  if type(b) == "number" then return vec(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y
end
Vec.__div = function(a, b) return vec(a.x / b, a.y / b) end
Vec.__mod = function(a, b) return vec(a.x % b, a.y % b) end
Vec.__pow = function(a, b) return vec(a.x ^ b, a.y ^ b) end
Vec.__unm = function(a) return vec(-a.x, -a.y) end
Vec.__idiv = function(a, b) return vec(a.x // b, a.y // b) end
Vec.__eq = function(a, b) return a.x == b.x and a.y == b.y end
Vec.__lt = function(a, b) return a.x < b.x or (a.x == b.x and a.y < b.y) end
Vec.__le = function(a, b) return not (b < a) end
Vec.__concat = function(a, b)
  local function s(v) return type(v) == "table" and ("(" .. v.x .. "," .. v.y .. ")") or tostring(v) end
  return s(a) .. s(b)
end
Vec.__tostring = function(v) return "vec(" .. v.x .. "," .. v.y .. ")" end
local p, q = vec(1, 2), vec(3, 4)
print(tostring(p + q), tostring(p - q), p * q, tostring(2 * p), tostring(p * 3))
print(tostring(q / 2), tostring(q % 2), tostring(p ^ 2), tostring(-p), tostring(q // 2))
print(p == vec(1, 2), p ~= q, p < q, p <= q, p > q, p >= q, rawequal(p, vec(1, 2)))
print(p .. q, p .. "!", "<" .. p, 1 .. p)
print(p .. q .. "end")
-- bitwise events
local B = {}
local function bits(n) return setmetatable({ n = n }, B) end
local function val(v) return type(v) == "table" and v.n or v end
for _, ev in ipairs({ "band", "bor", "bxor", "shl", "shr" }) do
  B["__" .. ev] = function(a, b) return ev .. ":" .. val(a) .. "," .. val(b) end
end
B.__bnot = function(a) return "bnot:" .. a.n end
local b6 = bits(6)
print(b6 & 3, b6 | 1, b6 ~ 2, b6 << 1, b6 >> 1, ~b6, 3 & b6)
-- __index on strings, __metatable protection
print(("abc"):upper(), #getmetatable("").__index == nil)
local guarded = setmetatable({}, { __metatable = "locked" })
print(getmetatable(guarded), pcall(setmetatable, guarded, {}))
-- __eq only between tables; different metamethods
local e1 = setmetatable({}, { __eq = function() return true end })
local e2 = setmetatable({}, { __eq = function() return false end })
print(e1 == e2, e2 == e1, e1 == 1, e1 ~= {})
-- __lt for mixed types errors
print(pcall(function() return p < 1 end))
print(select(2, pcall(function() return {} + 1 end)))
print(select(2, pcall(function() return setmetatable({}, {}) .. "x" end)))
-- __close through metamethod table
do
  local c <close> = setmetatable({}, { __close = function(self, e) print("metaclose", e) end })
end
-- __index depth chain
local t = {}
for i = 1, 10 do t = setmetatable({}, { __index = t }) end
print(t.nothing)
local root = { deep = "found" }
local chain = root
for i = 1, 5 do chain = setmetatable({}, { __index = chain }) end
print(chain.deep)
-- __pairs
local pt = setmetatable({}, { __pairs = function(t) return function(_, k) if not k then return 1, "one" end end, t, nil end })
for k, v in pairs(pt) do print("pairs", k, v) end
-- __name in error messages
local named = setmetatable({}, { __name = "MyType" })
print(select(2, pcall(function() return named + 1 end)))
print((tostring(named):gsub("0x%x+", "ADDR")))
print(select(2, pcall(string.rep, named)))
