"""Pieces every app uses: rate limits, upload checks, the filtered list view, search words,
safe CSV. It imports no app of the project, so every app may import it."""
