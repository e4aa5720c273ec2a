"""The self-check ("relationship test"): instruments, scoring and the action plan."""
