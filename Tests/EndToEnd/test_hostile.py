"""Hostile input × every output, each output checked by what would execute it.

Every value a customer or a colleague controls goes in through the real binary: customer names
and mail addresses as CSV cells of a batch and as flags, callback URLs, template folders with
awkward names. Each output is then read by its real consumer: the HTML page, the site's tenant
page, the email's HTML part and the Markdown (rendered by Debian's cmark-gfm with raw HTML
allowed, as a wiki would) in headless Chromium, where a payload that ran would set
`window.__pwned`; the email by Python's MIME parser; the shell blocks by bash, with harmless
`curl` and `runbook` stand-ins on PATH, in a throwaway folder; JSON by a JSON parser.
"""
import csv
import email
import email.policy
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading

import pytest

from conftest import REPOSITORY, RUNBOOK, QuietHandler

ENVIRONMENT = dict(os.environ, SOURCE_DATE_EPOCH="1764374400")
CMARK = shutil.which("cmark-gfm") or "/usr/bin/cmark-gfm"

# Each payload sets window.__pwned if anything interprets it as code.
PAYLOADS = {
    "script": "<script>window.__pwned='script'</script>",
    "event handlers": "<img src=x onerror=\"window.__pwned='img'\"><svg onload=window.__pwned='svg'></svg>",
    "markdown link and image": "[click](javascript:window.__pwned='link') ![x](javascript:window.__pwned='image')",
    "raw link": "<a href=\"javascript:window.__pwned='a'\">a</a> <javascript:window.__pwned='autolink'>",
    "html comment": "<!-- --><script>window.__pwned='comment'</script><!-- -->",
    "markdown structure": "# Heading\n\n| a | b |\n|---|---|\n> [!WARNING]\n> quote\n\n---\n- [ ] task",
    "backticks": "``` `code` ``</code><script>window.__pwned='code'</script>",
    "quotes": "'\"‘’“” \\' \\\"",
    "shell": "$(touch pwned) `touch pwned`; touch pwned && touch pwned | touch pwned",
    "powershell": "'; New-Item pwned; ' $(New-Item pwned) ${env:PATH} @(1)",
    "mustache": "{{customer}} {{{tenantURL}}} {{> partials/values}} {{=<% %>=}}",
    "line breaks": "Acme\r\nBcc: evil@example.com\r\n\r\n<script>window.__pwned='crlf'</script>",
    "control characters": "a\x00b\x07b\x1b[31mc\x7fd\x85e\x0bf",
    "bidirectional overrides": "\u202egnp.exe\u202c \u2066isolate\u2069 \u200fmark",
    "one megabyte": "<script>window.__pwned='big'</script>&amp;" * 22_000,
}
# A line break, a control character or a bidirectional control cannot go into an email
# header (the Subject names the customer), so the eml of those rows must fail, cleanly.
EMAIL_REFUSES = {"markdown structure": "a line break", "line breaks": "a line break",
                 "control characters": "the control character U+0,", "bidirectional overrides": "the bidirectional control U+202E,"}
TENANTS = {name: "00000000-0000-4000-8000-%012d" % number for number, name in enumerate(PAYLOADS, start=1)}
PLAIN = "00000000-0000-4000-8000-999999999999"


def callback(tenant):
    return f"https://api.us-1.veritone.com/v1/admin/openid/{tenant}/callback/login"


def run(*arguments, cwd, check=True, **options):
    result = subprocess.run([str(RUNBOOK), *arguments], cwd=cwd, env=options.pop("env", ENVIRONMENT),
                            capture_output=True, **options)
    if check:
        assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result


