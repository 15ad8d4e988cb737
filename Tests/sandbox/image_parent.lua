-- expect: sandbox
image("../../../../etc/passwd")
