"""URLs of the exchange (included under ``exchange/`` by the project's URLs)."""

from django.urls import path

from fupin.core import exchange_lists
from fupin.core import exchange_views as views

urlpatterns = [
    path("", views.ExchangeView.as_view(), name="exchange"),
    path("import/", views.ImportView.as_view(), name="exchange-import"),
    path("export/", views.ExportView.as_view(), name="exchange-export"),
    path("template.xlsx", views.TemplateView.as_view(), name="exchange-template"),
    path("jobs/", exchange_lists.JobListView.as_view(), name="exchange-jobs"),
    path("jobs/<int:pk>/", views.JobView.as_view(), name="exchange-job"),
    path("jobs/<int:pk>/commit/", views.CommitView.as_view(), name="exchange-commit"),
    path("jobs/<int:pk>/retry/", views.RetryView.as_view(), name="exchange-retry"),
    path("jobs/<int:pk>/report.<str:fmt>", views.ReportDownloadView.as_view(),
         name="exchange-report"),
    path("jobs/<int:pk>/download/", views.ExportDownloadView.as_view(),
         name="exchange-download"),
]
