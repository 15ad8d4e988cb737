"""`limn test` on a folder with one failing case: the case's file:line, `N passed, 1 failed`,
exit 1, and a JUnit file that parses."""
import os, subprocess, xml.etree.ElementTree as ET
from cli_support import limn, tempdir, write_script

CASES = """
limn.test("passes", function() assert(1 + 1 == 2) end)
limn.test("fails <here> & there", function()
  local img = generate{ "a red square on a white background", size = "32x32" }
  limn.assert_image(img, { size = "64x64" })
end)
limn.test("skips", function() limn.skip("not today") end)
"""


def main():
    tmp = tempdir()
    folder = os.path.join(tmp, "suite")
    os.makedirs(folder)
    write_script(folder, "sample_test.lua", CASES)
    write_script(folder, "other_test.lua", 'limn.test("also passes", function() assert(true) end)\n')
    junit = os.path.join(tmp, "junit.xml")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
    env["LIMN_HOME"] = os.path.join(tmp, "home")
    p = subprocess.run([limn(), "test", folder, "--junit", junit], env=env, capture_output=True, text=True, timeout=120)
    assert p.returncode == 1, f"exit {p.returncode}\n{p.stdout}{p.stderr}"
    lines = p.stdout.rstrip().splitlines()
    assert lines[-1] == "2 passed, 1 failed, 1 skipped", lines[-1]
    assert "sample_test.lua:5:" in p.stdout, p.stdout  # the failing assertion's file:line
    root = ET.parse(junit).getroot()
    assert root.tag == "testsuites" and root.get("failures") == "1" and root.get("tests") == "4", ET.tostring(root)[:300]
    failed = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert len(failed) == 1 and failed[0].get("name") == "fails <here> & there"
    print("ok   limn test: file:line of the failure, '2 passed, 1 failed, 1 skipped', exit 1, JUnit parses")


if __name__ == "__main__":
    main()
