#!/usr/bin/env python3
"""make bench: every comparison of BENCHMARKS.md in one run, each reference measured side by
side with runbook on this machine, printed as a table of medians and ratios.

Benchmarks print figures; they are not tests and never run in CI. Whole-process timings come
from hyperfine (warm-up runs, then several, medians); peak memory from GNU time.
"""
import json
import os
import pathlib
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import workloads

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
WORK = REPOSITORY / ".build" / "bench"
TOOLS = {"hyperfine": "hyperfine", "pandoc": "pandoc", "hugo": "hugo", "cmark-gfm": "cmark-gfm", "curl": "curl"}
CALLBACK = "https://api.uk-1.veritone.com/v1/admin/openid/0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11/login"
EPOCH = {"SOURCE_DATE_EPOCH": "1764374400"}


def run(command, **options):
    return subprocess.run(command, check=True, text=True, capture_output=True, **options)


def ensure_tools():
    missing = [package for command, package in TOOLS.items() if not shutil.which(command)]
    if missing:
        print("Installing %s from Debian" % " ".join(missing), file=sys.stderr)
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq"] + missing, check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def hyperfine(commands, runs, warmup, prepare=None, environment=None):
    """Median wall time, in seconds, of each command."""
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        arguments = ["hyperfine", "-N", "--style", "none", "--output", "null", "--warmup", str(warmup),
                     "--runs", str(runs), "--export-json", export.name]
        if prepare:
            arguments += ["--prepare", prepare]
        run(arguments + commands, env=dict(os.environ, **(environment or {})))
        results = json.load(open(export.name))["results"]
    return [result["median"] for result in results]


def peak_memory(command, environment=None):
    """The largest resident set of the command, in kilobytes (GNU time's %M)."""
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, capture_output=True, text=True,
                            env=dict(os.environ, **(environment or {})))
    return int(result.stderr.strip().splitlines()[-1])


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def version(command):
    output = subprocess.run(command, capture_output=True, text=True).stdout or ""
    return output.strip().splitlines()[0] if output.strip() else "?"


