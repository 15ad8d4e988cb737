"""docs/lua-api.md and docs/limn.d.lua are what `limn docs` derives from the binding declarations."""
import os, subprocess
from cli_support import ROOT, limn


def main():
    for args, path in ((["docs"], "docs/lua-api.md"), (["docs", "--stub"], "docs/limn.d.lua")):
        out = subprocess.run([limn(), *args], capture_output=True, text=True, check=True).stdout
        with open(os.path.join(ROOT, path)) as f:
            assert f.read() == out, f"{path} is stale: run `limn {' '.join(args)} > {path}`"
    print("ok   docs: the committed reference and LuaCATS stub match the binding declarations")


if __name__ == "__main__":
    main()
