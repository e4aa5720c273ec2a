"""``relcourse doctor`` says whether the privacy extension is enabled as the Jupyter server decides it,
and whether the journal store can be made where it is configured to live."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from relcourse.cli import main
from tests.conftest import ROOT

SHIPPED = ROOT / "jupyter-config" / "jupyter_server_config.d" / "relcourse.json"
DISABLED = {"ServerApp": {"jpserver_extensions": {"relcourse.jupyter.privacy": False}}}


@pytest.fixture
def jupyter_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An installed-package config folder holding the shipped file (what `pip install .` places in
    {sys.prefix}/etc/jupyter), and an empty user config folder, returned."""
    installed = tmp_path / "installed"
    (installed / "jupyter_server_config.d").mkdir(parents=True)
    (installed / "jupyter_server_config.d" / "relcourse.json").write_text(SHIPPED.read_text())
    user = tmp_path / "user"
    user.mkdir()
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(installed))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(user))
    return user


def _doctor(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["doctor"])
    return status, capsys.readouterr().out


def test_doctor_reports_the_extension_enabled(jupyter_config: Path, private_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = _doctor(capsys)
    assert status == 0 and "ok  privacy extension: relcourse.jupyter.privacy is enabled" in out
    assert str(private_home / "journal.sqlite") in out and str(private_home / "result-cards") in out


@pytest.mark.parametrize("name", ["jupyter_server_config.json", "jupyter_config.json"])
def test_a_user_config_that_disables_the_extension_is_not_ok(jupyter_config: Path, capsys: pytest.CaptureFixture[str],
                                                              name: str) -> None:
    (jupyter_config / name).write_text(json.dumps(DISABLED))
    status, out = _doctor(capsys)
    assert status == 1 and "NO  privacy extension: relcourse.jupyter.privacy is not enabled" in out
    assert 'remove "relcourse.jupyter.privacy": false from the jupyter_server_config file (.json or .py)' in out


def test_a_missing_store_folder_is_not_ok_and_says_how_to_make_it(jupyter_config: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "no such" / "home"
    monkeypatch.setenv("RELCOURSE_HOME", str(home))
    status, out = _doctor(capsys)
    assert status == 1 and f"NO  journal store: {home}: the journal folder does not exist" in out
    assert f"fix: mkdir -p -m 700 '{home}'" in out
    assert not home.exists()


def test_a_store_home_that_is_a_file_is_not_ok(jupyter_config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("RELCOURSE_HOME", str(tmp_path / "file"))
    status, out = _doctor(capsys)
    assert status == 1 and "is a file, not a folder" in out


def test_shipped_config_enables_the_extension() -> None:
    assert json.loads(SHIPPED.read_text())["ServerApp"]["jpserver_extensions"] == {"relcourse.jupyter.privacy": True}
