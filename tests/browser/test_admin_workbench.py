"""The curator's workbench in a real browser: the admin is the interface curators use.

alice is a curator: she records a meeting with a participant picked through the
autocomplete widget. bob is a reviewer: he publishes it, then retracts it, which
asks him for a reason.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from diplomacy.models import Country, CurationStatus, Event, Source
from tests.helpers import PASSWORD

# The live server needs committed data; the flush after each test is followed by
# post_migrate, which grants the curation roles again (diplomacy.roles.restore_roles).
pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.once]

def _log_in(browser, live_server, username: str) -> None:
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD + Keys.RETURN)
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "user-tools")))


def _pick(browser, select_id: str, text: str) -> None:
    """Choose an option in one of the admin's autocomplete (select2) widgets."""
    container = browser.find_element(By.CSS_SELECTOR, f"#{select_id} + .select2")
    container.click()
    search = WebDriverWait(browser, 10).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, ".select2-container--open "
                                          ".select2-search--dropdown .select2-search__field")))
    search.send_keys(text)
    WebDriverWait(browser, 10).until(ec.text_to_be_present_in_element(
        (By.CSS_SELECTOR, ".select2-results__option--highlighted"), text))
    search.send_keys(Keys.RETURN)


def test_curator_records_a_meeting_and_reviewer_publishes_then_retracts(browser, live_server,
                                                                      alice, bob):
    Country.objects.bulk_create([Country(iso3="AZE", iso2="AZ", name="Azerbaijan"),
                                 Country(iso3="ISR", iso2="IL", name="Israel")])
    Source.objects.create(kind="news_report", title="Ministers meet in Baku, says Ynet")

    # alice records a draft meeting with Azerbaijan as host.
    _log_in(browser, live_server, "alice")
    browser.get(f"{live_server.url}/admin/diplomacy/meeting/add/")
    browser.find_element(By.NAME, "title").send_keys("Foreign ministers meet in Baku")
    browser.find_element(By.NAME, "date").send_keys("2026-01-26")
    browser.find_element(By.LINK_TEXT, "Add another Event participant").click()
    Select(browser.find_element(By.NAME, "participants-0-role")).select_by_value("host")
    _pick(browser, "id_participants-0-actor_country", "Azerbaijan")
    _pick(browser, "id_participants-0-country", "Azerbaijan")
    # Nothing is published without a cited source.
    browser.find_element(By.LINK_TEXT, "Add another Citation").click()
    _pick(browser, "id_citations-0-source", "Ministers meet")
    browser.find_element(By.NAME, "_save").click()
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR,
                                                                     ".messagelist .success")))

    event = Event.objects.get(title="Foreign ministers meet in Baku")
    assert event.kind == Event.Kind.MEETING
    assert event.curation_status == CurationStatus.DRAFT
    assert [(p.role, p.actor_country_id) for p in event.participants.all()] == [("host", "AZE")]
    assert event.history.latest().history_user.username == "alice"
    # A curator is not offered the publishing action (nor any action on drafts' list).
    offered = [option.get_attribute("value")
               for option in browser.find_elements(By.CSS_SELECTOR, "select[name=action] option")]
    assert "publish_selected" not in offered

    # bob publishes it from the list.
    browser.delete_all_cookies()
    _log_in(browser, live_server, "bob")
    browser.get(f"{live_server.url}/admin/diplomacy/meeting/")
    browser.find_element(By.CSS_SELECTOR, f"input.action-select[value='{event.pk}']").click()
    Select(browser.find_element(By.NAME, "action")).select_by_value("publish_selected")
    browser.find_element(By.NAME, "index").click()
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR,
                                                                     ".messagelist")))
    event.refresh_from_db()
    assert event.curation_status == CurationStatus.PUBLISHED

    # Retracting asks for a reason on a confirmation page.
    browser.find_element(By.CSS_SELECTOR, f"input.action-select[value='{event.pk}']").click()
    Select(browser.find_element(By.NAME, "action")).select_by_value("retract_selected")
    browser.find_element(By.NAME, "index").click()
    reason = WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.NAME, "reason")))
    reason.send_keys("Duplicate of an earlier record")
    browser.find_element(By.NAME, "apply").click()
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR,
                                                                     ".messagelist")))
    event.refresh_from_db()
    assert event.curation_status == CurationStatus.RETRACTED
    assert event.retraction_reason == "Duplicate of an earlier record"


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
