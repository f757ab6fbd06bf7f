import pytest

from tests.e2e.conftest import PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_german_browser_lands_on_the_german_home_page(live_server, open_page, screenshot):
    page = open_page(locale="de-DE", viewport=PHONE)
    page.goto(live_server.url + "/")
    assert page.url == live_server.url + "/de/"
    assert page.locator("html").get_attribute("lang") == "de"
    screenshot(page, "home-de-phone")
