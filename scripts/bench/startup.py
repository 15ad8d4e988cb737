#!/usr/bin/env python3
"""Start-up benchmark: wall time, CPU and peak RSS of `limn run` on an empty recipe (with the
default settings, and with --no-history as the other benchmarks run) and of `limn --version`,
beside `lua5.4 -e ''` and an empty Swift program linked like limn (static Swift runtime and
Foundation), the floor a Swift executable starts from.

Each command runs --runs times, interleaved; the table prints medians. Wall and CPU come from
spawning the command directly. Peak RSS comes from a second run under /usr/bin/time: Linux
keeps a process's high-water mark across exec, so a child of this Python process would report
Python's 15 MB as its own floor, where /usr/bin/time's forked child starts from 2 MB.

    scripts/bench/startup.py
    scripts/bench/startup.py --runs 50
    scripts/bench/startup.py --baseline /tmp/limn-before   # A/B against an earlier build
"""
import argparse, os, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from concurrency import ROOT, build  # noqa: E402


def swift_floor(folder):
    source = os.path.join(folder, "main.swift")
    with open(source, "w") as f:
        f.write('import Foundation\nprint(ProcessInfo.processInfo.environment.isEmpty ? "" : "ok")\n')
    binary = os.path.join(folder, "floor")
    subprocess.run(["swiftc", "-O", "-static-stdlib", source, "-o", binary], check=True, stderr=subprocess.DEVNULL)
    return binary


def measure(argv, env, report):
    started = time.perf_counter()
    with open(os.devnull, "wb") as null:
        pid = os.posix_spawnp(argv[0], argv, env, file_actions=[(os.POSIX_SPAWN_DUP2, null.fileno(), 1)])
        _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed with {os.waitstatus_to_exitcode(status)}")
    subprocess.run(["/usr/bin/time", "-o", report, "-f", "%M"] + argv, env=env, check=True, stdout=subprocess.DEVNULL)
    with open(report) as f:
        rss = int(f.read().split()[-1]) / 1024
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000, rss


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--baseline", metavar="LIMN", help="another limn binary to measure in the same run, interleaved")
    args = parser.parse_args()
    limn, _ = build()
    work = tempfile.mkdtemp(prefix="limn-startup-")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
    env["LIMN_HOME"] = os.path.join(work, "home")
    empty = os.path.join(ROOT, "scripts/bench/empty.lua")

    def limn_commands(binary, label):
        return [
            (f"{label} run empty.lua", [binary, "run", empty, "--quiet"]),
            (f"{label} run --no-history", [binary, "run", empty, "--quiet", "--no-history"]),
            (f"{label} --version", [binary, "--version"]),
        ]

    commands = limn_commands(limn, "limn")
    if args.baseline:
        commands += limn_commands(os.path.abspath(args.baseline), "baseline")
    commands += [
        ("lua5.4 -e ''", ["lua5.4", "-e", ""]),
        ("empty Swift program", [swift_floor(work)]),
    ]
    rows = {name: [] for name, _ in commands}
    report = os.path.join(work, "time.txt")
    for name, argv in commands:
        measure(argv, env, report)  # warm the page cache
    for _ in range(args.runs):
        for name, argv in commands:
            rows[name].append(measure(argv, env, report))
    print(f"{'command':<26} {'wall ms':>8} {'CPU ms':>8} {'peak RSS MB':>12}   (median of {args.runs})")
    for name, _ in commands:
        wall, cpu, rss = (statistics.median(r[i] for r in rows[name]) for i in range(3))
        print(f"{name:<26} {wall:>8.1f} {cpu:>8.1f} {rss:>12.1f}")


if __name__ == "__main__":
    main()
