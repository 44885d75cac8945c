"""System checks for a deployment (`manage.py check --deploy`)."""

from django.core import checks

from .cache import unbounded_reason


@checks.register(checks.Tags.caches, deploy=True)
def cache_memory_is_bounded(app_configs, **kwargs):
    """Shared pages are keyed on their address, so made-up query strings and edit storms add
    entries: without a limit and eviction, Redis grows with them."""
    reason = unbounded_reason()
    if not reason:
        return []
    return [checks.Warning(reason, hint="See docs/deploying.md#redis.", id="common.W001")]
