-- expect: limit
local co = coroutine.create(function() while true do end end) print(coroutine.resume(co)) print("survived")
