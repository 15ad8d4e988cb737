-- expect: sandbox
save(generate{"a red square", size = "16x16"}, "~/limn-escape.png")
