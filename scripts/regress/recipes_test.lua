-- Regression: the recipes' flows (generate → edit → chat, variations) answer with images
-- of the right kind. Replayed from recordings/ by the test suite; re-record with
-- scripts/regress/record.sh (against the repo's fake router, never with a real key).

limn.test("watercolor: generate, edit, save, describe", function()
  local cat = limn.assert_image(generate{ "a cat running under moonlight, cyberpunk style", model = "gpt-image-1", size = "256x256" },
    { format = "png", size = "256x256" })
  limn.assert_shape(cat, "images-b64")
  local wc = limn.assert_image(edit{ image = cat, prompt = "Convert this image to watercolor painting style", model = "gpt-image-1" })
  limn.assert_equal(wc.parent, cat, "the edit's parent")
  local path = save(wc, "regress/cat-watercolor.png")
  limn.assert_image(image(path), { format = "png" })
  local reply = chat{ "Describe this picture in one sentence.", wc, model = "gpt-4o-mini" }
  limn.assert_shape(reply, "text")
  assert(#reply.text > 0, "a description")
end)

limn.test("variations: several at once, in list order", function()
  local styles = { "at dawn", "in a storm", "at night" }
  local images = limn.map(styles, function(style)
    return generate{ "a lighthouse " .. style, model = "gpt-image-1", size = "128x128" }
  end, { concurrency = 3 })
  limn.assert_equal(#images, 3, "image count")
  for _, img in ipairs(images) do limn.assert_image(img, { size = "128x128" }) end
  assert(images[1].prompt == "a lighthouse at dawn" and images[3].prompt == "a lighthouse at night")
end)
