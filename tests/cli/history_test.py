"""History: SIGKILL after some images arrived loses none of them; two runs writing at once are both recorded."""
import json, os, signal, sqlite3, subprocess, time
from cli_support import FakeRouter, limn, tempdir, write_script

SLOW = """
for i = 1, 20 do
  generate{ "kill test image " .. i, model = "gpt-image-1", size = "64x64" }
end
"""
BATCH = """
limn.map({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, function(i)
  return generate{ "concurrent run " .. limn.args[1] .. " image " .. i, size = "32x32" }
end)
"""


def main():
    router = FakeRouter("--latency-ms", "150")
    tmp = tempdir()
    home = os.path.join(tmp, "home")
    try:
        manifest = os.path.join(tmp, "kill.jsonl")
        script = write_script(tmp, "slow.lua", SLOW)
        proc = subprocess.Popen([limn(), "run", script, "--manifest", manifest, "--quiet"], env=router.env(home))
        time.sleep(1.5)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with open(manifest) as f:
            received = [img["sha256"] for line in f for img in (json.loads(line).get("images") or [])]
        assert 0 < len(received) < 20, f"{len(received)} images before the kill; the test needs some, not all"
        db = sqlite3.connect(os.path.join(home, "history.sqlite"))
        stored = {row[0]: row[1] for row in db.execute("SELECT sha256, store_path FROM image")}
        for sha in received:
            assert sha in stored, f"image {sha[:12]} received before SIGKILL is missing from the history"
            assert os.path.exists(os.path.join(home, stored[sha])), f"image {sha[:12]} is missing from the store"
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()

        env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
        env["LIMN_HOME"] = home
        batch = write_script(tmp, "batch.lua", BATCH)
        runs = [subprocess.Popen([limn(), "run", batch, "--quiet", "--", name], env=env) for name in ("A", "B")]
        assert all(p.wait(timeout=300) == 0 for p in runs), "a concurrent run failed"
        db = sqlite3.connect(os.path.join(home, "history.sqlite"))
        for name in ("A", "B"):
            n = db.execute("SELECT count(*) FROM call WHERE prompt LIKE ?", (f"concurrent run {name} %",)).fetchone()[0]
            assert n == 10, f"run {name}: {n} calls recorded, want 10"
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        print(f"ok   history: {len(received)} images received before SIGKILL all stored; two concurrent runs both recorded")
    finally:
        router.close()


if __name__ == "__main__":
    main()
