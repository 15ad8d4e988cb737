-- expect: limit
-- where: process
-- The same stuck pattern inside pcall: the watchdog does not go through Lua, so nothing catches it.
local s = string.rep("a", 100000)
local ok = pcall(string.find, s, ".-.-.-.-.-b")
print("survived", ok)
