"""The web console in a real browser: Debian's headless Chromium driven by Selenium through Debian's chromedriver.

Each scenario saves screenshots (desktop and phone width) under interop/screenshots/ (git-ignored). Every wait is
bounded by WAIT_S. Run through `interop/run.sh`, which starts `switchyard serve --demo` and exports the keys; the
tests are skipped when Chromium or chromedriver is not installed (`.ci/run` installs both).
"""

from __future__ import annotations

import base64
import http.server
import json
import os
import threading
import urllib.request
from pathlib import Path

import pytest

from conftest import wait_for_generation

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCREENSHOTS = Path(__file__).parent / "screenshots"
WAIT_S = 15.0
DESKTOP = (1280, 900)
PHONE = (390, 844)

OPERATOR_PAGES = [
    "/console/dashboard", "/console/channels", "/console/channels/1", "/console/users", "/console/keys", "/console/prices",
    "/console/logs", "/console/tasks", "/console/reconciliation",
]

pytestmark = pytest.mark.skipif(
    not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)), reason="Chromium and chromedriver are not installed"
)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--mute-audio",
                     f"--window-size={DESKTOP[0]},{DESKTOP[1]}", "--autoplay-policy=no-user-gesture-required"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT_S)
    driver.set_script_timeout(WAIT_S)
    yield driver
    driver.quit()


def wait(driver, condition, message: str):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT_S, poll_frequency=0.1).until(condition, message)


def shot(driver, name: str, phone: bool = False) -> Path:
    """Saves the whole page (not only the window) as a PNG, at desktop width or at a phone's."""
    SCREENSHOTS.mkdir(exist_ok=True)
    width, height = PHONE if phone else DESKTOP
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": phone})
    try:
        full = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": width, "height": min(int(full["height"]) + 1, 6000), "scale": 1}
        image = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip})
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    path = SCREENSHOTS / f"{name}{'-phone' if phone else ''}.png"
    path.write_bytes(base64.b64decode(image["data"]))
    return path


def sign_in(driver, gateway_url: str, key: str) -> None:
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(gateway_url + "/console/sign-in")
    from selenium.webdriver.common.keys import Keys

    # By keyboard, as a person would: type the key and press Enter.
    driver.find_element(By.ID, "sign-in-key").send_keys(key, Keys.ENTER)
    wait(driver, lambda d: "/console/sign-in" not in d.current_url, "the sign-in did not leave the sign-in page")


