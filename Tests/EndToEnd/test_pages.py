"""The HTML runbook, the site and the personaliser in headless Chromium."""
import json
import urllib.parse

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SCREENSHOTS, UK_LOGIN, UK_TENANT, assert_accessible, emulate, vectors

EXAMPLE_TENANT = "16f982b7-17fa-4c6c-a17b-9e7e018d42c0"


def personalize(driver, url):
    field = driver.find_element(By.ID, "callback-url")
    driver.execute_script("arguments[0].value = arguments[1]", field, url)
    driver.find_element(By.CSS_SELECTOR, "#personalize-form button[type=submit]").click()
    return driver.find_element(By.ID, "personalize-result")


def resources(driver):
    return driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")


# ---- The personaliser ---------------------------------------------------------------------

@pytest.mark.parametrize("case", vectors())
def test_personaliser_derives_like_the_cli(driver, pages, case):
    driver.get(pages["personalize"])
    result = personalize(driver, case["input"]["url"])
    if "error" in case:
        assert result.find_element(By.CLASS_NAME, "error-code").text == f"error[{case['error']}]"
        assert result.find_element(By.CLASS_NAME, "error-message").get_attribute("textContent") == case["message"]
        assert result.get_attribute("role") == "alert"
        assert driver.find_element(By.ID, "callback-url").get_attribute("aria-invalid") == "true"
    else:
        assert driver.find_element(By.ID, "tenant-url").text == case["scim"]
    assert resources(driver) == []


def test_personaliser_fills_the_runbook_with_the_tenant(driver, pages):
    driver.get(pages["personalize"])
    personalize(driver, "  <" + UK_LOGIN.upper().replace("/V1/ADMIN/OPENID/", "/v1/admin/openid/").replace("/LOGIN", "/login") + ">  ")
    runbook = driver.find_element(By.ID, "runbook")
    text = runbook.get_attribute("textContent")
    assert EXAMPLE_TENANT not in text
    assert "api.us-1.veritone.com" not in text
    assert f"https://api.uk-1.veritone.com/v1/admin/scim/{UK_TENANT}" in text
    assert "uk-1, United Kingdom (production)" in text
    assert runbook.get_attribute("data-tenant") == UK_TENANT
    commands = [block.text for block in runbook.find_elements(By.CSS_SELECTOR, "pre code")]
    assert any(f"runbook verify 'https://api.uk-1.veritone.com/v1/admin/scim/{UK_TENANT}'\n" in c for c in commands)
    assert resources(driver) == []


def test_a_callback_fragment_opens_personalised_and_sends_nothing(driver, pages):
    driver.get(pages["personalize"] + "#callback=" + urllib.parse.quote(UK_LOGIN, safe=""))
    WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.ID, "tenant-url"))
    assert driver.find_element(By.ID, "tenant-url").text == f"https://api.uk-1.veritone.com/v1/admin/scim/{UK_TENANT}"
    assert driver.find_element(By.ID, "callback-url").get_attribute("value") == UK_LOGIN
    assert UK_TENANT in driver.find_element(By.ID, "runbook").get_attribute("textContent")
    assert resources(driver) == []


def test_personalising_again_moves_from_tenant_to_tenant(driver, pages):
    driver.get(pages["personalize"])
    stage = "https://api.stage.us-1.veritone.com/v1/admin/openid/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d/callback/login"
    personalize(driver, stage)
    personalize(driver, UK_LOGIN)
    text = driver.find_element(By.ID, "runbook").get_attribute("textContent")
    assert "stage" not in text and "a1b2c3d4" not in text
    assert f"region uk-1, tenant ID (aiWARE OpenID Connect provider) {UK_TENANT}" in text
    # The link to share now carries the callback URL in its fragment.
    assert driver.current_url.endswith("#callback=" + urllib.parse.quote(UK_LOGIN, safe=""))


# ---- The runbook as a wizard --------------------------------------------------------------

def step_boxes(driver):
    return driver.find_elements(By.CSS_SELECTOR, "input.step-done")


