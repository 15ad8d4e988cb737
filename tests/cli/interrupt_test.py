"""Ctrl-C in the middle of a 16-call map: exit 130 within a second, no partial files."""
import os, signal, subprocess, sys, time
from cli_support import FakeRouter, limn, tempdir, write_script

SCRIPT = """
local list = {}
for i = 1, 16 do list[i] = i end
limn.map(list, function(i)
  save(generate{ "image " .. i, size = "512x512" }, string.format("img-%02d.png", i))
end, { concurrency = 4 })
"""


def main():
    router = FakeRouter("--latency-ms", "400", "--noise")
    tmp = tempdir()
    try:
        script = write_script(tmp, "map.lua", SCRIPT)
        out = os.path.join(tmp, "out")
        proc = subprocess.Popen([limn(), "run", script, "--out", out, "--no-history"],
                                env=router.env(os.path.join(tmp, "home")), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.1)  # some images saved, others in flight
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise AssertionError("limn did not stop within 5 s of SIGINT")
        took = time.monotonic() - sent
        err = proc.stderr.read().decode()
        assert proc.returncode == 130, f"exit {proc.returncode}, want 130; stderr:\n{err}"
        assert took < 3.0, f"took {took:.2f} s to stop, want well under 3 s (generous for a busy machine; typically 0.01 s)"
        files = sorted(os.listdir(out)) if os.path.isdir(out) else []
        assert files, "expected some images saved before the interrupt"
        assert len(files) < 16, f"all 16 finished before the interrupt ({files}); the test did not interrupt anything"
        for name in files:
            assert name.endswith(".png") and not name.startswith("."), f"leftover temporary file {name}"
            with open(os.path.join(out, name), "rb") as f:
                data = f.read()
            assert data.startswith(b"\x89PNG") and data.endswith(b"IEND\xaeB`\x82"), f"{name} is not a complete PNG"
        print(f"ok   interrupt: exit 130 after {took:.2f} s, {len(files)} complete files, no partial ones")
    finally:
        router.close()


if __name__ == "__main__":
    main()
