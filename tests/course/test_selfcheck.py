from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from relcourse.content.parser import load_articles
from relcourse.course.loader import load_course_content
from relcourse.course.selfcheck.instrument import Instrument, load_instrument, score
from relcourse.course.selfcheck.recommend import recommend
from relcourse.errors import ContentError
from relcourse.export.run import export_handouts, render_handouts
from relcourse.notebook.build import build_notebooks
from relcourse.store.journal import Journal
from relcourse.widgets import self_check, self_check_history, self_check_result
from relcourse.widgets.result_card import explanation
from relcourse.widgets.selfcheck import LikertForm, SelfCheckHistory, SelfCheckResult

from ..conftest import CONTENT, FIXTURES

KIT = load_instrument(CONTENT / "instruments" / "relationship-test.yaml")
EXAMPLE = load_instrument(FIXTURES / "instruments" / "weekly-checkin.yaml")
SEEDS = load_articles(CONTENT / "articles").articles


def test_kit_instrument_shape() -> None:
    assert len(KIT.items) == 20 and [s.id for s in KIT.subscales] == ["anxiety", "avoidance", "pursue", "repair"]
    assert not KIT.validated and "Not adapted from any published questionnaire" in KIT.citation
    assert KIT.chart == ("avoidance", "anxiety")


def test_scoring_by_hand() -> None:
    answers = {"a1": 7, "a2": 6, "a3": 5, "a4": 2, "a5": 4,          # a4 reversed: 8 - 2 = 6 → mean (7+6+5+6+4)/5 = 5.6
               "v1": 1, "v2": 2, "v3": 7, "v4": 1,                   # v5 missing; v3 reversed → 1: mean (1+2+1+1)/4 = 1.25
               "p1": 5, "p3": 6,                                     # 3 missing > max_missing 1: not scored
               "r1": 4, "r2": 4, "r3": 4, "r4": 4, "r5": 4}          # r4 reversed 8 - 4 = 4 → 4.0
    result = score(KIT, answers)
    assert result.value("anxiety") == 5.6
    assert result.value("avoidance") == 1.25 and result.scores["avoidance"].missing == 1
    assert result.value("pursue") is None and not result.scores["pursue"].scored
    assert result.value("repair") == 4.0


def test_sum_scores_are_prorated_and_banded() -> None:
    full = score(EXAMPLE, {"c1": 4, "c2": 3, "c3": 1, "c4": 2})   # c3 reversed on 0–4: 4 - 1 = 3 → 4+3+3+2 = 12
    assert full.value("connection") == 12 and full.scores["connection"].band == "a close week"
    missing = score(EXAMPLE, {"c1": 1, "c2": 1, "c3": 4})         # 1+1+0 = 2 over 3 items → prorated 2/3*4 = 2.67
    assert missing.value("connection") == 2.67 and missing.scores["connection"].band == "a quiet week"
    assert score(EXAMPLE, {"c1": 1, "c2": 1}).value("connection") is None  # 2 missing > 1


def test_out_of_range_answer_is_refused() -> None:
    with pytest.raises(ValueError, match="outside 1–7"):
        score(KIT, {"a1": 9})


