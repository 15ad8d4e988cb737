-- watercolor.lua — the recipe from Limn's design: generate, edit, save both, describe.
--
-- Run it:   limn run scripts/recipes/watercolor.lua --out out
-- With no router configured it runs on the offline provider, which draws real images
-- locally, so this works on a fresh machine with no key and no network.

-- generate{...} sends one request and returns one Image per result (here: one).
local cat = generate{ "a cat running under moonlight, cyberpunk style", size = "1024x1024" }

-- save() writes atomically under --out (default: the current folder). PNG files carry
-- the recipe (model, prompt, parameters, parent image) in an iTXt metadata chunk.
save(cat, "cat.png")

-- edit{...} takes an Image (or a path, or a list of them) and a prompt.
local wc = edit{ image = cat, prompt = "Convert this image to watercolor painting style" }
save(wc, "cat-watercolor.png")

-- chat{...} takes strings and Images as the user turn and returns a Reply;
-- .text is the answer (tostring(reply) gives the same).
print(chat{ "Describe this picture in one sentence.", wc }.text)
