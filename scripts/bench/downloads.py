#!/usr/bin/env python3
"""Download benchmark: one reply carrying N image URLs (n=N with data[].url), each URL served
after L ms. Prints the whole `limn run` wall time beside the floor of one download (L) and the
time N sequential downloads would take (N*L).

    scripts/bench/downloads.py                 # n=4, 500 ms per download
    scripts/bench/downloads.py --n 8 --latency-ms 250 --debug
"""
import argparse, base64, json, os, struct, subprocess, sys, tempfile, threading, time, zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def png(width=256, height=256):
    raw = b"".join(b"\x00" + bytes((x * 7 + y) % 256 for x in range(width * 3)) for y in range(height))
    ihdr = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = lambda c: struct.pack(">I", len(c) - 4) + c + struct.pack(">I", zlib.crc32(c))
    return b"\x89PNG\r\n\x1a\n" + chunk(ihdr) + chunk(b"IDAT" + zlib.compress(raw)) + chunk(b"IEND")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=4)
    ap.add_argument("--latency-ms", type=int, default=500)
    ap.add_argument("--debug", action="store_true", help="use the debug build (no release build)")
    a = ap.parse_args()
    image = png()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            port = self.server.server_port
            out = json.dumps({"data": [{"url": f"http://127.0.0.1:{port}/files/{i}.png"} for i in range(a.n)]}).encode()
            self.reply("application/json", out)

        def do_GET(self):
            time.sleep(a.latency_ms / 1000)
            self.reply("image/png", image)

        def reply(self, kind, body):
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    config = "debug" if a.debug else "release"
    subprocess.run(["scripts/setup.sh"], cwd=ROOT, check=True)
    flags = ["--static-swift-stdlib"] if config == "release" else []  # as scripts/install.sh builds it
    subprocess.run(["swift", "build", "-c", config, *flags, "--product", "limn"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    limn = os.path.join(subprocess.run(["swift", "build", "-c", config, *flags, "--show-bin-path"], cwd=ROOT, check=True,
                                       capture_output=True, text=True).stdout.strip(), "limn")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tmp = tempfile.mkdtemp(prefix="limn-bench-")
    recipe = os.path.join(tmp, "downloads.lua")
    with open(recipe, "w") as f:
        f.write(f'local imgs = {{ generate{{ "bench", model = "gpt-image-1", n = {a.n}, size = "256x256" }} }}\n'
                f'assert(#imgs == {a.n}, "got " .. #imgs .. " images")\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
    env.update(LIMN_BASE_URL=f"http://127.0.0.1:{server.server_port}/v1", LIMN_API_KEY="bench-key-not-secret")
    started = time.monotonic()
    p = subprocess.run([limn, "run", recipe, "--quiet", "--no-history"], env=env, capture_output=True, text=True)
    wall = time.monotonic() - started
    server.shutdown()
    if p.returncode != 0:
        sys.exit(f"limn failed: {p.stderr}")
    floor, sequential = a.latency_ms / 1000, a.n * a.latency_ms / 1000
    print(f"one reply with n={a.n} image URLs, {a.latency_ms} ms per download ({config} build)")
    print(f"  limn run wall      {wall:.3f} s")
    print(f"  one download       {floor:.3f} s   (wall / floor {wall / floor:.2f})")
    print(f"  sequential floor   {sequential:.3f} s")


if __name__ == "__main__":
    main()
