"""The .eml draft, read by an independent MIME parser (Python's email package), and its HTML
part in headless Chromium with JavaScript off."""
import email
import email.policy
import email.utils
import pathlib
import re

import pytest
from selenium.webdriver.common.by import By

from conftest import SCREENSHOTS, UK_LOGIN, UK_TENANT, run_runbook

TENANT_URL = f"https://api.uk-1.veritone.com/v1/admin/scim/{UK_TENANT}"


def render_eml(tmp_path, *arguments):
    run_runbook("render", UK_LOGIN, "--format", "eml", "--output", "out", *arguments, cwd=tmp_path)
    return (tmp_path / "out" / UK_TENANT / "runbook.eml").read_bytes()


@pytest.fixture
def eml(tmp_path):
    return render_eml(tmp_path, "--customer", "Zürich Versicherung — Contoso",
                      "--from", "Veritone Support <support@veritone.example>",
                      "--to", "IT Desk <it@contoso.example>", "--to", "ops@contoso.example")


def test_structure_part_order_and_headers(eml):
    message = email.message_from_bytes(eml, policy=email.policy.default)
    assert not message.defects
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    for part in message.iter_parts():
        assert part.get_content_charset() == "utf-8"
        assert part["Content-Transfer-Encoding"] == "quoted-printable"
        assert not part.defects
    assert message["MIME-Version"] == "1.0"
    assert message["X-Unsent"] == "1"
    assert str(message["Subject"]) == "Microsoft Entra ID provisioning into aiWARE: your runbook for Zürich Versicherung — Contoso"
    assert message["From"].addresses[0].addr_spec == "support@veritone.example"
    assert message["From"].addresses[0].display_name == "Veritone Support"
    assert [a.addr_spec for a in message["To"].addresses] == ["it@contoso.example", "ops@contoso.example"]
    assert email.utils.parsedate_to_datetime(message["Date"]).timestamp() == 1764374400
    assert re.fullmatch(r"<runbook\.[0-9a-f]{32}@veritone\.example>", message["Message-ID"])


def test_the_same_inputs_give_the_same_bytes(tmp_path, eml):
    again = tmp_path / "again"
    again.mkdir()
    assert render_eml(again, "--customer", "Zürich Versicherung — Contoso",
                      "--from", "Veritone Support <support@veritone.example>",
                      "--to", "IT Desk <it@contoso.example>", "--to", "ops@contoso.example") == eml


def test_lines_and_size(eml):
    lines = eml.split(b"\r\n")
    assert all(len(line) <= 998 for line in lines)
    assert all(len(line) <= 78 for line in lines)
    assert b"\n" not in eml.replace(b"\r\n", b"")
    html = email.message_from_bytes(eml, policy=email.policy.default).get_body(("html",)).get_content()
    assert len(html.encode()) < 100_000


def test_the_text_part_is_the_runbook_in_plain_text(eml):
    text = email.message_from_bytes(eml, policy=email.policy.default).get_body(("plain",)).get_content()
    lines = text.splitlines()
    assert TENANT_URL in lines, "the Tenant URL stands whole on a line of its own"
    assert "Generate an API token" in lines and "---------------------" in lines
    assert any(line.startswith("WARNING: The dialog box displays the token only when you create it.") for line in lines)
    assert any(line.startswith("WARNING: Paste the token alone.") for line in lines)
    steps = [line for line in lines if re.match(r"^(1[01]|[1-9])\. {1,2}\S", line)]
    assert len(steps) == 52
    for heading in ("Classic experience: open the credentials form", "Newer experience: open the credentials form"):
        assert lines[lines.index(heading) + 1] == "~" * len(heading), "each experience's steps are labelled"
    assert any(line.endswith(f"runbook verify '{TENANT_URL}'") for line in lines)
    assert "Prepared for Zürich Versicherung — Contoso on 2025-11-29." in lines


def test_the_html_part_is_built_for_mail_clients(eml):
    html = email.message_from_bytes(eml, policy=email.policy.default).get_body(("html",)).get_content()
    assert "<script" not in html and "<style" not in html and "<img" not in html and "<link" not in html
    assert "<button" not in html and "<input" not in html
    assert not re.search(r"\ssrc=", html)
    assert "<table role=\"presentation\"" in html
    assert re.search(re.escape(TENANT_URL) + r"\r?\n</code></pre>", html)
    assert all('style="' in tag for tag in re.findall(r"<(?:p|h2|td|pre|li)[ >][^>]*>", html))


def test_a_value_that_would_add_a_header_is_refused(tmp_path):
    import os, subprocess
    from conftest import RUNBOOK
    result = subprocess.run([str(RUNBOOK), "render", UK_LOGIN, "--format", "eml", "--customer", "Acme\r\nBcc: evil@x.example"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("error[invalid-header-value]: the customer name")
    assert not (tmp_path / "runbook-out").exists()


def test_the_html_part_renders_without_javascript(no_script_driver, eml, tmp_path):
    html = email.message_from_bytes(eml, policy=email.policy.default).get_body(("html",)).get_content()
    page = tmp_path / "email.html"
    page.write_text(html, encoding="utf-8")
    no_script_driver.set_window_size(760, 1400)
    no_script_driver.get(page.as_uri())
    body = no_script_driver.find_element(By.TAG_NAME, "body").text
    assert "Provision users from Microsoft Entra ID into Veritone aiWARE" in body
    assert TENANT_URL in body
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "email-html.png"
    no_script_driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