def test_steps_are_kept_per_tenant_across_reloads_and_reset(driver, pages):
    driver.get(pages["runbook"])
    driver.execute_script("localStorage.clear()")
    driver.refresh()
    boxes = step_boxes(driver)
    total = len(boxes)
    assert total == 52
    progress = driver.find_element(By.ID, "progress")
    assert progress.text == f"0 of {total} steps done"
    assert progress.get_attribute("role") == "status"
    for index in (0, 4, 12):
        driver.find_element(By.CSS_SELECTOR, f"label[for='{boxes[index].get_attribute('id')}']").click()
    assert driver.find_element(By.ID, "progress").text == f"3 of {total} steps done"

    driver.refresh()
    checked = [box.get_attribute("id") for box in step_boxes(driver) if box.is_selected()]
    assert checked == ["step-generate-an-api-token-1-done", "step-generate-an-api-token-5-done",
                       "step-create-credentials-and-test-the-connection-6-done"]
    assert driver.find_element(By.ID, "progress").text == f"3 of {total} steps done"
    assert json.loads(driver.execute_script(f"return localStorage.getItem('runbook-steps:{UK_TENANT}')")) == checked

    driver.find_element(By.ID, "reset-steps").click()
    assert driver.find_element(By.ID, "progress").text == f"0 of {total} steps done"
    driver.refresh()
    assert not any(box.is_selected() for box in step_boxes(driver))


# ---- The Entra experience ------------------------------------------------------------------

CLASSIC_STEPS, NEWER_STEPS, BOTH = 40, 36, 52


def choose_experience(driver, key):
    driver.find_element(By.CSS_SELECTOR, f".experience-switch input[value='{key}']").click()


def shown_experiences(driver):
    return {s.get_attribute("data-experience") for s in driver.find_elements(By.CSS_SELECTOR, "section.experience")
            if s.is_displayed()}


def test_choosing_an_experience_shows_only_its_steps_and_counts_only_them(driver, pages):
    driver.get(pages["runbook"])
    driver.execute_script("localStorage.clear()")
    driver.refresh()
    switch = driver.find_element(By.CLASS_NAME, "experience-switch")
    assert switch.tag_name == "fieldset"
    assert switch.find_element(By.TAG_NAME, "legend").text == "Which does the application's Provisioning page offer?"
    labels = [label.text for label in switch.find_elements(By.TAG_NAME, "label")]
    assert labels == ["Get started (classic experience)", "+ New configuration (newer experience)", "Not sure yet: show both"]
    assert switch.find_element(By.CSS_SELECTOR, "input[value='']").is_selected()
    assert shown_experiences(driver) == {"classic", "newer"}
    assert driver.find_element(By.ID, "progress").text == f"0 of {BOTH} steps done"

    choose_experience(driver, "newer")
    assert shown_experiences(driver) == {"newer"}
    assert driver.find_element(By.ID, "newer-experience-open-the-credentials-form").is_displayed()
    assert not driver.find_element(By.ID, "classic-experience-open-the-credentials-form").is_displayed()
    assert driver.find_element(By.ID, "both-experiences-enter-and-test-the-credentials").is_displayed()
    assert driver.find_element(By.ID, "progress").text == f"0 of {NEWER_STEPS} steps done"
    WebDriverWait(driver, 3).until(lambda d: d.find_element(By.ID, "wizard-status").get_attribute("textContent")
                                   == "Showing the steps of the newer experience.")

    choose_experience(driver, "classic")
    assert shown_experiences(driver) == {"classic"}
    assert driver.find_element(By.ID, "progress").text == f"0 of {CLASSIC_STEPS} steps done"


