-- expect: limit
generate{ "a cat", size = "100000x100000" }
