-- expect: limit
local s = ("x"):rep(1e6) s:gsub(".", ("y"):rep(1000))
