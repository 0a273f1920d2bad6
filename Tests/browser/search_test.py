#!/usr/bin/env python3
"""The search page in headless chromium, with JavaScript on and off, and axe-core on each state.

Usage: search_test.py SITE_FOLDER BASE_URL
SITE_FOLDER is a build of the example site (Content/) served at BASE_URL (with-server.sh does both). With JavaScript
on: type a prefix, see the matching entries with title matches first, filter by kind, follow the linkable address,
get a clear message for no results. With JavaScript off: the tag and principle indexes instead of the form. axe-core
(WCAG 2.2 AA and best practice) must find no violation in any of those states. Prints `search: N passed, M failed`
and exits 1 on any failure.
"""
import json
import os
import re
import sys
import time
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

# The same axe-core and rules as every other page.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from axe_site import TAGS, axe_script  # noqa: E402

# From the example site's Content/: two titles hold "discharge"; others mention it only in their text.
PREFIX = "disch"
TITLE_MATCHES = {"A discharge on a Friday afternoon", "A hospital discharge that held"}
AAR_TITLE = "A discharge on a Friday afternoon"
BRIGHT_SPOT_TITLE = "A hospital discharge that held"
NO_MATCH = "zqxjkvw"

passed = failed = 0


def check(condition, what, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {what}")
    else:
        failed += 1
        print(f"FAIL {what}" + (f": {detail}" if detail else ""))
    return condition


def browser(javascript=True):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def axe(driver, state, script):
    driver.execute_script(script)
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: %s}}).then(done)"
        ".catch(function (e) { done({error: String(e)}); });" % json.dumps(TAGS))
    if "error" in result:
        return check(False, f"axe-core runs on the search page {state}", result["error"])
    lines = []
    for violation in result["violations"]:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} "
                     + " ".join(str(node["target"]) for node in violation["nodes"][:3]))
    return check(not lines, f"axe-core: no violations on the search page {state}", "\n  ".join([""] + lines))


def axe_without_the_script(base, script):
    """axe-core needs JavaScript, which the first driver has switched off (its timers never fire). So run it where
    the page's own script is blocked from loading: the page is then exactly what a browser without JavaScript shows,
    as the first checks of without_javascript confirm for the real thing."""
    driver = browser()
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/assets/search.js*"]})
        driver.get(base + "/search/")
        check(driver.find_element(By.ID, "search-browse").is_displayed()
              and not driver.find_element(By.ID, "search-form").is_displayed(),
              "with the search script blocked the page shows the indexes, as without JavaScript")
        axe(driver, "without JavaScript (search script blocked)", script)
    finally:
        driver.quit()


def results(driver):
    items = driver.find_elements(By.CSS_SELECTOR, "#search-list > li")
    return [{
        "title": item.find_element(By.CSS_SELECTOR, ".card-title a").text,
        "href": item.find_element(By.CSS_SELECTOR, ".card-title a").get_attribute("href"),
        "kind": item.find_element(By.CSS_SELECTOR, ".kind-label").text,
    } for item in items]


def status(driver):
    return driver.find_element(By.ID, "search-status").text


def wait_for(driver, condition, what, timeout=10):
    try:
        WebDriverWait(driver, timeout).until(lambda d: condition(d))
        return True
    except TimeoutException:
        return check(False, what, "timed out")


def page_exists(folder, href):
    path = urlsplit(href).path
    return os.path.isfile(os.path.join(folder, path.lstrip("/"), "index.html"))


