"""The HTTP API: django-ninja, OpenAPI 3 at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

import functools

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from fupin.accountability.api import router as accountability_router
from fupin.accounts.services import user_for_token
from fupin.assessment.api import router as assessment_router
from fupin.cases.api import router as cases_router
from fupin.consolidation.api import router as consolidation_router
from fupin.core.api import document_errors
from fupin.core.api import router as core_router
from fupin.core.errors import DomainError, http_status
from fupin.dashboards.measures_api import router as measures_router
from fupin.ecommerce.api import router as ecommerce_router
from fupin.evaluation.api import router as evaluation_router
from fupin.households.api import router as households_router
from fupin.monitoring.api import router as monitoring_router
from fupin_engine.policy.loader import PolicyError


class TokenAuth(HttpBearer):
    """``Authorization: Bearer fpn_…`` for machine clients."""

    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class FupinAPI(NinjaAPI):
    """The API whose OpenAPI document lists, on every operation, the error answers the region
    gate, authentication, the domain errors and the transport can give
    (``fupin.core.api.ERROR_RESPONSES``), and which gives every one of them as JSON: a path
    it has not is a JSON 404 and a method a path does not take a JSON 405 (not Django's HTML
    pages), so clients and schemathesis get the documented body for every status."""

    def get_openapi_schema(self, *args, **kwargs):
        return document_errors(super().get_openapi_schema(*args, **kwargs))

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = _json_not_allowed(pattern.callback)
        return [*patterns, re_path(r"", _not_found)], app_name, namespace


def _error(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def _json_not_allowed(view):
    @functools.wraps(view)  # keeps csrf_exempt: the API authenticates every request itself
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            answer = _error(405, "method not allowed")
            answer["Allow"] = response["Allow"]
            return answer
        return response
    return wrapper


@csrf_exempt
def _not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    return _error(404, "not found")


api = FupinAPI(
    title="fupin API",
    version="1",
    description="Monitoring, evaluation and accountability for rural poverty alleviation. "
    "Every endpoint is scoped to the caller's division.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)
api.add_router("/", households_router)
api.add_router("/", cases_router)
api.add_router("/", core_router)
api.add_router("/", accountability_router)
api.add_router("/", ecommerce_router)
api.add_router("/", evaluation_router)
api.add_router("/", monitoring_router)
api.add_router("/", measures_router)
api.add_router("/", assessment_router)
api.add_router("/", consolidation_router)


@api.exception_handler(DomainError)
def _domain_error(request, exc):
    status = http_status(exc) or 400
    body = {"detail": str(exc)}
    if getattr(exc, "errors", None):
        body["errors"] = exc.errors
    return api.create_response(request, body, status=status)


@api.exception_handler(PolicyError)
def _policy_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(NinjaValidationError)
def _schema_error(request, exc):
    """A request that does not match its schema is a validation error like any other: 400."""
    return api.create_response(request, {"detail": "invalid request", "errors": exc.errors},
                               status=400)


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE: 413 (Django's own answer is an HTML 400)."""
    return api.create_response(request, {"detail": "request body too large"}, status=413)
