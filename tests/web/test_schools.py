"""Schools (design.md section 10): a school's start page, its code carried through the journey as
a hidden field, the confidant card with that school's details, the API, and bad codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from app.content.loader import Content, ContentError, load_content
from app.web.i18n import LANGUAGES
from tests.conftest import CheckingClient

SCHOOL = "de-regenboog"
ANSWERS = {"danger": "no", "topics": "bullying", "age": "8_11", "contact": "any", "goal": "listen"}


def _hidden(html: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [(i["name"], i["value"]) for i in soup.select("input[type=hidden]")]


def test_the_sample_region_has_two_fictional_schools(sample_content: Content) -> None:
    assert sorted(sample_content.schools) == ["de-regenboog", "het-duin-college"]
    assert all(school.example for school in sample_content.schools.values())
    assert all("(voorbeeld)" in school.name for school in sample_content.schools.values())


def test_wassenaar_has_no_schools_until_real_details_are_supplied(content: Content) -> None:
    assert content.schools == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_school_start_page_names_the_school_and_posts_its_code(
    sample_client: CheckingClient, lang: str
) -> None:
    response = sample_client.get(f"/{lang}/school/{SCHOOL}")
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    assert "Basisschool De Regenboog (voorbeeld)" in soup.select_one("main .school h2").get_text()
    assert soup.select_one("main .school .example") is not None  # a sample says so
    form = soup.select_one("main form")
    assert form["method"] == "post" and form["action"] == f"/{lang}/stap"
    assert _hidden(str(form)) == [("school", SCHOOL)]


def test_an_unknown_school_is_a_friendly_404_that_offers_the_general_journey(
    sample_client: CheckingClient,
) -> None:
    response = sample_client.get("/nl/school/bestaat-niet")
    assert response.status_code == 404
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.h1.get_text() == "Deze school kennen we niet"
    assert soup.select_one('main a[href="/nl/"]') is not None


def test_the_code_travels_with_every_step_and_reaches_the_confidant_card(
    sample_client: CheckingClient,
) -> None:
    page = sample_client.post("/nl/stap", data={"school": SCHOOL})  # "Begin" on its page
    assert page.status_code == 200 and ("school", SCHOOL) in _hidden(page.text)
    fields: dict[str, str] = {"school": SCHOOL}
    for question, answer in ANSWERS.items():
        fields[question] = answer
        page = sample_client.post("/nl/stap", data={**fields, "step": question})
        assert page.status_code == 200
        assert _hidden(page.text).count(("school", SCHOOL)) == 1, question
    soup = BeautifulSoup(page.text, "html.parser")
    card = soup.select_one('[data-service="school_confidant"]')
    assert card is not None, "the bullied 8-year-old gets the school confidant"
    assert "Basisschool De Regenboog (voorbeeld)" in card.get_text()
    assert "kamer 4, naast de gymzaal" in card.get_text()
    assert SCHOOL not in str(page.url)  # the code travels in the POST body, not in our URLs
    assert all(SCHOOL not in a["href"] for a in soup("a") if a["href"].startswith("/"))


def test_without_a_school_the_card_keeps_the_general_text(sample_client: CheckingClient) -> None:
    page = sample_client.post("/nl/stap", data={**ANSWERS, "step": "goal"})
    card = BeautifulSoup(page.text, "html.parser").select_one('[data-service="school_confidant"]')
    assert card is not None and card.select_one(".school") is None


def test_back_from_the_first_question_returns_to_the_school_page(
    sample_client: CheckingClient,
) -> None:
    page = sample_client.post("/nl/stap", data={"school": SCHOOL, "step": "danger", "nav": "back"})
    assert "Basisschool De Regenboog" in BeautifulSoup(page.text, "html.parser").h2.get_text()


@pytest.mark.parametrize("value", ["bestaat-niet", "DE-REGENBOOG", "de-regenboog "])
def test_an_unknown_school_in_a_post_is_a_422(sample_client: CheckingClient, value: str) -> None:
    assert sample_client.post("/nl/stap", data={"school": value}).status_code == 422


def test_the_api_accepts_a_school_and_returns_its_details(sample_client: CheckingClient) -> None:
    body = {"topics": ["bullying"], "age": "8_11", "school": SCHOOL, "lang": "en"}
    answer = sample_client.post("/api/v1/recommendations", json=body)
    assert answer.status_code == 200
    school = answer.json()["school"]
    assert school["code"] == SCHOOL and school["example"] is True
    assert school["where_when"].startswith("You")  # the English text
    without = sample_client.post("/api/v1/recommendations", json={"topics": ["bullying"]})
    assert without.json()["school"] is None
    assert [o["service"] for o in answer.json()["options"]] == [
        o["service"]
        for o in sample_client.post(
            "/api/v1/recommendations", json={"topics": ["bullying"], "age": "8_11"}
        ).json()["options"]
    ], "a school changes no option"
    unknown = sample_client.post("/api/v1/recommendations", json={"school": "bestaat-niet"})
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["body", "school"]


def _region(tmp_path: Path, school_yaml: str, name: str = "een-school.yaml") -> Path:
    source = Path(__file__).resolve().parents[2] / "content"
    target = tmp_path / "content"
    (target / "regions" / "test" / "schools").mkdir(parents=True)
    (target / "services").symlink_to(source / "services")
    (target / "regions" / "test" / "services").symlink_to(
        source / "regions" / "voorbeeld" / "services"
    )
    region = (source / "regions" / "voorbeeld" / "region.yaml").read_text()
    (target / "regions" / "test" / "region.yaml").write_text(region.replace("voorbeeld", "test"))
    (target / "regions" / "test" / "schools" / name).write_text(school_yaml)
    return target


SCHOOL_YAML = """name: Test
role: {{nl: de vertrouwenspersoon, en: x, ar: x, tr: x, pl: x, uk: x}}
where_when: {{nl: "{where}", en: x, ar: x, tr: x, pl: x, uk: x}}
verified_on: 2026-12-01
"""


@pytest.mark.parametrize(
    "where",
    ["Mail juf.mirjam@school.nl", "Bel 06 12345678", "Bel 070-1234567"],
)
def test_a_school_file_with_personal_contact_details_is_refused(tmp_path: Path, where: str) -> None:
    content_dir = _region(tmp_path, SCHOOL_YAML.format(where=where))
    with pytest.raises(ContentError) as error:
        load_content(content_dir, "test")
    assert "een-school.yaml: where_when: " in str(error.value)
    assert "never a staff member's own details" in str(error.value)


def test_a_school_code_must_fit_a_url(tmp_path: Path) -> None:
    yaml = SCHOOL_YAML.format(where="In kamer 4, elke dinsdag.")
    assert load_content(_region(tmp_path / "ok", yaml), "test").schools.keys() == {"een-school"}
    content_dir = _region(tmp_path / "bad", yaml, name="Een School.yaml")
    with pytest.raises(ContentError, match="the file name is the school's code"):
        load_content(content_dir, "test")
