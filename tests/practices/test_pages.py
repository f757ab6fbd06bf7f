"""The public practices catalogue: list with its filters and a page per practice,
in French and German, 404 for unpublished sheets, and the seed 004 sheets shipped."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from events import page_cache
from practices import links
from practices.models import Practice

from .factories import PracticeFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def list_url(language, query=""):
    with translation.override(language):
        return reverse("practices:list") + query


def page_url(practice, language):
    with translation.override(language):
        return links.practice_path(practice)


@pytest.fixture(autouse=True)
def no_shipped_practices():
    # The catalogue ships with the seed 004 sheets; most tests count their own.
    Practice.objects.all().delete()


@pytest.mark.parametrize(
    ("language", "prefix", "title"),
    [
        ("fr", "/fr/pratiques/", "Pratique inspirante"),
        ("de", "/de/praktiken/", "Inspirierende Praxis"),
    ],
)
def test_list_and_page_answer_in_both_languages_with_translated_slugs(
    client, language, prefix, title
):
    practice = PracticeFactory(title_fr="Café contact", title_de="Kontaktcafé")
    listed = client.get(list_url(language))
    assert listed.status_code == 200
    assert list_url(language) == prefix
    html = listed.content.decode()
    assert f'<html lang="{language}">' in html
    path = page_url(practice, language)
    assert path == {"fr": "/fr/pratiques/", "de": "/de/praktiken/"}[language] + (
        f"{practice.pk}-cafe-contact/" if language == "fr" else f"{practice.pk}-kontaktcafe/"
    )
    assert f'href="{path}"' in html
    page = client.get(path)
    assert page.status_code == 200
    text = page.content.decode()
    assert ("Café contact" if language == "fr" else "Kontaktcafé") in text
    assert 'class="fallback-note"' not in text


@pytest.mark.parametrize("language", ["fr", "de"])
def test_an_unpublished_practice_is_404_and_not_listed(client, language):
    hidden = PracticeFactory(
        unpublished=True, title_fr="Brouillon caché", title_de="Versteckter Entwurf"
    )
    assert client.get(page_url(hidden, language)).status_code == 404
    html = client.get(list_url(language)).content.decode()
    assert "Brouillon caché" not in html and "Versteckter Entwurf" not in html


def test_unpublishing_hides_a_cached_page_at_once(client):
    practice = PracticeFactory()
    assert client.get(page_url(practice, "fr")).status_code == 200
    practice.is_published = False
    practice.save()
    assert client.get(page_url(practice, "fr")).status_code == 404


def test_the_other_languages_slug_redirects_to_this_languages_address(client):
    practice = PracticeFactory(title_fr="Café contact", title_de="Kontaktcafé")
    with translation.override("de"):
        wrong = reverse("practices:detail", kwargs={"pk": practice.pk, "slug": "cafe-contact"})
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == page_url(practice, "de")


def test_a_french_only_sheet_shows_in_german_with_the_one_language_note(client):
    practice = PracticeFactory(french_only=True, title_fr="Rallye pour l’emploi")
    path = page_url(practice, "de")
    # No German title: the German address carries the French slug.
    assert path == f"/de/praktiken/{practice.pk}-rallye-pour-lemploi/"
    html = client.get(path).content.decode()
    assert 'class="fallback-note"' in html
    assert "Französisch" in html
    assert '<h1 lang="fr">Rallye pour l’emploi</h1>' in html
    listed = client.get(list_url("de")).content.decode()
    assert 'lang="fr">Rallye pour l’emploi</a>' in listed


def test_filters_by_theme_and_territory(client):
    jobs = ThemeFactory(code="support", name_fr="Accompagnement vers l’emploi")
    youth = ThemeFactory(code="youth", name_fr="Jeunes")
    PracticeFactory(title_fr="A à Metz", territory="Metz – Borny", themes=[jobs])
    PracticeFactory(title_fr="B à Metz", territory="Metz – Borny", themes=[youth])
    PracticeFactory(title_fr="C à Reims", territory="Reims", themes=[jobs, youth])

    def titles(query):
        page = client.get(list_url("fr", query)).context["page"]
        return [p.title for p in page.object_list]

    assert titles("?theme=support") == ["A à Metz", "C à Reims"]
    assert titles("?territory=Metz+–+Borny") == ["A à Metz", "B à Metz"]
    assert titles("?theme=youth&territory=Reims") == ["C à Reims"]
    # Only territories of published practices are offered.
    PracticeFactory(unpublished=True, territory="Troyes")
    form = client.get(list_url("fr")).context["filter"].form
    assert [value for value, _label in form.fields["territory"].choices][1:] == [
        "Metz – Borny",
        "Reims",
    ]


def test_an_unknown_filter_value_is_refused_with_a_translated_error(client):
    PracticeFactory()
    response = client.get(list_url("de", "?theme=nothing"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fehler:" in html.split("</title>")[0]


def test_list_queries_do_not_grow_with_practices(client, django_assert_max_num_queries):
    theme = ThemeFactory(code="access")
    PracticeFactory.create_batch(2, themes=[theme])
    with django_assert_max_num_queries(6) as few:
        client.get(list_url("fr", "?theme=access"))
    cache.clear()
    page_cache.clear_local()
    for n in range(15):
        PracticeFactory(themes=[theme, ThemeFactory(code=f"more-{n}")], territory=f"Lieu {n}")
    with django_assert_max_num_queries(len(few)):
        response = client.get(list_url("fr", "?theme=access"))
    assert len(response.context["page"].object_list) == 17


def test_the_sitemap_lists_the_new_pages_and_published_practices_in_both_languages(client):
    shown = PracticeFactory(title_fr="Café contact", title_de="Kontaktcafé")
    hidden = PracticeFactory(unpublished=True)
    index = client.get("/sitemap.xml").content.decode()
    sections = "".join(
        client.get(location.removeprefix("http://testserver")).content.decode()
        for location in re.findall(r"<loc>([^<]+)</loc>", index)
    )
    for language in ("fr", "de"):
        assert f"<loc>http://testserver{page_url(shown, language)}</loc>" in sections
        assert f"http://testserver{page_url(hidden, language)}" not in sections
        assert f"<loc>http://testserver{list_url(language)}</loc>" in sections
        with translation.override(language):
            for name in ("partners:employers", "impact:page"):
                assert f"<loc>http://testserver{reverse(name)}</loc>" in sections
