"""Reading the content folder's YAML files (course settings, curated quizzes, instruments).

Every way such a file can be unreadable (not a regular file, too large, bad bytes, control
characters, a syntax error, alias bombs, deep nesting, absurd numbers) becomes one
:class:`~relcourse.errors.ContentError` naming the file, the line where known, and the fix.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import Node, ScalarNode

from relcourse.content.decode import wide_encoding
from relcourse.errors import ContentError
from relcourse.files import FileRefused, read_regular_file
from relcourse.i18n import _

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
            raise _Refused(problem=_("nested more than {depth} levels deep").format(depth=MAX_DEPTH), problem_mark=event.start_mark)
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
            raise _Refused(problem=_("more than {count} values once its aliases (*name) are expanded").format(count=MAX_EXPANDED_NODES),
                           problem_mark=event.start_mark)  # type: ignore[arg-type]

    def construct_bounded_int(self, node: ScalarNode) -> int:
        if sum(c.isdigit() for c in str(node.value)) > MAX_NUMBER_DIGITS:
            raise _Refused(problem=_("a number longer than {digits} digits").format(digits=MAX_NUMBER_DIGITS), problem_mark=node.start_mark)
        return super().construct_yaml_int(node)

    def construct_bounded_float(self, node: ScalarNode) -> float:
        if len(str(node.value)) > 2 * MAX_NUMBER_DIGITS:
            raise _Refused(problem=_("a number longer than {digits} digits").format(digits=MAX_NUMBER_DIGITS), problem_mark=node.start_mark)
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


def read_yaml(path: Path, fix: str = "") -> Any:
    """The parsed YAML document in ``path``; ``fix`` says what to do about a syntax error (in the reader's language)."""
    fix = fix or _("fix the indentation or quoting there")
    try:
        data = read_regular_file(path, MAX_YAML_BYTES)
    except FileRefused as exc:
        raise ContentError(path, exc.message) from None
    wide = wide_encoding(data)
    if wide:
        raise ContentError(path, _("{encoding} text; save it as UTF-8 YAML").format(encoding=wide))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(path, _("not UTF-8 text (byte {position}); save it as UTF-8 YAML").format(position=exc.start)) from None
    try:
        data = parse_yaml(text)
        if "\\u" in text or "\\U" in text:  # only an escape can make a lone surrogate, which no file or page can hold
            json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
        return data
    except UnicodeEncodeError:
        raise ContentError(path, _("a \\u escape makes a lone surrogate (\\ud800–\\udfff), which is not text; "
                                   "write the character itself")) from None
    except _Refused as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise ContentError(path, _("refused: {problem}; simplify the file").format(problem=exc.problem), line) from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise ContentError(path, _("not valid YAML ({problem}); {fix}").format(problem=exc.problem, fix=fix), line) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise ContentError(path, _("not valid YAML text (control character {character}); save it as UTF-8 YAML").format(
            character=char), line) from None
    except yaml.YAMLError as exc:
        raise ContentError(path, _("not valid YAML ({problem}); {fix}").format(problem=exc, fix=fix)) from None  # ContentError makes it one line
    except (RecursionError, ValueError, OverflowError) as exc:  # last guard: what the bounds above did not foresee
        raise ContentError(path, _("not usable YAML ({problem}); simplify the file").format(problem=type(exc).__name__)) from None
