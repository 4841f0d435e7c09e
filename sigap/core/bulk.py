"""Fast inserts of plain rows, for imports and generators that write hundreds of thousands.

On PostgreSQL the rows stream through COPY; on SQLite through ``executemany``.
``bulk_create`` builds a model instance and prepares every value through the field for each row;
for narrow tables of ids and short strings that costs more than the database's own work.
``insert_rows`` sends tuples straight to ``executemany``. Use it only for values that need no
field conversion (ids, text, dates, numbers) and never for encrypted fields.
"""

from collections.abc import Iterable, Iterator, Sequence

from django.db import connection, models

from sigap.core.fields import EncryptedTextField

BATCH = 5000
IN_BATCH = 900  # values per "IN (…)": below SQLite's oldest parameter limit (999)


def chunks(values: Iterable, size: int = IN_BATCH) -> Iterator[list]:
    """``values`` in lists of at most ``size``."""
    items = list(values)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def filter_in(queryset: models.QuerySet, field: str, values: Iterable) -> Iterator:
    """The rows of ``queryset`` whose ``field`` is in ``values``, one query per chunk (a single
    "IN" with 100,000 values would exceed SQLite's parameter limit)."""
    for chunk in chunks(values):
        yield from queryset.filter(**{f"{field}__in": chunk})


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert ``rows`` (tuples in the order of ``columns``, which are field attnames).

    Dates and times go through the backend's own adaptation (SQLite keeps them as text); other
    values are sent as they are."""
    fields = [model._meta.get_field(name) for name in columns]
    if any(isinstance(field, EncryptedTextField) for field in fields):
        raise ValueError("insert_rows cannot write encrypted fields")
    dated = [i for i, field in enumerate(fields) if isinstance(field, models.DateField)]
    if dated:
        rows = (_adapt_dates(row, dated, fields) for row in rows)
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        return _copy_rows(model, fields, rows)
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (identifiers from the model)
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    total = 0
    batch: list[Sequence] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                total += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            total += len(batch)
    return total


def _copy_rows(model, fields, rows) -> int:
    """PostgreSQL's COPY: the fastest way in, a stream instead of one statement per row."""
    quote = connection.ops.quote_name
    sql = "COPY {} ({}) FROM STDIN".format(
        quote(model._meta.db_table), ", ".join(quote(field.column) for field in fields)
    )
    total = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
            total += 1
    return total


def _adapt_dates(row: Sequence, positions: list[int], fields) -> list:
    ops = connection.ops
    values = list(row)
    for i in positions:
        if isinstance(fields[i], models.DateTimeField):
            values[i] = ops.adapt_datetimefield_value(values[i])
        else:
            values[i] = ops.adapt_datefield_value(values[i])
    return values


def refresh_statistics(*models_: type[models.Model]) -> None:
    """Tell PostgreSQL's planner about a large batch of new rows (ANALYZE), so that it keeps
    using the right indexes; autovacuum gets there eventually, but a big import should not leave
    searches slow until it does.

    Not on SQLite: without statistics its planner picks the right indexes for our queries, and
    with them (sampled or not) it was seen to prefer scanning a whole status index over looking
    up a short list of ids (search went from 30 ms to 300 ms)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models_)
            cursor.execute(f"ANALYZE {tables}")  # noqa: S608 (model table names)
