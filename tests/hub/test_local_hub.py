"""Two learners on a real local JupyterHub: each runs a module, writes, and sees only their own words.

Runs as root (as CI does): the test creates two system users, lets the hub's local-process
spawner start their servers, and removes the users afterwards.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from relcourse.hub.room import room_summary

from ..conftest import ROOT
from .harness import Hub, Kernel, give_course, local_hub, log_in, machine_lock, system_users, traversable, why_not_runnable

pytestmark = pytest.mark.hub
LEARNERS = [f"rcl{os.getpid()}n{n}" for n in (1, 2)]  # unique per run: two runs never share users
MODULE = "security-and-needs-133"
STORE = ".local/share/relcourse/journal.sqlite"


@pytest.fixture(scope="module")
def hub() -> Iterator[Hub]:
    reason = why_not_runnable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"the local hub test must run in CI: {reason}")
        pytest.skip(reason)
    # its own folder (learners must reach it), not pytest's 0700 tmp tree that other runs prune
    folder = Path(tempfile.mkdtemp(prefix="relcourse-hub-"))
    exchange = folder / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o1733)
    os.chmod(folder, 0o755)
    with machine_lock(), traversable([Path(os.path.realpath(sys.executable)), Path(sys.prefix), ROOT, exchange]), system_users(LEARNERS) as users:
        give_course(users)
        try:
            with local_hub(folder / "hub", {"RELCOURSE_EXCHANGE": str(exchange)}) as running:
                yield running
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _module_code() -> list[str]:
    notebook = nbformat.read(ROOT / "notebooks" / f"{MODULE}.ipynb", as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def test_two_learners_each_see_only_their_own_words(hub: Hub) -> None:
    kernels: dict[str, Kernel] = {}
    secrets_of = {name: f"private words of {name} 7f3a" for name in LEARNERS}
    try:
        for name in LEARNERS:
            session = log_in(hub, name)  # the learner's own login starts their server
            assert session.cookies, f"{name} was not logged in"
            session.close()
            hub.start_server(name)
            kernels[name] = Kernel(hub, name, hub.user_token(name), f"course/notebooks/{MODULE}.ipynb")
        for name, kernel in kernels.items():
            for code in _module_code():  # Run All
                _, errors = kernel.run(code)
                assert not errors, f"{name}: a module cell failed: {errors}"
            _, errors = kernel.run(
                "from relcourse.store.journal import Journal\n"
                f"from relcourse.course.loader import current_course\n"
                f"module = next(m for m in current_course().modules if m.slug == {MODULE!r})\n"
                "j = Journal()\n"
                f"j.add_entry({MODULE!r}, module.templates[0].id, {{'note': {secrets_of[name]!r}}})\n"
                f"j.save_reflection({MODULE!r}, module.prompts[0].id, {secrets_of[name]!r})\n"
                f"j.record_attempt({MODULE!r}, module.quiz[0].id, 'x', {name == LEARNERS[0]})\n"
            )
            assert not errors, errors
        for name, kernel in kernels.items():
            other = next(n for n in LEARNERS if n != name)
            out, errors = kernel.run(
                "import json\nj = Journal()\n"
                f"print(json.dumps({{'entries': j.entries().to_json(), 'reflection': j.reflection({MODULE!r}, module.prompts[0].id),"
                f" 'path': str(j.path)}}))\n"
            )
            assert not errors, errors
            line = next((x for x in out.splitlines() if x.startswith('{"entries"')), "")
            assert line, f"{name}: no store summary printed: {out[-500:]!r}"
            seen = json.loads(line)
            assert secrets_of[name] in seen["entries"] and seen["reflection"] == secrets_of[name]
            assert secrets_of[other] not in out
            user = pwd.getpwnam(name)
            store = Path(user.pw_dir) / STORE
            assert Path(seen["path"]) == store
            info = store.stat()
            assert info.st_uid == user.pw_uid and stat.S_IMODE(info.st_mode) == 0o600, f"{store}: {oct(info.st_mode)}"
            probe, errors = kernel.run(
                "from relcourse.errors import RelcourseError\n"
                f"target = {str(Path(pwd.getpwnam(other).pw_dir) / STORE)!r}\n"
                "try:\n    open(target, 'rb').read(16); print('OPENED')\n"
                "except PermissionError:\n    print('REFUSED')\n"
                "try:\n    Journal(target).entries(); print('OPENED')\n"
                "except (RelcourseError, PermissionError, OSError):\n    print('REFUSED')\n"
            )
            assert probe.split() == ["REFUSED", "REFUSED"], f"{name} could open {other}'s store: {probe} {errors}"
            # consent: quiz results only, into the facilitator's sticky folder
            out, errors = kernel.run("from relcourse.hub.room import share_quiz_results\nprint(share_quiz_results(Journal()))")
            assert not errors, errors
        exchange = Path(os.environ.get("RELCOURSE_TEST_EXCHANGE", str(hub.folder.parent / "exchange")))
        room = room_summary(exchange)
        assert room.shared == 2 and room.modules[MODULE].learners == 2
        assert room.modules[MODULE].mean_score == 0.5
        shared_text = "".join(p.read_text() for p in exchange.glob("*.json"))
        assert not any(s in shared_text for s in secrets_of.values()) and not any(n in shared_text for n in LEARNERS)
        # learner 1 cannot remove learner 2's share (sticky bit); withdrawing removes one's own
        theirs = [p for p in exchange.glob("*.json") if p.stat().st_uid == pwd.getpwnam(LEARNERS[1]).pw_uid][0]
        out, _ = kernels[LEARNERS[0]].run(
            f"import os\ntry:\n    os.listdir({str(exchange)!r}); print('LISTED')\nexcept PermissionError:\n    print('REFUSED')\n"
            f"try:\n    os.unlink({str(theirs)!r}); print('REMOVED')\nexcept PermissionError:\n    print('REFUSED')\n"
            "from relcourse.hub.room import withdraw_quiz_results\nprint(withdraw_quiz_results(Journal()))"
        )
        assert out.split() == ["REFUSED", "REFUSED", "True"]
        assert room_summary(exchange).shared == 1
        # learner 1's token cannot reach learner 2's server
        import requests

        cross = requests.get(f"{hub.url}/user/{LEARNERS[1]}/api/contents", timeout=30, allow_redirects=False,
                             headers={"Authorization": f"token {hub.user_token(LEARNERS[0])}"})
        assert cross.status_code in (302, 403, 404), cross.status_code
    finally:
        for kernel in kernels.values():
            kernel.close()
