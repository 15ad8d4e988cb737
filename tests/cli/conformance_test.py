"""Plain Lua stays plain: each program in tests/conformance prints, under `limn run`, exactly
what it prints under lua5.4 (line by line; table and function addresses blanked)."""
import glob, os, re, subprocess, sys
from cli_support import ROOT, limn, tempdir

def main():
    folder = os.path.join(ROOT, "tests", "conformance")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
    env["LIMN_HOME"] = tempdir()
    blank = lambda text: [re.sub(r"0x[0-9a-f]+", "ADDR", line) for line in text.splitlines()]
    programs = sorted(glob.glob(os.path.join(folder, "*.lua")))
    assert programs, "no conformance programs"
    failed = False
    for path in programs:
        name = os.path.basename(path)
        want = subprocess.run(["lua5.4", name, "a", "b"], cwd=folder, capture_output=True, text=True, timeout=60)
        got = subprocess.run([limn(), "run", name, "-q", "--no-history", "--", "a", "b"], cwd=folder, env=env,
                             capture_output=True, text=True, timeout=60)
        w, g = blank(want.stdout), blank(got.stdout)
        if w != g or want.returncode != got.returncode:
            failed = True
            for i in range(max(len(w), len(g))):
                a, b = (w[i] if i < len(w) else "<none>"), (g[i] if i < len(g) else "<none>")
                if a != b:
                    print(f"FAIL {name} line {i + 1}:\n  lua5.4: {a}\n  limn:   {b}")
                    break
            else:
                print(f"FAIL {name}: exit {want.returncode} vs {got.returncode}: {got.stderr.strip()[:200]}")
    if failed:
        sys.exit(1)
    print(f"ok conformance: {len(programs)} plain-Lua programs print the same under limn run and lua5.4")

main()
