-- expect: limit
local t = {} for i = 1, 2^22 do t[i] = ("x"):rep(512) end print(#table.concat(t))
