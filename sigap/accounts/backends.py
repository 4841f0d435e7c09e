from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """Checks user name and password only.

    Permissions come from the role table alone (django-rules, ``sigap.<capability>``); Django's
    per-user and per-group permissions, and the superuser flag, grant nothing in SIGAP.
    """

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return False

    def has_module_perms(self, user_obj, app_label) -> bool:
        return False

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        return set()
