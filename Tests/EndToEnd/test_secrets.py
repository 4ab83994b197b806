"""A SCIM token never reaches a file, standard output, standard error or another host.

Every command and mode runs with the same distinctive token in the environment (and, for
`verify`, in a token file or on standard input too); then every byte each one printed and every
file it wrote is searched for it, and every request a server received is checked for where the
token travelled.
"""
import subprocess

import pytest

import rawserver
from conftest import REPOSITORY, RUNBOOK, free_port, start_server

SECRET = "SENTINEL-t0k3n-6c1f2a9d"
CALLBACK = "https://api.uk-1.veritone.com/v1/admin/openid/0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11/login"


def scim(request, connection):
    """A healthy endpoint: the list for a good token, 401 otherwise, and 404 for one user."""
    if request.headers.get("authorization") != f"Bearer {SECRET}":
        connection.sendall(rawserver.answer(401, b'{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"401"}'))
    elif "/Users/" in request.target:
        connection.sendall(rawserver.answer(404, b'{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404"}'))
    else:
        connection.sendall(rawserver.answer(200, rawserver.LIST_RESPONSE))


@pytest.fixture
def servers():
    healthy = rawserver.RawServer(scim)
    elsewhere = rawserver.RawServer(scim, host="127.0.0.2")
    redirecting = rawserver.RawServer(rawserver.respond(rawserver.answer(
        307, headers=[f"Location: {elsewhere.url}/scim/v2/Users?token={SECRET}"])))
    yield {"healthy": healthy, "elsewhere": elsewhere, "redirecting": redirecting}
    for server in (healthy, elsewhere, redirecting):
        server.close()


def commands(servers, token_file):
    healthy, redirecting = servers["healthy"].url + "/scim/v2", servers["redirecting"].url + "/scim/v2"
    loopback = ["--allow-http-loopback"]
    return [
        (["--help"], None), (["--version"], None),
        (["url", CALLBACK], None), (["url", CALLBACK, "--json"], None), (["url", "not a url"], None),
        (["render", CALLBACK, "--format", "md,html,eml", "--to", "it@contoso.example", "--customer", "Contoso"], None),
        (["render", "--tenants", "tenants.csv", "--format", "md,html,eml"], None),
        (["site", "--source", str(REPOSITORY / "Site"), "--output", "site", "--tenants", "tenants.csv"], None),
        (["verify", healthy, *loopback], None),
        (["verify", healthy, *loopback, "--json"], None),
        (["verify", healthy, *loopback, "--token-file", str(token_file)], None),
        (["verify", healthy, *loopback, "--token-stdin", "--json"], f"Bearer {SECRET}\n"),
        (["verify", redirecting, *loopback, "--json"], None),
        (["verify", healthy], None),  # http:// without --allow-http-loopback: refused
        (["verify", "http://192.0.2.10/scim/v2", *loopback], None),  # not loopback: refused
        (["verify", f"https://user:{SECRET}@api.uk-1.veritone.com/v1/admin/scim/0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11"], None),
        (["verify", CALLBACK, "--json"], None),
        (["verify", healthy, *loopback, "--token-stdin"], f"{SECRET} {SECRET}\n"),  # not a token: an input error
        (["verify", healthy, *loopback, "--timeout", "nope"], None),
    ]


def test_no_command_prints_or_writes_the_token(servers, tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text(SECRET + "\n")
    token_file.chmod(0o600)
    work = tmp_path / "work"
    work.mkdir()
    (work / "tenants.csv").write_text(f"callback_url,customer,email\n{CALLBACK},Contoso,it@contoso.example\n")
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SOURCE_DATE_EPOCH": "1764374400",
                   "AIWARE_SCIM_TOKEN": SECRET}
    statuses = []
    for arguments, stdin in commands(servers, token_file):
        result = subprocess.run([str(RUNBOOK), *arguments], cwd=work, env=environment, input=(stdin or "").encode(),
                                capture_output=True, timeout=60)
        statuses.append(result.returncode)
        assert SECRET.encode() not in result.stdout, f"runbook {' '.join(arguments)} printed the token"
        assert SECRET.encode() not in result.stderr, f"runbook {' '.join(arguments)} printed the token on stderr"
    # The runs did what they should, so the search covered real output, not early exits.
    assert statuses == [0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 1, 2, 2]
    written = [path for path in work.rglob("*") if path.is_file()]
    assert len(written) >= 10
    for path in written:
        assert SECRET.encode() not in path.read_bytes(), f"{path.relative_to(work)} holds the token"

    # Where the token went: only the healthy endpoint, only in Authorization, never in a URL.
    assert servers["elsewhere"].requests == [], "a redirect target received a request"
    for name in ("healthy", "redirecting"):
        for request in servers[name].requests:
            assert SECRET not in request.target
            assert SECRET.encode() not in request.raw.replace(f"Authorization: Bearer {SECRET}".encode(), b"")
    assert any(request.headers.get("authorization") == f"Bearer {SECRET}" for request in servers["healthy"].requests)


PROXY_PASSWORD = "SENTINEL-pr0xy-3e8b7c1a"


@pytest.fixture
def tinyproxy(tmp_path):
    """Debian's tinyproxy on a free loopback port, asking for credentials, logging to a file."""
    port = free_port()
    log = tmp_path / "tinyproxy.log"
    configuration = tmp_path / "tinyproxy.conf"
    configuration.write_text(f'Port {port}\nListen 127.0.0.1\nAllow 127.0.0.1\nLogLevel Info\nLogFile "{log}"\n'
                             f'PidFile "{tmp_path}/tinyproxy.pid"\nBasicAuth alice {PROXY_PASSWORD}\n')
    process = start_server(["tinyproxy", "-d", "-c", str(configuration)], port, "tinyproxy")
    yield f"127.0.0.1:{port}", log
    process.kill()
    process.wait()


def test_a_plain_http_test_server_is_never_reached_through_a_proxy(servers, tinyproxy, tmp_path):
    """Through a proxy the token would cross it in clear: verify goes direct, or refuses --proxy."""
    proxy, log = tinyproxy
    healthy = servers["healthy"].url + "/scim/v2"
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "AIWARE_SCIM_TOKEN": SECRET}
    with_credentials = f"http://alice:{PROXY_PASSWORD}@{proxy}"
    runs = [
        (["--proxy", with_credentials], {}),
        (["--json"], {"http_proxy": with_credentials, "https_proxy": with_credentials}),
        ([], {"all_proxy": with_credentials, "HTTP_PROXY": with_credentials}),
    ]
    statuses = []
    for arguments, variables in runs:
        result = subprocess.run([str(RUNBOOK), "verify", healthy, "--allow-http-loopback", *arguments],
                                env={**environment, **variables}, capture_output=True, timeout=60)
        statuses.append(result.returncode)
        for secret in (SECRET, PROXY_PASSWORD):
            assert secret.encode() not in result.stdout + result.stderr, f"verify {arguments} {variables} printed a secret"
    assert statuses == [2, 0, 0]
    # The fixture's own probe connects, but sends no request.
    assert "Request (" not in log.read_text(), "a request went to the proxy"
    requests = servers["healthy"].requests
    assert any(request.headers.get("authorization") == f"Bearer {SECRET}" for request in requests)
    for request in requests:
        assert PROXY_PASSWORD.encode() not in request.raw, "the proxy's credentials reached the endpoint"
