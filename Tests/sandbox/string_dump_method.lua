-- expect: sandbox
local f = ("").dump; f(print)
