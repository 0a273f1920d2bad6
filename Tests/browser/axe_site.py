#!/usr/bin/env python3
"""Run axe-core (WCAG 2.2 AA and best practice) on every page of a built site in headless chromium.

Usage: axe_site.py SITE_FOLDER BASE_URL
Every .html file under SITE_FOLDER is loaded from BASE_URL (a server already serving that folder) and checked.
Exits 1 if any page has a violation. Needs Debian's chromium and chromium-driver, selenium, and
axe-playwright-python (which ships axe.min.js); `make test` installs them.
"""
import importlib.util
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_script():
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None:
        sys.exit("axe_site: pip install --no-deps axe-playwright-python==0.1.8")
    with open(os.path.join(os.path.dirname(spec.origin), "axe.min.js"), encoding="utf-8") as f:
        return f.read()


def page_urls(folder, base):
    urls = []
    for directory, _, files in os.walk(folder):
        for name in files:
            if not name.endswith(".html"):
                continue
            relative = os.path.relpath(os.path.join(directory, name), folder).replace(os.sep, "/")
            path = relative[: -len("index.html")] if relative.endswith("index.html") else relative
            urls.append(base.rstrip("/") + "/" + path)
    return sorted(urls)


def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main(folder, base):
    urls = page_urls(folder, base)
    if not urls:
        print(f"axe_site: no pages under {folder}")
        return 1
    axe = axe_script()
    driver = browser()
    passed = failed = 0
    try:
        for url in urls:
            driver.get(url)
            driver.execute_script(axe)
            result = driver.execute_async_script(
                "var done = arguments[arguments.length - 1];"
                "axe.run(document, {runOnly: {type: 'tag', values: %s}}).then(done)"
                ".catch(function (e) { done({error: String(e)}); });" % json.dumps(TAGS))
            if "error" in result:
                print(f"FAIL {url}: axe error {result['error']}")
                failed += 1
                continue
            violations = result["violations"]
            if violations:
                failed += 1
                print(f"FAIL {url}: {len(violations)} violation(s)")
                for violation in violations:
                    print(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
                    for node in violation["nodes"][:3]:
                        print(f"      {node['target']}")
            else:
                passed += 1
    finally:
        driver.quit()
    print(f"axe: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
