from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sigap.accounts"
    label = "accounts"
    verbose_name = _("Akun")

    def ready(self) -> None:
        from sigap.accounts import demo, models, selectors
        from sigap.core import audit
        from sigap.core.demo import register_step
        from sigap.core.navigation import NavItem, Panel, register_nav, register_panel
        from sigap.core.roles import Cap

        audit.register(models.User, exclude_fields=["password", "last_login"])
        audit.register(models.UserRole)
        audit.register(models.ApiToken, exclude_fields=["key_hash", "last_used_at"])

        register_nav(
            NavItem("accounts:user_list", _("Pengguna"), (Cap.MANAGE_USERS,), "users", 900)
        )
        register_nav(
            NavItem("accounts:token_list", _("Token API"), (Cap.MANAGE_API_TOKENS,), "key", 920)
        )
        register_panel(
            Panel(
                "users",
                "accounts/_panel_users.html",
                (Cap.MANAGE_USERS,),
                lambda request: selectors.user_summary(),
                order=80,
            )
        )

        register_step("users", demo.build_users)
