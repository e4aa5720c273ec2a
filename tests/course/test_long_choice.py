"""One rule decides when a journal choice is a list to pick from: the form and the printed page agree."""

from __future__ import annotations

import ipywidgets as w
import pytest

from relcourse.course.logs import Field
from relcourse.export.preprocessors import BuildHandoutViews
from relcourse.notebook.cells import JournalCell
from relcourse.widgets.journal_form import field_widget


@pytest.mark.parametrize(
    ("options", "long"),
    [(("secure", "insecure"), False),
     (("a", "b", "c", "d"), False),
     (("a", "b", "c", "d", "e"), True),  # many options
     (("yes", "Step 2: name the feeling before you answer"), True)],  # few, but one is long
)
def test_form_and_printed_page_use_the_same_rule(options: tuple[str, ...], long: bool) -> None:
    field = Field("felt", "Felt", "choice", options)
    assert field.long_choice is long
    assert isinstance(field_widget(field), w.Dropdown if long else w.ToggleButtons)
    data = JournalCell("m", template_id="log", title="Log", instructions="", daily=True, days=7,
                       fields=({"id": field.id, "label": field.label, "kind": field.kind, "options": list(options), "help": ""},))
    printed = BuildHandoutViews().view_journal(data)["fields"][0]
    assert printed["kind"] == ("text" if long else "choice")  # a blank to write in, or boxes to tick
