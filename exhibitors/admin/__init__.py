"""The expo's admin, one module per family of models: the floor (`booths`), the companies
(`exhibitors`), the equipment (`equipment`) and the booth reservations (`reservations`), with the
"reject, with a reason" page they share (`review`). Importing the package registers them all."""

from . import booths, equipment, exhibitors, reservations

__all__ = ["booths", "equipment", "exhibitors", "reservations"]
