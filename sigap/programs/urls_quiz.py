"""Knowledge tests, certificates and follow-up; included by ``urls.py`` into ``programs:``."""

from django.urls import path

from sigap.programs import views_quiz as views

urlpatterns = [
    path("bank-soal/", views.question_list, name="question_list"),
    path("bank-soal/baru/", views.question_create, name="question_create"),
    path(
        "bank-soal/<int:question_id>/tidak-dipakai/",
        views.question_retire,
        name="question_retire",
    ),
    path("tes/", views.test_list, name="test_list"),
    path("<int:programme_id>/tes/baru/", views.test_create, name="test_create"),
    path("tes/<int:test_id>/jawaban/", views.test_answers, name="test_answers"),
    path(
        "tes/<int:test_id>/jawaban/<int:resident_id>/",
        views.test_answer_sheet,
        name="test_answer_sheet",
    ),
    path("<int:programme_id>/hasil-tes/", views.test_results, name="test_results"),
    path("<int:programme_id>/sertifikat/", views.certificates, name="certificates"),
    path(
        "<int:programme_id>/sertifikat/<int:resident_id>/",
        views.certificate,
        name="certificate",
    ),
    path("<int:programme_id>/tindak-lanjut/", views.outcome_list, name="outcome_list"),
    path("<int:programme_id>/tindak-lanjut/catat/", views.outcome_record, name="outcome_record"),
]
