"""robots.txt and uploaded media, as the application serves them in production."""

import pytest


def test_robots_txt_points_crawlers_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert {"Disallow: /admin/", "Disallow: /staff/", "Disallow: /accounts/"} <= set(lines)


def test_robots_txt_is_the_same_in_every_language(client):
    french = client.get("/robots.txt", HTTP_ACCEPT_LANGUAGE="fr").text
    german = client.get("/robots.txt", HTTP_ACCEPT_LANGUAGE="de").text
    assert french == german


@pytest.fixture
def logo(settings):
    path = settings.MEDIA_ROOT / "partners" / "logo.png"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    return path


def test_an_uploaded_file_is_served_with_a_day_of_caching(client, logo):
    response = client.get("/media/partners/logo.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == logo.read_bytes()
    assert "max-age=86400" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


def test_media_is_read_only(client, logo):
    assert client.post("/media/partners/logo.png").status_code == 405


@pytest.mark.parametrize(
    "path",
    [
        "partners/missing.png",
        "partners/.hidden.png",
        ".git/config",
        "../private/reports/report.pdf",
        "%2e%2e/private/reports/report.pdf",
        "partners/../../private/reports/report.pdf",
    ],
)
def test_nothing_outside_the_uploads_is_served(client, settings, logo, path):
    report = settings.PRIVATE_ROOT / "reports" / "report.pdf"
    report.parent.mkdir(parents=True)
    report.write_bytes(b"%PDF personal data")
    (logo.parent / ".hidden.png").write_bytes(b"secret")
    response = client.get(f"/media/{path}")
    assert response.status_code == 404
    assert b"personal data" not in response.content
