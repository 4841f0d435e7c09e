"""Background work of the registry: checking and writing imports."""

import logging

from django.db import transaction
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


def _progress(batch_id: int):
    def report(done: int, total: int) -> None:
        ImportBatch.objects.filter(pk=batch_id).update(rows_done=done, rows_total=total)

    return report


def _failed(batch: ImportBatch, message: str) -> ImportBatch:
    batch.status, batch.error = ImportBatch.Status.FAILED, message
    batch.save(update_fields=["status", "error", "updated_at"])
    return batch


def check_batch(batch: ImportBatch) -> ImportBatch:
    """Dry run: read and check the file, keep counts and problems, write nothing else."""
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.CHECKING)
    try:
        table = importing.read_table(bytes(batch.content), batch.file_name)
        plan = importing.plan_import(
            table, village=batch.village, user=batch.created_by, progress=_progress(batch.pk)
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
        table = importing.read_table(bytes(batch.content), batch.file_name)
        plan = importing.plan_import(table, village=batch.village, user=batch.created_by)
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
        refresh_statistics(Resident, ResidentNameKey, Household, Membership)
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
