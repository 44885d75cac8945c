from django.db import IntegrityError, transaction
from django.utils.text import slugify


def save_with_unique_slug(instance, *, text, fallback, siblings, max_length, attempts=5):
    """Save a new row under the first free slug made from `text` among `siblings` (the rows the
    slug must differ from). A row that takes the same slug between the look-up and the insert
    (two people saving at once) moves this one on to the next free slug instead of failing."""
    base = (slugify(text) or fallback)[: max_length - 6]
    for _attempt in range(attempts):
        slug, number = base, 2
        while siblings.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        instance.slug = slug
        try:
            with transaction.atomic():
                instance.save()
            return instance
        except IntegrityError:
            # Another constraint failed, not the slug: that is a real error.
            if not siblings.filter(slug=slug).exists():
                raise
    raise IntegrityError(f"No free slug for {base!r} after {attempts} attempts.")
