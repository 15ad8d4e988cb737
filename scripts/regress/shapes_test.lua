-- Regression: every response shape of DESIGN §3 normalizes into the right images and `shape`.
-- The recordings come from the repo's fake router told to answer `shape-NAME` models in that
-- shape (scripts/regress/record.sh passes `--answer shape-NAME=NAME`); the routes' own default
-- shapes per model family are in routes_test.lua.

local function image_via(model, route)
  return limn.assert_image(generate{ "a red square on a white background", model = model, via = route, size = "64x64" })
end

limn.test("images-stream: the completed event's image", function()
  limn.assert_shape(image_via("shape-images-stream", "images"), "images-stream")
end)

limn.test("multipart: image_url parts with a data URI, a URL and bare base64", function()
  limn.assert_shape(image_via("shape-multipart", "chat"), "multipart")
  limn.assert_shape(image_via("shape-multipart-url", "chat"), "multipart")
  limn.assert_shape(image_via("shape-multipart-base64", "chat"), "multipart")
end)

limn.test("markdown-image: data URIs and URLs in text, prose kept", function()
  local reply = chat{ "draw it", model = "shape-markdown-url" }
  limn.assert_shape(reply, "markdown-image")
  assert(#reply.images >= 1, "images from the Markdown")
  for _, img in ipairs(reply.images) do limn.assert_image(img) end
end)

limn.test("task-text (English form): task block, preview page never an image", function()
  local reply = chat{ "draw it", model = "shape-task-text-en" }
  limn.assert_shape(reply, "task-text")
  assert(reply.task and reply.task.id, "task id")
  for _, img in ipairs(reply.images) do limn.assert_image(img) end
end)

limn.test("message-images: message.images[]", function()
  limn.assert_shape(image_via("shape-message-images", "chat"), "message-images")
end)

limn.test("chat streams: Markdown chunks and delta.images", function()
  limn.assert_image(image_via("shape-chat-stream", "chat"))
  limn.assert_image(image_via("shape-chat-stream-images", "chat"))
end)

limn.test("gemini-inline with snake_case keys skips the thought image", function()
  limn.assert_shape(image_via("shape-gemini-inline-snake", "gemini"), "gemini-inline")
end)

limn.test("gemini-text: Markdown images in text parts", function()
  limn.assert_shape(image_via("shape-gemini-text", "gemini"), "gemini-text")
  limn.assert_shape(image_via("shape-gemini-text-url", "gemini"), "gemini-text")
end)

limn.test("gemini stream without [DONE]", function()
  limn.assert_shape(image_via("shape-gemini-stream", "gemini"), "gemini-inline")
end)
