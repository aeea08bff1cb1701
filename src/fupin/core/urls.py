"""URLs of the platform's own screens: the first screen, the audit trail, the exchange
(included at the root by the project's URLs)."""

from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from fupin.core import audit_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", RedirectView.as_view(url=static("fupin/favicon.svg")), name="favicon"),
    path("audit/", audit_views.AuditListView.as_view(), name="audit-list"),
    path("audit/verify/", views.AuditVerifyView.as_view(), name="audit-verify"),
    path("exchange/", include("fupin.core.exchange_urls")),
    # The one inbox across every workflow ("My work"); its first address was the cases'.
    path("cases/", views.InboxView.as_view(), name="case-inbox"),
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("inbox/notifications/<int:pk>/read/", views.NotificationReadView.as_view(),
         name="notification-read"),
]
