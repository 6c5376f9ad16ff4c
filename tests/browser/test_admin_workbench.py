"""The curator's workbench in a real browser: the admin is the interface curators use.

alice is a curator: she records a meeting with three participants, each picked in
one actor box, and two cited sources. bob is a reviewer: he finds it on the
dashboard, publishes it from its page, retracts it with a reason, and reads its
history. Every click, typed entry and page load of the task is counted by the
helpers (``Task``) so the effort can be compared with the old forms (41 clicks,
17 typed entries, 12 page loads for a meeting with two participants and one source).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from diplomacy.models import (
    Country,
    CurationStatus,
    Event,
    Person,
    PersonAlias,
    Post,
    Source,
    Tenure,
)
from tests.helpers import PASSWORD

# The live server needs committed data; the flush after each test is followed by
# post_migrate, which grants the curation roles again (diplomacy.roles.restore_roles).
pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.once]

SCREENSHOTS = Path(settings.BASE_DIR, "build", "screenshots")


@dataclass
class Task:
    """Drives the browser and counts the effort: a dropdown choice is two clicks (open,
    choose), an autocomplete pick one click and one typed entry (open, type, Enter)."""

    browser: object
    base: str
    clicks: int = 0
    typed: int = 0
    loads: int = 0
    log: list[str] = field(default_factory=list)

    def load(self, path: str) -> None:
        self.loads += 1
        self.browser.get(f"{self.base}{path}")

    def click(self, element, *, loads_page: bool = False) -> None:
        self.clicks += 1
        self.loads += loads_page
        element.click()

    def type(self, element, text: str) -> None:
        self.typed += 1
        element.send_keys(text)

    def choose(self, name: str, value: str) -> None:
        self.clicks += 2
        Select(self.browser.find_element(By.NAME, name)).select_by_value(value)

    def pick(self, select_id: str, text: str, expect: str | None = None) -> None:
        """Choose an option in one of the admin's autocomplete (select2) widgets."""
        container = self.browser.find_element(By.CSS_SELECTOR, f"#{select_id} + .select2")
        self.click(container)
        search = WebDriverWait(self.browser, 10).until(
            ec.visibility_of_element_located((By.CSS_SELECTOR, ".select2-container--open "
                                              ".select2-search--dropdown "
                                              ".select2-search__field")))
        self.type(search, text)
        WebDriverWait(self.browser, 10).until(ec.text_to_be_present_in_element(
            (By.CSS_SELECTOR, ".select2-results__option--highlighted"), expect or text))
        search.send_keys(Keys.RETURN)

    def counts(self) -> tuple[int, int, int]:
        return self.clicks, self.typed, self.loads


def _log_in(browser, live_server, username: str) -> None:
    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD + Keys.RETURN)
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "user-tools")))


def _wait_for_message(browser, kind: str = "success") -> str:
    return WebDriverWait(browser, 10).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, f".messagelist .{kind}"))).text


def _screenshot(browser, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1400, max(1000, min(height, 4000)))
    browser.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
    browser.set_window_size(1400, 1000)


def _overflow(browser) -> list:
    """Anything wider than its box: the page, or an inline group."""
    return browser.execute_script("""
        const wide = [];
        const root = document.documentElement;
        if (root.scrollWidth > window.innerWidth) wide.push(['page', root.scrollWidth]);
        document.querySelectorAll('.inline-group, .inline-group *').forEach((box) => {
            const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
            if ((scrolls || box.matches('.inline-group')) &&
                    box.scrollWidth > box.clientWidth + 1)
                wide.push([box.closest('.inline-group').id, box.scrollWidth, box.clientWidth]);
        });
        return wide;""")


