#!/usr/bin/env python3
"""Start-up cost of the Spring Boot sample with and without Java agents.

Starts target/spring-boot-sample.jar in each configuration, interleaved (run 1 of every configuration, then
run 2, ...) so that machine noise hits all alike, and measures until the first HTTP answer on a free port:
wall time, the process's CPU time (user+sys from /proc/<pid>/stat: far less sensitive to a loaded machine
than wall time), Spring's own "Started ... in N seconds" and peak RSS. Prints medians and ranges. Linux only.

Usage, from the repository root after `mvn -B -q -pl samples/spring-boot -am package -DskipTests`:
  python3 samples/spring-boot/startup-benchmark.py [runs] [name=jvm-args ...]
Without configurations it compares no agent, this agent and (if in ~/.m2) OpenTelemetry's agent 2.33.0.
A configuration is a name and space-separated JVM options, e.g. before=-javaagent:/tmp/old-agent.jar
"""
import os, re, signal, socket, statistics, subprocess, sys, time, urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLE = os.path.join(ROOT, "samples", "spring-boot")
OTEL = os.path.expanduser("~/.m2/repository/io/opentelemetry/javaagent/opentelemetry-javaagent/2.33.0/"
                          "opentelemetry-javaagent-2.33.0.jar")


def configurations(args):
    if args:
        return {name: options.split() for name, options in (arg.split("=", 1) for arg in args)}
    found = {"no agent": [], "cache-invalidation-agent":
             ["-javaagent:" + os.path.join(ROOT, "agent", "target", "cache-invalidation-agent.jar")]}
    if os.path.isfile(OTEL):
        found["opentelemetry-javaagent"] = ["-javaagent:" + OTEL, "-Dotel.traces.exporter=none",
                                            "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none"]
    return found


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_once(options):
    """Wall s, CPU s, Spring's start-up s and peak RSS MiB until the first HTTP answer."""
    port = free_port()
    command = ["java", *options, "-jar", "target/spring-boot-sample.jar", f"--server.port={port}",
               "--server.address=127.0.0.1"]
    log_path = os.path.join(SAMPLE, "target", "startup-benchmark.log")
    with open(log_path, "w") as log:
        began = time.monotonic()
        process = subprocess.Popen(command, cwd=SAMPLE, stdout=log, stderr=subprocess.STDOUT)
        try:
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/caches", timeout=2).read()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() - began > 300:
                        raise SystemExit(f"{' '.join(command)} did not start; see {log_path}")
                    time.sleep(0.05)
            wall = time.monotonic() - began
            # Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime and stime, in ticks.
            stat = open(f"/proc/{process.pid}/stat").read().rsplit(")", 1)[1].split()
            cpu = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
            peak = next(int(line.split()[1]) // 1024 for line in open(f"/proc/{process.pid}/status")
                        if line.startswith("VmHWM"))
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
    started = re.search(r"Started \S+ in ([\d.]+) seconds", open(log_path).read())
    return wall, cpu, float(started.group(1)) if started else float("nan"), peak


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    chosen = configurations(sys.argv[2:])
    results = {name: [] for name in chosen}
    for run in range(-1, runs):  # run -1 warms the file cache and is discarded
        for name, options in chosen.items():
            figures = start_once(options)
            print(f"run {run} {name}: wall {figures[0]:.2f} s, cpu {figures[1]:.2f} s, "
                  f"Spring {figures[2]:.2f} s, peak {figures[3]} MiB", file=sys.stderr, flush=True)
            if run >= 0:
                results[name].append(figures)
    print(f"{'configuration (' + str(runs) + ' runs)':28} {'wall s':>7} {'range':>13} {'cpu s':>7} {'range':>13}"
          f" {'Spring s':>9} {'peak MiB':>9}")
    for name, rows in results.items():
        wall, cpu, spring, peak = (sorted(column) for column in zip(*rows))
        print(f"{name:28} {statistics.median(wall):7.2f} {wall[0]:6.2f}-{wall[-1]:6.2f} "
              f"{statistics.median(cpu):7.2f} {cpu[0]:6.2f}-{cpu[-1]:6.2f} {statistics.median(spring):9.2f} "
              f"{statistics.median(peak):9.0f}")


if __name__ == "__main__":
    main()