def fill(driver, form_id: str, values: dict) -> None:
    """Types into (or picks in) the labelled fields of a form and submits it, as a person would."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    for name, value in values.items():
        field = driver.find_element(By.ID, f"{form_id}-{name}")
        if field.tag_name == "select":
            Select(field).select_by_value(value)
        else:
            field.clear()
            field.send_keys(value)
    # The page that answers is a new document: the mark set on this one is gone once it has loaded.
    driver.execute_script("window.consoleFormSent = true")
    driver.find_element(By.CSS_SELECTOR, f"#{form_id} button[type=submit]").click()
    wait(driver, lambda d: d.execute_script("return !window.consoleFormSent && document.readyState === 'complete'"),
         f"{form_id} was not answered")


def heading(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "h1").text


def admin_api(gateway_url: str, admin_key: str, method: str, path: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(
        gateway_url + path, method=method, data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {admin_key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["data"]


def test_operator_first_five_minutes(browser, gateway_url, env_key):
    from selenium.webdriver.common.by import By

    admin_key = env_key("SWITCHYARD_ADMIN_KEY")
    browser.delete_all_cookies()
    browser.get(gateway_url + "/console")
    assert browser.current_url.endswith("/console/sign-in"), "an unsigned visitor is sent to sign in"
    shot(browser, "operator-01-sign-in")
    shot(browser, "operator-01-sign-in", phone=True)
    sign_in(browser, gateway_url, admin_key)
    assert browser.current_url.endswith("/console/dashboard")
    assert heading(browser) == "Dashboard"

    # A channel pointing at the emulator (where the demo's OpenAI channel points), tried before the demo's.
    emulator_openai = next(c["base_url"] for c in admin_api(gateway_url, admin_key, "GET", "/api/channel?page_size=100")["items"]
                           if c["name"] == "demo-openai" and c["status"] == "enabled")
    browser.get(gateway_url + "/console/channels")
    fill(browser, "add-channel", {"name": "acme-openai", "family": "openai", "base_url": emulator_openai,
                                  "key": "sk-upstream-acme", "models": "gpt-4o-mini", "priority": "50"})
    assert "Channel added" in browser.find_element(By.CLASS_NAME, "notice").text
    channel_id = browser.current_url.split("/console/channels/")[1].split("?")[0]
    assert "sk-upstream-acme" not in browser.page_source, "the upstream key is never shown after saving"
    fill(browser, "test", {})
    assert "The upstream answered: HTTP 200" in browser.find_element(By.CLASS_NAME, "notice").text
    shot(browser, "operator-02-channel-tested")

    browser.get(gateway_url + "/console/users")
    fill(browser, "create-user", {"name": "Acme Ltd"})
    assert heading(browser) == "Acme Ltd"
    user_id = browser.current_url.split("/console/users/")[1].split("?")[0]
    fill(browser, "topup", {"amount": "20.00", "note": "first invoice"})
    assert "Top-up recorded" in browser.find_element(By.CLASS_NAME, "notice").text
    assert "$20.00" in browser.find_element(By.CLASS_NAME, "stats").text
    shot(browser, "operator-03-user-topped-up")
    fill(browser, "create-key", {"name": "acme-prod", "rpm": "600"})
    key = browser.find_element(By.ID, "new-key").get_attribute("value")
    assert key.startswith("sk-")
    shot(browser, "operator-04-key-shown-once")
    shot(browser, "operator-04-key-shown-once", phone=True)

    # A real call with the new key, as the customer's program would make it.
    import openai

    client = openai.OpenAI(api_key=key, base_url=gateway_url + "/v1", max_retries=0, timeout=20.0)
    answer = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hello from Acme"}])
    assert answer.choices[0].message.content

    # The call in the logs (the usage log is written a moment after the call), then on the dashboard.
    def logged(driver):
        driver.get(f"{gateway_url}/console/logs?user_id={user_id}")
        rows = driver.find_elements(By.CSS_SELECTOR, "tbody tr")
        return rows if rows and "gpt-4o-mini" in rows[0].text and f"#{channel_id}" in rows[0].text else False

    rows = wait(browser, logged, "the call did not appear in the logs")
    assert len(rows) == 1
    shot(browser, "operator-05-logs")
    shot(browser, "operator-05-logs", phone=True)
    browser.get(gateway_url + "/console/dashboard")
    by_channel = next(s for s in browser.find_elements(By.CSS_SELECTOR, "section.card")
                      if s.find_element(By.TAG_NAME, "h2").text.startswith("By channel"))
    row = next(r for r in by_channel.find_elements(By.CSS_SELECTOR, "tbody tr") if "acme-openai" in r.text)
    cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
    assert cells[1] == "1" and cells[4] == "1", f"one call on the new channel today and this month: {cells}"
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart")) == 5
    shot(browser, "operator-06-dashboard")
    shot(browser, "operator-06-dashboard", phone=True)


def test_customer_sees_a_finished_luma_generation_play(browser, gateway_url, luma, env_key):
    from selenium.webdriver.common.by import By

    created = luma.generations.create(prompt="A tiger walking in snow, for the console", model="ray-2")
    done = wait_for_generation(luma, created.id)
    assert done.state == "completed"
    sign_in(browser, gateway_url, env_key("SWITCHYARD_KEY"))
    assert browser.current_url.endswith("/console/me")
    shot(browser, "customer-01-overview")
    shot(browser, "customer-01-overview", phone=True)
    browser.get(gateway_url + "/console/me/tasks")
    video = browser.find_element(By.CSS_SELECTOR, f"video[src='{done.assets.video}']")
    state = wait(browser, lambda d: d.execute_script(
        "const v = arguments[0]; return v.readyState >= 1 && isFinite(v.duration) && v.duration > 0"
        " ? {readyState: v.readyState, duration: v.duration} : (v.error ? {error: v.error.code} : false)", video),
        "the video's metadata did not load")
    assert "error" not in state, f"the browser could not play the video: {state}"
    assert state["duration"] > 0
    browser.execute_script("arguments[0].scrollIntoView()", video)
    shot(browser, "customer-02-tasks")
    shot(browser, "customer-02-tasks", phone=True)

    # The operator's view of the same task: its details, the video, and its money history (held, then settled).
    sign_in(browser, gateway_url, env_key("SWITCHYARD_ADMIN_KEY"))
    browser.get(f"{gateway_url}/console/tasks?family=luma&state=succeeded")
    browser.find_element(By.LINK_TEXT, done.id).click()
    wait(browser, lambda d: d.current_url.endswith(f"/console/tasks/{done.id}"), "the task's page did not open")
    assert browser.find_elements(By.CSS_SELECTOR, f"video[src='{done.assets.video}']")
    history = next(s for s in browser.find_elements(By.CSS_SELECTOR, "section.card") if s.find_element(By.TAG_NAME, "h2").text == "History")
    assert [row.find_elements(By.TAG_NAME, "td")[1].text for row in history.find_elements(By.CSS_SELECTOR, "tbody tr")] == ["hold", "settle"]
    shot(browser, "operator-07-task-detail")
    for page in ("channels", "users", "prices"):
        browser.get(f"{gateway_url}/console/{page}")
        shot(browser, f"operator-08-{page}")


def test_customer_is_refused_on_every_operator_page(browser, gateway_url, env_key):
    from selenium.webdriver.common.by import By

    sign_in(browser, gateway_url, env_key("SWITCHYARD_BILLING_KEY"))
    assert browser.current_url.endswith("/console/me")
    for path in OPERATOR_PAGES:
        browser.get(gateway_url + path)
        assert browser.current_url == gateway_url + path, f"{path}: refused in place, not redirected"
        assert heading(browser) == "Not allowed", path
        assert "This page is for operators" in browser.find_element(By.CLASS_NAME, "problem").text, path
    shot(browser, "customer-03-refused")
    # The customer's own pages are still theirs.
    browser.get(gateway_url + "/console/me/usage")
    assert heading(browser) == "Usage"


class _AttackerPage(http.server.BaseHTTPRequestHandler):
    """Another origin's page that posts a top-up form to the console as soon as it loads."""

    html = b""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.html)

    def log_message(self, *args):
        pass


