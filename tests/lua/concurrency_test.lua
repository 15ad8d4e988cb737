-- spawn, wait, cancel, parallel, map, sleep on the coroutine scheduler.

limn.test("parallel returns results in argument order", function()
  local a, b, c = limn.parallel(
    function() return generate{ "one", size = "32x32" } end,
    function() return "plain value" end,
    function() limn.sleep(0.01); return 3 end)
  assert(a.width == 32 and b == "plain value" and c == 3)
end)

limn.test("map keeps list order and honours concurrency", function()
  local out = limn.map({ 5, 4, 3, 2, 1 }, function(x, i)
    limn.sleep(x * 0.002)
    return x * 10 + i
  end, { concurrency = 2 })
  assert(#out == 5)
  for i, x in ipairs{ 5, 4, 3, 2, 1 } do assert(out[i] == x * 10 + i) end
end)

limn.test("one failure does not cancel the others; the first error is raised after all finish", function()
  local finished = 0
  local ok, err = pcall(limn.map, { 1, 2, 3 }, function(x)
    limn.sleep(0.005 * x)
    finished = finished + 1
    if x == 2 then error("two failed") end
    return x
  end)
  assert(not ok and err:match("two failed"), tostring(err))
  assert(finished == 3)
end)

limn.test("errors='collect' returns results and errors", function()
  local results, errors = limn.map({ "a", "b" }, function(x)
    if x == "b" then generate{} end
    return x
  end, { errors = "collect" })
  assert(results[1] == "a" and results[2] == nil)
  assert(tostring(errors[2]):match("a prompt is required"))
end)

limn.test("spawn, wait and cancel", function()
  local t = limn.spawn(function(a, b) return a + b, "second" end, 2, 3)
  local sum, second = t:wait()
  assert(sum == 5 and second == "second")
  assert(t:status() == "done")
  local slow = limn.spawn(function() limn.sleep(5); return "late" end)
  limn.sleep(0.01)
  slow:cancel()
  local ok, err = pcall(slow.wait, slow)
  assert(not ok and err.kind == "cancelled", tostring(err))
  assert(slow:status() == "cancelled")
end)

limn.test("nested: a map inside a parallel branch", function()
  local list, n = limn.parallel(
    function() return limn.map({ 1, 2, 3 }, function(x) return x * x end) end,
    function() return 7 end)
  assert(list[3] == 9 and n == 7)
end)

limn.test("host waits pass through the script's own coroutines", function()
  local gen = coroutine.wrap(function()
    coroutine.yield(generate{ "inside a coroutine", size = "16x16" })
    coroutine.yield("after")
  end)
  local img = gen()
  assert(img.width == 16)
  assert(gen() == "after")
  local co = coroutine.create(function() limn.sleep(0.001); return "done" end)
  local ok, v = coroutine.resume(co)
  assert(ok and v == "done")
end)

limn.test("sleeps overlap", function()
  local t0 = os.time()
  limn.parallel(function() limn.sleep(0.2) end, function() limn.sleep(0.2) end, function() limn.sleep(0.2) end)
  assert(os.time() - t0 <= 1)
end)
