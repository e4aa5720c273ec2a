"""Hostile and mutated inputs: seed files with lines inserted, deleted, duplicated and garbled."""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from ..conftest import CONTENT, FIXTURES

SEED_ARTICLES = {p.name: p.read_text("utf-8") for p in [CONTENT / "articles" / "security-and-needs-133.txt",
                                                         *sorted((FIXTURES / "articles-zh").glob("*.txt"))[:1]]}
SEED_YAML = {
    "course.yaml": (CONTENT / "course.yaml").read_text("utf-8"),
    "instruments/relationship-test.yaml": (CONTENT / "instruments" / "relationship-test.yaml").read_text("utf-8"),
    "quizzes/security-and-needs-133.yaml": (
        "items:\n"
        "  - id: my-question\n    type: single\n    prompt: \"Which is a safety signal?\"\n"
        "    options: [A calm voice, A raised voice]\n    answer: A calm voice\n    explanation: \"Calm says safe.\"\n"
        "  - id: order-it\n    type: ordering\n    prompt: Put in order\n    order: [first, second]\n"
        "remove: [plan-timing]\n"),
}

#: lines an attacker (or a careless copy) puts into content
HOSTILE = [
    "<script>alert('XSS')</script>", "<img src=http://127.0.0.1:9/x.png onerror=alert(1)>",
    "![pixel](http://127.0.0.1:9/p.png)", "[click](javascript:alert(1))", "[file](file:///etc/passwd)",
    "<iframe src=\"http://127.0.0.1:9/\"></iframe>", "<a href='data:text/html,<script>alert(1)</script>'>x</a>",
    "http://127.0.0.1:9/bare", "<https://127.0.0.1:9/auto>", "$$\\href{javascript:alert(1)}{x}$$",
    "{{ 7*7 }} {% raw %}", "'; DROP TABLE entries; --", "\u202eevil\u202c", "\x1b[31mred\x1b]8;;http://x\x07",
    "### Step 9: Forever (Suggested Days 36-99999999)", "### Phase 2: Huge (Weeks 1-" + "9" * 4400 + ")",
    "Security and Needs-044-Imposter", "# 安全与需求-133-冒名", "**Mechanism 1: <b>bold</b>**. text",
    "- \"Say: <script>x</script>\"", "| a | <img src=x> |", "> <svg onload=alert(1)>", "\x00", "\ufeff", "\r",
]
UNICODE = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
LINE = st.one_of(st.sampled_from(HOSTILE), UNICODE, st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE), UNICODE))


@st.composite
def mutated(draw: st.DrawFn, seed: str) -> str:
    """``seed`` with a few lines inserted, deleted, duplicated or replaced."""
    lines = seed.split("\n")
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(lines)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "replace", "append"]))
        if action == "insert":
            lines.insert(where, draw(LINE))
        elif lines and where < len(lines):
            if action == "delete":
                del lines[where]
            elif action == "duplicate":
                lines.insert(where, lines[where])
            elif action == "replace":
                lines[where] = draw(LINE)
            else:
                lines[where] += draw(LINE)
    return "\n".join(lines)


def articles() -> st.SearchStrategy[tuple[str, bytes]]:
    """(file name, bytes): a mutated seed, sometimes re-encoded or cut short."""
    def encode(text: str, how: str) -> bytes:
        data = text.encode("utf-8", "surrogatepass")
        return {"utf-8": data, "utf-16": text.encode("utf-16", "surrogatepass"), "cut": data[: len(data) // 2],
                "crlf": data.replace(b"\n", b"\r\n")}[how]
    return st.sampled_from(sorted(SEED_ARTICLES)).flatmap(
        lambda name: st.tuples(st.just(name), st.builds(encode, mutated(SEED_ARTICLES[name]),
                                                          st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-16", "cut", "crlf"]))))


YAML_HOSTILE = ["a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
                "max: " + "9" * 4400, "max: 1000000000", "min: -1e309", "x: " + "[" * 200 + "]" * 200,
                "title: !!python/object/apply:os.system ['echo hi']", "items: 5", "items: {a: b}", "- - -",
                "anchors: {1: [a, {b: c}]}", "citation: \"![x](http://127.0.0.1:9/c.png)\"", "help: [1, 2, null]",
                "  - {id: x, text: \"<script>alert(1)</script>\"}", "type: matching", "answer: [[]]", "options: ~"]


def yaml_files() -> st.SearchStrategy[tuple[str, str]]:
    """(path inside content/, text): a mutated course.yaml, instrument or curated quiz."""
    yaml_line = st.one_of(st.sampled_from(YAML_HOSTILE), LINE)

    @st.composite
    def mutate(draw: st.DrawFn, name: str) -> tuple[str, str]:
        lines = SEED_YAML[name].split("\n")
        for _ in range(draw(st.integers(1, 4))):
            where = draw(st.integers(0, len(lines)))
            if draw(st.booleans()) or not lines or where >= len(lines):
                lines.insert(where, draw(yaml_line))
            else:
                lines[where] = lines[where].split(":", 1)[0] + ": " + draw(yaml_line) if ":" in lines[where] else ""
        return name, "\n".join(lines)

    return st.sampled_from(sorted(SEED_YAML)).flatmap(mutate)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` with its size and modification time."""
    return {str(p.relative_to(root)): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in root.rglob("*") if not p.is_dir()}
