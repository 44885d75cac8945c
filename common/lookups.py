from django.core.exceptions import EmptyResultSet
from django.db.models.lookups import In


class IntegerIn(In):
    """`__in` on an integer column leaves out numbers the column cannot hold: they match no row,
    as Django's own `exact`, `lt` and `gt` already decide for one number. Without this, SQLite's
    driver raises OverflowError binding 99999999999999999999 (a 500 when a form or an admin
    action posts it); PostgreSQL compares it as a numeric and finds nothing either way.
    Registered on IntegerField, and so on every integer key, in CommonConfig.ready()."""

    def batch_process_rhs(self, compiler, connection, rhs=None):
        low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
        held = [
            value
            for value in (self.rhs if rhs is None else rhs)
            if not isinstance(value, int)
            or ((low is None or low <= value) and (high is None or value <= high))
        ]
        if not held:
            raise EmptyResultSet
        return super().batch_process_rhs(compiler, connection, held)
