"""The dashboard in real headless Debian chromium, driven by selenium, against a real `blocwatch serve`.

Screenshots of each view (1300x900, and one at phone width) go into a temporary directory, and also
into $BLOCWATCH_SCREENS when that is set.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest

from blocwatch import api

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
WIDTH, HEIGHT = 1300, 900

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(db: str) -> Iterator[str]:
    port = _free_port()
    cmd = [sys.executable, "-c", "from blocwatch.cli import main; main()", "serve", "--db", db, "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/api/summary", timeout=1)
                break
            except httpx.TransportError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stderr.read().decode())
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def base(tmp_path_factory, pipeline) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("dash") / "dash.duckdb")
    api.ingest([str(REPO / "examples" / "corpus")], db, pipeline=pipeline)
    api.import_events([str(REPO / "examples" / "interop" / "20241101000000.export.CSV")], "gdelt", db)
    with served(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("no chromium/chromedriver: install them with `apt-get install chromium chromium-driver`")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="bw-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", f"--user-data-dir={profile}", f"--window-size={WIDTH},{HEIGHT}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    _viewport(driver, WIDTH, HEIGHT)
    driver.requested = []  # every URL the browser asked for, from the DevTools network log
    driver.errors = []  # SEVERE console messages (script errors, failed loads)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def screens(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screens")


def _collect_requests(driver) -> list[str]:
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            driver.requested.append(msg["params"]["request"]["url"])
    driver.errors += [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    return driver.requested


def _wait(driver, condition, timeout: float = 30):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition)


def _viewport(driver, width: int, height: int, mobile: bool = False) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def _open(driver, url: str) -> None:
    """Go to ``url`` (a full load, or a hash change within the page) and wait until its view is drawn."""
    same = driver.current_url == url  # then no hashchange would fire: reload instead
    driver.refresh() if same else driver.get(url)
    # The page marks the hash it has finished drawing; an earlier view still loading does not count.
    _wait(driver, lambda d: d.execute_script("return !!document.body && document.body.dataset.drawn === location.hash"))


def _text(driver, css: str) -> str:
    return driver.find_element("css selector", css).text


def _visible_view(driver) -> str:
    return driver.execute_script("return [...document.querySelectorAll('.view')].filter(v => !v.hidden).map(v => v.id).join()")


def _shot(driver, screens: Path, name: str) -> Path:
    path = screens / f"{name}.png"
    driver.save_screenshot(str(path))
    extra = os.environ.get("BLOCWATCH_SCREENS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(extra) / path.name)
    return path


def test_each_view_loads_with_names_and_screenshots(base, browser, screens):
    views = {
        "overview": ("#/overview", "#edge-table tbody tr"),
        "pair": ("#/pair?dyad=CHN-PRK&by=year", "#period-table tbody tr"),
        "events": ("#/events", "#events-table tbody tr"),
        "obligations": ("#/obligations?attacked=PRK&on=2024-12-01", "#obligations-table tbody tr"),
        "triads": ("#/triads?countries=CHN,PRK,RUS&by=year", "#triads-table tbody tr"),
        "signals": ("#/signals", "#signals-table tbody tr"),
    }
    for view, (frag, rows) in views.items():
        _open(browser, f"{base}/{frag}")
        _wait(browser, lambda d: d.find_elements("css selector", rows))
        assert _visible_view(browser) == f"view-{view}"
        current = browser.find_element("css selector", f"#tab-{view}")
        assert current.get_attribute("aria-current") == "page"
        time.sleep(0.3)  # let the chart paint before the screenshot
        png = _shot(browser, screens, f"{view}-{WIDTH}x{HEIGHT}")
        assert png.stat().st_size > 10_000
    # Country names stand beside codes.
    _open(browser, f"{base}/#/overview")
    _wait(browser, lambda d: "North Korea" in _text(d, "#bloc-list"))
    assert "(PRK)" in _text(browser, "#bloc-list")
    _collect_requests(browser)


def _readme_views() -> list[str]:
    """Every dashboard URL fragment (``#/...``) the README shows as an example."""
    return re.findall(r"`(#/[^`\s]+)`", (REPO / "README.md").read_text("utf-8"))


def test_every_readme_example_url_draws_without_an_error(base, browser):
    frags = _readme_views()
    assert len(frags) >= 5 and any("cascade=1" in f for f in frags)
    for frag in frags:
        _collect_requests(browser)  # what came before this view
        seen = len(browser.errors)
        _open(browser, f"{base}/{frag}")
        view = frag[2:].split("?")[0]
        assert _visible_view(browser) == f"view-{view}", frag
        assert _text(browser, "#status") == "", f"{frag}: {_text(browser, '#status')}"
        _collect_requests(browser)
        assert browser.errors[seen:] == [], f"{frag}: {browser.errors[seen:]}"
        if view == "obligations":
            rows = browser.find_elements("css selector", "#obligations-table tbody tr")
            assert rows, frag
            if "cascade=1" in frag:  # the path column names each state from the attacked one outward
                paths = [r.find_elements("css selector", "td")[-1].text for r in rows]
                assert all(p.startswith("PRK ← ") for p in paths), paths


def test_phone_width_keeps_every_view_on_screen(base, browser, screens):
    _viewport(browser, 390, 844, mobile=True)
    try:
        for view, frag in (("overview", "#/overview"), ("pair", "#/pair?dyad=CHN-PRK"), ("events", "#/events"),
                           ("obligations", "#/obligations?attacked=PRK&on=2024-12-01"),
                           ("triads", "#/triads?countries=CHN,PRK,RUS"), ("signals", "#/signals")):
            _open(browser, f"{base}/{frag}")
            assert _visible_view(browser) == f"view-{view}"
            page_width = browser.execute_script("return document.documentElement.scrollWidth")
            inner = browser.execute_script("return window.innerWidth")
            assert page_width <= inner + 1, f"{view} scrolls sideways at phone width"
            _shot(browser, screens, f"{view}-390x844")
    finally:
        _viewport(browser, WIDTH, HEIGHT)
    _collect_requests(browser)


def test_an_empty_network_says_why(base, browser):
    _open(browser, f"{base}/#/overview?at=1990-01-01")
    _wait(browser, lambda d: d.find_element("css selector", "#overview-empty").is_displayed())
    assert "1990" in _text(browser, "#overview-empty")
    assert browser.find_elements("css selector", "#edge-table tbody tr") == []
    _collect_requests(browser)


def test_moving_the_date_slider_changes_the_network(base, browser, screens):
    from selenium.webdriver.common.keys import Keys

    _open(browser, f"{base}/#/overview")
    chart = browser.find_element("css selector", "#network-chart")
    _wait(browser, lambda d: chart.get_attribute("data-date"))
    before_date, before_ties = chart.get_attribute("data-date"), _text(browser, "#edge-table tbody")
    slider = browser.find_element("css selector", "#at-slider")
    slider.send_keys(Keys.HOME)  # keyboard: to the first month of stored events
    _wait(browser, lambda d: chart.get_attribute("data-date") != before_date)
    assert chart.get_attribute("data-date") < before_date
    assert _text(browser, "#edge-table tbody") != before_ties
    assert "at=" in browser.current_url
    time.sleep(0.3)
    _shot(browser, screens, "overview-slider-moved")
    # ▶ Play steps forward through time on its own.
    moved = chart.get_attribute("data-date")
    play = browser.find_element("css selector", "#play")
    play.click()
    try:
        _wait(browser, lambda d: chart.get_attribute("data-date") > moved)
    finally:
        if play.get_attribute("aria-pressed") == "true":
            play.click()
    _collect_requests(browser)


def test_filtering_events_changes_the_table_and_the_url(base, browser):
    _open(browser, f"{base}/#/events")
    table = browser.find_element("css selector", "#events-table")
    _wait(browser, lambda d: table.get_attribute("data-total"))
    all_events = int(table.get_attribute("data-total"))
    form = browser.find_element("css selector", "#events-form")
    form.find_element("name", "actor").send_keys("North Korea (PRK)")
    form.find_element("name", "quad").send_keys("4")
    form.find_element("css selector", "button[type=submit]").click()
    _wait(browser, lambda d: table.get_attribute("data-total") != str(all_events))
    filtered = int(table.get_attribute("data-total"))
    assert 0 < filtered < all_events
    assert "actor=PRK" in browser.current_url and "quad=4" in browser.current_url
    for row in browser.find_elements("css selector", "#events-table tbody tr"):
        assert row.get_attribute("class") == "q4"
        assert "(PRK)" in row.text
    # Paging keeps the filters.
    _open(browser, f"{base}/#/events")
    _wait(browser, lambda d: table.get_attribute("data-total") == str(all_events))
    first_page = _text(browser, "#events-table tbody")
    browser.find_element("css selector", "#events-next").click()
    _wait(browser, lambda d: "page=2" in d.current_url and _text(d, "#events-table tbody") != first_page)
    assert "page 2 of" in _text(browser, "#events-page")
    _open(browser, f"{base}/#/events?actor=PRK&quad=4")
    # The URL alone restores the view.
    shared = browser.current_url
    _open(browser, f"{base}/#/overview")
    _open(browser, shared)
    _wait(browser, lambda d: table.get_attribute("data-total") == str(filtered))
    # A filter that matches nothing says why the table is empty.
    _open(browser, f"{base}/#/events?q=zzzunmatched")
    _wait(browser, lambda d: d.find_element("css selector", "#events-empty").is_displayed())
    assert "zzzunmatched" in _text(browser, "#events-empty")
    _collect_requests(browser)


def test_clicking_a_timeline_period_shows_evidence_sentences(base, browser, screens):
    from selenium.webdriver.common.action_chains import ActionChains

    _open(browser, f"{base}/#/pair?dyad=CHN-PRK&by=year")
    _wait(browser, lambda d: d.find_elements("css selector", "#period-table tbody tr"))
    periods = httpx.get(f"{base}/api/relations", params={"dyad": "CHN-PRK", "by": "year"}).json()
    busiest = max(periods, key=lambda p: p["quad_counts"]["1"] + p["quad_counts"]["2"])
    # Where ECharts drew the cooperation bar of that year, in page pixels from the chart's centre.
    x, y = browser.execute_script(
        "const c = window.blocwatch.charts['pair-chart'];"
        "const t = Date.UTC(arguments[0], 0, 1);"
        "return c.convertToPixel({seriesIndex: 0}, [t, arguments[1] / 2]);", int(busiest["period"]),
        busiest["quad_counts"]["1"] + busiest["quad_counts"]["2"])
    el = browser.find_element("css selector", "#pair-chart")
    size = el.size
    ActionChains(browser).move_to_element_with_offset(el, int(x - size["width"] / 2), int(y - size["height"] / 2)).click().perform()
    _wait(browser, lambda d: d.find_elements("css selector", "#period-events blockquote"))
    assert busiest["period"] in _text(browser, "#period-title")
    quotes = browser.find_elements("css selector", "#period-events blockquote")
    marks = browser.find_elements("css selector", "#period-events blockquote mark")
    assert quotes and marks
    assert all(q.text.strip() for q in quotes)
    assert "→" in _text(browser, "#period-events .reason")
    assert "independent outlet" in _text(browser, "#period-events")  # sources_independent of each event
    browser.execute_script("document.querySelector('#period-events').scrollIntoView()")
    _shot(browser, screens, "pair-period-evidence")
    _collect_requests(browser)


def test_obligations_form_for_prk_names_china_and_russia(base, browser, screens):
    _open(browser, f"{base}/#/obligations")
    form = browser.find_element("css selector", "#obligations-form")
    form.find_element("name", "attacked").send_keys("PRK")
    browser.execute_script("document.querySelector('#ob-on').value = '2024-12-01'")
    form.find_element("css selector", "button[type=submit]").click()
    _wait(browser, lambda d: d.find_elements("css selector", "#obligations-table tbody tr"))
    states = {r.find_element("css selector", "td").text for r in browser.find_elements("css selector", "#obligations-table tbody tr")}
    assert any("(CHN)" in s for s in states) and any("(RUS)" in s for s in states)
    assert "attacked=PRK" in browser.current_url and "on=2024-12-01" in browser.current_url
    summary = _wait(browser, lambda d: d.find_elements("css selector", "#treaty-texts details summary"))[0]
    summary.click()
    browser.execute_script("document.querySelector('#treaty-texts').scrollIntoView()")
    _shot(browser, screens, "obligations-treaty-text")
    _collect_requests(browser)


def test_clicking_a_tie_in_the_network_opens_the_pair(base, browser):
    _open(browser, f"{base}/#/overview")
    _wait(browser, lambda d: d.find_elements("css selector", "#edge-table tbody tr"))
    # A point on a tie, from the node positions ECharts laid out: once the layout has settled, of all
    # ties the point farthest from every other tie and from every node's disc (a state laid out on a
    # tie, or a crossing tie, would take the click).
    where = (
        "const c = window.blocwatch.charts['network-chart'];"
        "const data = c.getModel().getSeriesByIndex(0).getData();"
        "const opt = c.getOption().series[0]; const links = opt.links;"
        "const at = (name) => c.convertToPixel({seriesIndex: 0}, data.getItemLayout(data.indexOfName(name)));"
        "const nodes = opt.data.map(n => [at(n.name), n.symbolSize / 2]);"
        "const segs = links.map(l => [at(l.source), at(l.target)]);"
        "const dist = (pt, s) => { const [p, q] = s; const dx = q[0] - p[0], dy = q[1] - p[1];"
        "  const t = Math.max(0, Math.min(1, ((pt[0] - p[0]) * dx + (pt[1] - p[1]) * dy) / (dx * dx + dy * dy || 1)));"
        "  return Math.hypot(pt[0] - p[0] - t * dx, pt[1] - p[1] - t * dy); };"
        "let best = null;"
        "segs.forEach(([p, q], i) => { for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.35, 0.65]) {"
        "  const pt = [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];"
        "  let room = Infinity;"
        "  for (const [n, r] of nodes) room = Math.min(room, Math.hypot(pt[0] - n[0], pt[1] - n[1]) - r);"
        "  segs.forEach((s, j) => { if (j !== i) room = Math.min(room, dist(pt, s)); });"
        "  if (!best || room > best[4]) best = [links[i].source, links[i].target, pt[0], pt[1], room]; } });"
        "return best.slice(0, 4);")
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.action_chains import ActionBuilder

    seen = []  # what each try hovered, for the failure message
    for attempt in range(5):  # on a loaded machine the force layout can still move after it seemed settled
        if _visible_view(browser) != "view-overview":  # a stray click opened another view
            _open(browser, f"{base}/#/overview")
        el = browser.find_element("css selector", "#network-chart")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
        last = None
        for _ in range(50):  # the force layout moves for a while
            now = browser.execute_script(where)
            if now == last:
                break
            last = now
            time.sleep(0.2)
        a, b, x, y = last
        left, top = browser.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return [r.left, r.top];", el)
        # Point at the tie first: the chart's own tooltip names what is under the pointer, so the click
        # is only made once the pointer is on this tie (not a node, a label or a tie that moved there).
        act = ActionBuilder(browser)
        act.pointer_action.move_to_location(int(left + x), int(top + y))
        act.perform()
        try:
            _wait(browser, lambda d: f"{a} – {b}" in el.text, timeout=3)
        except TimeoutException:
            seen.append(el.text.strip() or "(no tooltip)")
            continue
        act = ActionBuilder(browser)
        act.pointer_action.click()
        act.perform()
        try:
            _wait(browser, lambda d: _visible_view(d) == "view-pair", timeout=10)
            break
        except TimeoutException:
            seen.append(f"clicked {a} – {b}, view stayed {_visible_view(browser)}")
    else:
        raise AssertionError(f"no click on the tie {a} – {b} opened the pair view: {seen}")
    assert f"dyad={a}-{b}" in browser.current_url
    _collect_requests(browser)


def test_counting_every_actor_is_a_choice_that_stays_in_the_url(base, browser):
    from selenium.webdriver.support.ui import Select

    _open(browser, f"{base}/#/overview")
    _wait(browser, lambda d: "what states do" in _text(d, "#overview-scope"))
    Select(browser.find_element("css selector", "#actors")).select_by_value("all")
    _wait(browser, lambda d: "actors=all" in d.current_url and "every actor" in _text(d, "#overview-scope"))
    browser.find_element("css selector", "#tab-triads").click()  # another view keeps the choice
    _wait(browser, lambda d: _visible_view(d) == "view-triads" and "actors=all" in d.current_url)
    assert "actors=all" in browser.find_element("css selector", "#report-link").get_attribute("href")
    browser.find_element("css selector", "#tab-overview").click()
    _wait(browser, lambda d: _visible_view(d) == "view-overview" and "every actor" in _text(d, "#overview-scope"))
    Select(browser.find_element("css selector", "#actors")).select_by_value("state")
    _wait(browser, lambda d: "actors=" not in d.current_url and "what states do" in _text(d, "#overview-scope"))
    _collect_requests(browser)


def test_the_origin_picker_limits_every_view_and_stays_in_the_url(base, browser):
    from selenium.webdriver.support.ui import Select

    _open(browser, f"{base}/#/events")
    table = browser.find_element("css selector", "#events-table")
    _wait(browser, lambda d: table.get_attribute("data-total"))
    everything = int(table.get_attribute("data-total"))
    Select(browser.find_element("css selector", "#origin")).select_by_value("gdelt")
    _wait(browser, lambda d: "origin=gdelt" in d.current_url and table.get_attribute("data-total") != str(everything))
    imported = int(table.get_attribute("data-total"))
    assert 0 < imported < everything
    assert "origin gdelt" in _text(browser, "#events-count")
    # Moving to another view keeps the origin.
    browser.find_element("css selector", "#tab-overview").click()
    _wait(browser, lambda d: _visible_view(d) == "view-overview")
    _wait(browser, lambda d: "gdelt only" in _text(d, "#overview-scope"))
    _collect_requests(browser)


def test_every_control_is_labelled_and_ties_open_by_keyboard(base, browser):
    from selenium.webdriver.common.keys import Keys

    _open(browser, f"{base}/#/overview")
    unlabelled = browser.execute_script(
        "return [...document.querySelectorAll('main input, main select, main button')]"
        ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())"
        ".map(e => e.outerHTML)")
    assert unlabelled == []
    first_tie = _wait(browser, lambda d: d.find_elements("css selector", "#edge-table tbody button"))[0]
    dyad = first_tie.get_attribute("data-dyad")
    browser.execute_script("arguments[0].focus()", first_tie)
    first_tie.send_keys(Keys.ENTER)
    _wait(browser, lambda d: _visible_view(d) == "view-pair" and d.find_elements("css selector", "#period-table tbody tr"))
    assert f"dyad={dyad}" in browser.current_url
    _collect_requests(browser)


