"""What a batch does when its disk fills or a worker process dies: the two failures it cannot prevent.

A batch that fills its disk stops, in one process and with workers alike, and leaves only whole files.

A write that fails is about the output folder, not the row: every later row would fail the same
way. So the batch stops with exit status 2 and one `error[cannot-write]` line that says to free
space, whether the row was written here (`--jobs 1`) or by a worker (`--jobs 3`); it writes no
manifest, leaves no temporary file, and every runbook it did write is whole. The rerun, with room,
finishes with the same bytes as a run that never ran out.

The disk is a real 2 MiB tmpfs, mounted in a mount namespace of the test's own (`unshare`, from
util-linux), so no privilege is needed and nothing outside the test sees it.

A worker killed mid-batch costs the rows it held, each reported as `worker-exited`, and no more: the
other workers render the rest, byte for byte as one process would.
"""
import json
import signal
import time
import os
import pathlib
import re
import subprocess

import pytest

from conftest import RUNBOOK

ROWS = 40
ENVIRONMENT = dict(os.environ, SOURCE_DATE_EPOCH="1764374400")
# Fills a tmpfs mounted on $1, then keeps what the batch wrote in $5, as the mount ends with the shell.
IN_A_SMALL_DISK = 'mount -t tmpfs -o size=2m tmpfs "$1" && cd "$1" && "$2" render --tenants "$3" ' \
                  '--format md,html --jobs "$4" --output out; status=$?; cp -a out "$5"; exit $status'
STOPPED = re.compile(
    r"error\[cannot-write\]: cannot (write out/[0-9a-f-]{36}/runbook\.(md|html)|create the folder out/[0-9a-f-]{36}): "
    r"no space left on device\. Free some space there or choose another --output folder, and run again: "
    r"what was written is kept, and written again the same\.")


WORKER_LIST_ROWS = 1_000


def tree(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def batch(tenants, output, jobs):
    return [str(RUNBOOK), "render", "--tenants", str(tenants), "--format", "md,html", "--jobs", jobs,
            "--output", str(output)]


@pytest.fixture(scope="module")
def tenants(tmp_path_factory):
    folder = tmp_path_factory.mktemp("full-disk")
    tenants = folder / "tenants.csv"
    tenants.write_text("region,tenant_id,customer\n" + "".join(
        "us-1,%08x-0000-4000-8000-%012x,Customer %d\n" % (n, n, n) for n in range(1, ROWS + 1)))
    subprocess.run(batch(tenants, folder / "reference", "1"), env=ENVIRONMENT, check=True, capture_output=True)
    return tenants, tree(folder / "reference")


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_a_full_disk_stops_the_batch_and_leaves_only_whole_files(tmp_path, tenants, jobs):
    tenant_list, reference = tenants
    disk, kept = tmp_path / "disk", tmp_path / "kept"
    disk.mkdir()
    result = subprocess.run(
        ["unshare", "--map-root-user", "--mount", "sh", "-c", IN_A_SMALL_DISK, "sh",
         str(disk), str(RUNBOOK), str(tenant_list), jobs, str(kept)],
        env=ENVIRONMENT, capture_output=True, text=True, timeout=300)

    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert STOPPED.fullmatch(result.stderr.rstrip("\n")), result.stderr
    written = tree(kept)
    assert "manifest.json" not in written
    assert not [path for path in written if ".tmp-" in path], "a temporary file was left behind"
    assert 2 <= len(written) < len(reference) - 1, "the disk held some runbooks, not all"
    for path, data in written.items():
        assert data == reference[path], f"{path} is not the whole runbook"

    rerun = subprocess.run(batch(tenant_list, kept, jobs), env=ENVIRONMENT, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert tree(kept) == reference


def workers_of(batch_pid):
    children = pathlib.Path(f"/proc/{batch_pid}/task/{batch_pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def test_a_worker_killed_mid_batch_fails_only_the_rows_it_held(tmp_path):
    tenants = tmp_path / "tenants.csv"
    tenants.write_text("region,tenant_id,customer\n" + "".join(
        "us-1,%08x-0000-4000-8000-%012x,Customer %d\n" % (n, n, n) for n in range(1, WORKER_LIST_ROWS + 1)))
    subprocess.run(batch(tenants, tmp_path / "reference", "3"), env=ENVIRONMENT, check=True, capture_output=True)
    reference = tree(tmp_path / "reference")

    process = subprocess.Popen(batch(tenants, tmp_path / "out", "3"), env=ENVIRONMENT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while len(workers_of(process.pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    # Let the workers get going, so the one killed holds rows, then kill it as the OOM killer would.
    while not any((tmp_path / "out").glob("*/runbook.html")) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(workers_of(process.pid)[1], signal.SIGKILL)
    stdout, stderr = process.communicate(timeout=300)

    assert process.returncode == 1, stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    failed = [row for row in manifest["rows"] if row["status"] == "failed"]
    assert failed, "the killed worker held no row"
    assert {row["error"] for row in failed} == {"worker-exited"}
    assert len(failed) <= 3 * 32, "more rows failed than one worker can hold"
    assert manifest["summary"] == {"failed": len(failed), "rows": WORKER_LIST_ROWS,
                                   "written": WORKER_LIST_ROWS - len(failed)}
    for row in failed:
        assert f"line {row['line']} (tenant {row['tenant']}): error[worker-exited]: the worker process " \
               "rendering this row ended unexpectedly." in stderr
    written = tree(tmp_path / "out")
    failed_tenants = {row["tenant"] for row in failed}
    for path, data in reference.items():
        if path != "manifest.json" and path.split("/")[0] not in failed_tenants:
            assert written.get(path) == data, f"{path} differs from one process's"

    rerun = subprocess.run(batch(tenants, tmp_path / "out", "3"), env=ENVIRONMENT, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert tree(tmp_path / "out") == reference