def _world() -> dict:
    aze, isr, _ = Country.objects.bulk_create([
        Country(iso3="AZE", iso2="AZ", name="Azerbaijan"),
        Country(iso3="ISR", iso2="IL", name="Israel"),
        Country(iso3="TUR", iso2="TR", name="Turkey")])
    saar = Person.objects.create(name="Gideon Sa'ar", slug="gideon-saar", nationality=isr)
    PersonAlias.objects.create(person=saar, name="Gideon Saar", kind="transliteration")
    minister = Post.objects.create(label="Minister of Foreign Affairs of Israel",
                                   slug="israel-foreign-minister", country=isr)
    Tenure.objects.create(person=saar, post=minister, start_date=datetime.date(2024, 11, 8))
    bayramov = Person.objects.create(name="Jeyhun Bayramov", slug="jeyhun-bayramov",
                                     nationality=aze)
    sources = [Source.objects.create(kind="news_report", title="Ministers meet in Baku, says "
                                     "Ynet", url="https://news.example/ynet"),
               Source.objects.create(kind="official_statement", title="Readout of the Baku "
                                     "talks", url="https://news.example/mfa")]
    return {"saar": saar, "bayramov": bayramov, "sources": sources}


def _record_meeting(task: Task, participants: list[tuple[str, str, str]],
                    sources: list[str], title: str) -> None:
    """alice's part: one page, saved once."""
    browser = task.browser
    task.load("/admin/diplomacy/meeting/add/")
    task.type(browser.find_element(By.NAME, "title"), title)
    task.type(browser.find_element(By.NAME, "date"), "2026-01-26")
    for row, (role, typed, expect) in enumerate(participants):
        task.click(browser.find_element(By.LINK_TEXT, "Add another Event participant"))
        task.choose(f"participants-{row}-role", role)
        task.pick(f"id_participants-{row}-actor", typed, expect)
    for row, source in enumerate(sources):
        task.click(browser.find_element(By.LINK_TEXT, "Add another Citation"))
        task.pick(f"id_citations-{row}-source", source)


def _publish_and_retract(task: Task, title: str, reason: str) -> None:
    """bob's part: from the dashboard to the record, Publish, then Retract with a reason."""
    browser = task.browser
    task.load("/admin/")
    task.click(browser.find_element(By.LINK_TEXT, "Event drafts awaiting review"),
               loads_page=True)
    task.click(browser.find_element(By.LINK_TEXT, title), loads_page=True)
    task.click(browser.find_element(By.NAME, "_publish"), loads_page=True)
    _wait_for_message(browser)
    task.click(browser.find_element(By.NAME, "_retract"), loads_page=True)
    reason_box = WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.NAME, "reason")))
    task.type(reason_box, reason)
    task.click(browser.find_element(By.NAME, "apply"), loads_page=True)
    _wait_for_message(browser)


def test_curator_records_a_meeting_and_reviewer_publishes_then_retracts(browser, live_server,
                                                                      alice, bob):
    _world()
    title = "Foreign ministers meet in Baku"
    reason = "Duplicate of an earlier record"

    _log_in(browser, live_server, "alice")
    curator = Task(browser, live_server.url)
    _record_meeting(curator, [("host", "Azerbaijan", "Azerbaijan (country)"),
                              ("guest", "Saar", "Gideon Sa'ar (person)"),
                              ("participant", "Bayramov", "Jeyhun Bayramov (person)")],
                    ["Ministers meet", "Readout of the Baku"], title)
    # The form fits a 1,400 px screen: nothing scrolls sideways, the title box is wide.
    assert _overflow(browser) == []
    assert browser.find_element(By.NAME, "title").size["width"] >= 600
    _screenshot(browser, "admin-meeting-add")
    curator.click(browser.find_element(By.NAME, "_save"), loads_page=True)
    _wait_for_message(browser)

    event = Event.objects.get(title=title)
    assert event.kind == Event.Kind.MEETING
    assert event.curation_status == CurationStatus.DRAFT
    assert {(p.role, str(p.actor), p.country_id) for p in event.participants.all()} == {
        ("host", "Azerbaijan", "AZE"),
        ("guest", "Gideon Sa'ar", "ISR"),  # found by his alias, counted by his post
        ("participant", "Jeyhun Bayramov", "AZE"),
    }
    assert event.citations.count() == 2
    assert event.history.latest().history_user.username == "alice"
    # The list shows the date; a curator is offered no publishing, in the list or the page.
    offered = [option.get_attribute("value")
               for option in browser.find_elements(By.CSS_SELECTOR, "select[name=action] option")]
    assert "publish_selected" not in offered

    _log_in(browser, live_server, "bob")
    reviewer = Task(browser, live_server.url)
    _publish_and_retract(reviewer, title, reason)
    event.refresh_from_db()
    assert event.curation_status == CurationStatus.RETRACTED
    assert event.retraction_reason == reason
    assert "This record is retracted" in browser.find_element(By.ID, "content").text
    _screenshot(browser, "admin-meeting-retracted")

    # The history says who did what, and Recent actions list both transitions.
    reviewer.click(browser.find_element(By.CSS_SELECTOR, "a.historylink"), loads_page=True)
    history = browser.find_element(By.ID, "content").text
    assert "alice" in history and "bob" in history
    assert "published" in history
    assert f"retracted: {reason}" in history
    _screenshot(browser, "admin-meeting-history")
    reviewer.load("/admin/")
    recent = browser.find_element(By.ID, "recent-actions-module").text
    assert "Published" in recent and f"Retracted: {reason}" in recent
    _screenshot(browser, "admin-index-dashboard")

    print(f"\nrecord (3 participants, 2 sources) + save: clicks/typed/loads = "
          f"{curator.counts()}; publish + retract + history: {reviewer.counts()}")
    # The counts are of the steps the helpers take, not of time: they only change when
    # the forms do. Recording takes one page load and one save.
    assert curator.loads == 2
    assert curator.counts() == (1 + 3 * (1 + 2 + 1) + 2 * (1 + 1), 2 + 3 + 2, 2)


