-- expect: sandbox
setmetatable(_G, nil)
