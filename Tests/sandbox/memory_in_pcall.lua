-- expect: limit
local ok, e = pcall(string.rep, "x", 2^30) print("survived", ok, e)
