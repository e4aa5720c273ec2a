"""The nbgitpuller link a facilitator hands out: one click pulls the course and opens its index.

nbgitpuller (the JupyterHub project's own tool) merges upstream changes without overwriting
what a learner changed, so a course can be updated during a workshop.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from relcourse.errors import RelcourseError
from relcourse.i18n import N_, _

INDEX = "notebooks/index.ipynb"


def repo_folder(repo: str) -> str:
    """The folder nbgitpuller clones into: the repository's last path part, without ``.git``."""
    name = urlsplit(repo).path.rstrip("/").rsplit("/", 1)[-1]
    return name.removesuffix(".git") or "course"


def _check_url(url: str, what: str, schemes: tuple[str, ...]) -> None:
    parts = urlsplit(url)
    if parts.scheme not in schemes or not (parts.netloc or parts.scheme == "file"):
        raise RelcourseError(_("{url} is not a {what} URL ({schemes}…); give the full address").format(
            url=repr(url), what=_(what), schemes=" / ".join(s + "://" for s in schemes)))


def gitpuller_link(repo: str, hub: str, branch: str = "", app: str = "lab", path: str = INDEX) -> str:
    """``{hub}/hub/user-redirect/git-pull?repo=…&branch=…&urlpath=lab/tree/<folder>/<path>``."""
    _check_url(hub, N_("hub"), ("https", "http"))
    _check_url(repo, N_("git repository"), ("https", "http", "file", "ssh", "git"))
    query = {"repo": repo}
    if branch:
        query["branch"] = branch
    query["urlpath"] = f"{'lab/tree' if app == 'lab' else 'tree'}/{repo_folder(repo)}/{path}"
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{urlencode(query)}"
