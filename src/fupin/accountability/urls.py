"""URLs of accountability (included at the root by the project's URLs)."""

from django.urls import path

from fupin.accountability import views

urlpatterns = [
    path("accountability/", views.FindingListView.as_view(), name="finding-list"),
    path("accountability/new/", views.FindingCreateView.as_view(), name="finding-new"),
    path("accountability/dashboard/", views.DashboardView.as_view(),
         name="accountability-dashboard"),
    path("accountability/report/", views.StatusReportView.as_view(),
         name="accountability-report"),
    path("accountability/actions/", views.ActionListView.as_view(), name="action-list"),
    path("accountability/actions/<int:pk>/decide/", views.ActionDecideView.as_view(),
         name="action-decide"),
    path("accountability/actions/<int:pk>/recovery/", views.RecoveryView.as_view(),
         name="action-recovery"),
    path("accountability/<int:pk>/", views.FindingView.as_view(), name="finding-detail"),
    path("accountability/<int:pk>/step/", views.StepView.as_view(), name="finding-step"),
    path("accountability/<int:pk>/complaint/", views.ComplaintView.as_view(),
         name="finding-complaint"),
    path("accountability/<int:pk>/reveal/", views.RevealView.as_view(), name="finding-reveal"),
    path("accountability/<int:pk>/evidence/", views.EvidenceUploadView.as_view(),
         name="finding-evidence-upload"),
    path("accountability/<int:pk>/evidence/<int:evidence>/", views.EvidenceView.as_view(),
         name="finding-evidence"),
    path("accountability/<int:pk>/actions/", views.ActionCreateView.as_view(),
         name="finding-action-new"),
    path("accountability/<int:pk>/notice/", views.NoticeView.as_view(), name="finding-notice"),
]