@pytest.mark.parametrize(
    ("patch", "message"),
    [("subscales:\n  - {id: x, name: X, items: [nope]}", "unknown item id(s) nope"),
     ("bands-without-source", "'bands' needs a 'source'"),
     ("no-citation", "'citation' is required"),
     ("bad: [yaml", "not valid YAML"),
     ('id: "weekly-checkin\\n"', "'id' must be lower-case letters"),
     ("id: |\n  weekly-checkin", "'id' must be lower-case letters")],
)
def test_instrument_errors(tmp_path: Path, patch: str, message: str) -> None:
    text = (FIXTURES / "instruments" / "weekly-checkin.yaml").read_text()
    if patch == "bands-without-source":
        text = text.replace('      source: "Illustrative cut-offs for this example only, not from any study."\n', "")
    elif patch == "no-citation":
        text = text.replace('citation: "Example written by the relcourse team for its test suite."\n', "")
    elif patch.startswith("id: "):  # an id ending in a newline, as a quoted escape or a block scalar
        text = text.replace("id: weekly-checkin\n", patch + "\n", 1)
    elif patch.startswith("subscales"):
        text = text[: text.index("subscales:")] + patch + "\n"
    else:
        text += patch + "\n"
    path = tmp_path / "x.yaml"
    path.write_text(text)
    with pytest.raises(ContentError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")) as info:
        load_instrument(path)
    assert str(info.value).startswith(str(path))


def test_recommendations_follow_the_articles() -> None:
    anxious = score(KIT, {"a1": 7, "a2": 7, "a3": 6, "a4": 1, "a5": 7})
    assert [r.slug for r in recommend(KIT, anxious, SEEDS)][0] == "security-and-needs-133"
    no_repair = score(KIT, {"r1": 1, "r2": 2, "r3": 1, "r4": 7, "r5": 2})
    first = recommend(KIT, no_repair, SEEDS)[0]
    assert first.slug == "security-and-needs-044" and "repair" in first.matched
    assert first.first_step.startswith("Phase 1: Awareness")
    # a new article about repair is picked up without any code change
    course = SEEDS + load_articles(FIXTURES / "articles").articles
    assert "scripts-and-tools-201" in [r.slug for r in recommend(KIT, no_repair, course)]


def test_around_the_middle_is_never_a_reason() -> None:
    """What the result calls 'around the middle' is not given as the reason for a module."""
    answers = {item.id: 4 for item in KIT.items}
    answers.update({"a1": 5, "a2": 5, "a3": 5})  # closeness anxiety (5+5+5+4+4)/5 = 4.6: around the middle
    for item in KIT.subscale("pursue").items:
        item_spec = next(i for i in KIT.items if i.id == item)
        answers[item] = 2 if item_spec.reverse else 6  # pursue clearly
    result = score(KIT, answers)
    middle = dict(explanation(KIT, result))
    assert middle[KIT.subscale("anxiety").name].startswith("Around the middle")
    reasons = {reason for r in recommend(KIT, result, SEEDS) for reason in r.reasons}
    assert KIT.subscale("anxiety").name not in reasons
    assert reasons == {KIT.subscale("pursue").name}
    # all in the middle: still one next step, from the subscale closest to leaning
    flat = score(KIT, {item.id: 4 for item in KIT.items})
    assert recommend(KIT, flat, SEEDS) != []


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Journal:
    monkeypatch.setenv("RELCOURSE_CONTENT", str(CONTENT))
    return Journal(tmp_path / "j.sqlite")


def test_widgets_save_history_and_card(journal: Journal, tmp_path: Path) -> None:
    form = self_check("relationship-test", journal=journal)
    result = self_check_result("relationship-test", journal=journal)
    history = self_check_history("relationship-test", journal=journal)
    assert isinstance(form, LikertForm) and isinstance(result, SelfCheckResult) and isinstance(history, SelfCheckHistory)
    assert form.save() is None  # nothing answered
    form.fill({"a1": 7, "a2": 6, "a3": 6, "a4": 1, "a5": 6, "r1": 2, "r2": 2, "r3": 2, "r4": 6})
    saved = form.save()
    assert saved is not None and saved.value("anxiety") == 6.4  # (7 + 6 + 6 + (8 - 1) + 6) / 5
    assert form.inputs["a1"].value == 7  # the answers stay to look back at
    assert result.recommendations and result.recommendations[0].slug == "security-and-needs-133"
    form.fill({"a1": 4, "a2": 4, "a3": 4, "a4": 4, "a5": 4})
    form.save()
    table = history.table()
    assert list(table["Closeness anxiety"]) == [6.4, 4.0] and len(history.children) == 1
    stored = journal.entries("relationship-test", "result")
    assert stored.iloc[0]["answers"]["a1"] == 7
    png, pdf = result.save_card(tmp_path)
    assert png.read_bytes().startswith(b"\x89PNG") and len(PdfReader(pdf).pages) == 1
    assert "not a diagnosis" in PdfReader(pdf).pages[0].extract_text()


def test_printable_form_and_scoring_sheet(tmp_path: Path, built_notebooks: Path) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "instruments").mkdir()
    (content / "instruments" / "weekly-checkin.yaml").write_text((FIXTURES / "instruments" / "weekly-checkin.yaml").read_text())
    build_notebooks(load_course_content(content), tmp_path / "nb")
    for notebooks, ident in ((tmp_path / "nb", "weekly-checkin"), (built_notebooks, "relationship-test")):
        participant, facilitator = (r.html for r in render_handouts(notebooks, [ident], ["participant", "facilitator"]))
        assert "Scoring sheet" not in participant and "(R)" not in participant and "score 8 −" not in participant
        assert "Scoring sheet" in facilitator and "(R)" in facilitator
        assert "Learning objectives" not in facilitator  # a self-check's guide is its scoring sheet
    out = tmp_path / "out"
    export_handouts(tmp_path / "nb", out, ["weekly-checkin"], ["participant", "facilitator"], ["pdf"], show_progress=False)
    sheet = " ".join(p.extract_text() for p in PdfReader(out / "weekly-checkin-facilitator.pdf").pages)
    assert "Scoring sheet" in sheet and "Illustrative cut-offs" in sheet and "We laughed together." in sheet
    form = " ".join(p.extract_text() for p in PdfReader(out / "weekly-checkin-participant.pdf").pages)
    assert "We laughed together." in form and "Scoring sheet" not in form


@pytest.mark.parametrize("instrument", [KIT, EXAMPLE], ids=["kit", "example"])
def test_an_instrument_reads_back_from_what_its_notebook_carries(instrument: Instrument) -> None:
    """``from_json`` is the inverse of ``to_json``; only what recommendations read stays with the course."""
    data = instrument.to_json()
    again = Instrument.from_json(data)
    assert again.to_json() == data
    assert again == replace(instrument, path="", subscales=tuple(replace(s, keywords=(), recommend_when="high")
                                                                 for s in instrument.subscales))


def test_a_copy_without_the_scoring_key_reads_back_without_it() -> None:
    copy = replace(KIT, path="").without_key()
    assert copy.subscales == () and copy.chart is None and not any(i.reverse for i in copy.items)
    assert [(i.id, i.text) for i in copy.items] == [(i.id, i.text) for i in KIT.items]
    data = copy.to_json()
    assert data.get("subscales") == []
    del data["subscales"]  # as a participant's copy of the notebook's data has it
    assert Instrument.from_json(data) == copy
