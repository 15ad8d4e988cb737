#!/usr/bin/env python3
"""Limn beside the openai Python SDK, on the same requests, against one local test router.

Starts the repo's fake router once (~4 MB noise PNGs of 1536x1024 as b64_json, fixed latency),
then runs each workload with Limn (release build) and with the SDK (installed by this script in
.build/bench-py), each process on its own: images.generate at C=1 and C=8, images.edit
(multipart) at C=8, and chat with an input image at C=8. Every image is base64-decoded, its
PNG decoded to pixels, and saved as a file. Prints wall time, peak RSS and CPU (user+sys) per
tool from wait4, and the ratios SDK / Limn.

    scripts/bench/peers.py                    # 20 calls per workload, 100 ms router latency
    scripts/bench/peers.py --n 40 --latency-ms 250
    scripts/bench/peers.py --runs 3           # each workload three times, interleaved; medians

With --runs the table shows each tool's median wall, RSS and CPU, and the ratios of the medians:
one run's ratio moves with both tools' noise on a small box.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VENV = os.path.join(ROOT, ".build", "bench-py")

LIMN_RECIPE = r"""
local kind, n, c, out = limn.args[1], tonumber(limn.args[2]), tonumber(limn.args[3]), limn.args[4]
local input = kind ~= "generate" and image(limn.args[5]) or nil
local list = {}
for i = 1, n do list[i] = i end
limn.map(list, function(i)
  local img
  if kind == "generate" then
    img = generate{ "peer benchmark " .. i, model = "gpt-image-1", size = "1536x1024" }
  elseif kind == "edit" then
    img = edit{ image = input, prompt = "peer benchmark edit " .. i, model = "gpt-image-1", size = "1536x1024" }
  else
    local reply = chat{ "describe this image " .. i, input, model = "gpt-4o-mini" }
    assert(reply.text, "no text")
    return
  end
  local _ = img.width  -- decoded, like the SDK side's PIL decode
  save(img, out .. "/" .. kind .. "-" .. i .. ".png")
end, { concurrency = c })
"""

SDK_SCRIPT = r"""
import base64, io, sys
from concurrent.futures import ThreadPoolExecutor
from openai import OpenAI
from PIL import Image
kind, n, c, out, base = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
source = sys.argv[6] if len(sys.argv) > 6 else None
client = OpenAI(base_url=base, api_key="bench-key-not-secret", max_retries=0)
data_uri = None
if source:
    with open(source, "rb") as f:
        raw = f.read()
    data_uri = "data:image/png;base64," + base64.b64encode(raw).decode()

def one(i):
    if kind == "generate":
        r = client.images.generate(model="gpt-image-1", prompt=f"peer benchmark {i}", size="1536x1024", response_format="b64_json")
    elif kind == "edit":
        r = client.images.edit(model="gpt-image-1", image=("input.png", raw, "image/png"), prompt=f"peer benchmark edit {i}", size="1536x1024")
    else:
        r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": [
            {"type": "text", "text": f"describe this image {i}"}, {"type": "image_url", "image_url": {"url": data_uri}}]}])
        assert r.choices[0].message.content
        return
    data = base64.b64decode(r.data[0].b64_json)
    Image.open(io.BytesIO(data)).load()
    with open(f"{out}/{kind}-{i}.png", "wb") as f:
        f.write(data)

with ThreadPoolExecutor(max_workers=c) as pool:
    list(pool.map(one, range(1, n + 1)))
