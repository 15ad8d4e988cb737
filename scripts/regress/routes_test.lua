-- Regression: each route and the shape each model family answers in (router-shapes.md §9).
-- A router that changes how it answers a model makes one of these fail.

limn.test("images route, gpt-image: b64_json", function()
  local a, b = generate{ "a red square on a white background", model = "gpt-image-1", n = 2, size = "64x64" }
  limn.assert_image(a, { format = "png", size = "64x64" })
  limn.assert_image(b, { format = "png", size = "64x64" })
  limn.assert_shape(a, "images-b64")
end)

limn.test("images route, dall-e-3: URLs downloaded at once", function()
  local img = generate{ "a blue circle", model = "dall-e-3", size = "64x64" }
  limn.assert_image(img)
  limn.assert_shape(img, "images-url")
  assert(img.url and img.url:match("^https?://"), "the image keeps its URL")
end)

limn.test("images route, nano-banana: URLs", function()
  limn.assert_shape(limn.assert_image(generate{ "a banana", model = "nano-banana", size = "64x64" }), "images-url")
end)

limn.test("images route, grok image: URL with mime_type", function()
  limn.assert_shape(limn.assert_image(generate{ "a robot", model = "grok-4-image", size = "64x64" }), "images-url")
end)

limn.test("images route, edits: multipart with one and several images", function()
  local base = generate{ "a green square", model = "gpt-image-1", size = "64x64" }
  local one = edit{ image = base, prompt = "sepia", model = "gpt-image-1" }
  limn.assert_shape(limn.assert_image(one), "images-b64")
  local two = edit{ image = { base, one }, prompt = "combine them", model = "gpt-image-1" }
  limn.assert_image(two)
end)

limn.test("chat route, gpt-4o: plain text, and generate raises no_image with the reply", function()
  local reply = chat{ "Say hello.", model = "gpt-4o" }
  limn.assert_shape(reply, "text")
  local err = limn.assert_error(generate, "no_image", { "a red square", model = "gpt-4o" })
  assert(err.reply and err.reply.shape == "text", "the no_image error carries the text reply")
end)

limn.test("chat route, gpt-4o-image: task text with its task block", function()
  local reply = chat{ "Generate an image of a red square on a white background.", model = "gpt-4o-image" }
  limn.assert_shape(reply, "task-text")
  assert(reply.task and reply.task.id and reply.task.id:match("^task_"), "task id")
  assert(reply.task.preview_url, "the Data Preview link")
  for _, img in ipairs(reply.images) do limn.assert_image(img) end
end)

limn.test("chat route, gemini image model: Markdown data URI", function()
  local img = generate{ "a yellow star", model = "gemini-2.5-flash-image", via = "chat", size = "64x64" }
  limn.assert_shape(limn.assert_image(img), "markdown-image")
end)

limn.test("gemini route: inlineData", function()
  local img = generate{ "a yellow star", model = "gemini-2.5-flash-image", size = "64x64" }
  limn.assert_shape(limn.assert_image(img), "gemini-inline")
  local edited = edit{ image = img, prompt = "invert", model = "gemini-2.5-flash-image" }
  limn.assert_shape(limn.assert_image(edited), "gemini-inline")
end)
