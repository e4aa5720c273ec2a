"""The room at a glance, with consent: learners may share quiz results (never their words).

Modelled on nbgrader's inbound exchange: the facilitator owns one folder with mode 1733
(sticky, writable but not listable by others), so each learner can create and delete only
their own file, and cannot see which files others wrote. Where every learner runs as the
same user (Zero to JupyterHub's ``jovyan``), each learner's server mounts only its own
subfolder instead, which it owns. A shared file has a random name and
holds, per module, which quiz items the learner last answered right: no name, no answers, no
reflections, journal text or self-check answers. Withdrawing consent deletes the file.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from relcourse.errors import RelcourseError
from relcourse.i18n import _

if TYPE_CHECKING:
    from relcourse.store.journal import Journal

EXCHANGE_ENV = "RELCOURSE_EXCHANGE"
SHARE_SCOPE, SHARE_KEY = "_room", "shared-file"
FORMAT = "relcourse-quiz-share"
MAX_FILE_BYTES = 256 * 1024  # a share is a few hundred bytes; anything larger is not one


def exchange_folder(explicit: str | Path | None = None) -> Path:
    """The folder the facilitator set (``RELCOURSE_EXCHANGE``), checked to be a sticky shared folder."""
    value = explicit or os.environ.get(EXCHANGE_ENV, "")
    if not value:
        raise RelcourseError(_("no workshop folder is set; your facilitator sets {variable} on the hub").format(variable=EXCHANGE_ENV))
    folder = Path(value)
    if not folder.is_dir():
        raise RelcourseError(_("{folder}: the workshop folder does not exist; ask your facilitator").format(folder=folder))
    info = folder.stat()
    shared_safely = info.st_mode & stat.S_ISVTX and not info.st_mode & (stat.S_IRGRP | stat.S_IROTH)
    own_drop_box = info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)  # e.g. a per-learner mount
    if not (shared_safely or own_drop_box):
        raise RelcourseError(_("{folder}: the workshop folder must be mode 1733 (sticky, not listable by learners); "
                               "ask your facilitator to run: {command}").format(folder=folder, command=f"chmod 1733 {folder}"))
    return folder


def quiz_summary(journal: Journal) -> dict[str, dict[str, bool]]:
    """Per module, per item: was the learner's latest answer right?"""
    latest: dict[str, dict[str, bool]] = {}
    for row in journal.attempts().itertuples(index=False):
        latest.setdefault(str(row.module), {})[str(row.item_id)] = bool(row.correct)
    return latest


def share_quiz_results(journal: Journal, exchange: str | Path | None = None) -> Path:
    """Write (or refresh) this learner's anonymous quiz summary in the workshop folder."""
    folder = exchange_folder(exchange)
    name = journal.setting(SHARE_SCOPE, SHARE_KEY) or f"{secrets.token_hex(8)}.json"
    target = folder / Path(name).name
    data = json.dumps({"format": FORMAT, "version": 1, "modules": quiz_summary(journal)}, sort_keys=True)
    temp = folder / f".{target.stem}.{secrets.token_hex(4)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        reason = exc.strerror or str(exc)
        raise RelcourseError(_("{folder}: could not share your quiz results ({reason})").format(folder=folder, reason=reason)) from None
    journal.set_setting(SHARE_SCOPE, SHARE_KEY, target.name)
    return target


def withdraw_quiz_results(journal: Journal, exchange: str | Path | None = None) -> bool:
    """Delete this learner's shared file (consent withdrawn); True if there was one."""
    name = journal.setting(SHARE_SCOPE, SHARE_KEY)
    if not name:
        return False
    target = exchange_folder(exchange) / Path(name).name
    existed = target.exists()
    target.unlink(missing_ok=True)
    journal.set_setting(SHARE_SCOPE, SHARE_KEY, "")
    return existed


@dataclass
class ModuleResult:
    learners: int = 0
    scores: list[float] = field(default_factory=list)
    missed: Counter[str] = field(default_factory=Counter)
    answered: Counter[str] = field(default_factory=Counter)

    @property
    def mean_score(self) -> float:
        return sum(self.scores) / len(self.scores) if self.scores else 0.0


@dataclass
class RoomSummary:
    shared: int = 0
    modules: dict[str, ModuleResult] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # files that were not shares, by name

    def most_missed(self, module: str, count: int = 3) -> list[tuple[str, int, int]]:
        """(item id, learners who missed it, learners who answered it), most missed first."""
        result = self.modules[module]
        ranked = sorted(result.missed.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(item, missed, result.answered[item]) for item, missed in ranked[:count] if missed]


def _read_share(path: Path) -> dict[str, dict[str, bool]] | None:
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > MAX_FILE_BYTES:
            return None
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("modules"), dict):
        return None
    modules: dict[str, dict[str, bool]] = {}
    for module, items in data["modules"].items():
        if not isinstance(items, dict) or not all(isinstance(v, bool) for v in items.values()):
            return None
        modules[str(module)] = {str(k): v for k, v in items.items()}
    return modules


def room_summary(folder: str | Path) -> RoomSummary:
    """Every share in the workshop folder, summed up; files that are not shares are skipped by name."""
    summary = RoomSummary()
    root = Path(folder)
    if not root.is_dir():
        raise RelcourseError(_("{folder}: not a folder; give the workshop folder the learners share into").format(folder=root))
    for path in sorted(root.glob("*.json")):
        share = _read_share(path)
        if share is None:
            summary.skipped.append(path.name)
            continue
        summary.shared += 1
        for module, items in share.items():
            result = summary.modules.setdefault(module, ModuleResult())
            result.learners += 1
            if items:
                result.scores.append(sum(items.values()) / len(items))
            for item, correct in items.items():
                result.answered[item] += 1
                result.missed[item] += not correct
    return summary
