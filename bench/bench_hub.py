"""N learners on a local JupyterHub at once: how big a server does a workshop need?

Run as root (it creates system users, like the hub test):  python bench/bench_hub.py [N]   (default 10)

Every learner logs in, starts a server and runs a module's *Run All* at the same moment,
through the hub and its proxy. Prints time to first cell, time to Run-All done (median and
max) and memory per learner (their server plus kernel, resident), which the README's sizing
table turns into users × memory.
"""

from __future__ import annotations

import os
import pwd
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hub.harness import (  # noqa: E402
    Hub,
    Kernel,
    give_course,
    local_hub,
    log_in,
    machine_lock,
    system_users,
    traversable,
    why_not_runnable,
)

MODULE = "security-and-needs-133"


def learner_memory(user: str) -> float:
    """Resident MiB of every process the learner owns (their server and kernel)."""
    uid = pwd.getpwnam(user).pw_uid
    return float(sum(p.info["memory_info"].rss for p in psutil.process_iter(["uids", "memory_info"])
               if p.info["uids"] and p.info["uids"].real == uid)) / 2**20


def run_learner(hub: Hub, user: str, cells: list[str], times: dict[str, tuple[float, float]], start: threading.Event) -> None:
    start.wait()
    began = time.perf_counter()
    log_in(hub, user).close()
    hub.start_server(user, timeout=600)
    kernel = Kernel(hub, user, hub.user_token(user), f"course/notebooks/{MODULE}.ipynb")
    first = None
    for code in cells:
        _, errors = kernel.run(code, timeout=600)
        if errors:
            raise RuntimeError(f"{user}: {errors}")
        first = first or time.perf_counter() - began
    times[user] = (first or 0.0, time.perf_counter() - began)


def main(count: int = 10) -> None:
    reason = why_not_runnable()
    if reason:
        sys.exit(f"bench_hub: {reason}")
    available = psutil.virtual_memory().available / 2**20
    if count * 400 > available:
        sys.exit(f"bench_hub: {count} learners need about {count * 400} MiB; {available:.0f} MiB available")
    cells = [c.source for c in nbformat.read(ROOT / "notebooks" / f"{MODULE}.ipynb", as_version=4).cells if c.cell_type == "code"]
    names = [f"rcb{os.getpid()}n{n}" for n in range(1, count + 1)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.chmod(folder, 0o755)
        with machine_lock(), traversable([Path(os.path.realpath(sys.executable)), Path(sys.prefix), ROOT]), system_users(names) as users:
            give_course(users)
            with local_hub(folder / "hub") as hub:
                times: dict[str, tuple[float, float]] = {}
                start = threading.Event()
                threads = [threading.Thread(target=run_learner, args=(hub, n, cells, times, start)) for n in names]
                for thread in threads:
                    thread.start()
                began = time.perf_counter()
                start.set()
                for thread in threads:
                    thread.join()
                wall = time.perf_counter() - began
                memory = [learner_memory(n) for n in names]
    if len(times) < count:
        sys.exit(f"bench_hub: only {len(times)} of {count} learners finished")
    first = [t[0] for t in times.values()]
    done = [t[1] for t in times.values()]
    cpus = os.cpu_count() or 1
    print(f"{count} learners at once on {cpus} cores, {len(cells)} cells each ({MODULE})")
    print(f"time to first cell   median {statistics.median(first):6.1f} s   max {max(first):6.1f} s")
    print(f"time to Run-All done median {statistics.median(done):6.1f} s   max {max(done):6.1f} s   (all done after {wall:.1f} s)")
    print(f"memory per learner   median {statistics.median(memory):6.0f} MiB max {max(memory):6.0f} MiB")
    print(f"sizing: {count} learners ≈ {sum(memory) / 1024:.1f} GiB; per 100 learners ≈ {statistics.median(memory) * 100 / 1024:.0f} GiB"
          f" (+ the hub, about 150 MiB)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
