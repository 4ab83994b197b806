"""`runbook verify` against servers that abuse it: each run ends within its timeout, in bounded
memory, with the diagnosis that names what the server did.

The real binary against rawserver.py on loopback; peak memory is the child's own maximum
resident set, from wait4(2).
"""
import json
import os
import subprocess
import threading
import time

import pytest

import rawserver
from conftest import RUNBOOK

TIMEOUT = 2
TOKEN = "abuse-token-5a9e1c"


def verify(url, timeout=TIMEOUT):
    """Runs verify --json; returns its report, exit status, seconds taken and peak memory in KiB."""
    started = time.monotonic()
    process = subprocess.Popen([str(RUNBOOK), "verify", "--allow-http-loopback", "--timeout", str(timeout), "--json", url],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               env={"PATH": "/usr/bin:/bin", "AIWARE_SCIM_TOKEN": TOKEN})
    errors = []
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()))
    reader.start()
    output = process.stdout.read()
    reader.join()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    assert TOKEN.encode() not in output + errors[0]
    return json.loads(output), process.returncode, seconds, usage.ru_maxrss


def check(report, name):
    return next(check for check in report["checks"] if check["id"] == name)


@pytest.fixture(scope="module")
def baseline_memory():
    """The peak memory of a verify whose every answer is a quick 404."""
    server = rawserver.RawServer(rawserver.respond(rawserver.answer(404, b"{}")))
    _, _, _, memory = verify(server.url + "/scim/v2")
    server.close()
    return memory


def nested(depth):
    return b'{"a":' * depth + b"1" + b"}" * depth


ABUSE = {
    "headers trickled a byte at a time (slowloris)":
        (rawserver.trickle(), "test-connection", f"no complete answer within {TIMEOUT} s"),
    "a reset in the middle of the body":
        (rawserver.reset_mid_body(), "test-connection", "the server closed the connection before the answer was complete"),
    "a body that is not UTF-8":
        (rawserver.respond(rawserver.answer(200, b"\xff\xfe\xfd\x80 {\"schemas\": []}")), "test-connection",
         "HTTP 200, but the body is not JSON (starts ‘\ufffd\ufffd\ufffd\ufffd {\"schemas\": []}’)"),
    "JSON nested 100,000 deep":
        (rawserver.respond(rawserver.answer(200, nested(100_000))), "test-connection",
         "HTTP 200, but the body is JSON nested deeper than 512 levels"),
    "a million-element Resources array":
        (rawserver.stream(b"HTTP/1.1 200 OK\r\nContent-Type: application/scim+json\r\n\r\n",
                          lambda: [b'{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[']
                          + [b"{}," * 10_000] * 100 + [b"{}]}"]),
         "test-connection", "HTTP 200, but the body goes on past 1024 KiB"),
    "a body that never ends":
        (rawserver.stream(b"HTTP/1.1 200 OK\r\nContent-Type: application/scim+json\r\n\r\n",
                          lambda: iter(lambda: b" " * 65536, None)),
         "test-connection", "HTTP 200, but the body goes on past 1024 KiB"),
}


@pytest.mark.parametrize("abuse", ABUSE)
def test_abuse_ends_in_time_in_bounded_memory_with_the_right_diagnosis(abuse, baseline_memory):
    behave, name, diagnosis = ABUSE[abuse]
    server = rawserver.RawServer(behave)
    try:
        report, status, seconds, memory = verify(server.url + "/scim/v2")
    finally:
        server.close()
    assert status == 1
    assert check(report, name)["status"] == "fail"
    assert check(report, name)["diagnosis"].startswith(diagnosis), check(report, name)["diagnosis"]
    # Connecting, then one request that runs out its timeout; the rest are skipped.
    assert seconds < TIMEOUT + 2, f"took {seconds:.1f} s"
    assert memory < baseline_memory + 24 * 1024, f"peak {memory} KiB against {baseline_memory} KiB answering 404s"
