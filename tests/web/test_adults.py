"""The adults' side (design.md section 10): the pages, the routing table and its trial form, the
facts and their sources, the link kit, the accessibility statement, services.csv."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup

from app.content.facts import facts
from app.content.loader import Content
from app.domain.answers import AgeGroup, Answers, Contact, Danger, Goal, Topic
from app.domain.recommend import recommend
from app.domain.routing import week_moments
from app.web.i18n import LANGUAGES
from app.web.i18n.wording import question, topic_label
from tests.conftest import WEDNESDAY_AFTERNOON, CheckingClient

PAGES = ("volwassenen", "volwassenen/routering", "volwassenen/bronnen", "volwassenen/posters",
         "volwassenen/link", "volwassenen/toegankelijkheid")  # fmt: skip


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_adults_page_answers_in_every_language(
    client: CheckingClient, page: str, lang: str
) -> None:
    response = client.get(f"/{lang}/{page}")
    assert response.status_code == 200
    assert response.headers["content-language"] == lang
    soup = soup_of(response.text)
    assert soup.h1 is not None and soup.h1.get_text().strip()
    assert not soup.select("input[type=text], input[type=search], textarea")


def test_a_quiet_footer_link_leads_adults_to_their_page(client: CheckingClient) -> None:
    for path in ("/nl/", "/nl/stap", "/nl/overzicht", "/ar/over"):
        footer = soup_of(client.get(path).text).select_one("footer")
        lang = path.split("/")[1]
        assert footer.select_one(f'li.quiet a[href="/{lang}/volwassenen"]') is not None, path


def test_the_adults_page_links_to_everything_for_them(client: CheckingClient) -> None:
    hrefs = {a["href"] for a in soup_of(client.get("/nl/volwassenen").text).select("main a")}
    assert {f"/nl/{page}" for page in PAGES[1:]} <= hrefs


def _table_cell(html: str, topic_label: str, age_label: str, goal_label: str, column: int):
    soup = soup_of(html)
    heading = next(h for h in soup.select("main h2") if h.get_text() == topic_label)
    table = heading.find_next("table")
    for row in table.select("tbody tr"):
        header = row.th
        if header.contents[0] == age_label and header.select_one(".goal").get_text() == goal_label:
            return row.find_all("td")[column]
    raise AssertionError("row not found")


def test_the_routing_table_is_what_recommend_gives(
    client: CheckingClient, content: Content
) -> None:
    html = client.get("/nl/volwassenen/routering").text
    sunday = week_moments(WEDNESDAY_AFTERNOON)[1]
    assert "zondag 29 november 2026 03:00" in html and "woensdag 25 november 2026 15:00" in html
    checked = 0
    for topic, age, goal in [
        (Topic.SAD, AgeGroup.AGE_12_15, Goal.LISTEN),
        (Topic.HOME_FIGHTS, AgeGroup.AGE_8_11, Goal.CHANGE),
        (Topic.DIVORCE, AgeGroup.AGE_16_17, Goal.UNSURE),
        (Topic.TOUCH, AgeGroup.UNDER_8, Goal.LISTEN),
    ]:
        labels = {c.id: c.label for q in ("age", "goal") for c in question(q, str).choices}
        cell = _table_cell(html, topic_label(topic, str), labels[age.value], labels[goal.value], 1)
        answers = Answers(Danger.NO, frozenset({topic}), age, Contact.ANY, goal)
        expected = recommend(answers, content.catalogue, sunday)
        names = [li.get_text() for li in cell.select("ol li")]
        assert names == [content.services[o.service].name["nl"] for o in expected.options]
        assert len(cell.select("ul.notices li")) == len(expected.notices)
        checked += 1
    assert checked == 4


def test_the_trial_form_shows_any_answers_at_any_moment(client: CheckingClient) -> None:
    form = soup_of(client.get("/nl/volwassenen/routering").text).select_one("form.try")
    assert form["method"] == "post" and form["action"] == "/nl/volwassenen/routering"
    assert form.select_one("input[type=datetime-local][name=at]") is not None
    night = client.post(
        "/nl/volwassenen/routering",
        data={"danger": "no", "topics": ["sad"], "age": "12_15", "at": "2027-01-01T03:00"},
    )
    assert night.status_code == 200
    soup = soup_of(night.text)
    assert "vrijdag 1 januari 2027 03:00" in soup.select_one("main h2").get_text()
    assert soup.select_one(".notice h3").get_text() == "Melding: nu niet bereikbaar"
    assert soup.select_one("input[name=topics][value=sad]").has_attr("checked")
    assert soup.select_one("input[name=at]")["value"] == "2027-01-01T03:00"
    assert soup.select_one("table") is None  # the answer, not the whole table again
    lines = [li.get_text() for li in soup.select("ol.tried ul li")]
    assert any(line.startswith("Bellen 0800-0432: Nu dicht.") for line in lines), lines
    assert not any(
        line.split(":")[0] in ("phone", "chat", "in_person", "app", "web") for line in lines
    )


@pytest.mark.parametrize(
    "data",
    [
        {"at": "9999-12-31T23:59"},
        {"at": "0001-01-01T00:00"},
        {"at": "morgen"},
        {"at": "2026-12-31T03:00+01:00"},
        {"topics": "verdrietig"},
        {"age": ["8_11", "12_15"]},
        {"naam": "Sam"},
    ],
)
def test_the_trial_form_refuses_what_is_not_an_answer(
    client: CheckingClient, data: dict[str, object]
) -> None:
    assert client.post("/nl/volwassenen/routering", data=data).status_code == 422


def test_the_sources_list_starts_with_what_is_not_yet_checked(
    client: CheckingClient, content: Content
) -> None:
    soup = soup_of(client.get("/nl/volwassenen/bronnen").text)
    items = soup.select("li.fact")
    assert len(items) == len(facts(content))
    states = [next(c for c in item["class"] if c != "fact") for item in items]
    assert states == sorted(states, key=["unverified", "stale", "checked"].index)
    unverified = [f for f in facts(content) if f.state(WEDNESDAY_AFTERNOON.date()) == "unverified"]
    assert states.count("unverified") == len(unverified) > 0
    assert all(a["href"].startswith("https://") for a in soup.select("li.fact a"))
    first = items[0].get_text()
    assert "Alarmnummer 112" in first and "nog geen bron" in first


def test_services_csv_is_the_open_data_as_a_flat_table(
    client: CheckingClient, content: Content
) -> None:
    response = client.get("/api/v1/services.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == len(facts(content))
    services = client.get("/api/v1/services").json()["services"]
    for service in services:
        for claim, where in service["provenance"].items():
            row = next(r for r in rows if r["service"] == service["id"] and r["claim"] == claim)
            assert row["source"] == (where["source"] if where else "")
            assert row["checked_on"] == (where["checked_on"] if where else "")
    kt = next(r for r in rows if r["service"] == "kindertelefoon" and r["claim"] == "age")
    assert kt["value"] == "8-17" and kt["state"] == "checked"


def test_the_link_kit_gives_a_plain_link_that_sends_no_referrer(client: CheckingClient) -> None:
    soup = soup_of(client.get("/nl/volwassenen/link").text)
    snippets = [code.get_text() for code in soup.select("main pre code")]
    assert len(snippets) == 2
    for snippet in snippets:
        link = soup_of(snippet).a
        assert link["href"] == "http://127.0.0.1:8000/nl/" and link["rel"] == ["noreferrer"]
        assert not soup_of(snippet).select("img, script, iframe, link")  # nothing to load
    assert "iframe" in soup.select_one("main").get_text()


def test_the_accessibility_statement_says_what_is_tested_and_what_is_not(
    client: CheckingClient,
) -> None:
    main = soup_of(client.get("/nl/volwassenen/toegankelijkheid").text).select_one("main")
    text = main.get_text(" ")
    assert "WCAG 2.1" in text and "eerste maatregelen genomen" in text
    assert "axe-core" in text and "nog niet met de hand getest" in text
    assert "De gemeente zet hier nog hoe dat kan." in text  # Wassenaar has no contact set yet
    assert "1 december 2026" in text