def with_javascript(folder, base, script):
    driver = browser()
    try:
        driver.get(base + "/search/")
        form = driver.find_element(By.ID, "search-form")
        box = driver.find_element(By.ID, "search-q")
        wait_for(driver, lambda d: "Loading" not in status(d), "the index loads")
        check(form.is_displayed(), "the script reveals the search form")
        check(not driver.find_element(By.ID, "search-browse").is_displayed(),
              "the script hides the tag and principle indexes")
        check(driver.find_element(By.CSS_SELECTOR, "label[for=search-q]").text.strip() != "", "the search box has a label")
        headings = [h.tag_name + ":" + h.text for h in driver.find_elements(By.CSS_SELECTOR, "main h1, main h2")
                    if h.is_displayed()]
        check(headings == ["h1:Search", "h2:Results"], "headings are h1 Search then h2 Results", str(headings))
        axe(driver, "before a search (JavaScript on)", script)

        # Type a prefix: the entries holding a word that starts with it, title matches first.
        box.send_keys(PREFIX)
        wait_for(driver, lambda d: len(results(d)) > 0, f"results appear for '{PREFIX}'")
        found = results(driver)
        titles = [r["title"] for r in found]
        check(TITLE_MATCHES <= set(titles), f"'{PREFIX}' finds both entries with 'discharge' in the title", str(titles))
        check(set(titles[:2]) == TITLE_MATCHES, "title matches are ranked above matches in the text", str(titles))
        check(len(titles) > 2, f"'{PREFIX}' also finds entries that mention it only in their text", str(titles))
        check(all(page_exists(folder, r["href"]) for r in found), "every result links to a page of the site",
              str([r["href"] for r in found if not page_exists(folder, r["href"])]))
        check(str(len(found)) in status(driver) and "match" in status(driver),
              "the live region announces how many match", status(driver))
        check(driver.find_element(By.ID, "search-status").get_attribute("aria-live") == "polite",
              "the count is in a polite live region")
        check(f"q={PREFIX}" in driver.current_url, "the address holds the query", driver.current_url)
        axe(driver, "with results", script)

        # Filter by kind: only After Action Reviews.
        Select(driver.find_element(By.ID, "search-kind")).select_by_value("aar")
        wait_for(driver, lambda d: all(r["kind"] == "After Action Review" for r in results(d)),
                 "the kind filter applies")
        narrowed = results(driver)
        names = [r["title"] for r in narrowed]
        check(0 < len(narrowed) < len(found), "filtering by kind narrows the list", f"{len(found)} → {len(narrowed)}")
        check(all(r["kind"] == "After Action Review" for r in narrowed), "only After Action Reviews are left",
              str([r["kind"] for r in narrowed]))
        check(names and names[0] == AAR_TITLE and BRIGHT_SPOT_TITLE not in names,
              "the AAR with the title match is first and the Bright Spot has gone", str(names))
        check("kind=aar" in driver.current_url, "the address holds the filter", driver.current_url)

        # The address is a link to the same results.
        driver.get(base + f"/search/?q={PREFIX}&kind=aar")
        wait_for(driver, lambda d: len(results(d)) > 0, "a linked search shows results on load")
        check([r["title"] for r in results(driver)] == names, "a linked search shows the same results")
        check(driver.find_element(By.ID, "search-q").get_attribute("value") == PREFIX
              and Select(driver.find_element(By.ID, "search-kind")).first_selected_option.get_attribute("value") == "aar",
              "a linked search fills in the form")

        # All words must match (AND), each by prefix, in any field.
        driver.get(base + "/search/?q=" + "disch%20chest")
        wait_for(driver, lambda d: len(results(d)) > 0, "two words find results")
        both = [r["title"] for r in results(driver)]
        check(both and both[0] == BRIGHT_SPOT_TITLE and AAR_TITLE not in both,
              "every word must match: 'disch chest' leaves out the discharge entry without 'chest'", str(both))

        # A query that matches nothing says so clearly.
        box = driver.find_element(By.ID, "search-q")
        box.clear()
        box.send_keys(NO_MATCH)
        wait_for(driver, lambda d: "No reflections match" in status(d), "a no-results message appears")
        check(not results(driver), "no results are listed for a nonsense word")
        check(NO_MATCH in status(driver), "the message names the query", status(driver))
        axe(driver, "with no results", script)

        # A filter alone lists every entry it keeps, newest first.
        driver.get(base + "/search/?tag=housing")
        wait_for(driver, lambda d: len(results(d)) > 0, "a tag filter alone lists entries")
        housing = len(results(driver))
        with open(os.path.join(folder, "tags", "housing", "index.html"), encoding="utf-8") as page:
            tagged = re.search(r"<h2>(\d+) entr", page.read())
        check(tagged and housing == int(tagged.group(1)),
              "a tag filter alone lists as many entries as the tag's page counts", f"{housing} vs {tagged and tagged.group(1)}")

        # Nothing came from another host; no script errors.
        origins = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)")
        check(all(o == base for o in origins), "nothing is loaded from another host", str(set(origins)))
        errors = [entry for entry in driver.get_log("browser")
                  if entry["level"] == "SEVERE" and "favicon.ico" not in entry["message"]]
        check(not errors, "no errors in the browser console", str(errors[:3]))
    finally:
        driver.quit()


def without_javascript(base):
    driver = browser(javascript=False)
    try:
        driver.get(base + "/search/")
        check(not driver.find_element(By.ID, "search-form").is_displayed(),
              "without JavaScript the form (which could not work) is hidden")
        check(not driver.find_element(By.ID, "search-results").is_displayed(),
              "without JavaScript there is no empty results section")
        browse = driver.find_element(By.ID, "search-browse")
        check(browse.is_displayed(), "without JavaScript the tag and principle indexes show")
        hrefs = [a.get_attribute("href") for a in browse.find_elements(By.TAG_NAME, "a")]
        paths = [urlsplit(h).path for h in hrefs]
        check(any(p.startswith("/tags/") and p != "/tags/" for p in paths), "the fallback links to tag pages", str(paths))
        check(sum(p.startswith("/principles/") for p in paths) == 12, "the fallback links to all twelve principles",
              str(paths))
        headings = [h.tag_name + ":" + h.text for h in driver.find_elements(By.CSS_SELECTOR, "main h1, main h2, main h3")
                    if h.is_displayed()]
        check(headings[:2] == ["h1:Search", "h2:Browse by tag and principle"], "headings are in order without JavaScript",
              str(headings))
    finally:
        driver.quit()


def main(folder, base):
    base = base.rstrip("/")
    script = axe_script()
    started = time.monotonic()
    with_javascript(folder, base, script)
    without_javascript(base)
    axe_without_the_script(base, script)
    print(f"search: {passed} passed, {failed} failed ({time.monotonic() - started:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[-2], sys.argv[-1]))
