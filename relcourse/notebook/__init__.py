"""Stage 3a: a Module → an output-free, deterministic .ipynb whose cells carry typed metadata."""