def test_a_cross_site_form_post_is_refused(browser, gateway_url, env_key):
    from selenium.webdriver.common.by import By

    admin_key = env_key("SWITCHYARD_ADMIN_KEY")
    victim = admin_api(gateway_url, admin_key, "POST", "/api/user", {"name": "csrf victim"})
    target = f"{gateway_url}/console/users/{victim['id']}/topup"
    sign_in(browser, gateway_url, admin_key)

    page = (f'<!doctype html><title>Win a prize</title><form method="post" action="{target}">'
            '<input name="amount" value="500.00"><input name="idempotency_key" value="attacker">'
            '<input name="csrf" value="0000000000000000000000000000000000000000000000000000000000000000"></form>'
            '<script>document.forms[0].submit()</script>').encode()
    handler = type("Attacker", (_AttackerPage,), {"html": page})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        browser.get(f"http://127.0.0.1:{server.server_address[1]}/")
        wait(browser, lambda d: d.current_url.startswith(gateway_url) and d.execute_script("return document.readyState") == "complete",
             "the attacker's form was not submitted")
        assert heading(browser) == "Not allowed"
        assert "another site" in browser.find_element(By.CLASS_NAME, "problem").text
        shot(browser, "csrf-refused")
    finally:
        server.shutdown()
        server.server_close()
    user = admin_api(gateway_url, admin_key, "GET", f"/api/user/{victim['id']}")
    assert user["balance"] == "0.00", "the cross-site post changed nothing"
    # The operator's own session is untouched: the console still opens.
    browser.get(gateway_url + "/console/dashboard")
    assert heading(browser) == "Dashboard"
