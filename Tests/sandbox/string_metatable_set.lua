-- expect: sandbox
setmetatable(string, {})
