"""The fuzz suite (tests/fuzz) with the "long" Hypothesis profile: many more examples than CI runs.

Run: python bench/fuzz.py [EXAMPLES]   (default 400 per test; prints examples/s per test)
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = [
    "tests/fuzz/test_fuzz_pipeline.py::test_random_bytes_as_an_article_are_one_clear_error_or_an_article",
    "tests/fuzz/test_fuzz_pipeline.py::test_a_mutated_article_parses_or_is_one_clear_error",
    "tests/fuzz/test_fuzz_pipeline.py::test_a_mutated_article_builds_and_exports_without_live_markup",
    "tests/fuzz/test_fuzz_pipeline.py::test_mutated_course_yaml_instruments_and_quizzes_fail_one_file_at_most",
    "tests/fuzz/test_fuzz_import.py::test_a_mutated_import_file_is_imported_or_refused_in_one_line",
]


def main(examples: int = 400) -> int:
    os.environ["RELCOURSE_FUZZ_PROFILE"] = "long"
    os.environ["RELCOURSE_FUZZ_EXAMPLES"] = str(examples)
    failed = 0
    for test in TESTS:
        start = time.perf_counter()
        code = pytest.main(["-q", "-p", "no:cacheprovider", "-p", "no:nbval", "-o", "addopts=", str(ROOT / test)])
        elapsed = time.perf_counter() - start
        pipeline = "builds_and" in test or "yaml" in test
        count = max(8, examples // 3) if pipeline else examples
        print(f"{test.split('::')[1]}: {count} examples in {elapsed:.1f} s = {count / elapsed:.1f} examples/s"
              f" ({'ok' if code == 0 else 'FAILED'})")
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 400))
