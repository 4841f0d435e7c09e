"""Background work of the registry: checking and writing imports."""

import hashlib
import logging
import time

from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from sigap.core.bulk import refresh_statistics
from sigap.registry import importing
from sigap.registry.models import Household, ImportBatch, Membership, Resident, ResidentNameKey

log = logging.getLogger(__name__)
UNEXPECTED = (
    "Terjadi kesalahan saat memproses berkas; tidak ada yang disimpan. Beri tahu pengelola SIGAP "
    "nomor impor ini."
)
PROBLEMS_KEPT = 5000  # shown and downloadable; the count says how many there were in all
SYNC_ROWS = 3000  # files up to this size are handled inside the request
ANALYZE_AFTER = 10_000  # rows written; then the planner's statistics are refreshed


def _progress(batch_id: int, every: float = 0.5):
    """Progress for the bar, written at most every ``every`` seconds: on SQLite each write
    rewrites the batch's row with the whole file in it (a second per 100 writes of 10 MB)."""
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= every:
            last[0] = now
            ImportBatch.objects.filter(pk=batch_id).update(rows_done=done, rows_total=total)

    return report


def _failed(batch: ImportBatch, message: str) -> ImportBatch:
    batch.status, batch.error = ImportBatch.Status.FAILED, message
    batch.save(update_fields=["status", "error", "updated_at"])
    return batch


def refresh_tables(*models) -> None:
    """After a large write: the planner's statistics, and on PostgreSQL a VACUUM of the name
    keys, which marks their new pages all-visible so that searches read the keys from the index
    alone (without it, each key of a common name costs a visit to the table: a search of 40 ms
    took 300). Autovacuum would get there eventually, or never where it is switched off. VACUUM
    cannot run inside a transaction; there (tests) statistics alone."""
    refresh_statistics(*models)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM registry_residentnamekey")


# The file this process checked last, parsed (about 50 MB for 100,000 rows). Its write usually
# follows in the same worker; it then skips reading and parsing the file again (a third of the
# write's time), but still checks every row against the registry as it is at that moment.
_last_parsed: dict[tuple, importing.ParsedFile] = {}


def _parsed(batch: ImportBatch) -> importing.ParsedFile:
    content = bytes(batch.content)
    key = (batch.file_name, hashlib.sha256(content).digest())
    parsed = _last_parsed.get(key)
    if parsed is None or parsed.today != timezone.localdate():
        parsed = importing.parse_file(importing.read_table(content, batch.file_name))
        _last_parsed.clear()
        _last_parsed[key] = parsed
    return parsed


def check_batch(batch: ImportBatch) -> ImportBatch:
    """Dry run: read and check the file, keep counts and problems, write nothing else."""
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.CHECKING)
    try:
        plan = importing.plan_parsed(
            _parsed(batch),
            village=batch.village,
            user=batch.created_by,
            progress=_progress(batch.pk),
        )
    except importing.ImportFileError as exc:
        return _failed(batch, str(exc))
    except Exception:  # never leave a batch "in progress" forever
        log.exception("checking import %s failed", batch.pk)
        return _failed(batch, UNEXPECTED)
    batch.status = ImportBatch.Status.CHECKED
    batch.rows_total = batch.rows_done = len(plan.rows)
    batch.counts = {
        action: plan.count(action) for action in ("create", "update", "unchanged", "refused")
    } | {"ignored_columns": plan.ignored_columns}
    batch.problems = [vars(p) for p in plan.problems[:PROBLEMS_KEPT]]
    batch.problem_count = len(plan.problems)
    batch.save()
    return batch


def write_batch(batch: ImportBatch) -> ImportBatch:
    """Check again (the registry may have changed since the dry run) and write all or nothing."""
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.WRITING, rows_done=0)
    try:
        parsed = _parsed(batch)
        _last_parsed.clear()  # written or refused: either way it is not needed again
        plan = importing.plan_parsed(parsed, village=batch.village, user=batch.created_by)
        if plan.problems:
            batch.status = ImportBatch.Status.CHECKED
            batch.problems = [vars(p) for p in plan.problems[:PROBLEMS_KEPT]]
            batch.problem_count = len(plan.problems)
            batch.error = "Data desa berubah sejak pemeriksaan; ada baris yang kini ditolak."
            batch.save()
            return batch
        with transaction.atomic():
            written = importing.apply_plan(
                plan, village=batch.village, user=batch.created_by, progress=_progress(batch.pk)
            )
    except importing.ImportFileError as exc:
        return _failed(batch, str(exc))
    except Exception:  # the transaction rolled back: nothing was written
        log.exception("writing import %s failed", batch.pk)
        return _failed(batch, UNEXPECTED)
    if written["created"] + written["updated"] >= ANALYZE_AFTER:
        refresh_tables(Resident, ResidentNameKey, Household, Membership)
    batch.status = ImportBatch.Status.DONE
    batch.counts = batch.counts | {"written": written}
    batch.rows_done = batch.rows_total
    batch.written_at = timezone.now()
    batch.error = ""
    batch.save()
    return batch


@task()
def check_import(batch_id: int) -> None:
    check_batch(ImportBatch.objects.get(pk=batch_id))


@task()
def write_import(batch_id: int) -> None:
    write_batch(ImportBatch.objects.get(pk=batch_id))
