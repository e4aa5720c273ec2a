"""Items about the practice plan.

The order of the steps is asked only when the steps differ (an article whose steps repeat the
same actions has no order to understand). Items that test memory of the schedule (when a step
is planned, which step asks for an action) are opt-in: course.yaml ``quiz: {schedule_items: true}``.
"""

from __future__ import annotations

from relcourse.content.text import first_sentence
from relcourse.course.quiz.grounding import Context, Sentence, fits, gives_away, grounded_item, shuffled
from relcourse.course.quiz.model import QuizItem


def _distinct_steps(ctx: Context) -> bool:
    plan = ctx.article.plan
    actions = [tuple(s.actions) for s in plan]
    return len(plan) >= 3 and len({s.name for s in plan}) == len(plan) and len(set(actions)) == len(actions)


def _kind(ctx: Context) -> str:
    kind = ctx.article.plan[0].kind
    return kind.lower() if ctx.words.spaced else kind


def _plan_sentence(ctx: Context, text: str, line: int) -> Sentence:
    return Sentence(text, ctx.section_title("practice"), "practice", line)


def plan_order(ctx: Context) -> list[QuizItem]:
    if not _distinct_steps(ctx):
        return []
    plan = ctx.article.plan
    names = tuple(s.name for s in plan)
    quote = " · ".join(s.title for s in plan)
    return [grounded_item("plan-order", "ordering", ctx.words.prompts["plan_order"].format(kind=_kind(ctx)), names,
                          shuffled(names, ctx.rng("plan-order")), _plan_sentence(ctx, quote, plan[0].line),
                          ctx.words.explanations["plan_order"].format(kind=_kind(ctx)))]


def plan_timing(ctx: Context) -> list[QuizItem]:
    """Opt-in: when the plan schedules a step (memory of the schedule, not understanding)."""
    timed = [s for s in ctx.article.plan if s.duration and s.duration.text]
    texts = [s.duration.text for s in timed if s.duration]
    if not ctx.schedule_items or len(timed) < 3 or len(set(texts)) != len(texts):
        return []
    rng = ctx.rng("plan-timing")
    step = timed[rng.randrange(len(timed))]
    duration = step.duration.text if step.duration else ""
    wrong = [t for t in texts if t != duration]
    rng.shuffle(wrong)
    options = shuffled([duration, *wrong[:3]], rng, avoid_identity=False)
    return [grounded_item("plan-timing", "single", ctx.words.prompts["plan_timing"].format(name=step.name), (duration,),
                          options, _plan_sentence(ctx, f"{step.title} ({duration})", step.line),
                          ctx.words.explanations["plan_timing"].format(title=step.title, duration=duration))]


def step_for_action(ctx: Context) -> list[QuizItem]:
    """Opt-in: which step asks for an action, shown only when the action does not name its step."""
    if not ctx.schedule_items or not _distinct_steps(ctx):
        return []
    plan = ctx.article.plan
    owners: dict[str, list[int]] = {}
    for index, step in enumerate(plan):
        for text in step.actions:
            owners.setdefault(first_sentence(text), []).append(index)
    unique = [(a, idx[0]) for a, idx in owners.items() if len(idx) == 1 and fits(a) and not gives_away(a, plan[idx[0]].name)]
    if not unique:
        return []
    rng = ctx.rng("step-for-action")
    action, index = unique[rng.randrange(len(unique))]
    titles = tuple(s.title for s in plan)
    step = plan[index]
    return [grounded_item("step-for-action", "single", ctx.words.prompts["step_for_action"].format(sentence=action),
                          (titles[index],), titles, _plan_sentence(ctx, action, step.line),
                          ctx.words.explanations["step_for_action"].format(title=titles[index]))]