def test_the_experience_is_kept_per_tenant_across_reloads_and_in_the_personaliser(driver, pages):
    driver.get(pages["runbook"])
    driver.execute_script("localStorage.clear()")
    driver.refresh()
    choose_experience(driver, "newer")
    assert json.loads(driver.execute_script(f"return localStorage.getItem('runbook-experience:{UK_TENANT}')")) == "newer"
    driver.refresh()
    assert driver.find_element(By.CSS_SELECTOR, ".experience-switch input[value='newer']").is_selected()
    assert shown_experiences(driver) == {"newer"}

    # The site's runbook is the example tenant's: nothing chosen there yet.
    driver.get(pages["site-runbook"])
    assert shown_experiences(driver) == {"classic", "newer"}

    # The personaliser moves between tenants, and each brings its own choice.
    driver.get(pages["personalize"])
    personalize(driver, UK_LOGIN)
    assert shown_experiences(driver) == {"newer"}
    personalize(driver, "https://api.stage.us-1.veritone.com/v1/admin/openid/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d/callback/login")
    assert shown_experiences(driver) == {"classic", "newer"}
    assert driver.find_element(By.CSS_SELECTOR, ".experience-switch input[value='']").is_selected()


def test_print_shows_both_experiences_whatever_was_chosen(driver, pages):
    driver.get(pages["runbook"])
    driver.execute_script("localStorage.clear()")
    driver.refresh()
    choose_experience(driver, "classic")
    emulate(driver, media="print")
    assert shown_experiences(driver) == {"classic", "newer"}
    assert not driver.find_element(By.CLASS_NAME, "experience-switch").is_displayed()


def grant_clipboard(driver, url):
    origin = "/".join(url.split("/")[:3])
    driver.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})


def read_clipboard(driver):
    return driver.execute_async_script(
        "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('ERROR ' + e))")


def test_copy_buttons_put_the_value_on_the_clipboard_and_say_so(driver, pages):
    grant_clipboard(driver, pages["runbook"])
    driver.get(pages["runbook"])
    tenant_url = f"https://api.uk-1.veritone.com/v1/admin/scim/{UK_TENANT}"
    button = driver.find_element(By.CSS_SELECTOR, "button[aria-label='Copy Tenant URL']")
    assert button.tag_name == "button" and button.get_attribute("type") == "button"
    button.click()
    WebDriverWait(driver, 3).until(lambda d: button.text == "Copied")
    assert read_clipboard(driver) == tenant_url
    status = driver.find_element(By.ID, "wizard-status")
    WebDriverWait(driver, 3).until(lambda d: status.get_attribute("textContent") == "Copied Tenant URL.")
    assert status.get_attribute("role") == "status"

    shell = driver.find_elements(By.CSS_SELECTOR, "button[aria-label='Copy shell command']")
    verify = [b for b in shell if "runbook verify" in b.find_element(By.XPATH, "../pre").text]
    verify[0].click()
    # The whole snippet, prompt to unset, as it stands on the page.
    WebDriverWait(driver, 3).until(lambda d: read_clipboard(d) == verify[0].find_element(By.XPATH, "../pre").text)
    snippet = read_clipboard(driver)
    assert snippet.startswith("{\n") and f"runbook verify '{tenant_url}'\n" in snippet
    assert snippet.endswith("unset AIWARE_SCIM_TOKEN\n}")

    labels = {b.get_attribute("aria-label") for b in driver.find_elements(By.CLASS_NAME, "copy-button")}
    assert {"Copy Tenant URL", "Copy Tenant ID", "Copy PowerShell command", "Copy userPrincipalName"} <= labels


def test_copy_falls_back_to_selecting_the_text_without_the_clipboard_api(driver, pages):
    driver.get(pages["runbook"])
    driver.execute_script("Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true});"
                          "document.execCommand = () => false;")
    driver.find_element(By.CSS_SELECTOR, "button[aria-label='Copy Tenant ID']").click()
    assert driver.execute_script("return window.getSelection().toString()") == UK_TENANT
    assert "press Control+C" in driver.find_element(By.ID, "wizard-status").get_attribute("textContent") or \
        WebDriverWait(driver, 3).until(lambda d: "press Control+C" in d.find_element(By.ID, "wizard-status").get_attribute("textContent"))


def test_the_page_fetches_nothing(driver, pages):
    driver.get(pages["runbook"])
    assert resources(driver) == []
    policy = driver.find_element(By.CSS_SELECTOR, "meta[http-equiv='Content-Security-Policy']").get_attribute("content")
    assert policy.startswith("default-src 'none';") and "unsafe-inline" not in policy
    # The policy is enforced: a fetch from the page is refused.
    outcome = driver.execute_async_script(
        "const done = arguments[0]; fetch('/site/index.html').then(() => done('fetched'), e => done('refused'))")
    assert outcome == "refused"


