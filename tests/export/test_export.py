from __future__ import annotations

import io
import re
from pathlib import Path

import nbformat
import pytest
from nbconvert.exporters import get_exporter
from pypdf import PdfReader

from relcourse.api import build
from relcourse.cli import main
from relcourse.export.exporter import (
    FacilitatorGuideExporter,
    ParticipantHandoutExporter,
)
from relcourse.export.facilitator import AGENDA_PARTS, agenda, objectives, tidy_name
from relcourse.export.programme import plan_sessions
from relcourse.export.run import export_handouts, render_handouts
from relcourse.notebook.cells import Concept, from_cell

from ..conftest import FIXTURES, GOLDEN, ROOT, content_folder
from ..regen import GOLDEN_MODULE, golden_html
from .titles import title_cell

SEEDS = ["security-and-needs-044", "security-and-needs-133"]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "").replace("-\n", "")).strip()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory, built_notebooks: Path) -> dict[tuple[str, str], tuple[int, str]]:
    out = tmp_path_factory.mktemp("exports")
    export_handouts(built_notebooks, out, SEEDS, ["participant", "facilitator"], ["pdf"], show_progress=False)
    texts = {}
    for slug in SEEDS:
        for edition in ("participant", "facilitator"):
            reader = PdfReader(out / f"{slug}-{edition}.pdf")
            texts[(slug, edition)] = (len(reader.pages), _flat("\n".join(p.extract_text() for p in reader.pages)))
    return texts


def _journals(notebooks: Path, slug: str) -> list[dict[str, object]]:
    nb = nbformat.read(notebooks / f"{slug}.ipynb", as_version=4)
    return [d for d in (from_cell(c) for c in nb.cells) if d and d["kind"] == "journal"]


def _quiz(notebooks: Path, slug: str) -> list[dict[str, object]]:
    nb = nbformat.read(notebooks / f"{slug}.ipynb", as_version=4)
    return [d["item"] for d in (from_cell(c) for c in nb.cells) if d and d["kind"] == "quiz"]


@pytest.mark.parametrize("slug", SEEDS)
def test_pdf_editions(pdfs: dict[tuple[str, str], tuple[int, str]], built_notebooks: Path, slug: str) -> None:
    p_pages, participant = pdfs[(slug, "participant")]
    f_pages, facilitator = pdfs[(slug, "facilitator")]
    for item in _quiz(built_notebooks, slug):
        start = _flat(str(item["prompt"]))[:45]
        assert start in participant and start in facilitator, start
        assert _flat(str(item["explanation"]))[:40] not in participant
        assert _flat(str(item["explanation"]))[:40] in facilitator
    assert "Answer key" not in participant and facilitator.count("Answer key") == len(_quiz(built_notebooks, slug))
    for text in (participant, facilitator):
        assert "Practice plan checklist" in text and "Start date:" in text and "Phrase cards" in text
    # reading first, then the worksheets, then one photocopiable page per log (the guide points to it)
    order = ["Summary", "Check your understanding", "Reflections", "Practice plan checklist", "Phrase cards",
             "Practice logs: copy for each week", "Copy this page for each week of the plan"]
    positions = [participant.find(heading) for heading in order]
    assert -1 not in positions and positions == sorted(positions), dict(zip(order, positions))
    logs = len(_journals(built_notebooks, slug))
    assert participant.count("Copy this page for each week of the plan") == logs
    assert "Copy this page" not in facilitator and "week ____ of" not in facilitator
    assert facilitator.count("The photocopiable page is in the participant handout") == logs
    assert "Educational material, not therapy" in participant and "Educational material, not therapy" in facilitator
    for heading in ("Learning objectives", "Session agenda (90 minutes)", "Variant: 2 hours", "Materials",
                    "Screening before a couples workshop", "Discussion questions", "Fidelity checklist"):
        assert heading in facilitator and heading not in participant
    assert p_pages <= 12 and p_pages < f_pages <= 20  # the print budget: a dozen sheets a participant
    assert f"1 / {p_pages}" in participant  # page numbers


def test_participant_html_carries_no_answers(built_notebooks: Path) -> None:
    for rendered in render_handouts(built_notebooks, SEEDS, ["participant"]):
        for item in _quiz(built_notebooks, rendered.slug):
            assert str(item["explanation"]) not in rendered.html  # quotes are article text, so only the key is checked
        assert 'class="answer-key"' not in rendered.html and "Answer key" not in rendered.html