def main():
    jobs = os.cpu_count() or 1
    ensure_tools()
    run(["make", "build"], cwd=REPOSITORY)
    binary = run(["swift", "build", "-c", "release", "--static-swift-stdlib", "-Xswiftc", "-Xclang-linker",
                  "-Xswiftc", "-no-pie", "--show-bin-path"], cwd=REPOSITORY).stdout.strip() + "/runbook"
    workloads.generate(WORK, binary, REPOSITORY, jobs)
    cmark_throughput = WORK / "cmark_throughput"
    run(["cc", "-O2", "-o", str(cmark_throughput), str(REPOSITORY / "Benchmarks" / "cmark_throughput.c")]
        + run(["pkg-config", "--cflags", "--libs", "libcmark-gfm"]).stdout.split())
    rows = []
    scratch = WORK / "scratch"

    # 1. One runbook, Markdown and HTML, whole process.
    markdown = str(WORK / "runbook.md")
    ours, cmark, pandoc = hyperfine([
        "%s render %s --format md,html --output %s/one" % (binary, CALLBACK, scratch),
        "cmark-gfm --validate-utf8 -e table -e tasklist -e strikethrough -e autolink -e tagfilter %s" % markdown,
        "pandoc -f gfm -t html %s" % markdown,
    ], runs=40, warmup=5, environment=EPOCH)
    rows.append(("one runbook, md + html, whole process", ours, "cmark-gfm", cmark, 3.0, "<="))
    rows.append(("", ours, "pandoc", pandoc, 0.1, "<="))

    # 2. 10,000 tenants from a CSV against Hugo building the same 10,000 pages.
    batch, hugo = hyperfine([
        "%s render --tenants %s/tenants-10000.csv --format md,html --quiet --jobs %d --output %s/batch"
        % (binary, WORK, jobs, scratch),
        "hugo --quiet -s %s/hugo-10000 -d %s/hugo-public" % (WORK, scratch),
    ], runs=3, warmup=1, prepare="rm -rf %s/batch %s/hugo-public" % (scratch, scratch), environment=EPOCH)
    rows.append(("10,000 tenants, md + html, --jobs %d" % jobs, batch, "hugo", hugo, 0.5, "<="))

    # 3. The same batch's rows per second against cmark-gfm's own, in one process, on the same bytes.
    # cmark-gfm's rate is measured in memory, so the batch writes to tmpfs where there is one: on
    # a virtual disk the kernel's file work, not rendering, decides a batch's time (BENCHMARKS.md).
    bodies = "\n".join(str(path) for path in sorted((WORK / "bodies-10000").iterdir())) + "\n"
    cmark_rate = max(json.loads(run([str(cmark_throughput)], input=bodies).stdout)["documents_per_second"]
                     for _ in range(3))
    memory_folder = pathlib.Path("/dev/shm")
    if memory_folder.is_dir() and os.access(memory_folder, os.W_OK):
        output = memory_folder / "runbook-bench"
        [in_memory] = hyperfine(["%s render --tenants %s/tenants-10000.csv --format md,html --quiet --jobs %d --output %s"
                                 % (binary, WORK, jobs, output)], runs=3, warmup=1, prepare="rm -rf %s" % output,
                                environment=EPOCH)
        shutil.rmtree(output, ignore_errors=True)
        label, ours_rate = "the same batch to tmpfs, rows/s (higher is better)", 10000 / in_memory
    else:
        label, ours_rate = "the same batch, rows/s (higher is better)", 10000 / batch
    rows.append((label, ours_rate, "cmark-gfm in-process docs/s", cmark_rate, 0.6, ">="))

    # 4. Peak memory of one process for 1,000 and 10,000 tenants.
    memory = {}
    for count in (1000, 10000):
        shutil.rmtree(scratch / "memory", ignore_errors=True)
        memory[count] = peak_memory([binary, "render", "--tenants", "%s/tenants-%d.csv" % (WORK, count), "--format",
                                     "md,html", "--quiet", "--jobs", "1", "--output", str(scratch / "memory")], EPOCH)
    rows.append(("peak memory, 10,000 vs 1,000 tenants (KB)", memory[10000], "1,000 tenants", memory[1000], 1.1, "<"))

    # 5. runbook verify against scim2-server, against the same requests as separate curl calls.
    scim2 = REPOSITORY / ".venv" / "bin" / "scim2-server"
    if not scim2.exists():
        run(["make", ".venv/.installed"], cwd=REPOSITORY)
    port, token = free_port(), "bench-token"
    server = subprocess.Popen([str(scim2), "--hostname", "127.0.0.1", "--port", str(port), "--bearer-token", token],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        base = "http://127.0.0.1:%d/v2" % port
        verify, curl = hyperfine([
            "%s verify --allow-http-loopback %s" % (binary, base),
            "sh %s %s %s" % (REPOSITORY / "Benchmarks" / "curl_checks.sh", base, token),
        ], runs=20, warmup=3, environment={"AIWARE_SCIM_TOKEN": token})
        # The rehearsal adds Entra's first cycle on one user: 16 requests, 6 of them writes.
        email = "bench+rehearsal@contoso.example"
        rehearse, curl_rehearse = hyperfine([
            "%s verify --allow-http-loopback --rehearse %s %s" % (binary, email, base),
            "sh %s %s %s %s" % (REPOSITORY / "Benchmarks" / "curl_rehearsal.sh", base, token, email),
        ], runs=20, warmup=3, environment={"AIWARE_SCIM_TOKEN": token})
    finally:
        server.kill()
    rows.append(("verify, all read-only checks, loopback", verify, "the same 8 requests with curl", curl, 1.0, "<="))
    rows.append(("verify --rehearse, loopback", rehearse, "the same 24 requests with curl", curl_rehearse, 1.0, "<="))

    # 6. The docs site plus 1,000 tenant pages, against Hugo on the same pages.
    site, hugo_site = hyperfine([
        "%s site --source %s/Site --output %s/site --tenants %s/tenants-1000.csv --jobs %d" % (binary, REPOSITORY, scratch, WORK, jobs),
        "hugo --quiet -s %s/hugo-site-1000 -d %s/hugo-site" % (WORK, scratch),
    ], runs=5, warmup=1, prepare="rm -rf %s/site %s/hugo-site" % (scratch, scratch), environment=EPOCH)
    rows.append(("docs site + 1,000 tenant pages, --jobs %d" % jobs, site, "hugo", hugo_site, 0.5, "<="))

    print_table(rows, jobs)


def describe(value, label):
    if "KB" in label:
        return "%d KB" % value
    if "/s" in label:
        return "%.0f/s" % value
    return "%.1f ms" % (value * 1000) if value < 1 else "%.2f s" % value


def print_table(rows, jobs):
    header = "| workload | runbook | reference | reference's | ratio | target | met |"
    lines = [header, "| --- | ---: | --- | ---: | ---: | --- | --- |"]
    for workload, ours, reference, theirs, target, relation in rows:
        label = workload or reference
        ratio = ours / theirs
        met = ratio <= target if relation == "<=" else (ratio >= target if relation == ">=" else ratio < target)
        lines.append("| %s | %s | %s | %s | %.2f× | %s %.2f× | %s |" % (
            workload, describe(ours, label), reference, describe(theirs, label), ratio, relation, target,
            "yes" if met else "**no**"))
    machine = "%s, %d cores, %s" % (platform.platform(), jobs, version(["uname", "-r"]))
    versions = ", ".join([version(["swift", "--version"]), version(["cmark-gfm", "--version"]),
                          version(["pandoc", "--version"]), version(["hugo", "version"]), version(["hyperfine", "--version"]),
                          version(["curl", "--version"])])
    text = "\n".join(lines) + "\n\nMachine: %s\nTools: %s\n" % (machine, versions)
    print(text)
    (WORK / "results.md").write_text(text)


if __name__ == "__main__":
    main()
