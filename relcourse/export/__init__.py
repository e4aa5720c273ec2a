"""Printable handouts: nbconvert exporters, preprocessors and templates (see ``run`` for the batch API)."""
