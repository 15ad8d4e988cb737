"""The live progress view, in a real pseudo-terminal; and plain lines when stderr is not a terminal."""
import os, pty, select, subprocess, time
from cli_support import FakeRouter, limn, tempdir, write_script

SCRIPT = """
local list = {}
for i = 1, 6 do list[i] = i end
limn.map(list, function(i) return generate{ "image " .. i, size = "64x64" } end, { concurrency = 3 })
print("script output line")
"""


def run_in_pty(cmd, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(cmd[0], cmd, env)
    chunks = []
    while True:
        r, _, _ = select.select([fd], [], [], 10)
        if not r:
            break
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8", "replace")


def main():
    router = FakeRouter("--latency-ms", "600")
    tmp = tempdir()
    try:
        script = write_script(tmp, "progress.lua", SCRIPT)
        env = router.env(os.path.join(tmp, "home"))
        env["TERM"] = "xterm"
        code, screen = run_in_pty([limn(), "run", script, "--out", tmp, "--no-history"], env)
        assert code == 0, f"exit {code}:\n{screen}"
        assert "in flight" in screen, f"no live view on a terminal:\n{screen!r}"
        assert "generate gpt-image-1" in screen, f"in-flight calls not listed:\n{screen!r}"
        assert "\x1b[" in screen, "the view is redrawn in place with terminal escapes"
        assert "6 done, 0 failed" in screen, f"running count missing:\n{screen!r}"
        assert "script output line" in screen
        # Not a terminal: one plain line per finished call, no escapes; stdout is the script's alone.
        p = subprocess.run([limn(), "run", script, "--out", tmp, "--no-history"], env=env, capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        assert p.stdout == "script output line\n", repr(p.stdout)
        lines = [l for l in p.stderr.splitlines() if l.startswith("limn: generate")]
        assert len(lines) == 6, p.stderr
        assert "\x1b[" not in p.stderr
        q = subprocess.run([limn(), "run", script, "--out", tmp, "--no-history", "--quiet"], env=env, capture_output=True, text=True)
        assert q.stderr == "", repr(q.stderr)
        print("ok   progress: live view in a pty, plain lines otherwise, silent with --quiet")
    finally:
        router.close()


if __name__ == "__main__":
    main()
