from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "sigap.cases"
    label = "cases"
    verbose_name = _("Pendampingan")

    def ready(self) -> None:
        from sigap.cases import models
        from sigap.core import audit

        for model in (
            models.Case,
            models.CaseWorker,
            models.BreakGlass,
            models.Consent,
            models.Assessment,
            models.TraffickingEvent,
            models.Session,
            models.Goal,
            models.PlanAction,
            models.Referral,
        ):
            audit.register(model)
