from __future__ import annotations

from pathlib import Path

import pytest

from relcourse.content.yaml_files import read_yaml
from relcourse.errors import ContentError


@pytest.mark.parametrize(("data", "expected"), [
    (b"\x00\xff\xfe", "x.yaml: not UTF-8 text (byte 1); save it as UTF-8 YAML"),
    (b"a: 1\nb: \x01\n", "x.yaml:2: not valid YAML text (control character U+0001); save it as UTF-8 YAML"),
    (b"a: [1,\nb: 2\n", "x.yaml:3: not valid YAML"),
    (b"a: 1\n  b: 2\n", "x.yaml:2: not valid YAML (mapping values are not allowed here); fix the indentation"),
])
def test_unreadable_yaml_is_one_line_naming_file_and_line(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(data)
    with pytest.raises(ContentError) as caught:
        read_yaml(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(tmp_path) + "/")
    assert message[len(str(tmp_path)) + 1:].startswith(expected), message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"nope.yaml: cannot read the file \(No such file or directory\)"):
        read_yaml(tmp_path / "nope.yaml")


def test_valid_yaml_and_the_fix_named_by_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("title: Course\nhelp: []\n", encoding="utf-8")
    assert read_yaml(path) == {"title": "Course", "help": []}
    path.write_text("title: [\n", encoding="utf-8")
    with pytest.raises(ContentError, match="delete the file to use the defaults"):
        read_yaml(path, "fix it or delete the file to use the defaults")


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\U0000d800"])
def test_a_lone_surrogate_escape_is_one_line_not_a_traceback_later(tmp_path: Path, escape: str) -> None:
    """YAML's "\\ud800" decodes to a lone surrogate: the build then failed writing the notebook
    (UnicodeEncodeError) while check called the file ready."""
    path = tmp_path / "instrument.yaml"
    path.write_text(f'title: "Relationship {escape} test"\nok: "caf\\u00e9 \\U0001F600"\n', encoding="utf-8")
    with pytest.raises(ContentError, match="lone surrogate") as caught:
        read_yaml(path)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    path.write_text('ok: "caf\\u00e9 \\U0001F600"\n', encoding="utf-8")
    assert read_yaml(path) == {"ok": "café 😀"}
