"""The personaliser's downloads, in headless Chromium, against the real binary's files.

The site is built with SOURCE_DATE_EPOCH, the runbooks rendered with the same one; every file
the page hands the browser must be byte for byte what `runbook render` writes for the same
tenant and customer, and the downloaded page must work opened on its own, offline.
"""
import csv
import json
import os
import shutil
import subprocess
import time
import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPOSITORY, RUNBOOK, UK_LOGIN, UK_TENANT, assert_accessible, emulate, run_runbook, vectors
from test_hostile import PAYLOADS
from test_pages import personalize, resources

EPOCH = "1764374400"
FILES = {"html": "runbook.html", "markdown": "runbook.md"}
# The hostile-input suite's names, and names support staff type.
NAMES = dict(PAYLOADS, **{
    "plain": "Contoso Ltd",
    "unicode": "Zürich Versicherung — Contoso",
    "typography": "O’Brien & Söhne (UK) Ltd.",
    "markdown markers": "  1. # - + = > www.acme.example a\\ \\",
    "entities": "&amp; &#39; &x; &;",
    "combining marks": "quote \"\u0301 '\u0301 <\u0301",
    "no-break and ideographic spaces": "\u00a0Acme\u3000",
    "only spaces": "   ",
    "an address after a word": "support-mailto:help@contoso.com Acme.xmpp:bot@acme.com",
})


def open_personalised(driver, page, url):
    """A personaliser page opened with a `#callback=` link, once it shows its downloads."""
    driver.get(page + "#callback=" + urllib.parse.quote(url, safe=""))
    WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CLASS_NAME, "downloads"))


def run_shown_command(driver, folder):
    """Runs the command the page shows in bash, with the real binary on PATH; returns the command."""
    command = driver.find_element(By.CSS_SELECTOR, "#download-help code").text
    environment = dict(os.environ, PATH=f"{RUNBOOK.parent}:{os.environ['PATH']}")
    subprocess.run(["bash", "-c", command], cwd=folder, env=environment, check=True, capture_output=True)
    return command


def set_customer(driver, name):
    """Types a name as a paste would put it: the field's own rules apply (a text field drops line breaks)."""
    field = driver.find_element(By.ID, "customer-name")
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", field, name)
    return driver.execute_script("return arguments[0].value", field)


def download(driver, folder, format):
    """Clicks a download button; returns the file's name and bytes once Chromium has written it."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    driver.find_element(By.CSS_SELECTOR, f"button.download[data-format={format}]").click()
    # Chromium may create the file under its final name before the bytes arrive in it: the
    # download is whole when nothing is left in progress and its size stays the same.
    deadline = time.monotonic() + 20
    last = None
    while time.monotonic() < deadline:
        names = [path.name for path in folder.iterdir()]
        files = [folder / name for name in names if not name.endswith(".crdownload")]
        if len(files) == 1 and len(names) == 1:
            size = files[0].stat().st_size
            if size > 0 and size == last:
                return files[0].name, files[0].read_bytes()
            last = size
        time.sleep(0.05)
    raise AssertionError(f"no {format} download arrived in {folder}")


def render(url, folder):
    """`runbook render`'s two files for a tenant, as bytes."""
    run_runbook("render", url, "--format", "html,md", "--output", str(folder), cwd=folder.parent)
    [tenant] = [path for path in folder.iterdir() if path.is_dir()]
    return {format: (tenant / name).read_bytes() for format, name in FILES.items()}


def valid_vectors():
    return [case for case in vectors() if "error" not in case.values[0]]


@pytest.mark.parametrize("case", valid_vectors())
def test_downloads_are_the_clis_files_for_every_vector(driver, pages, case, tmp_path):
    url = case["input"]["url"]
    expected = render(url, tmp_path / "cli")
    open_personalised(driver, pages["personalize"], url)
    for format, name in FILES.items():
        assert download(driver, tmp_path / "downloads", format) == (name, expected[format]), format
    assert resources(driver) == []


