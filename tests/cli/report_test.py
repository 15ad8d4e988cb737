"""The HTML report, checked in headless Chromium: `limn test --html` on a suite with passing,
failing and skipped tests, an edit chain and a prompt carrying <script>; the page loads from
file:// with no console error and no network, every thumbnail decodes (naturalWidth > 0), the
counts match the JUnit file of the same run, the filter hides rows that do not match, and the
injected markup shows as text without running. `limn run --report` writes one row per call.
LIMN_REPORT_SCREENSHOT=PATH keeps a screenshot (docs/report.png is one)."""
import os, subprocess, sys, xml.etree.ElementTree as ET
from cli_support import ROOT, limn, tempdir, write_script

VENV_PYTHON = os.path.join(ROOT, ".build", "py", "bin", "python")
try:
    from playwright.sync_api import sync_playwright
except ImportError:
    if os.path.exists(VENV_PYTHON) and os.path.realpath(sys.prefix) != os.path.realpath(os.path.join(ROOT, ".build", "py")):
        os.execv(VENV_PYTHON, [VENV_PYTHON] + sys.argv)
    print("skip report: Playwright for Python is not installed (scripts/setup-browser.sh installs it)")
    sys.exit(0)

EVIL = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"
SUITE = """
limn.test("a cat and its watercolor", function()
  local cat = generate{ "a ginger cat on a windowsill", size = "256x256" }
  save(cat, "cat.png")
  local wc = edit{ image = cat, prompt = "watercolor" }
  assert(wc.width == 256)
end)
limn.test("hostile prompt is shown as text", function()
  generate{ [[EVIL]], size = "128x128" }
end)
limn.test("a failing expectation", function()
  local img = generate{ "a blue square", size = "64x64" }
  assert(img.width == 65, "expected width 65, got " .. img.width)
end)
limn.test("skipped for now", function() limn.skip("not ready") end)
""".replace("EVIL", EVIL)