# Stories we wrote for the Signals view: four years of the 1961 treaty's day (leaders twice, then the embassy,
# then nothing), a treaty signed, and Kenya's neighbours' first condolences within three days (a wave).
SIGNAL_STORIES = {
    "treaty-day-2021": ("2021-07-11", "Treaty day: Kim and Xi trade greetings",
                        "Kim Jong Un sent a message of congratulations to Xi Jinping to mark the anniversary of the "
                        "treaty of friendship."),
    "treaty-day-2022": ("2022-07-11", "Xi writes to Kim on the treaty anniversary",
                        "Xi Jinping sent a message of greetings to Kim Jong Un on the anniversary of the treaty."),
    "treaty-day-2023": ("2023-07-10", "An embassy reception marks the treaty",
                        "The Chinese ambassador hosted a reception for North Korean officials on the anniversary of "
                        "the treaty."),
    "drills-2024": ("2024-07-11", "Pyongyang condemns drills",
                    "North Korea condemned South Korea over joint military drills on Thursday."),
    "partnership-signed": ("2024-06-19", "Pyongyang and Moscow sign a partnership treaty",
                           "North Korea and Russia signed a Treaty on Comprehensive Strategic Partnership when "
                           "Vladimir Putin visited Pyongyang on Wednesday."),
}


