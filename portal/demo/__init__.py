"""Demo data for local use and screenshots. Facts about the real conference come only from
conference-2018.txt beside this file (the English report the project was created from); the
Chinese text is our translation of it.
Every loader is idempotent: a second run finds each row as it should be and saves nothing."""

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def upsert(model, lookup, values):
    """Create the row matching `lookup`, or bring its `values` up to date; save only on change."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        return instance, CREATED
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return instance, UNCHANGED
    for name in changed:
        setattr(instance, name, values[name])
    instance.full_clean()
    instance.save()
    return instance, UPDATED


def count_outcomes(outcomes):
    """ "2 created, 0 updated, 5 unchanged"."""
    return ", ".join(f"{outcomes.count(kind)} {kind}" for kind in (CREATED, UPDATED, UNCHANGED))
