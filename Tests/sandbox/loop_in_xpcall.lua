-- expect: limit
xpcall(function() while true do end end, function(e) return e end) print("survived")
