"""The project's URLs: authentication, language, the API, and each app's own ``urls.py``."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from fupin.config.api import api

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("fupin.core.urls")),
    path("", include("fupin.dashboards.urls")),
    path("", include("fupin.households.urls")),
    path("monitoring/", include("fupin.monitoring.urls")),
    path("", include("fupin.cases.urls")),
    path("accounts/", include("fupin.accounts.urls")),
    path("", include("fupin.accountability.urls")),
    path("", include("fupin.ecommerce.urls")),
    path("", include("fupin.evaluation.urls")),
    path("", include("fupin.consolidation.urls")),
    path("", include("fupin.assessment.urls")),
    path("api/", api.urls),
]
