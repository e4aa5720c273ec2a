"""Printed phrase cards show the sentence each one replaces, escaped, in the module's language."""

from __future__ import annotations

from pathlib import Path

from relcourse.cli import main
from relcourse.export.run import render_handouts

HEAD = "Relationship Communication Wiki\nConflict_and_Repair-905-Cards\nProblem Scenario\nThey argue.\nStep-by-Step Guide\n"


def _handout(tmp_path: Path, name: str, text: str) -> str:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / f"{name}.txt").write_text(text, encoding="utf-8")
    assert main(["build", "--content", str(content), "--notebooks", str(tmp_path / "nb"), "--notebooks-only"]) == 0
    [rendered] = render_handouts(tmp_path / "nb", [name], ["participant"])
    return rendered.html


def test_a_printed_card_shows_what_it_replaces_escaped(tmp_path: Path) -> None:
    html = _handout(tmp_path, "conflict-and-repair-905", HEAD + "### Step 1: Words (Days 1-3)\n"
                    '- Instead of "You <b>never</b> call me," try "I miss hearing from you."\n'
                    '- Ask each other: "What was the best moment of your week?"\n')
    assert "“I miss hearing from you.”<span class=\"replaces\">Instead of: “You &lt;b&gt;never&lt;/b&gt; call me”</span>" in html
    assert "<b>never</b>" not in html
    assert html.count('class="replaces"') == 1  # the card that replaces nothing has no such line


def test_a_chinese_card_says_what_it_replaces_in_chinese(tmp_path: Path) -> None:
    html = _handout(tmp_path, "冲突与修复-906", "# 冲突与修复-906-卡片\n\n## 问题场景\n\n他们吵架。\n\n## 分步指南\n\n"
                    "### 第1步：换个说法（第1-3天）\n\n1) 与其说你从来不在乎我，不如说我需要你多陪陪我。\n")
    assert "“我需要你多陪陪我。”<span class=\"replaces\">代替这句：“你从来不在乎我”</span>" in html
