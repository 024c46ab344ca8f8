"""deploy/kubernetes and deploy/systemd: valid against the Kubernetes schemas (kubernetes-validate,
strict: an unknown field fails), and holding what design.md section 12 asks."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from tests.conftest import ROOT

KUBERNETES = ROOT / "deploy" / "kubernetes"
VERSION = "1.33.0"


def documents() -> list[dict[str, Any]]:
    found = []
    for path in sorted(KUBERNETES.glob("*.yaml")):
        found += [d for d in yaml.safe_load_all(path.read_text()) if d]
    return found


@pytest.mark.parametrize(
    "document", documents(), ids=lambda d: f"{d['kind']}/{d['metadata']['name']}"
)
def test_every_manifest_is_valid_against_the_schema(document: dict[str, Any]) -> None:
    kubernetes_validate.validate(document, VERSION, strict=True)


def test_the_validator_can_fail() -> None:
    broken = {**documents()[0], "spec": {**documents()[0]["spec"], "replicas": "two"}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, VERSION, strict=True)


def _kind(kind: str) -> dict[str, Any]:
    (found,) = [d for d in documents() if d["kind"] == kind]
    return found


def test_the_deployment_is_what_the_design_asks() -> None:
    deployment = _kind("Deployment")
    spec = deployment["spec"]
    pod = spec["template"]["spec"]
    (container,) = pod["containers"]
    assert spec["replicas"] == 2
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
    assert {"cpu", "memory"} <= container["resources"]["limits"].keys()
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/healthz"
    env = {e["name"]: e for e in container["env"]}
    data = env["WHM_DATA_DIR"]["value"]
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    claim = volumes[mounts[data]]["persistentVolumeClaim"]["claimName"]
    pvc = _kind("PersistentVolumeClaim")
    assert pvc["metadata"]["name"] == claim and pvc["spec"]["accessModes"] == ["ReadWriteMany"]
    assert env["WHM_INSTANCE"]["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.name"
    pdb = _kind("PodDisruptionBudget")
    assert pdb["spec"]["selector"] == spec["selector"] and pdb["spec"]["minAvailable"] == 1


def _serve_flags() -> list[str]:
    printed = subprocess.run(
        ["make", "-s", "--no-print-directory", "-n", "serve", "HOST=127.0.0.1", "PORT=8000"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    printed = printed.replace("\\\n", " ").replace("${WORKERS:-1}", "2")
    words = shlex.split(printed.replace("${GRACE_SECONDS:-10}", "10"))
    return words[1:]


def test_the_systemd_unit_starts_the_server_as_make_serve_does() -> None:
    unit = (ROOT / "deploy" / "systemd" / "wie-helpt-mij.service").read_text()
    (line,) = [line for line in unit.splitlines() if line.startswith("ExecStart=")]
    words = shlex.split(line.removeprefix("ExecStart="))
    assert Path(words[0]).name == "uvicorn"
    assert words[1:] == _serve_flags()


def test_the_image_starts_the_server_as_make_serve_does() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    command = dockerfile.split("CMD ", 1)[1]
    words = yaml.safe_load(command.replace("\\\n", " "))  # the JSON form of CMD
    flags = _serve_flags()
    flags[flags.index("--host") + 1] = "0.0.0.0"  # the container listens on its own network
    assert Path(words[0]).name == "uvicorn" and words[1:] == flags
