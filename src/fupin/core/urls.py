"""URLs of the platform's own screens: the first screen, the audit trail, the exchange
(included at the root by the project's URLs)."""

from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from fupin.core import audit_views, inbox_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", RedirectView.as_view(url=static("fupin/favicon.svg")), name="favicon"),
    path("audit/", audit_views.AuditListView.as_view(), name="audit-list"),
    path("audit/verify/", views.AuditVerifyView.as_view(), name="audit-verify"),
    path("audit/<int:seq>/rows/", audit_views.BatchRowsView.as_view(), name="audit-batch-rows"),
    path("exchange/", include("fupin.core.exchange_urls")),
    # The one inbox across every workflow ("My work"); its first address was the cases'.
    path("cases/", inbox_views.InboxView.as_view(), name="case-inbox"),
    path("inbox/", inbox_views.InboxView.as_view(), name="inbox"),
    path("inbox/batch/", inbox_views.InboxBatchView.as_view(), name="inbox-batch"),
    path("inbox/notifications/", inbox_views.NotificationListView.as_view(),
         name="notifications"),
    path("inbox/notifications/read/", inbox_views.NotificationReadAllView.as_view(),
         name="notifications-read-all"),
    path("inbox/notifications/<int:pk>/read/", inbox_views.NotificationReadView.as_view(),
         name="notification-read"),
]
