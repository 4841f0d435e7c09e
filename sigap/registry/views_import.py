"""Import pages: upload → check (dry run) → write all or nothing, with progress for big files."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.core.access import require_capability
from sigap.core.htmx import is_htmx
from sigap.core.models import Village
from sigap.core.roles import Cap
from sigap.core.spreadsheets import write_xlsx
from sigap.registry import importing, tasks
from sigap.registry.forms import ImportForm
from sigap.registry.models import ImportBatch

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _batch_or_404(pk: int) -> ImportBatch:
    batch = ImportBatch.objects.select_related("created_by", "village").filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch


def _rows_in(content: bytes, name: str) -> int:
    """A cheap size estimate to choose between the request and the background worker."""
    if name.lower().endswith(".csv"):
        return content.count(b"\n")
    return len(content) // 60  # an XLSX row of this layout compresses to about 60 bytes


@require_capability(Cap.IMPORT_REGISTRY)
def import_start(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    village = Village.objects.order_by("pk").first()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if village is None:
            form.add_error(None, _("Desa belum dibuat; buat desa dan dusunnya dulu."))
        elif upload.size > importing.MAX_BYTES:
            form.add_error("file", _("Berkas lebih dari 20 MB; bagi menjadi beberapa berkas."))
        else:
            content = upload.read()
            batch = ImportBatch.objects.create(
                created_by=request.user,
                village=village,
                file_name=upload.name[:200],
                content=content,
                status=ImportBatch.Status.QUEUED,
            )
            if _rows_in(content, upload.name) <= tasks.SYNC_ROWS:
                tasks.check_batch(batch)
            else:
                tasks.check_import.enqueue(batch.pk)
            return redirect("registry:import_detail", batch_id=batch.pk)
    recent = ImportBatch.objects.select_related("created_by").defer("content")[:10]
    return render(
        request,
        "registry/import_start.html",
        {"form": form, "recent": recent, "title": _("Impor penduduk")},
        status=400 if form.errors else 200,
    )


@require_capability(Cap.IMPORT_REGISTRY)
def import_detail(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = _batch_or_404(batch_id)
    context = {"batch": batch, "problems": batch.problems[:200], "title": _("Impor penduduk")}
    if is_htmx(request):
        return render(request, "registry/_import_status.html", context)
    return render(request, "registry/import_detail.html", context)


@require_capability(Cap.IMPORT_REGISTRY)
@require_POST
def import_commit(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = _batch_or_404(batch_id)
    if batch.status != ImportBatch.Status.CHECKED or batch.problem_count:
        messages.error(request, _("Impor ini tidak dapat disimpan: perbaiki dulu masalahnya."))
        return redirect("registry:import_detail", batch_id=batch.pk)
    if batch.rows_total <= tasks.SYNC_ROWS:
        batch = tasks.write_batch(batch)
        if batch.status == ImportBatch.Status.DONE:
            messages.success(request, _("Data penduduk disimpan."))
    else:
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.QUEUED)
        tasks.write_import.enqueue(batch.pk)
    return redirect("registry:import_detail", batch_id=batch.pk)


@require_capability(Cap.IMPORT_REGISTRY)
def import_problems(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = _batch_or_404(batch_id)
    rows = [(p["row"], p["column"], p["value"], p["reason"]) for p in batch.problems]
    response = HttpResponse(
        write_xlsx(["Baris", "Kolom", "Nilai", "Masalah"], rows, sheet="Masalah"),
        content_type=XLSX,
    )
    response["Content-Disposition"] = f'attachment; filename="masalah-impor-{batch.pk}.xlsx"'
    return response


@require_capability(Cap.IMPORT_REGISTRY)
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(importing.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-penduduk-sigap.xlsx"'
    return response
