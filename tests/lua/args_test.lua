-- limn.args and Lua's arg.
limn.test("limn.args is a list and arg[0] is the script", function()
  assert(type(limn.args) == "table")
  assert(arg[0]:match("args_test%.lua$"), arg[0])
end)
