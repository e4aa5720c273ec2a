"""Stage 1: article files → the typed :class:`~relcourse.content.model.Article` (no Jupyter, no pandas)."""
