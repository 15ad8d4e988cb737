-- args.lua — a recipe driven by its command line.
--
-- Everything after `--` reaches the script as limn.args (Lua's standard `arg` too):
--   limn run scripts/recipes/args.lua --out out -- "a blue circle on a black background" 3
--
-- The first argument is the prompt, the second how many images to make.

local prompt = limn.args[1] or "a yellow star on a navy background"
local count = tonumber(limn.args[2] or "2")
if not count or count < 1 or count > 10 then
  error("the second argument must be a number from 1 to 10, got " .. tostring(limn.args[2]))
end

-- n = count asks for several images in one call; they come back as multiple values,
-- and { ... } packs them into a list.
local images = { generate{ prompt, n = count, size = "512x512" } }

for i, img in ipairs(images) do
  -- string.format builds numbered names: args-1.png, args-2.png, ...
  local path = save(img, string.format("args-%d.png", i))
  print(path, tostring(img))
end
