"""``relcourse hub link`` and ``relcourse room``: thin CLI wiring over :mod:`relcourse.hub`."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table

from relcourse.escape import chart_text, terminal_text
from relcourse.hub.link import gitpuller_link
from relcourse.hub.room import RoomSummary, room_summary
from relcourse.i18n import N_, _

#: ``relcourse room``'s table, one column each (headings shown translated)
ROOM_COLUMNS = (N_("module"), N_("learners"), N_("mean score"), N_("most often missed"))


def cmd_hub_link(args: argparse.Namespace) -> int:
    print(gitpuller_link(args.repo, args.hub, args.branch or "", app=args.app))
    return 0


def _item_text(content: Path) -> dict[tuple[str, str], str]:
    """Question text per (module, item id), so the facilitator reads questions, not ids."""
    from relcourse.course.loader import load_course_content

    if not (content / "articles").is_dir():
        return {}
    course = load_course_content(content)
    return {(m.slug, item.id): item.prompt for m in course.modules for item in m.quiz}


def room_chart(summary: RoomSummary, path: Path) -> None:
    """Mean score per module as a horizontal bar chart (PNG), with the numbers written on the bars."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    from relcourse.store.views import chart_fonts  # pandas: not imported by every command

    names = sorted(summary.modules)
    labels = [chart_text(n) for n in names]
    scores = [summary.modules[n].mean_score * 100 for n in names]
    with matplotlib.rc_context(chart_fonts()):  # Chinese words (and Chinese module slugs) get their glyphs
        fig, ax = plt.subplots(figsize=(7, 1.2 + 0.45 * max(1, len(names))))  # CJK glyphs are taller: room for title and label
        bars = ax.barh(labels, scores, color="#3a6ea5")
        ax.bar_label(bars, labels=[f"{s:.0f} % (n={summary.modules[n].learners})" for s, n in zip(scores, names, strict=True)])
        ax.set_xlim(0, 110)
        ax.set_xlabel(_("mean quiz score (%)"))
        ax.set_title(_("Quiz results shared by {count} learner(s)").format(count=summary.shared))
        fig.tight_layout()
        fig.savefig(path, dpi=120)
        plt.close(fig)


def _shown(text: str) -> str:
    """Share files are written by learners: their text reaches the terminal as text only."""
    return terminal_text(text, markup=True)


def cmd_room(args: argparse.Namespace) -> int:
    summary = room_summary(args.folder)
    questions = _item_text(args.content)
    if questions:  # with the course at hand, modules it does not have are not shown
        known = {module for module, _ in questions}
        summary.skipped += sorted(m for m in summary.modules if m not in known)
        summary.modules = {m: r for m, r in summary.modules.items() if m in known}
    console = Console(highlight=False)
    console.print(_("{count} learner(s) shared their quiz results in {folder}").format(
        count=summary.shared, folder=_shown(str(args.folder))))
    table = Table(title=_("The room at a glance"))
    for column in ROOM_COLUMNS:
        table.add_column(_(column))
    for name in sorted(summary.modules):
        result = summary.modules[name]
        missed = "\n".join(_("{question} ({missed} of {answered})").format(
            question=_shown(questions.get((name, item), item)), missed=m, answered=n) for item, m, n in summary.most_missed(name))
        table.add_row(_shown(name), str(result.learners), f"{result.mean_score:.0%}", missed or "–")
    console.print(table)
    if summary.skipped:
        console.print(_("skipped {count} file(s) or module(s) that are not this course's quiz shares").format(
            count=len(summary.skipped)))
    if args.chart:
        room_chart(summary, args.chart)
        console.print(_("chart: {path}").format(path=_shown(str(args.chart))))
    return 0


def add_hub_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    hub = sub.add_parser("hub", help=_("running the course on JupyterHub"))
    actions = hub.add_subparsers(dest="action", required=True)
    link = actions.add_parser("link", help=_("print the nbgitpuller link that pulls the course and opens its index"))
    link.add_argument("--repo", required=True, help=_("the course's git repository, e.g. https://github.com/org/course"))
    link.add_argument("--hub", required=True, help=_("the hub's address, e.g. https://hub.example.org"))
    link.add_argument("--branch", help=_("branch to pull (default: the repository's default branch)"))
    link.add_argument("--app", choices=["lab", "classic"], default="lab")
    link.set_defaults(handler=cmd_hub_link)
    room = sub.add_parser("room", help=_("the quiz results learners chose to share, per module"))
    room.add_argument("folder", type=Path, help=_("the workshop's shared folder (RELCOURSE_EXCHANGE)"))
    room.add_argument("--content", type=Path, default=Path("content"), help=_("to show questions by their text"))
    room.add_argument("--chart", type=Path, metavar="PNG", help=_("also draw the mean score per module"))
    room.set_defaults(handler=cmd_room)
