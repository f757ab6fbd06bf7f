from tests.indicators.conftest import after_q3, world  # noqa: F401 (the hand-built world)
