"""Live ipywidgets for the notebook modules; each notebook cell calls one of these."""

from relcourse.widgets.base import live_widget
from relcourse.widgets.journal_form import journal_form
from relcourse.widgets.phrases import phrase_cards
from relcourse.widgets.plan import practice_plan
from relcourse.widgets.progress import course_progress
from relcourse.widgets.quiz import quiz, quiz_score
from relcourse.widgets.reflection import reflection
from relcourse.widgets.selfcheck import self_check, self_check_history, self_check_result
from relcourse.widgets.share import quiz_sharing
from relcourse.widgets.top import back_to_top

__all__ = ["back_to_top", "course_progress", "journal_form", "live_widget", "phrase_cards", "practice_plan", "quiz", "quiz_score", "quiz_sharing",
           "reflection",
           "self_check", "self_check_history", "self_check_result"]
