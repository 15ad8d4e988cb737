-- expect: sandbox
debug.sethook()