def test_without_javascript_the_runbook_reads_whole(no_script_driver, pages):
    no_script_driver.get(pages["runbook"])
    text = no_script_driver.find_element(By.TAG_NAME, "main").text
    assert "Generate an API token" in text and "Troubleshooting" in text
    assert f"https://api.uk-1.veritone.com/v1/admin/scim/{UK_TENANT}" in text
    assert not no_script_driver.find_elements(By.CLASS_NAME, "copy-button")
    assert len(no_script_driver.find_elements(By.CSS_SELECTOR, "input.step-done")) == 52
    # Both experiences read in full, and there is nothing to choose with.
    sections = no_script_driver.find_elements(By.CSS_SELECTOR, "section.experience")
    assert {s.get_attribute("data-experience") for s in sections} == {"classic", "newer"}
    assert all(s.is_displayed() for s in sections)
    assert not no_script_driver.find_elements(By.CLASS_NAME, "experience-switch")


def test_print_hides_the_controls_and_prints_link_targets(driver, pages):
    driver.get(pages["runbook"])
    emulate(driver, media="print")
    assert not driver.find_element(By.CLASS_NAME, "wizard-bar").is_displayed()
    assert not any(b.is_displayed() for b in driver.find_elements(By.CLASS_NAME, "copy-button"))
    link = driver.find_element(By.CSS_SELECTOR, "a[href^='https://support.veritone.com']")
    after = driver.execute_script("return getComputedStyle(arguments[0], '::after').content", link)
    assert link.get_attribute("href") in after
    assert driver.execute_script(
        "return getComputedStyle(document.querySelector('li.step')).breakInside") == "avoid"


def test_the_personalisers_tenant_url_wraps_clear_of_its_copy_button(driver, pages):
    driver.get(pages["personalize"])
    personalize(driver, UK_LOGIN)
    pre = driver.find_element(By.CSS_SELECTOR, "#personalize-result pre")
    assert driver.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth", pre), "a scroll bar"
    code = driver.find_element(By.ID, "tenant-url")
    button = driver.find_element(By.CSS_SELECTOR, "#personalize-result .copy-button")
    right_of_text = driver.execute_script(
        "var r = document.createRange(); r.selectNodeContents(arguments[0]);"
        "return Math.max.apply(null, Array.from(r.getClientRects()).map(function (b) { return b.right; }))", code)
    assert right_of_text <= button.rect["x"], "the Copy button covers the end of the Tenant URL"


def test_a_value_in_brackets_keeps_its_brackets_together(driver, pages):
    driver.get(pages["runbook"])
    cell = driver.find_element(By.XPATH, "//td[strong='Region']/following-sibling::td")
    assert cell.text.endswith("(api.uk-1.veritone.com)\nCopy") or cell.text.endswith("(api.uk-1.veritone.com) Copy") \
        or cell.text.endswith("(api.uk-1.veritone.com)Copy"), cell.text
    assert cell.find_element(By.CLASS_NAME, "copy-button").get_attribute("aria-label") == "Copy Region"


@pytest.mark.parametrize("width", [1000, 390])
def test_the_home_pages_table_breaks_its_urls_only_after_a_slash(driver, pages, width):
    driver.set_window_size(width, 1000)
    try:
        driver.get(pages["index"])
        codes = driver.find_elements(By.CSS_SELECTOR, "table td code")
        assert len(codes) == 2
        for code in codes:
            assert code.text.replace("\n", "").startswith("https://api.us-1.veritone.com/v1/admin/")
            # Each part between slashes lies on one line: no break inside `api.us-1…` or `<tenant ID>`.
            lines = parts_on_one_line(driver, code)
            assert lines and all(lines), f"a part of {code.text!r} breaks across lines"
            if width == 1000:
                assert code.size["height"] < 60, "at full width a URL takes at most two lines"
    finally:
        driver.set_window_size(1000, 1400)


