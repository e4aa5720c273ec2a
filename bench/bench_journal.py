"""Journal store: add 100,000 entries, then load them as a DataFrame.

Run: python bench/bench_journal.py [N]   (target: loading 100,000 entries under 2 s)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from relcourse.store.journal import Journal


def main(count: int = 100_000) -> None:
    with tempfile.TemporaryDirectory() as folder, Journal(Path(folder) / "journal.sqlite") as journal:
        fields = {"trigger": "synthetic trigger text", "body": "chest", "response": "pursue", "intensity": 5}
        start = time.perf_counter()
        with journal.transaction() as conn:  # bulk insert, as an import does
            conn.executemany(
                "INSERT INTO entries (module, template, created, fields) VALUES (?, ?, ?, ?)",
                ((f"m{n % 10}", "activation", f"2026-01-01T00:00:{n % 60:02d}.{n:06d}+00:00",
                  '{"body": "chest", "intensity": %d, "response": "pursue", "trigger": "synthetic"}' % (n % 11))
                 for n in range(count)),
            )
        bulk = time.perf_counter() - start
        start = time.perf_counter()
        for _ in range(1000):
            journal.add_entry("m0", "activation", fields)
        single = (time.perf_counter() - start) / 1000
        start = time.perf_counter()
        frame = journal.entries()
        load = time.perf_counter() - start
    print(f"add {count:,} entries (one transaction): {bulk:.2f} s; add_entry one by one: {single * 1000:.2f} ms each")
    print(f"load {len(frame):,} entries as a DataFrame: {load:.2f} s (target < 2 s; ratio to target {load / 2:.2f})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
