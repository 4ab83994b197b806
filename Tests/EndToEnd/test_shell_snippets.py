"""The runbook's shell snippets, run as written in bash and zsh, against a real SCIM server.

The admin pastes a snippet, types the token at its prompt, and reads aiWARE's answer. Here the
snippet is the exact text of a rendered runbook.md; standard input plays the keyboard; the
request goes through the real curl to python-scim's scim2-server, behind a TLS front on loopback
that answers for the runbook's host with a certificate from a throwaway CA and maps aiWARE's
Tenant URL path onto scim2-server's `/v2`. curl reaches the front through its own configuration
file (`connect-to`, `cacert` in `$HOME/.curlrc`), so the snippet runs unchanged.
"""
import http.client
import http.server
import os
import re
import shutil
import ssl
import subprocess
import threading

import pytest

from conftest import REPOSITORY, RUNBOOK, free_port, start_server

TOKEN = "snippet-T0KEN-5d1e7a"
TENANT = "16f982b7-17fa-4c6c-a17b-9e7e018d42c0"
HOST = "api.us-1.veritone.com"
TENANT_URL = f"https://{HOST}/v1/admin/scim/{TENANT}"
SHELLS = ["bash", "zsh"]


@pytest.fixture(scope="module")
def scim_server():
    port = free_port()
    process = start_server([str(REPOSITORY / ".venv" / "bin" / "scim2-server"), "--hostname", "127.0.0.1",
                            "--port", str(port), "--bearer-token", TOKEN], port, "scim2-server")
    yield port
    process.kill()
    process.wait()


@pytest.fixture(scope="module")
def front(scim_server, tmp_path_factory):
    """HTTPS for the runbook's host on loopback, passing each request on to scim2-server."""
    folder = tmp_path_factory.mktemp("tls")
    openssl = lambda *arguments: subprocess.run(["openssl", *arguments], cwd=folder, check=True, capture_output=True)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=runbook test CA")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", f"/CN={HOST}")
    (folder / "names.ext").write_text(f"subjectAltName=DNS:{HOST}\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "names.ext")
    received = []

    class Front(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            received.append((self.path, self.headers.get("Authorization"), self.headers.get("User-Agent")))
            path = re.sub(rf"^/v1/admin/scim/{TENANT}", "/v2", self.path)
            backend = http.client.HTTPConnection("127.0.0.1", scim_server, timeout=10)
            headers = {name: value for name, value in self.headers.items() if name.lower() == "authorization"}
            backend.request("GET", path, headers=headers)
            answer = backend.getresponse()
            body = answer.read()
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.getheader("Content-Type", "application/scim+json"))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Front)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "server.pem", folder / "server.key")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"port": server.server_address[1], "ca": folder / "ca.pem", "received": received}
    server.shutdown()


@pytest.fixture(scope="module")
def snippets(tmp_path_factory):
    """The shell blocks of a rendered runbook.md, by the command they run."""
    out = tmp_path_factory.mktemp("render")
    subprocess.run([str(RUNBOOK), "render", "--output", str(out)], check=True, capture_output=True,
                   env=dict(os.environ, SOURCE_DATE_EPOCH="1764374400"))
    markdown = (out / TENANT / "runbook.md").read_text()
    blocks = re.findall(r"^```sh\n(.*?)^```$", markdown, flags=re.S | re.M)
    return {"runbook": next(b for b in blocks if "runbook verify" in b), "curl": next(b for b in blocks if "curl" in b)}


def run(shell, block, typed, home, path=None, environment=None):
    """Runs a block as the admin would, then reports whether the token is still set."""
    if shutil.which(shell) is None:
        pytest.fail(f"{shell} is not installed: `make test` installs it from Debian")
    env = {"PATH": path or os.environ["PATH"], "HOME": str(home), **(environment or {})}
    script = block + 'printf "after: %s\\n" "${AIWARE_SCIM_TOKEN-unset}"\n'
    return subprocess.run([shell, "-c", script], input=typed, env=env, capture_output=True, text=True, timeout=30)


@pytest.fixture
def home(front, tmp_path):
    (tmp_path / ".curlrc").write_text(f"connect-to = {HOST}:443:127.0.0.1:{front['port']}\ncacert = {front['ca']}\n")
    front["received"].clear()
    return tmp_path


@pytest.mark.parametrize("shell", SHELLS)
def test_the_curl_snippet_prompts_sends_entras_request_and_prints_the_answer(shell, snippets, home, front):
    result = run(shell, snippets["curl"], TOKEN + "\n", home)
    assert result.stderr.startswith("Secret Token: ")
    assert '"urn:ietf:params:scim:api:messages:2.0:ListResponse"' in result.stdout
    assert '"totalResults":0' in result.stdout.replace(" ", "")
    assert "\nHTTP 200\n" in result.stdout
    assert result.stdout.endswith("after: unset\n"), "the snippet unsets the token"
    assert TOKEN not in result.stdout + result.stderr
    [(path, authorization, user_agent)] = front["received"]
    assert path == f"/v1/admin/scim/{TENANT}/Users?filter=userName+eq+%2200000000-0000-0000-0000-000000000000%22"
    assert authorization == f"Bearer {TOKEN}"
    assert user_agent is None, "like Entra, the request carries no User-Agent"


@pytest.mark.parametrize("shell", SHELLS)
def test_the_curl_snippet_prints_a_refusal_with_its_status(shell, snippets, home):
    result = run(shell, snippets["curl"], "not-the-token\n", home)
    assert "\nHTTP 401\n" in result.stdout
    assert "urn:ietf:params:scim:api:messages:2.0:Error" in result.stdout
    assert result.stdout.endswith("after: unset\n")


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("typed", ["\n", ""])
def test_the_curl_snippet_refuses_an_empty_token_and_sends_nothing(shell, snippets, home, front, typed):
    result = run(shell, snippets["curl"], typed, home)
    assert "No token entered: nothing was sent." in result.stderr
    assert front["received"] == []
    assert result.stdout == "after: unset\n"


@pytest.mark.parametrize("shell", SHELLS)
def test_the_runbook_snippet_hands_the_token_over_in_the_environment_only(shell, snippets, tmp_path):
    # A stand-in for runbook that reports its arguments and whether the token reached it.
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "runbook").write_text('#!/bin/sh\nprintf "args: %s\\n" "$*"\n'
                                        f'[ "$AIWARE_SCIM_TOKEN" = "{TOKEN}" ] && echo "token: in the environment"\n')
    (bin_folder / "runbook").chmod(0o755)
    result = run(shell, snippets["runbook"], TOKEN + "\n", tmp_path, path=f"{bin_folder}:/usr/bin:/bin")
    assert result.stdout == f"args: verify {TENANT_URL}\ntoken: in the environment\nafter: unset\n"
    assert TOKEN not in result.stderr

    refused = run(shell, snippets["runbook"], "\n", tmp_path, path=f"{bin_folder}:/usr/bin:/bin")
    assert refused.stdout == "after: unset\n"
    assert "No token entered: nothing was sent." in refused.stderr
