"""The HTTP API: django-ninja, OpenAPI 3 at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from fupin.accountability.api import router as accountability_router
from fupin.accounts.services import user_for_token
from fupin.assessment.api import router as assessment_router
from fupin.cases.api import router as cases_router
from fupin.consolidation.api import router as consolidation_router
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


#: Answers every operation may give, documented on each: the gates and the domain's errors.
ERROR_RESPONSES = {
    "400": "Validation or policy error: the request breaks a rule (the message says which)",
    "401": "Not authenticated: log in, or send a valid, unexpired bearer token",
    "403": "Forbidden: your role may not do this",
    "404": "Not found, or outside your region (never said which)",
    "405": "Method not allowed on this path",
    "409": "Conflict: the object changed under you (someone acted first)",
}


class FupinAPI(NinjaAPI):
    """The API whose OpenAPI document lists, on every operation, the error answers the region
    gate, authentication and the domain errors can give (so clients and schemathesis know
    every status an operation returns)."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Error"] = {
            "title": "Error", "type": "object", "required": ["detail"],
            "properties": {"detail": {"type": "string"},
                           "errors": {"type": ["object", "array"]}}}
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                responses = operation.setdefault("responses", {})
                for code, text in ERROR_RESPONSES.items():
                    responses.setdefault(code, {
                        "description": text, "content": {"application/json": {
                            "schema": {"$ref": "#/components/schemas/Error"}}}})
        return schema


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
