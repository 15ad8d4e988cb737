-- expect: sandbox
debug.getinfo(1)