def test_the_old_task_counted_again(browser, live_server, alice, bob):
    """The issue's measure: one meeting, two participants, one source, then published."""
    _world()
    title = "Ministers meet again"
    _log_in(browser, live_server, "alice")
    task = Task(browser, live_server.url)
    _record_meeting(task, [("host", "Azerbaijan", "Azerbaijan (country)"),
                           ("guest", "Saar", "Gideon Sa'ar (person)")], ["Ministers meet"], title)
    task.click(browser.find_element(By.NAME, "_save"), loads_page=True)
    _wait_for_message(browser)
    _log_in(browser, live_server, "bob")
    task.load(f"/admin/diplomacy/event/{Event.objects.get(title=title).pk}/change/")
    task.click(browser.find_element(By.NAME, "_publish"), loads_page=True)
    _wait_for_message(browser)
    assert Event.objects.get(title=title).curation_status == CurationStatus.PUBLISHED
    print(f"\none meeting, two participants, one source, published: clicks/typed/loads = "
          f"{task.counts()} (before: 41, 17, 12)")
    assert task.clicks < 41 and task.typed < 17 and task.loads < 12


def test_statement_fields_show_for_statements_only(browser, live_server, alice):
    _log_in(browser, live_server, "alice")
    browser.get(f"{live_server.url}/admin/diplomacy/event/add/")
    statement = browser.find_element(By.CSS_SELECTOR, "fieldset.statement-only")
    Select(browser.find_element(By.NAME, "kind")).select_by_value("meeting")
    assert not statement.is_displayed()
    Select(browser.find_element(By.NAME, "kind")).select_by_value("statement")
    assert statement.is_displayed()


def test_api_docs_render_offline(browser, live_server):
    """Swagger UI's scripts and styles come from our own static files and run."""
    browser.get(f"{live_server.url}/api/docs/")
    WebDriverWait(browser, 20).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, ".opblock-summary-path")))
    paths = {el.text for el in browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")}
    assert "/api/v1/events/" in {p.replace("\u200b", "") for p in paths}


def _csp_violations(browser) -> list[str]:
    return [entry["message"] for entry in browser.get_log("browser")
            if "Content Security Policy" in entry["message"]]


def test_the_admin_and_the_docs_run_under_the_content_security_policy(browser, live_server,
                                                                       alice):
    """Every script and style they need comes from the site itself: the browser refuses
    nothing."""
    browser.get(f"{live_server.url}/api/docs/")
    WebDriverWait(browser, 20).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, ".opblock-summary-path")))
    _log_in(browser, live_server, "alice")
    for path in ("/admin/", "/admin/diplomacy/meeting/add/", "/admin/diplomacy/event/"):
        browser.get(f"{live_server.url}{path}")
        WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "content")))
    assert _csp_violations(browser) == []
