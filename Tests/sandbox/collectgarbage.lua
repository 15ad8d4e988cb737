-- expect: sandbox
collectgarbage("stop")
