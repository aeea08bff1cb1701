"""Turn domain errors into HTTP answers in one place."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext

from fupin.core.errors import http_status


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """A NUL character in a parameter is refused before any view sees it: no field can
        hold one (PostgreSQL text cannot), and a query with one answered 500."""
        values = [*request.GET.values()]
        # The API reads its own body (django-ninja's schemas refuse NUL there); reading the
        # form here would consume it.
        api = request.path.startswith("/api/")
        if not api and request.method == "POST" and request.content_type in {
                "application/x-www-form-urlencoded", "multipart/form-data"}:
            values += [*request.POST.values()]
        if not any("\x00" in v for v in values if isinstance(v, str)):
            return None
        message = gettext("a parameter contains a NUL character: remove it and send the "
                          "request again")
        if api:
            return JsonResponse({"detail": message}, status=400)
        return render(request, "core/error.html", {"status": 400, "message": message},
                      status=400)

    def process_exception(self, request, exception):
        status = http_status(exception)
        if status is None:
            return None
        if status == 404:
            raise Http404(str(exception)) from exception
        if status == 403:
            raise PermissionDenied(str(exception)) from exception
        # 400 (validation, policy) and 409 (conflict): say what is wrong and what to do next.
        template = ("core/_error.html" if request.headers.get("HX-Request")
                    else "core/error.html")
        return render(request, template, {"status": status, "message": str(exception),
                                          "errors": getattr(exception, "errors", {})},
                      status=status)


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


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every response to a signed-in user (or API token).

    Such pages carry personal data (names, identity numbers, incomes); no browser or proxy
    cache may keep them. Static files are answered earlier by whitenoise and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, no_cache=True, must_revalidate=True,
                                private=True, max_age=0)
            response["Pragma"] = "no-cache"
        return response
