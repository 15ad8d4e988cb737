-- expect: sandbox
require("../../etc/passwd")
