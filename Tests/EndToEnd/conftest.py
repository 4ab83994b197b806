"""The real `runbook` binary, end to end, with each output read by what would consume it.

Headless Chromium, driven as a user would, for the runbook page, the site and the personaliser
(test_pages, test_email); hostile input in every output (test_hostile); batches killed with
SIGKILL (test_crash_safety); the token's travels (test_secrets); servers that abuse `verify`
(test_verify_abuse). `make test` runs these with the venv's pytest after the Swift tests have
built `runbook`: Debian's chromium, chromium-driver and cmark-gfm, selenium and
axe-selenium-python from PyPI.
"""
import functools
import http.server
import json
import os
import pathlib
import shutil
import socket
import subprocess
import threading
import time

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
RUNBOOK = pathlib.Path(os.environ.get("RUNBOOK_BINARY", REPOSITORY / ".build" / "debug" / "runbook"))
SCREENSHOTS = pathlib.Path(os.environ.get("RUNBOOK_SCREENSHOTS", REPOSITORY / ".build" / "screenshots"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
UK_TENANT = "0b6d1f9e-3c52-4a1e-9f0e-5d2a7c4b8e11"
UK_LOGIN = f"https://api.uk-1.veritone.com/v1/admin/openid/{UK_TENANT}/login"


def free_port():
    """A loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(command, port, name):
    """Starts a test server, output discarded, and waits up to 20 s until it accepts on the port."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"{name} did not start listening on port {port}")
            time.sleep(0.05)


def run_runbook(*arguments, cwd):
    environment = dict(os.environ, SOURCE_DATE_EPOCH="1764374400")
    result = subprocess.run([str(RUNBOOK), *arguments], cwd=cwd, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="session")
def pages(tmp_path_factory):
    """The site and a customer's runbook, built by the real binary, served on loopback.

    Served over http://127.0.0.1 rather than file:// because that is a secure context, where
    the Clipboard API exists, as on any HTTPS site the pages would be published on.
    """
    assert RUNBOOK.exists(), f"{RUNBOOK} is missing: run `make test`, which builds it first"
    root = tmp_path_factory.mktemp("pages")
    run_runbook("site", "--source", str(REPOSITORY / "Site"), "--output", "site", cwd=root)
    run_runbook("render", UK_LOGIN, "--customer", "Contoso Ltd", "--output", "render", cwd=root)
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield {
        "index": f"{base}/site/index.html",
        "site-runbook": f"{base}/site/runbook.html",
        "personalize": f"{base}/site/personalize.html",
        "verify": f"{base}/site/verify.html",
        "runbook": f"{base}/render/{UK_TENANT}/runbook.html",
    }
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def make_driver(javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1000,1400", "--lang=en-US"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run: starting one per test would cost a second each."""
    instance = make_driver()
    yield instance
    instance.quit()


@pytest.fixture
def driver(browser):
    """The shared browser, back on screen media and the light scheme, with no page state."""
    browser.get("about:blank")
    emulate(browser)
    yield browser


@pytest.fixture
def no_script_driver():
    browser = make_driver(javascript=False)
    yield browser
    browser.quit()


def emulate(browser, media="", scheme="light"):
    """Screen or print, light or dark, through the DevTools protocol."""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": media,
        "features": [{"name": "prefers-color-scheme", "value": scheme}],
    })


def assert_accessible(browser):
    """axe-core finds no serious or critical violation on the page as it stands."""
    axe = Axe(browser)
    axe.inject()
    serious = [v for v in axe.run()["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, axe.report(serious)


def vectors():
    """Every public and edge-case vector whose input is a URL alone, as the page takes it."""
    messages = json.loads((REPOSITORY / "Tests" / "Snapshots" / "scim-url-messages.json").read_text())
    cases = []
    for name in ("scim-url.json", "scim-url-edge-cases.json"):
        for case in json.loads((REPOSITORY / "Tests" / "Fixtures" / name).read_text())["cases"]:
            if set(case["input"]) == {"url"}:
                case["message"] = messages.get(f"{name}/{case['name']}")
                cases.append(pytest.param(case, id=f"{name}: {case['name']}"))
    return cases