"""


def setup():
    subprocess.run(["scripts/setup.sh"], cwd=ROOT, check=True)
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python) or subprocess.run([python, "-c", "import openai, PIL"], capture_output=True).returncode != 0:
        print("installing the openai SDK and Pillow into .build/bench-py ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([os.path.join(VENV, "bin", "pip"), "install", "-q", "openai", "pillow"], check=True)
    print("building release binaries ...", file=sys.stderr)
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    bins = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    return os.path.join(bins, "limn"), os.path.join(bins, "limn-fake-router")


def measure(cmd, env):
    """Wall seconds, peak RSS MB and CPU seconds (user+sys) of one child process."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    err = proc.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd[0]} failed:\n{err[-2000:]}")
    return wall, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--latency-ms", type=int, default=100)
    ap.add_argument("--runs", type=int, default=1, help="runs per workload and tool, interleaved (medians shown)")
    a = ap.parse_args()
    limn, router_bin = setup()
    router = subprocess.Popen([router_bin, "--latency-ms", str(a.latency_ms), "--image-size", "1536x1024", "--noise"],
                              stdout=subprocess.PIPE, text=True)
    try:
        base = router.stdout.readline().strip()
        if not base.startswith("http"):
            raise SystemExit(f"the fake router did not start: {base!r}")
        tmp = tempfile.mkdtemp(prefix="limn-peers-")
        recipe = os.path.join(tmp, "peers.lua")
        with open(recipe, "w") as f:
            f.write(LIMN_RECIPE)
        sdk = os.path.join(tmp, "sdk.py")
        with open(sdk, "w") as f:
            f.write(SDK_SCRIPT)
        # One input image for edit and chat: a 1536x1024 noise PNG from the router itself.
        source = os.path.join(tmp, "input.png")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
        env.update(LIMN_BASE_URL=base, LIMN_API_KEY="bench-key-not-secret", LIMN_HOME=os.path.join(tmp, "home"))
        with open(os.path.join(tmp, "input.lua"), "w") as f:
            f.write(f'save(generate{{ "input", size = "1536x1024" }}, "{source}")\n')
        subprocess.run([limn, "run", os.path.join(tmp, "input.lua"), "-q", "--no-history"], env=env, check=True)

        runs = f"; median of {a.runs} runs" if a.runs > 1 else ""
        print(f"{a.n} calls per workload, {a.latency_ms} ms router latency, ~4 MB 1536x1024 noise PNGs as b64_json; "
              f"{os.cpu_count()} cores; openai {sdk_version()}{runs}")
        print(f"{'workload':<14} {'tool':<7} {'wall s':>7} {'RSS MB':>7} {'CPU s':>6}   {'SDK/limn wall':>13} {'RSS':>6} {'CPU':>6}")
        for kind, c in [("generate", 1), ("generate", 8), ("edit", 8), ("chat", 8)]:
            out_l, out_s = os.path.join(tmp, f"limn-{kind}-{c}"), os.path.join(tmp, f"sdk-{kind}-{c}")
            extra = [source] if kind != "generate" else []
            limn_runs, sdk_runs = [], []
            for _ in range(max(1, a.runs)):
                for out in (out_l, out_s):
                    shutil.rmtree(out, ignore_errors=True)
                    os.makedirs(out)
                limn_runs.append(measure([limn, "run", recipe, "-q", "--no-history", "--concurrency", str(c), "--",
                                          kind, str(a.n), str(c), out_l, *extra], env))
                sdk_runs.append(measure([os.path.join(VENV, "bin", "python"), sdk, kind, str(a.n), str(c), out_s, base, *extra], env))
            lw, lr, lc = (statistics.median(r[i] for r in limn_runs) for i in range(3))
            sw, sr, sc = (statistics.median(r[i] for r in sdk_runs) for i in range(3))
            name = f"{kind} C={c}"
            print(f"{name:<14} {'limn':<7} {lw:>7.2f} {lr:>7.1f} {lc:>6.2f}")
            print(f"{'':<14} {'sdk':<7} {sw:>7.2f} {sr:>7.1f} {sc:>6.2f}   {sw / lw:>13.2f} {sr / lr:>6.2f} {sc / max(lc, 1e-3):>6.2f}")
    finally:
        router.terminate()
        router.wait()


def sdk_version():
    return subprocess.run([os.path.join(VENV, "bin", "python"), "-c", "import openai; print(openai.__version__)"],
                          capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    main()
