"""Headless Chromium for the browser tests (Debian's chromium and chromium-driver, driven by selenium), and a
pixel count to tell a blank screenshot from a page.

Also a small command to take screenshots, as the ones in docs/ were taken:

    .venv/bin/python tests/report/report_browser.py OUT.png PAGE.html[#fragment] [WIDTH HEIGHT]
"""

from __future__ import annotations

import base64
import os
import shutil
import sys
import tempfile
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


def find_browser() -> tuple[str | None, str | None, str]:
    """(chromium, chromedriver, why not) from $CHROMIUM / $CHROMEDRIVER or the PATH."""
    chromium = os.environ.get("CHROMIUM") or next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
    )
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    try:
        import selenium  # noqa: F401
    except ImportError:
        return chromium, driver, "selenium is not installed (make install installs requirements.lock)"
    if not chromium or not driver:
        return chromium, driver, "no chromium / chromedriver: apt-get install -y chromium chromium-driver"
    return chromium, driver, ""


def start(width: int = 1280, height: int = 900):
    """A headless Chromium session with a new empty profile; nothing is downloaded (selenium is given the
    system driver, so its manager never runs)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver, why = find_browser()
    if why:
        raise RuntimeError(why)
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for flag in FLAGS:
        opts.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="report-chromium-")
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_argument(f"--window-size={width},{height}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(service=Service(driver), options=opts)
    session.profile_dir = profile
    return session


def stop(session) -> None:
    try:
        session.quit()
    finally:
        shutil.rmtree(session.profile_dir, ignore_errors=True)


INK_JS = """
const [uri, done] = arguments;
const img = new Image();
img.onload = () => {
  const c = document.createElement("canvas");
  c.width = img.width; c.height = img.height;
  const g = c.getContext("2d");
  g.drawImage(img, 0, 0);
  const px = new Uint32Array(g.getImageData(0, 0, c.width, c.height).data.buffer);
  const counts = new Map();
  for (const v of px) counts.set(v, (counts.get(v) || 0) + 1);
  done([1 - Math.max(...counts.values()) / px.length, counts.size, img.width, img.height]);
};
img.onerror = () => done(null);
img.src = uri;
"""


def ink(session, png: bytes) -> tuple[float, int]:
    """Share of a screenshot's pixels that differ from its most common colour (the background), and its number
    of colours: a blank page is (0, 1). The PNG is decoded by the browser, on a blank page."""
    session.get("about:blank")
    result = session.execute_async_script(INK_JS, "data:image/png;base64," + base64.b64encode(png).decode())
    assert result is not None, "the screenshot is not a PNG"
    return result[0], result[1]


def screenshot(out: Path, page: str, width: int = 1280, height: int = 900) -> None:
    session = start(width, height)
    try:
        path, _, frag = page.partition("#")
        session.get(Path(path).resolve().as_uri() + (f"#{frag}" if frag else ""))
        session.save_screenshot(str(out))
    finally:
        stop(session)


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) not in (2, 4):
        sys.exit(__doc__)
    screenshot(Path(args[0]), args[1], *(int(x) for x in args[2:]))
