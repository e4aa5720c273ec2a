"""The deployment recipes are checked where they can be without Kubernetes or a TLJH server."""

from __future__ import annotations

import importlib.util
import json
import re
import stat
import tomllib
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
import yaml

from ..conftest import ROOT

DEPLOY = ROOT / "deploy"
# The hook names The Littlest JupyterHub defines (tljh/hooks.py); a misspelt hook is silently never called.
TLJH_HOOKS = {"tljh_extra_user_conda_packages", "tljh_extra_user_pip_packages", "tljh_extra_hub_pip_packages",
              "tljh_extra_apt_packages", "tljh_custom_jupyterhub_config", "tljh_config_post_install",
              "tljh_post_install", "tljh_new_user_create"}


def _plugin() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tljh_relcourse", DEPLOY / "tljh" / "tljh_relcourse.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tljh_plugin_hooks_are_real_and_set_up_a_workshop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = _plugin()
    hooks = {name for name in dir(plugin) if name.startswith("tljh_")}
    assert hooks and hooks <= TLJH_HOOKS, hooks - TLJH_HOOKS
    assert any(p.startswith("relcourse") for p in plugin.tljh_extra_user_pip_packages())
    assert "fonts-noto-cjk" in plugin.tljh_extra_apt_packages()
    c = SimpleNamespace(Spawner=SimpleNamespace(environment={"KEEP": "1"}))
    plugin.tljh_custom_jupyterhub_config(c)
    assert c.Spawner.environment == {"KEEP": "1", "RELCOURSE_EXCHANGE": plugin.EXCHANGE} and c.Spawner.default_url == "/lab"
    monkeypatch.setattr(plugin, "EXCHANGE", str(tmp_path / "exchange"))
    plugin.tljh_post_install()
    assert stat.S_IMODE((tmp_path / "exchange").stat().st_mode) == 0o1733
    meta = tomllib.loads((DEPLOY / "tljh" / "pyproject.toml").read_text())
    assert meta["project"]["entry-points"]["tljh"] == {"relcourse": "tljh_relcourse"}


def _get(data: Any, dotted: str) -> Any:
    for key in dotted.split("."):
        data = data[key]
    return data


def test_zero_to_jupyterhub_values() -> None:
    values = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())
    assert _get(values, "singleuser.storage.type") == "dynamic"
    env = _get(values, "singleuser.extraEnv")
    assert env["RELCOURSE_HOME"].startswith(_get(values, "singleuser.storage.homeMountPath"))
    assert env["RELCOURSE_EXCHANGE"] in [m["mountPath"] for m in _get(values, "singleuser.storage.extraVolumeMounts")]
    from zoneinfo import ZoneInfo

    assert ZoneInfo(env["TZ"])  # a real zone: containers run on UTC, so learners' times would read as UTC
    assert _get(values, "prePuller.hook.enabled") and _get(values, "scheduling.userPlaceholder.enabled")
    documents = list(yaml.safe_load_all((DEPLOY / "z2jh" / "exchange-pvc.yaml").read_text()))
    claim = _get(values, "singleuser.storage.extraVolumes")[0]["persistentVolumeClaim"]["claimName"]
    assert documents[0]["metadata"]["name"] == claim and documents[0]["spec"]["accessModes"] == ["ReadWriteMany"]
    assert "chown 1000:100 /srv/exchange/shares" in " ".join(documents[1]["spec"]["template"]["spec"]["containers"][0]["command"])
    mount = _get(values, "singleuser.storage.extraVolumeMounts")[0]
    assert mount["subPath"] == "shares/{username}", "each learner's pod sees only its own share folder"


def test_dockerfile_installs_the_project_and_checks_the_privacy_extension() -> None:
    text = (DEPLOY / "z2jh" / "Dockerfile").read_text()
    assert re.search(r"^FROM \S+:\S+", text, re.M), "pin the base image"
    assert "COPY --chown=${NB_UID}:${NB_GID} . /opt/relcourse" in text
    extras = re.findall(r'pip install [^\n]*"/opt/relcourse\[(\w+)\]"', text)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert extras and all(e in project["optional-dependencies"] for e in extras)
    enabled = json.loads((ROOT / "jupyter-config" / "jupyter_server_config.d" / "relcourse.json").read_text())
    (extension,) = enabled["ServerApp"]["jpserver_extensions"]
    assert f"grep -q \"{extension}.*enabled\"" in text
    apt = set(re.findall(r"\b(fonts-[\w-]+|lib[\w.-]+)\b", text))
    setup = (ROOT / "scripts" / "setup").read_text()
    assert {p for p in apt if p in setup or p == "fonts-noto-cjk"} == apt, "the image installs the set-up's packages"
