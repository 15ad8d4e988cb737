"""Usage totals: the stderr line at the end of `limn run` and `limn test` (calls, failures, images,
tokens, retries, time, cost by limn.toml's [prices]), the same totals as JSON with --json, and
`limn history --totals` summing what the history store kept per call."""
import base64, json, os, re, subprocess, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from cli_support import limn, send_json, tempdir, write_script
from hostile_input_test import tiny_png

IMAGE = base64.b64encode(tiny_png()).decode()
seen = set()
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        model, prompt = body.get("model"), body.get("prompt", "")
        with lock:
            first = (model, prompt) not in seen
            seen.add((model, prompt))
        if model == "gpt-image-flaky" and first:
            status, out = 503, b'{"error":{"message":"busy, try again"}}'
        elif model == "gpt-image-broken":
            status, out = 400, b'{"error":{"message":"bad prompt","type":"invalid_request_error"}}'
        else:
            n = body.get("n", 1)
            status, out = 200, json.dumps({"data": [{"b64_json": IMAGE}] * n,
                                           "usage": {"input_tokens": 10, "output_tokens": 100}}).encode()
        send_json(self, status, out)

    def log_message(self, *args):
        pass


RECIPE = """
generate{ "two", model = "gpt-image-priced", n = 2 }
generate{ "big", model = "gpt-image-priced", size = "1536x1024" }
generate{ "once more", model = "gpt-image-flaky" }
print(pcall(generate, { "x", model = "gpt-image-broken" }))
"""
TEST = """
limn.test("one call", function() generate{ "in a test", model = "gpt-image-priced" } end)
"""
TOML = """
[retries]
base = 0.01
cap = 0.02

[prices."gpt-image-priced"]
per_image = 0.04
sizes = { "1536x1024" = 0.06 }
input_per_million = 1000
"""


def totals_line(stderr):
    lines = [l for l in stderr.splitlines() if re.match(r"limn: \d+ calls?[ ,]", l)]
    assert len(lines) == 1, stderr
    return lines[0]


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tmp = tempdir()
    write_script(tmp, "limn.toml", TOML)
    script = write_script(tmp, "usage.lua", RECIPE)
    write_script(tmp, "usage_test.lua", TEST)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
    env.update(LIMN_BASE_URL=f"http://127.0.0.1:{server.server_port}/v1", LIMN_API_KEY="test-key-usage-0000",
               LIMN_HOME=os.path.join(tmp, "home"))
    run = lambda *args: subprocess.run([limn(), *args], cwd=tmp, env=env, capture_output=True, text=True, timeout=120)
    try:
        p = run("run", script, "--out", tmp, "--json")
        assert p.returncode == 0, p.stderr
        line = totals_line(p.stderr)
        # 4 calls: 2 + 1 + 1 images; 3 answers with 10/100 tokens; the flaky one retried once.
        # Cost: 2 x 0.04 + 0.06 (per size) + 20 input tokens x 1000/M (0.02) = 0.16; flaky is unpriced.
        want = "limn: 4 calls (1 failed), 4 images, 30 in / 300 out tokens, 1 retry, "
        assert line.startswith(want), line
        assert line.endswith(", $0.16 (no price for gpt-image-flaky)"), line
        totals = json.loads(p.stdout.splitlines()[-1])["totals"]
        assert {k: totals[k] for k in ("calls", "failed", "images", "input_tokens", "output_tokens", "retries")} == \
            {"calls": 4, "failed": 1, "images": 4, "input_tokens": 30, "output_tokens": 300, "retries": 1}, totals
        assert abs(totals["cost"] - 0.16) < 1e-9 and totals["unpriced"] == ["gpt-image-flaky"], totals

        q = run("run", script, "--out", tmp, "--quiet")
        assert q.returncode == 0 and not re.search(r"\d+ calls?[ ,]", q.stderr), q.stderr

        t = run("test", tmp, "--out", os.path.join(tmp, "t"))
        assert t.returncode == 0, t.stdout + t.stderr
        assert totals_line(t.stderr).startswith("limn: 1 call, 1 image, 10 in / 100 out tokens, 0 retries, "), t.stderr
        assert totals_line(t.stderr).endswith(", $0.05"), t.stderr

        h = run("history", "--totals", "--json")
        assert h.returncode == 0, h.stderr
        stored = json.loads(h.stdout)["totals"]
        # Two runs of the recipe and one test: every call, every retry the history kept.
        assert {k: stored[k] for k in ("calls", "failed", "images", "input_tokens", "retries")} == \
            {"calls": 9, "failed": 2, "images": 9, "input_tokens": 70, "retries": 1}, stored
        assert abs(stored["cost"] - 0.37) < 1e-9, stored
        text = run("history", "--totals", "--model", "gpt-image-priced", "--since", "1h")
        assert text.stdout.startswith("5 calls, 7 images, 50 in / 500 out tokens, 0 retries, "), text.stdout
        assert text.stdout.rstrip().endswith(", $0.37"), text.stdout
    finally:
        server.shutdown()
    print("ok   usage totals: run and test end with calls, failures, images, tokens, retries, time and the cost by "
          "[prices] (per image, per size, per token; unpriced models named); --json prints them; history --totals sums them")


if __name__ == "__main__":
    main()
