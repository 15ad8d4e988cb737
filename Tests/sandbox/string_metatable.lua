-- expect: sandbox
getmetatable("").__index = function() return os end
