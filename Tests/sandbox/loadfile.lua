-- expect: sandbox
loadfile("/etc/passwd")
