-- expect: limit
generate{ "a cat", n = 1000000 }