@pytest.mark.parametrize("edition", ["participant", "facilitator"])
def test_html_is_self_contained(built_notebooks: Path, edition: str) -> None:
    html = next(iter(render_handouts(built_notebooks, SEEDS[:1], [edition]))).html
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert not re.search(r"url\(\s*['\"]?https?:", html)
    assert "relcourse.widgets" not in html  # no code


@pytest.mark.parametrize("edition", ["participant", "facilitator"])
def test_golden_html(built_notebooks: Path, edition: str) -> None:
    """Both editions of one seed module, byte for byte (refresh on purpose: python -m tests.regen)."""
    expected = (GOLDEN / f"{GOLDEN_MODULE}-{edition}.html").read_text("utf-8")
    assert golden_html(built_notebooks, edition) == expected


def test_article_markup_is_escaped(tmp_path: Path) -> None:
    content = content_folder(tmp_path, [FIXTURES / "articles" / "conflict-and-repair-012.txt"])
    assert main(["build", "--content", str(content), "--notebooks", str(tmp_path / "nb"), "--notebooks-only"]) == 0
    for rendered in render_handouts(tmp_path / "nb", ["conflict-and-repair-012"], ["participant", "facilitator"]):
        html = rendered.html
        assert "<script>" not in html and "<img" not in html and "<b>tag</b>" not in html and "<i>text</i>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
        assert "{{ jinja }}" in html and "{{ the_moment }}" in html


def test_exporters_never_open_the_store(monkeypatch: pytest.MonkeyPatch, built_notebooks: Path) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an exporter opened the journal store")

    monkeypatch.setattr("relcourse.store.journal.Journal.__init__", refuse)
    assert len(list(render_handouts(built_notebooks, SEEDS, ["participant", "facilitator"]))) == 4


def test_nbconvert_entry_points(built_notebooks: Path) -> None:
    assert get_exporter("relcourse_handout") is ParticipantHandoutExporter
    assert get_exporter("relcourse_facilitator") is FacilitatorGuideExporter
    nb = nbformat.read(built_notebooks / "security-and-needs-044.ipynb", as_version=4)
    pdf, resources = get_exporter("relcourse_facilitator_pdf")().from_notebook_node(nb, resources={"metadata": {"name": "x"}})
    assert pdf.startswith(b"%PDF") and resources["output_extension"] == ".pdf"
    assert "Answer key" in " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_cli_export_paper_and_programme(tmp_path: Path, built_notebooks: Path) -> None:
    assert main(["export", "security-and-needs-044", "--edition", "participant", "--to", "html", "--paper", "letter",
                 "--notebooks", str(built_notebooks), "--out", str(tmp_path)]) == 0
    assert "size: LETTER" in (tmp_path / "security-and-needs-044-participant.html").read_text()
    assert main(["export", "--programme", "Week one", *SEEDS, "--sessions", "3", "--minutes", "120",
                 "--selfcheck", "relationship-test", "--to", "pdf", "--notebooks", str(built_notebooks),
                 "--out", str(tmp_path)]) == 0
    guide = PdfReader(tmp_path / "programme-week-one-facilitator.pdf")
    booklet = PdfReader(tmp_path / "programme-week-one-participant.pdf")
    text = _flat(" ".join(page.extract_text() for page in guide.pages))
    first = _flat(booklet.pages[0].extract_text())
    assert "Contents" in first and "Session 1: Daily Security Maintenance" in first and "Security and Aging" in first
    assert f"1 / {len(booklet.pages)}" in first
    for heading in ("Session plan", "Session 3 (120 minutes)", "Ground rules and consent", "Attendance and fidelity log"):
        assert heading in text, heading
    assert text.count("Screening before a couples workshop") == 2  # the contents line and the page, once
    assert "(continued)" in text and "Self-check (after)" in text


def test_programme_agendas_add_up() -> None:
    titles = {"a": "A", "b": "B"}
    parts = {"a": {part.needs: 3 for part in AGENDA_PARTS}, "b": {"scenario": 1, "quiz": 5}}
    for sessions in (1, 2, 3, 5):
        for minutes in (90, 120):
            plan = plan_sessions(["a", "b"], titles, parts, sessions, minutes)
            assert [s.number for s in plan] == list(range(1, sessions + 1))
            assert {slug for s in plan for slug in s.modules} == {"a", "b"}
            for session in plan:
                assert sum(item.minutes for item in session.agenda) == minutes
                assert all(item.minutes % 5 == 0 and item.minutes >= 5 for item in session.agenda)
                starts = [item.start for item in session.agenda]
                assert starts == sorted(starts) and starts[0] == 0
            assert "self-check (before)" in plan[0].agenda[0].activity and "Self-check (after)" in plan[-1].agenda[-1].activity
            assert plan[-1].homework == "" and all(s.homework for s in plan[:-1])


