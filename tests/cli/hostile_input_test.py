"""Hostile answers from a router over real HTTP on loopback, with `[limits]` from the recipe's
limn.toml: JSON a million levels deep, more images than allowed, a body past response_size,
base64 past base64_length, an image header claiming 100000x100000 pixels, a device file given to
image(). Each is a Lua error of kind `limit` (or `io`) naming the limit and the value seen, at the
recipe's line; the process survives, the image saved before is intact, no partial file appears."""
import base64, json, os, struct, subprocess, threading, zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from cli_support import limn, send_json, tempdir, write_script


def png_header(width, height):
    ihdr = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + ihdr + struct.pack(">I", zlib.crc32(ihdr))


def tiny_png():
    raw = b"\x00" + b"\x10\x20\x30\xff" * 4
    ihdr = b"IHDR" + struct.pack(">IIBBBBB", 4, 1, 8, 6, 0, 0, 0)
    idat = b"IDAT" + zlib.compress(raw)
    chunk = lambda c: struct.pack(">I", len(c) - 4) + c + struct.pack(">I", zlib.crc32(c))
    return b"\x89PNG\r\n\x1a\n" + chunk(ihdr) + chunk(idat) + chunk(b"IEND")


GOOD = base64.b64encode(tiny_png()).decode()


def answer(model):
    if model == "good":
        return json.dumps({"data": [{"b64_json": GOOD}]}).encode()
    if model == "deep":
        return b'{"data":' + b"[" * 1_000_000
    if model == "many":
        return json.dumps({"data": [{"b64_json": GOOD}] * 5}).encode()
    if model == "huge-body":
        return json.dumps({"data": [{"b64_json": GOOD}], "padding": "x" * (2 << 20)}).encode()
    if model == "long-b64":
        return json.dumps({"data": [{"b64_json": GOOD * 2000}]}).encode()
    if model == "gigapixel":
        return json.dumps({"data": [{"b64_json": base64.b64encode(png_header(100_000, 100_000)).decode()}]}).encode()
    return b'{"error":{"message":"unknown test model"}}'


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        out = answer(body.get("model"))
        send_json(self, 200, out)

    def log_message(self, *args):
        pass


RECIPE = """
local path = save(generate{ "a kept image", model = "good" }, "kept.png")
print("saved", path)
local function try(model)
  local ok, err = pcall(generate, { "x", model = model })
  assert(not ok, model .. " should fail")
  print(model, err.kind, err.message)
end
for _, m in ipairs{ "deep", "many", "huge-body", "long-b64", "gigapixel" } do try(m) end
local ok, err = pcall(image, "/dev/zero")
print("devzero", err.kind, err.message)
generate{ "the last one fails the run", model = "deep" }
"""


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tmp = tempdir()
    folder = os.path.join(tmp, "recipe")
    os.makedirs(folder)
    write_script(folder, "limn.toml", '[limits]\nimages_per_answer = 4\nresponse_size = "1M"\nbase64_length = "64K"\n')
    script = write_script(folder, "hostile.lua", RECIPE)
    out = os.path.join(tmp, "out")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
    env.update(LIMN_BASE_URL=f"http://127.0.0.1:{server.server_port}/v1", LIMN_API_KEY="test-key-hostile-0000",
               LIMN_HOME=os.path.join(tmp, "home"))
    p = subprocess.run([limn(), "run", script, "--out", out], env=env, capture_output=True, text=True,
                       timeout=120)
    server.shutdown()
    lines = {line.split("\t")[0]: line.split("\t")[1:] for line in p.stdout.splitlines()}
    expected = {
        "deep": ("limit", "limits.json_depth = 512"),
        "many": ("limit", "the answer holds 5 images, over the limit limits.images_per_answer = 4"),
        "huge-body": ("limit", "limits.response_size"),
        "long-b64": ("limit", "over the limit limits.base64_length = 65536"),
        "gigapixel": ("limit", "100000x100000 pixels, more than the limit of 64000000 pixels (limits.pixels)"),
        "devzero": ("io", "is not a regular file"),
    }
    for model, (kind, text) in expected.items():
        got = lines.get(model)
        assert got and got[0] == kind and text in got[1], f"{model}: {got}\n{p.stdout}{p.stderr}"
    assert p.returncode == 1, f"exit {p.returncode}\n{p.stdout}{p.stderr}"
    assert "hostile.lua:12: limit:" in p.stderr, p.stderr
    assert "Program crashed" not in p.stderr and "Fatal error" not in p.stderr, p.stderr
    files = sorted(os.listdir(out))
    assert files == ["kept.png"], files
    with open(os.path.join(out, "kept.png"), "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    print("ok   hostile answers: deep JSON, too many images, big body, long base64, gigapixel header, /dev/zero "
          "are limit/io errors naming the [limits] key; the run survives to its last line, the saved image is intact")


if __name__ == "__main__":
    main()
