-- expect: sandbox
dofile("/etc/passwd")
