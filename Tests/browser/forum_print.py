#!/usr/bin/env python3
"""Print check for forum agendas: every edition page, in print media, hides navigation and fits on one or two
A4 pages. Saves a print-media screenshot of each to .build/print/ for people to look at.

Usage: forum_print.py SITE_FOLDER BASE_URL   (with a server serving SITE_FOLDER at BASE_URL)
"""
import base64
import os
import re
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def main(folder, base):
    editions = sorted(d for d in os.listdir(os.path.join(folder, "forum"))
                      if re.fullmatch(r"\d{4}-\d{2}", d))
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=800,1100"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    os.makedirs(".build/print", exist_ok=True)
    passed = failed = 0
    try:
        for month in editions:
            url = f"{base.rstrip('/')}/forum/{month}/"
            driver.get(url)
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            nav_shown = driver.execute_script(
                "return getComputedStyle(document.querySelector('.site-nav')).display !== 'none'")
            agenda_or_empty = driver.execute_script(
                "return !!document.querySelector('.agenda, .empty')")
            driver.save_screenshot(f".build/print/forum-{month}.png")
            pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {
                "paperWidth": 8.27, "paperHeight": 11.69, "printBackground": False})["data"])
            pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
            problems = []
            if nav_shown:
                problems.append("navigation is printed")
            if not agenda_or_empty:
                problems.append("no agenda in print")
            if not 1 <= pages <= 2:
                problems.append(f"prints on {pages} pages")
            if problems:
                failed += 1
                print(f"FAIL {url}: " + "; ".join(problems))
            else:
                passed += 1
                print(f"ok   {url}: {pages} printed page(s), screenshot .build/print/forum-{month}.png")
    finally:
        driver.quit()
    print(f"print: {passed} passed, {failed} failed")
    return 1 if failed or not editions else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
