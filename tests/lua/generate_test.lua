-- generate{} on the offline provider: Images with the fields DESIGN §2 names.

limn.test("returns an Image with its fields", function()
  local img = generate{ "a red square on a white background", size = "256x256" }
  assert(img.width == 256 and img.height == 256, "size " .. img.width .. "x" .. img.height)
  assert(img.format == "png", img.format)
  assert(img.mime == "image/png")
  assert(#img.sha256 == 64)
  assert(img.bytes == #img:raw())
  assert(img.shape == "images-b64", tostring(img.shape))
  assert(img.model == "gpt-image-1", tostring(img.model))
  assert(img.prompt == "a red square on a white background")
  assert(tostring(img):match("^Image%(png 256x256, [%d%.]+ [KM]?B, sha256:%x%x%x%x%x%x%x%x%)$"), tostring(img))
end)

limn.test("n = 3 returns three different images as multiple values", function()
  local a, b, c = generate{ "a pleasant pattern", n = 3, size = "64x64" }
  assert(a and b and c, "three values")
  assert(a.sha256 ~= b.sha256 and b.sha256 ~= c.sha256)
  local packed = { generate{ "a pleasant pattern", n = 2, size = "64x64" } }
  assert(#packed == 2)
end)

limn.test("the same prompt gives the same bytes", function()
  local a = generate{ "a green circle on black", size = "128x128" }
  local b = generate{ "a green circle on black", size = "128x128" }
  assert(a.sha256 == b.sha256)
  assert(a == b, "Images with equal bytes compare equal")
end)

limn.test("format and size options are honoured", function()
  local j = generate{ "a blue triangle", size = "200x100", format = "jpeg" }
  assert(j.format == "jpeg" and j.width == 200 and j.height == 100, tostring(j))
  local w = generate{ "a blue triangle", size = "64x64", format = "webp" }
  assert(w.format == "webp", w.format)
end)

limn.test("the string form generate('…') works", function()
  local img = generate("a yellow star")
  assert(img.format == "png")
end)

limn.test("a missing prompt is a clear error at the caller's line", function()
  local ok, err = pcall(function() generate{} end)
  assert(not ok)
  assert(err:match("generate_test%.lua:%d+: generate: a prompt is required"), err)
end)

limn.test("a misspelt option suggests the right one", function()
  local ok, err = pcall(function() generate{ "x", sise = "64x64" } end)
  assert(not ok and err:match("did you mean 'size'%?"), err)
end)

limn.test("bad option values name the option", function()
  local ok, err = pcall(function() generate{ "x", n = "two" } end)
  assert(not ok and err:match("'n' must be an integer, got string"), err)
  ok, err = pcall(function() generate{ "x", via = "fax" } end)
  assert(not ok and err:match('via must be "images", "chat" or "gemini"'), err)
  ok, err = pcall(function() generate{ "x", size = "big" } end)
  assert(not ok and err:match("size must look like"), err)
end)

limn.test("the limn module holds the same functions", function()
  assert(limn.generate == generate and limn.edit == edit and limn.chat == chat)
  assert(limn.save == save and limn.image == image)
  assert(type(limn.version) == "string")
end)