def test_export_errors_are_one_line(tmp_path: Path, built_notebooks: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "no-such-module", "--notebooks", str(built_notebooks), "--out", str(tmp_path)]) == 2
    assert "no such module notebook; run 'relcourse build' first" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["export", SEEDS[0], "--to", "html", "--notebooks", str(built_notebooks), "--out", str(blocker / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert "cannot write here" in err and "\n" not in err


@pytest.mark.parametrize("total", [90, 120])
def test_agenda_fills_the_session_in_five_minute_blocks(total: int) -> None:
    full = agenda({"scenario", "concepts", "cases", "practice", "quiz", "journal"}, total)
    assert sum(item.minutes for item in full) == total
    assert all(item.minutes >= 5 for item in full)
    assert [item.start for item in full] == [sum(i.minutes for i in full[:n]) for n in range(len(full))]
    short = agenda({"concepts"}, total)  # a module without cases or a plan gets no slot for them
    assert sum(item.minutes for item in short) == total
    assert not any("Case study" in item.activity for item in short)


def test_objectives_tidy_title_case_names() -> None:
    assert tidy_name("Gottman'S Bids And Turning Toward Research") == "Gottman's Bids and Turning Toward Research"
    assert tidy_name("Of Mice") == "Of Mice"
    concepts = (Concept(name="Preventive Maintenance Vs Crisis Repair", subsection=""), Concept(name="Bids", subsection=""))
    found = objectives(title_cell(concepts=concepts, subsections=()))
    assert found[0] == "Explain in your own words what the article says about “Preventive Maintenance vs Crisis Repair”."
    assert found[1] == "Connect what the article says about “Bids” to a moment from a couple's everyday life."
    assert not any(o.startswith("Choose a first step") for o in found)  # no plan, no plan objective


def test_log_weeks_prints_numbered_weeks_instead_of_one_page_to_copy(built_notebooks: Path) -> None:
    one = next(iter(render_handouts(built_notebooks, ["security-and-needs-133"], ["participant"]))).html
    three = next(iter(render_handouts(built_notebooks, ["security-and-needs-133"], ["participant"], log_weeks=3))).html
    assert one.count('class="journal-page"') == 2  # two logs, one page each
    assert "Daily log: 3 security moments: week ____ of 8" in one
    assert one.count("Copy this page for each week of the plan (8 weeks).") == 2
    assert '<td class="day">1</td>' not in one  # days left to number on the copies
    assert three.count('class="journal-page"') == 6 and "Copy this page" not in three
    assert "Daily log: 3 security moments: week 3 of 8" in three and "week 4 of 8" not in three
    assert '<td class="day">15</td>' in three


def test_help_resources_on_every_page(tmp_path: Path) -> None:
    """Four help resources, long ones: each is on every printed page, whole (the footer wraps)."""
    content = content_folder(tmp_path, [ROOT / "content" / "articles" / "security-and-needs-133.txt"])
    helplines = [("Emergency services", "Call 112 in the EU or 911 in the US and Canada if anyone is in danger now."),
                 ("Domestic violence line", "National Domestic Violence Hotline 1-800-799-7233, any hour, free."),
                 ("Counselling line North", "Talk to a counsellor on 0800 111 2222, weekdays 9 to 21, confidential."),
                 ("Counselling line South", "Talk to a counsellor on 0800 333 4444, every evening, free of charge.")]
    (content / "course.yaml").write_text("help:\n" + "".join(f"  - name: {n}\n    contact: {c}\n" for n, c in helplines))
    notebooks, out = tmp_path / "notebooks", tmp_path / "out"
    build(content, notebooks, out, notebooks_only=True)
    export_handouts(notebooks, out, ["security-and-needs-133"], ["participant", "facilitator"], ["pdf"], show_progress=False)
    for edition in ("participant", "facilitator"):
        pages = PdfReader(out / f"security-and-needs-133-{edition}.pdf").pages
        for number, page in enumerate(pages, 1):
            text = _flat(page.extract_text())
            for name, contact in helplines:
                assert name in text and contact in text, f"{edition} page {number}: {name}"


def test_log_weeks_must_be_a_number_of_weeks(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--log-weeks", "0"])
    assert "is not a number of weeks" in capsys.readouterr().err
