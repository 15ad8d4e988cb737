"""Shell integration: scripts/install.sh PREFIX puts the binary, one man page per command and the
bash, zsh and fish completions under PREFIX; bash completion of `limn run` offers .lua files and
folders, of `limn test` the *_test.lua files, of --provider the presets; `limn --version` names
the Lua and codec versions.

It installs the release build, as a user gets it: the only place the suite builds and runs the
release configuration, whose link alone lays out the start-up code (Sources/limn/startup.order)."""
import os, re, shutil, subprocess
from cli_support import ROOT, tempdir


def bash_complete(completion, limn, line, cwd):
    """COMPREPLY of the installed bash completion for `limn LINE`, as bash would compute it."""
    script = f"""
source {completion}
COMP_LINE='{limn} {line}'
COMP_WORDS=($COMP_LINE)
[[ '{line}' == *' ' ]] && COMP_WORDS+=('')
COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))
COMP_POINT=${{#COMP_LINE}}
_limn '{limn}' "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    p = subprocess.run(["bash", "-c", script], cwd=cwd, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    return sorted(x for x in p.stdout.splitlines() if x)


def main():
    tmp = tempdir()
    prefix = os.path.join(tmp, "prefix")
    env = {k: v for k, v in os.environ.items() if k != "LIMN_INSTALL_CONFIG"}
    p = subprocess.run([os.path.join(ROOT, "scripts", "install.sh"), prefix], env=env, capture_output=True,
                       text=True, timeout=1800)
    assert p.returncode == 0, p.stderr[-3000:]
    limn = os.path.join(prefix, "bin", "limn")
    share = os.path.join(prefix, "share")
    bash = os.path.join(share, "bash-completion", "completions", "limn")
    zsh = os.path.join(share, "zsh", "site-functions", "_limn")
    fish = os.path.join(share, "fish", "vendor_completions.d", "limn.fish")
    for path in (limn, bash, zsh, fish):
        assert os.path.isfile(path), f"not installed: {path}"
    pages = sorted(os.listdir(os.path.join(share, "man", "man1")))
    for page in ("limn.1", "limn.run.1", "limn.test.1", "limn.test.merge.1", "limn.history.list.1"):
        assert page in pages, pages
    with open(os.path.join(share, "man", "man1", "limn.run.1")) as f:
        run_page = f.read()
    assert "sandbox" in run_page and "memory-limit" in run_page, run_page[:500]

    version = subprocess.run([limn, "--version"], capture_output=True, text=True).stdout.splitlines()
    assert re.fullmatch(r"limn \d+\.\d+\.\d+", version[0]), version
    assert re.fullmatch(r"Lua 5\.4\.\d+", version[1]), version
    for codec in ("libpng", "libjpeg-turbo", "libwebp", "giflib", "zlib"):
        assert re.search(codec + r" \d+\.\d+", version[2]), version

    # The release binary runs a recipe end to end (offline provider), and its link used the
    # start-up order: .text begins with the first function the list names.
    out = os.path.join(tmp, "out")
    run_env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
    run_env["LIMN_HOME"] = os.path.join(tmp, "home")
    r = subprocess.run([limn, "run", os.path.join(ROOT, "scripts", "recipes", "watercolor.lua"), "--out", out],
                       env=run_env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    for name in ("cat.png", "cat-watercolor.png"):
        with open(os.path.join(out, name), "rb") as f:
            assert f.read(8) == b"\x89PNG\r\n\x1a\n", f"{name} is not a PNG"
    symbols = subprocess.run(["nm", "-n", "--defined-only", limn], capture_output=True, text=True, check=True).stdout
    code = [line.split()[2] for line in symbols.splitlines() if len(line.split()) == 3 and line.split()[1] in "tT"]
    present = set(code)
    with open(os.path.join(ROOT, "Sources", "limn", "startup.order")) as f:
        listed = [name.strip() for name in f if name.strip() in present]  # the linker skips names it lacks
    assert len(listed) > 500, f"only {len(listed)} functions of startup.order are in the binary: regenerate it with scripts/order-startup.sh"
    assert code and code[0] == listed[0], f"the release link ignored startup.order: .text starts with {code[:1]}, not {listed[0]}"

    with open(zsh) as f:
        assert f.read().startswith("#compdef limn"), "zsh completion has no #compdef header"
    with open(fish) as f:
        assert "complete -c 'limn'" in f.read(), "fish completion defines no completions"
    for shell, path, check in (("zsh", zsh, ["zsh", "-n"]), ("fish", fish, ["fish", "--no-execute"])):
        if shutil.which(shell):
            c = subprocess.run(check + [path], capture_output=True, text=True)
            assert c.returncode == 0, f"{shell}: {c.stderr}"

    work = os.path.join(tmp, "work")
    for d in ("suite/deep", "recordings"):
        os.makedirs(os.path.join(work, d))
    for f in ("cat.lua", "notes.txt", "suite/x_test.lua", "suite/helper.lua", "suite/deep/y_test.lua"):
        open(os.path.join(work, f), "w").close()
    got = bash_complete(bash, limn, "run ", work)
    assert "cat.lua" in got and "suite" in got and "notes.txt" not in got, got
    assert bash_complete(bash, limn, "test suite/", work) == ["suite/deep/", "suite/x_test.lua"]
    assert bash_complete(bash, limn, "test suite/deep/", work) == ["suite/deep/y_test.lua"]
    assert bash_complete(bash, limn, "test ", work) == ["suite/"], "recordings/ and plain files are not offered"
    assert bash_complete(bash, limn, "run --provider o", work) == ["offline", "openai"]
    assert "history" in bash_complete(bash, limn, "h", work)
    print("ok   install: release binary, 12 man pages, bash/zsh/fish completions under PREFIX; bash completes .lua files "
          "for run, *_test.lua for test, presets for --provider; --version names Lua and the codecs; the binary runs "
          "a recipe offline and was linked in start-up order")


if __name__ == "__main__":
    main()
