"""Content files: each one valid on its own; every error names its file and field; the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from app.content import models
from app.content.loader import Content, ContentError, load_content
from tests.conftest import ROOT

CONTENT = ROOT / "content"
SERVICE_FILES = sorted(CONTENT.glob("**/services/*.yaml"))


@pytest.mark.parametrize("path", SERVICE_FILES, ids=[p.stem for p in SERVICE_FILES])
def test_service_file_is_valid(path: Path) -> None:
    service = models.Service.model_validate(yaml.safe_load(path.read_text()))
    assert service.id == path.stem
    for channel in service.channels:
        if channel.url and not channel.url.startswith("tel:"):
            assert channel.url.startswith("https://")


def test_the_contract_services_are_all_there(content: Content) -> None:
    assert set(content.services) >= {
        "emergency_112",
        "kindertelefoon",
        "veilig_thuis",
        "chris",
        "villa_pinedo",
        "school_confidant",
        "zelfmoordpreventie_113",
        "alles_oke",
    }


def test_uncertain_facts_stay_marked(content: Content) -> None:
    """services.md marks these UNCERTAIN: they must stay marked until the municipality checks."""
    kindertelefoon = content.services["kindertelefoon"]  # hours confirmed (services.md s12)
    assert all("hours" not in c.needs_verification for c in kindertelefoon.channels)
    assert {"age", "anonymous", "tells_parents"} <= set(
        content.services["chris"].needs_verification
    )
    assert {"age", "name"} <= set(content.services["alles_oke"].needs_verification)
    veilig_thuis = content.services["veilig_thuis"]
    phone, chat = veilig_thuis.channels
    assert phone.number == "0800-2000" and not phone.needs_verification
    assert "hours" in chat.needs_verification
    assert "free" in content.services["villa_pinedo"].needs_verification
    assert "age" in content.services["chris"].needs_verification
    assert not any(c.kind == "phone" for c in content.services["chris"].channels)  # no known number


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def _edit(path: Path, change: dict[str, object] | None = None, drop: str | None = None) -> None:
    data = yaml.safe_load(path.read_text())
    if drop:
        del data[drop]
    data.update(change or {})
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def _errors(content_dir: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_content(content_dir, "wassenaar")
    return info.value.errors


def test_every_error_names_file_and_field(broken: Path) -> None:
    kt = broken / "services" / "kindertelefoon.yaml"
    vt = broken / "services" / "veilig_thuis.yaml"
    chris = broken / "services" / "chris.yaml"
    _edit(kt, {"colour": "blue"})
    _edit(vt, drop="what_happens")
    data = yaml.safe_load(chris.read_text())
    data["channels"][0]["hours"]["daily"] = ["15:00-17:00", "19:00-25:00"]
    chris.write_text(yaml.safe_dump(data, allow_unicode=True))
    errors = _errors(broken)
    assert f"{kt}: colour: unknown field" in errors
    assert f"{vt}: what_happens: Field required" in errors
    assert any(
        e.startswith(f"{chris}: channels.0.hours.daily.1:") and "19:00-25:00" in e for e in errors
    )
    assert len(errors) == 3  # every error is reported, not just the first


def test_id_must_match_the_file_name(broken: Path) -> None:
    shutil.copy(broken / "services" / "chris.yaml", broken / "services" / "chris2.yaml")
    assert any("chris2.yaml: id: 'chris' differs from the file name" in e for e in _errors(broken))


def test_missing_contract_service_is_an_error(broken: Path) -> None:
    (broken / "services" / "veilig_thuis.yaml").unlink()
    assert any("'veilig_thuis' is missing" in e for e in _errors(broken))


def test_bad_yaml_names_the_line(broken: Path) -> None:
    path = broken / "services" / "chris.yaml"
    path.write_text("id: chris\nname: [unclosed\n")
    assert any(e.startswith(f"{path}: not valid YAML (line") for e in _errors(broken))


def test_phone_number_and_tel_link_must_agree(broken: Path) -> None:
    path = broken / "services" / "veilig_thuis.yaml"
    data = yaml.safe_load(path.read_text())
    data["channels"][0]["url"] = "tel:08002001"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    assert any("0800-2000 and url tel:08002001 differ" in e for e in _errors(broken))


def test_stale_facts_are_warned_about(content: Content) -> None:
    assert content.stale(date(2026, 12, 1)) == []
    warnings = content.stale(date(2027, 8, 1))
    places = [w for w in warnings if not w.startswith("stale: ")]
    assert len(places) == len(content.services)
    assert "more than six months old" in places[0]
    claims = [w for w in warnings if w.startswith("stale: ")]
    assert len(claims) == sum(len(s.provenance) for s in content.services.values())


def _cli(*args: str, content_dir: Path = CONTENT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WHM_CONTENT_DIR": str(content_dir)}
    return subprocess.run(
        [sys.executable, "-m", "app", *args], env=env, capture_output=True, text=True, cwd=ROOT
    )


def test_cli_check_passes_and_lists_what_to_verify() -> None:
    result = _cli("check")
    assert result.returncode == 0, result.stderr
    assert "content ok" in result.stdout
    assert "needs verification: veilig_thuis: channels.1 (chat) hours" in result.stdout


def test_cli_check_fails_on_bad_content(broken: Path) -> None:
    _edit(broken / "services" / "kindertelefoon.yaml", {"colour": "blue"})
    result = _cli("check", content_dir=broken)
    assert result.returncode == 1
    assert "kindertelefoon.yaml: colour: unknown field" in result.stderr


def test_cli_routes_prints_the_table_for_one_moment() -> None:
    result = _cli("routes", "--format", "csv", "--at", "2027-01-01T03:00")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "topic,age,goal,at,options,notices,call_112_first"
    assert len(lines) == 1 + 9 * 5 * 3
    assert all(",2027-01-01T03:00:00+01:00," in line for line in lines[1:])
    markdown = _cli("routes", "--format", "md")  # this week's two moments
    assert markdown.returncode == 0 and len(markdown.stdout.splitlines()) == 2 + 9 * 5 * 3 * 2
    wrong = _cli("routes", "--at", "morgen")
    assert wrong.returncode == 2 and "not an ISO 8601 moment" in wrong.stderr


def test_cli_check_warns_about_the_sample_region_only_where_it_should() -> None:
    env = {**os.environ, "WHM_REGION": "voorbeeld"}
    result = subprocess.run(
        [sys.executable, "-m", "app", "check"], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert "region voorbeeld" in result.stdout
    assert "needs verification: school het-duin-college: where_when" in result.stdout