def parts_on_one_line(driver, code):
    """For each part of a `code.path`, whether it lies on one line."""
    return driver.execute_script(
        "return Array.from(arguments[0].querySelectorAll('span')).map(function (s) {"
        "  var r = document.createRange(); r.selectNodeContents(s);"
        "  return new Set(Array.from(r.getClientRects()).map(function (b) { return Math.round(b.top); })).size == 1; })",
        code)


def test_on_a_phone_the_tenant_url_breaks_only_after_a_slash_in_the_box_and_in_the_runbook(driver, pages):
    driver.set_window_size(390, 900)
    try:
        driver.get(pages["personalize"])
        personalize(driver, UK_LOGIN)
        box = driver.find_element(By.ID, "tenant-url")
        blocks = driver.find_elements(By.CSS_SELECTOR, "#runbook pre code.language-text.path")
        assert len(blocks) == 2
        for code in [box] + blocks:
            assert code.get_attribute("textContent").rstrip("\n") == SCIM_URL
            # The box is cut where the runbook's own blocks are.
            if code != box:
                assert code.get_attribute("innerHTML").rstrip("\n") == box.get_attribute("innerHTML")
            # A triple click still selects the whole URL, not one part.
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", code)
            ActionChains(driver).move_to_element(code.find_elements(By.TAG_NAME, "span")[1]) \
                .click().click().click().perform()
            assert driver.execute_script("return getSelection().toString()").rstrip("\n") == SCIM_URL
            parts = driver.execute_script(
                "var left = arguments[0].getBoundingClientRect().left;"
                "return Array.from(arguments[0].querySelectorAll('span')).map(function (s) {"
                "  var r = document.createRange(); r.selectNodeContents(s);"
                "  var boxes = Array.from(r.getClientRects());"
                "  return [s.textContent, new Set(boxes.map(function (b) { return Math.round(b.top); })).size,"
                "          Math.abs(boxes[0].left - left) < 1]; })",
                code)
            lines = {part: count for part, count, _ in parts}
            assert code.size["height"] > 30, "at 390 pixels it takes several lines"
            assert lines["api.uk-1.veritone.com/"] == 1, f"the host breaks: {parts}"
            # A part breaks inside itself only when even a line of its own is too short for it.
            assert all(count == 1 or starts_a_line for _, count, starts_a_line in parts), parts
            assert driver.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth",
                                         code.find_element(By.XPATH, "..")), "a scroll bar"
    finally:
        driver.set_window_size(1000, 1400)


# ---- Guided mode --------------------------------------------------------------------------

SCIM_URL = f"https://api.uk-1.veritone.com/v1/admin/scim/{UK_TENANT}"


def open_guided(driver, pages, step=None):
    """The runbook with nothing kept, in guided mode at its first step, or at `step` as kept."""
    driver.get(pages["runbook"])
    driver.execute_script("localStorage.clear()")
    if step:
        driver.execute_script(f"localStorage.setItem('runbook-guide:{UK_TENANT}', arguments[0])",
                              json.dumps({"on": True, "step": step}))
        driver.refresh()
    else:
        driver.refresh()
        driver.find_element(By.ID, "guide-me").click()


def heading(driver):
    return driver.find_element(By.ID, "guide-heading").text


def shown_steps(driver):
    return [li.get_attribute("id") for li in driver.find_elements(By.CSS_SELECTOR, "li.step") if li.is_displayed()]


def press(driver, key):
    driver.switch_to.active_element.send_keys(key)


