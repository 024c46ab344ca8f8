# ruff: noqa: RUF001 - the texts are Turkish, Ukrainian and Arabic on purpose
"""What the app tells a child says no more than its sources (issue 11, services.md section 12).

Each contradicted claim is checked in every language: the old promise must be gone everywhere,
not just in Dutch. Provenance: every claim a child relies on names a source and a date, or is
listed as unverified and marked so on the card.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from app.content.loader import Content
from app.web.i18n import LANGUAGES
from app.web.middleware.security import FALLBACK_500
from tests.conftest import ROOT, CheckingClient

CONTENT = ROOT / "content"
UNVERIFIED = "nog niet gecontroleerd"

# service, field -> per language, words of the old claim that must be gone.
# De Kindertelefoon's answer may no longer open with a bare "No." ("Meestal niet", with exceptions).
BARE_NO = {"nl": "Nee.", "en": "No.", "ar": "لا.", "tr": "Hayır.", "pl": "Nie.", "uk": "Ні."}
CONTRADICTED: dict[tuple[str, str], dict[str, list[str]]] = {
    ("veilig_thuis", "tells_parents"): {
        "nl": ["niet meteen uit huis"],
        "en": ["taken out of your home straight away"],
        "ar": ["لن يتم إخراجك من البيت فورًا"],
        "tr": ["Hemen evden alınmazsın"],
        "pl": ["Nikt nie zabierze cię od razu z domu"],
        "uk": ["Тебе не заберуть з дому одразу"],
    },
    ("school_confidant", "tells_parents"): {
        "nl": ["mag die het doorgeven", "belt die hulp en je ouders"],
        "en": ["they may pass it on", "call your parents"],
        "ar": ["يُسمح له أن يخبر", "وبوالديك"],
        "tr": ["iletebilir", "anne babanı arar", "rehber öğretmen"],
        "pl": ["może to komuś przekazać", "do twoich rodziców"],
        "uk": ["може про це комусь сказати", "твоїм батькам"],
    },
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("claim", CONTRADICTED, ids=lambda c: ".".join(c))
def test_contradicted_claims_are_gone(content: Content, claim: tuple[str, str], lang: str) -> None:
    service, field = claim
    text = getattr(content.services[service], field)[lang]
    for words in CONTRADICTED[claim][lang]:
        assert words not in text, (service, field, lang, text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_kindertelefoon_no_longer_answers_a_bare_no(content: Content, lang: str) -> None:
    text = content.services["kindertelefoon"].tells_parents[lang]
    assert not text.startswith(BARE_NO[lang]), text


def test_the_dutch_says_what_the_sources_say(content: Content) -> None:
    kt = content.services["kindertelefoon"].tells_parents["nl"]
    assert kt.startswith("Meestal niet")
    for exception in ("wet", "leven in gevaar", "goed vindt"):
        assert exception in kt, exception
    school = content.services["school_confidant"].tells_parents["nl"]
    assert "moet" in school and "Veilig Thuis" in school
    assert "Je mag eerst vragen: moet je dit doorvertellen?" in school
    vt = content.services["veilig_thuis"].tells_parents["nl"]
    assert "veilige plek" in vt
    your_name = content.services["kindertelefoon"].your_name["nl"]
    assert "telefoonrekening" in your_name


def test_kindertelefoon_hours_are_confirmed_and_said_offline(
    content: Content, client: CheckingClient
) -> None:
    kt = content.services["kindertelefoon"]
    assert all("hours" not in c.needs_verification for c in kt.channels)
    offline = client.get("/nl/offline").text
    assert "0800-0432" in offline and "11" in offline and "21" in offline
    helplines = client.get("/nl/").text
    assert "11 tot 21 uur" in helplines


def test_the_start_page_says_exactly_what_is_kept(client: CheckingClient) -> None:
    page = client.get("/nl/").text
    assert "Wij bewaren niets" not in page
    assert "noodkaart" in page  # the phone keeps the offline card


@pytest.mark.parametrize("lang", LANGUAGES)
def test_start_page_translation_does_not_read_as_hiding(client: CheckingClient, lang: str) -> None:
    page = client.get(f"/{lang}/").text
    assert "hiçbir şey saklamayız" not in page


def test_reason_and_label_for_suicide_and_touch(client: CheckingClient) -> None:
    data = client.post(
        "/api/v1/recommendations", json={"topics": ["suicide"], "age": "12_15"}
    ).json()
    assert data["options"][0]["reason"].startswith(
        "Omdat je zei dat je aan zelfmoord denkt of niet meer wilt leven."
    )
    question = client.post("/nl/stap", data={"danger": "no"}).text
    assert "ook online" in question
    assert "die ik niet wil" not in question


@pytest.mark.parametrize("lang", ["pl", "ar"])
def test_age_lines_keep_up_to_and_including(lang: str) -> None:
    from app.web.i18n import translations

    text = translations(lang).gettext("Tot en met {age} jaar.")
    assert text != {"pl": "Do {age} lat.", "ar": "حتى عمر {age}."}[lang]


def test_glossary_names_one_word_per_concept() -> None:
    glossary = (ROOT / "locales" / "glossary.md").read_text()
    for lang in LANGUAGES:
        assert f"| {lang} " in glossary or f"{lang} |" in glossary
    for concept in ("chat", "vertrouwenspersoon", "mentor", "uit elkaar gaan", "bewaren"):
        assert concept in glossary


# --- Provenance (design.md section 5) ---------------------------------------------------------


def claims(service: dict[str, object]) -> list[str]:
    names = ["tells_parents", "your_name", "free", "anonymous", "age"]
    for i, channel in enumerate(service["channels"]):  # type: ignore[attr-defined]
        if channel.get("number"):
            names.append(f"channels.{i}.number")
        elif channel.get("url"):
            names.append(f"channels.{i}.url")
        if channel.get("hours"):
            names.append(f"channels.{i}.hours")
    return names


def test_every_claim_has_a_source_or_is_marked_unverified(client: CheckingClient) -> None:
    for service in client.get("/api/v1/services").json()["services"]:
        provenance = service["provenance"]
        assert set(provenance) == set(claims(service)), service["id"]
        unverified = set(service["needs_verification"])
        for i, channel in enumerate(service["channels"]):
            unverified |= {f"channels.{i}.{fact}" for fact in channel["needs_verification"]}
        for claim, source in provenance.items():
            if source is None:
                assert claim in unverified, (service["id"], claim)
            else:
                assert set(source) == {"source", "checked_on"}
                assert source["source"].startswith("http")
                assert date.fromisoformat(source["checked_on"]) <= date(2026, 12, 1)


def test_the_new_places_are_in_the_content(content: Content, client: CheckingClient) -> None:
    csg = content.services["centrum_seksueel_geweld"]
    assert [c.number for c in csg.channels if c.kind == "phone"] == ["0800-0188"]
    assert "helpwanted" in content.services
    overview = client.get("/nl/overzicht").text
    assert "Centrum Seksueel Geweld" in overview and "Helpwanted" in overview


def test_unverified_urls_and_the_local_note_are_marked(client: CheckingClient) -> None:
    soup = BeautifulSoup(client.get("/nl/overzicht").text, "html5lib")
    chris = soup.find(id="card-chris").find_parent("article")  # type: ignore[union-attr]
    assert UNVERIFIED in chris.get_text().lower()
    local = soup.find(class_="local-help")
    assert local is not None and UNVERIFIED in local.get_text().lower()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def _check(content_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WHM_CONTENT_DIR": str(content_dir)}
    return subprocess.run(
        [sys.executable, "-m", "app", "check"], env=env, capture_output=True, text=True, cwd=ROOT
    )


def test_check_fails_on_a_claim_without_source_or_mark(content_copy: Path) -> None:
    path = content_copy / "services" / "kindertelefoon.yaml"
    data = yaml.safe_load(path.read_text())
    del data["provenance"]["tells_parents"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    result = _check(content_copy)
    assert result.returncode == 1
    assert "kindertelefoon: tells_parents has no source" in result.stderr


def test_check_passes_with_a_mark_and_lists_it(content_copy: Path) -> None:
    path = content_copy / "services" / "kindertelefoon.yaml"
    data = yaml.safe_load(path.read_text())
    del data["provenance"]["tells_parents"]
    data["needs_verification"] = [*data.get("needs_verification", []), "tells_parents"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    result = _check(content_copy)
    assert result.returncode == 0, result.stderr
    assert "needs verification: kindertelefoon: tells_parents" in result.stdout


def test_check_lists_stale_claims(content_copy: Path) -> None:
    path = content_copy / "services" / "kindertelefoon.yaml"
    data = yaml.safe_load(path.read_text())
    data["provenance"]["age"]["checked_on"] = date(2025, 1, 1)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    result = _check(content_copy)
    assert result.returncode == 0, result.stderr
    assert re.search(r"stale: kindertelefoon: age checked on 2025-01-01", result.stderr)


def test_a_provenance_source_must_be_listed_and_the_claim_known(content_copy: Path) -> None:
    path = content_copy / "services" / "kindertelefoon.yaml"
    data = yaml.safe_load(path.read_text())
    data["provenance"]["age"]["source"] = "https://example.org/not-listed"
    data["provenance"]["colour"] = {"source": data["sources"][0]["url"], "checked_on": "2026-12-01"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    result = _check(content_copy)
    assert result.returncode == 1
    assert "provenance.age.source: not among the sources of this file" in result.stderr
    assert "provenance.colour: not a claim of this file" in result.stderr


# --- Review of the first fix (2026-12-01) -------------------------------------------------------


def test_not_now_marks_unverified_hours_and_names_only_calls_and_chats(
    client: CheckingClient,
) -> None:
    body = {"topics": ["divorce"], "age": "18_plus", "at": "2026-12-06T03:00:00+01:00"}
    data = client.post("/api/v1/recommendations", json=body).json()
    assert data["options"][0]["service"] == "villa_pinedo"  # an app: no hours, not closed
    notice = data["notices"][0]
    assert notice["id"] == "not_now"
    assert "Wat bij je past, is nu dicht" not in notice["text"]
    assert "bellen of chatten" in notice["text"].lower()
    assert "14:00" in notice["text"] and UNVERIFIED in notice["text"].lower()  # Alles Oké


def test_ask_first_is_about_people_who_work_at_school(client: CheckingClient) -> None:
    body = {"topics": ["bullying"], "age": "12_15", "contact": "face_to_face"}
    data = client.post("/api/v1/recommendations", json=body).json()
    text = next(n["text"] for n in data["notices"] if n["id"] == "ask_first")
    assert "iemand die op school werkt" in text and "iemand van school" not in text
    assert "je ouders" in text


def test_the_start_page_does_not_promise_more_than_a_web_page_can(client: CheckingClient) -> None:
    page = client.get("/nl/").text
    assert "Op je telefoon komt alleen" not in page
    assert "onthoudt" in page and "Zo wis je je sporen" in page


def test_claims_without_a_fitting_source_are_marked(content: Content) -> None:
    e112 = content.services["emergency_112"]
    assert "tells_parents" in e112.needs_verification and "tells_parents" not in e112.provenance
    school = content.services["school_confidant"]
    assert "free" in school.needs_verification and "free" not in school.provenance
    text = school.tells_parents["nl"]
    assert "vertrouwenspersoon" in text and "mentor" in text


def test_notice_links_say_whether_they_are_open(client: CheckingClient) -> None:
    body = {"topics": ["touch"], "age": "12_15", "at": "2026-11-29T03:00:00+01:00"}
    data = client.post("/api/v1/recommendations", json=body).json()
    assert data["notices"][0]["id"] == "sexual_violence"
    page = client.post(
        "/nl/stap",
        data={"danger": "no", "topics": "touch", "age": "12_15", "contact": "", "goal": ""},
    ).text
    soup = BeautifulSoup(page, "html5lib")
    box = soup.find(attrs={"data-notice": "sexual_violence"})
    assert box is not None
    statuses = [s.get_text(" ", strip=True) for s in box.select(".status")]
    assert statuses[0].startswith("Dag en nacht open")  # the Centrum Seksueel Geweld
    assert "gecontroleerd" in statuses[1]  # Helpwanted: hours and address not yet checked


def test_the_last_resort_page_gives_the_kindertelefoon_hours() -> None:
    """Even the page sent when everything else fails says when De Kindertelefoon answers."""
    page = FALLBACK_500.decode()
    assert "0800-0432" in page and "11-21 uur" in page


# The helplines written by hand, for when the content cannot be used: the helplines component,
# the last-resort 500 page and the TLS front's error pages (all of them show helplines.inc).
# They must say what the content says.
HAND_WRITTEN = {
    "components/helplines.html": (ROOT / "app/web/templates/components/helplines.html").read_text(),
    "FALLBACK_500": FALLBACK_500.decode(),
    "deploy/errors/helplines.inc": (ROOT / "deploy/errors/helplines.inc").read_text(),
}


@pytest.mark.parametrize("source", HAND_WRITTEN)
def test_hand_written_helplines_say_what_the_content_says(content: Content, source: str) -> None:
    """Each line (a list item or a sentence) may only claim hours, "day and night" and "free"
    that the content gives for the numbers in it; a number with limited hours states them."""
    phones = {
        channel.url: (service, channel)
        for service in content.services.values()
        for channel in service.channels
        if channel.kind == "phone"
    }
    lines = re.split(r"</li>|\.\s", HAND_WRITTEN[source])
    seen = 0
    for line in lines:
        for number in re.findall(r'href="?(tel:\d+)', line):
            seen += 1
            assert number in phones, f"{source}: {number} is no phone number in the content"
            service, channel = phones[number]
            assert channel.hours is not None and channel.hours.daily is not None, number
            assert not channel.needs_verification, (source, number, channel.needs_verification)
            slots = channel.hours.daily
            said = re.search(r"\b(\d{1,2})\D{1,5}?(\d{1,2}) uur", line)
            if said:
                assert slots == [f"{int(said[1]):02}:00-{int(said[2]):02}:00"], (source, line)
            else:
                assert slots == ["00:00-24:00"], f"{source}: {number} needs its hours: {line}"
            if "dag en nacht" in line:
                assert slots == ["00:00-24:00"], (source, line)
            if "gratis" in line:
                assert service.free is True, (source, line)
    assert seen >= 3, (source, seen)


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "nl"])
def test_translated_helplines_keep_every_number_and_hour(lang: str) -> None:
    """A translation of a hand-written helpline keeps its numbers and hours ("11" may become
    "11:00": minutes "00" are left out of the comparison)."""
    from app.web.i18n import translations

    template = (ROOT / "app/web/templates/components/helplines.html").read_text()
    for message in re.findall(r'_\("([^"]+)"\)', template):
        digits = sorted(d for d in re.findall(r"\d+", message) if d != "00")
        translated = translations(lang).gettext(message)
        assert translated != message or not re.search(r"[a-z]{3}", message), (lang, message)
        found = sorted(d for d in re.findall(r"\d+", translated) if d != "00")
        assert found == digits, (lang, message, translated)
