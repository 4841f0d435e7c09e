from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "sigap.economy"
    label = "economy"
    verbose_name = _("Koperasi")

    def ready(self) -> None:
        from sigap.core import audit
        from sigap.core.demo import register_step
        from sigap.core.navigation import (
            NavItem,
            Panel,
            Section,
            register_nav,
            register_panel,
            register_section,
        )
        from sigap.core.roles import Cap
        from sigap.economy import demo, models, sections

        # Journal entries are append-only: their creation is the record; members are audited.
        audit.register(models.Cooperative)
        audit.register(models.Member)
        audit.register(models.LoanProduct)
        audit.register(models.Loan, exclude_fields=["outstanding_principal", "oldest_unpaid_due"])
        audit.register(models.Repayment)
        audit.register(models.YearEnd)
        register_nav(
            NavItem("economy:overview", _("Koperasi"), (Cap.MANAGE_COOPERATIVE,), "key", 400)
        )
        register_panel(
            Panel(
                "cooperative",
                "economy/_panel_loans.html",
                (Cap.MANAGE_COOPERATIVE,),
                sections.panel,
                order=10,
            )
        )
        register_section(
            Section(
                "resident_cooperative",
                "resident",
                "economy/_resident_membership.html",
                (Cap.MANAGE_COOPERATIVE,),
                sections.resident_membership,
                order=50,
            )
        )
        register_step("cooperative", demo.build_cooperative)
