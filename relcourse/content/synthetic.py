"""Synthetic wiki articles in the real export format, for benchmarks and scale tests."""

from __future__ import annotations

import random

PARAGRAPH = (
    "Partners who notice each other's small signals of safety build a steadier base; "
    "when one partner feels anxious, a calm voice and a steady presence help both nervous systems settle. "
)


def synthetic_article(number: int, target_bytes: int = 30_000, seed: int = 0) -> str:
    """An article of about ``target_bytes`` with every section the wiki uses."""
    rng = random.Random(seed * 100_003 + number)
    title = f"Synthetic Topic {number}: Practising Security Step by Step"
    lines = [
        "Relationship Communication Wiki",
        f"Security_and_Needs-{number:03d}-{title}",
        "A short teaser about the topic…",
        f"Take the relationship testSecurity_and_Needs-{number:03d}-{title}",
        "1. Problem Scenario",
    ]
    body_sections = [
        ("2. Core Concepts", ["### 2.1 Foundations"] + [f"**Mechanism {i}: Signal {i}**. {PARAGRAPH}" for i in range(1, 4)]),
        ("3. Practice Guide: Step-by-Step Path", []),
        ("4. Case Examples", ["### Case 1: A Couple Learns to Pause", PARAGRAPH * 2]),
        ("5. Expert Guidance and Research Insights", ["### John Bowlby's Insights", PARAGRAPH]),
        ("6. Summary", ["**Core Insights**:", "1. Safety is felt.", "2. Practice helps.", "Remember: small steps count."]),
    ]
    day = 1
    for step in range(1, 7):
        length = rng.randint(3, 9)
        body_sections[1][1].extend([
            f"### Step {step}: Practice {step} (Suggested Days {day}-{day + length})",
            "**Specific Actions**:",
            f'- Say "Whatever happens, I\'m here." and note the moment. {PARAGRAPH}',
        ])
        day += length + 1
    fixed = sum(len(line) + 1 for _, body in body_sections for line in body) + 600
    scenario_count = max(1, (target_bytes - fixed) // (len(PARAGRAPH) + 1))
    lines.extend(PARAGRAPH for _ in range(scenario_count))
    for heading, body in body_sections:
        lines.append(heading)
        lines.extend(body)
    lines += ["可以直接复制的话", "Whatever happens, I'm here.", "常见问题", "What does this help with?",
              "It helps partners feel safe…", "Start the test"]
    return "\n".join(lines) + "\n"