@pytest.fixture(scope="module")
def rendered_names(tmp_path_factory):
    """Every name's runbook, written by one batch, as the CLI reads a CSV cell: exactly."""
    root = tmp_path_factory.mktemp("names")
    tenants = {key: "00000000-0000-4000-8000-%012d" % number for number, key in enumerate(NAMES, start=1)}
    with open(root / "tenants.csv", "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["callback_url", "customer"])
        for key, name in NAMES.items():
            # A text field drops line breaks: the CLI gets the name the page holds.
            writer.writerow([callback(tenants[key]), name.replace("\r", "").replace("\n", "")])
    run_runbook("render", "--tenants", "tenants.csv", "--format", "html,md", "--output", "out", cwd=root)
    return {key: (tenants[key], root / "out" / tenants[key]) for key in NAMES}


def callback(tenant):
    return f"https://api.uk-1.veritone.com/v1/admin/openid/{tenant}/callback/login"


@pytest.mark.parametrize("key", list(NAMES))
def test_downloads_are_the_clis_files_for_hostile_and_awkward_names(driver, pages, rendered_names, key, tmp_path):
    tenant, folder = rendered_names[key]
    open_personalised(driver, pages["personalize"], callback(tenant))
    held = set_customer(driver, NAMES[key])
    assert held == NAMES[key].replace("\r", "").replace("\n", "")
    for format, name in FILES.items():
        file, data = download(driver, tmp_path, format)
        assert file == name
        assert data == (folder / name).read_bytes(), f"{format} differs from runbook render's"
    assert driver.execute_script("return window.__pwned") is None


@pytest.mark.parametrize("name", ["Contoso Ltd", "O'Brien & Sons; $(touch pwned) `x`", "-Acme --help", ""])
def test_the_command_the_page_shows_writes_the_same_bytes(driver, pages, name, tmp_path):
    open_personalised(driver, pages["personalize"], UK_LOGIN)
    set_customer(driver, name)
    command = run_shown_command(driver, tmp_path)
    assert command.startswith(f"SOURCE_DATE_EPOCH={EPOCH} runbook render ")
    assert ("--customer" in command) == (name != "")
    assert not (tmp_path / "pwned").exists()
    written = tmp_path / "runbook-out" / UK_TENANT
    for format, file in FILES.items():
        assert download(driver, tmp_path / "downloads", format) == (file, (written / file).read_bytes())


def test_a_site_built_with_its_own_templates_downloads_their_runbook_and_says_so(driver, tmp_path):
    shutil.copytree(REPOSITORY / "Templates", tmp_path / "Templates")
    runbook = tmp_path / "Templates" / "runbook" / "runbook.mustache"
    runbook.write_text(runbook.read_text().replace("# Provision users", "# Acme's way to provision users", 1))
    run_runbook("site", "--templates", "Templates", "--source", str(REPOSITORY / "Site"), "--output", "site", cwd=tmp_path)
    open_personalised(driver, (tmp_path / "site" / "personalize.html").as_uri(), UK_LOGIN)
    set_customer(driver, "Contoso Ltd")
    assert f"--templates='{tmp_path / 'Templates'}'" in run_shown_command(driver, tmp_path)
    name, data = download(driver, tmp_path / "downloads", "markdown")
    assert b"# Acme's way to provision users" in data
    assert data == (tmp_path / "runbook-out" / UK_TENANT / name).read_bytes()


def test_the_customer_name_is_kept_from_tenant_to_tenant(driver, pages):
    open_personalised(driver, pages["personalize"], UK_LOGIN)
    set_customer(driver, "Contoso Ltd")
    driver.find_element(By.ID, "callback-url").clear()
    driver.find_element(By.ID, "callback-url").send_keys(callback("00000000-0000-4000-8000-000000000001") + "\n")
    WebDriverWait(driver, 5).until(lambda d: "000000000001" in d.find_element(By.ID, "download-help").text)
    assert driver.find_element(By.ID, "customer-name").get_attribute("value") == "Contoso Ltd"


def test_a_downloaded_page_works_on_its_own_offline(driver, pages, tmp_path):
    open_personalised(driver, pages["personalize"], UK_LOGIN)
    set_customer(driver, "Contoso Ltd")
    name, data = download(driver, tmp_path, "html")
    driver.get((tmp_path / name).as_uri())
    assert driver.title.startswith("Entra ID provisioning runbook for Contoso Ltd (uk-1")
    assert driver.find_elements(By.CSS_SELECTOR, ".copy-button")
    driver.find_element(By.CSS_SELECTOR, ".experience-switch input[value='newer']").click()
    shown = {s.get_attribute("data-experience") for s in driver.find_elements(By.CSS_SELECTOR, "section.experience")
             if s.is_displayed()}
    assert shown == {"newer"}
    driver.find_element(By.ID, "guide-me").click()
    assert driver.find_element(By.ID, "guide-heading").text.startswith("Step 1 of ")
    assert resources(driver) == []


@pytest.fixture(scope="module")
def on_premises_site(tmp_path_factory):
    """The site built with an on-premises region, whose runbook has a section of its own."""
    root = tmp_path_factory.mktemp("on-premises")
    (root / "regions.json").write_text(json.dumps(
        {"regions": [{"key": "acme", "host": "scim.acme.example", "name": "Acme on-premises"}]}))
    run_runbook("site", "--regions", "regions.json", "--source", str(REPOSITORY / "Site"), "--output", "site", cwd=root)
    return root / "site" / "personalize.html"


def test_a_region_the_site_cannot_reproduce_offers_no_download_and_says_why(driver, on_premises_site):
    tenant = "00000000-0000-4000-8000-000000000001"
    open_personalised(driver, on_premises_site.as_uri(), f"https://scim.acme.example/v1/admin/openid/{tenant}/callback/login")
    assert driver.find_element(By.ID, "tenant-url").text == f"https://scim.acme.example/v1/admin/scim/{tenant}"
    assert driver.find_elements(By.CSS_SELECTOR, "button.download") == []
    refusal = driver.find_element(By.CLASS_NAME, "download-refusal")
    assert refusal.is_displayed()
    assert refusal.text == ("error[not-reproducible]: this site cannot write the runbook of region acme exactly as "
                            "runbook render does: an on-premises region's runbook has a section of its own. Run "
                            "runbook render with the regions file instead.")
    # A hosted region of the same site still downloads.
    personalize(driver, UK_LOGIN)
    assert len(driver.find_elements(By.CSS_SELECTOR, "button.download")) == 2


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation_with_the_downloads_shown(driver, pages, scheme):
    open_personalised(driver, pages["personalize"], UK_LOGIN)
    emulate(driver, scheme=scheme)
    assert_accessible(driver)
    emulate(driver)
