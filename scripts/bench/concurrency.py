#!/usr/bin/env python3
"""Concurrency benchmark: N generations at concurrency C against the fake router with latency L.

Prints the makespan (measured inside the recipe around limn.map), the ideal ceil(N/C)*L,
their ratio, and limn's peak resident memory (wait4 rusage of the limn process alone); then,
side by side, the ratio the same N requests reach with curl as the client ("curl ratio": C curl
processes, each sending its share over one kept-alive connection and discarding the answers):
what the fake router and the loopback transfer cost without limn, and limn's makespan over
curl's ("vs curl"). "CPU ms/image" is limn's user+sys time per image, less that of an empty
recipe run the same way (start-up): receiving, parsing, decoding, validating and hashing.

    scripts/bench/concurrency.py                      # the two standard settings
    scripts/bench/concurrency.py --n 64 --c 8 --latency-ms 500
"""
import argparse, math, os, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def build():
    subprocess.run(["scripts/setup.sh"], cwd=ROOT, check=True)
    print("building release binaries (the first build takes several minutes)...", file=sys.stderr)
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--show-bin-path"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    return os.path.join(out, "limn"), os.path.join(out, "limn-fake-router")


def run_once(limn, router_bin, n, c, latency_ms, size, noise):
    args = [router_bin, "--latency-ms", str(latency_ms), "--image-size", size]
    if noise:
        args.append("--noise")
    router = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    try:
        base = router.stdout.readline().strip()
        if not base.startswith("http"):
            raise SystemExit(f"the fake router did not start: {base!r}")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
        env.update(LIMN_BASE_URL=base, LIMN_API_KEY="bench-key-not-secret", LIMN_HOME=os.path.join(ROOT, ".build", "bench-home"))
        cmd = [limn, "run", os.path.join(ROOT, "scripts/bench/concurrency.lua"), "--quiet", "--no-history",
               "--concurrency", str(c), "--", str(n), str(c), size]
        started = time.monotonic()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - started
        out, err = proc.stdout.read(), proc.stderr.read()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"limn failed ({os.waitstatus_to_exitcode(status)}):\n{out}\n{err}")
        fields = dict(kv.split("=") for kv in out.split())
        cpu = usage.ru_utime + usage.ru_stime
        empty = subprocess.Popen([limn, "run", os.path.join(ROOT, "scripts/bench/empty.lua"), "--quiet", "--no-history"],
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, empty_usage = os.wait4(empty.pid, 0)
        per_image = (cpu - empty_usage.ru_utime - empty_usage.ru_stime) / n
        baseline = curl_baseline(base, n, c, size)
        return float(fields["makespan"]), int(fields["mean_bytes"]), usage.ru_maxrss / 1024.0, baseline, per_image
    finally:
        router.terminate()
        router.wait()


def curl_baseline(base, n, c, size):
    """The same N requests at concurrency C with curl as the client, which reads each answer and
    throws it away: what the fake router and loopback alone cost. C curl processes, each sending
    its share one after another over one kept-alive connection, as limn.map's C workers do."""
    body = '{"model":"gpt-image-1","prompt":"baseline","size":"%s"}' % size
    one = ["-s", "-o", "/dev/null", "-H", "Content-Type: application/json", "-H", "Authorization: Bearer bench",
           "--data", body, f"{base}/images/generations"]
    shares = [n // c + (1 if k < n % c else 0) for k in range(c)]
    started = time.monotonic()
    workers = []
    for share in shares:
        if share == 0:
            continue
        argv = ["curl"] + one
        for _ in range(share - 1):
            argv += ["--next"] + one
        workers.append(subprocess.Popen(argv))
    for w in workers:
        if w.wait() != 0:
            raise SystemExit(f"curl failed with {w.returncode}")
    return time.monotonic() - started


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int)
    ap.add_argument("--c", type=int)
    ap.add_argument("--latency-ms", type=int)
    ap.add_argument("--size", default="1024x1024")
    ap.add_argument("--no-noise", action="store_true", help="compressible images instead of ~4 MB noise")
    ap.add_argument("--runs", type=int, default=1)
    a = ap.parse_args()
    settings = [(a.n, a.c, a.latency_ms)] if a.n else [(64, 8, 500), (64, 1, 100)]
    limn, router = build()
    print(f"{'N':>4} {'C':>3} {'L ms':>5} {'makespan s':>11} {'ideal s':>8} {'ratio':>6} {'peak RSS MB':>12} {'image MB':>9} "
          f"{'curl ratio':>11} {'vs curl':>8} {'CPU ms/image':>13}")
    for n, c, l in settings:
        for _ in range(a.runs):
            makespan, mean_bytes, rss, baseline, per_image = run_once(limn, router, n, c, l, a.size, not a.no_noise)
            ideal = math.ceil(n / c) * l / 1000.0
            print(f"{n:>4} {c:>3} {l:>5} {makespan:>11.3f} {ideal:>8.3f} {makespan / ideal:>6.3f} {rss:>12.1f} "
                  f"{mean_bytes / 1e6:>9.2f} {baseline / ideal:>11.3f} {makespan / baseline:>8.3f} {per_image * 1000:>13.1f}")


if __name__ == "__main__":
    main()
