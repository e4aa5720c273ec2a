"""Stage 2: an Article (+ reviewed YAML, course settings) → a Module: what a module teaches."""
