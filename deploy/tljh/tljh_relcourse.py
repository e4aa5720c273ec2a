"""The Littlest JupyterHub plugin for relcourse: one server, up to about 100 learners.

Install with ``sudo -E python3 bootstrap.py --admin ADMIN --plugin git+https://…/relcourse#subdirectory=deploy/tljh``
(see the README's "Running a workshop"). It installs relcourse into the learners' environment
(which also enables the privacy server extension), sets a sticky workshop folder for consented
quiz sharing, and opens JupyterLab.
"""

from __future__ import annotations

import os
from typing import Any

from pluggy import HookimplMarker

hookimpl = HookimplMarker("tljh")

# Where the learners' environment installs relcourse from: set RELCOURSE_PIP_SPEC when bootstrapping,
# e.g. "relcourse[hub] @ git+https://github.com/YOUR-ORG/relcourse" (the project is not on PyPI).
RELCOURSE = os.environ.get("RELCOURSE_PIP_SPEC", "relcourse[hub]")
EXCHANGE = "/srv/relcourse/exchange"


@hookimpl
def tljh_extra_user_pip_packages() -> list[str]:
    """relcourse (and nbgitpuller for the course link) in the learners' environment."""
    return [RELCOURSE, "nbgitpuller"]


@hookimpl
def tljh_extra_apt_packages() -> list[str]:
    """Fonts for printing handouts in English and Chinese, and Pango for WeasyPrint."""
    return ["fonts-dejavu-core", "fonts-noto-cjk", "libpango-1.0-0", "libpangoft2-1.0-0"]


@hookimpl
def tljh_custom_jupyterhub_config(c: Any) -> None:
    """Learners land in JupyterLab; the workshop folder is where they may share quiz results."""
    c.Spawner.default_url = "/lab"
    c.Spawner.environment = {**dict(getattr(c.Spawner, "environment", {}) or {}), "RELCOURSE_EXCHANGE": EXCHANGE}


@hookimpl
def tljh_post_install() -> None:
    """The workshop folder, as nbgrader's inbound exchange: learners write and remove only their own file and cannot list others'."""
    os.makedirs(EXCHANGE, exist_ok=True)
    os.chmod(EXCHANGE, 0o1733)
