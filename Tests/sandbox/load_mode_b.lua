-- expect: sandbox
load("return 1", "x", "b")
