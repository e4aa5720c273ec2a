"""The kit's own words are complete in every catalog: each string the package marks for translation
(Python ``_()``/``N_()`` and the templates' ``{{ _('…') }}``, found with Babel's extraction) has a
Chinese translation with the same placeholders, and no catalog keeps a string the package dropped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from relcourse.i18n import HERE, _, catalog_for, catalogs, ngettext, translator, use_language

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{\w*\}|%\(\w+\)s")
TRANSLATED = ["zh_Hans"]  # catalogs that must translate every string (en is the source language)


def extracted() -> set[str | tuple[str, ...]]:
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found: set[str | tuple[str, ...]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT / "relcourse"), method_map, options_map,
                                                                       keywords=keywords):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def read(name: str) -> Catalog:
    with catalogs()[name].open("rb") as po:
        return read_po(po)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_the_package_marks_strings() -> None:
    assert {"Check", "Save entry", "Participant handout", "Check your understanding"} <= extracted()


@pytest.mark.parametrize("name", TRANSLATED)
def test_every_marked_string_is_translated(name: str) -> None:
    catalog = read(name)
    missing = []
    for message_id in sorted(extracted(), key=str):
        message = catalog.get(message_id)
        strings = [] if message is None or message.fuzzy else ([message.string] if isinstance(message.string, str)
                                                                   else list(message.string or ()))
        if not strings or not all(strings):
            missing.append(message_id)
            continue
        source = message_id if isinstance(message_id, str) else message_id[-1]
        assert all(placeholders(s) == placeholders(source) for s in strings), f"{name}: placeholders differ in {message_id!r}"
    assert not missing, f"{name}: {len(missing)} string(s) without translation, first {missing[:3]!r} (see README 'Languages')"


@pytest.mark.parametrize("name", sorted(catalogs()))
def test_no_stale_strings(name: str) -> None:
    marked = extracted()
    stale = [m.id for m in read(name) if m.id and m.id not in marked]
    assert not stale, f"{name}: the package no longer uses {stale[:3]!r}; run pybabel update (README 'Languages')"


def test_template_is_current() -> None:
    with (HERE / "messages.pot").open("rb") as pot:
        assert {m.id for m in read_po(pot) if m.id} == extracted()


@pytest.mark.parametrize(("tag", "name"), [("zh", "zh_Hans"), ("zh-Hans", "zh_Hans"), ("zh-CN", "zh_Hans"),
                                           ("en-GB", "en"), ("en", "en"), ("fr", None)])
def test_language_tags_find_their_catalog(tag: str, name: str | None) -> None:
    assert catalog_for(tag) == name


def test_words_follow_the_language() -> None:
    with use_language("zh"):
        assert _("Save") == "保存"
        assert ngettext("{count} quiz question", "{count} quiz questions", 2) == "{count} 道测验题"
    with use_language("fr"):  # no catalog: the source words
        assert _("Save") == "Save"
    assert _("Save") == "Save"
    assert translator("zh-Hans") is translator("zh-Hans")  # read once
