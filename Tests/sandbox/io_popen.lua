-- expect: sandbox
io.popen("id")
