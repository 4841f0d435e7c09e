from django.urls import path

from sigap.economy import views, views_loans, views_year

app_name = "economy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("neraca-saldo/", views.trial_balance, name="trial_balance"),
    path("daftar/<int:resident_id>/", views.member_join, name="member_join"),
    path("anggota/<int:member_id>/", views.member_detail, name="member_detail"),
    path("anggota/<int:member_id>/setor/", views.deposit, name="deposit"),
    path("anggota/<int:member_id>/tarik/", views.withdraw, name="withdraw"),
    path("jurnal/<int:entry_id>/koreksi/", views.entry_reverse, name="entry_reverse"),
    path("produk/", views_loans.product_list, name="product_list"),
    path("pinjaman/", views_loans.loan_list, name="loan_list"),
    path("anggota/<int:member_id>/pinjaman/", views_loans.loan_apply, name="loan_apply"),
    path("pinjaman/<int:loan_id>/", views_loans.loan_detail, name="loan_detail"),
    path("pinjaman/<int:loan_id>/putuskan/", views_loans.loan_decide, name="loan_decide"),
    path("pinjaman/<int:loan_id>/cairkan/", views_loans.loan_disburse, name="loan_disburse"),
    path(
        "pinjaman/<int:loan_id>/batal-cair/",
        views_loans.disbursement_reverse,
        name="disbursement_reverse",
    ),
    path("pinjaman/<int:loan_id>/bayar/", views_loans.repayment_record, name="repayment_record"),
    path(
        "pinjaman/<int:loan_id>/lunasi/",
        views_loans.repayment_record,
        {"settle": True},
        name="loan_settle",
    ),
    path(
        "pembayaran/<int:repayment_id>/koreksi/",
        views_loans.repayment_reverse,
        name="repayment_reverse",
    ),
    path("anggota/<int:member_id>/keluar/", views_year.member_exit, name="member_exit"),
    path("kas/", views_year.cash_entry, name="cash_entry"),
    path("tutup-buku/", views_year.year_end_list, name="year_end_list"),
    path("tutup-buku/<int:year>/", views_year.year_end_detail, name="year_end_detail"),
    path("tutup-buku/<int:year>/bagikan/", views_year.shu_pay, name="shu_pay"),
    path("tutup-buku/<int:year>/laporan-rat.pdf", views_year.rat_pdf, name="rat_pdf"),
]
