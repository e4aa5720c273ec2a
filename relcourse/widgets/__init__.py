"""Live ipywidgets for the notebook modules; each notebook cell calls one of these."""

from .base import live_widget
from .journal_form import journal_form
from .phrases import phrase_cards
from .plan import practice_plan
from .progress import course_progress
from .quiz import quiz, quiz_score
from .reflection import reflection
from .selfcheck import self_check, self_check_history, self_check_result

__all__ = ["course_progress", "journal_form", "live_widget", "phrase_cards", "practice_plan", "quiz", "quiz_score", "reflection",
           "self_check", "self_check_history", "self_check_result"]
