"""Reading the content folder's YAML files (course settings, curated quizzes, instruments).

Every way such a file can be unreadable (not a regular file, too large, bad bytes, control
characters, a syntax error, alias bombs, deep nesting, absurd numbers) becomes one
:class:`~relcourse.errors.ContentError` naming the file, the line where known, and the fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import Node, ScalarNode

from relcourse.content.decode import wide_encoding
from relcourse.errors import ContentError
from relcourse.files import FileRefused, read_regular_file

#: facilitators' YAML files are a few KB; these bounds are far above that and far below harm
MAX_YAML_BYTES = 1_000_000
MAX_DEPTH = 32
#: nodes the document would have with every alias expanded (a "billion laughs" file has 10⁹)
MAX_EXPANDED_NODES = 100_000
MAX_NUMBER_DIGITS = 30


class _Refused(yaml.MarkedYAMLError):
    """A document that is valid YAML but beyond the bounds above."""


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing alias expansion past a bound, deep nesting and huge numbers."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._expanded = 0
        self._sizes: dict[str, int] = {}

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._count(self._sizes.get(event.anchor or "", 1), event)
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(problem=f"nested more than {MAX_DEPTH} levels deep", problem_mark=event.start_mark)
        before = self._expanded
        self._count(1, event)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        anchor = getattr(event, "anchor", None)
        if anchor:
            self._sizes[anchor] = self._expanded - before
        return node

    def _count(self, nodes: int, event: yaml.Event) -> None:
        self._expanded += nodes
        if self._expanded > MAX_EXPANDED_NODES:
            raise _Refused(problem=f"more than {MAX_EXPANDED_NODES} values once its aliases (*name) are expanded",
                           problem_mark=event.start_mark)  # type: ignore[arg-type]

    def construct_bounded_int(self, node: ScalarNode) -> int:
        if sum(c.isdigit() for c in str(node.value)) > MAX_NUMBER_DIGITS:
            raise _Refused(problem=f"a number longer than {MAX_NUMBER_DIGITS} digits", problem_mark=node.start_mark)
        return super().construct_yaml_int(node)

    def construct_bounded_float(self, node: ScalarNode) -> float:
        if len(str(node.value)) > 2 * MAX_NUMBER_DIGITS:
            raise _Refused(problem=f"a number longer than {MAX_NUMBER_DIGITS} digits", problem_mark=node.start_mark)
        return super().construct_yaml_float(node)

    def construct_lenient_timestamp(self, node: ScalarNode) -> Any:
        """A date-like value that is no real day (2026-02-30) stays text, so the setting that reads it
        can say what to write instead of the whole file being refused."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return str(node.value)


BoundedLoader.add_constructor("tag:yaml.org,2002:int", BoundedLoader.construct_bounded_int)
BoundedLoader.add_constructor("tag:yaml.org,2002:float", BoundedLoader.construct_bounded_float)
BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", BoundedLoader.construct_lenient_timestamp)


def parse_yaml(text: str) -> Any:
    """One YAML document, within the bounds above (raises ``yaml.YAMLError``)."""
    loader = BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def read_yaml(path: Path, fix: str = "fix the indentation or quoting there") -> Any:
    """The parsed YAML document in ``path``; ``fix`` says what to do about a syntax error."""
    try:
        data = read_regular_file(path, MAX_YAML_BYTES)
    except FileRefused as exc:
        raise ContentError(path, exc.message) from None
    wide = wide_encoding(data)
    if wide:
        raise ContentError(path, f"{wide} text; save it as UTF-8 YAML")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(path, f"not UTF-8 text (byte {exc.start}); save it as UTF-8 YAML") from None
    try:
        return parse_yaml(text)
    except _Refused as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise ContentError(path, f"refused: {exc.problem}; simplify the file", line) from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise ContentError(path, f"not valid YAML ({exc.problem}); {fix}", line) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise ContentError(path, f"not valid YAML text (control character {char}); save it as UTF-8 YAML", line) from None
    except yaml.YAMLError as exc:
        raise ContentError(path, f"not valid YAML ({exc}); {fix}") from None  # ContentError makes it one line
    except (RecursionError, ValueError, OverflowError) as exc:  # last guard: what the bounds above did not foresee
        raise ContentError(path, f"not usable YAML ({type(exc).__name__}); simplify the file") from None
