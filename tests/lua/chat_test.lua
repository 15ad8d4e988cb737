-- chat{} on the offline provider: Replies, images described.

limn.test("chat('text') returns a Reply whose tostring is its text", function()
  local r = chat("Hello there")
  assert(type(r.text) == "string" and #r.text > 0)
  assert(tostring(r) == r.text)
  assert(r.shape == "text", r.shape)
  assert(r.image == nil and #r.images == 0)
  assert(type(r.raw) == "table" and r.raw.choices ~= nil, "raw is the decoded JSON")
end)

limn.test("chat describes input images: count and size", function()
  local img = generate{ "a red square on a white background", size = "320x240" }
  local r = chat{ "Describe this picture.", img }
  assert(r.text:match("320") and r.text:match("240"), r.text)
  assert(r.text:lower():match("red"), r.text)
end)

limn.test("system and messages are accepted", function()
  local r = chat{ "And now?", system = "Be brief.", messages = { { role = "user", content = "Hi" }, { role = "assistant", content = "Hello" } } }
  assert(#r.text > 0)
end)

limn.test("chat with nothing to say is an error", function()
  local ok, err = pcall(function() chat{} end)
  assert(not ok and err:match("chat: nothing to say"), err)
end)
