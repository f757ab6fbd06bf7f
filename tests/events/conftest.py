import pytest
from django.core.cache import cache
from django.utils import translation

from events import page_cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """The registration rate limit counts in the cache: start every test at zero."""
    cache.clear()
    page_cache.clear_local()
    yield
    cache.clear()
    page_cache.clear_local()


@pytest.fixture(params=["fr", "de"])
def language(request):
    """Run a test in French and in German."""
    with translation.override(request.param):
        yield request.param
