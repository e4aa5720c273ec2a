"""``relcourse doctor``: is this installation keeping the learner's words private, and where are they?

Each check is one row of :data:`CHECKS` (a name and a function giving ok, what was found, what to do).
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass

from relcourse.errors import RelcourseError
from relcourse.i18n import N_, _


@dataclass(frozen=True)
class Finding:
    ok: bool
    found: str
    fix: str = ""


def _privacy_extension() -> Finding:
    from relcourse.jupyter.privacy import EXTENSION, extension_enabled

    if extension_enabled():
        return Finding(True, _("{extension} is enabled: JupyterLab saves of course modules keep no typed words or widget state")
                       .format(extension=EXTENSION))
    return Finding(False, _("{extension} is not enabled: modules will not show your saved words back, and saves are not scrubbed")
                   .format(extension=EXTENSION),
                   _("{command}  (then restart JupyterLab); if it stays off, remove {setting} from the jupyter_server_config "
                     "file (.json or .py) that sets it (its folders: {paths})").format(command=f"jupyter server extension enable --sys-prefix {EXTENSION}",
                                                                  setting=f'"{EXTENSION}": false', paths="jupyter --paths"))


def _store() -> Finding:
    from relcourse.store.schema import _check_location, default_store_path

    try:
        path = default_store_path()
    except RelcourseError as exc:
        return Finding(False, str(exc))
    try:  # the store's own rule for where it may be made (a missing or read-only $RELCOURSE_HOME fails every save)
        _check_location(path)
    except RelcourseError as exc:
        fix = f"mkdir -p -m 700 {shlex.quote(str(path.parent))}" if not path.parent.exists() else ""
        return Finding(False, str(exc), fix)
    state = _("exists") if path.exists() else _("not created yet (made on first save)")
    return Finding(True, _("{path} ({state}); details: {command}").format(path=path, state=state, command="relcourse journal info"))


def _cards() -> Finding:
    from relcourse.store.schema import default_store_path
    from relcourse.widgets.result_card import CARD_FOLDER, card_folder_problem

    try:
        folder = default_store_path().parent / CARD_FOLDER
    except RelcourseError as exc:
        return Finding(False, str(exc))
    problem = card_folder_problem(folder)
    if problem:
        return Finding(False, problem, f"mkdir -p -m 700 {shlex.quote(str(folder.parent))}" if not folder.parent.exists() else "")
    return Finding(True, _("{folder} (cards are saved readable by you only)").format(folder=folder))


CHECKS: dict[str, Callable[[], Finding]] = {  # the names are shown translated
    N_("privacy extension"): _privacy_extension,
    N_("journal store"): _store,
    N_("result cards"): _cards,
}


def run_checks() -> dict[str, Finding]:
    return {name: check() for name, check in CHECKS.items()}
