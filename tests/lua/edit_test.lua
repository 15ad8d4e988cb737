-- edit{} on the offline provider: real pixel edits, parents, masks, several inputs.

local base = generate{ "a red square on a white background", size = "128x128" }

limn.test("an edit changes the pixels and records its parent", function()
  local wc = edit{ image = base, prompt = "Convert this image to watercolor painting style" }
  assert(wc.sha256 ~= base.sha256)
  assert(wc.width == 128 and wc.height == 128)
  assert(wc.parent == base, "parent is the input image")
  assert(wc.prompt == "Convert this image to watercolor painting style")
end)

limn.test("every named effect gives a different image", function()
  local seen = {}
  for _, p in ipairs{ "grayscale", "sepia", "invert", "pixelate", "pencil sketch", "watercolor" } do
    local out = edit{ image = base, prompt = p }
    assert(not seen[out.sha256], p .. " repeats another effect")
    seen[out.sha256] = true
  end
end)

limn.test("the first positional item is the prompt", function()
  local g = edit{ "black and white", image = base }
  assert(g.sha256 ~= base.sha256)
end)

limn.test("a path and a list of images are accepted", function()
  local path = save(base, "edit-input.png", { metadata = false })
  local one = edit{ image = path, prompt = "invert" }
  local two = edit{ image = { base, path }, prompt = "sepia" }
  assert(one.width == 128 and two.width > 0)
end)

limn.test("a mask is accepted", function()
  local mask = generate{ "a square", size = "128x128", background = "transparent" }
  local out = edit{ image = base, mask = mask, prompt = "invert" }
  assert(out.sha256 ~= base.sha256)
end)

limn.test("missing image or prompt are clear errors", function()
  local ok, err = pcall(function() edit{ prompt = "x" } end)
  assert(not ok and err:match("edit: image = … is required"), err)
  ok, err = pcall(function() edit{ image = base } end)
  assert(not ok and err:match("edit: a prompt is required"), err)
  ok, err = pcall(function() edit{ image = "no-such-file.png", prompt = "x" } end)
  assert(not ok and err:match("no such file 'no%-such%-file%.png'"), err)
end)
