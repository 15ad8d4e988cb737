-- expect: sandbox
io.open("/etc/passwd")
