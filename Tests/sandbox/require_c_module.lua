-- expect: sandbox
require("lpeg")
