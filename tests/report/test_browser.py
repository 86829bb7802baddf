"""The report in a real browser: headless Chromium loads the pages from file:// and the tests read the rendered DOM.

Skipped with a message when Chromium, ChromeDriver or selenium is missing; under CI (CI=true) a missing
browser fails instead, since .ci/run installs it.
"""

from __future__ import annotations

import os
from collections import defaultdict

import pytest
from report_browser import find_browser, ink, start, stop
from report_sample import ARTICLES, MEMO_NAMES, records

from pipeline.report.model import article_href

_, _, WHY = find_browser()
if WHY and os.environ.get("CI"):
    raise RuntimeError(f"browser tests cannot run in CI: {WHY}")
pytestmark = pytest.mark.skipif(bool(WHY), reason=f"browser tests skipped: {WHY}")


@pytest.fixture(scope="module")
def browser():
    session = start()
    yield session
    stop(session)


@pytest.fixture()
def open_page(browser, report):
    def go(path: str):
        page, _, frag = path.partition("#")
        browser.get((report / page).as_uri() + (f"#{frag}" if frag else ""))
        return browser

    return go


def severe_logs(browser) -> list[str]:
    """Console errors since the last call: a script error, or a Content-Security-Policy violation."""
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def target_text(browser) -> str:
    """The text of the element the URL's fragment points at, once the page has it (a loaded machine is slow)."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("const t = document.querySelector(':target'); return t && t.textContent")
    )


def test_the_memoranda_table_has_a_row_per_memorandum(open_page):
    b = open_page("index.html")
    names = b.execute_script(
        "return [...document.querySelectorAll('#memo-table tbody tr')].map(r => r.cells[0].textContent)"
    )
    assert sorted(names) == sorted(MEMO_NAMES.values())
    assert severe_logs(b) == []


def test_a_table_sorts_by_a_column_and_filters_by_words(open_page):
    from selenium.webdriver.common.by import By

    b = open_page("index.html")
    first_col = (
        "return [...document.querySelectorAll('#memo-table tbody tr')].filter(r => !r.hidden)"
        ".map(r => r.cells[0].textContent)"
    )
    button = b.find_elements(By.CSS_SELECTOR, "#memo-table thead th button.sort")[5]  # Provisions
    button.click()
    assert b.execute_script(first_col)[-1] == "Northland plan"  # 2 provisions, the most
    assert button.find_element(By.XPATH, "..").get_attribute("aria-sort") == "ascending"
    button.click()
    assert b.execute_script(first_col)[0] == "Northland plan"
    box = b.find_element(By.CSS_SELECTOR, "input[data-filter='memo-table']")
    assert box.is_displayed()  # hidden without the script, shown with it
    box.send_keys("southland")
    assert b.execute_script(first_col) == ["Southland proposal"]
    assert b.find_element(By.CSS_SELECTOR, "[data-filter-status='memo-table']").text == "1 of 3 rows"


def test_a_provision_link_lands_on_the_provision(open_page):
    from selenium.webdriver.common.by import By

    b = open_page("memoranda/northland-plan-2030.html")
    for n, text in enumerate(["a ceasefire along the river", "the release of all detainees"]):
        if n:
            b.back()
        link = b.find_elements(By.CSS_SELECTOR, "#provision-table td.provision a")[n]
        assert link.text == text
        link.click()
        assert target_text(b) == text
        target = b.execute_script(
            "const t = document.querySelector(':target'); const r = t.getBoundingClientRect();"
            "return [t.textContent, t.dataset.k, r.top >= 0 && r.bottom <= innerHeight, "
            "t.classList.contains('current')]"
        )
        assert target == [text, "p", True, True]  # the provision, in view, marked


def test_every_source_of_a_provision_lands_on_it(open_page):
    from selenium.webdriver.common.by import By

    b = open_page("memoranda/northland-plan-2030.html")
    hrefs = [a.get_attribute("href") for a in b.find_elements(By.CSS_SELECTOR, "#provision-table tr:first-child ol a")]
    assert len(hrefs) == 2
    for href in hrefs:
        b.get(href)
        assert target_text(b) == "a ceasefire along the river"


def test_a_split_quote_is_marked_whole(open_page):
    rec = next(q for q in records()["quotes"] if q["text"] == "its plan still offers a ceasefire")
    b = open_page(f"{article_href('wire-repeat')}#q-{rec['start']}")
    marked = b.execute_script("return [...document.querySelectorAll('#body .hl-q.current')].map(e => e.textContent)")
    assert len(marked) == 2 and "".join(marked) == rec["text"]


def test_a_hostile_article_shows_its_markup_as_text(open_page):
    b = open_page(article_href('evil"<x>/../a b'))
    assert b.execute_script("return window.__pwned") is None  # no script of the article ran
    body = b.execute_script("return document.getElementById('body').innerText")
    assert "<script>window.__pwned = 3</script>" in body and '<img src=x onerror="window.__pwned=4">' in body
    assert b.execute_script("return document.querySelectorAll('#body script, #body img, main img').length") == 0
    assert b.title.startswith('<img src=x onerror="window.__pwned=1">Hostile')
    assert b.execute_script("return document.querySelector('main h1').textContent").startswith("<img")
    for page in ("index.html", "articles-2.html", "provisions.html", "speakers.html", "entities.html"):
        open_page(page)
        assert b.execute_script("return window.__pwned") is None, page
    assert severe_logs(b) == []


def test_every_highlighted_span_in_the_rendered_page_is_its_records_text(open_page):
    recs = records()
    kinds = {"provisions": "p", "quotes": "q", "entities": "e", "dates": "d", "memoranda": "m"}
    for doc_id, body in ARTICLES.items():
        b = open_page(article_href(doc_id))
        spans = b.execute_script(
            "return [...document.querySelectorAll('#body .hl')].map(e => [e.dataset.k, e.dataset.i, "
            "+e.dataset.s, +e.dataset.e, e.textContent])"
        )
        assert b.execute_script("return document.getElementById('body').textContent") == body
        whole = defaultdict(str)
        where = {}
        for k, i, s, e, text in spans:
            whole[(k, i)] += text
            where[(k, i)] = (s, e)
        got = sorted((k, *where[key], whole[key]) for key in whole for k in [key[0]] if k != "b")
        want = sorted(
            (k, r["start"], r["end"], r["text"])
            for kind, k in kinds.items()
            for r in recs[kind]
            if r["doc_id"] == doc_id
        )
        assert got == want, doc_id


def test_screenshots_of_the_index_and_a_memorandum_are_not_blank(open_page, tmp_path):
    b = open_page("index.html")
    shots = {"index": b.get_screenshot_as_png()}
    open_page("memoranda/northland-plan-2030.html")
    shots["memorandum"] = b.get_screenshot_as_png()
    b.get("about:blank")
    blank = b.get_screenshot_as_png()
    assert ink(b, blank)[0] < 0.001  # the measure itself: a blank page has no ink
    for name, png in shots.items():
        (tmp_path / f"{name}.png").write_bytes(png)
        share, colours = ink(b, png)
        assert share > 0.03 and colours > 20, (name, share, colours)


def test_links_are_reached_with_the_keyboard(open_page):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    b = open_page("index.html")
    ActionChains(b).send_keys(Keys.TAB).perform()
    assert b.execute_script("return document.activeElement.textContent") == "Skip to content"
    ActionChains(b).send_keys(Keys.ENTER).perform()
    assert b.execute_script("return document.activeElement.id") == "main"
    seen = []
    for _ in range(12):
        ActionChains(b).send_keys(Keys.TAB).perform()
        seen.append(
            b.execute_script("return document.activeElement.tagName + ' ' + document.activeElement.textContent")
        )
    assert "A 4" in seen  # the count of articles, a link, is reached from the keyboard
