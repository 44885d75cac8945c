"""System checks for a deployment (`manage.py check --deploy`)."""

from django.core import checks

from .cache import evictable_counts_reason, unbounded_reason


@checks.register(checks.Tags.caches, deploy=True)
def cache_memory_is_bounded(app_configs, **kwargs):
    """Shared pages are keyed on their address, so made-up query strings and edit storms add
    entries: without a limit and eviction, Redis grows with them."""
    reason = unbounded_reason()
    if not reason:
        return []
    return [checks.Warning(reason, hint="See docs/deploying.md#redis.", id="common.W001")]


@checks.register(checks.Tags.caches, deploy=True)
def counts_are_never_evicted(app_configs, **kwargs):
    """Under an evict-least-used policy, a flood of made-up query strings would push the rate
    limits' counts out, and every limit would start again."""
    reason = evictable_counts_reason()
    if not reason:
        return []
    return [checks.Warning(reason, hint="See docs/deploying.md#redis.", id="common.W002")]
