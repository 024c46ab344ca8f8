"""Every page: status, the page checks of support/pagecheck.py (run by the client), headers."""

from __future__ import annotations

import pytest

from tests.conftest import CheckingClient

PAGES = ["/nl/", "/nl/stap", "/nl/overzicht", "/nl/tips", "/nl/over"]


# Every page kind a child can reach: (method, path, form, status).
RESULTS = {"danger": "no", "topics": ["touch"], "age": "12_15", "contact": "", "goal": ""}
PAGE_KINDS: dict[str, tuple[str, str, dict[str, object] | None, int]] = {
    **{path: ("GET", path, None, 200) for path in PAGES},
    "question (POST)": ("POST", "/nl/stap", {"danger": "no"}, 200),
    "results": ("POST", "/nl/stap", RESULTS, 200),
    "emergency": ("POST", "/nl/stap", {"danger": "yes"}, 200),
    "start again (POST)": ("POST", "/nl/stap", {"nav": "back", "danger": "no"}, 200),
    "not found": ("GET", "/nl/niet-hier", None, 404),
    "invalid answer": ("POST", "/nl/stap", {"age": "99"}, 422),
}


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_full_and_fragment(client: CheckingClient, kind: str) -> None:
    method, path, data, status = PAGE_KINDS[kind]
    full = client.request(method, path, data=data)
    assert full.status_code == status
    assert full.headers["cache-control"] == "no-store"
    assert full.headers["content-language"] == "nl"
    assert "HX-Request" in full.headers["vary"]
    assert full.text.lower().startswith("<!doctype html>")
    fragment = client.request(method, path, data=data, headers={"HX-Request": "true"})
    assert fragment.status_code == status
    assert "<html" not in fragment.text and "<h1" in fragment.text
    assert 'href="tel:112"' in full.text


def test_root_picks_a_language_without_a_cookie(client: CheckingClient) -> None:
    response = client.get("/", headers={"Accept-Language": "fr, nl;q=0.5"})
    assert response.status_code == 302
    assert response.headers["location"] == "/nl/"
    assert response.headers["vary"] == "Accept-Language"
    assert "set-cookie" not in response.headers


def test_unknown_language_and_page_are_a_friendly_404(client: CheckingClient) -> None:
    assert client.get("/nl").headers["location"] == "/nl/"
    for path in ("/xx/", "/xx", "/nl/bestaat-niet", "/xx/stap", "/nl/stap/", "/docs"):
        response = client.get(path)
        assert response.status_code == 404
        assert "Deze pagina bestaat niet" in response.text
        assert "tel:08002000" in response.text


def test_start_page_leads_to_the_first_question(client: CheckingClient) -> None:
    response = client.get("/nl/")
    assert 'href="/nl/stap"' in response.text
    assert "Wie helpt mij?" in response.text
    assert 'href="/nl/overzicht"' in response.text


def test_overview_lists_every_place_without_option_marks(client: CheckingClient) -> None:
    response = client.get("/nl/overzicht")
    for name in ("112", "De Kindertelefoon", "Veilig Thuis", "Villa Pinedo", "113"):
        assert name in response.text
    assert "data-service" not in response.text
    assert response.text.count('class="card"') == 10


def test_unverified_hours_are_said_on_the_card(client: CheckingClient) -> None:
    response = client.get("/nl/overzicht")
    assert "Tijden nog niet gecontroleerd." in response.text


def test_exit_hop_clears_site_data_and_leaves(client: CheckingClient) -> None:
    response = client.get("/uit")
    assert response.status_code == 303
    assert response.headers["location"] == "https://www.buienradar.nl/"
    assert response.headers["clear-site-data"] == '"cache", "storage"'


def test_health(client: CheckingClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.text.startswith("ok")


def test_static_files_are_hashed_compressed_and_cached(client: CheckingClient) -> None:
    page = client.get("/nl/").text
    css = page.split('rel="stylesheet" href="')[1].split('"')[0]
    assert css.startswith("/static/css/app.") and css.endswith(".css")
    response = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["content-encoding"] == "gzip"
    assert client.get("/static/css/app.css").status_code == 404  # only hashed URLs exist


def test_security_headers_on_pages_errors_and_static(client: CheckingClient) -> None:
    for path in ("/nl/", "/nope/", "/healthz", "/uit", "/api/v1/services"):
        response = client.get(path)
        assert response.headers["content-security-policy"].startswith("default-src 'none'")
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "server" not in response.headers
        assert "set-cookie" not in response.headers


def test_no_untranslated_placeholders(client: CheckingClient) -> None:
    for path in PAGES:
        text = client.get(path).text
        assert "{" not in text.split("</head>")[1], path
        assert "%(" not in text, path


def test_the_safety_page_names_what_a_web_page_cannot_hide(client: CheckingClient) -> None:
    text = client.get("/nl/tips").text
    for topic in (
        "Snel weg",  # what the quick exit does
        "Shift",
        "lijst met sites die je hebt bezocht",  # and does not do
        "privé venster",
        "lijst met gesprekken",  # the call log after tapping a number
        "andere telefoon of computer",
        "computer of tablet van school",
        "stiekem een app",  # stalkerware
        "apps die open staan",  # the app switcher's thumbnail
        "beginscherm",  # the installed icon
        "opnieuw wilt versturen? Kies dan nee",  # never resend the form
    ):
        assert topic in text, topic


def test_the_about_page_promises_concrete_things(client: CheckingClient) -> None:
    text = client.get("/nl/over").text
    for promise in ("IP-adres", "cookies", "niets op je telefoon", "geen vakjes", "camera"):
        assert promise in text, promise