def write_tenants(path, with_email):
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["callback_url", "customer", "email"])
        writer.writerow([callback(PLAIN), "Plain Customer", "it@plain.example"])
        for name, value in PAYLOADS.items():
            writer.writerow([callback(TENANTS[name]), value, f"it@t{TENANTS[name][-4:]}.example" if with_email else ""])


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Every output for every payload, written by the real binary and served on loopback."""
    root = tmp_path_factory.mktemp("hostile")
    write_tenants(root / "tenants.csv", with_email=True)
    run("render", "--tenants", "tenants.csv", "--format", "md,html", "--output", "render", "--quiet", cwd=root)
    mail = run("render", "--tenants", "tenants.csv", "--format", "eml", "--output", "mail", "--quiet", cwd=root, check=False)
    run("site", "--source", str(REPOSITORY / "Site"), "--output", "site", "--tenants", "tenants.csv", cwd=root)
    # The Markdown as a wiki would show it: GFM with raw HTML let through, front matter and all
    # as a wiki that knows no front matter would, and the body alone as one that does.
    for folder in (root / "render").iterdir():
        if folder.is_dir():
            markdown = (folder / "runbook.md").read_text()
            body = markdown.split("\n---\n", 1)[1]
            for name, text in (("runbook.md.html", markdown), ("runbook.body.html", body)):
                html = subprocess.run([CMARK, "--unsafe", "-e", "table", "-e", "autolink", "-e", "tasklist"],
                                      input=text.encode(), capture_output=True, check=True).stdout
                (folder / name).write_bytes(html)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"root": root, "base": f"http://127.0.0.1:{server.server_address[1]}", "mail": mail}
    server.shutdown()


# Everything that could run: the flag, inline handlers, javascript: URLs, and the elements
# and attributes on the page, for comparison with the same page for a plain name.
INSPECT = r"""
const elements = [...document.querySelectorAll('*')];
const handlers = [], scripts = [];
for (const element of elements) {
  for (const attribute of element.attributes) {
    if (attribute.name.startsWith('on')) handlers.push(element.tagName + ' ' + attribute.name);
    if (/^\s*javascript:/i.test(attribute.value)) handlers.push(element.tagName + ' ' + attribute.name + '=' + attribute.value);
  }
}
return {
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  handlers: handlers,
  shape: elements.map(describe).join(','),
  shapeWithoutMailto: elements.filter(e => !(e.tagName === 'A' && /^mailto:/.test(e.getAttribute('href') || '')))
    .map(describe).join(','),
};
function describe(e) { return e.tagName + '[' + [...e.attributes].map(a => a.name).sort().join(' ') + ']'; }
"""


def inspect(driver, url):
    driver.get(url)
    return driver.execute_script(INSPECT)


# Each page, and how far its elements must be the plain name's: exactly ("same"); the same but
# for mailto: links, which GFM's autolinker makes of an address in text however it is escaped
# ("same but mailto"); or not at all, for front matter shown as Markdown, which is YAML (with
# `<`, `>`, `&`, `[` and `]` as \u escapes) and may gain emphasis or code spans, but must still
# run nothing ("runs nothing").
PAGES = {
    "HTML page": ("render/{tenant}/runbook.html", "same"),
    "Markdown body, as a wiki renders it": ("render/{tenant}/runbook.body.html", "same but mailto"),
    "Markdown with front matter, as a wiki renders it": ("render/{tenant}/runbook.md.html", "runs nothing"),
    "site page": ("site/tenants/{tenant}.html", "same"),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_runs_or_changes_a_page(driver, outputs, page, payload):
    path, comparison = PAGES[page]
    plain = inspect(driver, f"{outputs['base']}/{path.format(tenant=PLAIN)}")
    hostile = inspect(driver, f"{outputs['base']}/{path.format(tenant=TENANTS[payload])}")
    assert hostile["pwned"] is None
    assert hostile["handlers"] == []
    if comparison == "same":
        assert hostile["shape"] == plain["shape"], "the value added or removed elements or attributes"
    elif comparison == "same but mailto":
        assert hostile["shapeWithoutMailto"] == plain["shapeWithoutMailto"], "the value added or removed elements"


def read_mail(outputs, tenant):
    return email.message_from_bytes((outputs["root"] / "mail" / tenant / "runbook.eml").read_bytes(),
                                    policy=email.policy.default)


@pytest.mark.parametrize("payload", [name for name in PAYLOADS if name not in EMAIL_REFUSES])
def test_the_email_keeps_its_headers_and_parts_and_its_html_runs_nothing(driver, outputs, payload):
    plain, hostile = read_mail(outputs, PLAIN), read_mail(outputs, TENANTS[payload])
    assert not hostile.defects
    assert list(hostile.keys()) == list(plain.keys())
    assert [part.get_content_type() for part in hostile.iter_parts()] == ["text/plain", "text/html"]
    assert all(not part.defects for part in hostile.iter_parts())
    subject = str(hostile["Subject"])
    assert "\r" not in subject and "\n" not in subject and "\x1b" not in subject
    assert [address.addr_spec for address in hostile["To"].addresses] == [f"it@t{TENANTS[payload][-4:]}.example"]
    for name, message in (("plain", plain), (TENANTS[payload], hostile)):
        (outputs["root"] / f"mail-{name}.html").write_text(message.get_body(("html",)).get_content())
    plain_page = inspect(driver, f"{outputs['base']}/mail-plain.html")
    hostile_page = inspect(driver, f"{outputs['base']}/mail-{TENANTS[payload]}.html")
    assert hostile_page["pwned"] is None and hostile_page["handlers"] == []
    assert hostile_page["shape"] == plain_page["shape"]


@pytest.mark.parametrize("payload", EMAIL_REFUSES)
def test_a_value_no_email_header_can_carry_fails_its_row_and_writes_nothing(outputs, payload):
    assert outputs["mail"].returncode == 1
    tenant = TENANTS[payload]
    assert not (outputs["root"] / "mail" / tenant).exists()
    manifest = json.loads((outputs["root"] / "mail" / "manifest.json").read_text())
    row = next(row for row in manifest["rows"] if row["tenant"] == tenant)
    assert row["status"] == "failed" and row["error"] == "invalid-header-value"
    assert f"holds {EMAIL_REFUSES[payload]}" in row["message"]


def test_the_manifests_are_json_that_gives_each_value_back(outputs):
    for folder in ("render", "mail"):
        manifest = json.loads((outputs["root"] / folder / "manifest.json").read_text())
        customers = {row["tenant"]: row.get("customer") for row in manifest["rows"]}
        for name, value in PAYLOADS.items():
            assert customers[TENANTS[name]] == value.strip(), name


class Sentinel:
    """`curl` and `runbook` stand-ins that record their arguments and standard input."""

    def __init__(self, folder):
        self.folder = folder
        self.bin = folder / "bin"
        self.bin.mkdir()
        for command in ("curl", "runbook"):
            script = self.bin / command
            script.write_text(f'#!/bin/sh\nprintf "%s\\0" "$@" >> "{folder}/{command}.args"\n'
                              f'cat >> "{folder}/{command}.stdin"\n')
            script.chmod(0o755)

    def arguments(self, command):
        path = self.folder / f"{command}.args"
        return path.read_text().split("\0")[:-1] if path.exists() else []


SECRET = "token-SENTINEL-7f3a9c"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_shell_blocks_run_only_what_they_say(outputs, payload, tmp_path):
    markdown = (outputs["root"] / "render" / TENANTS[payload] / "runbook.md").read_text()
    blocks = re.findall(r"^```sh\n(.*?)^```$", markdown, flags=re.S | re.M)
    assert len(blocks) == 2
    sentinel = Sentinel(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    environment = {"PATH": f"{sentinel.bin}:/usr/bin:/bin", "HOME": str(tmp_path)}
    for block in blocks:
        # `read` takes the token from standard input, as from the admin's keyboard; the blocks
        # say they are for bash or zsh.
        subprocess.run(["bash", "-c", block], cwd=work, env=environment, input=SECRET + "\n", text=True,
                       capture_output=True, timeout=10)
    assert list(work.iterdir()) == [], "a block created files"
    tenant_url = f"https://api.us-1.veritone.com/v1/admin/scim/{TENANTS[payload]}"
    assert sentinel.arguments("runbook") == ["verify", tenant_url]
    assert sentinel.arguments("curl")[-1] == f"{tenant_url}/Users"
    # The token reaches curl on standard input, never on its command line, where `ps` shows it.
    assert not any(SECRET in argument for argument in sentinel.arguments("curl"))
    assert f"Authorization: Bearer {SECRET}" in (tmp_path / "curl.stdin").read_text()


def test_an_invalid_utf8_customer_name_renders_as_replacement_characters(tmp_path):
    run("render", callback(PLAIN), "--customer", b"Acme \xff\xfe\xc3 Corp", "--output", "out", cwd=tmp_path)
    markdown = (tmp_path / "out" / PLAIN / "runbook.md").read_text(encoding="utf-8")
    assert "Acme \ufffd\ufffd\ufffd Corp" in markdown


HOSTILE_URLS = [
    "https://api.us-1.veritone.com/v1/admin/openid/\x1b]0;pwned\x07/login",
    "https://evil.example\u202e/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/login",
    "javascript:alert(1)//https://api.us-1.veritone.com/",
    "https://api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/login\r\nX: y",
    "https://user:" + SECRET + "@api.us-1.veritone.com/v1/admin/openid/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/login",
    # Linux caps one argument at 128 KiB.
    "https://api.us-1.veritone.com/" + "a" * 100_000,
]


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=range(len(HOSTILE_URLS)))
def test_a_hostile_callback_url_is_an_input_error_that_prints_inert_text_and_writes_nothing(url, tmp_path):
    for arguments in (["url", url], ["url", url, "--json"], ["render", url, "--output", "out"]):
        result = run(*arguments, cwd=tmp_path, check=False)
        assert result.returncode == 2
        for stream in (result.stdout, result.stderr):
            assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]", stream)
            assert SECRET.encode() not in stream
            assert len(stream) < 4_000
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["tem plates", "$(touch pwned)", "it's \"quoted\"", "new\nline", "esc\x1b[31m", "\u202eright"])
def test_a_templates_folder_of_any_name_works_and_its_name_prints_inert(name, tmp_path):
    folder = tmp_path / name
    shutil.copytree(REPOSITORY / "Templates", folder)
    run("render", "--templates", str(folder), "--output", "out", cwd=tmp_path)
    assert (tmp_path / "out").is_dir() and not (tmp_path / "pwned").exists()
    (folder / "runbook" / "runbook.mustache").write_text("{{#unclosed}}\n")
    result = run("render", "--templates", str(folder), "--output", "broken", cwd=tmp_path, check=False)
    assert result.returncode == 2
    assert b"runbook.mustache" in result.stderr
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]|\xe2\x80[\xaa-\xae]", result.stderr)
    assert not (tmp_path / "broken").exists()
