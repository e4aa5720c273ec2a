from __future__ import annotations

from dataclasses import dataclass

from relcourse.course.ids import unique_ids


@dataclass(frozen=True)
class Thing:
    id: str
    text: str = ""


def test_repeated_ids_are_numbered_and_the_first_keeps_its_own() -> None:
    things = [Thing("a", "1"), Thing("b"), Thing("a", "2"), Thing("a", "3"), Thing("a-2")]
    assert [t.id for t in unique_ids(things)] == ["a", "b", "a-2", "a-3", "a-2-2"]
    assert [t.text for t in unique_ids(things)][:4] == ["1", "", "2", "3"]
    assert [t.id for t in unique_ids([Thing("x"), Thing("x")], separator="_")] == ["x", "x_2"]
