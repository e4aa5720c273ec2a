"""The learner's private SQLite store, reached only by widgets and the CLI (never by exporters)."""