def test_guided_mode_shows_one_step_with_its_part_and_warnings_and_ticks_it_going_forward(driver, pages):
    open_guided(driver, pages)
    assert heading(driver) == f"Step 1 of {BOTH}"
    assert driver.switch_to.active_element.get_attribute("id") == "guide-heading", "focus moves to the step's heading"
    assert driver.find_element(By.CLASS_NAME, "guide-part").text == "Generate an API token"
    assert shown_steps(driver) == ["step-generate-an-api-token-1"]
    callouts = [c.find_element(By.CLASS_NAME, "callout-label").text
                for c in driver.find_elements(By.CSS_SELECTOR, "aside.callout") if c.is_displayed()]
    assert callouts == ["Warning", "Caution"], "the warnings of the step's list, and no other"
    assert not driver.find_element(By.ID, "your-values").is_displayed()
    assert driver.find_element(By.ID, "guide-back").get_attribute("disabled") == "true"

    driver.find_element(By.ID, "guide-next").click()
    assert heading(driver) == f"Step 2 of {BOTH}"
    assert driver.find_element(By.ID, "step-generate-an-api-token-1-done").is_selected()
    assert driver.find_element(By.ID, "progress").text == f"1 of {BOTH} steps done"
    WebDriverWait(driver, 2).until(lambda d: "Step 2 of" in d.find_element(By.ID, "wizard-status").text)


def test_guided_mode_keys_enter_and_arrows_move_escape_returns_to_the_full_page(driver, pages):
    open_guided(driver, pages)
    press(driver, Keys.ARROW_RIGHT)
    assert heading(driver) == f"Step 2 of {BOTH}"
    press(driver, Keys.ENTER)
    assert heading(driver) == f"Step 3 of {BOTH}"
    press(driver, Keys.ARROW_LEFT)
    assert heading(driver) == f"Step 2 of {BOTH}"
    assert [b.get_attribute("id") for b in step_boxes(driver) if b.is_selected()] == [
        "step-generate-an-api-token-1-done", "step-generate-an-api-token-2-done"]
    press(driver, Keys.ESCAPE)
    assert driver.find_element(By.ID, "your-values").is_displayed()
    assert not driver.find_element(By.ID, "guide-heading").is_displayed()
    assert driver.find_element(By.ID, "guide-me").text == "Guide me"
    assert driver.switch_to.active_element.get_attribute("id") == "guide-me"


def test_guided_mode_resumes_its_step_on_reload_from_either_mode(driver, pages):
    open_guided(driver, pages)
    for _ in range(4):
        driver.find_element(By.ID, "guide-next").click()
    driver.refresh()
    assert heading(driver) == f"Step 5 of {BOTH}", "guided mode resumes where it was"
    driver.find_element(By.ID, "guide-leave").click()
    driver.refresh()
    assert not driver.find_element(By.ID, "guide-heading").is_displayed(), "the full page stays the full page"
    assert sum(box.is_selected() for box in step_boxes(driver)) == 4
    driver.find_element(By.ID, "guide-me").click()
    assert heading(driver) == f"Step 5 of {BOTH}"


def test_guided_mode_shows_a_steps_values_with_copy_buttons(driver, pages):
    open_guided(driver, pages, step="step-create-credentials-and-test-the-connection-8")
    assert heading(driver).startswith("Step ")
    assert driver.find_element(By.CLASS_NAME, "guide-part").text.startswith("Create credentials and test the connection › ")
    step = driver.find_element(By.ID, "step-create-credentials-and-test-the-connection-8")
    assert step.find_element(By.TAG_NAME, "pre").text.strip() == SCIM_URL
    assert step.find_element(By.CLASS_NAME, "copy-button").is_displayed()
    driver.find_element(By.ID, "guide-next").click()
    driver.find_element(By.CSS_SELECTOR,
                        "#step-create-credentials-and-test-the-connection-9 a[href='#generate-an-api-token']").click()
    assert driver.find_element(By.ID, "your-values").is_displayed(), "a link inside the runbook leads to the full page"


def test_guided_mode_counts_only_the_chosen_experience(driver, pages):
    driver.get(pages["runbook"])
    driver.execute_script("localStorage.clear()")
    driver.refresh()
    choose_experience(driver, "classic")
    driver.find_element(By.ID, "guide-me").click()
    assert heading(driver) == f"Step 1 of {CLASSIC_STEPS}"


