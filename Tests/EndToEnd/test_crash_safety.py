"""A 10,000-row batch killed with SIGKILL, again and again, loses nothing and leaves nothing wrong.

Every file a batch writes goes to a temporary name and is renamed into place, so after a kill
at any moment each file present is whole: it matches the hash an uninterrupted run records in
its manifest, or it is a temporary file the next run removes. The rerun then finishes with
output byte for byte the same as the uninterrupted run's.
"""
import hashlib
import json
import os
import pathlib
import random
import re
import signal
import subprocess
import time

from conftest import RUNBOOK

ROWS = 10_000
KILLS = 3
# Fixed so that a failure can be replayed; RUNBOOK_CRASH_SEED picks other points.
SEED = int(os.environ.get("RUNBOOK_CRASH_SEED", "20261129"))
LEFTOVER = re.compile(r"^\..+\.tmp-\d+$")
ENVIRONMENT = dict(os.environ, SOURCE_DATE_EPOCH="1764374400")


def batch(tenants, output):
    return [str(RUNBOOK), "render", "--tenants", str(tenants), "--format", "md,html", "--quiet", "--jobs", "2",
            "--output", str(output)]


def tree(folder):
    """Every file under folder, by its path relative to it, with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def wait_for_group_to_end(group, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_a_batch_killed_at_random_points_resumes_to_the_same_bytes(tmp_path):
    tenants = tmp_path / "tenants.csv"
    tenants.write_text("region,tenant_id,customer\n" + "".join(
        "%s,%08x-0000-4000-8000-%012x,Customer %d\n" % ("us-1" if n % 3 else "uk-1", n, n, n) for n in range(1, ROWS + 1)))

    started = time.monotonic()
    subprocess.run(batch(tenants, tmp_path / "reference"), env=ENVIRONMENT, check=True, capture_output=True)
    duration = time.monotonic() - started
    reference = tree(tmp_path / "reference")
    assert len(reference) == 2 * ROWS + 1
    # What the manifest promises: each row's files and their hashes, which must be the files'.
    expected = {"manifest.json": hashlib.sha256(reference["manifest.json"]).hexdigest()}
    for row in json.loads(reference["manifest.json"])["rows"]:
        for file, digest in row["files"].items():
            expected[f"{row['tenant']}/{file}"] = digest.removeprefix("sha256:")
    assert expected == {name: hashlib.sha256(contents).hexdigest() for name, contents in reference.items()}

    output = tmp_path / "killed"
    generator = random.Random(SEED)
    for kill in range(KILLS):
        # A session of its own, so that a kill can take the workers too, as a closed terminal
        # would; every other kill takes the batch alone, as `kill -9 <pid>` would, and its
        # workers must then stop by themselves, quietly.
        process = subprocess.Popen(batch(tenants, output), env=ENVIRONMENT, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, start_new_session=True)
        time.sleep(generator.uniform(0.05, 0.9) * duration)
        if kill % 2:
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        assert wait_for_group_to_end(process.pid), f"kill {kill + 1}: the workers outlived their batch by 10 s"
        assert process.stderr.read() == b"", f"kill {kill + 1}: the workers complained as their batch died"
        for name, contents in tree(output).items():
            if LEFTOVER.match(pathlib.PurePosixPath(name).name):
                continue
            assert name in expected, f"after kill {kill + 1} (seed {SEED}): {name} should not exist"
            assert hashlib.sha256(contents).hexdigest() == expected[name], \
                f"after kill {kill + 1} (seed {SEED}): {name} is not whole"

    subprocess.run(batch(tenants, output), env=ENVIRONMENT, check=True, capture_output=True)
    assert tree(output) == reference
