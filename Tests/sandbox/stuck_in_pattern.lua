-- expect: limit
-- where: process
-- One string.find with a backtracking pattern runs for minutes inside C without allocating:
-- the count hook never fires there, so the watchdog ends the process at the limit.
local s = string.rep("a", 100000)
print(s:find(".-.-.-.-.-b"))
print("survived")
