-- expect: sandbox
image("file:///etc/passwd")
