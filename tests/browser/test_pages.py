"""The pages in a real browser, over the shipped seed: the charts and the network draw
what the data says, and every page runs under the Content-Security-Policy without a
console error. Each page's screenshot (desktop and phone widths) is kept under
``build/screenshots/`` for CI to publish.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.api.helpers import SEED
from tests.conftest import FIXTURE_FILES

# The live server needs committed data; the flush after each test is followed by
# post_migrate, which grants the curation roles again (diplomacy.roles.restore_roles).
# Not marked ``once``: the pages read the database under test, so both of .ci/run's
# passes (SQLite and PostgreSQL) drive them in the browser.
pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(settings.BASE_DIR, "build", "screenshots")
DESKTOP, PHONE = (1400, 1000), (390, 844)
PAGES = {
    "explorer": "/",
    "explorer-search": "/?q=%22visionary+leader%22&ordering=date",
    "country-aze": "/countries/AZE/",
    "dyad-aze-isr": "/dyads/AZE-ISR/",
    "network": "/network/",
    "event-plot": f"/events/{SEED['plot']}/",
    "event-statement": f"/events/{SEED['iran_statement']}/",
    "person-saar": "/people/gideon-saar/",
    "organisation-dtx": "/organizations/dtx/",
    "agreement": f"/agreements/{SEED['agreement']}/",
}
# A refused query is a 400 page naming the parameter; the browser logs the status itself.
BAD_FILTER = "/?country=ZZZ"
# What the chart drew: per dataset its type, values and drawn elements.
READ_CHART = """
const chart = Chart.getChart(document.getElementById("timeline-chart"));
return {labels: chart.data.labels, datasets: chart.data.datasets.map((dataset, index) => {
  const meta = chart.getDatasetMeta(index);
  return {label: dataset.label, type: meta.type, values: dataset.data,
          drawn: meta.data.map(el => ({x: el.x, y: el.y, height: el.height ?? null}))};
})};
"""
# What the network drew: nodes and edges, and whether each node lies inside the view.
READ_NETWORK = """
const cy = window.diplomacyNetwork;
const width = cy.width(), height = cy.height();
return {
  nodes: cy.nodes().map(n => n.id()),
  outside: cy.nodes().filter(n => { const p = n.renderedPosition();
    return p.x < 0 || p.y < 0 || p.x > width || p.y > height; }).map(n => n.id()),
  edges: cy.edges().map(e => ({source: e.source().id(), target: e.target().id(),
                               kind: e.data("kind"), label: e.data("label")}))
};
"""


@pytest.fixture
def seed(transactional_db):
    """The shipped fixtures, committed (a transactional test cannot share seed_data)."""
    call_command("loaddata", *FIXTURE_FILES, verbosity=0)
    call_command("refresh_derived", verbosity=0, stdout=StringIO())


def _open(browser, live_server, path: str):
    browser.get(f"{live_server.url}{path}")
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "content")))


def _console_problems(browser) -> list[str]:
    """Errors and Content-Security-Policy reports in the console since it was last read."""
    return [entry["message"] for entry in browser.get_log("browser")
            if entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"]]


def _screenshot(browser, name: str, size: tuple[int, int]) -> None:
    """The whole page at ``size``'s width, saved as build/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.set_window_size(*size)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(size[0], min(max(height, size[1]), 6000))
    browser.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
    browser.set_window_size(*size)


@pytest.mark.parametrize(("path", "query"), [("/dyads/AZE-ISR/", {"dyad": "AZE,ISR"}),
                                             ("/countries/AZE/", {"country": "AZE"})])
