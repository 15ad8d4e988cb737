-- variations.lua — several variations of one idea, made at the same time, saved with numbers.
--
--   limn run scripts/recipes/variations.lua --out out
--
-- limn.map runs the function for every item, several at once (bounded by --concurrency),
-- and returns the results in the order of the list.

local subject = limn.args[1] or "a lighthouse on a cliff"
local styles = { "at dawn, pastel colours", "in a storm, dark blue", "at night, gold light", "in winter, white and teal" }

local images = limn.map(styles, function(style, i)
  return generate{ subject .. " " .. style, size = "512x512" }
end)

for i, img in ipairs(images) do
  -- %02d gives 01, 02, ... so the files sort in order.
  save(img, string.format("variation-%02d.png", i))
end

-- A black-and-white proof sheet of the first one, edited from the original.
save(edit{ image = images[1], prompt = "black and white" }, "variation-01-bw.png")
print(#images .. " variations saved")
