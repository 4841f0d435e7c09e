"""Indexes in the order the resident list reads them (see models.py and ADR 0015).

* ``resident_name_idx`` gains the id: it is then the list's whole order (name, then id).
* The name keys' resident index gains the key, and the foreign key's own index on the same column
  goes. Dropped by name rather than through AlterField, which on SQLite would copy the whole
  table (millions of rows at a district) to change nothing else.
"""

import django.db.models.deletion
from django.db import migrations, models

FOREIGN_KEY_INDEX = "registry_residentnamekey_resident_id_e6e3e223"


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("registry", "0002_import_batch"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="resident", name="resident_name_idx"),
        migrations.AddIndex(
            model_name="resident",
            index=models.Index(fields=["basic_status", "name", "id"], name="resident_name_idx"),
        ),
        migrations.RemoveIndex(model_name="residentnamekey", name="namekey_resident_idx"),
        migrations.AddIndex(
            model_name="residentnamekey",
            index=models.Index(fields=["resident", "key"], name="namekey_resident_idx"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="residentnamekey",
                    name="resident",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="name_keys",
                        to="registry.resident",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {FOREIGN_KEY_INDEX}",
                    reverse_sql=(
                        f"CREATE INDEX {FOREIGN_KEY_INDEX} "
                        "ON registry_residentnamekey (resident_id)"
                    ),
                ),
            ],
        ),
    ]