def test_guided_mode_ends_on_a_summary_with_the_tenants_commands(driver, pages):
    open_guided(driver, pages, step=f"step-generate-an-api-token-7")
    driver.find_element(By.ID, "guide-next").click()
    while heading(driver).startswith("Step "):
        driver.find_element(By.ID, "guide-next").click()
    assert heading(driver) == f"All {BOTH} steps"
    summary = driver.find_element(By.ID, "guide-summary")
    codes = [code.text for code in summary.find_elements(By.TAG_NAME, "code")]
    assert codes == [f"runbook verify '{SCIM_URL}'", "runbook explain -"]
    assert summary.text.startswith(f"{BOTH - 6} of {BOTH} steps done.")
    assert driver.find_element(By.ID, "watching-provisioning").is_displayed(), "what to watch in Provisioning logs"
    done = driver.find_element(By.ID, "guide-next")
    assert done.text == "Done"
    done.click()
    assert driver.find_element(By.ID, "your-values").is_displayed()


def test_guided_mode_prints_the_whole_runbook(driver, pages):
    open_guided(driver, pages)
    emulate(driver, media="print")
    try:
        assert driver.find_element(By.ID, "your-values").is_displayed()
        assert len(shown_steps(driver)) == BOTH
        assert not driver.find_element(By.ID, "guide-heading").is_displayed()
        assert not driver.find_element(By.ID, "guide-nav").is_displayed()
    finally:
        emulate(driver)


# ---- Accessibility and screenshots --------------------------------------------------------

PAGES = ["runbook", "index", "personalize", "site-runbook", "verify"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", PAGES)
def test_no_serious_accessibility_violation(driver, pages, page, scheme):
    driver.get(pages[page])
    emulate(driver, scheme=scheme)
    if page == "personalize":
        personalize(driver, "http://api.us-1.veritone.com/")  # an error shown on the page is checked too
    assert_accessible(driver)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("experience", ["classic", "newer"])
def test_no_serious_accessibility_violation_with_an_experience_chosen(driver, pages, experience, scheme):
    driver.get(pages["runbook"])
    driver.execute_script("localStorage.clear()")  # the full page, whatever earlier tests left
    driver.refresh()
    choose_experience(driver, experience)
    emulate(driver, scheme=scheme)
    assert_accessible(driver)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation_in_guided_mode(driver, pages, scheme):
    open_guided(driver, pages, step="step-create-credentials-and-test-the-connection-8")
    emulate(driver, scheme=scheme)
    assert_accessible(driver)
    emulate(driver)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_guided_mode_for_review(driver, pages, scheme):
    open_guided(driver, pages, step="step-create-credentials-and-test-the-connection-8")
    emulate(driver, scheme=scheme)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = SCREENSHOTS / f"runbook-guided-{scheme}.png"
    driver.save_screenshot(str(name))
    emulate(driver)
    assert name.stat().st_size > 10_000


@pytest.mark.parametrize("page", ["runbook", "index", "personalize"])
def test_screenshots_for_review(driver, pages, page):
    driver.get(pages[page])
    driver.execute_script("localStorage.clear()")  # what earlier tests chose does not show
    driver.refresh()
    if page == "personalize":
        personalize(driver, UK_LOGIN)
        driver.execute_script("var f = document.getElementById('customer-name'); f.value = 'Contoso Ltd';"
                              "f.dispatchEvent(new Event('input'))")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for media, scheme in (("", "light"), ("", "dark"), ("print", "light")):
        emulate(driver, media=media, scheme=scheme)
        name = SCREENSHOTS / f"{page}-{'print' if media else scheme}.png"
        driver.save_screenshot(str(name))
        assert name.stat().st_size > 10_000


@pytest.mark.parametrize("experience", ["classic", "newer"])
def test_screenshots_of_each_experience_for_review(driver, pages, experience):
    driver.get(pages["runbook"])
    driver.execute_script("localStorage.clear()")
    driver.refresh()
    choose_experience(driver, experience)
    # The part where the experiences part ways, in a tall window.
    driver.set_window_size(1000, 2400)
    try:
        driver.execute_script("document.getElementById('create-credentials-and-test-the-connection').scrollIntoView()")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = SCREENSHOTS / f"runbook-{experience}.png"
        driver.save_screenshot(str(name))
        assert name.stat().st_size > 10_000
    finally:
        driver.set_window_size(1000, 1400)
