"""A reply's raw JSON after its base64 was decoded from the body: `reply.raw` still reads the
member back as the exact text the router sent (re-encoded from the decoded bytes, or kept as
text when the router's base64 was not canonical), and an image saved as received is the bytes
the router sent."""
import base64, hashlib, json, os, subprocess, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from cli_support import FakeRouter, limn, send_json, tempdir, write_script

RECIPE = """
local r = chat{ "draw a red cat, wide", model = "gemini-2.5-flash-image", via = "gemini" }
local part
for _, p in ipairs(r.raw.candidates[1].content.parts) do if p.inlineData then part = p end end
assert(part, "an inlineData part in reply.raw")
local b64 = part.inlineData.data
assert("data:image/png;base64," .. b64 == r.image:data_uri(), "raw inlineData.data reads back the image's base64")
r.image:save("cat.png", { metadata = false })
print("RAW " .. #b64 .. " " .. r.image.sha256)
"""


def check_fake_router():
    router = FakeRouter("--noise", "--image-size", "256x256")
    try:
        home, out = tempdir(), tempdir()
        script = write_script(out, "raw.lua", RECIPE)
        run = subprocess.run([limn(), "run", script, "--out", out, "--quiet"], env=router.env(home),
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        line = [l for l in run.stdout.splitlines() if l.startswith("RAW ")][0]
        length, sha = int(line.split()[1]), line.split()[2]
        assert length > 100_000, f"the member should be long enough to be decoded from the body: {length}"
        with open(os.path.join(out, "cat.png"), "rb") as f:
            saved = f.read()
        assert hashlib.sha256(saved).hexdigest() == sha
        assert len(base64.b64encode(saved)) == length
    finally:
        router.close()


def png_bytes():
    # A 128x128 noise PNG, stored (uncompressed): its 65 KB of base64 are past the span threshold.
    import struct, zlib, random
    rnd = random.Random(5)
    rows = b"".join(b"\x00" + bytes(rnd.randrange(256) for _ in range(128 * 3)) for _ in range(128))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 128, 128, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows, 0))
    for pad in range(3):  # a comment long enough that the base64 ends in exactly one '='
        png = head + chunk(b"tEXt", b"Comment\x00" + b"x" * pad) + chunk(b"IEND", b"")
        if len(png) % 3 == 2:
            return png


def check_non_canonical():
    image = png_bytes()
    text = base64.b64encode(image).decode()
    assert text.endswith("=") and not text.endswith("=="), "the test image must end in one '='"
    # Set an unused low bit of the last character: the same bytes, a different text.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    loose = text[:-2] + alphabet[alphabet.index(text[-2]) | 1] + "="
    assert base64.b64decode(loose) == image and loose != text

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            out = json.dumps({"data": [{"b64_json": loose}]}).encode()
            send_json(self, 200, out)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        home, out = tempdir(), tempdir()
        recipe = """
local img = generate{ "noise", model = "gpt-image-1" }
img:save("n.png", { metadata = false })
print("SHA " .. img.sha256)
"""
        script = write_script(out, "loose.lua", recipe)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
        env.update(LIMN_BASE_URL=f"http://127.0.0.1:{server.server_port}/v1", LIMN_API_KEY="test-key-cli-0000", LIMN_HOME=home)
        run = subprocess.run([limn(), "run", script, "--out", out, "--quiet"], env=env, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        with open(os.path.join(out, "n.png"), "rb") as f:
            assert f.read() == image
    finally:
        server.shutdown()


check_fake_router()
check_non_canonical()
print("ok   raw JSON: a lifted inlineData reads back as the image's base64 and saves the received bytes; non-canonical base64 is kept as text and saves the exact image")
