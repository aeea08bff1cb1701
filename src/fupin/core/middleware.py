"""Turn domain errors into HTTP answers in one place."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from fupin.core.errors import Forbidden, NotFound


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFound):
            raise Http404(str(exception)) from exception
        if isinstance(exception, Forbidden):
            raise PermissionDenied(str(exception)) from exception
        return None


class ChineseFirstMiddleware:
    """Chinese unless the user chose otherwise: the browser's Accept-Language is ignored.

    County offices often run English-language systems; the UI language is the user's explicit
    choice (the language cookie set by the switch in the header), else ``LANGUAGE_CODE``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
