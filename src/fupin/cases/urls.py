"""URLs of the case procedure (included at the root by the project's URLs)."""

from django.urls import path

from fupin.cases import approvals, printing, views

urlpatterns = [
    path("cases/dashboard/", views.CaseDashboardView.as_view(), name="case-dashboard"),
    path("cases/notices/", views.NoticeListView.as_view(), name="case-notices"),
    path("cases/notices/print/", printing.NoticePrintView.as_view(), name="case-notice-print"),
    path("cases/approvals/", approvals.ApprovalListView.as_view(), name="case-approvals"),
    path("cases/feeds/", views.FeedView.as_view(), name="case-feed"),
    path("cases/<int:pk>/", views.CaseView.as_view(), name="case-detail"),
    path("cases/<int:pk>/decision/", printing.DecisionPrintView.as_view(),
         name="case-decision-print"),
    path("cases/<int:pk>/step/", views.StepView.as_view(), name="case-step"),
    path("cases/<int:pk>/measures/", views.MeasureView.as_view(), name="case-measure"),
    path("cases/<int:pk>/visits/", views.VisitView.as_view(), name="case-visit"),
    path("cases/<int:pk>/objections/", views.ObjectionView.as_view(), name="case-objections"),
    path("cases/<int:pk>/objections/<int:objection>/answer/",
         views.ObjectionAnswerView.as_view(), name="case-objection-answer"),
    path("cases/<int:pk>/attachments/", views.AttachmentUploadView.as_view(),
         name="case-attachments"),
    path("cases/<int:pk>/attachments/<int:attachment>/", views.AttachmentView.as_view(),
         name="case-attachment"),
    path("cases/report/<str:household_id>/", views.SelfReportView.as_view(),
         name="case-self-report"),
    path("cases/households/<str:household_id>/sheet/", printing.HouseholdSheetView.as_view(),
         name="case-household-sheet"),
    path("cases/households/<str:household_id>/", views.HouseholdTimelineView.as_view(),
         name="case-household-timeline"),
]
