"""Friendly error pages. The 500 page renders without the database or a request context: it
must work when the thing that failed is the database."""

from django.http import HttpResponseServerError
from django.template import loader
from django.views import defaults


def page_not_found(request, exception):
    return defaults.page_not_found(request, exception, template_name="404.html")


def permission_denied(request, exception):
    return defaults.permission_denied(request, exception, template_name="403.html")


def server_error(request):
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())
