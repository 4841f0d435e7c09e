from django.urls import path

from sigap.cases import views, views_documents, views_history, views_referrals

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("baru/<int:resident_id>/", views.case_open, name="case_open"),
    path("ekspor/", views_documents.case_export, name="case_export"),
    path("<int:case_id>/", views.case_detail, name="case_detail"),
    path("<int:case_id>/ubah/", views.case_edit, name="case_edit"),
    path("<int:case_id>/berkas.pdf", views_documents.case_file, name="case_file"),
    path("<int:case_id>/tahap/", views.case_transition, name="case_transition"),
    path("<int:case_id>/tim/", views.case_team, name="case_team"),
    path("<int:case_id>/darurat/", views.break_glass, name="break_glass"),
    path("<int:case_id>/persetujuan/", views.consent_create, name="consent_create"),
    path(
        "<int:case_id>/persetujuan/<int:consent_id>/cabut/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<int:case_id>/asesmen/", views.assessment_edit, name="assessment_edit"),
    path("<int:case_id>/peristiwa/", views.event_create, name="event_create"),
    path("<int:case_id>/sesi/", views.session_create, name="session_create"),
    path("<int:case_id>/tujuan/", views.goal_create, name="goal_create"),
    path("<int:case_id>/tindakan/", views.plan_action_create, name="plan_action_create"),
    path(
        "<int:case_id>/tindakan/<int:action_id>/status/",
        views.plan_action_status,
        name="plan_action_status",
    ),
    path("<int:case_id>/riwayat/", views_history.case_history, name="case_history"),
    path("<int:case_id>/rujuk/", views_referrals.referral_create, name="referral_create"),
    path(
        "<int:case_id>/rujuk/pilihan/",
        views_referrals.referral_choices,
        name="referral_choices",
    ),
    path("rujukan/", views_referrals.referral_inbox, name="referral_inbox"),
    path("rujukan/<int:referral_id>/", views_referrals.referral_detail, name="referral_detail"),
    path(
        "rujukan/<int:referral_id>/surat.pdf",
        views_documents.referral_letter,
        name="referral_letter",
    ),
    path(
        "rujukan/<int:referral_id>/terima/",
        views_referrals.referral_accept,
        name="referral_accept",
    ),
    path(
        "rujukan/<int:referral_id>/tolak/",
        views_referrals.referral_decline,
        name="referral_decline",
    ),
    path(
        "rujukan/<int:referral_id>/selesai/",
        views_referrals.referral_complete,
        name="referral_complete",
    ),
    path(
        "rujukan/<int:referral_id>/batal/",
        views_referrals.referral_revoke,
        name="referral_revoke",
    ),
]