def _wave_stories() -> dict[str, tuple[str, str, str]]:
    """Three neighbours talk with Kenya early in 2023, then each sends its first condolences, 12-14 September."""
    out = {}
    for k, (name, code) in enumerate((("Uganda", "UGA"), ("Tanzania", "TZA"), ("Rwanda", "RWA"))):
        for m in (1, 2, 3):
            out[f"talks-{code}-{m}"] = (f"2023-0{m}-10", f"{name} and Kenya talk",
                                        f"{name} held talks with Kenya on the railway in round {m}.")
        out[f"condolences-{code}"] = (f"2023-09-1{k + 2}", f"{name} condoles with Kenya",
                                      f"{name} expressed its condolences to Kenya over the flood victims.")
    return out


SIGNAL_STORIES.update(_wave_stories())


@pytest.fixture(scope="module")
def signals_base(tmp_path_factory, rules_pipeline) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("sigdash")
    corpus = tmp / "corpus"
    corpus.mkdir()
    for sid, (day, title, text) in SIGNAL_STORIES.items():
        record = {"id": sid, "title": title, "published": day, "outlet": "Test Wire", "text": text}
        (corpus / f"{sid}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = str(tmp / "signals.duckdb")
    report = api.ingest([str(corpus)], db, pipeline=rules_pipeline, coder="rules")
    assert report.failed == 0 and report.new == len(SIGNAL_STORIES)
    with served(db) as url:
        yield url


def test_signals_view_lists_signals_and_opens_their_evidence(signals_base, browser, screens):
    from xml.etree import ElementTree

    from selenium.webdriver.support.ui import Select

    _collect_requests(browser)
    seen = len(browser.errors)

    def no_error_shown() -> None:
        assert _text(browser, "#status") == ""
        _collect_requests(browser)
        assert browser.errors[seen:] == []

    _open(browser, f"{signals_base}/#/signals")
    assert _visible_view(browser) == "view-signals"
    assert browser.find_element("css selector", "#tab-signals").get_attribute("aria-current") == "page"
    rows = browser.find_elements("css selector", "#signals-table tbody tr.sig")
    served_signals = httpx.get(f"{signals_base}/api/signals").json()
    assert len(rows) == len(served_signals) >= 5
    cells = [[td.text for td in r.find_elements("css selector", "td")] for r in rows]  # date kind pair signal status level score
    treaty_days = {c[0]: c for c in cells if "1961" in c[3]}
    assert {d[-4:]: (c[1], c[2], c[4], c[5]) for d, c in treaty_days.items()} == {
        "2021": ("ritual", "CHN – PRK", "observed", "leader"), "2022": ("ritual", "CHN – PRK", "observed", "leader"),
        "2023": ("ritual", "CHN – PRK", "downgraded", "embassy"), "2024": ("ritual", "CHN – PRK", "missing", "—")}
    assert any(c[1] == "treaty step" and c[2] == "PRK – RUS" and c[4] == "signed" for c in cells)
    assert browser.find_element("css selector", "#signals-atom").get_attribute("href") == f"{signals_base}/signals.atom"
    no_error_shown()

    # Click a signal: its evidence opens under it, the sentence with who and whom marked, and the URL keeps it.
    row = next(r for r in rows if "1961" in r.text and "11 Jul 2022" in r.text)
    row.find_element("css selector", "button.open").click()
    _wait(browser, lambda d: d.find_elements("css selector", "#signal-evidence blockquote"))
    evidence = _text(browser, "#signal-evidence")
    assert "Xi Jinping sent a message of greetings to Kim Jong Un on the anniversary of the treaty." in evidence
    assert "Xi writes to Kim on the treaty anniversary" in evidence and "observed at leader level" in evidence
    assert {m.text for m in browser.find_elements("css selector", "#signal-evidence blockquote mark")} == \
        {"Xi Jinping", "Kim Jong Un"}
    assert row.find_element("css selector", "button.open").get_attribute("aria-expanded") == "true"
    assert "id=" in browser.current_url
    browser.execute_script("document.querySelector('#signal-evidence').scrollIntoView({block: 'center'})")
    _shot(browser, screens, "signals-evidence")
    no_error_shown()

    # The Atom feed's link for a signal opens the view on that signal's evidence.
    atom = httpx.get(f"{signals_base}/signals.atom")
    assert atom.status_code == 200 and atom.headers["content-type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ElementTree.fromstring(atom.content).findall("a:entry", ns)
    downgraded = next(e for e in entries if "downgraded" in e.findtext("a:title", namespaces=ns))
    _open(browser, downgraded.find("a:link", ns).get("href"))
    _wait(browser, lambda d: d.find_elements("css selector", "#signal-evidence blockquote"))
    assert "The Chinese ambassador hosted a reception" in _text(browser, "#signal-evidence")
    no_error_shown()

    # Filters: a status narrows the table and goes into the URL; a missing ritual has no events, and says so.
    _open(browser, f"{signals_base}/#/signals")
    form = browser.find_element("css selector", "#signals-form")
    Select(form.find_element("name", "status")).select_by_visible_text("missing")
    form.find_element("css selector", "button[type=submit]").click()
    table = browser.find_element("css selector", "#signals-table")
    _wait(browser, lambda d: "status=missing" in d.current_url and table.get_attribute("data-total") == "1")
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.drawn === location.hash"))
    browser.find_element("css selector", "#signals-table tbody button.open").click()
    _wait(browser, lambda d: "No event marked the occasion" in _text(d, "#signal-evidence"))
    # A kind narrows the request to the API, and the Atom link follows it.
    _open(browser, f"{signals_base}/#/signals?kind=treaty")
    kinds = {r.find_elements("css selector", "td")[1].text for r in browser.find_elements("css selector", "#signals-table tbody tr.sig")}
    assert kinds == {"treaty step"}
    assert browser.find_element("css selector", "input[name=kind][value=treaty]").is_selected()
    assert browser.find_element("css selector", "#signals-atom").get_attribute("href").endswith("/signals.atom?kind=treaty")
    # A wave of firsts: one row, its hub and states in the pair column, its members in the facts; a state's
    # filter finds it.
    _open(browser, f"{signals_base}/#/signals?kind=first&dyad=TZA")
    rows = _wait(browser, lambda d: d.find_elements("css selector", "#signals-table tbody tr.sig"))
    cells = [[td.text for td in r.find_elements("css selector", "td")] for r in rows]
    assert [c[2] for c in cells] == ["KEN ← 3 states"]
    assert "first SUPPORT to KEN from 3 states within 3 days: RWA, TZA, UGA" in cells[0][3]
    rows[0].find_element("css selector", "button.open").click()
    _wait(browser, lambda d: d.find_elements("css selector", "#signal-evidence blockquote"))
    facts = _text(browser, "#signal-evidence .facts")
    assert "A wave" in facts and "3 states" in facts and "Rwanda" in facts and "14 Sep 2023" in facts
    assert "Tanzania expressed its condolences to Kenya over the flood victims." in _text(browser, "#signal-evidence")
    _shot(browser, screens, "signals-wave")
    no_error_shown()
    # Ranked: the rituals come before the (newer) wave of firsts.
    _open(browser, f"{signals_base}/#/signals")
    kinds = [r.find_elements("css selector", "td")[1].text for r in browser.find_elements("css selector", "#signals-table tbody tr.sig")]
    assert kinds.index("first") > max(i for i, k in enumerate(kinds) if k == "ritual")
    assert "ranked" in _text(browser, "#signals-count")
    # A pair that has no signal says why the table is empty.
    _open(browser, f"{signals_base}/#/signals?dyad=CHL-PER")
    _wait(browser, lambda d: d.find_element("css selector", "#signals-empty").is_displayed())
    assert "CHL-PER" in _text(browser, "#signals-empty")
    no_error_shown()


def test_the_page_makes_no_request_outside_loopback(base, browser):
    _open(browser, f"{base}/#/triads?countries=CHN,PRK,RUS")
    _wait(browser, lambda d: d.find_elements("css selector", "#triads-table tbody tr"))
    requested = _collect_requests(browser)
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    # Network schemes only: chrome:// (the browser's own start page), data: and blob: never leave the machine.
    urls = [u for u in requested + resources if urlparse(u).scheme in ("http", "https", "ws", "wss", "ftp")]
    assert any(u.endswith("/assets/echarts.min.js") for u in urls) and any("/api/events" in u for u in urls)
    outside = {u for u in urls if urlparse(u).hostname != "127.0.0.1"}
    assert not outside, f"requests outside 127.0.0.1: {sorted(outside)}"
    assert browser.errors == []


def test_api_docs_render_from_vendored_swagger_ui_without_network(base, browser, screens):
    browser.get(f"{base}/docs")
    _wait(browser, lambda d: len(d.find_elements("css selector", ".swagger-ui .opblock")) >= 10)
    paths = {e.text for e in browser.find_elements("css selector", ".opblock-summary-path")}
    assert {"/api/events", "/api/obligations", "/api/summary"} <= paths
    browser.find_element("css selector", "#operations-default-events_api_events_get .opblock-summary").click()
    _wait(browser, lambda d: "X-Total-Count" in _text(d, "#operations-default-events_api_events_get"))
    _shot(browser, screens, "api-docs")
    requested = _collect_requests(browser)
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    urls = [u for u in requested + resources if urlparse(u).scheme in ("http", "https", "ws", "wss", "ftp")]
    assert any(u.endswith("/assets/vendor/swagger-ui/swagger-ui-bundle.js") for u in urls)
    assert any(u.endswith("/openapi.json") for u in urls)
    outside = {u for u in urls if urlparse(u).hostname != "127.0.0.1"}
    assert not outside, f"requests outside 127.0.0.1: {sorted(outside)}"
    assert browser.errors == []
