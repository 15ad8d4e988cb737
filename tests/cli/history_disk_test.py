"""History that does not eat the disk: offline images keep their rows but no bodies unless
[history] offline = true; `limn history du` counts them; `limn history prune --max-size`,
`--older-than` and `--dry-run` remove the oldest bodies and keep every call; the limn.toml
max_size applies when a run ends."""
import json, os, subprocess
from cli_support import limn, tempdir, write_script

WORDS = '{ "red cat", "green dog", "blue fish", "yellow bird", "purple horse", "orange fox", "black owl", "white bear" }'
RECIPE = f"""
for i, w in ipairs({WORDS}) do
  if i <= 6 then generate{{ "a " .. w .. " " .. (limn.args[1] or ""), size = "256x256" }} end
end
"""


def main():
    tmp = tempdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
    env["LIMN_HOME"] = home = os.path.join(tmp, "home")
    run = lambda *args, cwd=tmp: subprocess.run([limn(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    du = lambda: json.loads(run("history", "du", "--json").stdout)

    plain = os.path.join(tmp, "plain")
    os.makedirs(plain)
    script = write_script(plain, "disk.lua", RECIPE)
    assert run("run", script, "-q").returncode == 0
    u = du()
    assert (u["calls"], u["stored_images"], u["pruned_images"], u["stored_bytes"]) == (6, 0, 6, 0), u
    assert not os.path.exists(os.path.join(home, "images")) or not any(
        files for _, _, files in os.walk(os.path.join(home, "images"))), "an offline image body was stored"
    show = run("history", "show", "1")
    assert "not stored" in show.stdout, show.stdout

    kept = os.path.join(tmp, "kept")
    os.makedirs(kept)
    write_script(kept, "limn.toml", "[history]\noffline = true\n")
    script = write_script(kept, "disk.lua", RECIPE)
    assert run("run", script, "-q", "--", "kept").returncode == 0
    u = du()
    assert u["calls"] == 12 and u["stored_images"] == 6 and u["stored_bytes"] > 0, u
    cap = u["stored_bytes"] // 2
    dry = run("history", "prune", "--max-size", str(cap), "--dry-run")
    would = int(dry.stdout.split()[2])
    assert dry.returncode == 0 and dry.stdout.startswith("would prune") and 0 < would < 6, dry.stdout + dry.stderr
    assert du()["stored_images"] == 6
    p = run("history", "prune", "--max-size", str(cap))
    assert p.stdout.startswith(f"pruned {would} image"), p.stdout + p.stderr
    u = du()
    assert u["stored_images"] == 6 - would and u["stored_bytes"] <= cap and u["calls"] == 12, u
    assert run("history", "prune", "--older-than", "0s").stdout.startswith(f"pruned {6 - would} image")
    assert du()["stored_images"] == 0
    listed = run("history", "--limit", "100").stdout.splitlines()
    assert len(listed) == 12, listed

    # The limn.toml cap applies at the end of the run (1M keeps only the newest few).
    capped = os.path.join(tmp, "capped")
    os.makedirs(capped)
    write_script(capped, "limn.toml", '[history]\noffline = true\nmax_size = "1M"\n')
    big = write_script(capped, "big.lua", f'for _, w in ipairs({WORDS}) do generate{{ "a big " .. w, size = "1024x1024" }} end\n')
    assert run("run", big, "-q").returncode == 0
    u = du()
    assert 0 < u["stored_bytes"] <= 1 << 20 and u["stored_images"] < 8 and u["calls"] == 20, u
    print(f"ok   history disk: offline images keep rows only ({u['pruned_images']} pruned rows), du counts them, prune "
          "--max-size/--older-than/--dry-run remove the oldest bodies and keep every call, max_size applies at run end")


if __name__ == "__main__":
    main()
