"""Retake the README's pictures: the schedule grid and the floor plan, in Chinese.

    python docs/screenshots.py http://127.0.0.1:8765

The base URL is a running portal with the demo data (`make demo`, then `runserver`);
`make screenshots` does all of it. The pictures are taken with Playwright's sync API driving
Debian's Chromium (`apt-get install chromium fonts-noto-cjk`; CHROMIUM_PATH overrides the
path), never a browser Playwright downloads, at a desktop width of 1280 px, and written to
docs/img/ next to this file.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

IMAGES = Path(__file__).resolve().parent / "img"
WIDTH = 1280
HEIGHT = 800
# (file, address, the element the picture starts at, the picture's height in px)
SHOTS = [
    ("schedule-grid.png", "/schedule/grid/?day=2018-06-20", "h1", 720),
    ("floor-plan.png", "/floor-plan/", "h1", 1000),
]


def take(base_url):
    IMAGES.mkdir(exist_ok=True)
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        try:
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT}, locale="zh-CN")
            for name, address, start, height in SHOTS:
                page.goto(base_url.rstrip("/") + address, wait_until="networkidle")
                top = page.locator(start).first.bounding_box()["y"]
                # Start a little above the heading, so the picture opens on the page's title.
                clip = {"x": 0, "y": max(0, top - 16), "width": WIDTH, "height": height}
                page.screenshot(path=IMAGES / name, clip=clip, full_page=True)
                size = (IMAGES / name).stat().st_size
                print(f"{IMAGES / name}: {size // 1024} KB")
        finally:
            browser.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    take(sys.argv[1])
