"""The HTTP API: django-ninja, OpenAPI 3 at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from fupin.accounts.services import user_for_token
from fupin.cases.api import router as cases_router
from fupin.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from fupin.households.api import router as households_router


class TokenAuth(HttpBearer):
    """``Authorization: Bearer fpn_…`` for machine clients."""

    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="fupin API",
    version="1",
    description="Monitoring, evaluation and accountability for rural poverty alleviation. "
    "Every endpoint is scoped to the caller's division.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)
api.add_router("/", households_router)
api.add_router("/", cases_router)


@api.exception_handler(NotFound)
def _not_found(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=404)


@api.exception_handler(Forbidden)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=403)


@api.exception_handler(ValidationFailed)
def _invalid(request, exc):
    return api.create_response(request, {"detail": str(exc), "errors": exc.errors}, status=422)


@api.exception_handler(Conflict)
def _conflict(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=409)
