"""URLs of the assessment (included at the root by the project's URLs)."""

from django.urls import path

from fupin.assessment import views

urlpatterns = [
    path("assessments/", views.AssessmentListView.as_view(), name="assessment-list"),
    path("assessments/new/", views.AssessmentCreateView.as_view(), name="assessment-new"),
    path("assessments/appeals/", views.AppealListView.as_view(), name="appeal-list"),
    path("assessments/appeals/<int:pk>/", views.AppealView.as_view(), name="appeal-detail"),
    path("assessments/appeals/<int:pk>/decide/", views.AppealDecideView.as_view(),
         name="appeal-decide"),
    path("assessments/appeals/<int:pk>/evidence/", views.AppealEvidenceUploadView.as_view(),
         name="appeal-evidence-upload"),
    path("assessments/appeals/<int:pk>/evidence/<int:evidence>/",
         views.AppealEvidenceView.as_view(), name="appeal-evidence"),
    path("assessments/<int:pk>/", views.AssessmentView.as_view(), name="assessment-detail"),
    path("assessments/<int:pk>/step/", views.AssessmentStepView.as_view(),
         name="assessment-step"),
    path("assessments/<int:pk>/sample/", views.SampleListView.as_view(),
         name="assessment-sample"),
    path("assessments/<int:pk>/xlsform/", views.XLSFormView.as_view(),
         name="assessment-xlsform"),
    path("assessments/<int:pk>/field/", views.FieldListView.as_view(),
         name="assessment-field"),
    path("assessments/<int:pk>/field/<int:unit>/", views.FieldFormView.as_view(),
         name="assessment-field-unit"),
    path("assessments/<int:pk>/report/", views.ReportView.as_view(),
         name="assessment-report"),
    path("assessments/<int:pk>/appeal/", views.AppealCreateView.as_view(),
         name="appeal-new"),
]
