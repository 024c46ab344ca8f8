"""What the children's journey counts (design.md section 11), through the app: exactly the names
of section 11, nothing from the API or the adults' trials, "Weet je nu waar je terecht kunt?",
a page that never changes when the database fails, and /cijfers with stats.csv."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from app.content.loader import Content
from app.settings import Settings
from app.stats import read_totals
from app.web.app import create_app, fastapi_of
from tests.conftest import WEDNESDAY_AFTERNOON, CheckingClient

DAY = WEDNESDAY_AFTERNOON.date().isoformat()
ANSWERS = {"danger": "no", "topics": ["touch"], "age": "12_15", "contact": "any", "goal": "change"}


def _app(settings: Settings, content: Content, data_dir: Path, region: str = "wassenaar") -> Any:
    app = create_app(
        settings.model_copy(update={"data_dir": data_dir, "instance": "t", "region": region}),
        content,
    )
    fastapi_of(app).state.site.clock = lambda: WEDNESDAY_AFTERNOON
    return app


@pytest.fixture
def counted(settings: Settings, content: Content, tmp_path: Path) -> Iterator[CheckingClient]:
    with CheckingClient(_app(settings, content, tmp_path), follow_redirects=False) as client:
        yield client


def totals(client: CheckingClient) -> dict[str, int]:
    site = fastapi_of(client.app).state.site
    assert site.counts.flush()
    return {name: n for (day, name), n in read_totals(site.settings.data_dir).items()}


def test_a_journey_counts_exactly_the_names_of_section_11(counted: CheckingClient) -> None:
    counted.get("/nl/stap")
    for i, step in enumerate(("danger", "topics", "age", "contact")):
        given = dict(list(ANSWERS.items())[: i + 1])
        assert counted.post("/nl/stap", data={**given, "step": step}).status_code == 200
    page = counted.post("/nl/stap", data={**ANSWERS, "step": "goal"})
    first = BeautifulSoup(page.text, "html.parser").select_one("[data-service]")["data-service"]
    counted.post("/nl/stap", data={"danger": "yes", "step": "danger"})
    counted.get("/uit")
    assert totals(counted) == {
        "journey_started": 1,
        "results_shown": 1,
        f"first_option:{first}": 1,
        "notice:sexual_violence": 1,
        "notice:ask_first": 1,
        "emergency_shown": 1,
        "quick_exit": 1,
    }


def test_the_api_the_adults_pages_and_their_trials_count_nothing(counted: CheckingClient) -> None:
    counted.post("/api/v1/recommendations", json={"topics": ["touch"]})
    counted.post("/nl/volwassenen/routering", data={"topics": "sad", "at": "2027-01-01T03:00"})
    for path in ("/nl/volwassenen", "/nl/volwassenen/routering", "/nl/cijfers", "/nl/",
                 "/nl/overzicht", "/api/v1/stats.csv"):  # fmt: skip
        counted.get(path)
    assert totals(counted) == {}


def test_a_school_is_counted_only_by_month(
    settings: Settings, sample_content: Content, tmp_path: Path
) -> None:
    app = _app(settings, sample_content, tmp_path, "voorbeeld")
    with CheckingClient(app) as client:
        client.post("/nl/stap", data={"school": "de-regenboog"})
        site = fastapi_of(app).state.site
        assert site.counts.flush()
    assert read_totals(tmp_path) == {
        (DAY, "journey_started"): 1,
        (DAY[:8] + "01", "school:de-regenboog"): 1,
    }


def test_knows_where_with_javascript_thanks_in_place(counted: CheckingClient) -> None:
    results = counted.post(
        "/nl/stap", data={**ANSWERS, "step": "goal"}, headers={"HX-Request": "true"}
    )
    soup = BeautifulSoup(results.text, "html.parser")
    buttons = soup.select("#feedback button[name=knows_where]")
    assert [(b["value"], b["formaction"], b["data-hx-post"]) for b in buttons] == [
        ("yes", "/nl/feedback", "/nl/feedback"), ("no", "/nl/feedback", "/nl/feedback")
    ]  # fmt: skip
    assert all(
        b["data-hx-target"] == "#feedback" and b["data-hx-swap"] == "outerHTML" for b in buttons
    )
    form = {**ANSWERS, "step": "results", "knows_where": "no"}
    thanks = counted.post("/nl/feedback", data=form, headers={"HX-Request": "true"})
    assert thanks.status_code == 200
    assert (
        BeautifulSoup(thanks.text, "html.parser")
        .select_one("#feedback")
        .get_text()
        .strip()
        .startswith("Dank je!")
    )
    assert totals(counted)["knows_where:no"] == 1


def test_knows_where_without_javascript_leads_back_to_the_same_results(
    counted: CheckingClient,
) -> None:
    first = counted.post("/nl/stap", data={**ANSWERS, "step": "goal"})
    thanks = counted.post("/nl/feedback", data={**ANSWERS, "step": "results", "knows_where": "yes"})
    soup = BeautifulSoup(thanks.text, "html.parser")
    assert soup.h1.get_text() == "Dank je!"
    back = soup.select_one("main form")
    fields: dict[str, list[str]] = {}
    for hidden in back.select("input[type=hidden]"):
        fields.setdefault(hidden["name"], []).append(hidden["value"])
    again = counted.post(back["action"], data=fields)

    def cards(html: str) -> list[str]:
        return [
            c["data-service"] for c in BeautifulSoup(html, "html.parser").select("[data-service]")
        ]

    assert cards(again.text) == cards(first.text)
    assert totals(counted) == {  # the way back shows the results without counting them again
        "results_shown": 1,
        f"first_option:{cards(first.text)[0]}": 1,
        "notice:sexual_violence": 1,
        "notice:ask_first": 1,
        "knows_where:yes": 1,
    }


@pytest.mark.parametrize(
    "form",
    [{"knows_where": "misschien"}, {}, {"knows_where": ["yes", "no"]},
     {"knows_where": "yes", "age": "7"}, {"knows_where": "yes", "opmerking": "hallo"}],
)  # fmt: skip
def test_knows_where_takes_yes_or_no_and_nothing_else(
    counted: CheckingClient, form: dict[str, object]
) -> None:
    assert counted.post("/nl/feedback", data=form).status_code == 422
    assert totals(counted) == {}


def test_a_failing_database_never_changes_a_page(
    settings: Settings, content: Content, tmp_path: Path
) -> None:
    broken = tmp_path / "file"
    broken.write_text("a file where the data folder should be")
    pages = []
    for data_dir in (tmp_path / "fine", broken):
        with CheckingClient(_app(settings, content, data_dir)) as client:
            seen = []
            for method, path, data in (("GET", "/nl/stap", None),
                                       ("POST", "/nl/stap", {**ANSWERS, "step": "goal"}),
                                       ("POST", "/nl/feedback", {"knows_where": "yes"}),
                                       ("GET", "/nl/cijfers", None)):  # fmt: skip
                response = client.request(method, path, data=data)
                seen.append((response.status_code, response.text))
                fastapi_of(client.app).state.site.counts.flush()
            pages.append(seen)
    assert pages[0] == pages[1]
    assert all(status == 200 for status, _ in pages[1])


def seed_counts(data_dir: Path) -> None:
    """Counts of two closed months (and of the running one) in a file of their own."""
    with sqlite3.connect(data_dir / "counts-seed.db") as db:
        db.execute(
            "CREATE TABLE IF NOT EXISTS counts "
            "(day TEXT, name TEXT, count INTEGER, PRIMARY KEY (day, name))"
        )
        db.executemany(
            "INSERT OR REPLACE INTO counts VALUES (?, ?, ?)",
            [("2026-09-10", "journey_started", 140), ("2026-09-10", "results_shown", 100),
             ("2026-09-10", "first_option:kindertelefoon", 91),
             ("2026-09-10", "first_option:veilig_thuis", 9),
             ("2026-10-02", "journey_started", 210), ("2026-10-02", "results_shown", 8),
             ("2026-10-02", "first_option:kindertelefoon", 8), ("2026-10-02", "quick_exit", 12),
             ("2026-11-20", "journey_started", 999)],  # the running month: never shown
        )  # fmt: skip


def test_the_figures_page_shows_closed_months_suppressed(counted: CheckingClient) -> None:
    seed_counts(fastapi_of(counted.app).state.site.settings.data_dir)
    soup = BeautifulSoup(counted.get("/nl/cijfers").text, "html.parser")
    months = [h.get_text() for h in soup.select("main h2[id^=month-]")]
    assert months == ["oktober 2026", "september 2026"]
    september = {r.th.get_text(): r.td.get_text() for r in soup.select("#month-2026-09 + table tr")}
    assert september == {
        "Vragen gestart": "140", "Plekken gezien": "100",
        "Bovenaan: De Kindertelefoon": "< 10", "Bovenaan: Veilig Thuis": "< 10",
    }  # fmt: skip
    svg = soup.select_one("figure.chart svg")
    assert svg["role"] == "img" and svg.title.get_text()
    assert len(svg.select("rect.bar")) == 4  # two months, two series
    assert "999" not in soup.get_text()
    csv_rows = counted.get("/api/v1/stats.csv").text.splitlines()
    assert (
        csv_rows[0] == "month,name,count" and "2026-09,first_option:veilig_thuis,< 10" in csv_rows
    )
    assert not any(row.startswith("2026-11") for row in csv_rows)


def test_the_figures_page_without_figures(counted: CheckingClient) -> None:
    soup = BeautifulSoup(counted.get("/nl/cijfers").text, "html.parser")
    assert soup.select_one("figure.chart") is None
    assert "Er zijn nog geen cijfers" in soup.get_text()


def test_about_and_start_say_what_is_counted(client: CheckingClient) -> None:
    about = BeautifulSoup(client.get("/nl/over").text, "html.parser").get_text()
    assert "Wat we tellen" in about and "Wat we niet tellen" in about
    assert "Niet welke antwoorden een kind gaf op de vragen." in about
    start = BeautifulSoup(client.get("/nl/").text, "html.parser").get_text()
    assert "We tellen alleen hoe vaak de site gebruikt wordt. Niet door wie." in start
