"""Our own error pages: in the visitor's language, with a way back into the site."""

import pytest
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_unknown_address_under_de_answers_404_in_german(client):
    response = client.get("/de/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert "404.html" in [template.name for template in response.templates]


def test_not_found_page_offers_the_home_page_of_each_language(client):
    html = client.get("/fr/n-existe-pas/").content.decode()
    assert 'href="/de/"' in html
    assert 'rel="alternate" hreflang' not in html


def test_server_error_page_renders_without_any_context(rf):
    with translation.override("de"):
        response = server_error(rf.get("/de/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert 'href="/"' in html
