"""``relcourse doctor`` says whether the privacy extension is enabled, as the Jupyter server decides it."""

from __future__ import annotations

import json
from pathlib import Path

import jupyter_core.paths
import pytest

from relcourse.cli import main
from tests.conftest import ROOT

SHIPPED = ROOT / "jupyter-config" / "jupyter_server_config.d" / "relcourse.json"


@pytest.mark.parametrize("enabled", [True, False])
def test_doctor_reports_the_extension(enabled: bool, tmp_path: Path, private_home: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "jupyter_server_config.d"
    config.mkdir()
    if enabled:  # the file a `pip install .` places in {sys.prefix}/etc/jupyter
        (config / "relcourse.json").write_text(SHIPPED.read_text())
    monkeypatch.setattr(jupyter_core.paths, "jupyter_config_path", lambda: [str(tmp_path)])
    assert main(["doctor"]) == (0 if enabled else 1)
    out = capsys.readouterr().out
    assert ("is enabled" in out) is enabled and ("extension enable --sys-prefix" in out) is not enabled
    assert str(private_home / "journal.sqlite") in out and str(private_home / "result-cards") in out


def test_shipped_config_enables_the_extension() -> None:
    assert json.loads(SHIPPED.read_text())["ServerApp"]["jpserver_extensions"] == {"relcourse.jupyter.privacy": True}