def main():
    tmp = tempdir()
    suite = os.path.join(tmp, "suite")
    os.makedirs(suite)
    write_script(suite, "report_test.lua", SUITE)
    out = os.path.join(tmp, "out")
    report, junit = os.path.join(tmp, "report.html"), os.path.join(tmp, "junit.xml")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
    env["LIMN_HOME"] = os.path.join(tmp, "home")
    p = subprocess.run([limn(), "test", suite, "--out", out, "--html", report, "--junit", junit], env=env,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 1, p.stdout + p.stderr
    assert os.path.isfile(report), p.stderr
    with open(report) as f:
        html = f.read()
    assert "window.__pwned = 1</script>" not in html and "&lt;script&gt;window.__pwned" in html
    suites = ET.parse(junit).getroot()
    want = {"tests": int(suites.get("tests")), "failed": int(suites.get("failures")), "skipped": int(suites.get("skipped", 0))}

    run_report = os.path.join(tmp, "run", "calls.html")
    recipe = write_script(tmp, "recipe.lua", 'local a = generate{ "a red fox", size = "96x96" }\n'
                                             'edit{ image = a, prompt = "sepia" }\n')
    r = subprocess.run([limn(), "run", recipe, "--out", os.path.join(tmp, "run"), "--report", run_report], env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and os.path.isfile(run_report), r.stderr

    # Two shards, each with its own report, merged into one.
    write_script(suite, "second_test.lua", 'limn.test("second file", function() generate{ "a green leaf", size = "80x80" } end)\n')
    shard_outs = [os.path.join(tmp, f"shard{k}") for k in (1, 2)]
    for k, shard_out in enumerate(shard_outs, 1):
        q = subprocess.run([limn(), "test", suite, "--shard", f"{k}/2", "--out", shard_out, "--html",
                            os.path.join(shard_out, "report.html")], env=env, capture_output=True, text=True, timeout=300)
        assert q.returncode in (0, 1), q.stdout + q.stderr
    merged, merged_junit = os.path.join(tmp, "merged", "report.html"), os.path.join(tmp, "merged", "junit.xml")
    os.makedirs(os.path.dirname(merged))
    m = subprocess.run([limn(), "test", "merge", *shard_outs, "--html", merged, "--junit", merged_junit], env=env,
                       capture_output=True, text=True, timeout=120)
    assert m.returncode == 1 and os.path.isfile(merged), m.stdout + m.stderr
    root = ET.parse(merged_junit).getroot()
    merged_want = {"tests": int(root.get("tests")), "failed": int(root.get("failures")), "skipped": int(root.get("skipped", 0))}
    assert merged_want["tests"] == want["tests"] + 1, merged_want

    with sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        except Exception as e:
            print(f"skip report: Chromium cannot start here ({str(e).splitlines()[0]})")
            return
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        problems, requests = [], []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("request", lambda q: requests.append(q.url))
        page.goto("file://" + report)
        page.wait_for_load_state("load")
        assert problems == [], problems
        assert all(u.startswith(("file://", "data:")) for u in requests), requests
        widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
        assert len(widths) >= 5 and all(w > 0 for w in widths), widths
        count = lambda id: int(page.inner_text(f"#count-{id}"))
        passed, failed = count("passed"), count("failed")
        skipped = count("skipped") if page.query_selector("#count-skipped") else 0
        assert (passed + failed + skipped, failed, skipped) == (want["tests"], want["failed"], want["skipped"]), \
            (passed, failed, skipped, want)
        rows = page.query_selector_all(".row")
        assert len(rows) == want["tests"], len(rows)
        assert rows[0].get_attribute("data-status") == "failed", "failures come first"
        assert page.evaluate("window.__pwned") is None, "injected markup ran"
        assert EVIL in page.inner_text("main"), "the hostile prompt is not shown as text"
        assert page.query_selector(".chain, .parent") is not None, "the edit shows its parent beside it"
        link = page.get_attribute(".row:not([hidden]) figure a", "href")
        assert link and not link.startswith(("http", "/")), link

        page.fill("#filter", "watercolor")
        visible = [r for r in page.query_selector_all(".row") if r.is_visible()]
        assert len(visible) == 1 and "a cat and its watercolor" in visible[0].inner_text(), [v.inner_text()[:60] for v in visible]
        assert page.inner_text("#shown") == f"1 of {want['tests']} shown"
        page.fill("#filter", "")
        page.check("#only-failed")
        assert len([r for r in page.query_selector_all(".row") if r.is_visible()]) == want["failed"]
        page.uncheck("#only-failed")
        shot = os.environ.get("LIMN_REPORT_SCREENSHOT")
        if shot:
            page.screenshot(path=shot, full_page=True)

        page.goto("file://" + merged)
        page.wait_for_load_state("load")
        assert problems == [], problems
        merged_widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
        assert len(merged_widths) == len(widths) + 1 and all(w > 0 for w in merged_widths), merged_widths
        assert (count("passed"), count("failed")) == (merged_want["tests"] - merged_want["failed"] - merged_want["skipped"],
                                                      merged_want["failed"]), merged_want
        assert len(page.query_selector_all(".row")) == merged_want["tests"]
        href = page.get_attribute("figure a", "href")
        assert os.path.isfile(os.path.join(os.path.dirname(merged), href)), href

        page.goto("file://" + run_report)
        page.wait_for_load_state("load")
        assert problems == [], problems
        assert len(page.query_selector_all(".row")) == 2 and count("calls") == 2
        assert all(w > 0 for w in page.eval_on_selector_all("img", "imgs => imgs.map(i => i.naturalWidth)"))
        browser.close()
    print(f"ok   report: Chromium loads the HTML report with no console error or network; {len(widths)} thumbnails decode; "
          f"counts match JUnit ({want['tests']} tests, {want['failed']} failed); the filter and failures-only hide rows; "
          "injected <script> shows as text and never runs; test merge --html joins two shards' reports; limn run --report lists its calls")


if __name__ == "__main__":
    main()
