from django.urls import path

from sigap.programs import views, views_quiz

app_name = "programs"

urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("baru/", views.programme_create, name="programme_create"),
    path("kalender/", views.calendar_view, name="calendar"),
    path("kapasitas/", views.capacity, name="capacity"),
    path("analitik/", views.analytics, name="analytics"),
    path("<int:programme_id>/", views.programme_detail, name="programme_detail"),
    path("<int:programme_id>/ubah/", views.programme_edit, name="programme_edit"),
    path("<int:programme_id>/sasaran/", views.targeting, name="targeting"),
    path("<int:programme_id>/undangan/", views.invitation_list, name="invitation_list"),
    path("<int:programme_id>/undangan/cetak/", views.invitation_print, name="invitation_print"),
    path("undangan/<int:invitation_id>/hapus/", views.invitation_remove, name="invitation_remove"),
    path("<int:programme_id>/sesi/baru/", views.session_create, name="session_create"),
    path("sesi/<int:session_id>/", views.session_detail, name="session_detail"),
    path("sesi/<int:session_id>/ubah/", views.session_edit, name="session_edit"),
    path("sesi/<int:session_id>/batal/", views.session_cancel, name="session_cancel"),
    path("sesi/<int:session_id>/hadir/", views.attendance_mark, name="attendance_mark"),
    path("sesi/<int:session_id>/cari/", views.walk_in_search, name="walk_in_search"),
    path("sesi/<int:session_id>/qr.svg", views.session_qr, name="session_qr"),
    path(
        "sesi/<int:session_id>/daftar-hadir.pdf",
        views.session_attendance_pdf,
        name="session_attendance_pdf",
    ),
    path("hadir/<str:token>/", views.checkin, name="checkin"),
    # Knowledge tests, certificates and follow-up (views_quiz)
    path("bank-soal/", views_quiz.question_list, name="question_list"),
    path("bank-soal/baru/", views_quiz.question_create, name="question_create"),
    path(
        "bank-soal/<int:question_id>/tidak-dipakai/",
        views_quiz.question_retire,
        name="question_retire",
    ),
    path("tes/", views_quiz.test_list, name="test_list"),
    path("<int:programme_id>/tes/baru/", views_quiz.test_create, name="test_create"),
    path("tes/<int:test_id>/jawaban/", views_quiz.test_answers, name="test_answers"),
    path(
        "tes/<int:test_id>/jawaban/<int:resident_id>/",
        views_quiz.test_answer_sheet,
        name="test_answer_sheet",
    ),
    path("<int:programme_id>/hasil-tes/", views_quiz.test_results, name="test_results"),
    path("<int:programme_id>/sertifikat/", views_quiz.certificates, name="certificates"),
    path(
        "<int:programme_id>/sertifikat/<int:resident_id>/",
        views_quiz.certificate,
        name="certificate",
    ),
    path("<int:programme_id>/tindak-lanjut/", views_quiz.outcome_list, name="outcome_list"),
    path(
        "<int:programme_id>/tindak-lanjut/catat/", views_quiz.outcome_record, name="outcome_record"
    ),
]
