"""`limn test --shard K/N` and `limn test merge`: the shards together run every test exactly once,
each file lands where the documented hash (FNV-1a 64 of its path, mod N) puts it, adding a file
moves no other, and merge refuses a missing or repeated shard."""
import os, subprocess, xml.etree.ElementTree as ET
from cli_support import limn, tempdir, write_script


def fnv1a(text):
    h = 0xCBF29CE484222325
    for b in text.encode():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def run(args, cwd, env):
    return subprocess.run([limn(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def cases(junit):
    return sorted((c.get("classname"), c.get("name")) for c in ET.parse(junit).getroot().iter("testcase"))


def main():
    tmp = tempdir()
    suite = os.path.join(tmp, "suite")
    os.makedirs(os.path.join(suite, "deeper"))
    names = [f"t{i:02d}_test.lua" for i in range(12)] + ["deeper/nested_test.lua"]
    for i, name in enumerate(names):
        body = f'limn.test("{name} a", function() assert(true) end)\nlimn.test("{name} b", function() assert({i} ~= 7) end)\n'
        write_script(suite, name, body)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
    env["LIMN_HOME"] = os.path.join(tmp, "home")

    whole = run(["test", "suite", "--out", os.path.join(tmp, "whole"), "--junit", os.path.join(tmp, "whole.xml")], tmp, env)
    assert whole.returncode == 1 and whole.stdout.rstrip().endswith("25 passed, 1 failed"), whole.stdout + whole.stderr

    n = 3
    outs = [os.path.join(tmp, f"shard{k}") for k in range(1, n + 1)]
    seen = []
    for k, out in enumerate(outs, 1):
        r = run(["test", "suite", "--shard", f"{k}/{n}", "--out", out, "--junit", os.path.join(out, "junit.xml")], tmp, env)
        assert r.returncode in (0, 1) and f"(shard {k}/{n}," in r.stdout, r.stdout + r.stderr
        mine = cases(os.path.join(out, "junit.xml"))
        for classname, _ in mine:
            rel = os.path.relpath(classname, ".")
            assert fnv1a(rel) % n + 1 == k, f"{rel} ran in shard {k}, the hash says {fnv1a(rel) % n + 1}"
        seen += mine
    assert sorted(seen) == cases(os.path.join(tmp, "whole.xml")), "the shards together differ from the whole run"
    assert len(seen) == len(set(seen)) == 26

    merged = run(["test", "merge", *outs, "--junit", os.path.join(tmp, "merged.xml")], tmp, env)
    assert merged.returncode == 1 and merged.stdout.rstrip().endswith("25 passed, 1 failed (3 shards)"), merged.stdout + merged.stderr
    assert "t07_test.lua b" in merged.stdout
    assert cases(os.path.join(tmp, "merged.xml")) == cases(os.path.join(tmp, "whole.xml"))

    missing = run(["test", "merge", outs[0], outs[2]], tmp, env)
    assert missing.returncode == 2 and "shard 2/3 missing" in missing.stderr, missing.stderr
    twice = run(["test", "merge", outs[0], outs[0], outs[1], outs[2]], tmp, env)
    assert twice.returncode == 2 and "shard 1/3 appears twice" in twice.stderr, twice.stderr

    # Adding a file moves no other file to another shard.
    write_script(suite, "added_test.lua", 'limn.test("added", function() end)\n')
    before = {k: {c for c, _ in cases(os.path.join(out, "junit.xml"))} for k, out in enumerate(outs, 1)}
    for k in range(1, n + 1):
        out = os.path.join(tmp, f"again{k}")
        run(["test", "suite", "--shard", f"{k}/{n}", "--out", out, "--junit", os.path.join(out, "junit.xml")], tmp, env)
        after = {c for c, _ in cases(os.path.join(out, "junit.xml"))}
        assert after - {"suite/added_test.lua"} == before[k], (k, sorted(after ^ before[k]))
    print(f"ok   shards: {n} shards ran all 26 cases exactly once, placed by FNV-1a of the path; merge matches the whole "
          "run's JUnit; a missing or repeated shard is refused; adding a file moved no other")


if __name__ == "__main__":
    main()
