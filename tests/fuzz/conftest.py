"""Hypothesis profiles: "ci" (bounded, the default) and "long" (``bench/fuzz.py``)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

# no example database: a test run writes nothing into the source tree
# no shrinking in CI: a failure is reported as found (shrinking a whole course build can take minutes)
settings.register_profile("ci", max_examples=25, deadline=None, database=None, derandomize=True,
                          phases=[Phase.explicit, Phase.generate, Phase.target],
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.function_scoped_fixture])
settings.register_profile("long", max_examples=int(os.environ.get("RELCOURSE_FUZZ_EXAMPLES", "400")), deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("RELCOURSE_FUZZ_PROFILE", "ci"))
