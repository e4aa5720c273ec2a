"""Jupyter integration: the server extension that keeps learners' words out of saved notebooks."""