def test_the_timeline_draws_one_mark_per_period_with_the_seed_counts(browser, live_server,
                                                                     seed, path, query):
    expected = Client().get("/api/v1/events/counts/", {**query, "by": "month"}).json()["rows"]
    assert expected  # the seed has events to draw
    _open(browser, live_server, path)
    WebDriverWait(browser, 10).until(lambda driver: driver.execute_script(
        "return !!(window.Chart && Chart.getChart(document.getElementById('timeline-chart')))"))
    chart = browser.execute_script(READ_CHART)

    assert chart["labels"] == [row["period"] for row in expected]
    bars = [d for d in chart["datasets"] if d["type"] == "bar"]
    line = next(d for d in chart["datasets"] if d["type"] == "line")
    for index, row in enumerate(expected):
        # One stacked bar per period, its segments (one per kind) adding up to the count.
        assert sum(bar["values"][index] for bar in bars) == row["count"]
        assert sum(bar["drawn"][index]["height"] for bar in bars
                   if bar["values"][index]) > 0
        # One point of the intensity line per period, at the mean.
        assert line["values"][index] == pytest.approx(row["intensity_mean"]) \
            if row["intensity_mean"] is not None else line["values"][index] is None
    assert all(len(bar["drawn"]) == len(expected) for bar in bars)
    assert len(line["drawn"]) == len(expected)
    # The table beside the chart says the same.
    cells = browser.find_elements(By.CSS_SELECTOR, "#timeline-table tbody tr")
    assert [(c.get_attribute("data-period"), int(c.get_attribute("data-count")))
            for c in cells] == [(row["period"], row["count"]) for row in expected]
    assert _console_problems(browser) == []


def test_the_network_holds_the_seed_actors_and_the_energy_for_arms_flows(browser, live_server,
                                                                        seed):
    _open(browser, live_server, "/network/")
    WebDriverWait(browser, 10).until(lambda driver: driver.execute_script(
        "return !!window.diplomacyNetwork"))
    drawn = browser.execute_script(READ_NETWORK)

    assert {"country:AZE", "country:ISR", "country:IRN", "country:KAZ",
            "person:gideon-saar", "person:ilham-aliyev", "person:jeyhun-bayramov",
            "person:kassym-jomart-tokayev", "organization:dtx", "organization:socar",
            "organization:islamic-state-khorasan", "organization:israeli-embassy-baku",
            } <= set(drawn["nodes"])
    flows = {(e["source"], e["target"], e["label"]) for e in drawn["edges"]
             if e["kind"] == "exchange"}
    assert flows == {("country:AZE", "country:ISR", "energy"),
                     ("country:ISR", "country:AZE", "arms")}
    assert drawn["outside"] == []  # the layout fits every actor in the view
    assert _console_problems(browser) == []


def test_every_page_renders_under_the_policy_without_console_errors(browser, live_server,
                                                                    seed):
    for name, path in PAGES.items():
        _open(browser, live_server, path)
        for suffix, size in (("", DESKTOP), ("-phone", PHONE)):
            _screenshot(browser, f"{name}{suffix}", size)
            # Nothing wider than a phone's screen: tables and charts fit or scroll inside.
            overflow = browser.execute_script("const page = document.documentElement; "
                                              "return page.scrollWidth - page.clientWidth")
            assert overflow <= 0, (path, size, overflow)
        assert _console_problems(browser) == [], path
        assert (SCREENSHOTS / f"{name}.png").stat().st_size > 0

    _open(browser, live_server, BAD_FILTER)
    assert "Unknown country code(s): ZZZ" in browser.find_element(By.CLASS_NAME, "errors").text
    _screenshot(browser, "explorer-bad-filter", DESKTOP)
    own_status = f"{BAD_FILTER} - Failed to load resource: the server responded with a " \
                 "status of 400"
    assert [message for message in _console_problems(browser)
            if own_status not in message] == []


@pytest.mark.parametrize("path", ["/network/", "/dyads/AZE-ISR/"])
def test_a_canvas_not_yet_resized_does_not_widen_the_page(browser, live_server, seed, path):
    # Right after a phone rotates, Cytoscape and Chart.js still hold canvases sized for
    # the old, wider window (Cytoscape debounces its resize handler): widen them by hand,
    # as that moment would, and the page must still be no wider than the screen.
    _open(browser, live_server, path)
    browser.set_window_size(*PHONE)
    widened = browser.execute_script(
        "const canvases = document.querySelectorAll('.network-box canvas, .chart-box canvas');"
        "canvases.forEach(canvas => { canvas.style.width = '2000px'; });"
        "return canvases.length")
    assert widened > 0
    overflow = browser.execute_script("const page = document.documentElement; "
                                      "return page.scrollWidth - page.clientWidth")
    assert overflow <= 0
