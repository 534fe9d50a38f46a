"""Hypothesis settings for the property tests: fast by default, thorough in CI.

``HYPOTHESIS_PROFILE=ci`` runs 1000 examples per property; the default profile runs 100
so the suite stays quick. Test modules import this module before using ``@given``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "dev",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=1000,
    # The same examples on every CI run: a landing never depends on the luck of the draw.
    # Exploring new inputs is the dev profile's job (random, 100 each) and `--hypothesis-seed`.
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "mutmut",
    # Mutation testing (docs/testing.md): the same 100 examples for every mutant, so a
    # mutant's verdict never depends on the draw.
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
