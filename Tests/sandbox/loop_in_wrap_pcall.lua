-- expect: limit
print(pcall(coroutine.wrap(function() while true do end end))) while true do end
