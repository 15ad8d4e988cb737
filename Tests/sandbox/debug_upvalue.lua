-- expect: sandbox
debug.getupvalue(print, 1)
