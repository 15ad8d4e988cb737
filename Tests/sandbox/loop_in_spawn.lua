-- expect: limit
limn.spawn(function() while true do end end):wait()
