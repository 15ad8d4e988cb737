-- describe.lua — ask a chat model about an image.
--
--   limn run scripts/recipes/describe.lua -- path/to/picture.png
--
-- With no path it first draws a picture to describe.

local picture
if limn.args[1] then
  -- image() loads a file (or an https:// URL, or a data: URI) and checks it is a real image.
  picture = image(limn.args[1])
else
  picture = generate{ "a red square on a white background", size = "512x512" }
end

-- Strings and Images in the table form the user turn, in order.
local reply = chat{
  "What is in this picture? Name the main colours.",
  picture,
  system = "You describe images briefly and precisely.",
}

print(reply.text)
-- A Reply also tells how the router answered (its "shape") and which model spoke.
limn.log("shape: " .. reply.shape .. ", model: " .. tostring(reply.model))
