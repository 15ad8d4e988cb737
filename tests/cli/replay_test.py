"""Replay: the regression suite answers from its recordings with no router at all, twice,
giving the same manifest apart from timings; a changed prompt fails naming the difference."""
import json, os, subprocess
from cli_support import ROOT, limn, tempdir, write_script


def offline_env(home):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
    env["LIMN_HOME"] = home
    return env


def normalized(path):
    lines = []
    with open(path) as f:
        for line in f:
            obj = json.loads(line)
            obj.pop("started", None)
            obj.pop("elapsed_ms", None)
            obj.pop("seq", None)  # completion order varies with concurrency
            lines.append(json.dumps(obj, sort_keys=True))
    return sorted(lines)


def main():
    tmp = tempdir()
    manifests = []
    for i in range(2):
        m = os.path.join(tmp, f"m{i}.jsonl")
        p = subprocess.run([limn(), "test", os.path.join(ROOT, "scripts/regress"), "--replay", "--manifest", m,
                            "--out", os.path.join(tmp, "out")], env=offline_env(os.path.join(tmp, "home")),
                           capture_output=True, text=True, timeout=300)
        assert p.returncode == 0, p.stdout + p.stderr
        assert p.stdout.rstrip().splitlines()[-1].endswith("0 failed"), p.stdout
        manifests.append(normalized(m))
    assert manifests[0] and manifests[0] == manifests[1], "replayed manifests differ apart from timings"
    calls = [json.loads(l) for l in manifests[0] if json.loads(l).get("event") == "call"]
    assert calls and all(c.get("images") is not None for c in calls)

    # One changed prompt: replay fails and names the difference.
    cassette = os.path.join(ROOT, "scripts/regress/recordings/recipes_test")
    script = write_script(tmp, "changed.lua", 'generate{ "a dog running under moonlight, cyberpunk style", model = "gpt-image-1", size = "256x256" }\n')
    p = subprocess.run([limn(), "run", script, "--replay", cassette, "--no-history"], env=offline_env(os.path.join(tmp, "home")),
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 1, p.stderr
    assert "prompt" in p.stderr and "a dog running" in p.stderr and "a cat running" in p.stderr, p.stderr
    print(f"ok   replay: {len(calls)} calls replayed twice with equal manifests; a changed prompt names the difference")


if __name__ == "__main__":
    main()
